#include "snapshot_bin.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <type_traits>

#include "journal.h"
#include "model_fields.h"

namespace sd {

namespace {

// ---- fixed header (docs/storage-format.md) -----------------------------------------------------
constexpr char kMagic[8] = {'S', 'D', 'S', 'N', 'A', 'P', '\r', '\n'};   // \r\n: a text-mode copy is caught
constexpr size_t kVersionAt = 8, kLengthAt = 12, kCountsAt = 20, kHeaderCrcAt = 40, kHeaderSize = 44;
constexpr size_t kTrailerSize = 4;
// The texts file shares the magic's first bytes, the version and length positions and the trailer.
constexpr char kTextsMagic[8] = {'S', 'D', 'T', 'E', 'X', 'T', '\r', '\n'};
constexpr size_t kTextsLinkAt = 20, kTextsCountsAt = 24, kTextsHeaderCrcAt = 36, kTextsHeaderSize = 40;

// How many values each enum has: a byte outside the range is refused when decoding.
constexpr int value_count(Marketplace) { return kMarketplaceCount; }
constexpr int value_count(AuthorRole) { return 4; }
constexpr int value_count(Direction) { return 2; }
constexpr int value_count(Delivery) { return 2; }
constexpr int value_count(ConversationKind) { return 2; }
constexpr int value_count(Status) { return 3; }
constexpr int value_count(SpamReason) { return 4; }
constexpr int value_count(EbayFolder) { return 4; }
constexpr int value_count(CaseType) { return 3; }
constexpr int value_count(CaseChannel) { return 2; }
constexpr int value_count(RemarkFlag) { return 6; }
constexpr int value_count(RemarkKind) { return kRemarkKindCount; }
constexpr int value_count(DefectKind) { return 3; }
constexpr int value_count(Topic) { return kTopicCount; }

// Records are written field by field in the order of their lists (model_fields.h). One list
// serves the writer, the reader and the minimum-size count, so the three can never disagree.

// ---- writer ------------------------------------------------------------------------------------
void put_varint(std::string& out, uint64_t v) {
    while (v >= 0x80) {
        out.push_back(char(uint8_t(v) | 0x80));
        v >>= 7;
    }
    out.push_back(char(v));
}
void put_text(std::string& out, const std::string& s) {
    put_varint(out, s.size());
    out.append(s);
}

// Writes records to the snapshot (`out`) and their message texts to the texts file (`texts`),
// where each conversation's texts are preceded by their count.
struct Writer {
    std::string out;
    std::string texts;

    void varint(uint64_t v) { put_varint(out, v); }
    void fixed(uint64_t v, int bytes) {   // little-endian
        for (int i = 0; i < bytes; ++i) out.push_back(char(uint8_t(v >> (8 * i))));
    }
    // Signed values zig-zag, so small negatives stay short; kNoTime (INT64_MIN) takes 10 bytes.
    void one(int64_t v) { varint((uint64_t(v) << 1) ^ uint64_t(v >> 63)); }
    void one(bool v) { out.push_back(v ? 1 : 0); }
    void one(const std::string& s) { put_text(out, s); }
    template <class E>
    std::enable_if_t<std::is_enum_v<E>> one(E v) {
        out.push_back(char(v));
    }
    template <class T>
    void one(const std::vector<T>& v) {
        varint(v.size());
        for (const T& x : v) one(x);
    }
    void one(const std::vector<Message>& v) {
        varint(v.size());
        put_varint(texts, v.size());
        for (const Message& m : v) one(m);
    }
    template <class T>
    std::enable_if_t<std::is_class_v<T>> one(const T& record) {
        Fields<T>::visit(*this, record);
    }
    template <class V>
    void operator()(const char*, const V& v, uint32_t tags) {
        if constexpr (std::is_same_v<V, std::string>)
            if (tags & field::kTextsFile) return put_text(texts, v);
        one(v);
    }
};

// ---- the smallest encoding of a record ---------------------------------------------------------
// Every scalar, string and list takes at least one byte. A count read from the file is refused
// when that many of the smallest records would not fit in the bytes left, which bounds what a
// hostile count can make the reader allocate.
struct MinSize {
    size_t bytes = 0;
    uint32_t version = kSnapshotVersion;   // the smallest encoding in a file of this version

    template <class T>
    void one(const T& v) {
        if constexpr (std::is_class_v<T> && !std::is_same_v<T, std::string>) Fields<T>::visit(*this, v);
        else ++bytes;
    }
    template <class T>
    void one(const std::vector<T>&) {
        ++bytes;
    }
    template <class V>
    void operator()(const char*, const V& v, uint32_t tags) {
        if (version < 3 && (tags & field::kSince3)) return;
        if (version < 4 && (tags & field::kSince4)) return;
        if (!(tags & field::kTextsFile)) one(v);   // not in a version 2 snapshot (at least 1 byte in version 1)
    }
};

template <class T>
size_t min_size(uint64_t version = kSnapshotVersion) {
    auto smallest = [](uint32_t v) {
        MinSize m;
        m.version = v;
        m.one(T());
        return m.bytes;
    };
    static const size_t n[3] = {smallest(2), smallest(3), smallest(4)};
    return n[version >= 4 ? 2 : version >= 3 ? 1 : 0];
}

// ---- reader ------------------------------------------------------------------------------------
// Reads until the first problem, then only returns zeros and empty values: the caller checks
// `problem` once at the end instead of after every field, which keeps the loop tight.
struct Reader {
    const char* begin;
    const char* p;
    const char* end;
    std::string problem;   // "" while all is well
    bool texts_inline = false;   // version 1
    uint32_t version = kSnapshotVersion;
    uint64_t begin_offset = 0;   // the file offset of `begin` (a window of the file: decode_snapshot_file)

    size_t left() const { return size_t(end - p); }
    void fail(const char* why) {
        if (problem.empty()) problem = "malformed content at byte " + std::to_string(begin_offset + uint64_t(p - begin)) + ": " + why;
        p = end;
    }
    uint64_t varint() {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p == end) return fail("a number runs past the end"), 0;
            uint8_t b = uint8_t(*p++);
            if (shift == 63 && b > 1) return fail("a number is too large"), 0;
            v |= uint64_t(b & 0x7F) << shift;
            if (!(b & 0x80)) {
                // Only the shortest form is accepted, so every store has exactly one encoding.
                if (b == 0 && shift > 0) return fail("a number is not in its shortest form"), 0;
                return v;
            }
        }
        return fail("a number is too long"), 0;
    }
    void one(int64_t& v) {
        uint64_t z = varint();
        v = int64_t(z >> 1) ^ -int64_t(z & 1);
    }
    void one(bool& v) {
        if (p == end) return fail("a flag runs past the end");
        uint8_t b = uint8_t(*p++);
        if (b > 1) return fail("a flag is neither 0 nor 1");
        v = b == 1;
    }
    void one(std::string& s) {
        uint64_t n = varint();
        if (n > left()) return fail("a text runs past the end");
        s.assign(p, size_t(n));
        p += n;
    }
    template <class E>
    std::enable_if_t<std::is_enum_v<E>> one(E& v) {
        if (p == end) return fail("a value runs past the end");
        uint8_t b = uint8_t(*p++);
        if (b >= value_count(E())) return fail("a value is out of range");
        v = E(b);
    }
    template <class T>
    void one(std::vector<T>& v) {
        uint64_t n = varint();
        if (n > left() / min_size<T>(version)) return fail("a list is longer than the file");
        v.resize(size_t(n));
        for (T& x : v) one(x);
    }
    template <class T>
    std::enable_if_t<std::is_class_v<T>> one(T& record) {
        Fields<T>::visit(*this, record);
    }
    template <class V>
    void operator()(const char*, V& v, uint32_t tags) {
        if ((tags & field::kSince3) && version < 3) return;   // an older file: left at its zero
        if ((tags & field::kSince4) && version < 4) return;
        if (!(tags & field::kTextsFile) || texts_inline) one(v);
    }
    // The top-level lists, whose counts are in the header.
    template <class T>
    void list(std::vector<T>& v, uint64_t n) {
        if (n > left() / min_size<T>(version)) return fail("a record count is larger than the file");
        v.resize(size_t(n));
        for (T& x : v) one(x);
    }
};

uint64_t read_fixed(std::string_view b, size_t at, int bytes) {
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v |= uint64_t(uint8_t(b[at + size_t(i)])) << (8 * i);
    return v;
}

void put_fixed(std::string& s, size_t at, uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) s[at + size_t(i)] = char(uint8_t(v >> (8 * i)));
}

std::string truncated(size_t have, uint64_t want) {
    return "truncated at byte " + std::to_string(have) + " of " + std::to_string(want);
}

bool header_intact(std::string_view b) {
    return b.size() >= kHeaderSize && std::memcmp(b.data(), kMagic, sizeof kMagic) == 0 &&
           crc32(b.substr(0, kHeaderCrcAt)) == uint32_t(read_fixed(b, kHeaderCrcAt, 4));
}

}  // namespace

bool snapshot_is_newer(std::string_view bytes) {
    return header_intact(bytes) && read_fixed(bytes, kVersionAt, 4) > kSnapshotVersion;
}

struct SnapshotEncoder {
    Writer w;
    size_t next = 0;   // records written: customers, then orders, then conversations
    // Then the checksums of both files, a slice per call: 100 MB of texts take a CPU-bound
    // pass that would otherwise block the page in the last call.
    int file = 0;              // 0: the snapshot file, 1: the texts file
    size_t checked = 0;        // bytes of that file checksummed so far
    uint32_t crc = 0;
    uint32_t snapshot_crc = 0;
    bool closed = false;       // the snapshot's header holds its length and header checksum
};

namespace {

constexpr size_t kChecksumSlice = size_t(1) << 20;   // bytes checksummed per call after the records

// Once every record is written: the length and header fields that the checksums cover.
void close_snapshot_header(std::string& out) {
    put_fixed(out, kLengthAt, out.size() + kTrailerSize, 8);
    put_fixed(out, kHeaderCrcAt, crc32(std::string_view(out).substr(0, kHeaderCrcAt)), 4);
}

void close_texts_header(std::string& texts, const std::string& out, uint32_t snapshot_crc) {
    put_fixed(texts, kVersionAt, kTextsVersion, 4);
    put_fixed(texts, kLengthAt, texts.size() + kTrailerSize, 8);
    put_fixed(texts, kTextsLinkAt, snapshot_crc, 4);
    put_fixed(texts, kTextsCountsAt, read_fixed(out, kCountsAt + 8, 4), 4);
    put_fixed(texts, kTextsCountsAt + 4, read_fixed(out, kCountsAt + 12, 8), 8);
    put_fixed(texts, kTextsHeaderCrcAt, crc32(std::string_view(texts).substr(0, kTextsHeaderCrcAt)), 4);
}

// Checksums up to `budget` more bytes of the file being closed; true when both files are closed.
bool checksum_next(SnapshotEncoder& e, size_t budget) {
    while (budget > 0 && e.file < 2) {
        std::string& f = e.file == 0 ? e.w.out : e.w.texts;
        const size_t n = std::min(budget, f.size() - e.checked);
        e.crc = crc32_continue(e.crc, std::string_view(f).substr(e.checked, n));
        e.checked += n;
        budget -= n;
        if (e.checked < f.size()) return false;
        if (e.file == 0) {
            e.snapshot_crc = e.crc;
            e.w.fixed(e.crc, 4);
            close_texts_header(e.w.texts, e.w.out, e.snapshot_crc);
        } else {
            for (int i = 0; i < 4; ++i) f.push_back(char(uint8_t(e.crc >> (8 * i))));
        }
        ++e.file;
        e.checked = 0;
        e.crc = 0;
    }
    return e.file == 2;
}

}  // namespace

EncodeJob::EncodeJob() = default;
EncodeJob::~EncodeJob() = default;
EncodeJob::EncodeJob(EncodeJob&&) noexcept = default;
EncodeJob& EncodeJob::operator=(EncodeJob&&) noexcept = default;

EncodeJob begin_encode(const Store& store) {
    EncodeJob job;
    job.state = std::make_unique<SnapshotEncoder>();
    job.total = store.customers.size() + store.orders.size() + store.conversations.size();
    uint64_t messages = 0, text_bytes = 0;
    for (const Conversation& c : store.conversations) {
        messages += c.messages.size();
        for (const Message& m : c.messages) text_bytes += m.body.size();
    }
    Writer& w = job.state->w;
    // A demo conversation takes about 400 bytes besides its texts; reserving avoids most of the
    // regrowth copies.
    w.out.reserve(kHeaderSize + store.conversations.size() * 500 + messages * 40 + store.orders.size() * 150 + 4096);
    w.texts.reserve(kTextsHeaderSize + text_bytes + messages * 2 + store.conversations.size() + kTrailerSize);
    w.out.append(kMagic, sizeof kMagic);
    w.fixed(kSnapshotVersion, 4);
    w.fixed(0, 8);   // file length, filled in at the end
    w.fixed(store.customers.size(), 4);
    w.fixed(store.orders.size(), 4);
    w.fixed(store.conversations.size(), 4);
    w.fixed(messages, 8);
    w.fixed(0, 4);   // header checksum, filled in at the end
    w.texts.append(kTextsMagic, sizeof kTextsMagic);
    w.texts.append(kTextsHeaderSize - sizeof kTextsMagic, '\0');   // filled in at the end
    return job;
}

bool encode_next(EncodeJob& job, const Store& store, size_t max_records) {
    if (job.finished) return true;
    SnapshotEncoder& e = *job.state;
    const size_t customers = store.customers.size(), orders = store.orders.size();
    for (size_t k = 0; k < max_records && e.next < job.total; ++k, ++e.next) {
        if (e.next < customers) e.w.one(store.customers[e.next]);
        else if (e.next < customers + orders) e.w.one(store.orders[e.next - customers]);
        else e.w.one(store.conversations[e.next - customers - orders]);
    }
    job.done = e.next;
    if (e.next < job.total) return false;
    if (!e.closed) {
        close_snapshot_header(e.w.out);
        e.closed = true;
    }
    if (!checksum_next(e, kChecksumSlice)) return false;
    job.files.snapshot = std::move(e.w.out);
    job.files.texts = std::move(e.w.texts);
    job.state.reset();
    job.finished = true;
    return true;
}

SnapshotFiles encode_snapshot(const Store& store) {
    EncodeJob job = begin_encode(store);
    while (!encode_next(job, store, SIZE_MAX)) {
    }
    return std::move(job.files);
}

namespace {

// The checks of a file's fixed header and length that both files share, in the order that names
// the problem best. `head` is the file's first bytes (at least its header, when it has one), `size`
// the whole file's; the whole file's CRC is checked by the caller (whole_crc_ok), after these.
// `magic_what` names the file kind in "not a SellerDesk ...". `newer` (may be null) is set when the
// file is intact but from a newer app.
bool check_frame(std::string_view head, uint64_t size, const char (&magic)[8], size_t header_size, size_t header_crc_at,
                 uint32_t newest_version, const char* magic_what, std::string& error, bool* newer = nullptr) {
    // Identify the file first, so a wrong file is not reported as a damaged one.
    const size_t magic_part = head.size() < sizeof magic ? head.size() : sizeof magic;
    if (std::memcmp(head.data(), magic, magic_part) != 0) {
        error = std::string("not a SellerDesk ") + magic_what;
        return false;
    }
    if (size < kLengthAt + 8) {
        error = "truncated at byte " + std::to_string(size) + " (inside the header)";
        return false;
    }
    const uint64_t length = read_fixed(head, kLengthAt, 8);
    if (size < header_size) {
        error = truncated(size_t(size), length);
        return false;
    }
    if (crc32(head.substr(0, header_crc_at)) != uint32_t(read_fixed(head, header_crc_at, 4))) {
        error = "checksum mismatch (file damaged)";
        return false;
    }
    // The header is intact from here on, so its version and length can be believed. A newer
    // version may lay out everything after the header differently: refuse it before looking.
    const uint64_t version = read_fixed(head, kVersionAt, 4);
    if (version > newest_version) {
        if (newer) *newer = true;
        error = "version " + std::to_string(version) + " is newer than this app reads";
        return false;
    }
    if (version == 0) {
        error = "version 0 is not a valid version";
        return false;
    }
    if (size < length) {
        error = truncated(size_t(size), length);
        return false;
    }
    if (size > length) {
        error = std::to_string(size - length) + " unexpected bytes after the end (file damaged)";
        return false;
    }
    if (length < header_size + kTrailerSize) {
        error = "checksum mismatch (file damaged)";
        return false;
    }
    return true;
}

// The trailing CRC-32 against every byte before it.
bool whole_crc_ok(std::string_view bytes, std::string& error) {
    if (crc32(bytes.substr(0, bytes.size() - kTrailerSize)) == uint32_t(read_fixed(bytes, bytes.size() - kTrailerSize, 4))) return true;
    error = "checksum mismatch (file damaged)";
    return false;
}

// The texts file's header against the snapshot it must belong to.
bool check_texts_header(std::string_view bytes, const TextsLink& link, bool check_whole_crc, std::string& error) {
    if (!check_frame(bytes.substr(0, std::min(bytes.size(), kTextsHeaderSize)), bytes.size(), kTextsMagic, kTextsHeaderSize,
                     kTextsHeaderCrcAt, kTextsVersion, "texts file", error) ||
        (check_whole_crc && !whole_crc_ok(bytes, error)))
        return false;
    if (uint32_t(read_fixed(bytes, kTextsLinkAt, 4)) != link.snapshot_crc) {
        error = "belongs to another snapshot (the snapshot's checksum differs)";
        return false;
    }
    if (read_fixed(bytes, kTextsCountsAt, 4) != link.conversations || read_fixed(bytes, kTextsCountsAt + 4, 8) != link.messages) {
        error = "malformed content: its counts do not match its snapshot";
        return false;
    }
    return true;
}

// A conversation's messages that wait for a text from the file: those with an empty text, in
// order. Edits replayed since the snapshot may have inserted replies among them (in time order),
// but a reply always has a text, and nothing reorders or removes the snapshot's messages, so the
// file's k-th text belongs to the k-th of these.
size_t waiting_for_text(const Conversation& c) {
    size_t n = 0;
    for (const Message& m : c.messages) n += m.body.empty();
    return n;
}

// Walks the texts without filling anything: every count and length must fit the file and the
// store, so that filling cannot fail half-way.
bool check_texts_content(std::string_view bytes, const TextsLink& link, const Store& store, std::string& error) {
    Reader r{bytes.data(), bytes.data() + kTextsHeaderSize, bytes.data() + bytes.size() - kTrailerSize, {}};
    uint64_t messages = 0;
    if (store.conversations.size() < link.conversations) r.fail("the inbox has fewer conversations than the file");
    for (size_t i = 0; i < link.conversations && r.problem.empty(); ++i) {
        const uint64_t n = r.varint();
        if (n > waiting_for_text(store.conversations[i])) {
            r.fail("a conversation has more texts than messages waiting for one");
            break;
        }
        messages += n;
        for (uint64_t k = 0; k < n && r.problem.empty(); ++k) {
            const uint64_t len = r.varint();
            if (len > r.left()) r.fail("a text runs past the end");
            else r.p += len;
        }
    }
    if (r.problem.empty() && r.left() != 0) r.fail("unread bytes after the last conversation");
    if (r.problem.empty() && messages != link.messages) r.problem = "malformed content: the message count does not match the header";
    error = r.problem;
    return r.problem.empty();
}

// Fills the texts of conversations [conversation, ...) until `max_bytes` were read: the k-th text
// of a conversation goes to its k-th message without a text (waiting_for_text).
void fill_texts(std::string_view bytes, size_t& at, size_t& conversation, size_t conversations, Store& store, size_t max_bytes) {
    Reader r{bytes.data(), bytes.data() + at, bytes.data() + bytes.size() - kTrailerSize, {}};
    const char* stop_after = r.p + std::min(max_bytes, r.left());
    for (bool first = true; conversation < conversations && (first || r.p < stop_after); ++conversation, first = false) {
        std::vector<Message>& messages = store.conversations[conversation].messages;
        const uint64_t n = r.varint();
        size_t m = 0;
        for (uint64_t k = 0; k < n; ++k, ++m) {
            while (!messages[m].body.empty()) ++m;   // a reply replayed since: it has its text
            r.one(messages[m].body);
        }
    }
    at = size_t(r.p - r.begin);
}

}  // namespace

namespace {

// After the last record of a snapshot, in both decoders: the message count against the header,
// then the decoded store replaces `out` (rebuilding its ID lookups) and `link` is filled in.
bool finish_decode(Store& s, uint64_t header_messages, uint32_t version, uint32_t file_crc, std::string problem, Store& out,
                   std::string& error, TextsLink* link) {
    uint64_t messages = 0;
    for (const Conversation& c : s.conversations) messages += c.messages.size();
    if (problem.empty() && messages != header_messages) problem = "malformed content: the message count does not match the header";
    if (!problem.empty()) {
        error = problem;
        return false;
    }
    out = std::move(s);
    out.reindex();
    if (link) {
        link->separate = version >= 2;
        link->snapshot_crc = file_crc;
        link->conversations = out.conversations.size();
        link->messages = messages;
    }
    return true;
}

}  // namespace

bool decode_snapshot(std::string_view bytes, Store& out, std::string& error, TextsLink* link) {
    if (!check_frame(bytes.substr(0, std::min(bytes.size(), kHeaderSize)), bytes.size(), kMagic, kHeaderSize, kHeaderCrcAt,
                     kSnapshotVersion, "snapshot", error) ||
        !whole_crc_ok(bytes, error))
        return false;
    const size_t size = bytes.size();
    const uint32_t version = uint32_t(read_fixed(bytes, kVersionAt, 4));
    Store s;
    Reader r{bytes.data(), bytes.data() + kHeaderSize, bytes.data() + size - kTrailerSize, {}};
    r.texts_inline = version == 1;
    r.version = version;
    r.list(s.customers, read_fixed(bytes, kCountsAt, 4));
    r.list(s.orders, read_fixed(bytes, kCountsAt + 4, 4));
    r.list(s.conversations, read_fixed(bytes, kCountsAt + 8, 4));
    if (r.problem.empty() && r.left() != 0) r.fail("unread bytes after the last conversation");
    return finish_decode(s, read_fixed(bytes, kCountsAt + 12, 8), version, uint32_t(read_fixed(bytes, size - kTrailerSize, 4)),
                         r.problem, out, error, link);
}

namespace {

// A window onto a snapshot file: the bytes [at, at + buf.size()) are in memory; the CRC-32 of
// everything read so far before the trailer is kept up to date.
struct FileWindow {
    std::FILE* f = nullptr;
    uint64_t size = 0, content_end = 0;   // content_end: where the trailer starts
    std::string buf;
    uint64_t at = 0;                      // file offset of buf[0]
    uint32_t crc = 0;                     // of [0, min(read, content_end))
    bool io_error = false;

    uint64_t read_end() const { return at + buf.size(); }
    // Keeps the bytes from `from` on and reads until `want` bytes from `from` are in (or the file
    // ends). Bytes before `from` are dropped.
    void fill(uint64_t from, size_t want) {
        if (from > at) {
            buf.erase(0, size_t(std::min<uint64_t>(from - at, buf.size())));
            at = from;
        }
        const uint64_t goal = std::min<uint64_t>(size, from + want);
        while (read_end() < goal && !io_error) {
            const size_t n = size_t(std::min<uint64_t>(goal - read_end(), uint64_t(1) << 20));
            const size_t old = buf.size();
            buf.resize(old + n);
            const size_t got = std::fread(&buf[old], 1, n, f);
            buf.resize(old + got);
            if (got < n) io_error = true;
            const uint64_t from_off = at + old;
            if (from_off < content_end)
                crc = crc32_continue(crc, std::string_view(buf).substr(old, size_t(std::min<uint64_t>(got, content_end - from_off))));
        }
    }
};

}  // namespace

bool decode_snapshot_file(const std::string& path, Store& out, std::string& error, TextsLink* link, bool* newer,
                          size_t window) {
    if (newer) *newer = false;
    FileWindow w;
    w.f = std::fopen(path.c_str(), "rb");
    if (!w.f) {
        error = "cannot be opened";
        return false;
    }
    struct Closer {
        std::FILE* f;
        ~Closer() { std::fclose(f); }
    } closer{w.f};
    std::fseek(w.f, 0, SEEK_END);
    const long end = std::ftell(w.f);
    std::fseek(w.f, 0, SEEK_SET);
    w.size = end > 0 ? uint64_t(end) : 0;
    w.content_end = w.size >= kTrailerSize ? w.size - kTrailerSize : 0;
    window = std::max<size_t>(window, 64);
    w.fill(0, std::max(window, kHeaderSize));
    if (w.io_error && w.buf.size() < std::min<uint64_t>(w.size, kHeaderSize)) {
        error = "cannot be read";
        return false;
    }
    // The header: the same checks as decode_snapshot; the whole file's checksum comes at the end.
    const std::string_view head = std::string_view(w.buf).substr(0, size_t(std::min<uint64_t>(w.buf.size(), kHeaderSize)));
    if (!check_frame(head, w.size, kMagic, kHeaderSize, kHeaderCrcAt, kSnapshotVersion, "snapshot", error, newer)) return false;
    const uint64_t version = read_fixed(head, kVersionAt, 4);
    const uint64_t counts[3] = {read_fixed(head, kCountsAt, 4), read_fixed(head, kCountsAt + 4, 4), read_fixed(head, kCountsAt + 8, 4)};
    const uint64_t header_messages = read_fixed(head, kCountsAt + 12, 8);

    // The records, a window at a time. A record that does not fit in what is left of the window
    // is decoded again with twice the window, so only a record that fails with the whole rest of
    // the file in memory is malformed.
    Store s;
    std::string problem;
    uint64_t pos = kHeaderSize;
    auto list = [&](auto& v, uint64_t n) {
        using T = typename std::decay_t<decltype(v)>::value_type;
        if (!problem.empty()) return;
        if (n > (w.content_end - pos) / min_size<T>(version)) {
            problem = "malformed content at byte " + std::to_string(pos) + ": a record count is larger than the file";
            return;
        }
        v.resize(size_t(n));
        size_t want = window;
        for (size_t i = 0; i < v.size(); ++i) {
            for (;;) {
                if (w.read_end() - pos < want / 2 && w.read_end() < w.size) w.fill(pos, want);
                const char* base = w.buf.data() + size_t(pos - w.at);
                const uint64_t avail = std::min(w.read_end(), w.content_end) - pos;
                Reader r{base, base, base + size_t(avail), {}};
                r.texts_inline = version == 1;
                r.version = uint32_t(version);
                r.begin_offset = pos;
                r.one(v[i]);
                if (r.problem.empty()) {
                    pos += uint64_t(r.p - base);
                    break;
                }
                if (w.read_end() >= w.size || w.io_error) {   // everything there was: malformed
                    problem = r.problem;
                    return;
                }
                want *= 2;
                w.fill(pos, want);
                v[i] = T();
            }
        }
    };
    list(s.customers, counts[0]);
    list(s.orders, counts[1]);
    list(s.conversations, counts[2]);
    if (problem.empty() && pos != w.content_end) problem = "malformed content at byte " + std::to_string(pos) + ": unread bytes after the last conversation";
    // The whole file's checksum comes first, as in decode_snapshot: read what is left.
    while (w.read_end() < w.size && !w.io_error) w.fill(std::min(w.read_end(), w.content_end), window);   // keeps the trailer's start
    if (w.io_error) {
        error = "cannot be read";
        return false;
    }
    const std::string_view trailer = std::string_view(w.buf).substr(size_t(w.content_end - w.at), kTrailerSize);
    const uint32_t file_crc = uint32_t(read_fixed(trailer, 0, 4));
    if (w.crc != file_crc) {
        error = "checksum mismatch (file damaged)";
        return false;
    }
    return finish_decode(s, header_messages, uint32_t(version), file_crc, problem, out, error, link);
}

bool decode_texts(std::string_view bytes, const TextsLink& link, Store& store, std::string& error) {
    if (!check_texts_header(bytes, link, true, error) || !check_texts_content(bytes, link, store, error)) return false;
    size_t at = kTextsHeaderSize, conversation = 0;
    fill_texts(bytes, at, conversation, link.conversations, store, SIZE_MAX);
    return true;
}

double TextsJob::progress() const {
    if (finished) return 1.0;
    const double n = double(bytes.size()) + 1;
    // Checking the checksum is much quicker than filling: a fifth of the bar.
    return verified ? 0.2 + 0.8 * double(at) / n : 0.2 * double(checked) / n;
}

bool begin_texts(std::string bytes, const TextsLink& link, TextsJob& job, std::string& error) {
    job = TextsJob();
    if (!check_texts_header(bytes, link, false, error)) {
        job.finished = true;   // nothing to continue: texts_next returns at once
        job.error = error;
        return false;
    }
    job.bytes = std::move(bytes);
    job.link = link;
    job.at = kTextsHeaderSize;
    return true;
}

bool texts_next(TextsJob& job, Store& store, size_t max_bytes) {
    if (job.finished) return true;
    std::string_view bytes = job.bytes;
    if (!job.verified) {
        const size_t end = bytes.size() - kTrailerSize;
        const size_t quick = max_bytes > SIZE_MAX / 4 ? SIZE_MAX : std::max<size_t>(max_bytes, 1) * 4;   // checking is quicker than filling
        const size_t n = std::min(quick, end - job.checked);
        job.crc = crc32_continue(job.crc, bytes.substr(job.checked, n));
        job.checked += n;
        if (job.checked < end) return false;
        if (job.crc != uint32_t(read_fixed(bytes, end, 4))) job.error = "checksum mismatch (file damaged)";
        else check_texts_content(bytes, job.link, store, job.error);
        job.verified = job.error.empty();
        if (!job.verified) {
            job.finished = true;
            job.bytes = std::string();
            return true;
        }
        return false;
    }
    fill_texts(bytes, job.at, job.conversation, job.link.conversations, store, max_bytes);
    if (job.conversation < job.link.conversations) return false;
    job.finished = true;
    job.bytes = std::string();   // the texts are in the store now
    return true;
}

}  // namespace sd
