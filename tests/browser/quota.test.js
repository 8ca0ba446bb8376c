// A full disk, in the real Chromium: the origin gets a quota just above what it uses
// (CDP Storage.overrideQuotaForOrigin), then we edit until IndexedDB refuses a flush. The app must
// say so (save.state "error", a message about the quota / full storage), keep every change it had
// reported saved (a second tab of the same profile reads them from IndexedDB), keep the refused
// changes in memory, and save them once there is room again (checked after a restart).
//
//   cd tests/browser && node --test --test-reporter=tap quota.test.js
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, tempProfile, launchProfile, state, dispatch, waitSaved } = require('./harness');

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

const NOTE_BYTES = 16000;        // each note grows the journal by about this much
const MARGIN = 200 * 1024;       // quota = usage + MARGIN
const MAX_EDITS = 80;            // 80 × 16 kB ≈ 1.3 MB: far past the margin
const SETTLE_MS = 15000;         // a flush must end ("saved" or "error") within this

const exportConvs = (page, ids) => page.evaluate((i) => JSON.parse(window.sellerdesk.exportJson({ ids: i, templates: false, settings: false })).conversations, ids);

let counter = 0;
function bigNote(tag) {
  const words = ['parcel', 'refund', 'tracking', '快递', '已退款', 'Grüße', '📦', 'customs', 'reship', 'address'];
  let body = `${tag} #${++counter}:`;
  let x = counter * 2654435761 >>> 0;
  while (Buffer.byteLength(body) < NOTE_BYTES) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    body += ' ' + words[x % words.length] + (x >>> 20).toString(36);
  }
  return `quota-note ${body} |${body.length}`;
}

// Opens the app in `page` and waits until it is ready.
async function open(page) {
  await page.goto(server.url);
  await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready === true, null, { timeout: 60000 });
}

// Every expected edit is in what `page` loaded: notes by text, labels, status.
async function expectEdits(page, edits, what) {
  const ids = [...new Set(edits.map((e) => e.id))];
  const convs = new Map((await exportConvs(page, ids)).map((c) => [c.id, c]));
  for (const e of edits) {
    const c = convs.get(e.id);
    assert.ok(c, `${what}: conversation ${e.id} is missing`);
    if (e.note) assert.ok(c.notes.some((n) => n.text === e.note), `${what}: the note ${e.note.slice(0, 40)}… on ${e.id} is missing`);
    if (e.label) assert.ok(c.labels.includes(e.label), `${what}: label ${e.label} on ${e.id} is missing (${JSON.stringify(c.labels)})`);
    if (e.status) assert.equal(c.status, e.status, `${what}: status of ${e.id}`);
  }
}

async function edit(page, cmd) {
  const r = await dispatch(page, cmd);
  assert.deepEqual(r, { ok: true }, `${cmd.type} on ${cmd.id} was refused: ${JSON.stringify(r)}`);
  return cmd.type === 'add_note' ? { id: cmd.id, note: cmd.text } : cmd.type === 'label' ? { id: cmd.id, label: cmd.add[0] }
    : { id: cmd.id, status: cmd.status };
}

test('a full quota is reported, saved changes are kept, unsaved ones are saved once there is room', { timeout: 300000 }, async () => {
  const dir = tempProfile();
  let ids, usage, acked = [];

  // 1. A few changes, saved, on a normal quota.
  let ctx = await launchProfile(dir);
  try {
    const page = ctx.pages()[0] || await ctx.newPage();
    await open(page);
    ids = (await state(page)).rows.map((r) => r.id).filter((_, i) => i % 97 === 5).slice(0, 8);
    acked.push(await edit(page, { type: 'label', id: ids[0], add: ['quota_before'] }));
    acked.push(await edit(page, { type: 'set_status', id: ids[1], status: 'closed' }));
    acked.push(await edit(page, { type: 'add_note', id: ids[2], text: 'quota-note before the quota was lowered' }));
    await waitSaved(page);
    usage = (await page.evaluate(() => navigator.storage.estimate())).usage;
    assert.ok(usage > 0, 'navigator.storage.estimate() reports no usage after a save');
  } finally { await ctx.close(); }

  // 2. A new browser on the same profile: lower the quota to just above that usage before the app
  // opens IndexedDB (once a database is open Chromium caches the space left for a while, and
  // before it is opened it reports a usage of 0, so the usage is the one read above).
  ctx = await launchProfile(dir);
  let page, cdp, origin;
  try {
    page = ctx.pages()[0] || await ctx.newPage();
    await page.goto(server.url + 'favicon.svg');   // same origin, no IndexedDB
    origin = await page.evaluate(() => location.origin);
    cdp = await ctx.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + MARGIN });
    const q = await cdp.send('Storage.getUsageAndQuota', { origin });
    assert.equal(q.overrideActive, true, 'the quota override did not take');
    await open(page);
    console.log(`quota: usage ${usage} bytes, quota set to ${q.quota}; usage once loaded ${(await page.evaluate(() => navigator.storage.estimate())).usage}`);
    const s0 = await state(page);
    assert.equal(s0.conversations, 1200);
    assert.equal(s0.notice, '', 'loading reported a problem');
    await expectEdits(page, acked, 'after the restart');

    // 3. Long notes until a flush is refused.
    const during = [];
    let st = null, n = 0;
    for (; n < MAX_EDITS; n++) {
      const e = await edit(page, { type: 'add_note', id: ids[3 + (n % 3)], text: bigNote('fill') });
      try {
        await page.waitForFunction(() => window.sellerdesk.state({ max_rows: 0 }).save.state !== 'saving', null, { timeout: SETTLE_MS, polling: 50 });
      } catch {
        const s = (await state(page)).save;
        assert.fail(`after note ${n + 1} the save stayed "saving" for ${SETTLE_MS / 1000} s (save: ${JSON.stringify(s)}): ` +
          'a refused IndexedDB write must end in save.state "error"');
      }
      st = (await page.evaluate(() => window.sellerdesk.state({ max_rows: 0 }).save));
      if (st.state === 'saved') acked.push(e);
      else { during.push(e); break; }
    }
    assert.equal(st && st.state, 'error', `no save error after ${MAX_EDITS} notes of ${NOTE_BYTES} bytes over a quota of usage + ${MARGIN} bytes`);
    assert.match(st.message, /quota|full/i, `the error does not say the storage is full: ${JSON.stringify(st.message)}`);
    console.log(`quota: refused after ${n + 1} notes (${acked.length} changes saved): ${st.message}`);

    // 4. More changes while it cannot save: accepted, kept in memory, not reported saved.
    during.push(await edit(page, { type: 'label', id: ids[6], add: ['quota_during'] }));
    during.push(await edit(page, { type: 'set_status', id: ids[7], status: 'awaiting_customer' }));
    during.push(await edit(page, { type: 'add_note', id: ids[6], text: bigNote('during') }));
    await page.waitForTimeout(500);
    const s1 = (await state(page)).save;
    assert.notEqual(s1.state, 'saved', `"saved" reported while the quota is still full: ${JSON.stringify(s1)}`);
    assert.ok(s1.pending > 0, `changes pending while it cannot save: ${JSON.stringify(s1)}`);

    // 5. A new page of the same profile loads the inbox from IndexedDB: everything acknowledged is there.
    const other = await ctx.newPage();
    try {
      await open(other);
      const so = await state(other);
      assert.equal(so.conversations, 1200, 'the second tab did not load the inbox');
      assert.doesNotMatch(so.notice, /lost|damaged|new demo|could not/i, `the second tab reported: ${so.notice}`);
      await expectEdits(other, acked, 'in a second tab while the quota is full');
    } finally { await other.close(); }

    // 6. Room again: lift the override, one more change, "saved" again.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });   // no quotaSize: back to the default
    assert.equal((await cdp.send('Storage.getUsageAndQuota', { origin })).overrideActive, false);
    during.push(await edit(page, { type: 'label', id: ids[7], add: ['quota_after'] }));
    await page.waitForFunction(() => window.sellerdesk.state({ max_rows: 0 }).save.state === 'saved', null, { timeout: 30000, polling: 100 })
      .catch(async () => assert.fail(`not "saved" 30 s after the quota was lifted: ${JSON.stringify((await state(page)).save)}`));
    acked.push(...during);
  } finally { await ctx.close(); }

  // 7. After a restart everything is there: the changes made while the quota was full too.
  ctx = await launchProfile(dir);
  try {
    page = ctx.pages()[0] || await ctx.newPage();
    await open(page);
    const s = await state(page);
    assert.equal(s.conversations, 1200);
    assert.equal(s.save.state, 'saved');
    await expectEdits(page, acked, 'after the quota was lifted and the browser restarted');
  } finally { await ctx.close(); }
});
