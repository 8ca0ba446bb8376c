// Inbox workflows in the real Chromium: filters and their counts, field search typed into the
// canvas, Walmart's spam rule end to end, keyboard triage, multi-selection with bulk actions,
// remarks and notes, and that all of it survives a reload (IndexedDB).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { settle, focusCanvas, startServer, tempProfile, launchProfile, openApp, state, dispatch, waitSaved } = require('./harness');

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

const SIX = ['all', 'unread', 'response_needed', 'customer_care', 'failed', 'spam'];

// Clicks row `r` of the visible list on the canvas (layout comes from state().layout).
async function clickRow(page, r, modifiers) {
  const s = await state(page);
  const L = s.layout;
  const y = L.first_row_y + (r - L.first_visible_row) * L.row_height + L.row_height / 2;
  for (const m of modifiers || []) await page.keyboard.down(m);
  await page.mouse.click(L.list_x + L.list_width / 2, y);
  await settle(page);
  for (const m of modifiers || []) await page.keyboard.up(m);
  await settle(page);
}

test('every filter lists exactly what its count says, and the rows match the filter', async () => {
  const ctx = await launchProfile(tempProfile());
  try {
    const { page, errors } = await openApp(ctx, server.url);
    // Flag one pre-sale conversation so the Spam folder has something to list.
    const flagged = [];
    for (const r of (await state(page)).rows.filter((x) => x.kind === 'pre_sale'))
      if ((await dispatch(page, { type: 'flag_spam', id: r.id, reason: 'spam' })).ok && flagged.push(r.id) >= 2) break;
    const s0 = await state(page);
    for (const name of SIX) assert.ok(s0.counts[name] >= 0, `no count for ${name}`);
    assert.equal(s0.counts.spam, 2);
    assert.ok(s0.counts.spam > 0 && s0.counts.failed > 0 && s0.counts.response_needed > 0 && s0.counts.customer_care > 0,
      JSON.stringify(s0.counts));
    const checks = {
      unread: (r) => r.unread === true && r.spam === null,
      response_needed: (r) => r.labels.includes('response_needed') && r.spam === null,
      customer_care: (r) => r.labels.includes('customer_care') && r.spam === null,
      spam: (r) => ['spam', 'fraud', 'inappropriate'].includes(r.spam),
      failed: (r) => r.spam === null,
      all: (r) => r.spam === null,
      'marketplace:wish': (r) => r.marketplace === 'wish' && r.spam === null,
      'status:closed': (r) => r.status === 'closed',
      'wish:unhandled': (r) => r.marketplace === 'wish' && r.status === 'awaiting_seller',
      'label:return_request': (r) => r.labels.includes('return_request'),
    };
    for (const [name, ok] of Object.entries(checks)) {
      assert.deepEqual(await dispatch(page, { type: 'filter', name }), { ok: true }, name);
      const s = await state(page);
      assert.equal(s.filter, name);
      assert.equal(s.rows.length, s.filter_counts[name], `${name}: ${s.rows.length} rows, count says ${s.filter_counts[name]}`);
      if (SIX.includes(name)) assert.equal(s.rows.length, s.counts[name], name);
      assert.ok(s.rows.length > 0, `${name} is empty in the demo`);
      const bad = s.rows.find((r) => !ok(r));
      assert.equal(bad, undefined, `${name} lists ${JSON.stringify(bad)}`);
    }
    // Unread in the menu bar equals the unread filter; marketplaces add up to All.
    const s = await state(page);
    assert.equal(s.unread, s.counts.unread);
    assert.equal(Object.values(s.marketplaces).reduce((a, b) => a + b, 0), s.counts.all);
    const bad = await dispatch(page, { type: 'filter', name: 'starred' });
    assert.equal(bad.ok, false);
    assert.match(bad.error, /starred/);
    assert.equal((await state(page)).filter, 'label:return_request', 'a refused filter changed the view');
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});

test('field search: order ID with full-width digits, customer name typed into the canvas', async () => {
  const ctx = await launchProfile(tempProfile());
  try {
    const { page } = await openApp(ctx, server.url);
    const s0 = await state(page);
    const target = s0.rows.find((r) => /\d{6,}/.test(r.order_id) && /^[A-Za-z]{3,} /.test(r.customer));
    // Chinese keyboards type full-width digits: ５０１２... must find the same order.
    const digits = target.order_id.replace(/\D/g, '').slice(-6);
    const wide = [...digits].map((d) => String.fromCharCode(0xFF10 + Number(d))).join('');
    assert.deepEqual(await dispatch(page, { type: 'search', field: 'order_id', text: wide }), { ok: true });
    let s = await state(page);
    assert.deepEqual(s.search, { field: 'order_id', text: wide });
    assert.ok(s.rows.some((r) => r.id === target.id), 'full-width digits did not find the order');
    assert.ok(s.rows.every((r) => r.order_id.replace(/\D/g, '').includes(digits)));

    // The field selector is a combo on the canvas; the bridge sets it, the text is typed for real.
    await dispatch(page, { type: 'search', field: 'customer', text: '' });
    const name = target.customer.split(' ')[0];
    await focusCanvas(page);
    await page.keyboard.press('/');
    await page.keyboard.type(name.toLowerCase(), { delay: 25 });
    await settle(page);
    s = await state(page);
    assert.equal(s.search.text, name.toLowerCase());
    assert.equal(s.search.field, 'customer');
    assert.ok(s.rows.length > 0 && s.rows.length < s0.rows.length);
    for (const r of s.rows)
      assert.ok(r.customer.toLowerCase().split(/\s+/).some((w) => w.startsWith(name.toLowerCase())), `${r.customer} does not match ${name}`);
    // Filter and search combine.
    await dispatch(page, { type: 'filter', name: 'marketplace:' + target.marketplace });
    s = await state(page);
    assert.ok(s.rows.length > 0 && s.rows.every((r) => r.marketplace === target.marketplace));
  } finally { await ctx.close(); }
});

test('spam: refused with the rule\'s reason, needs a reason, leaves All, and a reply brings it back', async () => {
  const dir = tempProfile();
  let ctx = await launchProfile(dir);
  let spamId;
  try {
    const { page } = await openApp(ctx, server.url);
    const s0 = await state(page);
    const post = s0.rows.find((r) => r.kind === 'post_sale');
    let r = await dispatch(page, { type: 'flag_spam', id: post.id, reason: 'spam' });
    assert.equal(r.ok, false);
    assert.match(r.error, /order-related messages can't be flagged as spam/);

    const pre = s0.rows.filter((x) => x.kind === 'pre_sale');
    r = await dispatch(page, { type: 'flag_spam', id: pre[0].id, reason: 'junk' });
    assert.equal(r.ok, false, 'a made-up reason was accepted');
    r = await dispatch(page, { type: 'flag_spam', id: pre[0].id });
    assert.equal(r.ok, false, 'no reason was accepted');
    // An answered pre-sale conversation is refused too; find one the rule allows.
    let answeredRefusal = null;
    for (const cand of pre) {
      r = await dispatch(page, { type: 'flag_spam', id: cand.id, reason: 'fraud' });
      if (r.ok) { spamId = cand.id; break; }
      answeredRefusal = r.error;
    }
    assert.ok(spamId, 'no pre-sale conversation could be flagged');
    if (answeredRefusal) assert.match(answeredRefusal, /already been answered/);
    const s1 = await state(page);
    assert.equal(s1.counts.spam, s0.counts.spam + 1);
    assert.equal(s1.counts.all, s0.counts.all - 1);
    assert.ok(!s1.rows.some((x) => x.id === spamId), 'flagged conversation still listed under All');
    await dispatch(page, { type: 'filter', name: 'unread' });
    assert.ok(!(await state(page)).rows.some((x) => x.id === spamId), 'flagged conversation listed under Unread');
    await dispatch(page, { type: 'filter', name: 'spam' });
    const inSpam = (await state(page)).rows.find((x) => x.id === spamId);
    assert.equal(inSpam.spam, 'fraud');
    await waitSaved(page);
  } finally { await ctx.close(); }

  // After a browser restart it is still spam; replying removes the flag and returns it to All.
  ctx = await launchProfile(dir);
  try {
    const { page } = await openApp(ctx, server.url);
    await dispatch(page, { type: 'filter', name: 'spam' });
    assert.ok((await state(page)).rows.some((x) => x.id === spamId), 'spam flag lost on restart');
    const before = (await state(page)).counts;
    assert.equal((await dispatch(page, { type: 'reply', id: spamId, text: 'Hello, thank you for your message.' })).ok, true);
    const s = await state(page);
    assert.equal(s.counts.spam, before.spam - 1);
    assert.equal(s.counts.all, before.all + 1);
    await dispatch(page, { type: 'filter', name: 'all' });
    const back = (await state(page)).rows.find((x) => x.id === spamId);
    assert.ok(back, 'replied conversation did not return to All');
    assert.equal(back.spam, null);
    // Answered now: the rule refuses flagging it again, and says why.
    const again = await dispatch(page, { type: 'flag_spam', id: spamId, reason: 'spam' });
    assert.equal(again.ok, false);
    assert.match(again.error, /already been answered/);
  } finally { await ctx.close(); }
});

test('keyboard triage on the canvas: j/k, Enter, u, e, l, ? and Esc', async () => {
  const ctx = await launchProfile(tempProfile());
  try {
    const { page } = await openApp(ctx, server.url);
    await dispatch(page, { type: 'filter', name: 'unread' });
    const rows = (await state(page)).rows;
    await focusCanvas(page);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('k');
    await settle(page);
    let s = await state(page);
    assert.equal(s.cursor, rows[1].id);
    assert.equal(s.selected, null, 'moving the cursor opened a conversation');
    await page.keyboard.press('Enter');
    await settle(page);
    s = await state(page);
    assert.equal(s.selected, rows[1].id);
    assert.equal(s.conversation.id, rows[1].id);
    assert.equal(s.conversation.unread, false, 'opening did not mark it read');
    await page.keyboard.press('u');
    await settle(page);
    assert.equal((await state(page)).conversation.unread, true, 'u did not mark it unread');
    await page.keyboard.press('e');
    await settle(page);
    assert.equal((await state(page)).conversation.status, 'closed', 'e did not close it');
    await page.keyboard.press('Shift+Slash');
    await settle(page);
    assert.equal((await state(page)).windows.shortcuts, true, '? did not open the shortcut sheet');
    await page.keyboard.press('Escape');
    await settle(page);
    assert.equal((await state(page)).windows.shortcuts, false, 'Esc did not close the sheet');
    // "l" opens the labels menu with its field focused: typing a name and Enter adds the label.
    await page.keyboard.press('l');
    await settle(page);
    await page.keyboard.type('Address check', { delay: 25 });
    await page.keyboard.press('Enter');
    await settle(page);
    assert.ok((await state(page)).conversation.labels.includes('address_check'), JSON.stringify((await state(page)).conversation.labels));
  } finally { await ctx.close(); }
});

test('multi-selection with Shift/Ctrl-click, bulk actions, assignment and "mine" persist', async () => {
  const dir = tempProfile();
  let ctx = await launchProfile(dir);
  let picked;
  try {
    const { page } = await openApp(ctx, server.url);
    await dispatch(page, { type: 'filter', name: 'marketplace:amazon' });
    const rows = (await state(page)).rows;
    await clickRow(page, 0);
    await clickRow(page, 3, ['Shift']);
    let s = await state(page);
    assert.equal(s.multi_selected.count, 4, JSON.stringify(s.multi_selected));
    await clickRow(page, 5, ['Control']);
    await clickRow(page, 2, ['Control']);   // ctrl-click again removes
    s = await state(page);
    picked = [rows[0], rows[1], rows[3], rows[5]].map((r) => r.id).sort();
    assert.deepEqual(s.multi_selected.ids, picked);

    const mine0 = s.filter_counts.mine;
    let r = await dispatch(page, { type: 'bulk', action: 'assign', agent: s.settings.agent_name });
    assert.equal(r.ok, true);
    assert.equal(r.changed + r.unchanged, 4);
    r = await dispatch(page, { type: 'bulk', action: 'label', add: ['vip'] });
    assert.equal(r.changed, 4);
    r = await dispatch(page, { type: 'bulk', action: 'mark_read' });
    assert.equal(r.ok, true);
    r = await dispatch(page, { type: 'bulk', action: 'close' });
    assert.equal(r.ok, true);
    s = await state(page);
    for (const id of picked) {
      const row = s.rows.find((x) => x.id === id);
      assert.equal(row.assignee, s.settings.agent_name);
      assert.ok(row.labels.includes('vip'));
      assert.equal(row.unread, false);
      assert.equal(row.status, 'closed');
    }
    assert.ok(s.filter_counts.mine >= mine0 + 1 && s.filter_counts.mine <= mine0 + 4);
    assert.equal(s.filter_counts['label:vip'], 4);
    // Bad bulk input is refused and changes nothing.
    r = await dispatch(page, { type: 'bulk', action: 'explode' });
    assert.equal(r.ok, false);
    r = await dispatch(page, { type: 'bulk', action: 'label', ids: ['no-such-id'], add: ['x'] });
    assert.equal(r.ok, false);
    assert.match(r.error, /no-such-id/);
    // Select all in view, then clear.
    await dispatch(page, { type: 'multi_select', ids: 'all' });
    assert.equal((await state(page)).multi_selected.count, rows.length);
    await dispatch(page, { type: 'multi_select', ids: [] });
    assert.equal((await state(page)).multi_selected.count, 0);
    await waitSaved(page);
  } finally { await ctx.close(); }

  ctx = await launchProfile(dir);
  try {
    const { page } = await openApp(ctx, server.url);
    await dispatch(page, { type: 'filter', name: 'label:vip' });
    const s = await state(page);
    assert.deepEqual(s.rows.map((r) => r.id).sort(), picked);
    assert.ok(s.rows.every((r) => r.status === 'closed' && r.assignee === s.settings.agent_name));
    await dispatch(page, { type: 'filter', name: 'mine' });
    const mine = await state(page);
    assert.ok(picked.every((id) => mine.rows.some((r) => r.id === id)), '"mine" misses the assigned conversations');
  } finally { await ctx.close(); }
});

test('remarks with coloured flags and notes are stamped, validated and kept', async () => {
  const dir = tempProfile();
  let ctx = await launchProfile(dir);
  let id;
  try {
    const { page } = await openApp(ctx, server.url);
    await dispatch(page, { type: 'settings', agent_name: 'Zhang Wei' });
    id = (await state(page)).rows.find((r) => r.marketplace === 'tmall').id;
    await dispatch(page, { type: 'select', id });
    let r = await dispatch(page, { type: 'add_remark', id, text: '顺丰特快，客户要求', flag: 'blue' });
    assert.equal(r.ok, true, JSON.stringify(r));
    r = await dispatch(page, { type: 'add_remark', id, text: 'x', flag: 'orange' });
    assert.equal(r.ok, false);
    assert.match(r.error, /orange/);
    r = await dispatch(page, { type: 'add_note', id, text: '   ' });
    assert.equal(r.ok, false);
    r = await dispatch(page, { type: 'add_note', id, text: 'Phone call 10:05: customer will send photos of the damage.' });
    assert.equal(r.ok, true);
    const c = (await state(page)).conversation;
    const remark = c.remarks[c.remarks.length - 1];
    assert.equal(remark.text, '顺丰特快，客户要求');
    assert.equal(remark.flag, 'blue');
    assert.equal(remark.agent, 'Zhang Wei');
    // Stamped now (the wall clock): within the minute before the state's time.
    const late = Date.parse((await state(page)).now) - Date.parse(remark.at);
    assert.ok(late >= 0 && late < 60e3, `remark stamped ${remark.at}`);
    assert.equal(c.notes[c.notes.length - 1].agent, 'Zhang Wei');
    assert.equal(c.remarks.filter((x) => x.flag === 'orange').length, 0);
    await waitSaved(page);
  } finally { await ctx.close(); }
  ctx = await launchProfile(dir);
  try {
    const { page } = await openApp(ctx, server.url);
    await dispatch(page, { type: 'select', id });
    const s = await state(page);
    assert.equal(s.settings.agent_name, 'Zhang Wei');
    assert.ok(s.conversation.remarks.some((x) => x.text === '顺丰特快，客户要求' && x.flag === 'blue'));
    assert.ok(s.conversation.notes.some((x) => x.text.startsWith('Phone call 10:05')));
  } finally { await ctx.close(); }
});
