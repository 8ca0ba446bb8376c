// The UI language in the real page: English by default for an English browser, Chinese at the
// `language` command (state().language, state().menu_titles, the list's countdowns), drawn in
// Chinese at 1366×768 (screenshots of the inbox, the View menu with its Language submenu, and the
// converted windows go to tests/browser/out/ to be looked at), kept across a reload through
// localStorage, and back to English. A Chinese browser starts in Chinese.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { settle, startServer, tempProfile, launchProfile, openApp, state, dispatch } = require('./harness');

const OUT = path.join(__dirname, 'out');
const VIEWPORT = { width: 1366, height: 768 };
const ZH_TITLES = ['收件箱', '视图', '团队', '帮助'];
const EN_TITLES = ['Inbox', 'View', 'Team', 'Help'];

let server;
before(async () => { server = await startServer(); fs.mkdirSync(OUT, { recursive: true }); });
after(() => server && server.stop());

// Runs of ink along one axis of a screenshot region: [{from, to}] in page pixels. `ink` is
// 'light' (light text on the dark menu bar) or 'dark' (dark text on a light popup).
async function inkRuns(page, clip, axis, ink) {
  const png = await page.screenshot({ clip });
  const runs = await page.evaluate(async ({ b64, axis, ink }) => {
    const bmp = await createImageBitmap(await (await fetch('data:image/png;base64,' + b64)).blob());
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const g = c.getContext('2d');
    g.drawImage(bmp, 0, 0);
    const d = g.getImageData(0, 0, bmp.width, bmp.height).data;
    const n = axis === 'x' ? bmp.width : bmp.height, m = axis === 'x' ? bmp.height : bmp.width;
    const hit = [];
    for (let i = 0; i < n; i++) {
      let any = false;
      for (let j = 0; j < m && !any; j++) {
        const p = 4 * (axis === 'x' ? j * bmp.width + i : i * bmp.width + j);
        const sum = d[p] + d[p + 1] + d[p + 2];
        any = ink === 'light' ? sum > 480 : sum < 300;
      }
      hit.push(any);
    }
    // Letters of one word are close together; words of one title a space apart; titles further.
    const out = [];
    for (let i = 0; i < n; i++) {
      if (!hit[i]) continue;
      const last = out[out.length - 1];
      if (last && i - last.to <= (axis === 'x' ? 9 : 3)) last.to = i; else out.push({ from: i, to: i });
    }
    return out;
  }, { b64: png.toString('base64'), axis, ink });
  const base = axis === 'x' ? clip.x : clip.y;
  return runs.map((r) => ({ from: base + r.from, to: base + r.to }));
}

// The menu bar's titles on screen, left to right after the app's name: {x, y} to click.
async function menuTitlePositions(page) {
  // Where the titles were drawn (state().layout.menus): they move with the language and the DEMO badge.
  const m = (await state(page)).layout.menus;
  return ['inbox', 'view', 'help'].map((name) => ({ x: m[name].x + m[name].w / 2, y: m[name].y + m[name].h / 2 }));
}

// Opens a menu by its title and returns its items' lines of text on screen ({from, to} in y).
// The items are read in a narrow strip under the title: there every item's text passes, and
// below the menu lies the left pane's gap between folder names and counts, where nothing is dark.
async function openMenu(page, title) {
  await page.mouse.click(title.x, title.y);
  await settle(page, 4);
  return (await inkRuns(page, { x: title.x - 10, y: 26, width: 25, height: 200 }, 'y', 'dark'))
    .filter((r) => r.to - r.from >= 6);   // text lines, not a separator
}
async function clickMenuItem(page, title, index) {
  const items = await openMenu(page, title);
  const item = items[index < 0 ? items.length + index : index];
  await page.mouse.click(title.x + 10, (item.from + item.to) / 2);
}

async function reload(page) {
  await page.reload();
  await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready === true, null, { timeout: 60000 });
  assert.deepEqual((await state(page)).menu_titles.length, 4);
}

async function shot(page, name) {
  await settle(page, 4);
  const file = path.join(OUT, name);
  await page.screenshot({ path: file });
  return file;
}

test('switch to Chinese and back: state, menus, countdowns and windows; the choice survives a reload', async () => {
  const ctx = await launchProfile(tempProfile(), { viewport: VIEWPORT });
  try {
    const { page, errors } = await openApp(ctx, server.url);
    let s = await state(page);
    assert.equal(s.language, 'en');
    assert.deepEqual(s.menu_titles, EN_TITLES);

    const bad = await dispatch(page, { type: 'language', lang: 'fr' });
    assert.equal(bad.ok, false);
    assert.match(bad.error, /"lang" must be "en" \(English\) or "zh"/);
    assert.equal((await state(page)).language, 'en');

    // The very next state() has the new titles and countdowns.
    assert.deepEqual(await dispatch(page, { type: 'language', lang: 'zh' }), { ok: true });
    s = await state(page);
    assert.equal(s.language, 'zh');
    assert.deepEqual(s.menu_titles, ZH_TITLES);
    const open = s.rows.filter((r) => ['on_track', 'due_soon', 'overdue'].includes(r.sla.state));
    assert.ok(open.length > 10);
    for (const r of open) {
      assert.match(r.sla.text, /^(逾期 )?\d+(天|小时|分)/, `row ${r.id}: ${r.sla.text}`);
      assert.equal(r.sla.text.startsWith('逾期 '), r.sla.state === 'overdue', `row ${r.id}: ${r.sla.text}`);
    }

    await shot(page, 'language-zh-inbox.png');
    // The View menu, then its Language submenu (the menu's last item).
    const titles = await menuTitlePositions(page);
    assert.equal(titles.length, 3, 'three menu titles drawn after the name');
    const viewItems = await openMenu(page, titles[1]);
    assert.ok(viewItems.length >= 5, `the View menu shows its items (${viewItems.length} lines of text)`);
    const language = viewItems[viewItems.length - 1];
    await page.mouse.move(titles[1].x + 10, (language.from + language.to) / 2, { steps: 4 });
    await shot(page, 'language-zh-view-menu.png');
    await page.mouse.click(1100, 600);   // away from the menu: it closes

    // The converted windows, one at a time; the SLA settings with one policy unfolded.
    for (const name of ['shortcuts', 'settings', 'clock', 'team']) {
      assert.deepEqual(await dispatch(page, { type: 'window', name, open: true }), { ok: true });
      await shot(page, `language-zh-${name}.png`);
      if (name === 'settings') {
        const heads = (await inkRuns(page, { x: 360, y: 205, width: 400, height: 380 }, 'y', 'dark')).filter((r) => r.to - r.from >= 6);
        const inr = heads[6];   // the eBay item-not-received policy: a business-hours clock
        await page.mouse.click(420, (inr.from + inr.to) / 2);
        await shot(page, 'language-zh-settings-policy.png');
      }
      await dispatch(page, { type: 'window', name, open: false });
    }

    // Dialogs opened from the menus (each stays until the page reloads): Export, About, New demo.
    await clickMenuItem(page, titles[0], 0);
    await shot(page, 'language-zh-export.png');
    await reload(page);
    await clickMenuItem(page, titles[2], 1);
    await shot(page, 'language-zh-about.png');
    await reload(page);
    await clickMenuItem(page, titles[0], -1);
    await shot(page, 'language-zh-new-demo.png');
    await reload(page);

    // Kept in this browser: the reloads above started in Chinese.
    s = await state(page);
    assert.equal(s.language, 'zh');
    assert.deepEqual(s.menu_titles, ZH_TITLES);

    assert.deepEqual(await dispatch(page, { type: 'language', lang: 'en' }), { ok: true });
    s = await state(page);
    assert.deepEqual(s.menu_titles, EN_TITLES);
    for (const r of s.rows.filter((x) => x.sla.state === 'overdue')) assert.match(r.sla.text, /^Overdue \d+[dhm]/);
    await shot(page, 'language-en-inbox.png');
    await reload(page);
    assert.equal((await state(page)).language, 'en');
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});

test('a Chinese browser starts in Chinese until the user picks another language', async () => {
  const ctx = await launchProfile(tempProfile(), { viewport: VIEWPORT, locale: 'zh-CN' });
  try {
    const { page, errors } = await openApp(ctx, server.url);
    assert.equal(await page.evaluate(() => navigator.language), 'zh-CN');
    let s = await state(page);
    assert.equal(s.language, 'zh');
    assert.deepEqual(s.menu_titles, ZH_TITLES);
    assert.deepEqual(await dispatch(page, { type: 'language', lang: 'en' }), { ok: true });
    await reload(page);
    s = await state(page);
    assert.equal(s.language, 'en', 'the choice wins over the browser\'s language');
    assert.deepEqual(s.menu_titles, EN_TITLES);
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});
