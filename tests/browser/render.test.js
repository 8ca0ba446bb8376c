// The two renderers in the real Chromium: which one the page picks (Canvas 2D where WebGL is
// software, as in this headless browser, or missing; ?renderer= forces one), that both draw the
// same picture, that a frame redrawn only where it changed equals the same frame drawn whole, and
// that a change of device pixel ratio redraws everything at the new resolution.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { comparePngs, focusCanvas, settle, startServer, tempProfile, launchProfile, openApp, state, dispatch, waitSaved } = require('./harness');

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

const FROZEN = '2026-12-03T10:17:00Z';   // a fixed app time: no countdown changes between screenshots
const renderer = (page) => page.evaluate(() => window.sellerdesk.state({ max_rows: 0 }).renderer);

// Draws the next frame whole (as after a resize), then returns a screenshot of the page.
async function fullRedrawShot(page) {
  await page.evaluate(() => window.Module._sd_render_invalidate());
  await settle(page, 3);
  return page.screenshot();
}

// Canvas 2D only: the share of the canvas's device pixels that change by more than `threshold`
// when the frame is drawn whole (read back from the canvas itself, at full resolution).
async function changedByFullRedraw(page, threshold) {
  await page.evaluate(() => {
    const c = document.getElementById('canvas');
    window.__before = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    window.Module._sd_render_invalidate();
  });
  await settle(page, 3);
  return page.evaluate((t) => {
    const c = document.getElementById('canvas');
    const a = window.__before, b = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > t) n++;
    return n / a.length;
  }, threshold);
}

test('the renderer is chosen at start-up: Canvas 2D on software WebGL, either one forced by ?renderer=', async () => {
  const ctx = await launchProfile(tempProfile());
  try {
    const { page, errors } = await openApp(ctx, server.url);
    assert.equal(await renderer(page), 'canvas2d', 'the headless browser renders WebGL in software: Canvas 2D is the default');
    assert.match(await page.evaluate(() => window.Module.sdRendererChoice.reason), /software/);
    for (const name of ['webgl', 'canvas2d']) {
      await page.goto(`${server.url}?renderer=${name}`);
      await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready === true, null, { timeout: 60000 });
      assert.equal(await renderer(page), name);
      const s = await state(page);
      await dispatch(page, { type: 'select', id: s.rows[0].id });
      await settle(page);
      assert.ok(await page.locator('#reply-editor').isVisible(), `${name}: no reply editor over the canvas`);
    }
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});

test('without WebGL the page runs on Canvas 2D, clicks and keys included', async () => {
  const ctx = await launchProfile(tempProfile(), { args: ['--disable-webgl'] });
  try {
    const { page, errors } = await openApp(ctx, `${server.url}?renderer=webgl`);
    assert.equal(await renderer(page), 'canvas2d');
    assert.match(await page.evaluate(() => window.Module.sdRendererChoice.reason), /no WebGL/);
    const s = await state(page);
    // A click on the second row opens it (state().layout says where the rows were drawn).
    const y = s.layout.first_row_y + (1 - s.layout.first_visible_row + 0.5) * s.layout.row_height;
    await page.mouse.click(s.layout.list_x + 60, y);
    await page.waitForFunction((id) => window.sellerdesk.state({ max_rows: 0 }).selected === id, s.rows[1].id, { timeout: 10000 });
    await focusCanvas(page);
    await page.keyboard.press('j');
    await page.waitForFunction((id) => window.sellerdesk.state({ max_rows: 0 }).cursor !== null, null, { timeout: 10000 });
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});

test('both renderers draw the same picture, Chinese text included', async () => {
  const dir = tempProfile();
  const shots = {};
  for (const name of ['webgl', 'canvas2d']) {
    // The same profile, so the same stored inbox, for both.
    const ctx = await launchProfile(dir, { viewport: { width: 1366, height: 768 } });
    try {
      const { page, errors } = await openApp(ctx, `${server.url}?renderer=${name}`);
      assert.equal(await renderer(page), name);
      await dispatch(page, { type: 'clock', now: FROZEN, speed: 0 });
      await dispatch(page, { type: 'filter', name: 'marketplace:tmall' });
      const tmall = (await state(page)).rows[0];
      assert.match(tmall.subject, /[\u4e00-\u9fff]/);
      await dispatch(page, { type: 'filter', name: 'all' });
      await dispatch(page, { type: 'select', id: tmall.id });
      await waitSaved(page);
      await settle(page, 5);
      shots[name] = await page.screenshot();
      assert.deepEqual(errors, []);
    } finally { await ctx.close(); }
  }
  const ctx = await launchProfile(tempProfile());
  try {
    const d = await comparePngs(await ctx.newPage(), shots.webgl, shots.canvas2d);
    assert.ok(d.differ < 0.005, `${(100 * d.differ).toFixed(3)} % of pixels differ`);
    assert.ok(d.mean < 2, `mean difference ${d.mean.toFixed(2)}`);
  } finally { await ctx.close(); }
});

for (const name of ['canvas2d', 'webgl']) {
  test(`${name}: frames redrawn where they changed equal the same frame drawn whole`, async () => {
    const ctx = await launchProfile(tempProfile(), { viewport: { width: 1366, height: 768 } });
    try {
      const { page, errors } = await openApp(ctx, `${server.url}?renderer=${name}`);
      await dispatch(page, { type: 'clock', now: FROZEN, speed: 0 });
      const before = await page.evaluate(() => ({ ...window.Module.sdRenderStats }));
      // The list cursor, the search box, a conversation, the reply editor and back.
      await focusCanvas(page);
      for (let i = 0; i < 3; i++) await page.keyboard.press('j');
      await page.keyboard.press('/');
      await page.keyboard.type('ref', { delay: 40 });
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Escape');
      await settle(page);
      const first = (await state(page)).rows[0].id;
      await dispatch(page, { type: 'select', id: first });
      await settle(page);
      await page.locator('#reply-editor').click();
      await page.keyboard.type('Thanks', { delay: 40 });
      await page.keyboard.press('Escape');
      await focusCanvas(page);
      await page.keyboard.press('k');
      await settle(page, 5);
      const after = await page.evaluate(() => ({ ...window.Module.sdRenderStats }));
      assert.ok(after.partial > before.partial, `no frame was redrawn in part: ${JSON.stringify(after)}`);
      assert.ok(after.skipped > before.skipped, `no unchanged frame was skipped: ${JSON.stringify(after)}`);
      // WebGL draws the same pixels; the canvas smooths the edges of a path a level or two
      // differently when it is clipped to a smaller region.
      const partial = await page.screenshot();
      const whole = await fullRedrawShot(page);
      const d = await comparePngs(page, partial, whole, { threshold: name === 'webgl' ? 0 : 8 });
      assert.equal(d.differ, 0, `${(100 * d.differ).toFixed(4)} % of pixels differ from a full redraw`);
      assert.deepEqual(errors, []);
    } finally { await ctx.close(); }
  });
}

test('canvas2d: a new device pixel ratio resizes the canvas, reloads the fonts and redraws it all', async () => {
  const ctx = await launchProfile(tempProfile(), { viewport: { width: 1000, height: 700 } });
  try {
    const { page, errors } = await openApp(ctx, `${server.url}?renderer=canvas2d`);
    await dispatch(page, { type: 'clock', now: FROZEN, speed: 0 });
    const atlas1 = await page.evaluate(() => window.Module.sdRender2d.atlasSize());
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1000, height: 700, deviceScaleFactor: 2, mobile: false });
    await page.waitForFunction(() => document.getElementById('canvas').width === 2000, null, { timeout: 10000 });
    await settle(page, 5);
    const m = await page.evaluate(() => { const c = document.getElementById('canvas'); return [c.width, c.height]; });
    assert.deepEqual(m, [2000, 1400]);
    assert.equal(await changedByFullRedraw(page, 0), 0, 'the canvas after the change differs from a full redraw');
    // The fonts were rasterised again at 2x: a larger atlas.
    const atlas2 = await page.evaluate(() => window.Module.sdRender2d.atlasSize());
    assert.ok(atlas2[0] * atlas2[1] > atlas1[0] * atlas1[1], `atlas ${atlas1} -> ${atlas2}`);
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});
