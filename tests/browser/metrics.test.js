// The Performance dashboard and the projection panel (issue 17, docs/dashboard.md): opened through
// the bridge and through View → Performance with real clicks at 1366x768; the cards show what
// state().metrics holds; a projection to next Monday 09:00 (a real click) and its must-answer list
// as the inbox's filter; the CSV download keeps its BOM and Chinese; screenshots in en and zh at
// 1366x768 and 1920x1080 (tests/browser/out/metrics-*.png).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { clickRect, settle, startServer, tempProfile, launchProfile, openApp, state, dispatch } = require('./harness');

const OUT = path.join(__dirname, 'out');
let server;
before(async () => { server = await startServer(); fs.mkdirSync(OUT, { recursive: true }); });
after(() => server && server.stop());

// A fraction as a card writes it in English: 0.9623 -> "96.2%"; "—" when nothing counts.
const percent = (r) => (r.total > 0 ? (r.value * 100).toFixed(1) + '%' : '—');

// Where ink is along one axis of a region of the screen: [{from, to}] in page px. `light` finds
// light text on the dark menu bar, else dark text on a light popup; gaps up to `join` px are
// one run (the letters of a word).
async function inkRuns(page, clip, axis, light, join) {
  const png = await page.screenshot({ clip });
  const hits = await page.evaluate(async ({ b64, axis, light }) => {
    const bmp = await createImageBitmap(await (await fetch('data:image/png;base64,' + b64)).blob());
    const g = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d');
    g.drawImage(bmp, 0, 0);
    const d = g.getImageData(0, 0, bmp.width, bmp.height).data;
    const along = axis === 'x' ? bmp.width : bmp.height, across = axis === 'x' ? bmp.height : bmp.width;
    const out = [];
    for (let i = 0; i < along; i++) {
      let ink = false;
      for (let j = 0; j < across && !ink; j++) {
        const p = 4 * (axis === 'x' ? j * bmp.width + i : i * bmp.width + j);
        const sum = d[p] + d[p + 1] + d[p + 2];
        ink = light ? sum > 480 : sum < 300;
      }
      if (ink) out.push(i);
    }
    return out;
  }, { b64: png.toString('base64'), axis, light });
  const runs = [];
  for (const i of hits) {
    const last = runs[runs.length - 1];
    if (last && i - last.to <= join) last.to = i; else runs.push({ from: i, to: i });
  }
  const base = axis === 'x' ? clip.x : clip.y;
  return runs.map((r) => ({ from: base + r.from, to: base + r.to }));
}

// View → Performance with real clicks: View is the menu bar's second title from the left end of
// the menus (…, Inbox, View, Help), Performance the menu's sixth line of text.
async function openPerformanceFromMenu(page) {
  // Where View was drawn (state().layout.menus), then the item by its place in the menu.
  const view = (await state(page)).layout.menus.view;
  const x = view.x + view.w / 2;
  await page.mouse.click(x, view.y + view.h / 2);
  await settle(page, 4);
  const lines = (await inkRuns(page, { x: x - 10, y: 26, width: 25, height: 240 }, 'y', false, 3)).filter((r) => r.to - r.from >= 6);
  const item = lines[6];   // SLA settings, clock, training, team, templates, text size, Performance
  await page.mouse.click(x + 10, (item.from + item.to) / 2);
  await settle(page, 6);
}

// Reads the file a click on `rect` downloads.
async function download(page, rect) {
  const [dl] = await Promise.all([page.waitForEvent('download'), clickRect(page, rect)]);
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(await dl.path()) };
}

test('the dashboard opens by the bridge and by View → Performance, and its cards show state().metrics', async () => {
  const ctx = await launchProfile(tempProfile(), { viewport: { width: 1366, height: 768 } });
  try {
    const { page, errors } = await openApp(ctx, server.url);
    assert.deepEqual(await dispatch(page, { type: 'window', name: 'performance', open: true }), { ok: true });
    await settle(page, 4);
    let s = await state(page);
    assert.equal(s.windows.performance, true);
    assert.equal(s.dashboard.cards.length, 13);
    const m = s.metrics;
    const shown = Object.fromEntries(s.dashboard.cards.map((c) => [c.id, c.value_text]));
    assert.equal(shown.walmart_response, percent(m.walmart.response_rate));
    for (const d of ['d7', 'd30', 'd90']) assert.equal(shown['amazon_late_' + d], percent(m.amazon.late_response_rate[d]));
    assert.equal(shown.amazon_odr, m.amazon.odr.orders > 0 ? (m.amazon.odr.value * 100).toFixed(1) + '%' : '—');
    assert.equal(shown.tmall_three_minute, percent(m.tmall.three_minute_rate));
    assert.ok(m.walmart.response_rate.total > 0, 'the demo has Walmart episodes');
    await page.screenshot({ path: path.join(OUT, 'metrics-dashboard-1366-en.png') });
    // Closed by the bridge, opened again from the menu: View is the second title, Performance
    // its seventh item (after SLA settings, clock, training, team, templates and text size).
    await dispatch(page, { type: 'window', name: 'performance', open: false });
    await settle(page, 4);
    assert.equal((await state(page)).windows.performance, false);
    await openPerformanceFromMenu(page);
    s = await state(page);
    assert.equal(s.windows.performance, true, 'View → Performance did not open the dashboard');
    // A click on a card lists its conversations, the missed ones first.
    await clickRect(page, s.dashboard.rects['card:walmart_response']);
    s = await state(page);
    assert.equal(s.dashboard.card, 'walmart_response');
    assert.equal(s.dashboard.list_open, true);
    assert.ok(s.dashboard.listed.length > 0, 'no conversation behind the Walmart card');
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});

test('a projection to next Monday 09:00 filters the inbox to its must-answer list', async () => {
  const ctx = await launchProfile(tempProfile(), { viewport: { width: 1366, height: 768 } });
  try {
    const { page, errors } = await openApp(ctx, server.url);
    // Before any projection the filter is refused and changes nothing.
    const refused = await dispatch(page, { type: 'filter', name: 'projection' });
    assert.equal(refused.ok, false);
    assert.match(refused.error, /no projection/);
    assert.equal((await state(page)).filter, 'all');
    await dispatch(page, { type: 'window', name: 'projection', open: true });
    await settle(page, 4);
    let s = await state(page);
    assert.equal(s.windows.projection, true);
    await clickRect(page, s.dashboard.rects.projection_monday);
    s = await state(page);
    assert.ok(s.projection, 'the Monday button set no projection: ' + s.dashboard.error);
    const until = new Date(s.projection.until), now = new Date(s.now);
    assert.ok(until > now && until - now <= 7 * 86400e3, `${s.projection.until} is not within a week of ${s.now}`);
    // Monday 09:00 on the wall clock of the agent's zone (the panel names it).
    const wall = new Intl.DateTimeFormat('en-US', { timeZone: s.dashboard.zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    assert.equal(wall.format(until), 'Mon 09:00', `${s.projection.until} in ${s.dashboard.zone}`);
    // Far enough ahead that something must be answered, if Monday is near.
    if (s.projection.must_answer.length === 0) {
      await dispatch(page, { type: 'projection', until: new Date(now.getTime() + 7 * 86400e3).toISOString() });
      await settle(page, 4);
      s = await state(page);
    }
    assert.ok(s.projection.must_answer.length > 0, 'nothing to answer in the demo');
    await clickRect(page, s.dashboard.rects.projection_filter);
    s = await state(page);
    assert.equal(s.filter, 'projection');
    assert.deepEqual(s.rows.map((r) => r.id), s.projection.must_answer);
    await page.screenshot({ path: path.join(OUT, 'metrics-projection-1366-en.png') });
    // Another filter leaves the list.
    assert.equal((await dispatch(page, { type: 'filter', name: 'all' })).ok, true);
    assert.equal((await state(page)).filter, 'all');
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});

test('the cards CSV has the BOM, and Chinese stays intact', async () => {
  const ctx = await launchProfile(tempProfile(), { viewport: { width: 1366, height: 768 } });
  try {
    const { page, errors } = await openApp(ctx, server.url);
    await dispatch(page, { type: 'language', lang: 'zh' });
    await dispatch(page, { type: 'window', name: 'performance', open: true });
    await settle(page, 4);
    const s = await state(page);
    const { name, bytes } = await download(page, s.dashboard.rects.export_cards);
    assert.match(name, /^sellerdesk-metrics-cards-\d{8}-\d{4}\.csv$/);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    assert.equal(lines[0].split(',')[0], '指标');
    assert.ok(lines.some((l) => l.startsWith('沃尔玛回复率,' + s.dashboard.cards[0].value_text)), text.slice(0, 400));
    assert.equal(lines.length, 13 + 2);   // header, 13 cards, and the last CRLF
    assert.equal((await state(page)).dashboard.notice, name);
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});

for (const [w, h] of [[1366, 768], [1920, 1080], [1280, 720]]) {
  for (const lang of ['en', 'zh']) {
    test(`screenshot ${w}x${h} ${lang}: the dashboard fits the screen, the thread keeps its room`, async () => {
      const ctx = await launchProfile(tempProfile(), { viewport: { width: w, height: h } });
      try {
        const { page, errors } = await openApp(ctx, server.url);
        await dispatch(page, { type: 'language', lang });
        const s0 = await state(page);
        await dispatch(page, { type: 'select', id: s0.rows[0].id });
        await settle(page, 4);
        const L = (await state(page)).layout;
        assert.ok(L.thread && L.thread.w >= 300, 'the metric strip took the thread\'s room: ' + JSON.stringify(L.thread));
        await page.screenshot({ path: path.join(OUT, `metrics-main-${w}-${lang}.png`) });
        await dispatch(page, { type: 'window', name: 'performance', open: true });
        await settle(page, 4);
        const s = await state(page);
        for (const [name, r] of Object.entries(s.dashboard.rects)) {
          if (!name.startsWith('card:') || r.y > h) continue;   // scrolled below
          assert.ok(r.x >= 0 && r.x + r.w <= w, `${name} runs off the screen: ${JSON.stringify(r)}`);
        }
        await page.screenshot({ path: path.join(OUT, `metrics-dashboard-${w}-${lang}.png`) });
        assert.deepEqual(errors, []);
      } finally { await ctx.close(); }
    });
  }
}
