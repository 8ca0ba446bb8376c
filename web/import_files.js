// One import for every kind of file: the page's half (docs/import.md). Files dropped on the page,
// picked with Inbox → Import…, or handed to window.sellerdesk.importFiles are recognised by their
// content (web/mail/records.mjs): SellerDesk exports go to the export import as before; mail is
// decoded with postal-mime in workers (web/mail/worker.mjs), a piece of mailbox each, and CSV is
// decoded to UTF-8 here; the records go to the app in batches (src/app/records_import.h), which
// threads them and merges them like an export, a slice per frame behind its progress bar.
'use strict';
(function () {
  const bridge = window.sellerdesk;
  const PIECE = 1 << 20;            // bytes of mailbox per worker task
  let records = null;               // web/mail/records.mjs, loaded when first needed
  let busy = false;                 // one import at a time
  let reportWaiter = null;          // the app's report of the running import
  let pending = null;               // dropped files waiting for the import dialog's answer

  function load() { return records || (records = import('./mail/records.mjs')); }
  function call(req) { return JSON.parse(Module.ccall('sd_records', 'string', ['string'], [JSON.stringify(req)])); }
  function waitReport() { return new Promise(function (resolve) { reportWaiter = resolve; }); }
  Module.sdImportReport = function (report) {
    const w = reportWaiter;
    reportWaiter = null;
    if (w) w(report);
  };
  // Lets the page draw and take input before going on. A message to itself, not setTimeout(0):
  // nested timers wait at least 4 ms each, which, once per batch of mail, added up to seconds.
  const yieldChannel = new MessageChannel();
  const yielded = [];
  yieldChannel.port1.onmessage = function () { yielded.shift()(); };
  function yieldToPage() { return new Promise(function (resolve) { yielded.push(resolve); yieldChannel.port2.postMessage(0); }); }
  const PUMP_SLICE_MS = 8;          // the page's share of handing batches over before it yields

  async function bytesOf(f) {
    if (f.bytes instanceof Uint8Array) return f.bytes;
    if (f.bytes instanceof ArrayBuffer) return new Uint8Array(f.bytes);
    if (typeof f.arrayBuffer === 'function') return new Uint8Array(await f.arrayBuffer());
    throw new Error('a file is {name, bytes} with bytes a Uint8Array');
  }

  async function classify(files) {
    const mod = await load();
    const out = [];
    for (const f of files) {
      const name = String((f && f.name) || 'file');
      let bytes;
      try { bytes = await bytesOf(f); } catch (e) { out.push({ name, bytes: new Uint8Array(0), kind: 'unknown', reason: e.message }); continue; }
      const s = mod.sniff(bytes);
      out.push({ name, bytes, kind: s.kind, reason: s.reason, code: s.code });
    }
    return out;
  }

  // ---- SellerDesk exports: the export import, as importJson does it, from bytes ----------------------
  async function importExport(item, clearDemo) {
    if (clearDemo) call({ op: 'export_clear_demo' });
    const p = Module._malloc(item.bytes.length + 1);
    if (!p) return { ok: false, error: { message: 'not enough memory for ' + item.name } };
    Module.HEAPU8.set(item.bytes, p);
    const wait = waitReport();
    // The app takes the block over (owned = 1) and frees it once the file is checked.
    const first = JSON.parse(Module.ccall('sd_import', 'string', ['number', 'number', 'string', 'number'], [p, item.bytes.length, item.name, 1]));
    Module.sdWake(1000);
    if (!first.ok || !first.running) { reportWaiter = null; return first; }
    return await wait;
  }

  // ---- mail through the workers ----------------------------------------------------------------------
  // One worker per core, at most four. The page's thread reads the batches between the workers'
  // turns; on two cores, two workers and the page read a 50 MB mailbox faster than one worker,
  // one worker plus decoding in the page's idle time, or two workers plus that (docs/performance.md).
  function workerCount() { return Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2)); }
  function newWorker() { return new Worker(new URL('mail/worker.mjs', document.baseURI), { type: 'module' }); }

  // Workers for an import, started before the files are cut into pieces so their modules load meanwhile.
  function startPool() {
    try {
      return Array.from({ length: workerCount() }, newWorker);
    } catch (e) { return null; }   // no module workers: the mail is decoded on the page (runHere)
  }
  function stopPool(pool) {
    if (pool) pool.forEach(function (w) { w.terminate(); });
  }

  // Runs every task on the pool; onResult(result, task) is called on the page's thread as each
  // finishes, in any order.
  function runWorkers(pool, tasks, onResult) {
    if (!pool) return runHere(tasks, onResult);
    return new Promise(function (resolve, reject) {
      let next = 0, done = 0, ended = false;
      const given = new Map();
      const give = function (w) {
        if (ended || next >= tasks.length) return;
        const id = next++;
        const t = tasks[id];
        given.set(id, t);
        const copy = t.bytes.slice();   // its own buffer, moved to the worker without another copy
        w.postMessage({ id: id, file: t.file, kind: t.kind, base: t.base, bytes: copy, domains: t.domains, reasons: t.reasons }, [copy.buffer]);
      };
      const finish = function (err) {
        if (ended) return;
        ended = true;
        if (err) reject(err); else resolve();
      };
      pool.forEach(function (w) {
        w.onmessage = function (e) {
          const t = given.get(e.data.id);
          given.delete(e.data.id);
          try { onResult(e.data, t); } catch (err) { finish(err); return; }
          if (++done === tasks.length) finish(); else give(w);
        };
        w.onerror = function (e) { e.preventDefault(); finish(new Error('the mail reader failed to start: ' + (e.message || 'worker error'))); };
        give(w);
        give(w);   // one waiting while one is decoded
      });
    });
  }

  // A batch of records (web/mail/batch.mjs, packed by a worker) into the app: copied into its
  // memory, which the app takes over and frees once read. A batch the app cannot read ends the
  // import with nothing changed.
  function handOver(batch) {
    const p = Module._malloc(batch.length + 1);
    if (!p) throw new Error('not enough memory for the mail being read');
    Module.HEAPU8.set(batch, p);
    const r = call({ op: 'batch_at', at: p, size: batch.length });
    if (!r.ok) throw new Error(r.error);
  }

  async function runHere(tasks, onResult) {
    const mod = await load();
    const pm = await import('./postal-mime/postal-mime.js');
    const tf = await import('./postal-mime/text-format.js');
    const batch = await import('./mail/batch.mjs');
    for (const t of tasks) {
      const out = { records: [], skipped: [] };
      const mails = t.kind === 'mbox' ? Array.from(mod.splitMbox(t.bytes, t.base)) : [{ bytes: t.bytes, place: '', fromDate: null }];
      let slice = performance.now();
      for (const m of mails) {
        try { out.records.push(await mod.mailRecord(pm.default, tf.htmlToText, m.bytes, t.file, m.place, m.fromDate)); }
        catch (e) { out.skipped.push(mod.unreadableMail(t.file, m.place, m.byte, e.message)); }
        if (performance.now() - slice > 8) { await yieldToPage(); slice = performance.now(); }
      }
      out.batches = [];
      for (let i = 0; i < out.records.length; i += 100) out.batches.push(batch.packMailBatch(t.file, out.records.slice(i, i + 100)));
      onResult(out, t);
    }
  }

  // A skipped entry ({file, reason, code, args}, web/mail/records.mjs) as the app's "skip" request.
  function skipRequest(s) {
    const req = { op: 'skip', file: s.file, reason: s.reason };
    if (s.code) { req.code = s.code; req.args = s.args || {}; }
    return req;
  }

  async function importRecords(items, options, unreadable) {
    const pool = items.some(function (x) { return x.kind === 'mbox' || x.kind === 'eml'; }) ? startPool() : null;
    try { return await importRecordsWith(pool, items, options, unreadable); } finally { stopPool(pool); }
  }
  async function importRecordsWith(pool, items, options, unreadable) {
    const mod = await load();
    const total = items.reduce(function (n, it) { return n + it.bytes.length; }, 0);
    const name = items.length === 1 ? items[0].name : items.length + ' files';
    const req = { op: 'begin', clear_demo: !!options.clear_demo, bytes: total, name: name };
    if (options.other_marketplace) req.other_marketplace = options.other_marketplace;
    const started = call(req);
    if (!started.ok) return { ok: false, error: { message: started.error } };
    const wait = waitReport();
    // Files that are none of the kinds go into the same report (the dialog listed them already).
    for (const it of unreadable) call(skipRequest({ file: it.name, reason: it.reason, code: it.code, args: {} }));
    let done = 0;
    // One frame shows how far it got; while the workers decode, the app redraws only a few
    // times a second (src/app/main.cpp), leaving the cores to them.
    const progress = function (file) { call({ op: 'progress', file: file, done: done, total: total }); Module.sdWake(0); };
    try {
      for (const it of items.filter(function (x) { return x.kind === 'csv'; })) {
        const csv = mod.decodeCsv(it.bytes);
        call({ op: 'csv', name: it.name, text: csv.text });
        done += it.bytes.length;
        progress(it.name);
        await yieldToPage();
      }
      const tasks = [];
      // Without other_marketplace, mail naming none of these domains is skipped undecoded.
      // The reason such mail is skipped comes from the app too (skip_reasons), so both say the same.
      const domains = started.mail_domains ? started.mail_domains.map(function (d) { return String(d).toLowerCase(); }) : null;
      const reasons = started.skip_reasons || null;
      for (const it of items) {
        if (it.kind === 'eml') tasks.push({ file: it.name, kind: 'eml', base: 0, bytes: it.bytes, domains: domains, reasons: reasons });
        if (it.kind === 'mbox')
          for (const [a, b] of mod.mboxPieces(it.bytes, PIECE))
            tasks.push({ file: it.name, kind: 'mbox', base: a, bytes: it.bytes.subarray(a, b), domains: domains, reasons: reasons });
      }
      if (tasks.length) {
        // Batches go to the app one per task, so no task of the page's thread grows with the mailbox.
        // A batch the app refuses stops the workers and the import (failure is thrown below).
        const queue = [];
        let pumping = null, failure = null;
        const pump = function () {
          if (pumping) return pumping;
          pumping = (async function () {
            await null;   // so that `pumping` is set before the finally below clears it
            try {
              let slice = performance.now();
              while (queue.length) {
                const job = queue.shift();
                if (job.batch) handOver(job.batch);
                else job();
                if (performance.now() - slice > PUMP_SLICE_MS) { await yieldToPage(); slice = performance.now(); }
              }
            } catch (e) {
              failure = e;
              queue.length = 0;
            } finally { pumping = null; }
          })();
          return pumping;
        };
        await runWorkers(pool, tasks, function (res, task) {
          if (failure) throw failure;
          for (const b of res.batches) queue.push({ batch: b });
          queue.push(function () {
            for (const s of res.skipped) call(skipRequest(s));
            done += task.bytes.length;
            progress(task.file);
          });
          pump();
        });
        while (queue.length || pumping) await pump();
        if (failure) throw failure;
      }
    } catch (e) {
      call({ op: 'cancel' });
      reportWaiter = null;
      return { ok: false, error: { message: String(e && e.message || e) } };
    }
    call({ op: 'finish' });
    Module.sdWake(1000);
    return await wait;
  }

  // ---- importFiles: every kind at once -----------------------------------------------------------------
  async function importAll(items, options) {
    const result = { ok: true, added_conversations: 0, added_messages: 0, duplicates: 0, skipped: [], reports: [] };
    // code: why, for the interface (records.mjs, skipEntry); given only when `reason` is the sniff's own.
    const refuse = function (item, reason, code) {
      const s = { file: item.name, reason: reason };
      if (code) { s.code = code; s.args = {}; }
      result.skipped.push(s);
    };
    let imported = false;
    const mail = items.filter(function (it) { return it.kind === 'mbox' || it.kind === 'eml' || it.kind === 'csv'; });
    const unreadable = items.filter(function (it) { return it.kind === 'unknown'; });
    for (const it of items) {
      if (it.kind === 'unknown') { if (!mail.length) refuse(it, it.reason, it.code); }   // else in the mail import's report
      else if (it.kind === 'templates') {
        Module.ccall('sd_file_picked', null, ['string', 'string', 'string'], ['templates', it.name, new TextDecoder().decode(it.bytes)]);
        imported = true;
      } else if (it.kind === 'export') {
        const r = await importExport(it, options.clear_demo);
        result.reports.push(r);
        if (!r.ok) { refuse(it, (r.error && r.error.message) || 'refused'); continue; }
        imported = true;
        result.added_conversations += r.added || 0;
        result.added_messages += (r.report && r.report.messages_added) || 0;
      }
    }
    if (mail.length) {
      const r = await importRecords(mail, options, unreadable);
      result.reports.push(r);
      if (r.added_conversations !== undefined) {
        result.added_conversations += r.added_conversations;
        result.added_messages += r.added_messages;
        result.duplicates += r.duplicates;
        result.skipped = result.skipped.concat(r.skipped || []);
        imported = imported || r.ok;
        ['updated', 'unchanged', 'conflicts', 'report', 'timing_ms', 'seconds', 'bytes', 'mb_per_s'].forEach(function (k) { if (k in r) result[k] = r[k]; });
      } else {
        mail.concat(unreadable).forEach(function (it) { refuse(it, (r.error && r.error.message) || it.reason || 'refused'); });
      }
    }
    if (!imported && result.skipped.length) {
      result.ok = false;
      result.error = 'nothing was imported: ' + result.skipped.map(function (s) { return s.file + ': ' + s.reason; }).join('; ');
    }
    return result;
  }

  bridge.importFiles = async function (files, options) {
    if (!bridge.ready) return { ok: false, error: 'SellerDesk is still loading' };
    if (!Array.isArray(files)) return { ok: false, error: 'importFiles takes a list of {name, bytes} (bytes a Uint8Array)' };
    if (busy) return { ok: false, error: 'another import is still running' };
    busy = true;
    try {
      return await importAll(await classify(files), options || {});
    } finally { busy = false; }
  };

  bridge.replyEml = function (id) {
    if (!bridge.ready) throw new Error('SellerDesk is still loading');
    const r = call({ op: 'reply_eml', id: String(id) });
    if (!r.ok) throw new Error(r.error);
    return r.eml;
  };

  // ---- files dropped on the page or picked: the app's import dialog first ---------------------------
  async function dropped(files) {
    if (busy) return;
    const items = await classify(files);
    const demo = bridge.state({ max_rows: 0 });
    const plain = items.every(function (it) { return it.kind === 'export' || it.kind === 'templates'; });
    if (plain && !(demo.demo && demo.conversations > 0)) {   // as before: an export merges at once
      busy = true;
      try { await importAll(items, {}); } finally { busy = false; }
      return;
    }
    const mod = await load();
    const csv = {};
    for (const it of items) {
      if (it.kind !== 'csv') continue;
      // The preview needs the first rows only: a few hundred KB, cut at a line end.
      let head = it.bytes.subarray(0, Math.min(it.bytes.length, 256 * 1024));
      const nl = head.lastIndexOf(0x0a);
      if (head.length < it.bytes.length && nl > 0) head = head.subarray(0, nl + 1);
      csv[it.name] = mod.decodeCsv(head).text;
    }
    pending = items;
    call({ op: 'plan', files: items.map(function (it) { return { name: it.name, kind: it.kind, size: it.bytes.length, error: it.reason || null, code: it.code || null }; }), csv: csv });
    Module.sdWake(500);
  }
  Module.sdImportAnswer = function (optionsJson) {
    const items = pending;
    pending = null;
    if (!items || !optionsJson) return;
    busy = true;
    importAll(items, JSON.parse(optionsJson)).finally(function () { busy = false; });
  };
  window.sdImportFiles = { drop: function (files) { dropped(Array.from(files)).catch(function (e) { console.error(e); }); } };
})();
