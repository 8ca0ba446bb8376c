// The guided tour in the real page (issue 18): it walks every step with Next, each step's part is
// highlighted where the app drew it, the kiosk loop moves on by itself and wraps, and the real
// inbox's export is unchanged after it, also after a reload. Screenshots of two steps in English
// and Chinese at 1366×768 go to tests/browser/out/ to be looked at.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { settle, startServer, tempProfile, launchProfile, openApp, state, dispatch, waitSaved, exportWithoutTime } = require('./harness');

const OUT = path.join(__dirname, 'out');
const VIEWPORT = { width: 1366, height: 768 };

let server;
before(async () => { server = await startServer(); fs.mkdirSync(OUT, { recursive: true }); });
after(() => server && server.stop());

test('the tour walks all its steps, highlights each part, loops in kiosk mode and leaves the real inbox as it was', async () => {
  const profile = tempProfile();
  let context = await launchProfile(profile, { viewport: VIEWPORT });
  try {
    let { page, errors } = await openApp(context, server.url + '?demo=200&seed=3');
    await waitSaved(page);
    const before = await exportWithoutTime(page);
    assert.equal((await state(page)).tour.running, false);

    assert.deepEqual(await dispatch(page, { type: 'tour_start', kiosk: false }), { ok: true });
    const seen = [];
    for (let i = 0; ; ++i) {
      await settle(page, 4);
      const s = await state(page);
      assert.equal(s.tour.step, i);
      assert.equal(s.tour.kiosk, false);
      const [x, y, w, h] = s.tour.rect;
      assert.ok(w > 20 && h > 10, `step ${s.tour.id}: its part ${s.tour.part} was drawn (${s.tour.rect})`);
      assert.ok(x >= 0 && y >= 0 && x + w <= VIEWPORT.width + 1 && y + h <= VIEWPORT.height + 1, `step ${s.tour.id} on screen`);
      seen.push(s.tour.id);
      if (s.tour.id === 'filters') assert.equal(s.filter, 'response_needed');
      if (s.tour.id === 'checker') {
        assert.ok(s.composer.findings.some((f) => f.rule === 'email_address'), JSON.stringify(s.composer.findings));
        await page.screenshot({ path: path.join(OUT, 'tour-checker-en-1366.png') });
        await dispatch(page, { type: 'language', lang: 'zh' });
        await settle(page, 5);
        await page.screenshot({ path: path.join(OUT, 'tour-checker-zh-1366.png') });
        await dispatch(page, { type: 'language', lang: 'en' });
      }
      if (s.tour.id === 'sla') await page.screenshot({ path: path.join(OUT, 'tour-sla-en-1366.png') });
      if (i + 1 === s.tour.steps) break;
      assert.deepEqual(await dispatch(page, { type: 'tour_next' }), { ok: true });
    }
    assert.deepEqual(seen, ['filters', 'sla', 'template', 'checker', 'export']);
    const refused = await dispatch(page, { type: 'settings', agent_name: 'Someone' });
    assert.match(refused.error, /waits while the guided tour/);
    assert.deepEqual(await dispatch(page, { type: 'tour_stop' }), { ok: true });
    await settle(page);
    assert.equal(await exportWithoutTime(page), before);

    // Kiosk: the steps move on by themselves and wrap around.
    assert.deepEqual(await dispatch(page, { type: 'tour_start', kiosk: true, step_s: 0.3 }), { ok: true });
    const steps = new Set();
    let wrapped = false, last = -1;
    const until = Date.now() + 8000;
    while (Date.now() < until && !wrapped) {
      const t = (await state(page)).tour;
      if (t.step < last) wrapped = true;
      last = t.step;
      steps.add(t.step);
      await page.waitForTimeout(60);
    }
    assert.ok(wrapped, 'the kiosk loop went back to the first step');
    assert.equal(steps.size, 5);
    await dispatch(page, { type: 'language', lang: 'zh' });
    await settle(page, 5);
    await page.screenshot({ path: path.join(OUT, 'tour-kiosk-zh-1366.png') });
    await dispatch(page, { type: 'language', lang: 'en' });
    assert.deepEqual(await dispatch(page, { type: 'tour_stop' }), { ok: true });
    await settle(page);
    assert.equal(await exportWithoutTime(page), before);
    await waitSaved(page);
    assert.deepEqual(errors, []);

    await context.close();
    context = await launchProfile(profile, { viewport: VIEWPORT });
    ({ page } = await openApp(context, server.url));
    assert.equal(await exportWithoutTime(page), before);
    assert.equal((await state(page)).tour.running, false);
  } finally {
    await context.close();
  }
});
