#!/usr/bin/env node
// Benchmark: the live sync's first sync in Chromium (wasm) against PouchDB Server (in-memory, on
// this machine): a demo inbox of N conversations is connected to an empty database and timed
// until everything is sent and the state is "idle". Prints seconds, documents per second and the
// longest task that blocked the page meanwhile (PerformanceObserver "longtask").
//   node tests/browser/bench_couch.js [--conversations N=300]
'use strict';
const h = require('./harness');
const { startCouch } = require('./couch');

const N = h.numberArg('conversations', 300);

(async () => {
  const server = await h.startServer();
  const couch = await startCouch();
  const ctx = await h.launchProfile(h.tempProfile());
  try {
    const page = ctx.pages()[0] || await ctx.newPage();
    await page.goto(`${server.url}?demo=${N}`);
    await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready === true, null, { timeout: 600000 });
    await h.answerStart(page);
    await page.waitForTimeout(1000);
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
        .observe({ type: 'longtask' });
    });
    const t0 = Date.now();
    const r = await h.dispatch(page, { type: 'sync_configure', url: couch.url, db: 'bench', user: '', password: '' });
    if (!r.ok) throw new Error(JSON.stringify(r));
    await page.waitForFunction(() => {
      const s = window.sellerdesk.state({ max_rows: 0 }).sync;
      if (s.state === 'error') throw new Error(s.error);
      return s.state === 'idle' && s.pending === 0;
    }, null, { timeout: 3600000, polling: 200 });
    const seconds = (Date.now() - t0) / 1000;
    const docs = (await couch.request('GET', '/bench')).body.doc_count;
    const longest = await page.evaluate(() => window.__longest);
    const convs = (await h.state(page)).conversations;
    if (docs < convs) throw new Error(`the server has ${docs} documents for ${convs} conversations`);
    console.log(`chromium live sync benchmark: first sync of ${convs} conversations to PouchDB Server (in-memory)`);
    console.log(`  ${docs} documents in ${seconds.toFixed(1)} s: ${(docs / seconds).toFixed(0)} docs/s; longest blocked task ${longest.toFixed(0)} ms`);
  } finally {
    await ctx.close();
    server.stop();
    await couch.stop();
  }
})().catch((e) => { console.error(e); process.exit(1); });
