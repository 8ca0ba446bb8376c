// The working day on a laptop (issue 15): the thread keeps its room at 1366x768, 1280x720,
// 1920x1080 and 150 % zoom; Chinese typed with an IME goes to the focused field only; shortcuts
// never fire while typing and a destructive one can be undone; a draft typed a moment before a
// reload is kept; a click does not scroll the list; the multi-selection starts empty.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { settle, focusCanvas, startServer, tempProfile, launchProfile, openApp, state, dispatch } = require('./harness');

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

// A conversation with an order, given a note and a remark, opened.
async function openBusyConversation(page) {
  const s = await state(page);
  const row = s.rows.find((r) => r.order_id && r.marketplace === 'tmall' && r.status === 'awaiting_seller') ||
              s.rows.find((r) => r.order_id && r.status === 'awaiting_seller');
  await dispatch(page, { type: 'select', id: row.id });
  await dispatch(page, { type: 'add_note', id: row.id, text: 'Phoned the buyer: the parcel is with a neighbour.' });
  await dispatch(page, { type: 'add_remark', id: row.id, text: '已改价 5 元', flag: 'purple' });
  await settle(page, 4);
  return row.id;
}

function overlaps(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

for (const [w, h, dpr, share] of [[1366, 768, 1, 0.4], [1280, 720, 1, 0.35], [1920, 1080, 1, 0.4], [911, 512, 1.5, 0.3]]) {
  test(`the thread keeps its room at ${w}x${h}${dpr > 1 ? ' (150 % zoom)' : ''}; columns stay readable; nothing overlaps`, async () => {
    const ctx = await launchProfile(tempProfile(), { viewport: { width: w, height: h }, deviceScaleFactor: dpr });
    try {
      const { page, errors } = await openApp(ctx, server.url);
      await openBusyConversation(page);
      const L = (await state(page)).layout;
      assert.ok(L.thread && L.thread.h >= share * h, `thread ${JSON.stringify(L.thread)} is under ${share * 100} % of ${h}`);
      assert.ok(L.thread.w >= 300, `thread only ${L.thread.w} px wide`);
      assert.ok(L.columns.length >= 4, JSON.stringify(L.columns));
      for (const c of L.columns) assert.ok(c.w >= 40, `column ${c.name} is ${c.w} px`);
      assert.ok(L.columns.some((c) => c.name === 'respond_in') && L.columns.some((c) => c.name === 'subject'));
      assert.ok(!overlaps(L.list, L.thread), `list ${JSON.stringify(L.list)} overlaps thread ${JSON.stringify(L.thread)}`);
      assert.ok(L.list.x + L.list.w <= w + 1 && L.thread.x + L.thread.w <= w + 1, 'a pane runs off the window');
      const sum = L.columns.reduce((a, c) => a + c.w, 0);
      assert.ok(sum <= L.list.w + 1, `columns (${sum}) are wider than the list (${L.list.w})`);
      assert.deepEqual(errors, []);
    } finally { await ctx.close(); }
  });
}

// Composition as an input method sends it: a composing string, then the committed text.
async function ime(page, composing, committed) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: composing, selectionStart: composing.length, selectionEnd: composing.length });
  await cdp.send('Input.insertText', { text: committed });
  await cdp.detach();
}

test('IME text after "/" lands in the search, in a note when the note has the focus, never in a draft', async () => {
  const ctx = await launchProfile(tempProfile(), { viewport: { width: 1366, height: 768 } });
  try {
    const { page } = await openApp(ctx, server.url);
    const id = await openBusyConversation(page);
    await dispatch(page, { type: 'draft', id, text: 'Dear buyer,' });
    await focusCanvas(page);
    await page.keyboard.press('/');
    await ime(page, 'tuihuo', '退货');
    await settle(page);
    let s = await state(page);
    assert.equal(s.focus, 'search');
    assert.equal(s.search.text, '退货');
    assert.equal(s.conversation ? s.conversation.draft : 'Dear buyer,', 'Dear buyer,');
    assert.equal(s.composer.text, 'Dear buyer,');
    assert.ok(s.rows.length > 0 && s.rows.length < s.conversations, 'the search did not narrow the list');
    // The Notes tab, its field focused by a click: composition goes there.
    await page.keyboard.press('Escape');
    await dispatch(page, { type: 'search', text: '' });
    await dispatch(page, { type: 'select', id });
    await settle(page);
    // Open the Notes tab (where the note field is) with a real click on it.
    const tab = (await state(page)).layout.tabs.notes;
    assert.ok(tab, 'no Notes tab drawn');
    await page.mouse.click(tab.x + tab.w / 2, tab.y + tab.h / 2);
    await settle(page);
    const note = page.locator('[data-field="note"] textarea');
    assert.equal(await note.isVisible(), true, 'the note field is not shown');
    await note.click();
    await ime(page, 'dianhua', '电话联系过');
    await settle(page);
    s = await state(page);
    assert.equal(s.focus, 'note');
    assert.equal(await note.inputValue(), '电话联系过');
    assert.equal(s.composer.text, 'Dear buyer,');
    assert.equal(s.search.text, '');
  } finally { await ctx.close(); }
});

test('letters typed off the editor are not shortcuts while a field has the focus; e closes with an undo', async () => {
  const ctx = await launchProfile(tempProfile(), { viewport: { width: 1366, height: 768 } });
  try {
    const { page } = await openApp(ctx, server.url);
    const id = await openBusyConversation(page);
    await page.locator('#reply-editor').click();
    await page.keyboard.type('Dear Sam, we are sorry', { delay: 10 });
    await settle(page);
    let s = await state(page);
    assert.equal(s.conversation.status, 'awaiting_seller', 'typing "e" in the editor closed the conversation');
    assert.equal(s.composer.text, 'Dear Sam, we are sorry');
    assert.equal(s.focus, 'composer');
    // The list has the focus now: e closes, with a notice, and undo puts it back exactly.
    const before = s.rows.find((r) => r.id === id);
    const L = s.layout;
    await page.mouse.click(L.list_x + 30, L.first_row_y + (s.rows.findIndex((r) => r.id === id) - L.first_visible_row) * L.row_height + L.row_height / 2);
    await settle(page);
    await page.keyboard.press('e');
    await settle(page);
    s = await state(page);
    assert.equal(s.conversation.status, 'closed');
    assert.equal(s.undo.available, true);
    assert.match(s.undo.text, /^Closed/);
    assert.ok(!/^answered/.test(s.rows.find((r) => r.id === id) ? s.rows.find((r) => r.id === id).sla.state : 'none'),
      'a conversation closed without a reply reads as answered');
    await page.keyboard.press('z');
    await settle(page);
    s = await state(page);
    assert.equal(s.conversation.status, before.status);
    assert.deepEqual(s.rows.find((r) => r.id === id).labels, before.labels);
    const r = await dispatch(page, { type: 'undo' });   // once
    assert.equal(r.ok, false);
  } finally { await ctx.close(); }
});

test('a draft typed 50 ms before a reload is there after it', async () => {
  const dir = tempProfile();
  let ctx = await launchProfile(dir, { viewport: { width: 1366, height: 768 } });
  let id;
  try {
    const { page } = await openApp(ctx, server.url);
    id = await openBusyConversation(page);
    await page.locator('#reply-editor').click();
    await page.keyboard.type('Hello 您好, your refund is on its way', { delay: 5 });
    await page.waitForTimeout(50);
    await page.reload();
    await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready === true);
    await dispatch(page, { type: 'select', id });
    const s = await state(page);
    assert.equal(s.composer.text, 'Hello 您好, your refund is on its way');
  } finally { await ctx.close(); }
});

test('a click selects without scrolling the list, and the multi-selection starts empty', async () => {
  const ctx = await launchProfile(tempProfile(), { viewport: { width: 1366, height: 768 } });
  try {
    const { page } = await openApp(ctx, server.url);
    // Scroll down a little, then click a row near the bottom of the list.
    let s = await state(page);
    await page.mouse.move(s.layout.list_x + 100, s.layout.first_row_y + 100);
    await page.mouse.wheel(0, 600);
    await settle(page, 4);
    s = await state(page);
    const L = s.layout;
    const first = L.first_visible_row;
    const y = L.list.y + L.list.h - 2.5 * L.row_height;
    await page.mouse.click(L.list_x + 40, y);
    await settle(page, 4);
    s = await state(page);
    assert.ok(s.selected, 'the click opened nothing');
    assert.equal(s.layout.first_visible_row, first, 'the list scrolled under the click');
    // Ctrl+click another row: only that one is selected, not the open conversation with it.
    await page.keyboard.down('Control');
    await page.mouse.click(L.list_x + 40, L.first_row_y + L.row_height * 1.5);
    await page.keyboard.up('Control');
    await settle(page);
    s = await state(page);
    assert.equal(s.multi_selected.count, 1);
    assert.notEqual(s.multi_selected.ids[0], s.selected);
  } finally { await ctx.close(); }
});

test('settings fields take real keys and IME too: the agent\'s name and the clock', async () => {
  const ctx = await launchProfile(tempProfile(), { viewport: { width: 1366, height: 768 } });
  try {
    const { page } = await openApp(ctx, server.url);
    // The agent's name (Team & agent): composed in Chinese, Enter saves it.
    await dispatch(page, { type: 'window', name: 'team', open: true });
    await settle(page, 4);
    const name = page.locator('[data-field="team_agent"] input');
    assert.equal(await name.isVisible(), true);
    await name.click();
    await page.keyboard.press('Control+a');
    await ime(page, 'wangli', '王丽');
    await page.keyboard.press('Enter');
    await settle(page);
    let s = await state(page);
    assert.equal(s.settings.agent_name, '王丽');
    assert.equal(s.focus, 'team_agent');
    await dispatch(page, { type: 'window', name: 'team', open: false });
    // The simulated clock's time, typed with real keys.
    await dispatch(page, { type: 'window', name: 'clock', open: true });
    await settle(page, 4);
    const at = page.locator('[data-field="clock_time"] input');
    await at.click();
    await page.keyboard.type('2026-12-24T09:00:00Z', { delay: 5 });
    await page.keyboard.press('Enter');
    await settle(page);
    s = await state(page);
    assert.equal(s.clock.simulated, true);
    assert.equal(s.now.slice(0, 13), '2026-12-24T09');
    await dispatch(page, { type: 'window', name: 'clock', open: false });
    await dispatch(page, { type: 'clock', now: null });
  } finally { await ctx.close(); }
});
