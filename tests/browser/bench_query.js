#!/usr/bin/env node
// Benchmark: filters, field search and full-text search in Chromium (wasm), and the CPU cost of a
// frame with the whole list on screen. Times are measured inside the app (state().perf: the
// query rebuild and the frame function), medians over repeats, plus the bridge round trip.
//   node tests/browser/bench_query.js [--conversations N=2000] [--frames 60]
'use strict';
const h = require('./harness');

const N = h.numberArg("conversations", 2000);
const FRAMES = h.numberArg('frames', 60);
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
const fmt = (x) => x.toFixed(2).padStart(7);

(async () => {
  const server = await h.startServer();
  const ctx = await h.launchProfile(h.tempProfile(), { viewport: { width: 1600, height: 1000 } });
  try {
    const t0 = Date.now();
    const page = ctx.pages()[0] || await ctx.newPage();
    await page.goto(`${server.url}?demo=${N}`);
    await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready === true, null, { timeout: 300000 });
    const readyAt = Date.now();
    // The search index is built a slice per frame after the first frame: text searches wait for it.
    await page.waitForFunction(() => window.sellerdesk.state({ max_rows: 0 }).search_index.ready === true, null, { timeout: 300000, polling: 200 });
    const st = await page.evaluate(() => window.sellerdesk.state({ max_rows: 0 }));
    console.log(`chromium query benchmark: ${st.conversations} conversations (ready after ${((readyAt - t0) / 1000).toFixed(1)} s, search index after ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    if (st.conversations !== N) throw new Error(`expected ${N} conversations, got ${st.conversations}`);

    // One command, repeated: in-app rebuild time and bridge round trip, medians.
    const run = (commands, repeats) => page.evaluate(({ commands, repeats }) => {
      const inApp = [], roundTrip = [];
      let rows = 0;
      for (let k = 0; k < repeats; k++) {
        for (const c of commands) {
          const t = performance.now();
          const r = window.sellerdesk.dispatch(c);
          const dt = performance.now() - t;
          if (!r.ok) throw new Error(JSON.stringify(c) + ': ' + r.error);
          const s = window.sellerdesk.state({ max_rows: 0 });
          inApp.push(s.perf.query_ms);
          roundTrip.push(dt);
          rows = s.rows_total;
        }
      }
      return { inApp, roundTrip, rows };
    }, { commands, repeats });

    const combos = [
      ['all', 'all', ''], ['unread', 'all', ''], ['response_needed', 'all', ''], ['customer_care', 'all', ''],
      ['failed', 'all', ''], ['spam', 'all', ''], ['mine', 'all', ''], ['marketplace:walmart', 'all', ''],
      ['wish:unhandled', 'all', ''], ['ebay:high_priority', 'all', ''], ['status:awaiting_seller', 'all', ''],
      ['all', 'order_id', '5'], ['all', 'order_id', '1234'], ['unread', 'subject', 'ret'], ['all', 'customer', 'm'],
      ['marketplace:amazon', 'customer', 'mar'], ['marketplace:tmall', 'customer', '王'],
    ];
    let worst = 0;
    console.log('filter + field search (in-app rebuild mean / bridge round trip median, 7 runs):');
    for (const [filter, field, text] of combos) {
      // Alternate with a different view so every measured command really rebuilds.
      const r = await run([{ type: 'filter', name: filter }, { type: 'search', field, text }, { type: 'filter', name: 'status:closed' }], 7);
      const inApp = mean(r.inApp.filter((_, i) => i % 3 === 1));
      const rt = median(r.roundTrip.filter((_, i) => i % 3 === 1));
      worst = Math.max(worst, inApp);
      console.log(`  ${filter.padEnd(24)} ${field.padEnd(8)} ${JSON.stringify(text).padEnd(7)} ${fmt(inApp)} ms / ${fmt(rt)} ms`);
    }
    console.log(`  worst filter + field search: ${worst.toFixed(2)} ms (bar: 10 ms)`);

    await run([{ type: 'filter', name: 'all' }], 1);
    let worstFt = 0;
    const line = [];
    for (const word of ['return request', 'tracking 1z', 'damaged kettle', '没有收到货']) {
      const keystrokes = [];
      for (let i = 1; i <= [...word].length; i++) keystrokes.push({ type: 'search', field: 'all', text: [...word].slice(0, i).join('') });
      const r = await run([...keystrokes, { type: 'search', field: 'all', text: '' }], 5);
      const per = keystrokes.map((_, i) => mean(r.inApp.filter((__, j) => j % (keystrokes.length + 1) === i)));
      worstFt = Math.max(worstFt, ...per);
      line.push(`  "${word}": ${per.map((x) => x.toFixed(2)).join(' ')} ms`);
    }
    console.log('full-text (Everything) per keystroke, in-app mean of 5:');
    console.log(line.join('\n'));
    console.log(`  worst full-text keystroke: ${worstFt.toFixed(2)} ms (bar: 30 ms)`);

    // Frames with the full list on screen (All, no search, sorted by urgency); the pointer moves over
    // the rows so each frame hovers a new one.
    await run([{ type: 'filter', name: 'all' }, { type: 'search', field: 'all', text: '' }], 1);
    const s = await page.evaluate(() => window.sellerdesk.state({ max_rows: 0 }));
    const frameMs = [], parts = [];
    let lastFrame = s.frames;
    for (let i = 0; i < FRAMES; i++) {
      await page.mouse.move(s.layout.list_x + 100 + (i % 7) * 20, s.layout.first_row_y + (i % 20) * s.layout.row_height);
      await page.waitForFunction((n) => window.sellerdesk.state({ max_rows: 0 }).frames > n, lastFrame);
      const f = await page.evaluate(() => window.sellerdesk.state({ max_rows: 0 }));
      lastFrame = f.frames;
      frameMs.push(f.perf.frame_ms);
      parts.push(f.perf.frame_parts_ms);
    }
    frameMs.sort((a, b) => a - b);
    console.log(`frame with ${s.rows_total} rows in the list: median ${median(frameMs).toFixed(2)} ms, p90 ${frameMs[Math.floor(frameMs.length * 0.9)].toFixed(2)} ms CPU (bar: 4 ms)`);
    console.log(`  of which (medians): data ${median(parts.map((p) => p.data)).toFixed(2)} ms, panels ${median(parts.map((p) => p.panels)).toFixed(2)} ms, renderer (${s.renderer || 'webgl'}) ${median(parts.map((p) => p.webgl)).toFixed(2)} ms`);
  } finally {
    await ctx.close();
    server.stop();
  }
})().catch((e) => { console.error(e); process.exit(1); });
