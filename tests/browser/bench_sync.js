#!/usr/bin/env node
// Benchmark: export and import throughput in Chromium (wasm). Exports a demo inbox through the
// bridge, then imports the file into a second, fresh profile (every conversation is new there: the
// worst case for the merge) and into the first one again (nothing changes: the common case).
//   node tests/browser/bench_sync.js [--conversations N=2000]
'use strict';
const h = require('./harness');

const N = h.numberArg('conversations', 2000);

async function open(ctx, url) {
  const page = ctx.pages()[0] || await ctx.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready === true, null, { timeout: 300000 });
  return page;
}

(async () => {
  const server = await h.startServer();
  const a = await h.launchProfile(h.tempProfile());
  const b = await h.launchProfile(h.tempProfile());
  try {
    const pa = await open(a, `${server.url}?demo=${N}`);
    const exp = await pa.evaluate(() => {
      const t = performance.now();
      window.__export = window.sellerdesk.exportJson();
      return { ms: performance.now() - t, bytes: new Blob([window.__export]).size, chars: window.__export.length };
    });
    // Carry the file to the other browser in pieces (one protocol message cannot hold 100 MB).
    const CHUNK = 4 << 20;
    const pieces = [];
    for (let at = 0; at < exp.chars; at += CHUNK) pieces.push(await pa.evaluate(([a, n]) => window.__export.slice(a, a + n), [at, CHUNK]));
    exp.text = pieces.join('');
    const mb = exp.bytes / 1048576;
    console.log(`chromium sync benchmark: ${N} conversations, export file ${mb.toFixed(1)} MB`);
    console.log(`  export: ${exp.ms.toFixed(0)} ms, ${(mb / (exp.ms / 1000)).toFixed(0)} MB/s`);

    // B has another demo (a different seed): every conversation of A's file is added.
    const pb = await open(b, `${server.url}?demo=10&seed=99`);
    await pb.evaluate(() => { window.__import = []; });
    for (const p of pieces) await pb.evaluate((x) => { window.__import.push(x); }, p);
    await pb.evaluate(() => { window.__text = window.__import.join(''); window.__text.charCodeAt(0); window.__import = null; });
    const imp = await pb.evaluate(async () => {
      const text = window.__text;
      window.__text = null;
      // The longest stretch the page could not respond (validation is one call).
      let blocked = 0;
      const tasks = [];
      const obs = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) { blocked = Math.max(blocked, e.duration); tasks.push(Math.round(e.duration)); }
      });
      obs.observe({ type: 'longtask' });
      const t = performance.now();
      const r = await window.sellerdesk.importJson(text);
      const ms = performance.now() - t;
      await new Promise((res) => setTimeout(res, 50));
      obs.disconnect();
      return { ms, blocked, tasks, timing: r.timing_ms, ok: r.ok, added: r.added, error: r.error };
    });
    if (!imp.ok) throw new Error('import failed: ' + JSON.stringify(imp.error));
    console.log(`  import into another inbox (${imp.added} conversations added): ${imp.ms.toFixed(0)} ms, ${(mb / (imp.ms / 1000)).toFixed(0)} MB/s (validate + sliced merge + snapshot); longest task that blocked the page ${imp.blocked.toFixed(0)} ms`);
    const t = imp.timing || {};
    console.log(`    CPU: check ${(t.check || 0).toFixed(0)} ms, merge ${(t.merge || 0).toFixed(0)} ms, finish ${(t.finish || 0).toFixed(0)} ms, save ${(t.save || 0).toFixed(0)} ms ${JSON.stringify(t.save_parts || {}, (k, v) => typeof v === 'number' ? Math.round(v) : v)}; tasks over 50 ms: ${imp.tasks.length} (${imp.tasks.slice().sort((x, y) => y - x).slice(0, 5).join(', ')} ms longest)`);
    const same = await pa.evaluate(async () => {
      const t = performance.now();
      const r = await window.sellerdesk.importJson(window.__export);
      return { ms: performance.now() - t, ok: r.ok, updated: r.updated, unchanged: r.unchanged };
    });
    if (!same.ok || same.updated !== 0) throw new Error('re-import changed something: ' + JSON.stringify(same));
    console.log(`  import of the same file again (${same.unchanged} unchanged): ${same.ms.toFixed(0)} ms, ${(mb / (same.ms / 1000)).toFixed(0)} MB/s`);
  } finally {
    await a.close();
    await b.close();
    server.stop();
  }
})().catch((e) => { console.error(e); process.exit(1); });
