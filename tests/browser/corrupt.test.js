// Damaged files in IndexedDB (real Chromium, real IDBFS): a bit flipped in the current snapshot
// and a journal cut short. Loading detects both by checksum, recovers from the last good state,
// keeps the damaged file aside, tells the user what was recovered and what was lost, and goes on
// saving normally.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, tempProfile, launchProfile, openApp, state, dispatch, waitSaved } = require('./harness');

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

// Changes one stored file through the app's own file system, then writes it to IndexedDB.
const damage = (page, how) => page.evaluate((how) => new Promise((resolve, reject) => {
  const base = JSON.parse(new TextDecoder().decode(FS.readFile('/data/inbox/base.json')));
  const path = '/data/inbox/' + base[how.file];
  const bytes = FS.readFile(path);
  let out = bytes;
  if (how.flip !== undefined) { out = bytes.slice(); out[Math.floor(out.length * how.flip)] ^= 0x10; }
  if (how.cut !== undefined) out = bytes.slice(0, bytes.length - how.cut);
  FS.writeFile(path, out);
  FS.syncfs(false, (err) => err ? reject(err) : resolve({ base, path, size: bytes.length }));
}), how);

const listing = (page) => page.evaluate(() => FS.readdir('/data/inbox').filter((n) => n !== '.' && n !== '..').sort());

test('a bit flipped in the snapshot: rebuilt from the previous generation and both journals, nothing lost', async () => {
  const dir = tempProfile();
  let ctx = await launchProfile(dir);
  let ids;
  try {
    const { page } = await openApp(ctx, server.url);
    const s = await state(page);
    ids = s.rows.filter((r) => r.unread).slice(0, 3).map((r) => r.id);
    for (const id of ids) assert.equal((await dispatch(page, { type: 'mark_read', id })).ok, true);
    assert.equal((await dispatch(page, { type: 'label', id: ids[0], add: ['vip'] })).ok, true);
    await waitSaved(page);
    const d = await damage(page, { file: 'snapshot', flip: 0.5 });
    assert.ok(d.base.generation >= 1, 'no binary snapshot was written');
  } finally { await ctx.close(); }

  ctx = await launchProfile(dir);
  try {
    const { page, errors } = await openApp(ctx, server.url);
    const s = await state(page);
    assert.match(s.notice, /snapshot-\d+\.bin was damaged \(checksum mismatch\)/);
    assert.match(s.notice, /nothing was lost/);
    for (const id of ids) assert.equal(s.rows.find((r) => r.id === id).unread, false, 'an acknowledged edit was lost');
    assert.ok(s.rows.find((r) => r.id === ids[0]).labels.includes('vip'));
    const files = await listing(page);
    assert.ok(files.some((f) => /^snapshot-\d+\.bin\.damaged$/.test(f)), 'the damaged snapshot was not kept aside: ' + files);
    assert.deepEqual(errors, []);
    // Saving goes on: a new edit survives the next start, and that start finds nothing wrong.
    const other = s.rows.find((r) => r.unread).id;
    assert.equal((await dispatch(page, { type: 'mark_read', id: other })).ok, true);
    await waitSaved(page);
    await page.reload();
    await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready, null, { timeout: 60000 });
    const s2 = await state(page);
    assert.equal(s2.notice, '');
    assert.equal(s2.rows.find((r) => r.id === other).unread, false);
    for (const id of ids) assert.equal(s2.rows.find((r) => r.id === id).unread, false);
  } finally { await ctx.close(); }
});

test('a journal cut short: the whole records are kept, the torn one is set aside and reported', async () => {
  const dir = tempProfile();
  let ctx = await launchProfile(dir);
  let ids;
  try {
    const { page } = await openApp(ctx, server.url);
    const s = await state(page);
    ids = s.rows.filter((r) => r.unread).slice(0, 4).map((r) => r.id);
    for (const id of ids) {
      assert.equal((await dispatch(page, { type: 'mark_read', id })).ok, true);
      await waitSaved(page);
    }
    await damage(page, { file: 'journal', cut: 7 });   // the last record loses its end
  } finally { await ctx.close(); }

  ctx = await launchProfile(dir);
  try {
    const { page } = await openApp(ctx, server.url);
    const s = await state(page);
    assert.match(s.notice, /journal-\d+\.log had a damaged tail/);
    assert.match(s.notice, /3 saved changes were recovered/);
    for (const id of ids.slice(0, 3)) assert.equal(s.rows.find((r) => r.id === id).unread, false);
    assert.equal(s.rows.find((r) => r.id === ids[3]).unread, true, 'the torn record was applied');
    const files = await listing(page);
    assert.ok(files.some((f) => /^journal-\d+\.log\.damaged$/.test(f)), 'the torn tail was not kept aside: ' + files);
  } finally { await ctx.close(); }
});
