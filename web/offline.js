// SellerDesk offline: registers the service worker (sw.js, written by scripts/make_sw.py from
// shell/sw.js), tells whether the whole site is in its cache (state().offline_ready), and offers a
// new version once it is installed and waiting: a banner "Reload to update" that lets it in only
// when every change is saved. window.sellerdesk.update is the same for scripts. docs/offline.md.
'use strict';
(function () {
  const bridge = window.sellerdesk || (window.sellerdesk = { ready: false });
  const container = navigator.serviceWorker;   // undefined outside a secure context
  const STRINGS = {
    en: {
      'update.ready': 'A new version of SellerDesk is ready',
      'update.reload': 'Reload to update',
      'update.saving': 'Saving your changes first…',
      'update.reloading': 'Updating…',
    },
    zh: {
      'update.ready': 'SellerDesk 新版本已就绪',
      'update.reload': '重新加载以更新',
      'update.saving': '正在先保存您的更改…',
      'update.reloading': '正在更新…',
    },
  };
  const CHECK_EVERY = 60 * 60 * 1000;   // ms between update checks of a page left open
  const REGISTER_AT_LATEST = 20000;     // ms after this script: register even if the app never got ready

  let registration = null;
  let loadedVersion = null;     // the version whose cache served this page; null when it came from the network
  let cachedVersion = null;     // the active worker's version
  let offlineReady = false, offlineReadyMs = null;
  let replaced = false;         // another tab let a new version in: this page still runs the old one
  let applying = null, phase = 'idle', lastCheck = 0;

  function warn(what, e) { console.warn('SellerDesk offline: ' + what + ' (' + (e && e.message || e) + ')'); }

  // ---- the language of the banner --------------------------------------------------------------
  function language() {
    let lang = null;
    try { if (bridge.ready && typeof bridge.state === 'function') lang = bridge.state({ max_rows: 0 }).language; } catch (e) { lang = null; }
    if (typeof lang !== 'string' || !lang) lang = navigator.language || 'en';
    return /^zh/i.test(lang) ? 'zh' : 'en';
  }

  // ---- talking to a worker ---------------------------------------------------------------------
  function ask(worker, message) {
    return new Promise(function (resolve, reject) {
      const channel = new MessageChannel();
      const timer = setTimeout(function () { reject(new Error('the service worker did not answer')); }, 10000);
      channel.port1.onmessage = function (e) { clearTimeout(timer); resolve(e.data || {}); };
      worker.postMessage(message, [channel.port2]);
    });
  }

  // offline_ready: the active worker is activated and its version's cache holds every file it lists.
  let checking = false, checkAgain = false;
  function checkOffline() {
    if (checking) { checkAgain = true; return; }
    checking = true;
    (async function () {
      const worker = registration && registration.active;
      let ready = false;
      if (worker && worker.state === 'activated' && typeof caches !== 'undefined') {
        const info = await ask(worker, { type: 'status' });
        if (cachedVersion && info.version !== cachedVersion && !applying) replaced = true;
        cachedVersion = info.version || null;
        ready = Array.isArray(info.files) && info.files.length > 0;
        for (const url of ready ? info.files : []) {
          if (!(await caches.match(url, { cacheName: info.cache }))) { ready = false; break; }
        }
      }
      if (ready && offlineReadyMs === null) offlineReadyMs = Math.round(performance.now());
      offlineReady = ready;
      render();
    })().catch(function (e) { warn('could not check the cache', e); }).finally(function () {
      checking = false;
      if (checkAgain) { checkAgain = false; checkOffline(); }
    });
  }

  const watched = new WeakSet();
  function refresh() {
    if (!registration) return;
    for (const w of [registration.installing, registration.waiting, registration.active]) {
      if (w && !watched.has(w)) { watched.add(w); w.addEventListener('statechange', refresh); }
    }
    render();
    checkOffline();
  }

  function check() {
    if (!registration) return Promise.resolve(false);
    lastCheck = Date.now();
    return registration.update().then(function () { refresh(); return true; }, function () { return false; });
  }

  function start() {
    if (!container || start.done) return;
    start.done = true;
    container.register('sw.js', { scope: './', updateViaCache: 'none' }).then(function (reg) {
      registration = reg;
      reg.addEventListener('updatefound', refresh);
      refresh();
      setInterval(check, CHECK_EVERY);
    }).catch(function (e) { warn('the service worker could not be registered; the page will not open offline', e); });
  }

  // ---- applying a new version ------------------------------------------------------------------
  // The page may be left only when every change is in IndexedDB and no import runs. Before the app
  // is ready (or if it stopped) it holds no edits.
  function canLeave() {
    if (!bridge.ready || typeof bridge.state !== 'function') return true;
    let s;
    try { s = bridge.state({ max_rows: 0 }); } catch (e) { return true; }
    return !!(s.save && s.save.state === 'saved') && !(s.import && s.import.running);
  }
  function untilCanLeave() {
    return new Promise(function (resolve) {
      (function poll() { if (canLeave()) resolve(); else setTimeout(poll, 100); })();
    });
  }
  // Lets `worker` in and resolves once it controls this page or is activated (a page the worker
  // never controlled, like the first visit's, gets no controllerchange).
  function letIn(worker) {
    return new Promise(function (resolve) {
      function done() {
        container.removeEventListener('controllerchange', done);
        worker.removeEventListener('statechange', onState);
        resolve();
      }
      function onState() { if (worker.state === 'activated' || worker.state === 'redundant') done(); }
      container.addEventListener('controllerchange', done);
      worker.addEventListener('statechange', onState);
      worker.postMessage({ type: 'skip-waiting' });
      onState();
    });
  }
  function apply() {
    if (applying) return applying;
    if (!update.available) return Promise.resolve(false);
    applying = (async function () {
      phase = 'saving';
      render();
      for (;;) {
        await untilCanLeave();
        const worker = registration && registration.waiting;
        if (!worker) break;
        if (!canLeave()) continue;   // checked again in the task that lets the worker in
        phase = 'reloading';
        render();
        await letIn(worker);   // a newer worker may have replaced it meanwhile: the loop takes that one
      }
      for (;;) {
        await untilCanLeave();
        if (canLeave()) break;
        phase = 'saving';
        render();
      }
      phase = 'reloading';
      render();
      location.reload();
      return new Promise(function () {});   // the page goes away
    })();
    return applying;
  }

  // ---- the banner ------------------------------------------------------------------------------
  let banner = null, message = null, button = null;
  function render() {
    const show = update.available || applying !== null;
    if (!show) { if (banner) banner.hidden = true; return; }
    if (!banner) {
      banner = document.createElement('div');
      banner.id = 'update-banner';
      banner.setAttribute('role', 'status');
      message = document.createElement('span');
      const dot = document.createElement('span');
      dot.textContent = '·';
      dot.setAttribute('aria-hidden', 'true');
      button = document.createElement('button');
      button.type = 'button';
      button.addEventListener('click', function () { apply(); });
      banner.append(message, dot, button);
      // Keys and clicks here are not the inbox's shortcuts (web/sellerdesk.js listens on window).
      for (const ev of ['keydown', 'keyup', 'mousedown']) banner.addEventListener(ev, function (e) { e.stopPropagation(); });
      document.body.appendChild(banner);
    }
    const lang = language(), s = STRINGS[lang];
    banner.lang = lang === 'zh' ? 'zh-CN' : 'en';
    banner.dataset.phase = phase;
    message.textContent = s['update.ready'];
    button.textContent = phase === 'idle' ? s['update.reload'] : phase === 'saving' ? s['update.saving'] : s['update.reloading'];
    button.disabled = phase !== 'idle';
    banner.hidden = false;
  }

  // ---- the bridge ------------------------------------------------------------------------------
  const update = {
    get available() { return !!(registration && registration.waiting) || replaced; },
    get version() { return loadedVersion; },
    get cached_version() { return cachedVersion; },
    get offline_ready() { return offlineReady; },
    get offline_ready_ms() { return offlineReadyMs; },
    apply: apply,
    check: check,
  };
  bridge.update = update;

  if (!container) return;
  // The worker that served this page says which version it is.
  if (container.controller) {
    ask(container.controller, { type: 'status' }).then(function (info) { loadedVersion = info.version || null; }, function () {});
  }
  container.addEventListener('controllerchange', function () {
    if (!applying) replaced = true;   // another tab let a new version in
    refresh();
  });
  // Register once the app is up, so the precache's downloads do not compete with its start.
  (function waitForApp(waited) {
    if (bridge.ready || waited >= REGISTER_AT_LATEST) start();
    else setTimeout(waitForApp, 200, waited + 200);
  })(0);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible' && Date.now() - lastCheck > 10 * 60 * 1000) check();
  });
  window.addEventListener('online', function () { check(); });
})();
