// SellerDesk offline: registers the service worker (sw.js, written by scripts/make_sw.py from
// shell/sw.js) and tells whether the whole site is in its cache (state().offline_ready).
// docs/offline.md.
'use strict';
(function () {
  const bridge = window.sellerdesk || (window.sellerdesk = { ready: false });
  const container = navigator.serviceWorker;   // undefined outside a secure context
  const REGISTER_AT_LATEST = 20000;     // ms after this script: register even if the app never got ready

  let registration = null;
  let loadedVersion = null;     // the version whose cache served this page; null when it came from the network
  let cachedVersion = null;     // the active worker's version
  let offlineReady = false, offlineReadyMs = null;

  function warn(what, e) { console.warn('SellerDesk offline: ' + what + ' (' + (e && e.message || e) + ')'); }

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
        cachedVersion = info.version || null;
        ready = Array.isArray(info.files) && info.files.length > 0;
        for (const url of ready ? info.files : []) {
          if (!(await caches.match(url, { cacheName: info.cache }))) { ready = false; break; }
        }
      }
      if (ready && offlineReadyMs === null) offlineReadyMs = Math.round(performance.now());
      offlineReady = ready;
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
    checkOffline();
  }

  function start() {
    if (!container || start.done) return;
    start.done = true;
    container.register('sw.js', { scope: './', updateViaCache: 'none' }).then(function (reg) {
      registration = reg;
      reg.addEventListener('updatefound', refresh);
      refresh();
    }).catch(function (e) { warn('the service worker could not be registered; the page will not open offline', e); });
  }

  // ---- the bridge ------------------------------------------------------------------------------
  const update = {
    get version() { return loadedVersion; },
    get cached_version() { return cachedVersion; },
    get offline_ready() { return offlineReady; },
    get offline_ready_ms() { return offlineReadyMs; },
  };
  bridge.update = update;

  if (!container) return;
  // The worker that served this page says which version it is.
  if (container.controller) {
    ask(container.controller, { type: 'status' }).then(function (info) { loadedVersion = info.version || null; }, function () {});
  }
  container.addEventListener('controllerchange', refresh);
  // Register once the app is up, so the precache's downloads do not compete with its start.
  (function waitForApp(waited) {
    if (bridge.ready || waited >= REGISTER_AT_LATEST) start();
    else setTimeout(waitForApp, 200, waited + 200);
  })(0);
})();
