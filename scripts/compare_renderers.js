#!/usr/bin/env node
// Screenshots of both renderers (?renderer=webgl and ?renderer=canvas2d) of the same inbox (one
// browser profile, reloaded) at the same frozen time with a Tmall conversation open (Chinese text
// in the list and the thread), at 1366x768 and 1920x1080, and how far apart they are: the share
// of pixels whose colour differs by more than 32 (of 255) in a channel, the mean difference, and a
// picture of where they differ (red).
//   node scripts/compare_renderers.js [out folder = build/render-compare] [--dpr 1]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const h = require(path.join(__dirname, '..', 'tests', 'browser', 'harness.js'));

const SIZES = [[1366, 768], [1920, 1080]];
const FROZEN = '2026-12-03T10:17:00Z';

// Opens the inbox of `profile` with `renderer`, freezes the clock, opens the first Tmall
// conversation and returns a screenshot of the page.
async function shoot(server, profile, renderer, width, height, dpr) {
  const ctx = await h.launchProfile(profile, { viewport: { width, height }, deviceScaleFactor: dpr });
  try {
    const { page, errors } = await h.openApp(ctx, `${server.url}?renderer=${renderer}`);
    await h.dispatch(page, { type: 'clock', now: FROZEN, speed: 0 });
    await h.dispatch(page, { type: 'filter', name: 'marketplace:tmall' });
    const first = (await h.state(page)).rows[0].id;
    await h.dispatch(page, { type: 'filter', name: 'all' });
    await h.dispatch(page, { type: 'select', id: first });
    await h.waitSaved(page);
    await h.settle(page, 5);
    await page.waitForTimeout(300);
    const got = (await h.state(page)).renderer;
    return { png: await page.screenshot(), renderer: got, errors };
  } finally { await ctx.close(); }
}

(async () => {
  const out = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : path.join(h.ROOT, 'build', 'render-compare');
  const dpr = h.numberArg('dpr', 1);
  fs.mkdirSync(out, { recursive: true });
  const server = await h.startServer();
  const viewer = await h.launchProfile(h.tempProfile());
  try {
    const page = await viewer.newPage();
    for (const [w, hh] of SIZES) {
      const profile = h.tempProfile();
      const shots = {};
      const tag = `${w}x${hh}${dpr !== 1 ? '@' + dpr : ''}`;
      for (const r of ['webgl', 'canvas2d']) {
        const s = await shoot(server, profile, r, w, hh, dpr);
        if (s.renderer !== r) console.log(`  asked for ${r}, the page used ${s.renderer}`);
        if (s.errors.length) console.log(`  ${r}: page errors: ${s.errors.join(' | ')}`);
        fs.writeFileSync(path.join(out, `${r}-${tag}.png`), s.png);
        shots[r] = s.png;
      }
      const d = await h.comparePngs(page, shots.webgl, shots.canvas2d, { picture: true });
      const diffFile = path.join(out, `diff-${tag}.png`);
      fs.writeFileSync(diffFile, d.png);
      console.log(`${tag}: ${(100 * d.differ).toFixed(3)} % of pixels differ by more than 32, mean difference ${d.mean.toFixed(3)} of 255 (${diffFile})`);
    }
  } finally { await viewer.close(); server.stop(); }
})().catch((e) => { console.error(e); process.exit(1); });
