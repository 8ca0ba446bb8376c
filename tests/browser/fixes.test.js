// Issue 17's domain fixes in the real app: remarks chosen by kind, the marketplace's own labels in
// the Labels menu, the team's countdown beside the marketplace's, and a simulated clock that
// survives a reload. Screenshots at 1366x768 in English and Chinese go to tests/browser/out/
// (fixes_*.png) to be looked at.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, tempProfile, launchProfile, openApp, state, dispatch, waitSaved, focusCanvas, settle } = require('./harness');

const OUT = path.join(__dirname, 'out');
let server;
before(async () => { server = await startServer(); fs.mkdirSync(OUT, { recursive: true }); });
after(() => server && server.stop());

const row = (s, id) => s.rows.find((r) => r.id === id);
const shot = (page, name) => page.screenshot({ path: path.join(OUT, `fixes_${name}.png`) });

test('remark kinds, marketplace labels and the team countdown', async () => {
  const ctx = await launchProfile(tempProfile(), { viewport: { width: 1366, height: 768 } });
  try {
    const { page, errors } = await openApp(ctx, server.url);
    let s = await state(page);
    // The team's countdown sits beside every open marketplace deadline.
    const open = s.rows.filter((r) => ['on_track', 'due_soon', 'overdue'].includes(r.sla.state));
    assert.ok(open.length > 0);
    assert.ok(open.every((r) => r.team_target && r.team_target.deadline));
    assert.deepEqual(s.team_target, { enabled: true, hours: 4, zone: 'Asia/Shanghai', open: '09:00', close: '18:00' });

    // A Tmall remark by kind: the flag follows seed 004.
    const tmall = s.rows.find((r) => r.marketplace === 'tmall' && r.order_id);
    assert.ok(tmall);
    assert.deepEqual(await dispatch(page, { type: 'select', id: tmall.id }), { ok: true });
    assert.deepEqual(await dispatch(page, { type: 'add_remark', id: tmall.id, text: '顺丰已发出', kind: 'shipped' }), { ok: true });
    assert.deepEqual(await dispatch(page, { type: 'add_remark', id: tmall.id, text: '改价 5 元', kind: 'price_change' }), { ok: true });
    const bad = await dispatch(page, { type: 'add_remark', id: tmall.id, text: 'x', kind: 'shipped', flag: 'red' });
    assert.equal(bad.ok, false);
    assert.match(bad.error, /shipped remark has the flag "blue"/);
    s = await state(page);
    // The list keeps the thread's room at 1366x768 (laptop.test.js has the exact bars).
    assert.ok(s.layout.thread && s.layout.thread.w >= 400, JSON.stringify(s.layout.thread));
    const remarks = s.conversation.remarks;
    assert.equal(remarks.find((r) => r.text === '顺丰已发出').flag, 'blue');
    assert.equal(remarks.find((r) => r.text === '顺丰已发出').kind, 'shipped');
    assert.equal(remarks.find((r) => r.text === '改价 5 元').flag, 'none');
    const tab = s.layout.tabs.remarks;
    assert.ok(tab, 'the remarks tab is drawn');
    await page.mouse.click(tab.x + tab.w / 2, tab.y + tab.h / 2);
    await settle(page);
    await shot(page, 'remarks_en');
    await dispatch(page, { type: 'language', lang: 'zh' });
    await settle(page);
    await shot(page, 'remarks_zh');
    await dispatch(page, { type: 'language', lang: 'en' });

    // Walmart's own labels in the menu; the BBB / AG label gives the 1 h policy.
    const walmart = s.rows.find((r) => r.marketplace === 'walmart' && r.sla.state === 'on_track');
    assert.ok(walmart);
    await dispatch(page, { type: 'select', id: walmart.id });
    await focusCanvas(page);
    await page.keyboard.press('Escape');
    await dispatch(page, { type: 'select', id: walmart.id });
    await settle(page);
    await shot(page, 'team_countdown_en');
    assert.deepEqual(await dispatch(page, { type: 'label', id: walmart.id, add: ['bbb_ag_complaint'] }), { ok: true });
    s = await state(page);
    assert.equal(row(s, walmart.id).sla.policy, 'walmart_bbb_ag_complaint');
    assert.ok(row(s, walmart.id).sla.remaining_s <= 3600);
    assert.deepEqual(await dispatch(page, { type: 'label', id: walmart.id, remove: ['bbb_ag_complaint'] }), { ok: true });
    await dispatch(page, { type: 'language', lang: 'zh' });
    await settle(page);
    await shot(page, 'team_countdown_zh');
    await dispatch(page, { type: 'language', lang: 'en' });
    // The Labels menu by its shortcut (L in the thread).
    await page.mouse.click(s.layout.thread.x + s.layout.thread.w / 2, s.layout.thread.y + s.layout.thread.h - 30);
    await page.keyboard.press('Escape');
    await page.keyboard.press('l');
    await settle(page);
    await shot(page, 'labels_en');
    await dispatch(page, { type: 'language', lang: 'zh' });
    await settle(page);
    await shot(page, 'labels_zh');
    await dispatch(page, { type: 'language', lang: 'en' });

    // Off: no team countdown anywhere.
    assert.deepEqual(await dispatch(page, { type: 'team_target', enabled: false }), { ok: true });
    s = await state(page);
    assert.ok(s.rows.every((r) => r.team_target === null));
    assert.equal((await dispatch(page, { type: 'team_target', hours: 0 })).ok, false);
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});

test('the simulated clock survives a reload while it is on; exports stay on real time', async () => {
  const dir = tempProfile();
  let ctx = await launchProfile(dir);
  try {
    let { page } = await openApp(ctx, server.url);
    assert.deepEqual(await dispatch(page, { type: 'clock', now: '2027-03-01T09:00:00Z', speed: 0 }), { ok: true });
    await waitSaved(page);
    await page.reload();
    await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready === true, null, { timeout: 60000 });
    let s = await state(page);
    assert.equal(s.clock.simulated, true);
    assert.equal(s.clock.speed, 0);
    assert.equal(s.now, '2027-03-01T09:00:00Z');
    // Running at 3600x: a reload carries on from where it would be.
    await dispatch(page, { type: 'clock', now: '2027-03-01T09:00:00Z', speed: 3600 });
    await page.reload();
    await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready === true, null, { timeout: 60000 });
    s = await state(page);
    assert.equal(s.clock.simulated, true);
    assert.ok(Date.parse(s.now) > Date.parse('2027-03-01T09:00:00Z'));
    // A remark written meanwhile carries the wall clock.
    const id = s.rows[0].id;
    await dispatch(page, { type: 'select', id });
    await dispatch(page, { type: 'add_remark', id, text: 'stamp check', kind: 'refundable' });
    s = await state(page);
    const stamp = Date.parse(s.conversation.remarks.find((r) => r.text === 'stamp check').at);
    assert.ok(Math.abs(stamp - Date.now()) < 120e3, `remark at ${stamp} is not the wall clock`);
    // Real time again: a reload stays real.
    await dispatch(page, { type: 'clock', now: null });
    await page.reload();
    await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready === true, null, { timeout: 60000 });
    assert.equal((await state(page)).clock.simulated, false);
  } finally { await ctx.close(); }
});
