// Reading and accessibility in the real Chromium: message text selected with a real mouse drag,
// a double- and a triple-click, Ctrl+C to the clipboard; the context menu's "Search for this";
// Ctrl+F's find bar; the screen-reader mirror in the accessibility tree (CDP); the text size
// setting and a reload. Screenshots at 1366×768 go to tests/browser/out/.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { settle, focusCanvas, startServer, tempProfile, launchProfile, openApp, state, dispatch, waitSaved } = require('./harness');

const OUT = path.join(__dirname, 'out');
const VIEWPORT = { width: 1366, height: 768 };
const MARKETS = { walmart: 'Walmart', amazon: 'Amazon', ebay: 'eBay', wish: 'Wish', tmall: 'Tmall' };

let server;
before(async () => { server = await startServer(); fs.mkdirSync(OUT, { recursive: true }); });
after(() => server && server.stop());

async function open(options) {
  const ctx = await launchProfile(tempProfile(), { viewport: VIEWPORT });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url.replace(/\/$/, '') });
  const { page, errors } = await openApp(ctx, server.url + (options || ''));
  return { ctx, page, errors };
}

// A message of the open thread whose first two lines are on screen, with its text.
function visibleMessage(s, minLines = 2) {
  const th = s.layout.thread;
  for (const m of s.layout.messages) {
    const body = s.conversation.messages.find((x) => x.id === m.id).body;
    const top = m.y, bottom = m.y + minLines * m.line_height;
    if (m.lines.length >= minLines && top >= th.y + 2 && bottom <= th.y + th.h - 2 && /^[A-Za-z]/.test(body)) return Object.assign({ body }, m);
  }
  return null;
}

// Opens an English conversation with a message of at least two lines in view (and what `want`
// asks of it).
async function openThread(page, want) {
  const rows = (await state(page)).rows.filter((r) => r.marketplace === 'amazon' || r.marketplace === 'walmart');
  for (const r of rows.slice(0, 40)) {
    await dispatch(page, { type: 'select', id: r.id });
    await settle(page, 4);
    const s = await state(page);
    const m = visibleMessage(s);
    if (m && (!want || want(s))) return { s, m };
  }
  throw new Error('no conversation with a two-line message in view');
}

const clipboard = (page) => page.evaluate(() => window.Module.sdClipboard);
const firstWord = (text) => text.match(/^[\p{L}\p{N}]+(?:['’\-_.@/][\p{L}\p{N}]+)*/u)[0];

test('a mouse drag selects message text and Ctrl+C copies exactly it; double- and triple-click take a word and a paragraph', async () => {
  const { ctx, page, errors } = await open();
  try {
    const { m } = await openThread(page);
    const y0 = m.y + m.line_height / 2, y1 = y0 + m.line_height;
    // From before the first character to past the end of the second line.
    await page.mouse.move(m.x + 1, y0);
    await page.mouse.down();
    await page.mouse.move(m.x + m.width / 2, y1, { steps: 6 });
    await page.mouse.move(Math.min(m.x + m.width + 20, VIEWPORT.width - 4), y1, { steps: 3 });
    await settle(page);
    await page.mouse.up();
    await settle(page);
    let s = await state(page);
    const expected = m.body.slice(0, m.lines[1][1]);
    assert.ok(s.text_selection, 'nothing selected after the drag');
    assert.equal(s.text_selection.text, expected);
    assert.equal(s.text_selection.message, m.id);
    assert.equal(s.pane, 'thread');
    await page.screenshot({ path: path.join(OUT, 'a11y-selection.png') });
    await page.keyboard.press('Control+c');
    await settle(page);
    assert.equal(await clipboard(page), expected);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), expected, 'the system clipboard');

    // Double-click: the first word; triple-click: the first paragraph. (ImGui counts clicks in
    // frames: twenty frames apart they are separate clicks.)
    await settle(page, 20);
    await page.mouse.dblclick(m.x + 2, y0);
    await settle(page);
    s = await state(page);
    assert.equal(s.text_selection && s.text_selection.text, firstWord(m.body));
    await settle(page, 20);
    await page.mouse.click(m.x + 2, y0, { clickCount: 3 });
    await settle(page);
    s = await state(page);
    assert.equal(s.text_selection && s.text_selection.text, m.body.split('\n')[0]);
    // Ctrl+A takes the whole message.
    await page.keyboard.press('Control+a');
    await settle(page);
    assert.equal((await state(page)).text_selection.text, m.body);
    await page.keyboard.press('Control+c');
    assert.equal(await clipboard(page), m.body);
    // A click on the text lets the selection go and leaves the caret; Shift+Right extends from it.
    await settle(page, 20);
    await page.mouse.click(m.x + 2, y0);
    await settle(page);
    assert.equal((await state(page)).text_selection, null);
    await page.keyboard.press('Shift+ArrowRight');
    await settle(page);
    assert.equal((await state(page)).text_selection.text, m.body.slice(0, 1));
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});

test('the context menu copies the message and "Search for this" searches for the selection', async () => {
  const { ctx, page, errors } = await open();
  try {
    const { s: s0, m } = await openThread(page);
    const y0 = m.y + m.line_height / 2;
    const pitch = m.line_height + 6, pad = 8;   // menu items one line high, 6 px apart, 8 px in
    const item = (x, y, i) => page.mouse.click(x + 40, y + pad + i * pitch + m.line_height / 2);
    // Nothing selected: Copy takes the whole message.
    await page.mouse.click(m.x + 2, y0, { button: 'right' });
    await settle(page);
    await page.screenshot({ path: path.join(OUT, 'a11y-context-menu.png') });
    await item(m.x + 2, y0, 0);
    await settle(page);
    assert.equal(await clipboard(page), m.body);
    // A word selected: "Search for this" runs the search command, field all.
    await page.mouse.dblclick(m.x + 2, y0);
    await settle(page);
    const word = firstWord(m.body);
    assert.equal((await state(page)).text_selection.text, word);
    await page.mouse.click(m.x + 4, y0, { button: 'right' });
    await settle(page);
    assert.equal((await state(page)).text_selection.text, word, 'a right-click inside the selection keeps it');
    await item(m.x + 4, y0, 2);
    await settle(page);
    const s = await state(page);
    assert.deepEqual(s.search, { field: 'all', text: word });
    assert.equal(s.selected, s0.selected, 'the conversation stays open');
    // A right-click elsewhere on the canvas (the list) changes nothing.
    const before = JSON.stringify([s.selected, s.filter, s.search, s.multi_selected]);
    await page.mouse.click(s.layout.list_x + 40, s.layout.first_row_y + 5, { button: 'right' });
    await settle(page);
    const after = await state(page);
    assert.equal(JSON.stringify([after.selected, after.filter, after.search, after.multi_selected]), before);
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});

// A word of at least four letters the thread has at least twice, and how often (ASCII, any case).
function repeatedWord(conversation) {
  const text = conversation.messages.map((m) => m.body.toLowerCase()).join('\n');
  const counts = {};
  for (const w of text.match(/[a-z]{4,}/g) || []) counts[w] = (counts[w] || 0) + 1;
  const word = Object.keys(counts).find((w) => counts[w] >= 3 && counts[w] <= 8);
  const n = word ? conversation.messages.reduce((k, m) => k + m.body.toLowerCase().split(word).length - 1, 0) : 0;
  return { word, n };
}

test('Ctrl+F opens the find bar from any pane, finds as you type, Enter and Shift+Enter move, Esc closes', async () => {
  const { ctx, page, errors } = await open();
  try {
    let s = (await openThread(page, (t) => !!repeatedWord(t.conversation).word)).s;
    const { word, n } = repeatedWord(s.conversation);
    assert.ok(word, 'no repeated word in the thread');
    await page.evaluate(() => {
      window.__keys = [];
      window.addEventListener('keydown', (e) => window.__keys.push([e.key, e.defaultPrevented]));
    });
    await focusCanvas(page);
    await page.keyboard.press('Shift+Tab');   // from the list to the folders
    await settle(page);
    assert.equal((await state(page)).pane, 'folders');
    await page.keyboard.press('Control+f');
    await settle(page);
    s = await state(page);
    assert.equal(s.find.open, true);
    assert.deepEqual(await page.evaluate(() => window.__keys.pop()), ['f', true], 'the browser\'s own find was not kept away');
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'field-find');
    await page.keyboard.type(word.toUpperCase(), { delay: 15 });
    await settle(page);
    s = await state(page);
    assert.deepEqual(s.find, { open: true, text: word.toUpperCase(), matches: n, current: 1 });
    await page.keyboard.press('Enter');
    await settle(page);
    assert.equal((await state(page)).find.current, 2);
    // A selection too, for the screenshot: the current match and the selection side by side.
    const m = visibleMessage(await state(page), 1);
    if (m) {
      await page.mouse.move(m.x + 1, m.y + m.line_height / 2);
      await page.mouse.down();
      await page.mouse.move(m.x + m.width * 0.6, m.y + m.line_height / 2, { steps: 4 });
      await page.mouse.up();
      await settle(page);
      assert.ok((await state(page)).text_selection, 'no selection next to the find bar');
      await page.locator('#field-find').focus();
    }
    await page.screenshot({ path: path.join(OUT, 'a11y-find.png') });
    await page.keyboard.press('Shift+Enter');
    await settle(page);
    assert.equal((await state(page)).find.current, 1);
    await page.keyboard.press('ArrowUp');   // wraps around to the last one
    await settle(page);
    assert.equal((await state(page)).find.current, n);
    await page.keyboard.press('Escape');
    await settle(page);
    s = await state(page);
    assert.equal(s.find.open, false);
    assert.equal(s.focus, null);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas');
    // Typing in a text field: Ctrl+F there is the browser's, not the app's.
    await page.keyboard.press('/');
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'field-search');
    await page.keyboard.press('Control+f');
    await settle(page);
    assert.equal((await state(page)).find.open, false);
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});

// The accessibility tree as CDP gives it: nodes by ID, with role, name and text below a node.
async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Accessibility.enable');
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const role = (n) => n.role && n.role.value;
  const name = (n) => (n.name && n.name.value) || '';
  const text = (n) => {
    if (role(n) === 'StaticText') return name(n);
    return (n.childIds || []).map((id) => byId.get(id)).filter(Boolean).map(text).join('');
  };
  const prop = (n, p) => {
    const found = (n.properties || []).find((x) => x.name === p);
    return found && found.value ? found.value.value : undefined;
  };
  return { nodes, role, name, text, prop };
}

function spokenDeadline(t) {
  const m = /^Overdue (\d+)([dhm])$/.exec(t);
  if (!m) return null;
  const n = Number(m[1]), unit = { d: 'day', h: 'hour', m: 'minute' }[m[2]];
  return `overdue ${n} ${unit}${n === 1 ? '' : 's'}`;
}

test('the screen-reader mirror: folders, the rows drawn, the open thread and a live region, in the accessibility tree', async () => {
  const { ctx, page, errors } = await open();
  try {
    const { s } = await openThread(page);
    await waitSaved(page);
    await settle(page, 3);
    const fmt = (n) => n.toLocaleString('en-US');
    let ax = await axTree(page);
    // The list: a grid with one row per row drawn, named for listening.
    const grid = ax.nodes.find((n) => ax.role(n) === 'grid');
    assert.ok(grid, 'no grid in the accessibility tree');
    assert.equal(ax.name(grid), 'Conversations: All messages');
    const rows = ax.nodes.filter((n) => ax.role(n) === 'row' && Object.values(MARKETS).some((mk) => ax.name(n).startsWith(mk + ', ')));
    assert.ok(rows.length >= 10 && rows.length <= 60, `${rows.length} rows in the tree`);
    assert.ok(rows.length < s.rows_total);
    // The list is at its top: the mirror starts at its first row and goes past the last one drawn.
    const shown = s.rows.slice(0, rows.length);
    assert.ok(rows.length > s.layout.first_visible_row + 10);
    rows.forEach((n, i) => {
      const r = shown[i];
      const prefix = `${MARKETS[r.marketplace]}, ${r.customer}, ${r.subject}`;
      assert.ok(ax.name(n).startsWith(prefix), `row ${i}: "${ax.name(n)}" does not start with "${prefix}"`);
      assert.equal(ax.name(n).endsWith(', unread'), r.unread, ax.name(n));
      const spoken = spokenDeadline(r.sla.text);
      if (spoken) assert.equal(ax.name(n), `${prefix}, ${spoken}${r.unread ? ', unread' : ''}`);
    });
    const openRow = rows.find((n) => ax.prop(n, 'selected') === true);
    assert.ok(!openRow || ax.name(openRow).includes(s.conversation.subject));
    // The open thread: every message as an article named with its author and time.
    const articles = ax.nodes.filter((n) => ax.role(n) === 'article');
    assert.equal(articles.length, s.conversation.messages.length);
    s.conversation.messages.forEach((m, i) => {
      const when = m.at.slice(0, 10) + ' ' + m.at.slice(11, 16) + ' UTC';
      assert.ok(ax.name(articles[i]).startsWith(m.author + ' (') && ax.name(articles[i]).includes(when), ax.name(articles[i]));
      const squeeze = (t) => t.replace(/\s+/g, '');
      assert.ok(squeeze(ax.text(articles[i])).includes(squeeze(m.body)), `message ${i}'s text is not in the tree`);
    });
    const region = ax.nodes.find((n) => ax.role(n) === 'region' && ax.name(n) === 'Conversation: ' + s.conversation.subject);
    assert.ok(region, 'no region for the open conversation');
    // The live region: the counts and the save state, as state() has them.
    let status = ax.nodes.find((n) => ax.role(n) === 'status');
    assert.ok(status, 'no status role');
    assert.equal(ax.prop(status, 'live'), 'polite');
    const counts = (st) => `${fmt(st.rows_total)} conversations, ${fmt(st.unread)} unread.`;
    assert.equal(ax.text(status), `${counts(s)} All changes saved`);
    // Folders: buttons named with their counts in a navigation landmark.
    assert.ok(ax.nodes.some((n) => ax.role(n) === 'navigation' && ax.name(n) === 'Folders'));
    assert.ok(ax.nodes.some((n) => ax.role(n) === 'button' && ax.name(n) === `Unread, ${fmt(s.unread)}`));

    // A change shows in the live region; then nothing is sent while nothing changes.
    await dispatch(page, { type: 'mark_unread', id: s.selected });
    await waitSaved(page);
    await settle(page, 3);
    const s2 = await state(page);
    ax = await axTree(page);
    status = ax.nodes.find((n) => ax.role(n) === 'status');
    assert.equal(ax.text(status), `${counts(s2)} All changes saved`);
    assert.equal(s2.unread, s.unread + 1);
    await dispatch(page, { type: 'clock', speed: 0 });   // no minute ticks while counting
    await settle(page, 3);
    const updates = await page.evaluate(() => window.SellerDeskA11y.updates);
    await settle(page, 12);
    assert.equal(await page.evaluate(() => window.SellerDeskA11y.updates), updates, 'the mirror was rebuilt without a change');
    // Nothing of it takes the keyboard focus, and activating works like the mouse.
    assert.equal(await page.evaluate(() => [...document.querySelectorAll('#sd-a11y [tabindex]')].every((e) => e.tabIndex === -1)), true);
    const target = await page.evaluate(() => {
      const rows = document.querySelectorAll('#sd-a11y-list [role=row][data-id]');
      const row = rows[rows.length - 1];
      row.click();
      return row.dataset.id;
    });
    assert.equal((await state(page)).selected, target);
    await page.evaluate(() => document.querySelector('#sd-a11y-folders [data-filter="marketplace:ebay"]').click());
    await waitSaved(page);
    await settle(page, 3);
    const s3 = await state(page);
    assert.equal(s3.filter, 'marketplace:ebay');
    ax = await axTree(page);
    assert.equal(ax.name(ax.nodes.find((n) => ax.role(n) === 'grid')), 'Conversations: eBay');
    assert.equal(ax.text(ax.nodes.find((n) => ax.role(n) === 'status')), `${fmt(s3.rows_total)} conversations in eBay, ${fmt(s3.unread)} unread. All changes saved`);
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});

test('the text size changes the fonts and the layout, is refused out of range, and survives a reload', async () => {
  const dir = tempProfile();
  let ctx = await launchProfile(dir, { viewport: VIEWPORT });
  try {
    let { page, errors } = await openApp(ctx, server.url);
    const s0 = await state(page);
    assert.equal(s0.font_size, 15);
    const row0 = s0.layout.row_height;
    // View > Text size… (the menu's sixth item: SLA settings, Clock, Training, Team, Templates, Text
    // size; items 21 px apart from y 39 at 15 px), then A+ (where the window is drawn, 1366×768).
    const view = s0.layout.menus.view;
    await page.mouse.click(view.x + view.w / 2, view.y + view.h / 2);
    await settle(page);
    await page.mouse.click(view.x + 14, 39 + 5 * 21);
    await settle(page, 4);
    await page.screenshot({ path: path.join(OUT, 'a11y-text-size-window.png') });
    await page.mouse.click(689, 231);
    await settle(page, 4);
    assert.equal((await state(page)).font_size, 16, 'A+ in View > Text size');
    assert.deepEqual(await dispatch(page, { type: 'font_size', px: 18 }), { ok: true, font_size: 18 });
    await settle(page, 4);
    const s1 = await state(page);
    assert.equal(s1.font_size, 18);
    assert.ok(s1.layout.row_height >= row0 + 3, `row height ${row0} -> ${s1.layout.row_height}`);
    const r = await dispatch(page, { type: 'font_size', px: 21 });
    assert.equal(r.ok, false);
    assert.match(r.error, /from 13 to 20/);
    await dispatch(page, { type: 'select', id: s1.rows[3].id });
    await settle(page, 4);
    await page.screenshot({ path: path.join(OUT, 'a11y-text-18.png') });
    assert.equal(await page.evaluate(() => localStorage.getItem('sellerdesk.font_size')), '18');
    await page.reload();
    await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready === true);
    await settle(page, 4);
    const s2 = await state(page);
    assert.equal(s2.font_size, 18);
    assert.equal(s2.layout.row_height, s1.layout.row_height);
    assert.deepEqual(errors, []);
  } finally {
    await ctx.close();
  }
});
