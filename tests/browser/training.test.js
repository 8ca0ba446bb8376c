// Training mode in the real page at 1366×768: a scenario started through the bridge plays on the
// simulated clock, the trainee answers with the usual commands, the score follows, and after
// training_stop the real inbox's export is what it was, also after a reload (nothing of the
// training reached IndexedDB). Screenshots of the Training window in English and Chinese go to
// tests/browser/out/ to be looked at.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { settle, startServer, tempProfile, launchProfile, openApp, state, dispatch, waitSaved, exportWithoutTime } = require('./harness');

const OUT = path.join(__dirname, 'out');
const VIEWPORT = { width: 1366, height: 768 };
const CONV = 'training-amazon-inr-follow-up';

let server;
before(async () => { server = await startServer(); fs.mkdirSync(OUT, { recursive: true }); });
after(() => server && server.stop());

test('a scenario plays on the clock, is scored, and leaves the real inbox as it was', async () => {
  const profile = tempProfile();
  let context = await launchProfile(profile, { viewport: VIEWPORT });
  try {
    let { page, errors } = await openApp(context, server.url + '?demo=200&seed=3');
    await waitSaved(page);
    const before = await exportWithoutTime(page);
    const idle = (await state(page)).training;
    assert.equal(idle.scenario, null);
    assert.ok(idle.scenarios.length >= 20);

    assert.deepEqual(await dispatch(page, { type: 'clock', now: '2026-03-02T09:00:00Z', speed: 0 }), { ok: true });
    const refused = await dispatch(page, { type: 'training_start', scenario: 'amazon-nope' });
    assert.equal(refused.ok, false);
    assert.match(refused.error, /no scenario "amazon-nope"/);
    assert.deepEqual(await dispatch(page, { type: 'training_start', scenario: 'amazon-inr-follow-up' }), { ok: true });
    let s = await state(page);
    assert.equal(s.training.scenario, 'amazon-inr-follow-up');
    assert.equal(s.conversations, 1);
    assert.equal(s.selected, CONV);

    // 19 hours later the follow-up has come, since nobody answered.
    await dispatch(page, { type: 'clock', now: '2026-03-03T04:00:00Z' });
    await settle(page);
    s = await state(page);
    assert.equal(s.training.clock, '2026-03-03T04:00:00Z');
    const scoreBefore = s.training.score.total;
    assert.equal((await dispatch(page, { type: 'draft', id: CONV, text:
      'Hello Hannah,\n\nI am sorry your coffee set has not arrived yet. It should reach you within 3 business days. You can choose:\n' +
      '1. Wait 3 more days.\n2. A replacement shipped today.\n3. A full refund.\n\nBest regards,\nLily' })).ok, true);
    assert.equal((await dispatch(page, { type: 'mark_sent', id: CONV, override: true })).ok, true);
    await dispatch(page, { type: 'window', name: 'training', open: true });
    await settle(page, 5);
    s = await state(page);
    assert.ok(s.training.score.total > scoreBefore, `${s.training.score.total} > ${scoreBefore}`);
    const elements = s.training.score.criteria.find((k) => k.id === 'reply_elements');
    assert.ok(elements && elements.points > 0 && elements.message.length > 0);
    await page.screenshot({ path: path.join(OUT, 'training-en-1366.png') });
    await dispatch(page, { type: 'language', lang: 'zh' });
    await settle(page, 5);
    assert.match((await state(page)).training.score.criteria[0].message, /[\u4e00-\u9fff]/);
    await page.screenshot({ path: path.join(OUT, 'training-zh-1366.png') });
    await dispatch(page, { type: 'language', lang: 'en' });

    assert.deepEqual(await dispatch(page, { type: 'training_stop' }), { ok: true });
    await settle(page);
    s = await state(page);
    assert.equal(s.training.scenario, null);
    assert.equal(s.conversations, 200);
    assert.equal(await exportWithoutTime(page), before);
    assert.deepEqual(errors, []);

    // Reloaded from IndexedDB: still the real inbox as it was.
    await context.close();
    context = await launchProfile(profile, { viewport: VIEWPORT });
    ({ page } = await openApp(context, server.url));
    assert.equal(await exportWithoutTime(page), before);
  } finally {
    await context.close();
  }
});

// Issue 18's trainee progress in IndexedDB: a scenario started and answered is running again after
// a reload with the same state().training, an imported pack and a scenario made from a real
// conversation are still offered, and the real inbox's export is what it was throughout.
test('a trainee\'s progress, imported packs and own scenarios survive a reload, apart from the real inbox', async () => {
  const profile = tempProfile();
  let context = await launchProfile(profile, { viewport: VIEWPORT });
  try {
    let { page, errors } = await openApp(context, server.url + '?demo=150&seed=5');
    await waitSaved(page);
    const before = await exportWithoutTime(page);

    // A pack a trainer could import: the bundled Wish pack under other IDs; a bad one first.
    const pack = JSON.parse(fs.readFileSync(path.join(__dirname, '../../assets/scenarios/wish.json'), 'utf8'));
    pack.id = 'acme-wish';
    for (const s of pack.scenarios) s.id = 'acme-' + s.id;
    const bad = JSON.parse(JSON.stringify(pack));
    bad.scenarios[0].marketplace = 'amazon.de';
    const refused = await dispatch(page, { type: 'training_import_pack', text: JSON.stringify(bad) });
    assert.equal(refused.ok, false);
    assert.match(refused.error, /^not imported: scenarios\/0\/marketplace/);
    assert.ok(!(await state(page)).training.scenarios.includes('acme-wish-customs-duties'));
    const imported = await dispatch(page, { type: 'training_import_pack', text: JSON.stringify(pack) });
    assert.deepEqual(imported, { ok: true, pack: 'acme-wish', scenarios: 4, replaced: false });

    // Make a scenario from a real conversation (the first one it works for).
    const conversations = (await page.evaluate(() => window.sellerdesk.state().rows || [])).map((r) => r.id || r);
    let made = null;
    for (const id of conversations.slice(0, 40)) {
      const r = await dispatch(page, { type: 'scenario_from_conversation', id, title: 'From the inbox' });
      if (r.ok) { made = r.scenario; break; }
    }
    assert.ok(made, 'a scenario was made from one of the first conversations');

    await dispatch(page, { type: 'clock', now: '2026-03-02T09:00:00Z', speed: 0 });
    assert.deepEqual(await dispatch(page, { type: 'training_start', scenario: 'acme-wish-customs-duties' }), { ok: true });
    const conv = 'training-acme-wish-customs-duties';
    await dispatch(page, { type: 'clock', now: '2026-03-02T13:00:00Z' });
    await dispatch(page, { type: 'draft', id: conv, text: 'Hello,\n\nSorry about the customs charge. I will refund it within 2 days.\n\nBest regards,\nLily' });
    assert.equal((await dispatch(page, { type: 'mark_sent', id: conv, override: true })).ok, true);
    await settle(page);
    await waitSaved(page);
    const shown = (await state(page)).training;
    assert.equal(shown.scenario, 'acme-wish-customs-duties');
    assert.ok(shown.score.total > 0);
    assert.deepEqual(errors, []);

    await context.close();
    context = await launchProfile(profile, { viewport: VIEWPORT });
    ({ page, errors } = await openApp(context, server.url));
    await settle(page);
    let s = await state(page);
    assert.deepEqual(s.training, shown);
    assert.equal(s.selected, conv);
    assert.ok(s.training.scenarios.includes(made));
    assert.deepEqual(s.training.packs.map((p) => p.source).slice(-2), ['imported', 'own']);
    await dispatch(page, { type: 'window', name: 'training', open: true });
    await settle(page, 5);
    await page.screenshot({ path: path.join(OUT, 'training-reloaded-en-1366.png') });

    assert.deepEqual(await dispatch(page, { type: 'training_stop' }), { ok: true });
    await settle(page);
    await page.screenshot({ path: path.join(OUT, 'training-packs-en-1366.png') });
    await dispatch(page, { type: 'language', lang: 'zh' });
    await settle(page, 5);
    await page.screenshot({ path: path.join(OUT, 'training-packs-zh-1366.png') });
    await dispatch(page, { type: 'language', lang: 'en' });
    s = await state(page);
    assert.equal(s.training.finished, 1);
    assert.equal(await exportWithoutTime(page), before);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
