// Presence through a real PouchDB Server (tests/browser/couch.js): two profiles share one database;
// when one agent clicks into the reply editor of a conversation, the other sees "replying" for it
// in state().presence within a few seconds (the document is written when what it says changes,
// not at the 20 s renewal), and "viewing" again once the editor loses the focus.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, tempProfile, launchProfile, openApp, state, dispatch, focusCanvas } = require('./harness');
const { startCouch, waitSync } = require('./couch');

let server, couch;
before(async () => { server = await startServer(); couch = await startCouch(); });
after(async () => { if (server) server.stop(); if (couch) await couch.stop(); });

const RENEWAL_MS = 20000;   // web/couch_sync.js PRESENCE_EVERY_MS: the test must not need it

// How long until `page` lists `agent` on conversation `id` with `action` (null: not listed).
async function seen(page, id, agent, action, ms) {
  const t0 = Date.now();
  await page.waitForFunction(([cid, who, what]) => {
    const list = window.sellerdesk.state({ max_rows: 0 }).presence[cid] || [];
    const mine = list.filter((x) => x.agent === who);
    return what === null ? mine.length === 0 : mine.some((x) => x.action === what);
  }, [id, agent, action], { timeout: ms, polling: 100 });
  return Date.now() - t0;
}

test('the other agent sees "replying" while the reply editor has the focus, "viewing" after', { timeout: 120000 }, async () => {
  const A = await launchProfile(tempProfile()), B = await launchProfile(tempProfile());
  try {
    const pa = (await openApp(A, server.url + '?demo=30')).page;
    const pb = (await openApp(B, server.url + '?demo=30')).page;
    for (const p of [pa, pb]) {
      const r = await dispatch(p, { type: 'sync_configure', url: couch.url, db: 'presence', user: '', password: '' });
      assert.equal(r.ok, true, JSON.stringify(r));
    }
    await waitSync(pa, 'idle');
    await waitSync(pb, 'idle');
    assert.equal((await dispatch(pa, { type: 'settings', agent_name: 'Ana Sync' })).ok, true);
    const id = (await state(pa)).rows.find((r) => r.status !== 'closed').id;
    assert.equal((await dispatch(pa, { type: 'select', id })).ok, true);
    await seen(pb, id, 'Ana Sync', 'viewing', 10000);

    // A clicks into the reply editor (a real textarea over the canvas) and types a little.
    await pa.locator('#reply-editor').click();
    await pa.keyboard.type('Checking', { delay: 5 });
    const toReplying = await seen(pb, id, 'Ana Sync', 'replying', RENEWAL_MS / 2);
    assert.deepEqual((await state(pb)).presence[id].map((x) => x.agent), ['Ana Sync'], 'listed once');
    // A does not see itself.
    assert.deepEqual(Object.values((await state(pa)).presence).flat().filter((x) => x.agent === 'Ana Sync'), []);

    // The focus leaves the editor (a click on the canvas): back to "viewing".
    await focusCanvas(pa);
    const toViewing = await seen(pb, id, 'Ana Sync', 'viewing', RENEWAL_MS / 2);
    // Another conversation opened: the first one no longer lists A.
    const other = (await state(pa)).rows.find((r) => r.id !== id).id;
    assert.equal((await dispatch(pa, { type: 'select', id: other })).ok, true);
    const moved = await seen(pb, id, 'Ana Sync', null, RENEWAL_MS / 2);
    await seen(pb, other, 'Ana Sync', 'viewing', RENEWAL_MS / 2);
    console.log(`presence seen by the other profile: replying after ${toReplying} ms, viewing after ${toViewing} ms, moved after ${moved} ms`);
  } finally {
    await A.close();
    await B.close();
  }
});
