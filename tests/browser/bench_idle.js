#!/usr/bin/env node
// Benchmark: what an idle SellerDesk tab costs. Records a Chromium trace while nobody touches the
// page and sums the top-level tasks of every thread, next to the same for a static page.
//   node tests/browser/bench_idle.js [seconds=5] [demo size=1200]
'use strict';
const h = require('./harness');

async function taskMs(ctx, page, seconds) {
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Tracing.start', { categories: 'toplevel', transferMode: 'ReturnAsStream' });
  await page.waitForTimeout(seconds * 1000);
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  const { stream } = await done;
  let data = '';
  for (;;) { const c = await cdp.send('IO.read', { handle: stream }); data += c.data; if (c.eof) break; }
  const parsed = JSON.parse(data);
  const events = parsed.traceEvents || parsed;
  let us = 0;
  for (const e of events) if (e.ph === 'X' && e.dur && (e.name === 'RunTask' || e.name === 'ThreadPool_RunTask')) us += e.dur;
  return us / 1000;
}

(async () => {
  const seconds = Number(process.argv[2] || 5), size = Number(process.argv[3] || 1200);
  const server = await h.startServer();
  const ctx = await h.launchProfile(h.tempProfile());
  try {
    const { page } = await h.openApp(ctx, `${server.url}?demo=${size}`);
    await page.waitForTimeout(1500);
    const f0 = (await h.state(page)).frames;
    const ms = await taskMs(ctx, page, seconds);
    const f1 = (await h.state(page)).frames;
    console.log(`idle tab, ${size} conversations, ${seconds} s: ${((f1 - f0) / seconds).toFixed(2)} frames/s, ` +
                `browser task time ${(ms / seconds / 10).toFixed(2)} % of one core`);
    const blank = await ctx.newPage();
    await blank.goto(server.url + 'favicon.svg');
    const bms = await taskMs(ctx, blank, seconds);
    console.log(`baseline static page, ${seconds} s: browser task time ${(bms / seconds / 10).toFixed(2)} % of one core`);
  } finally { await ctx.close(); server.stop(); }
})().catch((e) => { console.error(e); process.exit(1); });
