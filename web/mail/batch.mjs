// Mail records (web/mail/records.mjs, mailRecord) packed as one binary batch for the app, which
// reads it without JSON (src/core/mail_batch.h has the layout and the reader). The workers pack
// their records here; the page copies the bytes into the app's memory as they are.
//
//   import { packMailBatch } from './batch.mjs';
//   const bytes = packMailBatch('inbox.mbox', records);   // a Uint8Array, its own buffer

const VERSION = 1;
const encoder = new TextEncoder();

// A growing byte buffer with little-endian numbers and length-prefixed UTF-8 strings.
class BatchWriter {
  constructor(size) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
    this.at = 0;
  }
  room(n) {
    if (this.at + n <= this.bytes.length) return;
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.at + n));
    bigger.set(this.bytes.subarray(0, this.at));
    this.bytes = bigger;
    this.view = new DataView(bigger.buffer);
  }
  u32(v) { this.room(4); this.view.setUint32(this.at, v, true); this.at += 4; }
  f64(v) { this.room(8); this.view.setFloat64(this.at, v, true); this.at += 8; }
  text(s) {
    s = s == null ? '' : String(s);
    this.room(4 + s.length * 3);   // UTF-8 takes at most 3 bytes per UTF-16 unit
    const { written } = encoder.encodeInto(s, this.bytes.subarray(this.at + 4));
    this.view.setUint32(this.at, written, true);
    this.at += 4 + written;
  }
  list(xs) { this.u32(xs.length); for (const x of xs) this.text(x); }
  done() { return this.bytes.slice(0, this.at); }
}

// `records` as mailRecord makes them (date an ISO 8601 string or null); all from the file `file`.
export function packMailBatch(file, records) {
  const w = new BatchWriter(64 + records.length * 2048);
  w.bytes.set([0x53, 0x44, 0x4d, 0x42]);   // "SDMB"
  w.at = 4;
  w.u32(VERSION);
  w.u32(records.length);
  w.text(file);
  for (const r of records) {
    w.text(r.place); w.text(r.message_id); w.text(r.in_reply_to); w.list(r.references);
    w.text(r.from.name); w.text(r.from.address); w.list(r.to); w.text(r.subject);
    w.f64(r.date ? Date.parse(r.date) : NaN);
    w.text(r.text);
    w.u32(r.attachments.length);
    for (const a of r.attachments) { w.text(a.name); w.f64(a.size); }
  }
  return w.done();
}
