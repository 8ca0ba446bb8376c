#!/usr/bin/env node
// Regenerates docs/screenshot.png from the real app: serves build-web/site, opens it in Debian's
// Chromium with a fresh demo inbox, opens one conversation, and saves the picture.
//   node scripts/screenshot.js [out.png] [conversation-id]
'use strict';
const path = require('node:path');
const h = require(path.join(__dirname, '..', 'tests', 'browser', 'harness.js'));

(async () => {
  const out = process.argv[2] || path.join(h.ROOT, 'docs', 'screenshot.png');
  const server = await h.startServer();
  const ctx = await h.launchProfile(h.tempProfile(), { viewport: { width: 1440, height: 900 } });
  try {
    const { page } = await h.openApp(ctx, server.url);
    let id = process.argv[3];
    if (!id) {
      const s = await h.state(page);
      const row = s.rows.find((r) => r.marketplace === 'amazon' && r.unread) || s.rows[0];
      id = row.id;
    }
    await h.dispatch(page, { type: 'select', id });
    await page.waitForTimeout(800);
    await page.screenshot({ path: out });
    console.log('screenshot: ' + out);
  } finally {
    await ctx.close();
    server.stop();
  }
})().catch((e) => { console.error(e); process.exit(1); });
