// Live sync against a real PouchDB Server (tests/browser/couch.js): two browser profiles share one
// database, edit apart while offline and converge to the same export; a server that restarts
// empty in the middle gets everything again; a wrong password and an unreachable server give a
// clear state and change nothing local; the password is in no export, state(), console message or
// IndexedDB file other than the sync settings.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, tempProfile, launchProfile, openApp, state, dispatch, freePort, waitSaved } = require('./harness');
const { startCouch, waitSync } = require('./couch');

let server, couch;
before(async () => { server = await startServer(); couch = await startCouch(); });
after(async () => { if (server) server.stop(); if (couch) await couch.stop(); });

const DEMO = '?demo=40';
const syncState = (page) => page.evaluate(() => window.sellerdesk.state({ max_rows: 0 }).sync);
const row = (s, id) => s.rows.find((r) => r.id === id);
// The export without its header line (the moment and the replica that made it).
const body = (page) => page.evaluate(() => { const t = window.sellerdesk.exportJson(); return t.slice(t.indexOf('\n')); });

// Both idle with nothing to send and the same export: polled, since one may still be pulling
// what the other sent last.
async function converge(pa, pb, ms = 90000) {
  const until = Date.now() + ms;
  for (;;) {
    await waitSync(pa, 'idle', ms);
    await waitSync(pb, 'idle', ms);
    const [a, b] = [await body(pa), await body(pb)];
    if (a === b) return a;
    if (Date.now() > until) assert.equal(a, b, 'the two profiles did not converge');
    await pa.waitForTimeout(500);
  }
}

async function openProfile() {
  const ctx = await launchProfile(tempProfile());
  const { page, errors } = await openApp(ctx, server.url + DEMO);
  const logs = [];
  page.on('console', (m) => logs.push(m.text()));
  return { ctx, page, errors, logs };
}

test('two profiles converge after offline edits on both, and after the server restarts empty', { timeout: 400000 }, async () => {
  const A = await openProfile(), B = await openProfile();
  try {
    for (const p of [A.page, B.page]) {
      const r = await dispatch(p, { type: 'sync_configure', url: couch.url, db: 'team', user: '', password: '' });
      assert.equal(r.ok, true, JSON.stringify(r));
    }
    await converge(A.page, B.page);
    const docs = (await couch.request('GET', '/team')).body.doc_count;
    const s0 = await state(A.page);
    assert.ok(docs >= s0.conversations + 1, `server has ${docs} docs for ${s0.conversations} conversations`);

    // Offline: the page's fetch to 127.0.0.1 is cut.
    await A.ctx.setOffline(true);
    await B.ctx.setOffline(true);
    await waitSync(A.page, 'offline', 20000);
    await waitSync(B.page, 'offline', 20000);
    const ids = s0.rows.filter((r) => r.status !== 'closed').map((r) => r.id);
    const [both, same, noted] = ids;
    assert.equal((await dispatch(A.page, { type: 'assign', id: both, agent: 'Lily' })).ok, true);
    assert.equal((await dispatch(B.page, { type: 'label', id: both, add: ['vip'] })).ok, true);
    assert.equal((await dispatch(A.page, { type: 'set_status', id: same, status: 'awaiting_customer' })).ok, true);
    await B.page.waitForTimeout(20);
    assert.equal((await dispatch(B.page, { type: 'set_status', id: same, status: 'closed' })).ok, true);
    assert.equal((await dispatch(A.page, { type: 'add_note', id: noted, text: 'Buyer called: parcel at the neighbour.' })).ok, true);
    assert.ok((await syncState(A.page)).pending >= 2, 'offline edits are waiting to be sent');
    // Offline, the loop retries after 1 s, 2 s, 4 s…: each retry shows "connecting" until it fails.
    assert.ok(['offline', 'connecting'].includes((await syncState(A.page)).state), 'A synced while offline');

    await A.ctx.setOffline(false);
    await B.ctx.setOffline(false);
    await A.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await B.page.evaluate(() => window.dispatchEvent(new Event('online')));
    await converge(A.page, B.page);
    for (const p of [A.page, B.page]) {
      const s = await state(p);
      assert.equal(row(s, both).assignee, 'Lily', 'A\'s field arrived');
      assert.ok(row(s, both).labels.includes('vip'), 'B\'s field arrived');
      assert.equal(row(s, same).status, 'closed', 'the later edit of the same field won');
      await dispatch(p, { type: 'select', id: noted });
      assert.ok((await state(p)).conversation.notes.some((n) => n.text.startsWith('Buyer called')));
    }

    // Presence: B sees that A has a conversation open; presence is not inbox data.
    assert.equal((await dispatch(A.page, { type: 'settings', agent_name: 'Ana Sync' })).ok, true);
    assert.equal((await dispatch(A.page, { type: 'select', id: same })).ok, true);
    await B.page.waitForFunction((id) => {
      const p = window.sellerdesk.state({ max_rows: 0 }).presence[id];
      return p && p.some((x) => x.agent === 'Ana Sync' && x.action === 'viewing');
    }, same, { timeout: 30000 });
    const own = Object.values((await state(A.page)).presence).flat().filter((x) => x.agent === 'Ana Sync');
    assert.deepEqual(own, [], 'an agent is not shown to itself');
    assert.ok(!(await body(B.page)).includes('presence'), 'presence went into the export');
    await converge(A.page, B.page);

    // The server dies in the middle of a sync and comes back empty (in-memory): nothing is lost.
    assert.equal((await dispatch(A.page, { type: 'assign', id: ids[3], agent: 'Chen Jie' })).ok, true);
    const started = (await couch.request('GET', '/team')).body.instance_start_time;
    await couch.restart();
    await converge(A.page, B.page);
    assert.equal(row(await state(B.page), ids[3]).assignee, 'Chen Jie');
    const info = (await couch.request('GET', '/team')).body;
    assert.notEqual(info.instance_start_time, started, 'the server did not restart');
    assert.ok(info.doc_count >= s0.conversations + 1, 'everything was sent again');
    // Chromium reports the failed requests while offline; nothing else may go wrong.
    assert.deepEqual(A.errors.concat(B.errors).filter((e) => !/Failed to load resource|net::ERR_/.test(e)), []);
  } finally {
    await A.ctx.close();
    await B.ctx.close();
  }
});

test('an unreachable server gives "offline" and local edits stay', { timeout: 120000 }, async () => {
  const A = await openProfile();
  try {
    const port = await freePort();   // free a moment ago: nothing answers there
    assert.equal((await dispatch(A.page, { type: 'sync_configure', url: `http://127.0.0.1:${port}`, db: 'team', user: '', password: '' })).ok, true);
    await waitSync(A.page, 'offline', 20000);
    const s = await syncState(A.page);
    assert.match(s.error, /does not answer/);
    const id = (await state(A.page)).rows[0].id;
    assert.equal((await dispatch(A.page, { type: 'assign', id, agent: 'Lily' })).ok, true);
    assert.equal(row(await state(A.page), id).assignee, 'Lily');
    assert.ok((await syncState(A.page)).pending >= 1);
    // Bad settings are refused and change nothing.
    const bad = await dispatch(A.page, { type: 'sync_configure', url: 'ftp://x', db: 'team' });
    assert.equal(bad.ok, false);
    assert.match(bad.error, /http/);
    assert.equal((await dispatch(A.page, { type: 'sync_configure', url: couch.url, db: 'Team!' })).ok, false);
    const kept = await syncState(A.page);   // between two retries, or in one ("connecting")
    assert.ok(['offline', 'connecting'].includes(kept.state), kept.state);
    assert.notEqual(kept.url, couch.url, 'a refused configure changed the server');
    assert.equal((await dispatch(A.page, { type: 'sync_stop' })).ok, true);
    assert.equal((await syncState(A.page)).state, 'off');
  } finally { await A.ctx.close(); }
});

test('a wrong password gives "error", nothing local changes; the password is stored nowhere else', { timeout: 200000 }, async () => {
  const PW = 'Tr0ub4dor-sync-pw';
  assert.equal((await couch.request('PUT', '/_config/admins/lead', PW)).status, 200);   // ends the admin party
  const A = await openProfile();
  try {
    const before = await body(A.page);
    assert.equal((await dispatch(A.page, { type: 'sync_configure', url: couch.url, db: 'locked', user: 'lead', password: 'not-' + PW })).ok, true);
    await waitSync(A.page, 'error', 20000);
    const s = await syncState(A.page);
    assert.match(s.error, /user name or password/);
    assert.equal(await body(A.page), before, 'a refused login changed the inbox');

    assert.equal((await dispatch(A.page, { type: 'sync_configure', url: couch.url, db: 'locked', user: 'lead', password: PW })).ok, true);
    await waitSync(A.page, 'idle', 90000);
    assert.ok((await couch.request('GET', '/locked', undefined, 'lead:' + PW)).body.doc_count > 0);

    // Where the password may be: the sync settings file, and nowhere else.
    const st = await A.page.evaluate(() => JSON.stringify(window.sellerdesk.state()));
    assert.ok(!st.includes(PW), 'state() shows the password');
    assert.ok(!(await A.page.evaluate(() => window.sellerdesk.exportJson())).includes(PW), 'the export has the password');
    assert.ok(!A.logs.some((m) => m.includes(PW)), 'a console message has the password');
    await waitSaved(A.page);
    const files = await A.page.evaluate(async (pw) => {
      const db = await new Promise((res, rej) => { const r = indexedDB.open('/data'); r.onsuccess = () => res(r.result); r.onerror = rej; });
      const rows = await new Promise((res) => {
        const out = [];
        db.transaction(['FILE_DATA'], 'readonly').objectStore('FILE_DATA').openCursor().onsuccess = (e) => {
          const c = e.target.result;
          if (!c) return res(out);
          out.push([c.key, c.value.contents]);
          c.continue();
        };
      });
      const found = [];
      for (const [path, contents] of rows) {
        if (!contents) continue;
        const bytes = contents instanceof Blob ? new Uint8Array(await contents.arrayBuffer()) : new Uint8Array(contents);
        if (new TextDecoder().decode(bytes).includes(pw)) found.push(path);
      }
      return { found, count: rows.length };
    }, PW);
    assert.deepEqual(files.found, ['/data/sync/settings.json'], `files with the password: ${files.found}`);
    assert.ok(files.count > 3);
  } finally { await A.ctx.close(); }
});
