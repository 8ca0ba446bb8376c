// SellerDesk browser glue: loads the inbox from IndexedDB before main() runs, forwards input to
// the Wasm app, paces frames (full rate while the user interacts, about once a second when idle),
// flushes the IDBFS mount when the app asks, and exposes the automation bridge window.sellerdesk.
'use strict';
(function () {
  const canvas = document.getElementById('canvas');
  const statusEl = document.getElementById('status');
  const bridge = { ready: false };
  window.sellerdesk = bridge;
  const startMarks = {};   // start-up milestones, ms since navigation (state().startup)

  // The Canvas 2D renderer and the test that chooses it (web/render2d.js) must be there before
  // main() runs, which picks the renderer; it loads while the app's code downloads.
  const render2dLoaded = new Promise(function (resolve) {
    const s = document.createElement('script');
    s.src = 'render2d.js';
    s.onload = s.onerror = function () { resolve(); };
    document.head.appendChild(s);
  });

  function showStatus(text, isError) {
    statusEl.textContent = text;
    statusEl.className = isError ? 'error' : '';
    statusEl.style.display = text ? 'block' : 'none';
  }

  // ---- frame pacing ----------------------------------------------------------------------------
  // sd_frame's answer: the delay in ms before the next frame, 0 for the next animation frame, or
  // less than 0 for "as soon as the page is free" (an import's steps that need no display refresh).
  let activeUntil = 0, rafPending = false, rafId = 0, timer = null, running = false, soonPending = false;
  const soon = new MessageChannel();
  soon.port1.onmessage = function () { if (soonPending) tick(); };
  function tick() {
    rafPending = false;
    soonPending = false;
    timer = null;
    let delay = 1000;
    try { delay = Module._sd_frame(); } catch (e) { console.error(e); showStatus('SellerDesk stopped: ' + e, true); return; }
    if (startMarks.first_frame === undefined) {
      startMarks.first_frame = performance.now();
      readArriving();   // the deferred message texts, now that the list is on screen
    }
    schedule(delay);
  }
  // A frame at the next repaint, unless one is asked already (or sooner, through `soon`).
  function nextAnimationFrame() {
    if (!rafPending && !soonPending) { rafPending = true; rafId = requestAnimationFrame(tick); }
  }
  function schedule(delay) {
    if (!running) return;
    if (delay < 0) {
      if (rafPending) { cancelAnimationFrame(rafId); rafPending = false; }
      if (timer !== null) { clearTimeout(timer); timer = null; }
      if (!soonPending) { soonPending = true; soon.port2.postMessage(0); }
    } else if (performance.now() < activeUntil || delay === 0) {
      nextAnimationFrame();
    } else if (timer === null && !rafPending) {
      timer = setTimeout(tick, Math.min(delay, 60000));
    }
  }
  function wake(ms) {
    activeUntil = Math.max(activeUntil, performance.now() + (ms === undefined ? 300 : ms));
    if (!running) return;
    if (timer !== null) { clearTimeout(timer); timer = null; }
    nextAnimationFrame();
  }

  // ---- saving to IndexedDB ---------------------------------------------------------------------
  // The inbox's files live in MEMFS under /data and are loaded from IndexedDB by IDBFS before
  // main() runs. Writing back is done here rather than by FS.syncfs: IDBFS loses the error of an
  // aborted transaction (a full quota would leave the save "pending" forever) and commits with
  // relaxed durability. A flush is one readwrite transaction with durability "strict", in IDBFS's
  // own object store and entry format ({timestamp, mode, contents} by path), holding every file
  // changed since the last flush and deleting removed ones: IndexedDB has either all of it or
  // none of it. The app calls persist() after each change (coalescing changes that arrive while a
  // flush runs) and reports the result through sd_platform_persisted. docs/storage.md.
  const MOUNT = '/data';
  const BLOB_FROM = 256 * 1024;   // bytes
  let storedTimes = null;   // path -> mtime (ms) of what IndexedDB holds, null until loaded
  function localEntries() {
    const out = {};
    (function walk(dir) {
      for (const name of FS.readdir(dir)) {
        if (name === '.' || name === '..') continue;
        const path = dir + '/' + name, st = FS.stat(path);
        out[path] = st;
        if (FS.isDir(st.mode)) walk(path);
      }
    })(MOUNT);
    return out;
  }
  function saveError(err) {
    const name = err && err.name || '';
    if (name === 'QuotaExceededError')
      return 'the browser\'s storage for this site is full (quota exceeded); export your inbox to keep a copy, then free some space';
    return 'IndexedDB refused the write (' + (name ? name + ': ' : '') + (err && err.message || String(err)) + ')';
  }
  // urgent: the page is going away. A flush may be running for an older state, and the next one
  // would only start when it is done, after the page is gone: this one is sent now, beside it
  // (puts of the same files are harmless), and reports nothing (the app's bookkeeping follows
  // the regular flushes).
  function persist(urgent) {
    const report = urgent ? function () {} : function (err) {
      Module.ccall('sd_platform_persisted', null, ['number', 'string'], [err ? 0 : 1, err ? saveError(err) : '']);
      if (!err) { channelPost({ type: 'saved' }); refreshEstimate(); }
    };
    if (role !== 'writer') { report(new Error('this tab is not the one that saves the inbox')); return; }
    // Read everything now, in this task: the files may change as soon as the app runs again.
    let puts = [], removes = [], times = {};
    try {
      const local = localEntries();
      for (const path in local) {
        const st = local[path], t = st.mtime.getTime();
        times[path] = t;
        if (storedTimes[path] === t) continue;
        const entry = { timestamp: st.mtime, mode: st.mode };
        if (FS.isFile(st.mode)) {
          // The file's bytes as MEMFS holds them (a view, no copy yet). A large file goes in as a
          // Blob, which copies it once: IndexedDB then stores a reference instead of serialising
          // 100 MB on this thread (about 13 ms per MB as a Uint8Array in Chromium). A small one
          // is copied, since the app may write to it again before the transaction runs.
          const node = FS.lookupPath(path).node;
          const view = node.contents ? node.contents.subarray(0, node.usedBytes) : new Uint8Array(0);
          entry.contents = view.length > BLOB_FROM ? new Blob([view]) : view.slice();
        }
        puts.push([path, entry]);
      }
      for (const path in storedTimes) if (!(path in local) && !arriving.has(path)) removes.push(path);
      for (const [path, entry] of arriving) times[path] = entry.timestamp.getTime();
    } catch (e) { report(e); return; }
    if (!puts.length && !removes.length) { report(null); return; }
    // The draft being typed alone (draft.json, rewritten on every change) goes with relaxed
    // durability: it reaches the operating system at once, which survives a reload or a crash
    // of the browser; everything else waits for the disk. An urgent flush is relaxed too, so it
    // is done before the page is.
    const draftOnly = !removes.length && puts.length === 1 && /\/draft\.json$/.test(puts[0][0]);
    IDBFS.getDB(MOUNT, function (err, db) {
      if (err) { report(err); return; }
      let tx;
      try {
        tx = db.transaction([IDBFS_STORE], 'readwrite', { durability: urgent || draftOnly ? 'relaxed' : 'strict' });
        const store = tx.objectStore(IDBFS_STORE);
        for (const [path, entry] of puts) store.put(entry, path);
        for (const path of removes.sort().reverse()) store.delete(path);
        if (tx.commit) tx.commit();   // sent now: nothing more will be asked of it
      } catch (e) { report(e); return; }
      tx.oncomplete = function () { if (!urgent) storedTimes = times; report(null); };
      tx.onabort = function () { report(tx.error || new Error('the write was aborted')); };
      tx.onerror = function (e) { e.preventDefault(); };   // the abort that follows reports it
    });
  }
  // Loads what IndexedDB holds into /data: every record whose time differs from the local file's
  // (all of them at start-up; a follower pulls only what the writer changed), and removes local
  // files IndexedDB no longer has. Blobs (large files) are read asynchronously, off this thread.
  // `early` is what readEarly() already read at start-up: only what changed since is read again.
  function pullFromIndexedDB(done, early) {
    IDBFS.getDB(MOUNT, function (err, db) {
      if (err) { done(err); return; }
      readRecords(db).then(function (remote) {
        const names = {};
        for (const [path] of remote) names[path] = true;
        for (const path of Array.from(arriving.keys())) if (!names[path]) arriving.delete(path);   // gone: not wanted
        const local = localEntries();
        const changed = remote.filter(function ([path, entry]) {
          return !arriving.has(path) && (!local[path] || local[path].mtime.getTime() !== entry.timestamp.getTime());
        }).sort(function (a, b) { return a[0] < b[0] ? -1 : 1; });   // folders before their files
        return readContents(changed).then(function (files) {
          writeLocal(files);
          Object.keys(local).filter(function (p) { return !names[p]; }).sort().reverse().forEach(function (p) {
            if (FS.isDir(local[p].mode)) FS.rmdir(p); else FS.unlink(p);
          });
          storedTimes = {};
          const now = localEntries();
          for (const p in now) storedTimes[p] = now[p].mtime.getTime();
          for (const [p, entry] of arriving) storedTimes[p] = entry.timestamp.getTime();
          done(null);
        });
      }).catch(done);
    });
  }
  // Every record of IDBFS's object store: [path, {timestamp, mode, contents}] (Blob contents are
  // handles; nothing large is read yet).
  function readRecords(db) {
    return new Promise(function (resolve, reject) {
      const remote = [];
      const tx = db.transaction([IDBFS_STORE], 'readonly');
      tx.objectStore(IDBFS_STORE).openCursor().onsuccess = function (e) {
        const c = e.target.result;
        if (c) { remote.push([c.primaryKey, c.value]); c.continue(); }
      };
      tx.onabort = function () { reject(tx.error || new Error('reading IndexedDB was aborted')); };
      tx.oncomplete = function () { resolve(remote); };
    });
  }
  // [path, entry] records -> [path, entry, bytes]: Blobs (large files) are read asynchronously.
  function readContents(records) {
    return Promise.all(records.map(function ([path, entry]) {
      const c = entry.contents;
      return c instanceof Blob ? c.arrayBuffer().then(function (b) { return [path, entry, new Uint8Array(b)]; })
                               : Promise.resolve([path, entry, c]);
    }));
  }
  function writeLocal(files) {
    for (const [path, entry, contents] of files) {
      if (FS.isDir(entry.mode)) { FS.mkdirTree(path, entry.mode); }
      else { FS.writeFile(path, contents, { canOwn: true }); }
      FS.utime(path, entry.timestamp, entry.timestamp);
    }
  }

  // ---- start-up: read IndexedDB while the app's code is still downloading and compiling ----------
  // The same database IDBFS opens (named after the mount, version and object store as IDBFS has
  // them). A large inbox's message texts (texts-G.bin) are not waited for: the app shows its list
  // first and fills the texts in when they arrive (src/app/texts.cpp); until then
  // Module.sdArriving(path) is true for that file.
  const IDBFS_VERSION = 21, IDBFS_STORE = 'FILE_DATA';
  // From this size the texts are read after the first frame; ?defer_texts=1 does it for any size
  // (the browser tests use it on a small inbox).
  const DEFER_FROM = /[?&]defer_texts=1(&|$)/.test(location.search) ? 0 : 8 * 1024 * 1024;   // bytes
  const arriving = new Map();           // path -> IndexedDB entry, read after the first frame
  function openEarly() {
    return new Promise(function (resolve, reject) {
      if (typeof indexedDB === 'undefined') { reject(new Error('no IndexedDB')); return; }
      const req = indexedDB.open(MOUNT, IDBFS_VERSION);
      req.onupgradeneeded = function (e) {   // as IDBFS.getDB does
        const db = e.target.result, tx = e.target.transaction;
        const store = db.objectStoreNames.contains(IDBFS_STORE) ? tx.objectStore(IDBFS_STORE) : db.createObjectStore(IDBFS_STORE);
        if (!store.indexNames.contains('timestamp')) store.createIndex('timestamp', 'timestamp', { unique: false });
      };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function (e) { e.preventDefault(); reject(req.error); };
    });
  }
  function readEarly() {
    return openEarly().then(function (db) {
      return readRecords(db).then(function (remote) {
        const wanted = remote.filter(function ([path, entry]) {
          const c = entry.contents;
          if (/\/texts-\d+\.bin$/.test(path) && c instanceof Blob && c.size >= DEFER_FROM) { arriving.set(path, entry); return false; }
          return true;
        });
        return readContents(wanted).then(function (files) {
          files.sort(function (a, b) { return a[0] < b[0] ? -1 : 1; });   // folders before their files
          return { db: db, files: files };
        });
      });
    });
  }
  const early = readEarly();
  early.catch(function () {});   // preRun reports it
  // After the first frame: read the deferred files, one at a time, and hand them to the app.
  function readArriving() {
    const next = arriving.entries().next();
    if (next.done) return;
    const [path, entry] = next.value;
    entry.contents.arrayBuffer().then(function (b) {
      if (arriving.get(path) !== entry) return;   // replaced or deleted meanwhile
      arriving.delete(path);
      writeLocal([[path, entry, new Uint8Array(b)]]);
      if (storedTimes) storedTimes[path] = entry.timestamp.getTime();
      Module.ccall('sd_texts_arrived', null, [], []);
      wake();
    }).catch(function (e) {
      console.warn('reading ' + path + ' from IndexedDB failed', e);
      arriving.delete(path);   // the app finds it missing and recovers (src/app/texts.cpp)
      Module.ccall('sd_texts_arrived', null, [], []);
      wake();
    }).finally(readArriving);
  }

  // Flush at once when the page is hidden or left (tab switch, lid closed, tab closed): the app
  // saves the open draft and writes whatever is pending.
  function flushNow() {
    if (!running || role !== 'writer') return;
    Module.ccall('sd_flush_now', null, [], []);   // saves the open draft, starts a flush unless one runs
    persist(true);
  }
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') flushNow(); });
  window.addEventListener('pagehide', flushNow);

  // Usage against quota, and whether the browser granted persistent storage (not evicted under
  // storage pressure). Shown in Settings and in state().storage.
  let storage = { usage: null, quota: null, persisted: null }, estimating = false;
  function refreshEstimate() {
    if (estimating || !navigator.storage || !navigator.storage.estimate) return;
    estimating = true;
    Promise.all([navigator.storage.estimate(), navigator.storage.persisted ? navigator.storage.persisted() : Promise.resolve(null)])
      .then(function ([e, p]) {
        storage = { usage: e.usage, quota: e.quota, persisted: p };
        if (running) Module.ccall('sd_storage_estimate', null, ['number', 'number', 'number'], [e.usage || 0, e.quota || 0, p === true ? 1 : p === false ? 0 : -1]);
      })
      .catch(function () {})
      .finally(function () { estimating = false; });
  }

  // ---- several tabs ----------------------------------------------------------------------------
  // One tab saves the inbox: the one holding the Web Lock "sellerdesk-inbox". Another tab opens
  // read-only, follows the writer's saves (a BroadcastChannel message after each flush makes it
  // pull the changed files and replay them) and waits in the lock's queue: when the writer tab
  // closes, it becomes the writer. "Take over" asks the writer to save everything and step down.
  const LOCK = 'sellerdesk-inbox';
  let role = 'writer', becameWriterEarly = false, releaseLock = null, channel = null, pulling = false, pullAgain = false;
  function channelPost(m) { if (channel) channel.postMessage(m); }
  function holdLock(lock) { return new Promise(function (resolve) { releaseLock = resolve; }); }
  function decideRole(done) {
    if (typeof BroadcastChannel === 'function') {
      channel = new BroadcastChannel(LOCK);
      channel.onmessage = function (e) { onChannel(e.data || {}); };
    }
    if (!navigator.locks) { done(); return; }   // no Web Locks: this tab saves
    navigator.locks.request(LOCK, { ifAvailable: true }, function (lock) {
      if (!lock) { role = 'follower'; done(); waitForLock(); return undefined; }
      done();
      return holdLock(lock);
    }).catch(function () { done(); });
  }
  function waitForLock() {
    navigator.locks.request(LOCK, function (lock) {
      // The writer closed its tab or stepped down: load what it saved, then save from here.
      pullFromIndexedDB(function () {
        role = 'writer';
        if (running) Module.ccall('sd_set_role', null, ['number', 'string'], [1, '']);
        else becameWriterEarly = true;   // main() may have loaded as a follower: postRun tells the app
        channelPost({ type: 'writer' });
        wake();
      });
      return holdLock(lock);
    });
  }
  function follow() {
    if (pulling) { pullAgain = true; return; }
    pulling = true;
    pullFromIndexedDB(function (err) {
      pulling = false;
      if (!err && running && role === 'follower') Module.ccall('sd_follow', null, [], []);
      if (pullAgain) { pullAgain = false; follow(); }
      wake();
    });
  }
  function onChannel(m) {
    if (m.type === 'saved' && role === 'follower') follow();
    else if (m.type === 'handover' && role === 'writer' && running) Module.ccall('sd_handover_request', null, [], []);
    else if (m.type === 'handover-refused' && role === 'follower' && running) Module.ccall('sd_set_role', null, ['number', 'string'], [0, m.reason || '']);
  }
  // Called by the app: the writer has saved everything and stops writing (release = 1), or could
  // not save and stays the writer (release = 0, reason).
  function handoverReady(release, reason) {
    if (!release) { channelPost({ type: 'handover-refused', reason: reason }); return; }
    role = 'follower';
    const r = releaseLock;
    releaseLock = null;
    if (r) r();
    waitForLock();
  }
  function requestTakeover() { channelPost({ type: 'handover' }); }

  // ---- text fields ---------------------------------------------------------------------------
  // web/text_fields.js: a browser field over each text field the app draws (src/app/text_field.cpp).
  function makeFields() {
    return window.SellerDeskTextFields({
      input: function (id, text, caret) { Module.ccall('sd_field_input', null, ['string', 'string', 'number'], [id, text, caret]); },
      key: function (id, key, caret) { Module.ccall('sd_field_key', null, ['string', 'string', 'number'], [id, key, caret]); },
      focus: function (id) { Module.ccall('sd_field_focus', null, ['string'], [id]); },
      canvasFocus: function () { canvas.focus({ preventScroll: true }); },
      wake: function () { wake(); },
    });
  }

  // ---- files -----------------------------------------------------------------------------------
  // Import: a file picker, or a file dropped anywhere on the page; the text goes to the app.
  // Large texts (an export can be 100 MB) go through the heap, not ccall's stack copy.
  // A JS string to UTF-8 bytes on the heap, a slice per task: encoding 100 MB in one go would
  // block the page for seconds. First the UTF-8 length is counted (in slices), then one heap block
  // is allocated and the text is encoded straight into it (in slices), so no 100 MB copy is made
  // in a single task. Calls done(error) or done(null, pointer, length); the app takes the block over.
  function encodeToHeap(text, done) {
    const SLICE = 1 << 18;   // UTF-16 units per step
    const encoder = new TextEncoder();
    let at = 0, total = 0, p = 0, written = 0;
    const sliceEnd = function (from) {
      let end = Math.min(text.length, from + SLICE);
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xD800 && last <= 0xDBFF) end--;   // keep a surrogate pair together
      return end;
    };
    function count() {
      const start = performance.now();
      while (at < text.length && performance.now() - start < 12) {
        const end = sliceEnd(at);
        for (let i = at; i < end; i++) {
          const c = text.charCodeAt(i);
          if (c < 0x80) total += 1;
          else if (c < 0x800) total += 2;
          else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < end && (text.charCodeAt(i + 1) & 0xFC00) === 0xDC00) { total += 4; i++; }
          else total += 3;   // the rest of the BMP; a lone surrogate becomes U+FFFD, also 3 bytes
        }
        at = end;
      }
      if (at < text.length) { setTimeout(count, 0); return; }
      p = Module._malloc(total + 1);
      if (!p) { done(new Error('out of memory for a ' + total + '-byte file')); return; }
      at = 0;
      encode();
    }
    function encode() {
      const start = performance.now();
      while (at < text.length && performance.now() - start < 12) {
        const end = sliceEnd(at);
        const r = encoder.encodeInto(text.slice(at, end), Module.HEAPU8.subarray(p + written, p + total));
        written += r.written;
        at = end;
      }
      if (at < text.length) { setTimeout(encode, 0); return; }
      if (written !== total) { Module._free(p); done(new Error('the text changed its length while it was read')); return; }
      Module.HEAPU8[p + total] = 0;
      done(null, p, total);
    }
    count();
  }
  // Handing a 100 MB file to the app is one copy (a fraction of a second); the app then checks
  // and merges it a slice per frame behind its own progress bar. Say so on the page first, and
  // let the browser paint that before the copy.
  function afterPaint(message, fn) {
    showStatus(message);
    requestAnimationFrame(function () {
      setTimeout(function () {
        try { fn(); } finally { showStatus(''); wake(); }
      }, 0);
    });
  }
  function deliverFile(purpose, file) {
    const reader = new FileReader();
    reader.onload = function () {
      const bytes = new Uint8Array(reader.result);
      const head = new TextDecoder().decode(bytes.subarray(0, 4096));
      if (head.indexOf('"sellerdesk-templates"') >= 0 && bytes.length < 8e6) {
        Module.ccall('sd_file_picked', null, ['string', 'string', 'string'], [purpose, file.name, new TextDecoder().decode(bytes)]);
      } else {
        // An export goes to the importer as bytes (no decoding to a JS string and back).
        afterPaint('Reading ' + file.name + '…', function () {
          const p = Module._malloc(bytes.length + 1);
          if (!p) { showStatus('Not enough memory to import ' + file.name, true); return; }
          Module.HEAPU8.set(bytes, p);
          try { Module.ccall('sd_import', 'string', ['number', 'number', 'string', 'number'], [p, bytes.length, file.name, 0]); } finally { Module._free(p); }
        });
      }
      wake();
    };
    reader.readAsArrayBuffer(file);
  }
  function pickFile(purpose, accept) {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = purpose === 'import' && !!window.sdImportFiles;   // mail, CSV and exports at once (web/import_files.js)
    input.onchange = function () {
      if (input.multiple && input.files && input.files.length) window.sdImportFiles.drop(input.files);
      else if (input.files && input.files[0]) deliverFile(purpose, input.files[0]);
    };
    input.click();
  }
  window.addEventListener('dragover', function (e) { e.preventDefault(); });
  window.addEventListener('drop', function (e) {
    e.preventDefault();
    const f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (f && running && window.sdImportFiles) window.sdImportFiles.drop(e.dataTransfer.files);   // every file, any kind
    else if (f && running) deliverFile('drop', f);
  });

  // ---- input -----------------------------------------------------------------------------------
  function mods(e) { return (e.ctrlKey ? 1 : 0) | (e.shiftKey ? 2 : 0) | (e.altKey ? 4 : 0) | (e.metaKey ? 8 : 0); }
  function pos(e) { const r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; }
  function installInput() {
    canvas.addEventListener('mousemove', function (e) { const p = pos(e); Module._sd_input_mouse_pos(p[0], p[1]); wake(); });
    canvas.addEventListener('mousedown', function (e) {
      canvas.focus();
      const p = pos(e); Module._sd_input_mouse_pos(p[0], p[1]);
      Module._sd_input_mouse_button([0, 2, 1][e.button] ?? 0, 1); wake(); e.preventDefault();
    });
    window.addEventListener('mouseup', function (e) {
      const p = pos(e); Module._sd_input_mouse_pos(p[0], p[1]);
      Module._sd_input_mouse_button([0, 2, 1][e.button] ?? 0, 0); wake();
    });
    canvas.addEventListener('mouseleave', function () { Module._sd_input_mouse_pos(-3.4e38, -3.4e38); wake(); });
    canvas.addEventListener('wheel', function (e) {
      const scale = e.deltaMode === 1 ? 1 / 3 : e.deltaMode === 2 ? 10 : 1 / 100;
      Module._sd_input_wheel(-e.deltaX * scale, -e.deltaY * scale); wake(); e.preventDefault();
    }, { passive: false });
    window.addEventListener('keydown', function (e) {
      if (e.isComposing) return;
      const ctrl = e.ctrlKey || e.metaKey;
      // A field asked for by the app but not drawn yet gets these keys when it arrives.
      if (Module.sdFields.typeAhead(e)) { e.preventDefault(); wake(); return; }
      // Shortcuts are decided at once, so a key that moves the focus into a field (/ for search)
      // has it there before the next key arrives.
      if (Module.ccall('sd_shortcut', 'number', ['number', 'number'], [e.keyCode, mods(e)])) { e.preventDefault(); wake(); return; }
      // Let the browser turn Ctrl+V into a paste event (handled below) so ImGui gets the real text.
      if (ctrl && e.keyCode === 86) return;
      if (e.keyCode < 512) Module._sd_input_key(e.keyCode, 1, mods(e));
      if (e.key.length === 1 && !ctrl) Module.ccall('sd_input_text', null, ['string'], [e.key]);
      wake();
      // Keep the page from scrolling or going back on keys the app uses; leave the browser's own
      // shortcuts alone (Ctrl+R, Ctrl+L, F5...) except the text-editing ones ImGui handles.
      const editing = ctrl && (e.keyCode === 65 || e.keyCode === 89 || e.keyCode === 90);   // A, Y, Z
      if ((!ctrl && !/^F\d+$/.test(e.key)) || editing) e.preventDefault();
    });
    window.addEventListener('keyup', function (e) {
      if (e.keyCode < 512) Module._sd_input_key(e.keyCode, 0, mods(e));
      wake();
    });
    window.addEventListener('paste', function (e) {
      const text = (e.clipboardData || window.clipboardData).getData('text') || '';
      Module.ccall('sd_input_paste', null, ['string'], [text]); wake(); e.preventDefault();
    });
    window.addEventListener('focus', function () { Module._sd_input_focus(1); wake(); });
    window.addEventListener('blur', function () { Module._sd_input_focus(0); wake(); });
    window.addEventListener('resize', function () { wake(); });
    // A change of devicePixelRatio (zoom, another monitor) has no event of its own: poll on resize
    // and through a media query.
    const watchDpr = function () {
      matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)').addEventListener('change', function () { wake(); watchDpr(); }, { once: true });
    };
    watchDpr();
  }

  // ---- automation bridge -----------------------------------------------------------------------
  bridge.state = function (options) {
    if (!bridge.ready) return { ready: false };
    const s = JSON.parse(Module.ccall('sd_bridge_state', 'string', ['string'], [JSON.stringify(options || {})]));
    s.storage = { usage: storage.usage, quota: storage.quota, persisted: storage.persisted };
    s.tab = { role: role, locks: !!navigator.locks };
    s.offline_ready = !!(bridge.update && bridge.update.offline_ready);   // web/offline.js
    s.renderer = Module.sdRendererName || 'webgl';
    const st = s.startup || {};
    s.startup = { script_ms: startMarks.script, indexeddb_ms: startMarks.idb, role_ms: startMarks.role, pulled_ms: startMarks.pulled,
                  ready_ms: startMarks.ready, first_frame_ms: startMarks.first_frame, app: st };
    return s;
  };
  bridge.dispatch = function (command) {
    if (!bridge.ready) return { ok: false, error: 'SellerDesk is still loading' };
    const out = JSON.parse(Module.ccall('sd_bridge_dispatch', 'string', ['string'], [JSON.stringify(command)]));
    wake(300);
    return out;
  };

  // Export and import (docs/export-format.md). importJson resolves with the report once the
  // merge, which runs a slice per frame, is done.
  let importWaiter = null;
  bridge.exportJson = function (options) {
    if (!bridge.ready) throw new Error('SellerDesk is still loading');
    const out = Module.ccall('sd_export', 'string', ['string'], [JSON.stringify(options || {})]);
    if (out.charAt(0) === '!') throw new Error(out.slice(1));
    return out;
  };
  bridge.importJson = function (text, options) {
    if (!bridge.ready) return Promise.resolve({ ok: false, error: { message: 'SellerDesk is still loading' } });
    if (typeof text !== 'string') return Promise.resolve({ ok: false, error: { message: 'importJson takes the file text as a string' } });
    if (importWaiter) return Promise.resolve({ ok: false, error: { message: 'another import is still running' } });
    const name = (options && options.name) || 'importJson';
    return new Promise(function (resolve) {
      importWaiter = resolve;   // taken at once: a second call is refused while this one runs
      showStatus('Reading the file…');
      encodeToHeap(text, function (error, p, n) {
        let first;
        try {
          if (error) throw error;
          // The app takes the block over (owned = 1) and frees it once the file is checked.
          first = JSON.parse(Module.ccall('sd_import', 'string', ['number', 'number', 'string', 'number'], [p, n, name, 1]));
        } catch (e) {
          first = { ok: false, error: { message: String(e && e.message || e) } };
        } finally {
          showStatus('');
          wake();
        }
        if (!first.ok || !first.running) {
          importWaiter = null;
          resolve(first);
        }
      });
    });
  };
  function importDone(reportJson) {
    const w = importWaiter;
    importWaiter = null;
    if (w) w(JSON.parse(reportJson));
    else if (Module.sdImportReport) Module.sdImportReport(JSON.parse(reportJson));   // web/import_files.js
  }

  // ---- Emscripten module -----------------------------------------------------------------------
  window.Module = {
    canvas: canvas,
    sdPersist: persist,
    sdArriving: function (path) { return arriving.has(path); },
    sdRole: function () { return role; },
    sdHandoverReady: handoverReady,
    sdTakeover: requestTakeover,
    sdWake: wake,
    // Defaults of platform::preference(): the UI language follows the browser's until the user picks one.
    sdPreferenceDefaults: { language: /^zh/i.test(navigator.language || '') ? 'zh' : 'en' },
    print: function (t) { console.log(t); },
    printErr: function (t) { console.warn(t); },
    setStatus: function (t) { if (t) showStatus(t.replace(/\(.*\)/, '').trim() || 'Loading SellerDesk…'); },
    preRun: [function () {
      // Mount IndexedDB and load it before main(): the app never reads before the data is there.
      FS.mkdir(MOUNT);
      FS.mount(IDBFS, {}, MOUNT);
      Module.addRunDependency('sellerdesk-idbfs');
      Module.addRunDependency('sellerdesk-render2d');
      render2dLoaded.then(function () { Module.removeRunDependency('sellerdesk-render2d'); });
      showStatus('Opening your inbox…');
      startMarks.script = performance.now();
      // What readEarly() read goes into /data; then, with the tab's role known, anything another
      // tab saved meanwhile is pulled too (usually nothing: no file is read twice).
      early.then(function (r) {
        if (!IDBFS.dbs[MOUNT]) IDBFS.dbs[MOUNT] = r.db;
        writeLocal(r.files);
      }).catch(function (err) { console.warn('IndexedDB load failed', err); }).then(function () {
        startMarks.idb = performance.now();
        decideRole(function () {
          startMarks.role = performance.now();
          pullFromIndexedDB(function (err) {
            if (err) console.warn('IndexedDB load failed', err);
            startMarks.pulled = performance.now();
            Module.removeRunDependency('sellerdesk-idbfs');
          });
        });
      });
    }],
    sdPickFile: pickFile,
    sdImportDone: importDone,
    onRuntimeInitialized: function () {
      Module.sdFields = makeFields();
      installInput();
    },
    postRun: [function () {
      startMarks.ready = performance.now();
      running = true;
      if (becameWriterEarly) Module.ccall('sd_set_role', null, ['number', 'string'], [1, '']);
      bridge.ready = true;
      showStatus('');
      wake(500);
      // Ask the browser not to evict the inbox under storage pressure, then show usage / quota.
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {}).finally(refreshEstimate);
      else refreshEstimate();
    }],
    onAbort: function (what) { showStatus('SellerDesk failed to start: ' + what, true); },
  };
})();
