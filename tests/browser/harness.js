// Shared set-up for the browser tests: serves build-web/site on a free loopback port and launches
// Debian's Chromium through playwright-core, with a fresh or a given profile folder.
'use strict';
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
// SD_SITE serves another build of the site (e.g. an older one, to measure before and after).
const SITE = process.env.SD_SITE ? path.resolve(process.env.SD_SITE) : path.join(ROOT, 'build-web', 'site');
const CHROMIUM = process.env.SD_CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const p = srv.address().port; srv.close(() => resolve(p)); });
    srv.on('error', reject);
  });
}

// Serves build-web/site, or another folder (a copy of the site) when given.
async function startServer(site = SITE) {
  if (!fs.existsSync(path.join(site, 'app.wasm'))) throw new Error(site + ' is missing: run scripts/build.sh web');
  const port = await freePort();
  const proc = spawn('python3', [path.join(ROOT, 'scripts', 'serve.py'), site, '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    proc.stdout.once('data', resolve);
    proc.once('exit', (code) => reject(new Error('server exited ' + code)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => proc.kill() };
}

function tempProfile() { return fs.mkdtempSync(path.join(os.tmpdir(), 'sellerdesk-profile-')); }

// A persistent context = a real browser profile on disk (IndexedDB survives close + relaunch).
// The browser's language is English unless a test asks for another (options.locale, e.g.
// 'zh-CN'): the UI's first language follows navigator.language, whatever the machine's LANG is.
async function launchProfile(dir, options = {}) {
  return chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, args: ARGS.concat(options.args || []), headless: true,
    viewport: options.viewport || { width: 1400, height: 860 },
    deviceScaleFactor: options.deviceScaleFactor || 1,
    locale: options.locale || 'en-US',
  });
}

// Opens the app and waits for window.sellerdesk.ready. Collects console errors and page errors.
// A fresh profile's first-visit question (docs/import.md) is answered "keep the demo", as the
// tests expect the demo inbox with nothing over it; { ask: true } leaves it open.
async function openApp(context, url, options = {}) {
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready === true, null, { timeout: 60000 });
  if (!options.ask) await answerStart(page);
  await page.waitForTimeout(300);   // a few frames: the list is laid out
  return { page, errors };
}

// Gives the canvas the keyboard focus by clicking an empty stretch of the menu bar.
async function focusCanvas(page) {
  await page.mouse.click(640, 8);
  await page.waitForTimeout(50);
}

// Waits until the app has drawn `n` more frames (input is applied at frame boundaries; a loaded
// machine may take longer than any fixed sleep).
// Waits until the input sent so far has reached ImGui (it takes one button change a frame, so a
// triple-click is six frames), then `n` frames more.
async function settle(page, n = 3) {
  await page.waitForFunction(() => {
    window.Module.sdWake(100);   // keep frames coming while we wait (test-only use of the scheduler)
    return window.Module._sd_input_pending() === 0;
  }, null, { timeout: 20000, polling: 20 });
  const f = await page.evaluate(() => window.sellerdesk.state({ max_rows: 0 }).frames);
  await page.waitForFunction((k) => {
    window.Module.sdWake(100);
    return window.sellerdesk.state({ max_rows: 0 }).frames >= k;
  }, f + n, { timeout: 20000, polling: 50 });
}

// Clicks the middle of a control's rectangle as state() gives it ({x, y, w, h}, or [x, y, w, h]
// as in state().registers.layout), then lets the click reach the app.
async function clickRect(page, r) {
  assert.ok(r, 'the control was not drawn');
  const [x, y, w, h] = Array.isArray(r) ? r : [r.x, r.y, r.w, r.h];
  await page.mouse.click(x + w / 2, y + h / 2);
  await settle(page, 4);
}

// A numeric command-line option of a benchmark: `--name 123`.
function numberArg(name, fallback) {
  const i = process.argv.indexOf('--' + name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

// Compares two PNG screenshots of the same size, decoded by the browser in `page`: the share of
// pixels whose largest channel difference is over `threshold`, the mean of that difference, and
// (with `picture`) a PNG of where they differ, in red over the first picture in grey.
async function comparePngs(page, a, b, { threshold = 32, picture = false } = {}) {
  const r = await page.evaluate(async ([a64, b64, threshold, picture]) => {
    const load = async (s) => createImageBitmap(await (await fetch('data:image/png;base64,' + s)).blob());
    const ia = await load(a64), ib = await load(b64);
    if (ia.width !== ib.width || ia.height !== ib.height) return { error: `sizes differ: ${ia.width}x${ia.height} and ${ib.width}x${ib.height}` };
    const w = ia.width, h = ia.height;
    const read = (img) => { const c = new OffscreenCanvas(w, h); const g = c.getContext('2d'); g.drawImage(img, 0, 0); return g.getImageData(0, 0, w, h).data; };
    const da = read(ia), db = read(ib);
    const out = picture ? new ImageData(w, h) : null;
    let differ = 0, sum = 0;
    for (let i = 0; i < da.length; i += 4) {
      const d = Math.max(Math.abs(da[i] - db[i]), Math.abs(da[i + 1] - db[i + 1]), Math.abs(da[i + 2] - db[i + 2]));
      sum += d;
      if (d > threshold) differ++;
      if (out) {
        const grey = 200 + (da[i] + da[i + 1] + da[i + 2]) / 15;
        out.data.set(d > threshold ? [255, 0, 0, 255] : [grey, grey, grey, 255], i);
      }
    }
    let png = null;
    if (out) {
      const c = new OffscreenCanvas(w, h);
      c.getContext('2d').putImageData(out, 0, 0);
      const bytes = new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer());
      let bin = '';
      for (let i = 0; i < bytes.length; i += 32768) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 32768));
      png = btoa(bin);
    }
    return { differ: differ / (w * h), mean: sum / (w * h), png };
  }, [a.toString('base64'), b.toString('base64'), threshold, picture]);
  if (r.error) throw new Error(r.error);
  return { differ: r.differ, mean: r.mean, png: r.png ? Buffer.from(r.png, 'base64') : null };
}

// Keeps the demo if the first-visit question is open.
async function answerStart(page) {
  await page.evaluate(() => {
    if (window.sellerdesk.state({ max_rows: 0 }).start_question) window.sellerdesk.dispatch({ type: 'start', with: 'demo' });
  });
}

const state = (page) => page.evaluate(() => window.sellerdesk.state());
const dispatch = (page, cmd) => page.evaluate((c) => window.sellerdesk.dispatch(c), cmd);
async function waitSaved(page) {
  await page.waitForFunction(() => window.sellerdesk.state().save.state === 'saved', null, { timeout: 20000 });
}

// The real inbox's export without the moment it was made: what a test compares to show that
// training or the tour left the inbox alone.
const exportWithoutTime = (page) => page.evaluate(() => window.sellerdesk.exportJson().replace(/"exported_at":"[^"]*"/, ''));

module.exports = { answerStart, clickRect, comparePngs, freePort, numberArg, settle, focusCanvas, startServer, tempProfile, launchProfile, openApp, state, dispatch, waitSaved, exportWithoutTime, ROOT, SITE };
