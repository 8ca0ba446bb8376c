// postal-mime (4.2.0) collects every quoted-printable or base64 part in a ChunkWriter whose first
// buffer is 100 KB, allocated and zeroed for each such part however short it is: a 50 MB mailbox
// of short mail made the decode workers allocate about 600 MB of buffers, and the browser's
// collector spent much of the import freeing them (docs/performance.md, "Mail import").
// sizeChunkWriters(ChunkWriter) makes a writer's buffers start at 4 KB and double up to the
// library's own size; what is written, and so every decoded part, stays byte for byte the same
// (tests/js/mail_records.test.js checks it over every fixture). It changes the class's two write
// methods, so it returns false, changing nothing, when the class does not look as expected.
const FIRST_BUFFER = 4096;

// A buffer with room in it: the full one flushed, then a new one, each larger than the last.
function makeRoom(writer, wanted) {
  writer.flush();
  if (writer.buffer && writer.buffer.length >= writer.maxChunkSize) return;   // full size: reused, as the library does
  const size = Math.min(writer.maxChunkSize, Math.max(wanted, writer.sdNextBuffer || FIRST_BUFFER));
  writer.sdNextBuffer = Math.min(writer.maxChunkSize, size * 2);
  writer.buffer = new Uint8Array(size);
}

export function sizeChunkWriters(ChunkWriter) {
  const p = ChunkWriter && ChunkWriter.prototype;
  if (!p) return false;
  if (p.sdSized) return true;
  if (typeof p.writeByte !== 'function' || typeof p.writeBytes !== 'function' || typeof p.flush !== 'function') return false;
  const probe = new ChunkWriter();
  if (!(probe.maxChunkSize > 0) || probe.bufferPos !== 0 || !Array.isArray(probe.chunks)) return false;
  p.writeByte = function (byte) {
    if (!this.buffer || this.bufferPos >= this.buffer.length) makeRoom(this, 1);
    this.buffer[this.bufferPos++] = byte;
  };
  p.writeBytes = function (bytes, start = 0, end = bytes.length) {
    while (start < end) {
      if (!this.buffer || this.bufferPos >= this.buffer.length) makeRoom(this, end - start);
      const count = Math.min(end - start, this.buffer.length - this.bufferPos);
      this.buffer.set(bytes.subarray(start, start + count), this.bufferPos);
      this.bufferPos += count;
      start += count;
    }
  };
  p.sdSized = true;
  return true;
}
