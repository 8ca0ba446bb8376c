#!/usr/bin/env node
// The first step of the command-line import (docs/import.md): reads mail (.eml, mbox) and CSV
// files, or folders of them, with the page's own reader (web/mail/records.mjs and postal-mime),
// and writes a records file that `build/sellerdesk import` merges into an export:
//
//   node scripts/sellerdesk-import.js mail/ orders.csv > records.json
//   build/sellerdesk import --into inbox.json records.json        # prints the report
//
// Files are recognised by their content, as in the page. SellerDesk exports are not records:
// import them with `sellerdesk import` directly. Prints a one-line summary on stderr.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const USAGE = 'usage: node scripts/sellerdesk-import.js [-o records.json] FILE_OR_FOLDER...\n';

function filesOf(target, out) {
  const st = fs.statSync(target);
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(target).sort()) if (!name.startsWith('.')) filesOf(path.join(target, name), out);
  } else {
    out.push(target);
  }
  return out;
}

async function main(argv) {
  let outFile = null;
  const targets = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '-h' || argv[i] === '--help') { process.stdout.write(USAGE); return 0; }
    if (argv[i] === '-o') { outFile = argv[++i]; continue; }
    targets.push(argv[i]);
  }
  if (!targets.length || outFile === undefined) { process.stderr.write(USAGE); return 2; }
  const root = path.resolve(__dirname, '..');
  const mod = await import(pathToFileURL(path.join(root, 'web', 'mail', 'records.mjs')).href);
  // postal-mime as the page has it: its ES module files, unchanged (package.json, scripts/setup.sh).
  const esm = path.join(root, 'node_modules', 'postal-mime', 'dist', 'esm');
  if (!fs.existsSync(path.join(esm, 'postal-mime.js'))) { process.stderr.write('postal-mime is missing: run scripts/setup.sh\n'); return 2; }
  const PostalMime = (await import(pathToFileURL(path.join(esm, 'postal-mime.js')).href)).default;
  const { htmlToText } = await import(pathToFileURL(path.join(esm, 'text-format.js')).href);

  const out = { format: 'sellerdesk-records', version: 1, records: [], csv: [], skipped: [] };
  let files = [];
  try {
    for (const t of targets) filesOf(t, files);
  } catch (e) {
    process.stderr.write('sellerdesk-import: ' + e.message + '\n');
    return 2;
  }
  let bytesTotal = 0;
  const started = Date.now();
  for (const file of files) {
    const bytes = new Uint8Array(fs.readFileSync(file));
    bytesTotal += bytes.length;
    const name = path.basename(file);
    const kind = mod.sniff(bytes);
    if (kind.kind === 'csv') { out.csv.push({ name, text: mod.decodeCsv(bytes).text }); continue; }
    if (kind.kind !== 'mbox' && kind.kind !== 'eml') {
      if (kind.kind === 'export' || kind.kind === 'templates')
        out.skipped.push({ file: name, reason: 'a SellerDesk ' + kind.kind + ' file: give it to `sellerdesk import` directly' });
      else out.skipped.push(mod.skipEntry(name, kind.reason, kind.code, {}));
      continue;
    }
    const mails = kind.kind === 'mbox' ? mod.splitMbox(bytes) : [{ bytes, place: '', fromDate: null }];
    for (const m of mails) {
      try {
        out.records.push(await mod.mailRecord(PostalMime, htmlToText, m.bytes, name, m.place, m.fromDate));
      } catch (e) {
        out.skipped.push(mod.unreadableMail(name, m.place, m.byte, e.message));
      }
    }
  }
  const text = JSON.stringify(out) + '\n';
  if (outFile) fs.writeFileSync(outFile, text); else process.stdout.write(text);
  const s = (Date.now() - started) / 1000;
  process.stderr.write(`sellerdesk-import: ${files.length} file(s), ${out.records.length} mail(s), ${out.csv.length} CSV, ` +
    `${out.skipped.length} skipped; ${(bytesTotal / 1048576).toFixed(1)} MB in ${s.toFixed(1)} s\n`);
  return 0;
}

main(process.argv.slice(2)).then((rc) => { process.exitCode = rc; }, (e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exitCode = 1; });
