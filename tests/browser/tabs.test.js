// Two tabs on the same inbox in the real Chromium (one profile, real Web Locks, BroadcastChannel
// and IndexedDB): the first tab edits, the second is read-only and follows its saves; the second
// takes over (the first saves an unsaved change before it lets go); the first follows in turn; and
// when the writing tab is closed the other one becomes the writer. No edit is lost.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, tempProfile, launchProfile, state, dispatch, waitSaved } = require('./harness');

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

async function openTab(ctx, url) {
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready === true, null, { timeout: 60000 });
  return { page, errors };
}
const light = (page) => page.evaluate(() => window.sellerdesk.state({ max_rows: 0 }));
const row = (s, id) => s.rows.find((r) => r.id === id);
const until = (page, fn, arg, what) => page.waitForFunction(fn, arg, { timeout: 20000, polling: 50 }).catch(() => { throw new Error('timed out waiting for ' + what); });

test('a second tab is read-only and follows; take-over and closing the writer hand over without losing an edit', async () => {
  const ctx = await launchProfile(tempProfile());
  try {
    const a = await openTab(ctx, server.url);
    await waitSaved(a.page);
    const b = await openTab(ctx, server.url);
    let sa = await state(a.page), sb = await state(b.page);
    assert.equal(sa.tab.role, 'writer');
    assert.equal(sa.read_only, false);
    assert.equal(sb.tab.role, 'follower');
    assert.equal(sb.read_only, true);
    const ids = sa.rows.filter((r) => r.unread).slice(0, 6).map((r) => r.id);

    // A edits; B shows it once A has saved.
    assert.equal((await dispatch(a.page, { type: 'mark_read', id: ids[0] })).ok, true);
    await waitSaved(a.page);
    await until(b.page, (id) => window.sellerdesk.state().rows.find((r) => r.id === id).unread === false, ids[0], 'B to follow A\'s edit');

    // B cannot edit: refused with the reason, nothing changes anywhere.
    const refused = await dispatch(b.page, { type: 'mark_read', id: ids[1] });
    assert.equal(refused.ok, false);
    assert.match(refused.error, /another tab/);
    assert.equal((await dispatch(b.page, { type: 'settings', agent_name: 'Nobody' })).ok, false);
    assert.equal(row(await state(a.page), ids[1]).unread, true);

    // A makes a change and B asks to take over at once, before A had time to save it.
    assert.equal((await dispatch(a.page, { type: 'add_note', id: ids[2], text: 'Written just before the hand-over.' })).ok, true);
    assert.equal((await dispatch(b.page, { type: 'take_over' })).ok, true);
    await until(b.page, () => window.sellerdesk.state({ max_rows: 0 }).tab.role === 'writer', null, 'B to become the writer');
    await until(a.page, () => window.sellerdesk.state({ max_rows: 0 }).read_only === true, null, 'A to step down');
    sb = await state(b.page);
    assert.equal(sb.read_only, false);
    assert.equal((await dispatch(b.page, { type: 'select', id: ids[2] })).ok, true);
    sb = await state(b.page);
    assert.ok(sb.conversation.notes.some((n) => n.text === 'Written just before the hand-over.'), 'the note made during the hand-over was lost');
    // A is read-only now.
    assert.equal((await dispatch(a.page, { type: 'mark_read', id: ids[3] })).ok, false);
    assert.equal((await light(a.page)).tab.role, 'follower');

    // B edits; A follows.
    assert.equal((await dispatch(b.page, { type: 'label', id: ids[3], add: ['vip'] })).ok, true);
    await waitSaved(b.page);
    await until(a.page, (id) => window.sellerdesk.state().rows.find((r) => r.id === id).labels.includes('vip'), ids[3], 'A to follow B\'s edit');

    // Closing the writer hands the lock to A, which reads the latest files and edits from then on.
    assert.equal((await dispatch(b.page, { type: 'mark_read', id: ids[4] })).ok, true);
    await waitSaved(b.page);
    await b.page.close();
    await until(a.page, () => window.sellerdesk.state({ max_rows: 0 }).tab.role === 'writer', null, 'A to become the writer again');
    sa = await state(a.page);
    assert.equal(sa.read_only, false);
    assert.equal(row(sa, ids[4]).unread, false, 'B\'s last edit is missing in A');
    assert.equal((await dispatch(a.page, { type: 'mark_read', id: ids[5] })).ok, true);
    await waitSaved(a.page);
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);

    // A new tab (read-only, since A still edits) sees every edit made in either tab.
    const c = await openTab(ctx, server.url);
    const sc = await state(c.page);
    assert.equal(sc.read_only, true);
    assert.equal(row(sc, ids[0]).unread, false);
    assert.equal(row(sc, ids[1]).unread, true);
    assert.ok(row(sc, ids[3]).labels.includes('vip'));
    assert.equal(row(sc, ids[4]).unread, false);
    assert.equal(row(sc, ids[5]).unread, false);
  } finally { await ctx.close(); }
});
