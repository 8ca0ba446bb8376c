// A large inbox's message texts (texts-G.bin) are read after the first frame (src/app/texts.cpp).
// ?defer_texts=1 makes the page do that for a small inbox too, so this runs in seconds: the texts
// arrive after the first frame, land in the right messages (also next to edits made before they
// arrived), then the search index is built; a damaged texts file is recovered from the previous
// generation and reported, with nothing lost.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer, tempProfile, launchProfile, openApp, state, dispatch, waitSaved } = require('./harness');

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

// Every conversation's messages as [id, author, body], from an export.
const threads = (page) => page.evaluate(() => {
  const file = JSON.parse(window.sellerdesk.exportJson());
  const out = {};
  for (const c of file.conversations) out[c.id] = c.messages.map((m) => [m.id, m.author, m.body]);
  return out;
});
const waitTexts = (page) => page.waitForFunction(() => {
  const s = window.sellerdesk.state({ max_rows: 0 });
  return s.message_texts.ready && s.search_index.ready;
}, null, { timeout: 60000, polling: 50 });

// Flips one byte of the current generation's texts file and writes it to IndexedDB.
const damageTexts = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const base = JSON.parse(new TextDecoder().decode(FS.readFile('/data/inbox/base.json')));
  const path = '/data/inbox/' + base.snapshot.replace('snapshot-', 'texts-');
  const bytes = FS.readFile(path).slice();
  bytes[Math.floor(bytes.length / 2)] ^= 0x08;
  FS.writeFile(path, bytes);
  FS.syncfs(false, (err) => err ? reject(err) : resolve(path));
}));

test('texts read after the first frame land in the right messages, next to edits made before they arrived', async () => {
  const dir = tempProfile();
  let ctx = await launchProfile(dir);
  let before, target;
  try {
    const { page } = await openApp(ctx, server.url + '?demo=1500');
    await waitSaved(page);
    before = await threads(page);
    target = (await state(page)).rows.find((r) => r.status === 'awaiting_seller').id;
  } finally { await ctx.close(); }

  ctx = await launchProfile(dir);
  try {
    const page = ctx.pages()[0] || await ctx.newPage();
    await page.goto(server.url + '?defer_texts=1');
    await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready === true, null, { timeout: 60000, polling: 10 });
    // An edit at once, while the texts are (most likely) still on their way: a reply appends a message.
    const early = await page.evaluate((id) => {
      const s = window.sellerdesk.state({ max_rows: 0 });
      const r = window.sellerdesk.dispatch({ type: 'reply', id, text: 'Thanks for waiting — your parcel left our warehouse today.' });
      return { texts: s.message_texts, r };
    }, target);
    assert.equal(early.r.ok, true, JSON.stringify(early.r));
    await waitTexts(page);
    const s = await state(page);
    assert.ok(s.startup.app.texts_ready_ms > s.startup.first_frame_ms,
      `the texts were not read after the first frame (ready at ${s.startup.app.texts_ready_ms}, first frame ${s.startup.first_frame_ms})`);
    assert.equal(s.notice, '');
    const after = await threads(page);
    assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort());
    for (const id of Object.keys(before)) {
      if (id === target) continue;
      assert.deepEqual(after[id], before[id], 'conversation ' + id + ' changed');
    }
    assert.deepEqual(after[target].slice(0, before[target].length), before[target]);
    assert.equal(after[target].length, before[target].length + 1);
    assert.equal(after[target][before[target].length][2], 'Thanks for waiting — your parcel left our warehouse today.');
    // Search works on the texts that arrived late.
    const word = before[target][0][2].split(/\s+/).find((w) => /^[A-Za-z]{6,}$/.test(w));
    assert.ok(word, 'no word to search for in ' + before[target][0][2]);
    assert.equal((await dispatch(page, { type: 'filter', name: 'all' })).ok, true);
    await dispatch(page, { type: 'search', field: 'all', text: word });
    const found = await page.evaluate(() => window.sellerdesk.state({ max_rows: 100000 }).rows.map((r) => r.id));
    assert.ok(found.includes(target), `searching "${word}" did not find ${target}`);
    await waitSaved(page);
  } finally { await ctx.close(); }
});

test('a damaged texts file: the inbox is rebuilt from the previous generation, nothing lost, the file kept aside', async () => {
  const dir = tempProfile();
  let ctx = await launchProfile(dir);
  let before, ids;
  try {
    const { page } = await openApp(ctx, server.url + '?demo=1500');
    await waitSaved(page);
    ids = (await state(page)).rows.filter((r) => r.unread).slice(0, 2).map((r) => r.id);
    for (const id of ids) assert.equal((await dispatch(page, { type: 'mark_read', id })).ok, true);
    await waitSaved(page);
    before = await threads(page);
    await damageTexts(page);
  } finally { await ctx.close(); }

  ctx = await launchProfile(dir);
  try {
    const { page, errors } = await openApp(ctx, server.url + '?defer_texts=1');
    await waitTexts(page);
    const s = await state(page);
    assert.match(s.notice, /texts-\d+\.bin was damaged \(checksum mismatch\)/);
    assert.match(s.notice, /nothing was lost/);
    assert.deepEqual(await threads(page), before);
    for (const id of ids) assert.equal(s.rows.find((r) => r.id === id).unread, false, 'an acknowledged edit was lost');
    const files = await page.evaluate(() => FS.readdir('/data/inbox'));
    assert.ok(files.some((f) => /^texts-\d+\.bin\.damaged$/.test(f)), 'the damaged texts file was not kept aside: ' + files);
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});
