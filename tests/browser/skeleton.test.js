// Walking skeleton in the real Chromium with the real IndexedDB: the page loads cleanly, draws,
// shows the demo inbox, opens a conversation from a click on the canvas, and keeps the read state
// across a reload and a browser restart.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { focusCanvas, startServer, tempProfile, launchProfile, openApp, state, dispatch, waitSaved } = require('./harness');

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

test('page loads without console errors and draws the inbox on the canvas', async () => {
  const ctx = await launchProfile(tempProfile());
  try {
    const { page, errors } = await openApp(ctx, server.url);
    const png = await page.locator('#canvas').screenshot();
    // Not blank: many distinct colours and plenty of non-background pixels (text, rows, badges).
    const img = await page.evaluate(async (b64) => {
      const bmp = await createImageBitmap(await (await fetch('data:image/png;base64,' + b64)).blob());
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const g = c.getContext('2d');
      g.drawImage(bmp, 0, 0);
      const d = g.getImageData(0, 0, bmp.width, bmp.height).data;
      const colours = new Set();
      let ink = 0;
      for (let i = 0; i < d.length; i += 4) {
        colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
        if (d[i] + d[i + 1] + d[i + 2] < 600) ink++;
      }
      return { colours: colours.size, ink, total: d.length / 4 };
    }, png.toString('base64'));
    assert.ok(img.colours > 50, `only ${img.colours} colours on the canvas`);
    assert.ok(img.ink / img.total > 0.03, `only ${(100 * img.ink / img.total).toFixed(2)}% of pixels carry ink`);
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});

test('demo data from all five marketplaces fills the list', async () => {
  const ctx = await launchProfile(tempProfile());
  try {
    const { page } = await openApp(ctx, server.url);
    const s = await state(page);
    assert.equal(s.ready, true);
    assert.equal(s.conversations, 1200);
    for (const m of ['walmart', 'amazon', 'ebay', 'wish', 'tmall']) assert.ok(s.marketplaces[m] > 50, `${m}: ${s.marketplaces[m]}`);
    assert.equal(s.rows.length, Object.values(s.marketplaces).reduce((a, b) => a + b, 0));
    assert.ok(s.unread > 0 && s.unread < s.conversations);
    const row = s.rows[0];
    for (const k of ['id', 'marketplace', 'customer', 'subject', 'order_id', 'unread']) assert.ok(k in row, `row lacks ${k}`);
    // Rows are in screen order: most urgent first by default, newest first when sorted by time.
    assert.equal(s.sort.by, 'urgency');
    assert.equal(s.rows[0].sla.state, 'overdue');
    assert.deepEqual(await dispatch(page, { type: 'sort', by: 'last_message' }), { ok: true });
    const t = await state(page);
    for (let i = 1; i < t.rows.length; i++) assert.ok(t.rows[i - 1].last_message_at >= t.rows[i].last_message_at);
    assert.ok(s.rows.some((r) => /[\u4e00-\u9fff]/.test(r.subject)), 'no Chinese Tmall thread');
  } finally { await ctx.close(); }
});

test('clicking a row on the canvas opens it and marks it read', async () => {
  const ctx = await launchProfile(tempProfile());
  try {
    const { page } = await openApp(ctx, server.url);
    // Show only unread conversations so the first row is an unread one.
    assert.deepEqual(await dispatch(page, { type: 'filter', name: 'unread' }), { ok: true });
    // Wait until the list has been drawn with the new filter (layout is reported per frame).
    await page.waitForFunction(() => { const st = window.sellerdesk.state(); return st.layout.row_height > 0 && st.rows[st.layout.first_visible_row].unread; }, null, { timeout: 10000 });
    let s = await state(page);
    const target = s.rows[s.layout.first_visible_row];
    assert.equal(target.unread, true);
    const before = s.unread;
    await page.mouse.click(s.layout.list_x + s.layout.list_width / 2, s.layout.first_row_y + s.layout.row_height / 2);
    await page.waitForFunction((id) => window.sellerdesk.state().selected === id, target.id, { timeout: 10000 });
    s = await state(page);
    assert.equal(s.selected, target.id);
    assert.equal(s.unread, before - 1);
    assert.ok(!s.rows.some((r) => r.id === target.id), 'a read conversation leaves the Unread view');
  } finally { await ctx.close(); }
});

test('bridge refuses bad commands with a reason and changes nothing', async () => {
  const ctx = await launchProfile(tempProfile());
  try {
    const { page } = await openApp(ctx, server.url);
    const before = await state(page);
    const r1 = await dispatch(page, { type: 'select', id: 'no-such-id' });
    assert.equal(r1.ok, false);
    assert.match(r1.error, /no conversation/);
    const r2 = await dispatch(page, { type: 'frobnicate' });
    assert.equal(r2.ok, false);
    assert.match(r2.error, /unknown command/);
    const r3 = await dispatch(page, { type: 'filter', name: 'nope' });
    assert.equal(r3.ok, false);
    // A field of the wrong type is refused, not a crash.
    const r4 = await dispatch(page, { type: 'flag_spam', id: before.rows[0].id, reason: 5 });
    assert.equal(r4.ok, false);
    assert.match(r4.error, /wrong type/);
    const r5 = await dispatch(page, { type: 'reset_demo', seed: 'seven' });
    assert.equal(r5.ok, false);
    assert.equal((await state(page)).ready, true);
    const after = await state(page);
    assert.equal(after.unread, before.unread);
    assert.equal(after.selected, null);
  } finally { await ctx.close(); }
});

test('read state survives a reload and a browser restart (IndexedDB)', async () => {
  const dir = tempProfile();
  let ctx = await launchProfile(dir);
  let id, unread;
  try {
    const { page } = await openApp(ctx, server.url);
    const s = await state(page);
    const target = s.rows.find((r) => r.unread);
    id = target.id;
    assert.deepEqual(await dispatch(page, { type: 'select', id }), { ok: true });
    await waitSaved(page);
    unread = (await state(page)).unread;
    await page.reload();
    await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready, null, { timeout: 60000 });
    const s2 = await state(page);
    assert.equal(s2.rows.find((r) => r.id === id).unread, false, 'read state lost on reload');
    assert.equal(s2.unread, unread);
    assert.deepEqual(s2.rows.map((r) => r.id), s.rows.map((r) => r.id), 'the same dataset after reload');
  } finally { await ctx.close(); }
  ctx = await launchProfile(dir);   // a new browser process, same profile
  try {
    const { page } = await openApp(ctx, server.url);
    const s3 = await state(page);
    assert.equal(s3.rows.find((r) => r.id === id).unread, false, 'read state lost across a browser restart');
    assert.equal(s3.unread, unread);
  } finally { await ctx.close(); fs.rmSync(dir, { recursive: true, force: true }); }
});

test('canvas follows the window size and the device pixel ratio', async () => {
  const ctx = await launchProfile(tempProfile(), { deviceScaleFactor: 2, viewport: { width: 1000, height: 700 } });
  try {
    const { page } = await openApp(ctx, server.url);
    let m = await page.evaluate(() => { const c = document.getElementById('canvas'); return [c.width, c.height, c.clientWidth]; });
    assert.deepEqual(m, [2000, 1400, 1000]);
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.waitForTimeout(400);
    m = await page.evaluate(() => { const c = document.getElementById('canvas'); return [c.width, c.height]; });
    assert.deepEqual(m, [2400, 1600]);
  } finally { await ctx.close(); }
});

test('typing on the real canvas: "/" focuses search and the list narrows as you type', async () => {
  const ctx = await launchProfile(tempProfile());
  try {
    const { page } = await openApp(ctx, server.url);
    const all = (await state(page)).rows.length;
    await focusCanvas(page);
    await page.keyboard.press('/');
    await page.waitForTimeout(200);
    await page.keyboard.type('refund', { delay: 30 });
    await page.waitForFunction(() => window.sellerdesk.state().search.text.includes('refund'), null, { timeout: 10000 });
    let s = await state(page);
    assert.equal(s.search.text, 'refund');
    assert.equal(s.search.field, 'all');
    assert.ok(s.rows.length > 0 && s.rows.length < all, `${s.rows.length} of ${all} rows`);
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.waitForFunction(() => window.sellerdesk.state().search.text === 'refu', null, { timeout: 10000 });
    s = await state(page);
    assert.ok(s.rows.length >= 1);
  } finally { await ctx.close(); }
});

test('a torn journal tail in IndexedDB is set aside; earlier changes survive and the user is told', async () => {
  const dir = tempProfile();
  let ctx = await launchProfile(dir);
  let id;
  try {
    const { page } = await openApp(ctx, server.url);
    id = (await state(page)).rows.find((r) => r.unread).id;
    await dispatch(page, { type: 'select', id });
    await waitSaved(page);
    // Simulate a write cut off mid-record, then flush it to IndexedDB.
    await page.evaluate(() => new Promise((resolve, reject) => {
      const base = JSON.parse(new TextDecoder().decode(FS.readFile('/data/inbox/base.json')));
      const path = '/data/inbox/' + base.journal;   // the current generation's journal
      const old = FS.readFile(path);
      const torn = new TextEncoder().encode('J 120 0badf00d {"op":"set_unread","id":"x');
      const all = new Uint8Array(old.length + torn.length);
      all.set(old); all.set(torn, old.length);
      FS.writeFile(path, all);
      FS.syncfs(false, (err) => err ? reject(err) : resolve());
    }));
  } finally { await ctx.close(); }
  ctx = await launchProfile(dir);
  try {
    const { page, errors } = await openApp(ctx, server.url);
    const s = await state(page);
    assert.match(s.notice, /damaged/);
    assert.match(s.notice, /1 saved change was recovered/);
    assert.equal(s.rows.find((r) => r.id === id).unread, false, 'the acknowledged edit was lost');
    assert.deepEqual(errors, []);
    // New edits after the repair are kept.
    const other = s.rows.find((r) => r.unread).id;
    await dispatch(page, { type: 'select', id: other });
    await waitSaved(page);
    await page.reload();
    await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready, null, { timeout: 60000 });
    const s2 = await state(page);
    assert.equal(s2.notice, '');
    assert.equal(s2.rows.find((r) => r.id === other).unread, false);
    assert.equal(s2.rows.find((r) => r.id === id).unread, false);
  } finally { await ctx.close(); }
});
