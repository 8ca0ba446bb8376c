// Files in, records out: what SellerDesk reads from a file before the app gets it (docs/import.md).
// Shared by the page (web/import_files.js and its workers) and the command line
// (scripts/sellerdesk-import.js), so both read mail and CSV the same way.
//
//   import { sniff, splitMbox, decodeCsv, mailRecord } from './records.mjs';
//   const kind = sniff(bytes);                      // {kind: 'mbox' | 'eml' | 'csv' | 'export' | 'templates' | 'unknown', reason, code}
//   for (const m of splitMbox(bytes)) ...           // {bytes, place, byte, fromDate}: one mail each, '>From ' unescaped
//   skipped.push(skipEntry(file, reason, code, args, byte));   // a mail or file left out, and why
//   skipped.push(unreadableMail(file, place, byte, err.message));   // the same for a mail postal-mime refused
//   const { text, encoding } = decodeCsv(bytes);    // UTF-8 (with or without BOM), else GB18030
//   const rec = await mailRecord(PostalMime, htmlToText, bytes, file, place, fromDate);
//
// MIME (multipart, quoted-printable, base64, RFC 2047 words, charsets) is postal-mime's work; it is
// handed in, so this file does not care where the library is loaded from.

const FROM = [0x46, 0x72, 0x6f, 0x6d, 0x20];   // "From "
const MAIL_HEADERS = new Set(['from', 'to', 'subject', 'date', 'message-id', 'received', 'return-path', 'mime-version',
  'delivered-to', 'reply-to', 'x-mailer', 'content-type', 'cc', 'in-reply-to', 'references', 'x-gm-thrid', 'dkim-signature',
  'arc-seal', 'authentication-results', 'x-received', 'sender', 'list-id']);

function startsWith(bytes, at, pattern) {
  if (at + pattern.length > bytes.length) return false;
  for (let i = 0; i < pattern.length; i++) if (bytes[at + i] !== pattern[i]) return false;
  return true;
}

function latin1(bytes, from, to) {
  let s = '';
  for (let i = from; i < to; i += 8192) s += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(to, i + 8192)));
  return s;
}

// A line "From <sender> <asctime date>" that starts a mail in an mbox: it carries a time of day,
// so a body line that merely starts with "From " (in an mbox that did not escape it) is kept.
const SEPARATOR = /^From \S*.*\d\d:\d\d(:\d\d)?/;
function isSeparator(bytes, at) {
  if (!startsWith(bytes, at, FROM)) return false;
  let end = bytes.indexOf(0x0a, at);
  if (end < 0) end = bytes.length;
  return SEPARATOR.test(latin1(bytes, at, Math.min(end, at + 300)));
}

// The date of an mbox separator ("From - Tue Nov 24 10:15:00 2026"), as UTC; null when none.
const MONTHS = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };
export function separatorDate(line) {
  const m = /(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\s+(\d{1,2})\s+(\d\d):(\d\d)(?::(\d\d))?\s+(?:[+-]\d{4}\s+)?(\d{4})/i.exec(line);
  if (!m) return null;
  const t = Date.UTC(+m[6], MONTHS[m[1].toLowerCase()], +m[2], +m[3], +m[4], +(m[5] || 0));
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

// A file or mail left out, as the app and importFiles list it: the English `reason` as written
// (scripts read it), and the `code` with the values it names, for the interface to say in its
// language (docs/import.md). `byte`: where the mail starts in its mbox (none for a whole file).
export function skipEntry(file, reason, code, args, byte) {
  const all = Object.assign({}, args);
  if (typeof byte === 'number') all.byte = byte;
  return { file, reason, code, args: all };
}

// A mail postal-mime could not read, as a skipped entry: `place` ('' for a whole .eml) leads the
// reason, `detail` is the library's message.
export function unreadableMail(file, place, byte, detail) {
  return skipEntry(file, (place ? place + ': ' : '') + 'the mail cannot be read (' + detail + ')', 'mail_unreadable', { detail }, byte);
}

// What a file is, by its content (its name is not asked). `reason` says why a file is unknown,
// and `code` says it for the interface: utf16, empty_file, binary or unknown_kind.
export function sniff(bytes) {
  let at = 0;
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
    return { kind: 'unknown', code: 'utf16', reason: 'the file is UTF-16 text: save it as UTF-8 (or as CSV from the spreadsheet) and import it again' };
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) at = 3;
  if (bytes.length - at === 0) return { kind: 'unknown', code: 'empty_file', reason: 'the file is empty' };
  const head = bytes.subarray(at, Math.min(bytes.length, at + 65536));
  const sample = head.subarray(0, 4096);
  for (let i = 0; i < sample.length; i++)
    if (sample[i] === 0) return { kind: 'unknown', code: 'binary', reason: 'not a text file (it has binary content): SellerDesk imports its own exports, mail (.eml, mbox) and CSV' };
  let p = 0;
  while (p < head.length && (head[p] === 0x20 || head[p] === 0x09 || head[p] === 0x0a || head[p] === 0x0d)) p++;
  if (head[p] === 0x7b) {   // '{': JSON
    const text = latin1(head, 0, Math.min(head.length, 8192));
    return { kind: text.indexOf('"sellerdesk-templates"') >= 0 ? 'templates' : 'export' };
  }
  if (startsWith(head, 0, FROM)) return { kind: 'mbox' };
  // A header block: "Name: value" lines (folded lines start with a space) up to an empty line.
  const text = latin1(head, 0, Math.min(head.length, 16384));
  const lines = text.split(/\r?\n/);
  let known = 0, headers = 0;
  for (const line of lines) {
    if (line === '') break;
    if (/^[ \t]/.test(line)) continue;
    const m = /^([A-Za-z0-9][A-Za-z0-9-]*):/.exec(line);
    if (!m) { headers = -1; break; }
    headers++;
    if (MAIL_HEADERS.has(m[1].toLowerCase())) known++;
  }
  if (headers > 0 && known >= 2) return { kind: 'eml' };
  const first = (lines[0] || '').replace(/^\ufeff/, '');
  if (first.indexOf(',') >= 0) return { kind: 'csv' };
  return { kind: 'unknown', code: 'unknown_kind', reason: 'not a SellerDesk export, mail (.eml, mbox) or CSV file (a CSV needs a header row of comma-separated column names)' };
}

// The next mail separator at or after `from` (a line start), or bytes.length.
// Found by its 'F', which is rarer in mail than line ends (fewer steps for a large mailbox).
function nextSeparator(bytes, from) {
  if (from === 0 && isSeparator(bytes, 0)) return 0;
  for (let i = bytes.indexOf(0x46, Math.max(1, from)); i >= 0; i = bytes.indexOf(0x46, i + 1))
    if (bytes[i - 1] === 0x0a && isSeparator(bytes, i)) return i;
  return bytes.length;
}

// Where to cut an mbox into pieces of about `size` bytes, each starting at a separator: the page
// hands such pieces to its workers (the cut looks only near each boundary, so it is quick).
export function mboxPieces(bytes, size) {
  const cuts = [0];
  let at = 0;
  while (at < bytes.length) {
    const next = nextSeparator(bytes, Math.min(bytes.length, at + size));
    cuts.push(next);
    at = next;
  }
  const pieces = [];
  for (let k = 0; k + 1 < cuts.length; k++) if (cuts[k + 1] > cuts[k]) pieces.push([cuts[k], cuts[k + 1]]);
  return pieces;
}

// The mails of an mbox (or of a piece of one), in order, found as they are read. Each mail's bytes
// are a view of the file unless a line of it was escaped (">From ", ">>From "…, mboxrd and
// mboxo): then a copy with one '>' taken off each such line. `base` is the piece's offset in its
// file: a mail is named by where it starts ("mail at byte 1048576"), which pieces read in any order agree on.
export function* splitMbox(bytes, base = 0) {
  let start = nextSeparator(bytes, 0);
  while (start < bytes.length) {
    const lineEnd = bytes.indexOf(0x0a, start);
    const bodyStart = lineEnd < 0 ? bytes.length : lineEnd + 1;
    const end = nextSeparator(bytes, bodyStart);
    // The separator's date is read only when asked: most mail has a Date header of its own.
    const line = bytes.subarray(start, Math.min(bodyStart, start + 300));
    yield { bytes: unescapeFrom(bytes.subarray(bodyStart, end)), place: 'mail at byte ' + (base + start), byte: base + start,
      get fromDate() { return separatorDate(latin1(line, 0, line.length)); }, offset: end };
    start = end;
  }
}

function unescapeFrom(mail) {
  const hits = [];
  // Only a line that starts with '>' can be an escaped one: those are found by their '>'.
  for (let i = mail.indexOf(0x3e); i >= 0; i = mail.indexOf(0x3e, i + 1)) {
    if (i > 0 && mail[i - 1] !== 0x0a) continue;
    let j = i;
    while (j < mail.length && mail[j] === 0x3e) j++;
    if (startsWith(mail, j, FROM)) hits.push(i);
    i = j - 1;
  }
  if (!hits.length) return mail;
  const out = new Uint8Array(mail.length - hits.length);
  let from = 0, to = 0;
  for (const h of hits) {
    out.set(mail.subarray(from, h), to);
    to += h - from;
    from = h + 1;   // drop that line's first '>'
  }
  out.set(mail.subarray(from), to);
  return out;
}

// CSV text: UTF-8 with or without a byte-order mark when it is valid UTF-8, else GB18030 (the
// Chinese Excel default, a superset of GBK). Returns {text, encoding}.
export function decodeCsv(bytes) {
  let body = bytes;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch (e) {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

function addresses(list) {
  const out = [];
  for (const a of list || []) {
    if (a && Array.isArray(a.group)) out.push(...addresses(a.group));
    else if (a && a.address) out.push(a.address);
  }
  return out;
}

// One mail as the app's record (core/mail_import.h, in_message_from_json). postal-mime decodes
// it; a mail with only an HTML part gets that part as readable text. `fromDate` is the mbox
// separator's date (or null, or a function giving it, called only when the mail has no Date).
export async function mailRecord(PostalMime, htmlToText, bytes, file, place, fromDate) {
  const email = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer' });
  let text = email.text || '';
  if (!text.trim() && email.html) text = htmlToText(email.html);
  let date = null;
  if (email.date) {
    const d = new Date(email.date);
    if (!Number.isNaN(d.getTime())) date = d.toISOString();
  }
  if (!date && typeof fromDate === 'function') date = fromDate();
  else if (!date && fromDate) date = fromDate;
  const from = email.from && !Array.isArray(email.from.group) ? email.from : ((email.from && email.from.group) || [])[0] || {};
  return {
    file, place,
    message_id: email.messageId || '',
    in_reply_to: email.inReplyTo || '',
    references: typeof email.references === 'string' ? email.references.split(/\s+/).filter(Boolean) : [],
    from: { name: from.name || '', address: from.address || '' },
    to: addresses(email.to).concat(addresses(email.cc)),
    subject: email.subject || '',
    date,
    text: text.replace(/\r\n/g, '\n').trim(),
    attachments: (email.attachments || []).map((a) => ({
      name: a.filename || a.mimeType || 'attachment',
      size: a.content ? (a.content.byteLength !== undefined ? a.content.byteLength : a.content.length) : 0,
    })),
  };
}

// Whether a header line starting at `at` is From:, To: or Cc: (any case, blanks before the colon).
function addressHeaderAt(bytes, at) {
  let i = at;
  const c = bytes[i] | 0x20;
  if (c === 0x66) {   // f
    if ((bytes[i + 1] | 0x20) !== 0x72 || (bytes[i + 2] | 0x20) !== 0x6f || (bytes[i + 3] | 0x20) !== 0x6d) return false;
    i += 4;
  } else if (c === 0x74) {   // t
    if ((bytes[i + 1] | 0x20) !== 0x6f) return false;
    i += 2;
  } else if (c === 0x63) {   // c
    if ((bytes[i + 1] | 0x20) !== 0x63) return false;
    i += 2;
  } else return false;
  while (bytes[i] === 0x20 || bytes[i] === 0x09) i++;
  return bytes[i] === 0x3a;
}
// The end of a header line at `at` with its folded continuation lines (the next line start or `end`).
function headerEnd(bytes, at, end) {
  let i = bytes.indexOf(0x0a, at);
  while (i >= 0 && i < end && (bytes[i + 1] === 0x20 || bytes[i + 1] === 0x09)) i = bytes.indexOf(0x0a, i + 1);
  return i < 0 || i >= end ? end : i + 1;
}
// Mail that names no marketplace, judged from its raw header block before postal-mime decodes it:
// returns the From header's text when no From, To or Cc header holds any of `domains` (lower
// case), else null (decode it). Such mail is skipped anyway unless the user imports it under a
// marketplace (then no domains are given), so it costs no decoding. It says null, to be safe,
// whenever those headers hold RFC 2047 words or 8-bit bytes, or the header block has no end.
export function senderOfNoMarketplace(bytes, domains) {
  if (!domains || !domains.length) return null;
  let end = -1;
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < 65536; i = bytes.indexOf(0x0a, i + 1))
    if (bytes[i + 1] === 0x0a || (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a)) { end = i + 1; break; }
  if (end < 0) return null;
  // Only the From, To and Cc lines are turned into text; the rest of the header block is stepped over.
  let from = null;
  for (let at = 0; at < end;) {
    const next = headerEnd(bytes, at, end);
    if (addressHeaderAt(bytes, at)) {
      const line = latin1(bytes, at, next).replace(/\r?\n[ \t]+/g, ' ').replace(/\r?\n$/, '');
      const colon = line.indexOf(':');
      const value = line.slice(colon + 1);
      if (value.indexOf('=?') >= 0 || /[^\x00-\x7f]/.test(value)) return null;
      const lower = value.toLowerCase();
      for (const d of domains) if (lower.indexOf(d) >= 0) return null;
      if (from === null && (bytes[at] | 0x20) === 0x66) from = value.trim();
    }
    at = next;
  }
  return from;
}
