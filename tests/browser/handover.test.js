// Shift handover and VIP follow-up in the real page (issue 19, part c): end_shift writes a
// handover that survives a reload and is shown at the next start, where one click on a listed
// conversation opens it; a VIP follow-up date fills the "Follow up today" folder, also after a
// reload, and moves at the agent's midnight with no command. Screenshots of the start window in
// English and Chinese at 1366×768 go to tests/browser/out/ to be looked at.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { settle, startServer, tempProfile, launchProfile, openApp, state, dispatch, waitSaved } = require('./harness');

const OUT = path.join(__dirname, 'out');
const VIEWPORT = { width: 1366, height: 768 };

let server;
before(async () => { server = await startServer(); fs.mkdirSync(OUT, { recursive: true }); });
after(() => server && server.stop());

async function reload(page) {
  await page.reload();
  await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready === true, null, { timeout: 60000 });
  await settle(page, 4);
}

test('end_shift writes a handover that the next start shows, and one click opens a listed conversation', async () => {
  const profile = tempProfile();
  const context = await launchProfile(profile, { viewport: VIEWPORT });
  try {
    const { page, errors } = await openApp(context, server.url + '?demo=200&seed=3');
    await waitSaved(page);
    assert.equal((await state(page)).handover, null);
    // Something of each kind: a draft and a remark of today on one conversation.
    const id = (await state(page)).rows[0].id;
    assert.equal((await dispatch(page, { type: 'select', id })).ok, true);
    assert.equal((await dispatch(page, { type: 'draft', id, text: 'Dear buyer, a new parcel ships today.' })).ok, true);
    assert.equal((await dispatch(page, { type: 'add_remark', id, text: '已补发', kind: 'shipped' })).ok, true);
    // What waits, counted independently: the awaiting-seller folder lists every such conversation but spam.
    await dispatch(page, { type: 'filter', name: 'status:awaiting_seller' });
    const waiting = (await state(page)).rows_total;
    await dispatch(page, { type: 'filter', name: 'all' });

    assert.deepEqual(await dispatch(page, { type: 'end_shift', text: 5 }), { ok: false, error: '"text" must be a string' });
    const r = await dispatch(page, { type: 'end_shift', text: 'Night shift: the lamp buyer calls back at 9.' });
    assert.equal(r.ok, true);
    assert.match(r.id, /^ho-/);
    let s = await state(page);
    assert.equal(s.handover.id, r.id);
    assert.equal(s.handover.text, 'Night shift: the lamp buyer calls back at 9.');
    assert.equal(s.handover.waiting_total, waiting);
    assert.ok(s.handover.drafts.some((d) => d.conversation_id === id), JSON.stringify(s.handover.drafts));
    assert.ok(s.handover.remarks.some((d) => d.conversation_id === id && d.excerpt === '已补发'), JSON.stringify(s.handover.remarks));
    assert.ok((await page.evaluate(() => window.sellerdesk.exportJson())).includes(`"id":"${r.id}"`), 'the export carries it');
    await waitSaved(page);

    // The next start: the window lists them; a click on a link opens that conversation.
    await dispatch(page, { type: 'select', id: null });
    await reload(page);
    s = await state(page);
    assert.equal(s.handover.id, r.id);
    assert.equal(s.handover.unseen, true);
    assert.equal(s.handover_windows.start, true);
    assert.ok(s.handover_windows.links.length > 0);
    await page.screenshot({ path: path.join(OUT, 'handover-start-en-1366.png') });
    await dispatch(page, { type: 'language', lang: 'zh' });
    await settle(page, 5);
    await page.screenshot({ path: path.join(OUT, 'handover-start-zh-1366.png') });
    await dispatch(page, { type: 'language', lang: 'en' });
    await settle(page, 5);
    s = await state(page);
    const link = s.handover_windows.links.find((l) => l.y + l.h < VIEWPORT.height && l.w > 10);
    assert.ok(link, JSON.stringify(s.handover_windows.links.slice(0, 3)));
    await page.mouse.click(link.x + Math.min(40, link.w / 2), link.y + link.h / 2);
    await settle(page, 4);
    assert.equal((await state(page)).selected, link.conversation_id);

    // Acknowledged: not shown at the next start.
    assert.deepEqual(await dispatch(page, { type: 'handover_seen' }), { ok: true, id: r.id });
    await waitSaved(page);
    await reload(page);
    s = await state(page);
    assert.equal(s.handover.id, r.id);
    assert.equal(s.handover.unseen, false);
    assert.equal(s.handover_windows.start, false);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test('a VIP follow-up date fills the Follow up today folder, survives a reload and clears when done', async () => {
  const profile = tempProfile();
  const context = await launchProfile(profile, { viewport: VIEWPORT });
  try {
    const { page, errors } = await openApp(context, server.url + '?demo=200&seed=3');
    await waitSaved(page);
    let s = await state(page);
    assert.equal(s.filter_counts.follow_up, 0);
    const id = s.rows[0].id;
    await dispatch(page, { type: 'select', id });
    const bad = await dispatch(page, { type: 'customer_vip', id, follow_up: '2026-02-30' });
    assert.equal(bad.ok, false);
    assert.match(bad.error, /is not a date YYYY-MM-DD/);
    // A date already past is due whatever the time zone; one far ahead is not.
    assert.equal((await dispatch(page, { type: 'customer_vip', id, vip: true, follow_up: '2999-12-31' })).ok, true);
    await settle(page);
    s = await state(page);
    assert.deepEqual(s.customer_vip, { customer_id: s.customer_vip.customer_id, vip: true, follow_up: '2999-12-31', due: false });
    assert.equal(s.filter_counts.follow_up, 0);
    assert.equal((await dispatch(page, { type: 'customer_vip', id, follow_up: '2026-01-05' })).ok, true);
    await settle(page);
    s = await state(page);
    assert.equal(s.customer_vip.due, true);
    const due = s.filter_counts.follow_up;
    assert.ok(due >= 1);
    await dispatch(page, { type: 'filter', name: 'follow_up' });
    s = await state(page);
    assert.equal(s.rows_total, due);
    assert.ok(s.rows.some((row) => row.id === id));
    await page.screenshot({ path: path.join(OUT, 'vip-follow-up-en-1366.png') });
    await waitSaved(page);

    await reload(page);
    s = await state(page);
    assert.equal(s.filter_counts.follow_up, due);
    await dispatch(page, { type: 'select', id });
    s = await state(page);
    assert.equal(s.customer_vip.vip, true);
    assert.equal(s.customer_vip.follow_up, '2026-01-05');

    // Done: cleared; the VIP mark stays.
    assert.equal((await dispatch(page, { type: 'customer_vip', id, follow_up: '' })).ok, true);
    await settle(page);
    s = await state(page);
    assert.equal(s.filter_counts.follow_up, 0);
    assert.equal(s.customer_vip.follow_up, null);
    assert.equal(s.customer_vip.vip, true);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test('the Follow up today count moves at the agent\'s midnight with no command', async () => {
  const profile = tempProfile();
  const context = await launchProfile(profile, { viewport: VIEWPORT });
  try {
    const { page, errors } = await openApp(context, server.url + '?demo=200&seed=3');
    let s = await state(page);
    const id = s.rows[0].id;
    await dispatch(page, { type: 'select', id });
    const day = '2027-03-10';
    assert.equal((await dispatch(page, { type: 'customer_vip', id, vip: true, follow_up: day })).ok, true);
    // Where the agent's day turns to `day`: found with the clock paused (due is monotone in time;
    // a day before it no zone is there yet, a day after every zone is).
    const dueAt = async (ms) => {
      assert.equal((await dispatch(page, { type: 'clock', now: new Date(ms).toISOString(), speed: 0 })).ok, true);
      return (await state(page)).customer_vip.due;
    };
    let lo = Date.parse('2027-03-09T00:00:00Z'), hi = Date.parse('2027-03-11T00:00:00Z');
    assert.equal(await dueAt(lo), false);
    assert.equal(await dueAt(hi), true);
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (await dueAt(mid)) hi = mid; else lo = mid;
    }
    // Two seconds before it, with the clock running: nobody due; then only time passes.
    assert.equal((await dispatch(page, { type: 'clock', now: new Date(hi - 2000).toISOString(), speed: 1 })).ok, true);
    s = await state(page);
    assert.equal(s.filter_counts.follow_up, 0);
    await page.waitForTimeout(3500);
    s = await state(page);
    assert.equal(s.customer_vip.due, true);
    assert.ok(s.filter_counts.follow_up >= 1, JSON.stringify(s.filter_counts));
    await dispatch(page, { type: 'filter', name: 'follow_up' });
    assert.equal((await state(page)).rows_total, s.filter_counts.follow_up);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
