// Live sync with a CouchDB database (docs/team-sync.md): this file speaks the replication
// protocol over fetch; the app (src/app/team_sync.cpp) decides what to send and merges what comes.
//
// One session, repeated while the sync is on:
//   1. GET /db (PUT /db when missing), GET /db/_local/<replica>: our checkpoint on the server. When
//      it is missing or differs from the one the app kept (a server that lost its data), the app
//      forgets what the server had and everything is sent again.
//   2. pull: GET _changes?since=<checkpoint>&style=all_docs -> the leaves the app does not hold ->
//      POST _bulk_get -> the app merges them (in frames) -> PUT _local/<replica> {seq}.
//   3. push: the documents whose content differs from the server's -> POST _bulk_docs with their
//      current _rev (losing conflict leaves go as _deleted in the same request); a 409 conflict is
//      pulled and merged first, then sent again.
//   4. nothing to do: "idle", and _changes is polled every second.
// A failed request ends the session: "offline" with an exponential back-off (1 s doubling to 30 s,
// back to 1 s on the browser's `online` event), "error" for a refused password. Nothing here logs;
// the password lives in the app's sync settings file and in this closure while a request is made.
(function () {
  'use strict';
  const POLL_MS = 1000, BACKOFF_FIRST_MS = 1000, BACKOFF_MAX_MS = 30000, REQUEST_TIMEOUT_MS = 30000;
  const CHANGES_PAGE = 500, PUSH_BATCH = 200, PUSH_SLICE = 25;   // documents per _bulk_docs, per task gathering it
  const PRESENCE = 'presence:', PRESENCE_EVERY_MS = 20000;
  let backoff = BACKOFF_FIRST_MS;
  let wakeUp = null;

  class Stale extends Error {}
  class HttpError extends Error {
    constructor(status, body) {
      super('HTTP ' + status + (body && (body.reason || body.error) ? ': ' + (body.reason || body.error) : ''));
      this.status = status;
    }
  }
  class NetError extends Error {}
  class MergeError extends Error {}

  function call(name, ret, types, args) { return Module.ccall(name, ret, types, args); }
  function config() { return JSON.parse(call('sd_sync_config', 'string', [], [])); }
  function report(state, code, detail) {
    call('sd_sync_report', null, ['string'], [JSON.stringify({ state: state, code: code || '', detail: detail || '' })]);
  }
  function sleep(ms) {
    return new Promise(function (resolve) {
      const t = setTimeout(function () { wakeUp = null; resolve(); }, ms);
      wakeUp = function () { clearTimeout(t); wakeUp = null; resolve(); };
    });
  }
  function wake() { if (wakeUp) wakeUp(); }

  function authHeader(c) {
    const bytes = new TextEncoder().encode(c.user + ':' + c.password);
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return 'Basic ' + btoa(bin);
  }
  async function request(c, method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (c.user) headers.Authorization = authHeader(c);
    const abort = new AbortController();
    const timer = setTimeout(function () { abort.abort(); }, REQUEST_TIMEOUT_MS);
    let res, data;
    try {
      res = await fetch(c.url + '/' + encodeURIComponent(c.db) + path, {
        method: method, headers: headers, credentials: 'omit', signal: abort.signal,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      data = await res.json().catch(function () { return {}; });
    } catch (e) {
      throw new NetError(c.url);
    } finally {
      clearTimeout(timer);
    }
    if (!res.ok) throw new HttpError(res.status, data);
    return data;
  }

  // Between requests: the user may have stopped or reconfigured the sync meanwhile.
  function current(gen) {
    const c = config();
    if (!c.enabled || c.generation !== gen) throw new Stale();
    return c;
  }
  async function mergedByApp(gen) {
    while (current(gen).busy) await new Promise(function (r) { setTimeout(r, 30); });
  }

  async function openCheckpoint(c) {
    try { await request(c, 'GET', ''); } catch (e) {
      if (e.status !== 404) throw e;
      await request(c, 'PUT', '');   // a new team database, or a server that lost it
    }
    const path = '/_local/' + encodeURIComponent(c.replica);
    let doc = null;
    try { doc = await request(c, 'GET', path); } catch (e) { if (e.status !== 404) throw e; }
    const since = doc && String(doc.seq) === c.checkpoint ? c.checkpoint : '';
    if (since === '' && (c.checkpoint !== '' || doc)) call('sd_sync_reset', null, [], []);
    return { path: path, rev: doc ? doc._rev : undefined, since: since };
  }

  // One page of _changes; false when there was nothing new. Other agents' presence documents
  // (presence:<replica>) go to the app apart: they are not inbox data.
  async function pull(c, gen, cp) {
    const q = '/_changes?style=all_docs&limit=' + CHANGES_PAGE + (cp.since ? '&since=' + encodeURIComponent(cp.since) : '');
    const ch = await request(c, 'GET', q);
    const rows = ch.results || [];
    if (!rows.length) return false;
    const isPresence = function (r) { return r.id.indexOf(PRESENCE) === 0; };
    if (!rows.every(isPresence)) report('syncing');
    const want = JSON.parse(call('sd_sync_wanted', 'string', ['string'], [JSON.stringify(rows)]));
    for (const r of rows) if (isPresence(r) && r.id !== PRESENCE + c.replica && !r.deleted) want.push({ id: r.id });
    const docs = [], presence = [];
    if (want.length) {
      const got = await request(c, 'POST', '/_bulk_get?revs=false', { docs: want });
      for (const r of got.results || [])
        for (const d of r.docs || []) if (d.ok) (d.ok._id.indexOf(PRESENCE) === 0 ? presence : docs).push(d.ok);
    }
    current(gen);
    if (presence.length) call('sd_sync_presence', null, ['string'], [JSON.stringify(presence)]);
    const seq = String(ch.last_seq);
    const took = JSON.parse(call('sd_sync_incoming', 'string', ['string', 'string'], [JSON.stringify({ changes: rows, docs: docs }), seq]));
    if (!took.ok) throw new MergeError(took.error);   // the app shows it; the checkpoint stays before it
    await mergedByApp(gen);
    const saved = await request(c, 'PUT', cp.path, { _id: '_local/' + c.replica, _rev: cp.rev, seq: seq });
    cp.rev = saved.rev;
    cp.since = seq;
    return true;
  }

  // One _bulk_docs of changed documents; returns how many went and how many met a conflict.
  async function push(c, gen) {
    // Gathered a slice at a time, the page drawing in between: one slice of documents (an export
    // of its conversations, parsed and turned into JSON) is a short task, a whole batch was not.
    const out = { docs: [] };
    for (let k = 0; k < PUSH_BATCH / PUSH_SLICE; k++) {
      const part = JSON.parse(call('sd_sync_outgoing', 'string', ['number', 'number'], [PUSH_SLICE, k === 0 ? 1 : 0]));
      if (!part.docs.length) break;
      for (const d of part.docs) out.docs.push(d);
      await new Promise(function (r) { setTimeout(r, 0); });
      current(gen);
    }
    if (!out.docs.length) return { sent: 0, conflicts: 0 };
    report('syncing');
    const res = await request(c, 'POST', '/_bulk_docs', { docs: out.docs });
    current(gen);
    let conflicts = 0;
    const results = out.docs.map(function (d, i) {
      const r = res[i] || {};
      if (r.error === 'conflict') ++conflicts;
      return { id: d._id, sent_rev: d._rev || '', deleted: !!d._deleted, ok: !!r.ok, rev: r.rev || '', error: r.error || '', reason: r.reason || '' };
    });
    call('sd_sync_pushed', null, ['string'], [JSON.stringify(results)]);
    return { sent: out.docs.length, conflicts: conflicts };
  }

  // This agent's presence document: written when what it says changes, and every 20 s.
  async function announce(c, mine) {
    const now = Date.now(), said = mine.said;
    const what = c.presence ? JSON.stringify(c.presence) : '';
    if (what === said.what && now - said.at < PRESENCE_EVERY_MS) return;
    if (!c.presence && !said.what) return;
    const path = '/' + encodeURIComponent(PRESENCE + c.replica);
    const doc = Object.assign({ _id: PRESENCE + c.replica, _rev: mine.rev, at: new Date(now).toISOString() },
      c.presence || { agent: '', conversation_id: '', action: 'viewing' });
    try {
      mine.rev = (await request(c, 'PUT', path, doc)).rev;
    } catch (e) {
      if (e.status !== 409) throw e;
      mine.rev = (await request(c, 'GET', path))._rev;   // written before a reload: on top of it next time
      return;
    }
    mine.said = { what: what, at: now };
  }

  async function session(gen) {
    let c = current(gen);
    report('connecting');
    const cp = await openCheckpoint(c);
    backoff = BACKOFF_FIRST_MS;
    const mine = { rev: undefined, said: { what: '', at: 0 } };
    for (;;) {
      c = current(gen);
      await announce(c, mine);
      if (await pull(c, gen, cp)) continue;
      const p = await push(c, gen);
      if (p.sent > p.conflicts) continue;
      if (p.conflicts) { await sleep(200); continue; }   // the other revision arrives with the next pull
      if (current(gen).scanning) { await sleep(50); continue; }
      report('idle');
      await sleep(POLL_MS);
    }
  }

  async function loop() {
    for (;;) {
      const c = config();
      if (!c.enabled) { await sleep(300); continue; }
      try {
        await session(c.generation);
      } catch (e) {
        if (e instanceof Stale) continue;
        if (e instanceof NetError) report('offline', 'unreachable', e.message);
        else if (e instanceof MergeError) report('error', 'merge', e.message);
        else if (e.status === 401) report('error', 'unauthorized', '');
        else if (e.status === 403) report('error', 'forbidden', '');
        else report(e.status ? 'error' : 'offline', e.status ? 'http' : 'unreachable', e.message);
        await sleep(backoff);
        backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
      }
    }
  }

  window.addEventListener('online', function () { backoff = BACKOFF_FIRST_MS; wake(); });
  function start() {
    if (!(window.sellerdesk && window.sellerdesk.ready) || typeof Module === 'undefined' || !Module._sd_sync_config) {
      setTimeout(start, 200);
      return;
    }
    loop();
  }
  start();
  // The app asks to restart the loop at once after sync_configure / sync_stop (web/sellerdesk.js bridge).
  window.sdSyncWake = wake;
})();
