// Shared set-up for the browser tests: serves build-web/site on a free loopback port and launches
// Debian's Chromium through playwright-core, with a fresh or a given profile folder.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const SITE = path.join(ROOT, 'build-web', 'site');
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

async function startServer() {
  if (!fs.existsSync(path.join(SITE, 'app.wasm'))) throw new Error('build-web/site is missing: run scripts/build.sh web');
  const port = await freePort();
  const proc = spawn('python3', [path.join(ROOT, 'scripts', 'serve.py'), SITE, '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
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
    executablePath: CHROMIUM, args: ARGS, headless: true,
    viewport: options.viewport || { width: 1400, height: 860 },
    deviceScaleFactor: options.deviceScaleFactor || 1,
    locale: options.locale || 'en-US',
  });
}

// Opens the app and waits for window.sellerdesk.ready. Collects console errors and page errors.
async function openApp(context, url) {
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready === true, null, { timeout: 60000 });
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
async function settle(page, n = 3) {
  const f = await page.evaluate(() => window.sellerdesk.state({ max_rows: 0 }).frames);
  await page.waitForFunction((k) => {
    window.Module.sdWake(100);   // keep frames coming while we wait (test-only use of the scheduler)
    return window.sellerdesk.state({ max_rows: 0 }).frames >= k;
  }, f + n, { timeout: 20000, polling: 50 });
}

// A numeric command-line option of a benchmark: `--name 123`.
function numberArg(name, fallback) {
  const i = process.argv.indexOf('--' + name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const state = (page) => page.evaluate(() => window.sellerdesk.state());
const dispatch = (page, cmd) => page.evaluate((c) => window.sellerdesk.dispatch(c), cmd);
async function waitSaved(page) {
  await page.waitForFunction(() => window.sellerdesk.state().save.state === 'saved', null, { timeout: 20000 });
}

module.exports = { numberArg, settle, focusCanvas, startServer, tempProfile, launchProfile, openApp, state, dispatch, waitSaved, ROOT };
