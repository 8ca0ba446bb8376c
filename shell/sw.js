// SellerDesk's service worker: keeps one version of the whole site in the Cache Storage so the page
// opens with no network after one visit (docs/offline.md).
//
// shell/sw.js is the template: scripts/make_sw.py writes it into the built site as sw.js with the
// line `const SITE = …` replaced by the site's version (a hash of every file) and its files with their
// SHA-256. Any change to any file therefore changes sw.js, which is how the browser notices a new
// version. A version is cached whole or not at all: every file fetched at install is checked
// against its hash, so a server caught half-way through a deployment cannot leave old js with new
// wasm in one cache; the page then only ever gets files from the cache of the worker's version.
'use strict';
const SITE = { version: 'dev', files: {} };   // written by scripts/make_sw.py

const SCOPE = new URL(self.registration.scope);
// Cache names carry the scope, so two copies of the site under different paths of one origin keep
// their own caches: "sellerdesk /path/ <version>".
const PREFIX = 'sellerdesk ' + SCOPE.pathname + ' ';
const CACHE = PREFIX + SITE.version;
const VERSION_HEADER = 'X-SellerDesk-Version';
const NAMES = Object.keys(SITE.files);
const BY_URL = new Map(NAMES.map((name) => [new URL(name, SCOPE).href, name]));
const urlOf = (name) => new URL(name, SCOPE).href;

async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

// Fetches one file of this version from the server; refuses bytes that are not this version's.
// The stored response carries the version in a header (tests and people can see where a response
// came from).
async function fetchChecked(name) {
  const response = await fetch(urlOf(name), { cache: 'no-cache', credentials: 'same-origin' });
  if (!response.ok) throw new Error(name + ': HTTP ' + response.status);
  const body = await response.arrayBuffer();
  if (await sha256(body) !== SITE.files[name])
    throw new Error(name + ' on the server is not the one of version ' + SITE.version + ' (a newer version is being deployed?)');
  // Only the type is kept from the server's headers: the body is already decoded (no
  // Content-Encoding, another Content-Length) and a Vary would only get in the way of matching.
  const headers = { 'Content-Type': response.headers.get('Content-Type') || 'application/octet-stream' };
  headers[VERSION_HEADER] = SITE.version;
  return new Response(body, { status: 200, statusText: 'OK', headers });
}

// Puts every file of this version that its cache lacks into it. Throws when one cannot be had.
async function fill() {
  const cache = await caches.open(CACHE);
  const missing = [];
  for (const name of NAMES) if (!(await cache.match(urlOf(name)))) missing.push(name);
  await Promise.all(missing.map(async (name) => cache.put(urlOf(name), await fetchChecked(name))));
  return missing.length;
}

// Install = the whole version is in its cache. No skipWaiting here: a new version waits until the
// page says everything is saved (the "skip-waiting" message below, sent by offline.js).
self.addEventListener('install', (event) => { event.waitUntil(fill()); });

// Activate: the caches of other versions of this site go. The own cache is completed again in case
// the browser lost part of it meanwhile (offline that fails quietly; the fetch handler copes).
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    await fill().catch(() => 0);
  })());
});

// A file of the site from this version's cache. If the cache lost it (storage cleared under a live
// worker), the network may serve it only if the bytes are still this version's; otherwise the
// request fails rather than mix versions, and the worker looks for the new one.
async function serve(name) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(urlOf(name));
  if (hit) return hit;
  try {
    const response = await fetchChecked(name);
    await cache.put(urlOf(name), response.clone());
    return response;
  } catch (e) {
    self.registration.update().catch(() => {});
    return new Response('SellerDesk ' + SITE.version + ' cannot load ' + name + ': ' + e.message + '. Reload the page.',
                        { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;   // not ours: the network
  const bare = url.origin + url.pathname;   // the query (?demo=, ?seed=, ?fresh=, ?defer_texts=) is the app's business
  let name = BY_URL.get(bare);
  if (request.mode === 'navigate') {
    if (bare === SCOPE.href) name = 'index.html';
    if (!name || !SITE.files['index.html']) {
      // A page of the scope that is not the app: the network, as without a worker; offline, the app.
      event.respondWith(fetch(request).catch(() => serve('index.html')));
      return;
    }
  }
  if (name === undefined) return;   // not a file of the site (none expected): the network
  event.respondWith(serve(name));
});

// From the page (web/offline.js): "status" asks what this worker serves; "skip-waiting" lets a
// waiting version take over once the page has saved everything.
self.addEventListener('message', (event) => {
  const m = event.data || {};
  if (m.type === 'skip-waiting') {
    self.skipWaiting();
  } else if (m.type === 'status' && event.ports[0]) {
    event.ports[0].postMessage({ version: SITE.version, cache: CACHE, files: NAMES.map(urlOf) });
  }
});
