#include "snapshot_bin.h"

#include <cstring>
#include <type_traits>

#include "journal.h"

namespace sd {

namespace {

// ---- fixed header (docs/storage-format.md) -----------------------------------------------------
constexpr char kMagic[8] = {'S', 'D', 'S', 'N', 'A', 'P', '\r', '\n'};   // \r\n: a text-mode copy is caught
constexpr size_t kVersionAt = 8, kLengthAt = 12, kCountsAt = 20, kHeaderCrcAt = 40, kHeaderSize = 44;
constexpr size_t kTrailerSize = 4;

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
constexpr int value_count(RemarkFlag) { return 5; }
constexpr int value_count(Topic) { return kTopicCount; }

// ---- the fields of each record, in file order ---------------------------------------------------
// One list per record serves the writer, the reader and the minimum-size count, so the three can
// never disagree. Structured bindings name every data member: a member added to the struct
// without a place here is a compile error, not a field silently lost on the next restart.
template <class T>
struct Fields;

template <>
struct Fields<Stamp> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        auto& [hlc, replica] = r;
        io.each(hlc, replica);
    }
};
template <>
struct Fields<Edit> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        auto& [stamp, replaced] = r;
        io.each(stamp, replaced);
    }
};
template <>
struct Fields<Customer> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        auto& [id, name, email, country] = r;
        io.each(id, name, email, country);
    }
};
template <>
struct Fields<Order> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        auto& [id, transaction_id, item, sku, amount_cents, currency, purchased_at, paid_at, shipped_at,
               estimated_delivery, region, gift, carrier, tracking_number] = r;
        io.each(id, transaction_id, item, sku, amount_cents, currency, purchased_at, paid_at, shipped_at,
                estimated_delivery, region, gift, carrier, tracking_number);
    }
};
template <>
struct Fields<Message> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        auto& [id, direction, role, author, at, body, delivery, auto_reply, override_checks, delivery_edit] = r;
        io.each(id, direction, role, author, at, body, delivery, auto_reply, override_checks, delivery_edit);
    }
};
template <>
struct Fields<EbayCase> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        auto& [type, channel, opened_at] = r;
        io.each(type, channel, opened_at);
    }
};
template <>
struct Fields<Remark> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        auto& [id, text, agent, at, flag, edit] = r;
        io.each(id, text, agent, at, flag, edit);
    }
};
template <>
struct Fields<Note> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        auto& [id, text, agent, at, edit] = r;
        io.each(id, text, agent, at, edit);
    }
};
template <>
struct Fields<LabelEdit> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        auto& [label, edit] = r;
        io.each(label, edit);
    }
};
template <>
struct Fields<Tombstone> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        auto& [id, stamp] = r;
        io.each(id, stamp);
    }
};
template <>
struct Fields<ConversationEdits> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        auto& [unread, status, spam, assignee, draft, suppressed_spam, labels, deleted_remarks, deleted_notes] = r;
        io.each(unread, status, spam, assignee, draft, suppressed_spam, labels, deleted_remarks, deleted_notes);
    }
};
template <>
struct Fields<Conversation> {
    template <class Io, class R>
    static void visit(Io& io, R& r) {
        auto& [id, marketplace, kind, topic, subject, customer_id, order_id, labels, unread, status, spam, folder,
               ebay_case, assignee, draft, opened_at, messages, remarks, notes, edits] = r;
        io.each(id, marketplace, kind, topic, subject, customer_id, order_id, labels, unread, status, spam, folder,
                ebay_case, assignee, draft, opened_at, messages, remarks, notes, edits);
    }
};

// ---- writer ------------------------------------------------------------------------------------
struct Writer {
    std::string out;

    void varint(uint64_t v) {
        while (v >= 0x80) {
            out.push_back(char(uint8_t(v) | 0x80));
            v >>= 7;
        }
        out.push_back(char(v));
    }
    void fixed(uint64_t v, int bytes) {   // little-endian
        for (int i = 0; i < bytes; ++i) out.push_back(char(uint8_t(v >> (8 * i))));
    }
    // Signed values zig-zag, so small negatives stay short; kNoTime (INT64_MIN) takes 10 bytes.
    void one(int64_t v) { varint((uint64_t(v) << 1) ^ uint64_t(v >> 63)); }
    void one(bool v) { out.push_back(v ? 1 : 0); }
    void one(const std::string& s) {
        varint(s.size());
        out.append(s);
    }
    template <class E>
    std::enable_if_t<std::is_enum_v<E>> one(E v) {
        out.push_back(char(v));
    }
    template <class T>
    void one(const std::vector<T>& v) {
        varint(v.size());
        for (const T& x : v) one(x);
    }
    template <class T>
    std::enable_if_t<std::is_class_v<T>> one(const T& record) {
        Fields<T>::visit(*this, record);
    }
    template <class... A>
    void each(const A&... a) {
        (one(a), ...);
    }
};

// ---- the smallest encoding of a record ---------------------------------------------------------
// Every scalar, string and list takes at least one byte. A count read from the file is refused
// when that many of the smallest records would not fit in the bytes left, which bounds what a
// hostile count can make the reader allocate.
struct MinSize {
    size_t bytes = 0;

    template <class T>
    void one(const T& v) {
        if constexpr (std::is_class_v<T> && !std::is_same_v<T, std::string>) Fields<T>::visit(*this, v);
        else ++bytes;
    }
    template <class T>
    void one(const std::vector<T>&) {
        ++bytes;
    }
    template <class... A>
    void each(const A&... a) {
        (one(a), ...);
    }
};

template <class T>
size_t min_size() {
    static const size_t n = [] {
        MinSize m;
        m.one(T());
        return m.bytes;
    }();
    return n;
}

// ---- reader ------------------------------------------------------------------------------------
// Reads until the first problem, then only returns zeros and empty values: the caller checks
// `problem` once at the end instead of after every field, which keeps the loop tight.
struct Reader {
    const char* begin;
    const char* p;
    const char* end;
    std::string problem;   // "" while all is well

    size_t left() const { return size_t(end - p); }
    void fail(const char* why) {
        if (problem.empty()) problem = "malformed content at byte " + std::to_string(p - begin) + ": " + why;
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
        if (n > left() / min_size<T>()) return fail("a list is longer than the file");
        v.resize(size_t(n));
        for (T& x : v) one(x);
    }
    template <class T>
    std::enable_if_t<std::is_class_v<T>> one(T& record) {
        Fields<T>::visit(*this, record);
    }
    template <class... A>
    void each(A&... a) {
        (one(a), ...);
    }
    // The top-level lists, whose counts are in the header.
    template <class T>
    void list(std::vector<T>& v, uint64_t n) {
        if (n > left() / min_size<T>()) return fail("a record count is larger than the file");
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
};

EncodeJob::EncodeJob() = default;
EncodeJob::~EncodeJob() = default;
EncodeJob::EncodeJob(EncodeJob&&) noexcept = default;
EncodeJob& EncodeJob::operator=(EncodeJob&&) noexcept = default;

EncodeJob begin_encode(const Store& store) {
    EncodeJob job;
    job.state = std::make_unique<SnapshotEncoder>();
    job.total = store.customers.size() + store.orders.size() + store.conversations.size();
    uint64_t messages = 0;
    for (const Conversation& c : store.conversations) messages += c.messages.size();
    Writer& w = job.state->w;
    // A demo conversation takes about 1 KB; reserving avoids most of the regrowth copies.
    w.out.reserve(kHeaderSize + store.conversations.size() * 1200 + store.orders.size() * 150 + 4096);
    w.out.append(kMagic, sizeof kMagic);
    w.fixed(kSnapshotVersion, 4);
    w.fixed(0, 8);   // file length, filled in at the end
    w.fixed(store.customers.size(), 4);
    w.fixed(store.orders.size(), 4);
    w.fixed(store.conversations.size(), 4);
    w.fixed(messages, 8);
    w.fixed(0, 4);   // header checksum, filled in at the end
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
    std::string& out = e.w.out;
    put_fixed(out, kLengthAt, out.size() + kTrailerSize, 8);
    put_fixed(out, kHeaderCrcAt, crc32(std::string_view(out).substr(0, kHeaderCrcAt)), 4);
    e.w.fixed(crc32(out), 4);
    job.bytes = std::move(out);
    job.state.reset();
    job.finished = true;
    return true;
}

std::string encode_snapshot(const Store& store) {
    EncodeJob job = begin_encode(store);
    encode_next(job, store, SIZE_MAX);
    return std::move(job.bytes);
}

bool decode_snapshot(std::string_view bytes, Store& out, std::string& error) {
    const size_t size = bytes.size();
    // Identify the file first, so a wrong file is not reported as a damaged snapshot.
    const size_t magic_part = size < sizeof kMagic ? size : sizeof kMagic;
    if (std::memcmp(bytes.data(), kMagic, magic_part) != 0) {
        error = "not a SellerDesk snapshot";
        return false;
    }
    if (size < kCountsAt) {
        error = "truncated at byte " + std::to_string(size) + " (inside the header)";
        return false;
    }
    const uint64_t length = read_fixed(bytes, kLengthAt, 8);
    if (size < kHeaderSize) {
        error = truncated(size, length);
        return false;
    }
    if (crc32(bytes.substr(0, kHeaderCrcAt)) != uint32_t(read_fixed(bytes, kHeaderCrcAt, 4))) {
        error = "checksum mismatch (file damaged)";
        return false;
    }
    // The header is intact from here on, so its version and length can be believed. A newer
    // version may lay out everything after the header differently: refuse it before looking.
    const uint64_t version = read_fixed(bytes, kVersionAt, 4);
    if (version > kSnapshotVersion) {
        error = "version " + std::to_string(version) + " is newer than this app reads";
        return false;
    }
    if (version == 0) {
        error = "version 0 is not a valid snapshot version";
        return false;
    }
    if (size < length) {
        error = truncated(size, length);
        return false;
    }
    if (size > length) {
        error = std::to_string(size - length) + " unexpected bytes after the end (file damaged)";
        return false;
    }
    if (length < kHeaderSize + kTrailerSize ||
        crc32(bytes.substr(0, size - kTrailerSize)) != uint32_t(read_fixed(bytes, size - kTrailerSize, 4))) {
        error = "checksum mismatch (file damaged)";
        return false;
    }

    Store s;
    Reader r{bytes.data(), bytes.data() + kHeaderSize, bytes.data() + size - kTrailerSize, {}};
    r.list(s.customers, read_fixed(bytes, kCountsAt, 4));
    r.list(s.orders, read_fixed(bytes, kCountsAt + 4, 4));
    r.list(s.conversations, read_fixed(bytes, kCountsAt + 8, 4));
    if (r.problem.empty() && r.left() != 0) r.fail("unread bytes after the last conversation");
    uint64_t messages = 0;
    for (const Conversation& c : s.conversations) messages += c.messages.size();
    if (r.problem.empty() && messages != read_fixed(bytes, kCountsAt + 12, 8))
        r.problem = "malformed content: the message count does not match the header";
    if (!r.problem.empty()) {
        error = r.problem;
        return false;
    }
    out = std::move(s);
    out.reindex();
    return true;
}

}  // namespace sd
