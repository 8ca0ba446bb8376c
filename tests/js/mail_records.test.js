// The page's file reader (web/mail/records.mjs) with postal-mime, in Node: what each kind of file
// is taken for, mailboxes split and unescaped, every charset, CSV encodings, and the command-line
// import end to end (scripts/sellerdesk-import.js, then build/sellerdesk import).
//   cd tests/js && node --test mail_records.test.js
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { pathToFileURL } = require('node:url');
const fx = require('../fixtures/mail_fixtures');

const ROOT = path.resolve(__dirname, '..', '..');
const ESM = path.join(ROOT, 'node_modules', 'postal-mime', 'dist', 'esm');
let mod, PostalMime, htmlToText;
const files = fx.fixtures();

test.before(async () => {
  mod = await import(pathToFileURL(path.join(ROOT, 'web', 'mail', 'records.mjs')).href);
  PostalMime = (await import(pathToFileURL(path.join(ESM, 'postal-mime.js')).href)).default;
  htmlToText = (await import(pathToFileURL(path.join(ESM, 'text-format.js')).href)).htmlToText;
});

const record = (name, bytes = files[name]) => mod.mailRecord(PostalMime, htmlToText, new Uint8Array(bytes), name, '', null);

test('files are recognised by content, not by name', () => {
  const kinds = {};
  for (const [name, bytes] of Object.entries(files)) kinds[name] = mod.sniff(new Uint8Array(bytes)).kind;
  assert.equal(kinds['amazon-utf8-qp.eml'], 'eml');
  assert.equal(kinds['thunderbird.mbox'], 'mbox');
  assert.equal(kinds['takeout.mbox'], 'mbox');
  assert.equal(kinds['orders-gbk.csv'], 'csv');
  assert.equal(kinds['orders-utf8.csv'], 'csv');
  assert.equal(kinds['garbage.bin'], 'unknown');
  assert.equal(kinds['empty.eml'], 'unknown');
  assert.equal(kinds['notes.txt'], 'unknown');
  // the same bytes under another name are the same kind
  assert.equal(mod.sniff(new Uint8Array(files['thunderbird.mbox'])).kind, 'mbox');
  assert.equal(mod.sniff(new TextEncoder().encode('{"header":{"format":"sellerdesk-export"}}')).kind, 'export');
  assert.equal(mod.sniff(new TextEncoder().encode('{"format":"sellerdesk-templates"}')).kind, 'templates');
  assert.match(mod.sniff(Uint8Array.from([0xff, 0xfe, 0x41, 0])).reason, /UTF-16/);
});

test('a file that is none of the kinds says why with a code; a mail in an mbox knows its byte', () => {
  const code = (bytes) => { const s = mod.sniff(bytes); return [s.kind, s.code]; };
  assert.deepEqual(code(Uint8Array.from([0xff, 0xfe, 0x41, 0])), ['unknown', 'utf16']);
  assert.deepEqual(code(new Uint8Array(files['empty.eml'])), ['unknown', 'empty_file']);
  assert.deepEqual(code(new Uint8Array(files['garbage.bin'])), ['unknown', 'binary']);
  assert.deepEqual(code(new Uint8Array(files['notes.txt'])), ['unknown', 'unknown_kind']);
  assert.equal(mod.sniff(new Uint8Array(files['thunderbird.mbox'])).code, undefined, 'a readable file has no code');
  // The reasons themselves are as before (importFiles gives them to scripts).
  assert.equal(mod.sniff(new Uint8Array(files['empty.eml'])).reason, 'the file is empty');
  const mails = Array.from(mod.splitMbox(new Uint8Array(files['thunderbird.mbox']), 1000));
  assert.deepEqual(mails.map((m) => m.place), mails.map((m) => 'mail at byte ' + m.byte));
  assert.equal(mails[1].byte, 1365);
  // A skipped entry: the reason as written, the code, and the values with the mail's byte.
  assert.deepEqual(mod.skipEntry('a.mbox', 'mail at byte 7: x', 'mail_unreadable', { detail: 'x' }, 7),
    { file: 'a.mbox', reason: 'mail at byte 7: x', code: 'mail_unreadable', args: { detail: 'x', byte: 7 } });
  assert.deepEqual(mod.skipEntry('b.eml', 'the file is empty', 'empty_file', {}),
    { file: 'b.eml', reason: 'the file is empty', code: 'empty_file', args: {} });
});

test('an mbox is split at its separators and ">From " lines are unescaped', () => {
  const bytes = new Uint8Array(files['thunderbird.mbox']);
  const mails = Array.from(mod.splitMbox(bytes));
  assert.equal(mails.length, 3);
  const first = new TextDecoder().decode(mails[0].bytes);
  assert.match(first, /\nFrom the tracking page/);
  assert.doesNotMatch(first, />From/);
  assert.equal(mails[0].fromDate, '2026-11-29T09:00:00.000Z');
  assert.equal(mails[1].place, 'mail at byte 365');
  // pieces cut at separators give the same mails
  const pieces = mod.mboxPieces(bytes, 100);
  let n = 0;
  for (const [a, b] of pieces) n += Array.from(mod.splitMbox(bytes.subarray(a, b), a)).length;
  assert.equal(n, 3);
  const mboxrd = new TextEncoder().encode('From - Mon Nov 30 08:00:00 2026\nSubject: x\n\n>>From two\n>not from\n');
  assert.match(new TextDecoder().decode(Array.from(mod.splitMbox(mboxrd))[0].bytes), /\n>From two\n>not from/);
});

test('every encoding is decoded: QP, base64, RFC 2047, Latin-1, GBK, Big5, Shift_JIS, HTML only', async () => {
  const a = await record('amazon-utf8-qp.eml');
  assert.equal(a.subject, 'Lieferung für Bestellung 114-3941689-8772232 – wo bleibt sie?');
  assert.match(a.text, /Können Sie nachsehen\? — Maria/);
  assert.equal(a.date, '2026-11-24T09:15:00.000Z');
  assert.equal(a.message_id, '<amz-1@marketplace.amazon.com>');
  assert.equal(a.from.name, 'Maria Lopez - Amazon Marketplace');
  assert.match((await record('walmart-latin1.eml')).text, /arrivée .* \(café près du marché\)/);
  const gbk = await record('amazon-gbk.eml');
  assert.equal(gbk.from.name, '王小明');
  assert.equal(gbk.subject, '订单 114-1111111-2222222 什么时候发货？');
  assert.equal(gbk.text, '你好，我的订单什么时候发货？谢谢！');
  assert.equal((await record('amazon-big5.eml')).text, '請問可以退貨嗎？');
  assert.match((await record('amazon-sjis-html.eml')).text, /こんにちは\s+商品が届きません。/);
  assert.match((await record('ebay-win1252-b64.eml')).text, /does the lamp come with a .warm white. bulb/);
  const att = await record('walmart-attachment.eml');
  assert.deepEqual(att.attachments, [{ name: 'box.jpg', size: 3000 }]);
  const cut = await record('truncated.eml');   // cut off inside the attachment: the text part stays
  assert.equal(cut.text, 'The box was crushed, photo attached.');
  const reply = await record('walmart-reply.eml');
  assert.deepEqual(reply.to, ['c9e2a1@relay.walmart.com']);
  assert.equal(reply.in_reply_to, '<wm-1@relay.walmart.com>');
});

test('CSV is read as UTF-8 (with or without BOM) or else GB18030', () => {
  const gbk = mod.decodeCsv(new Uint8Array(files['orders-gbk.csv']));
  assert.equal(gbk.encoding, 'gb18030');
  assert.match(gbk.text, /^平台,订单号,买家/);
  assert.match(gbk.text, /你好，我要退货，尺码不对/);
  const utf8 = mod.decodeCsv(new Uint8Array(files['orders-utf8.csv']));
  assert.equal(utf8.encoding, 'utf-8');
  assert.match(utf8.text, /^marketplace,/);   // the BOM is gone
});

test('the command line turns a folder of mail and CSV into an export', { skip: !fs.existsSync(path.join(ROOT, 'build', 'sellerdesk')) }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sellerdesk-mail-'));
  try {
    const mail = path.join(dir, 'mail');
    fs.mkdirSync(mail);
    for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(mail, name), bytes);
    const records = path.join(dir, 'records.json');
    execFileSync('node', [path.join(ROOT, 'scripts', 'sellerdesk-import.js'), mail, '-o', records], { stdio: 'pipe' });
    const store = path.join(dir, 'inbox.json');
    const report = JSON.parse(execFileSync(path.join(ROOT, 'build', 'sellerdesk'), ['import', '--into', store, records, '--at', '2026-12-01T00:00:00Z']).toString());
    assert.ok(report.added_conversations >= 8, JSON.stringify(report));
    assert.ok(report.skipped.some((s) => s.file === 'garbage.bin'));
    assert.ok(report.skipped.some((s) => /orders-utf8\.csv:4:5: "direction"/.test(s.reason)), JSON.stringify(report.skipped));
    assert.ok(report.skipped.some((s) => /not from a marketplace/.test(s.reason)));
    // Each skip has its code and values too (docs/import.md), from the script and from the app.
    const garbage = report.skipped.find((s) => s.file === 'garbage.bin');
    assert.equal(garbage.code, 'binary');
    const row = report.skipped.find((s) => s.code === 'csv_not_direction');
    assert.deepEqual([row.file, row.args.row, row.args.column, row.args.field], ['orders-utf8.csv', 4, 5, 'direction']);
    assert.equal(row.reason, 'orders-utf8.csv:4:5: "direction" must be inbound (the buyer\'s) or outbound (yours): "' + row.args.value + '"');
    const news = report.skipped.find((s) => s.code === 'no_marketplace');
    assert.equal(news.reason.split(':')[0], 'mail at byte ' + news.args.byte);
    assert.equal(typeof news.args.sender, 'string');
    const exp = fs.readFileSync(store, 'utf8');
    assert.match(exp, /"format":"sellerdesk-export"/);
    assert.match(exp, /"mail_to":"x7kq2m9vdlm3p1@marketplace.amazon.com"/);
    // again: everything is a duplicate, nothing changes
    const again = JSON.parse(execFileSync(path.join(ROOT, 'build', 'sellerdesk'), ['import', '--into', store, records, '--at', '2026-12-01T00:00:00Z']).toString());
    assert.equal(again.added_messages, 0);
    assert.ok(again.duplicates >= 14);
    assert.equal(fs.readFileSync(store, 'utf8'), exp);
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
});

// Last: it changes postal-mime's ChunkWriter for the rest of this process (web/mail/chunk_sizing.mjs).
test('short buffers for short parts: every part decodes byte for byte as before', async () => {
  const ChunkWriter = (await import(pathToFileURL(path.join(ESM, 'chunk-writer.js')).href)).default;
  const { sizeChunkWriters } = await import(pathToFileURL(path.join(ROOT, 'web', 'mail', 'chunk_sizing.mjs')).href);
  const mails = [];
  for (const [name, bytes] of Object.entries(files)) {
    const kind = mod.sniff(new Uint8Array(bytes)).kind;
    if (kind === 'eml') mails.push(new Uint8Array(bytes));
    if (kind === 'mbox') for (const m of mod.splitMbox(new Uint8Array(bytes))) mails.push(m.bytes);
  }
  for (const m of mod.splitMbox(new Uint8Array(fx.benchMbox(512 * 1024).bytes))) mails.push(m.bytes);
  // A part larger than the library's 100 KB buffer, so growth and full-size reuse are both walked.
  const big = Buffer.from('Subject: big\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n' + 'caf=C3=A9 au lait, '.repeat(20000) + '\r\n');
  mails.push(new Uint8Array(big));
  const decodeAll = async () => {
    const out = [];
    for (const m of mails) {
      const e = await PostalMime.parse(m, { attachmentEncoding: 'arraybuffer' });
      for (const a of e.attachments) a.content = Buffer.from(new Uint8Array(a.content)).toString('base64');
      out.push(JSON.stringify(e));
    }
    return out;
  };
  const before = await decodeAll();
  const fresh = new ChunkWriter();
  fresh.writeByte(0x41);
  assert.equal(fresh.buffer.length, fresh.maxChunkSize, 'the library as shipped: a full buffer for one byte');
  assert.equal(sizeChunkWriters(ChunkWriter), true);
  const small = new ChunkWriter();
  small.writeByte(0x41);
  assert.ok(small.buffer.length <= 4096, 'one byte now takes a 4 KB buffer, not ' + small.buffer.length);
  const after = await decodeAll();
  assert.equal(after.length, before.length);
  assert.ok(mails.length > 100, 'decoded ' + mails.length + ' mails');
  for (let i = 0; i < before.length; i++) assert.equal(after[i], before[i], 'mail ' + i + ' decoded differently');
  assert.match(after[after.length - 1], /café au lait, café au lait/);
  assert.equal(sizeChunkWriters(function NotAWriter() {}), false, 'a class without the write methods is left alone');
});
