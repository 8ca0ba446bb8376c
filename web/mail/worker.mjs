// A worker of the page's mail import (web/import_files.js): decodes a piece of an mbox, or one
// .eml, with postal-mime off the page's thread, and posts the records back. Several run at once,
// so a large mailbox is read on every core and the page never waits for MIME decoding. Mail that
// names none of the marketplaces' `domains` in From, To or Cc is skipped without being decoded.
//   in:  {id, file, kind: 'mbox' | 'eml', base, bytes, domains, reasons}   (domains: lower case, or
//        none; reasons: the app's skip reasons {sender: text with "{sender}", unknown: text})
//   out: {id, batches: [binary mail batches, web/mail/batch.mjs], count, skipped: [{file, reason, code, args}]}
// The records are packed here, in batches small enough for the app to read in a few milliseconds
// each, so the page's thread only copies bytes into the app.
// postal-mime joins each decoded part through a Blob (new Blob(chunks).arrayBuffer()). A browser's
// Blob is registered with the browser process, which costs far more than decoding a short mail and
// made the workers several times slower than the parser itself. This worker has no other use for
// Blob, so it gets a plain in-memory one with what postal-mime uses (the library stays unchanged).
class MemoryBlob {
  constructor(parts = [], options = {}) {
    this.type = options.type || '';
    const only = parts.length === 1 && parts[0] instanceof Uint8Array ? parts[0] : null;
    if (only && only.byteOffset === 0 && only.byteLength === only.buffer.byteLength) {   // no copy needed
      this.bytes = only;
      return;
    }
    let size = 0;
    const views = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p)
      : p instanceof ArrayBuffer ? new Uint8Array(p) : new Uint8Array(p.buffer, p.byteOffset, p.byteLength)));
    for (const v of views) size += v.length;
    this.bytes = new Uint8Array(size);
    let at = 0;
    for (const v of views) { this.bytes.set(v, at); at += v.length; }
  }
  get size() { return this.bytes.length; }
  async arrayBuffer() { return this.bytes.buffer; }
}
self.Blob = MemoryBlob;

import PostalMime, { addressParser } from '../postal-mime/postal-mime.js';
import { htmlToText } from '../postal-mime/text-format.js';
import { mailRecord, senderOfNoMarketplace, skipEntry, splitMbox, unreadableMail } from './records.mjs';
import { packMailBatch } from './batch.mjs';
import ChunkWriter from '../postal-mime/chunk-writer.js';
import { sizeChunkWriters } from './chunk_sizing.mjs';

sizeChunkWriters(ChunkWriter);   // short parts get short buffers (chunk_sizing.mjs)

const BATCH = 100;   // records per batch handed to the app

// The sender's address in a From header's text, as postal-mime reads it ('' when none).
function senderAddress(from) {
  for (const a of addressParser(from)) {
    if (a.address) return a.address;
    for (const g of a.group || []) if (g.address) return g.address;
  }
  return '';
}

self.onmessage = async (e) => {
  const { id, file, kind, base, bytes, reasons } = e.data;
  const domains = reasons ? e.data.domains : null;   // without the app's words, nothing is skipped here
  const records = [];
  const skipped = [];
  // byte: where the mail starts in its mbox (undefined for an .eml); fromDate: a function, read only when needed.
  const one = async (mail, place, byte, fromDate) => {
    const sender = senderOfNoMarketplace(mail, domains);
    if (sender !== null) {   // the app's own reason and code (core/mail_import.h, no_marketplace_reason)
      const address = senderAddress(sender);
      const reason = address ? reasons.sender.split('{sender}').join(address) : reasons.unknown;
      skipped.push(skipEntry(file, (place ? place + ': ' : '') + reason, address ? 'no_marketplace' : 'no_marketplace_unknown',
        address ? { sender: address } : {}, byte));
      return;
    }
    try {
      records.push(await mailRecord(PostalMime, htmlToText, mail, file, place, fromDate));
    } catch (err) {
      skipped.push(unreadableMail(file, place, byte, String(err && err.message || err)));
    }
  };
  if (kind === 'mbox') {
    for (const m of splitMbox(bytes, base)) await one(m.bytes, m.place, m.byte, () => m.fromDate);
  } else {
    await one(bytes, '', undefined, null);
  }
  const batches = [];
  for (let i = 0; i < records.length; i += BATCH) batches.push(packMailBatch(file, records.slice(i, i + BATCH)));
  self.postMessage({ id, batches, count: records.length, skipped }, batches.map((b) => b.buffer));
};
