// A worker of the page's mail import (web/import_files.js): decodes a piece of an mbox, or one
// .eml, with postal-mime off the page's thread, and posts the records back. Several run at once,
// so a large mailbox is read on every core and the page never waits for MIME decoding.
//   in:  {id, file, kind: 'mbox' | 'eml', base, bytes}      out: {id, records, skipped: [{file, reason}]}
import PostalMime from '../postal-mime/postal-mime.js';
import { htmlToText } from '../postal-mime/text-format.js';
import { mailRecord, splitMbox } from './records.mjs';

self.onmessage = async (e) => {
  const { id, file, kind, base, bytes } = e.data;
  const records = [];
  const skipped = [];
  const one = async (mail, place, fromDate) => {
    try {
      records.push(await mailRecord(PostalMime, htmlToText, mail, file, place, fromDate));
    } catch (err) {
      skipped.push({ file, reason: place + ': the mail cannot be read (' + String(err && err.message || err) + ')' });
    }
  };
  if (kind === 'mbox') {
    for (const m of splitMbox(bytes, base)) await one(m.bytes, m.place, m.fromDate);
  } else {
    await one(bytes, '', null);
  }
  self.postMessage({ id, records, skipped });
};
