// Real conversations in, replies out, in Chromium (docs/import.md): the first-visit question over
// the demo, files dropped on the page and through importFiles (mail of every marketplace and
// encoding, a GBK CSV, garbage), duplicates, the reply as .eml, typed-in conversations, clearing.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert');
const fx = require('../fixtures/mail_fixtures');
const { startServer, tempProfile, launchProfile, openApp, state, dispatch, waitSaved, settle } = require('./harness');

let server;
before(async () => { server = await startServer(); });
after(() => server && server.stop());

const FILES = fx.fixtures();
const pick = (...names) => names.map((n) => ({ name: n, b64: Buffer.from(FILES[n]).toString('base64') }));

// importFiles with fixtures, their bytes carried into the page as base64.
function importFiles(page, files, options) {
  return page.evaluate(async ([files, options]) => {
    const list = files.map((f) => ({ name: f.name, bytes: Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0)) }));
    return window.sellerdesk.importFiles(list, options);
  }, [files, options || {}]);
}

const MAIL = ['amazon-utf8-qp.eml', 'walmart-latin1.eml', 'walmart-reply.eml', 'ebay-win1252-b64.eml', 'amazon-gbk.eml', 'amazon-big5.eml',
  'amazon-sjis-html.eml', 'walmart-attachment.eml', 'thunderbird.mbox', 'takeout.mbox', 'orders-gbk.csv', 'orders-utf8.csv',
  'truncated.eml', 'no-date.eml', 'garbage.bin', 'empty.eml', 'notes.txt'];

test('the first visit asks over a working demo; starting empty leaves nothing of it', async () => {
  const ctx = await launchProfile(tempProfile());
  try {
    const { page, errors } = await openApp(ctx, server.url, { ask: true });
    let s = await state(page);
    assert.equal(s.ready, true);
    assert.equal(s.demo, true);
    assert.equal(s.start_question, true);
    assert.equal(s.conversations, 1200);
    assert.equal((await dispatch(page, { type: 'select', id: s.rows[0].id })).ok, true, 'commands work while the question is open');
    assert.equal((await dispatch(page, { type: 'start', with: 'empty' })).ok, true);
    s = await state(page);
    assert.equal(s.conversations, 0);
    assert.equal(s.demo, false);
    assert.equal(s.start_question, false);
    assert.equal(s.rows_total, 0);
    assert.equal(s.selected, null);
    assert.deepEqual(JSON.parse(await page.evaluate(() => window.sellerdesk.exportJson())).conversations, []);
    await waitSaved(page);
    await page.reload();
    await page.waitForFunction(() => window.sellerdesk && window.sellerdesk.ready === true);
    s = await state(page);
    assert.equal(s.conversations, 0, 'still empty after a reload');
    assert.equal(s.start_question, false);
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});

test('importFiles reads mail of every marketplace and encoding and a GBK CSV; again they are duplicates', async () => {
  const ctx = await launchProfile(tempProfile());
  try {
    const { page, errors } = await openApp(ctx, server.url + '?demo=30');
    const r = await importFiles(page, pick(...MAIL), { clear_demo: true });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.ok(r.added_conversations >= 9, JSON.stringify(r));
    assert.ok(r.added_messages >= 14, JSON.stringify(r));
    const skipped = r.skipped.map((x) => x.file + ': ' + x.reason).join('\n');
    for (const what of [/garbage\.bin: not a text file/, /empty\.eml: the file is empty/, /notes\.txt: not a SellerDesk export/,
      /no-date\.eml: .*no date/, /thunderbird\.mbox: mail at byte \d+: not from a marketplace \(sender news@shop\.example/,
      /orders-utf8\.csv: orders-utf8\.csv:4:5: "direction"/]) assert.match(skipped, what);
    let s = await state(page);
    assert.equal(s.demo, false, 'the demo was cleared first');
    assert.equal(s.conversations, r.added_conversations);
    // Threads: the Amazon order's first mail, its reply in the mbox, the seller's answer.
    const amazon = s.rows.find((x) => x.order_id === '114-3941689-8772232');
    assert.ok(amazon);
    assert.equal(amazon.customer, 'Maria Lopez');
    assert.equal((await dispatch(page, { type: 'select', id: amazon.id })).ok, true);
    s = await state(page);
    assert.equal(s.conversation.messages.length, 3);
    assert.equal(s.conversation.mail_to, 'x7kq2m9vdlm3p1@marketplace.amazon.com');
    assert.equal(s.conversation.messages[0].at, '2026-11-24T09:15:00Z');
    assert.match(s.conversation.messages[0].body, /Können Sie nachsehen/);
    assert.match(s.conversation.messages[1].body, /^Still waiting\.\nFrom the tracking page/);
    assert.equal(s.conversation.messages[2].direction, 'outbound');
    const text = (pred) => s.rows.find(pred);
    assert.ok(text((x) => x.customer === '王小明' && x.marketplace === 'amazon'), 'GBK display name');
    assert.ok(text((x) => x.marketplace === 'tmall' && x.order_id === '3712345678901234567'), 'the GBK CSV');
    assert.ok(text((x) => x.marketplace === 'ebay' && x.customer === 'jdoe_77' && x.order_id === '314159265358'));
    const att = text((x) => x.order_id === '1234567890123');
    await dispatch(page, { type: 'select', id: att.id });
    s = await state(page);
    assert.deepEqual(s.conversation.messages[0].attachments, [{ name: 'box.jpg', size: 3000 }]);

    // The reply as .eml to the relay, in answer to the buyer's last mail.
    await dispatch(page, { type: 'draft', id: amazon.id, text: 'Hello Maria,\nthe replacement left today — sorry for the wait.' });
    const eml = await page.evaluate((id) => window.sellerdesk.replyEml(id), amazon.id);
    assert.match(eml, /^To: <x7kq2m9vdlm3p1@marketplace\.amazon\.com>\r$/m);
    assert.match(eml, /^Subject: =\?UTF-8\?B\?/m);   // "Re: Lieferung für …" as an encoded word
    assert.match(eml, /^In-Reply-To: <amz-2@marketplace\.amazon\.com>\r$/m);
    assert.match(eml, /^Content-Transfer-Encoding: quoted-printable\r$/m);
    assert.match(eml, /today =E2=80=94 sorry/);
    const ebay = text((x) => x.marketplace === 'ebay');
    const refused = await page.evaluate((id) => { try { window.sellerdesk.replyEml(id); return ''; } catch (e) { return e.message; } }, ebay.id);
    assert.match(refused, /eBay/);

    // Again: nothing new.
    const again = await importFiles(page, pick(...MAIL));
    assert.equal(again.added_messages, 0, JSON.stringify(again));
    assert.ok(again.duplicates >= 14);
    assert.equal((await state(page)).conversations, r.added_conversations);
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});

test('garbage alone is refused with the reason and changes nothing', async () => {
  const ctx = await launchProfile(tempProfile());
  try {
    const { page } = await openApp(ctx, server.url + '?demo=30');
    // The export's content, without the moment it was written (a second may pass meanwhile).
    const exported = () => page.evaluate(() =>
      window.sellerdesk.exportJson({ templates: false, settings: false }).replace(/"exported_at":"[^"]*"/, ''));
    const before = await exported();
    const r = await importFiles(page, pick('garbage.bin', 'empty.eml', 'notes.txt'), { clear_demo: true });
    assert.equal(r.ok, false);
    assert.match(r.error, /nothing was imported: garbage\.bin: not a text file/);
    const bad = await importFiles(page, [{ name: 'x.csv', b64: Buffer.from('name,phone\nBob,1\n').toString('base64') }], { clear_demo: true });
    assert.equal(bad.ok, false);
    assert.match(bad.error, /x\.csv:1:1: the header row lacks/);
    const s = await state(page);
    assert.equal(s.demo, true);
    assert.equal(s.conversations, 30);
    assert.equal(await exported(), before);
  } finally { await ctx.close(); }
});

test('with the UI in Chinese the report says every skip in Chinese; importFiles keeps its English reasons', async () => {
  const ctx = await launchProfile(tempProfile());
  try {
    const { page, errors } = await openApp(ctx, server.url + '?demo=30');
    assert.equal((await dispatch(page, { type: 'language', lang: 'zh' })).ok, true);
    const r = await importFiles(page, pick(...MAIL), { clear_demo: true });
    assert.equal(r.ok, true, JSON.stringify(r));
    // The bridge: the reasons as before, with a code and its values next to them.
    const by = (file, code) => r.skipped.find((x) => x.file === file && x.code === code);
    const news = by('thunderbird.mbox', 'no_marketplace');
    assert.ok(news, JSON.stringify(r.skipped));
    assert.match(news.reason, /^mail at byte \d+: not from a marketplace \(sender news@shop\.example;/);
    assert.equal(news.args.sender, 'news@shop.example');
    assert.equal(news.reason.split(':')[0], 'mail at byte ' + news.args.byte);
    const row = by('orders-utf8.csv', 'csv_not_direction');
    assert.match(row.reason, /^orders-utf8\.csv:4:5: "direction" must be inbound/);
    assert.deepEqual([row.args.row, row.args.column, row.args.field], [4, 5, 'direction']);
    assert.match(by('garbage.bin', 'binary').reason, /^not a text file/);
    assert.match(by('empty.eml', 'empty_file').reason, /^the file is empty$/);
    assert.match(by('no-date.eml', 'no_date').reason, /no date: the mail has no Date header/);
    // The report window's lines (state().import.skipped_lines): the same skips, in Chinese.
    let s = await state(page);
    const lines = s.import.skipped_lines.join('\n');
    assert.equal(s.import.skipped_lines.length, Math.min(20, r.skipped.length));
    assert.match(lines, /thunderbird\.mbox：第 [\d,]+ 字节处的邮件：不是电商平台发来的邮件（发件人 news@shop\.example；/);
    assert.match(lines, /orders-utf8\.csv：第 4 行第 5 列：“direction”列应为 inbound（买家发来）或 outbound（您发出）/);
    assert.match(lines, /garbage\.bin：不是文本文件/);
    assert.match(lines, /empty\.eml：文件是空的/);
    assert.match(lines, /no-date\.eml：缺少日期/);
    assert.doesNotMatch(lines, /not from a marketplace|must be inbound|not a text file|no date/);
    assert.equal((await dispatch(page, { type: 'language', lang: 'en' })).ok, true);
    s = await state(page);
    assert.match(s.import.skipped_lines.join('\n'), /thunderbird\.mbox: mail at byte [\d,]+: not from a marketplace \(sender news@shop\.example;/);
    // Nothing readable at all: the window says why in Chinese; the bridge's error stays English.
    assert.equal((await dispatch(page, { type: 'language', lang: 'zh' })).ok, true);
    const bad = await importFiles(page, [{ name: 'x.csv', b64: Buffer.from('name,phone\nBob,1\n').toString('base64') }]);
    assert.equal(bad.ok, false);
    assert.match(bad.error, /x\.csv:1:1: the header row lacks/);
    s = await state(page);
    assert.equal(s.import.last.error.code, 'nothing_imported');
    assert.match(s.import.skipped_lines[0], /^x\.csv：第 1 行第 1 列：表头缺少以下列：marketplace、order_id、customer/);
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});

test('files dropped on the page: the dialog previews the CSV, then they are imported', async () => {
  const ctx = await launchProfile(tempProfile());
  try {
    const { page, errors } = await openApp(ctx, server.url + '?demo=30');
    await page.evaluate(async (files) => {
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, pick('orders-gbk.csv', 'thunderbird.mbox'));
    await page.waitForFunction(() => window.sellerdesk.state({ max_rows: 0 }).windows.import_files === true, null, { timeout: 10000 });
    assert.equal((await state(page)).conversations, 30, 'nothing changes before the answer');
    // The dialog's Import button answers through the page's hook (what the click calls).
    await page.evaluate(() => window.Module.sdImportAnswer(JSON.stringify({ clear_demo: false })));
    await page.waitForFunction(() => { const s = window.sellerdesk.state({ max_rows: 0 }); return s.import.last && s.import.last.added_conversations !== undefined && !s.import.running; },
      null, { timeout: 20000 });
    const s = await state(page);
    assert.equal(s.import.last.ok, true);
    assert.equal(s.demo, true, 'kept: the answer did not clear it');
    assert.equal(s.conversations, 30 + s.import.last.added_conversations);
    assert.ok(s.rows.find((x) => x.marketplace === 'tmall' && x.customer === '王小明'));
    assert.deepEqual(errors, []);
  } finally { await ctx.close(); }
});

test('a conversation typed in by hand, a buyer message added, and clear_inbox', async () => {
  const ctx = await launchProfile(tempProfile());
  try {
    const { page } = await openApp(ctx, server.url + '?demo=30');
    const now = (await state(page)).now;
    const at = new Date(Date.parse(now) - 3600e3).toISOString().replace('.000', '');
    const r = await dispatch(page, { type: 'new_conversation', marketplace: 'amazon', customer: 'Li Wei', order_id: '114-0000000-1111111',
      subject: 'Phone call: wrong size', text: 'Called: the shoes are too small.', at });
    assert.equal(r.ok, true, JSON.stringify(r));
    let s = await state(page);
    const row = s.rows.find((x) => x.id === r.id);
    assert.equal(row.customer, 'Li Wei');
    // Amazon answers within 24 hours: the clock started when the message arrived, an hour ago.
    assert.ok(Math.abs(row.sla.remaining_s - 23 * 3600) < 120, JSON.stringify(row.sla));
    assert.equal(s.selected, r.id);
    assert.equal((await dispatch(page, { type: 'add_message', id: r.id, text: 'Chat: can I exchange them?', at: now })).ok, true);
    s = await state(page);
    assert.equal(s.conversation.messages.length, 2);
    assert.equal((await dispatch(page, { type: 'clear_inbox' })).ok, true);
    s = await state(page);
    assert.equal(s.conversations, 0);
    assert.equal(s.demo, false);
    await waitSaved(page);
    await settle(page);
  } finally { await ctx.close(); }
});
