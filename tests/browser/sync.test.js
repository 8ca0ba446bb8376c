// Sync by export file in the real Chromium: two browser profiles edit the same inbox apart, one
// exports, the other imports; the merged state, a second import (no change), undo, and the
// result after a restart are checked through the bridge. A corrupt file is refused with the place
// of the error and leaves the inbox as it was.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, tempProfile, launchProfile, openApp, state, dispatch, waitSaved } = require('./harness');

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

const exportJson = (page, o) => page.evaluate((opts) => window.sellerdesk.exportJson(opts), o || {});
const importJson = (page, text) => page.evaluate((t) => window.sellerdesk.importJson(t), text);
const row = (s, id) => s.rows.find((r) => r.id === id);

test('edits made apart on two machines merge; importing twice changes nothing; undo; kept after restart', async () => {
  // Machine A: three edits, then an export.
  const ctxA = await launchProfile(tempProfile());
  let fileA, ids;
  try {
    const { page } = await openApp(ctxA, server.url);
    const s = await state(page);
    const unread = s.rows.filter((r) => r.unread && r.status !== 'closed');
    ids = { read: unread[0].id, label: unread[1].id, note: unread[2].id, mine: unread[3].id };
    assert.equal((await dispatch(page, { type: 'mark_read', id: ids.read })).ok, true);
    assert.equal((await dispatch(page, { type: 'label', id: ids.label, add: ['vip'] })).ok, true);
    assert.equal((await dispatch(page, { type: 'add_note', id: ids.note, text: 'Called the buyer: parcel found at the neighbour.' })).ok, true);
    fileA = await exportJson(page);
    const head = JSON.parse(fileA);
    assert.equal(head.header.format, 'sellerdesk-export');
    assert.equal(head.header.replica, s.settings.replica_id);
    assert.equal(head.conversations.length, s.conversations);
    // A redacted export has no real customer names.
    const red = await exportJson(page, { redact: true });
    const someone = s.rows.find((r) => / /.test(r.customer)).customer;
    assert.ok(fileA.includes(someone));
    assert.ok(!red.includes(someone), 'redaction left a customer name in');
  } finally { await ctxA.close(); }

  // Machine B: its own edits, then it imports A's file.
  const dirB = tempProfile();
  let ctxB = await launchProfile(dirB);
  try {
    const { page } = await openApp(ctxB, server.url);
    assert.equal((await dispatch(page, { type: 'assign', id: ids.mine, agent: 'Chen Jie' })).ok, true);
    assert.equal((await dispatch(page, { type: 'label', id: ids.label, add: ['return_request'] })).ok, true);
    const before = await state(page);
    assert.equal(row(before, ids.read).unread, true);

    const rep = await importJson(page, fileA);
    assert.equal(rep.ok, true, JSON.stringify(rep.error));
    assert.equal(rep.added, 0);
    assert.ok(rep.updated >= 3, JSON.stringify({ updated: rep.updated }));
    assert.ok(Array.isArray(rep.conflicts));
    let s = await state(page);
    assert.equal(row(s, ids.read).unread, false, 'A\'s read state did not arrive');
    assert.ok(row(s, ids.label).labels.includes('vip'), 'A\'s label did not arrive');
    assert.ok(row(s, ids.label).labels.includes('return_request'), 'B\'s own label was lost');
    assert.equal(row(s, ids.mine).assignee, 'Chen Jie', 'B\'s own assignment was lost');
    await dispatch(page, { type: 'select', id: ids.note });
    assert.ok((await state(page)).conversation.notes.some((n) => n.text.startsWith('Called the buyer')));
    assert.equal(s.import.can_undo, true);

    // The same file again: nothing changes.
    const again = await importJson(page, fileA);
    assert.equal(again.ok, true);
    assert.equal(again.updated, 0, JSON.stringify(again.report && again.report.updated));
    assert.equal(again.added, 0);

    // Undo puts B back as it was before that import (the second one changed nothing).
    assert.equal((await dispatch(page, { type: 'undo_import' })).ok, true);
    assert.equal((await dispatch(page, { type: 'undo_import' })).ok, false, 'undo twice');
    const rep3 = await importJson(page, fileA);
    assert.equal(rep3.ok, true);
    await waitSaved(page);
  } finally { await ctxB.close(); }

  ctxB = await launchProfile(dirB);
  try {
    const { page } = await openApp(ctxB, server.url);
    const s = await state(page);
    assert.equal(row(s, ids.read).unread, false, 'the merge was not kept across a restart');
    assert.ok(row(s, ids.label).labels.includes('vip') && row(s, ids.label).labels.includes('return_request'));
    assert.equal(row(s, ids.mine).assignee, 'Chen Jie');
    // Edits after the import keep working and are kept too (journal over the snapshot).
    assert.equal((await dispatch(page, { type: 'mark_unread', id: ids.read })).ok, true);
    await waitSaved(page);
  } finally { await ctxB.close(); }
  ctxB = await launchProfile(dirB);
  try {
    const { page } = await openApp(ctxB, server.url);
    assert.equal(row(await state(page), ids.read).unread, true);
  } finally { await ctxB.close(); }
});

test('a corrupt or hostile file is refused with its place and reason; the inbox is unchanged', async () => {
  const ctx = await launchProfile(tempProfile());
  try {
    const { page } = await openApp(ctx, server.url);
    const file = await exportJson(page);
    const before = await state(page);
    // A bad time deep in the file.
    const bad = file.replace(/"at": ?"2026-(\d\d)-(\d\d)T/, '"at":"2026-$1-$2 T');
    assert.notEqual(bad, file);
    let r = await importJson(page, bad);
    assert.equal(r.ok, false);
    // (the demo's first time may be an order defect's or a message's)
    assert.match(r.error.pointer, /^(conversations\/\d+\/messages\/\d+|orders\/\d+\/defects\/\d+)\/at$/);
    assert.ok(r.error.line > 0 && r.error.column > 0, JSON.stringify(r.error));
    assert.match(r.error.message, /ISO 8601/);
    // The line and column point at that value in the text.
    const line = bad.split('\n')[r.error.line - 1];
    assert.ok(line.slice(r.error.column - 1).startsWith('"2026-'), line.slice(r.error.column - 1, r.error.column + 20));
    // Truncated, not JSON, or not an export at all.
    for (const text of [file.slice(0, Math.floor(file.length / 2)), 'hello', '{"format":"something-else","version":1}', '']) {
      r = await importJson(page, text);
      assert.equal(r.ok, false, text.slice(0, 30));
      assert.ok(r.error.message.length > 10);
    }
    const after = await state(page);
    assert.deepEqual(after.counts, before.counts);
    assert.deepEqual(after.rows.map((x) => [x.id, x.unread, x.labels]), before.rows.map((x) => [x.id, x.unread, x.labels]));
    assert.equal(after.import.last.ok, false, 'the refusal is not shown');
    assert.equal(after.import.can_undo, false);

    // Dropping files on the page: the corrupt one is refused and reported, a good one is merged.
    const drop = (text, name) => page.evaluate(({ t, n }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'application/json' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, { t: text, n: name }).then(async () => {
      // A drop opens the import dialog (docs/import.md); its Import button answers through this hook.
      await page.waitForFunction(() => window.sellerdesk.state({ max_rows: 0 }).windows.import_files === true, null, { timeout: 10000 });
      await page.evaluate(() => window.Module.sdImportAnswer(JSON.stringify({ clear_demo: false })));
    });
    await drop(bad, 'broken.json');
    await page.waitForFunction(() => { const l = window.sellerdesk.state({ max_rows: 0 }).import.last; return l && l.file === 'broken.json'; });
    const shown = (await state(page)).import.last;
    assert.equal(shown.ok, false);
    assert.match(shown.error.message, /ISO 8601/);
    await drop(file, 'good.json');
    await page.waitForFunction(() => { const l = window.sellerdesk.state({ max_rows: 0 }).import.last; return l && l.file === 'good.json' && !window.sellerdesk.state({ max_rows: 0 }).import.running; });
    const good = (await state(page)).import.last;
    assert.equal(good.ok, true, JSON.stringify(good.error));
    assert.equal(good.updated, 0);

  } finally { await ctx.close(); }
});

test('a large file is checked, merged and saved a slice per frame: the page keeps drawing and shows progress', async () => {
  // 4,000 conversations make a 7.5 MB file: well over half a second of work in wasm, many frames.
  const src = await launchProfile(tempProfile());
  let file;
  try {
    const { page } = await openApp(src, `${server.url}?demo=4000&seed=3`);
    file = await exportJson(page);
  } finally { await src.close(); }
  const ctx = await launchProfile(tempProfile());
  try {
    const { page } = await openApp(ctx, server.url);
    // Inside the page: start the import, then look at state() on every animation frame until the
    // report arrives. A one-call check would show no frame between "started" and "done".
    const seen = await page.evaluate(async (text) => {
      const phases = [];
      let done = false, report = null;
      const p = window.sellerdesk.importJson(text).then((r) => { done = true; report = r; });
      const framesAtStart = window.sellerdesk.state({ max_rows: 0 }).frames;
      while (!done) {
        await new Promise((res) => requestAnimationFrame(res));
        const im = window.sellerdesk.state({ max_rows: 0 }).import;
        phases.push({ phase: im.phase, checked: im.checked_bytes, bytes: im.bytes, merged: im.merged, total: im.total, saved: im.saved_records });
      }
      await p;
      return { phases, report, frames: window.sellerdesk.state({ max_rows: 0 }).frames - framesAtStart };
    }, file);
    assert.equal(seen.report.ok, true, JSON.stringify(seen.report.error));
    assert.equal(seen.report.added + seen.report.updated + seen.report.unchanged, 4000);
    assert.ok(seen.report.added > 3300, 'most conversations of the other demo are new here');
    const checking = seen.phases.filter((x) => x.phase === 'checking' && x.checked > 0 && x.checked < x.bytes);
    const distinct = new Set(checking.map((x) => x.checked));
    assert.ok(distinct.size >= 3, `checking was not spread over frames: ${JSON.stringify(seen.phases.slice(0, 12))}`);
    const sizes = new Set(checking.map((x) => x.bytes));
    assert.equal(sizes.size, 1);
    assert.ok([...sizes][0] >= file.length, 'the progress counts the whole file');
    assert.ok(seen.phases.some((x) => x.phase === 'merging'), 'no merge phase was seen');
    // The merged inbox is written as the new snapshot in slices too.
    assert.ok(seen.phases.some((x) => x.phase === 'saving' && x.saved > 0), 'the snapshot was not written in slices');
    assert.ok(seen.frames >= distinct.size, 'the app did not draw frames while it worked');
    // The timing the report gives adds up to real work in each phase.
    assert.ok(seen.report.timing_ms.check > 0 && seen.report.timing_ms.merge > 0 && seen.report.timing_ms.save > 0);
    const s = await state(page);
    assert.equal(s.conversations, 1200 + seen.report.added);
  } finally { await ctx.close(); }
});
