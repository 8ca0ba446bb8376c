// Issue 15 item 7, "Needs a reply first", in the real page at 1366×768: the default view of the
// demo starts with conversations awaiting the seller; rows[].sla is the response deadline only and
// an answered Tmall after-sale chat has its resolution clock in rows[].resolution (paused: time
// passing while the customer is awaited does not move it); the list has its Resolve in column;
// closing without a reply reads Closed. Screenshots in English and Chinese go to
// tests/browser/out/ (needs_reply_*.png) to be looked at.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { settle, startServer, tempProfile, launchProfile, openApp, state, dispatch } = require('./harness');

const OUT = path.join(__dirname, 'out');
const VIEWPORT = { width: 1366, height: 768 };
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

let server;
before(async () => { server = await startServer(); fs.mkdirSync(OUT, { recursive: true }); });
after(() => server && server.stop());

// The IDs of the policies that measure resolution (Tmall's 48 h), from the settings themselves.
const resolutionPolicies = (s) => new Set(s.settings.sla_policies.policies.filter((p) => p.measure === 'resolution').map((p) => p.id));

test('the default view: needs a reply first; sla is the response deadline, resolution apart', async () => {
  const ctx = await launchProfile(tempProfile(), { viewport: VIEWPORT });
  try {
    const { page, errors } = await openApp(ctx, server.url);
    let s = await state(page);
    assert.equal(s.sort.by, 'urgency');
    assert.equal(s.filter, 'all');
    // The first 20 rows all await the seller.
    assert.ok(s.rows.length >= 20);
    for (const r of s.rows.slice(0, 20)) assert.equal(r.status, 'awaiting_seller', JSON.stringify(r));
    // rows[].sla never shows a resolution policy; its shape is kept.
    const resolution = resolutionPolicies(s);
    assert.ok(resolution.has('tmall_after_sale_resolution'));
    for (const r of s.rows) {
      assert.deepEqual(Object.keys(r.sla).sort(), ['deadline', 'policy', 'remaining_s', 'state', 'text']);
      assert.ok(!resolution.has(r.sla.policy), JSON.stringify(r));
      assert.ok(r.resolution === null || Object.keys(r.resolution).sort().join() === 'deadline,remaining_s,state', JSON.stringify(r));
    }
    // An answered Tmall after-sale chat: its response answered, its resolution clock paused.
    const tmall = s.rows.find((r) => r.marketplace === 'tmall' && r.sla.state === 'answered' && r.resolution && r.resolution.state === 'paused');
    assert.ok(tmall, 'no answered Tmall after-sale chat with a paused resolution clock in the demo');
    assert.equal(tmall.sla.policy, 'tmall_after_sale_first_response');
    assert.equal(tmall.resolution.deadline, null);
    assert.ok(tmall.resolution.remaining_s > 0);
    // The Resolve in column is on screen at 1366×768, after Respond in.
    const names = s.layout.columns.map((c) => c.name);
    assert.ok(names.includes('resolve_in') && names.indexOf('resolve_in') === names.indexOf('respond_in') + 1, names.join());

    // Three days pass while the customer is awaited: the resolution clock does not move.
    await dispatch(page, { type: 'clock', now: iso(Date.parse(s.now) + 3 * 86400e3), speed: 0 });
    s = await state(page);
    const later = s.rows.find((r) => r.id === tmall.id);
    assert.equal(later.resolution.state, 'paused');
    assert.equal(later.resolution.remaining_s, tmall.resolution.remaining_s);
    for (const r of s.rows.slice(0, 20)) assert.equal(r.status, 'awaiting_seller');
    await dispatch(page, { type: 'clock', now: null });

    // Screenshots, English and Chinese: the default view, then the Tmall chats with one open.
    await settle(page);
    await page.screenshot({ path: path.join(OUT, 'needs_reply_en.png') });
    assert.deepEqual(await dispatch(page, { type: 'language', lang: 'zh' }), { ok: true });
    await settle(page);
    await page.screenshot({ path: path.join(OUT, 'needs_reply_zh.png') });
    await dispatch(page, { type: 'filter', name: 'marketplace:tmall' });
    await dispatch(page, { type: 'select', id: tmall.id });
    await settle(page);
    await page.screenshot({ path: path.join(OUT, 'needs_reply_tmall_zh.png') });
    await dispatch(page, { type: 'language', lang: 'en' });
    await settle(page);
    await page.screenshot({ path: path.join(OUT, 'needs_reply_tmall_en.png') });
    // The same chat among those awaiting the customer (Resolve in: Paused), its Deadlines tab open.
    await dispatch(page, { type: 'filter', name: 'status:awaiting_customer' });
    await settle(page);
    s = await state(page);
    const tab = s.layout.tabs.deadlines;
    await page.mouse.click(tab.x + tab.w / 2, tab.y + tab.h / 2);
    await settle(page);
    await page.screenshot({ path: path.join(OUT, 'needs_reply_paused_en.png') });
    await dispatch(page, { type: 'language', lang: 'zh' });
    await settle(page);
    await page.screenshot({ path: path.join(OUT, 'needs_reply_paused_zh.png') });
    // A closed after-sale chat: Resolved, with its closing time in the Deadlines tab.
    await dispatch(page, { type: 'language', lang: 'en' });
    await dispatch(page, { type: 'filter', name: 'status:closed' });
    s = await state(page);
    const resolved = s.rows.find((r) => r.resolution && r.resolution.state === 'resolved');
    assert.ok(resolved, 'no closed Tmall after-sale chat in the demo');
    assert.equal(resolved.resolution.remaining_s, null);
    await dispatch(page, { type: 'search', field: 'customer', text: resolved.customer });
    await dispatch(page, { type: 'select', id: resolved.id });
    await settle(page);
    await page.screenshot({ path: path.join(OUT, 'needs_reply_resolved_en.png') });
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});

test('closing without a reply reads Closed, never answered; the closing time is kept', async () => {
  const ctx = await launchProfile(tempProfile(), { viewport: VIEWPORT });
  try {
    const { page } = await openApp(ctx, server.url);
    let s = await state(page);
    const target = s.rows.find((r) => r.status === 'awaiting_seller' && r.sla.state === 'overdue');
    assert.ok(target);
    await dispatch(page, { type: 'clock', now: s.now, speed: 0 });
    assert.deepEqual(await dispatch(page, { type: 'set_status', id: target.id, status: 'closed' }), { ok: true });
    await dispatch(page, { type: 'select', id: target.id });
    s = await state(page);
    const row = s.rows.find((r) => r.id === target.id);
    assert.equal(row.status, 'closed');
    assert.equal(row.sla.state, 'none');
    assert.equal(row.sla.text, 'Closed');
    assert.equal(row.sla.remaining_s, null);
    assert.equal(s.conversation.closed_at, s.now);
    // It left the first rows: they still all await the seller.
    await dispatch(page, { type: 'select', id: null });
    s = await state(page);
    for (const r of s.rows.slice(0, 20)) assert.equal(r.status, 'awaiting_seller');
    assert.ok(s.rows.findIndex((r) => r.id === target.id) > s.rows.findIndex((r) => r.status !== 'awaiting_seller'));
    await dispatch(page, { type: 'clock', now: null });
  } finally { await ctx.close(); }
});
