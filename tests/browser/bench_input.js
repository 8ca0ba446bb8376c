#!/usr/bin/env node
// Benchmark: key press to painted frame, as a user feels it, in the headless test Chromium (the
// harness's flags: no GPU, so WebGL is SwiftShader and the compositor is software) at 1366x768.
// Three kinds of key press, each `--presses` times:
//   search  "/" then a letter in the search box on the canvas (a Backspace between letters,
//           not measured, keeps the list full)
//   reply   a letter typed into the reply editor (<textarea id="reply-editor">) of an open
//           conversation
//   cursor  "j" moving the list cursor
// For the renderer the page picks by default, then for the other one (?renderer=...).
//
// Two measures of every press (docs/performance.md, "Key press to painted frame"):
//   event   the browser's Event Timing API: from the key event's timestamp to the next paint
//           after its handlers ran, rounded to 8 ms by the browser; presses that took less than
//           16 ms are not reported by it and count as "< 16"
//   frame   the page's own clock: from the key event's timestamp to the end of the rendering
//           task of the next animation frame (a message posted from a requestAnimationFrame
//           callback runs after that frame's style, layout, paint and commit, the readback of a
//           WebGL canvas included); it is always there and not rounded, but on a busy page the
//           message also waits for the page's other tasks
//   trace   (with --profile) the Event Timing records of the browser's trace: the first figure
//           unrounded and also under 16 ms
//
//   node tests/browser/bench_input.js [--presses 20] [--gap 250] [--demo 1200]
//        [--width 1366 --height 768] [--renderer webgl|canvas2d] [--profile] [--trace FILE]
// --renderer measures only that renderer; --profile records a Chromium trace of the presses and
// prints where the page's main thread and the GPU process spent them; --trace also saves it (one
// file per renderer, FILE-<renderer>.json), for chrome://tracing or Perfetto.
// Exits non-zero only when it cannot measure at all (no app, no key event reached the page).
'use strict';
const h = require('./harness');

const PRESSES = h.numberArg('presses', 20);
const GAP = h.numberArg('gap', 250);   // ms between presses: a steady typist, about 4 keys a second
const DEMO = h.numberArg('demo', 1200);
const WIDTH = h.numberArg('width', 1366), HEIGHT = h.numberArg('height', 768);
const argValue = (name) => { const i = process.argv.indexOf('--' + name); return i > 0 ? process.argv[i + 1] : null; };
const ONLY = argValue('renderer');
const TRACE_FILE = argValue('trace');
const PROFILE = process.argv.includes('--profile') || !!TRACE_FILE;

const quantile = (a, q) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };

// Runs in the page before any of its scripts, so its keydown listener (window, capture phase)
// sees every key first, also those typed into the reply editor.
function installProbe() {
  const probe = { presses: [], events: [] };
  window.__sdInput = probe;
  window.addEventListener('keydown', (e) => {
    const p = { key: e.key, ts: e.timeStamp, frame: null };
    probe.presses.push(p);
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { p.frame = performance.now() - p.ts; };
      ch.port2.postMessage(0);
    });
  }, true);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.events.push({ name: e.name, start: e.startTime, duration: e.duration, id: e.interactionId });
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
    probe.eventTiming = true;
  } catch (e) { probe.eventTiming = false; }
}

async function pressAndWait(page, key) {
  const n = await page.evaluate(() => window.__sdInput.presses.length);
  await page.keyboard.press(key);
  await page.waitForFunction((k) => { const p = window.__sdInput.presses[k]; return p && p.frame !== null; }, n, { timeout: 20000, polling: 10 });
  await page.waitForTimeout(GAP);
  return n;
}

// Presses `keys` one by one (with `between` pressed after each and not measured); returns the
// probe indexes of the measured presses.
async function series(page, keys, between) {
  const measured = [];
  for (const k of keys) {
    measured.push(await pressAndWait(page, k));
    if (between) await pressAndWait(page, between);
  }
  return measured;
}

// With a trace: the browser's own Event Timing records of each keydown (the same figure as the
// API's, but neither rounded nor cut off under 16 ms).
function traceDurations(trace) {
  const records = [];
  for (const e of trace || []) {
    const d = e.name === 'EventTiming' && e.ph === 'b' && e.args && e.args.data;
    if (d && d.type === 'keydown') records.push(d);
  }
  return records;
}

function summarise(probe, indexes, traced) {
  const frame = [], event = [], trace = [];
  let below = 0, missing = 0;
  for (const i of indexes) {
    const p = probe.presses[i];
    frame.push(p.frame);
    const t = traced.find((d) => Math.abs(d.timeStamp - p.ts) < 0.5);
    if (t) trace.push(t.duration);
    // Event Timing's entry for this keydown (same timestamp), or the longest of its interaction.
    const own = probe.events.find((e) => e.name === 'keydown' && Math.abs(e.start - p.ts) < 0.5);
    if (!own) { below++; event.push(16); continue; }
    const all = own.id ? probe.events.filter((e) => e.id === own.id) : [own];
    event.push(Math.max(...all.map((e) => e.duration)));
  }
  if (!probe.eventTiming) missing = indexes.length;
  return { frame, event, trace, below, missing };
}

function fmtRow(name, r) {
  const f = (x) => x.toFixed(1).padStart(6);
  const ev = r.missing ? '  (no Event Timing in this browser)'
    : `event median ${r.below > r.event.length / 2 ? '  < 16' : f(quantile(r.event, 0.5))} ms, p90 ${r.below > r.event.length * 0.9 ? '  < 16' : f(quantile(r.event, 0.9))} ms` +
      (r.below ? ` (${r.below} of ${r.event.length} under 16 ms)` : '');
  const tr = r.trace.length ? ` | trace median ${f(quantile(r.trace, 0.5))} ms, p90 ${f(quantile(r.trace, 0.9))} ms (${r.trace.length})` : '';
  return `  ${name.padEnd(7)} ${ev} | frame median ${f(quantile(r.frame, 0.5))} ms, p90 ${f(quantile(r.frame, 0.9))} ms, max ${f(Math.max(...r.frame))} ms${tr}`;
}

// Self time per trace event name on one kind of thread (the page's main thread, CrRendererMain,
// or the GPU process's, CrGpuMain) while the presses ran.
function threadProfile(events, threadName) {
  const threads = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  const mainKeys = new Set([...threads].filter(([, n]) => n === threadName).map(([k]) => k));
  const byThread = new Map();
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !mainKeys.has(k) || !e.dur) continue;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k).push(e);
  }
  const self = new Map();
  let busy = 0;
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const stack = [], nodes = [];
    for (const e of list) {
      while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) parent.child += Math.min(e.dur, parent.end - e.ts);
      else busy += e.dur;
      const node = { name: e.name, dur: e.dur, end: e.ts + e.dur, child: 0 };
      stack.push(node);
      nodes.push(node);
    }
    for (const n of nodes) self.set(n.name, (self.get(n.name) || 0) + n.dur - n.child);
  }
  return { busy: busy / 1000, top: [...self].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([n, us]) => [n, us / 1000]) };
}

async function readTrace(cdp) {
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  const { stream } = await done;
  const chunks = [];
  for (;;) { const c = await cdp.send('IO.read', { handle: stream }); chunks.push(c.data); if (c.eof) break; }
  const parsed = JSON.parse(chunks.join(''));
  return parsed.traceEvents || parsed;
}

async function measure(server, renderer) {
  const ctx = await h.launchProfile(h.tempProfile(), { viewport: { width: WIDTH, height: HEIGHT } });
  try {
    await ctx.addInitScript(installProbe);
    const query = `?demo=${DEMO}` + (renderer ? `&renderer=${renderer}` : '');
    const { page, errors } = await h.openApp(ctx, server.url + query);
    await page.waitForFunction(() => window.sellerdesk.state({ max_rows: 0 }).search_index.ready === true, null, { timeout: 120000, polling: 200 });
    const info = await page.evaluate(() => {
      const s = window.sellerdesk.state({ max_rows: 1 });
      const c = document.getElementById('canvas');
      return { renderer: s.renderer || 'webgl', choice: s.renderer !== undefined, first: s.rows[0] && s.rows[0].id, canvas: [c.width, c.height] };
    });
    let cdp = null;
    if (PROFILE) {
      cdp = await ctx.newCDPSession(page);
      await cdp.send('Tracing.start', {
        categories: 'toplevel,blink,cc,gpu,viz,input,latencyInfo,devtools.timeline,disabled-by-default-devtools.timeline,v8.execute',
        transferMode: 'ReturnAsStream',
      });
    }
    const letters = 'eaorinstlcdumhgpbfyw'.repeat(Math.ceil(PRESSES / 20)).slice(0, PRESSES).split('');

    // (a) the search box: "/" focuses it; a letter, then Backspace (not measured).
    await h.focusCanvas(page);
    await pressAndWait(page, 'Slash');
    const search = await series(page, letters, 'Backspace');
    await pressAndWait(page, 'Escape');
    await h.dispatch(page, { type: 'search', field: 'all', text: '' });

    // (b) the reply editor of the first conversation.
    await h.dispatch(page, { type: 'select', id: info.first });
    await h.settle(page);
    const editor = page.locator('#reply-editor');
    await editor.click();
    await pressAndWait(page, 'End');
    const reply = await series(page, letters, null);

    // (c) "j" on the list: back on the canvas first.
    await pressAndWait(page, 'Escape');
    await h.focusCanvas(page);
    const cursor = await series(page, new Array(PRESSES).fill('j'), null);

    await page.waitForTimeout(500);   // Event Timing entries are delivered after the paint
    const probe = await page.evaluate(() => window.__sdInput);
    const trace = cdp ? await readTrace(cdp) : null;
    const st = await h.state(page);
    const drawn = await page.evaluate(() => window.Module.sdRenderStats || null);
    if (!st.search || st.search.text !== '') errors.push('search box not cleared: ' + JSON.stringify(st.search));
    if (!st.composer || !st.composer.text.length) errors.push('nothing reached the reply editor');
    if (!st.cursor) errors.push('the list cursor did not move');
    const traced = traceDurations(trace);
    return { info, errors, probe, trace, drawn, results: { search: summarise(probe, search, traced), reply: summarise(probe, reply, traced), cursor: summarise(probe, cursor, traced) } };
  } finally { await ctx.close(); }
}

(async () => {
  const server = await h.startServer();
  let measuredAny = false;
  try {
    console.log(`key press to painted frame: ${WIDTH}x${HEIGHT}, demo ${DEMO}, ${PRESSES} presses per kind, ${GAP} ms apart`);
    const plan = ONLY ? [ONLY] : [null];
    for (let k = 0; k < plan.length; k++) {
      const r = await measure(server, plan[k]);
      const label = plan[k] ? `renderer=${plan[k]} (forced)` : 'default renderer';
      console.log(`${label}: state().renderer = ${r.info.renderer}, canvas ${r.info.canvas.join('x')} device px`);
      for (const kind of ['search', 'reply', 'cursor']) console.log(fmtRow(kind, r.results[kind]));
      if (r.drawn) {
        console.log(`  frames drawn whole ${r.drawn.full}, in part ${r.drawn.partial}, not drawn (nothing changed) ${r.drawn.skipped}; ` +
                    `the last one drawn: ${r.drawn.vertices} vertices, ${r.drawn.indices / 3} triangles, ${r.drawn.commands} draw commands`);
      }
      if (r.errors.length) console.log('  page errors: ' + r.errors.slice(0, 5).join(' | '));
      if (r.trace && TRACE_FILE) require('node:fs').writeFileSync(`${TRACE_FILE}-${r.info.renderer}.json`, JSON.stringify({ traceEvents: r.trace }));
      if (r.trace) {
        for (const [thread, what] of [['CrRendererMain', 'page main thread'], ['CrGpuMain', 'GPU process main thread']]) {
          const p = threadProfile(r.trace, thread);
          console.log(`  ${what} busy ${p.busy.toFixed(0)} ms during the presses; self time by event:`);
          for (const [n, ms] of p.top) console.log(`    ${ms.toFixed(0).padStart(7)} ms  ${n}`);
        }
      }
      measuredAny = measuredAny || r.results.cursor.frame.length > 0;
      // Then the other renderer, when the page can use it.
      if (!ONLY && k === 0 && !r.info.choice) console.log('(this build has one renderer: WebGL)');
      if (!ONLY && k === 0 && r.info.choice) {
        const other = r.info.renderer === 'canvas2d' ? 'webgl' : 'canvas2d';
        const can = other === 'canvas2d' || await (async () => {
          const ctx = await h.launchProfile(h.tempProfile());
          try { const pg = await ctx.newPage(); return await pg.evaluate(() => !!document.createElement('canvas').getContext('webgl2')); }
          finally { await ctx.close(); }
        })();
        if (can) plan.push(other);
        else console.log(`renderer=${other}: not available in this browser`);
      }
    }
  } finally { server.stop(); }
  if (!measuredAny) { console.error('no key press was measured'); process.exit(1); }
})().catch((e) => { console.error(e); process.exit(1); });
