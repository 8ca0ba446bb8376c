// Messages from mail and CSV rows into conversations (mail_import.h).
#include "mail_import.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "time.h"

namespace sd {

using nlohmann::json;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '"' || s.front() == '\'')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '"' || s.back() == '\'')) s.remove_suffix(1);
    return s;
}

bool ends_with_nocase(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && lower_ascii(s.substr(s.size() - tail.size())) == tail;
}

std::string domain_of(std::string_view address) {
    size_t at = address.rfind('@');
    return at == std::string_view::npos ? std::string() : lower_ascii(trim(address.substr(at + 1)));
}

std::string local_part(std::string_view address) {
    size_t at = address.find('@');
    return std::string(trim(address.substr(0, at)));
}

// A run of digits with dashes, bounded by characters that are neither letters nor digits. The
// order-ID forms are all such runs, so one scan finds every candidate.
struct Run {
    std::string_view text;
    bool hex = false;   // letters a-f only (Wish's IDs), no dashes
};
template <class F>
void for_each_run(std::string_view s, F&& f) {
    size_t i = 0;
    while (i < s.size()) {
        if (!is_alnum(s[i])) {
            ++i;
            continue;
        }
        size_t j = i;
        bool hex = true;
        while (j < s.size() && (is_alnum(s[j]) || (s[j] == '-' && j + 1 < s.size() && is_alnum(s[j + 1])))) {
            if (!(is_hex(s[j]))) hex = false;
            ++j;
        }
        if (f(Run{s.substr(i, j - i), hex})) return;
        i = j;
    }
}

// Digit groups of a run: "114-3941689-8772232" -> {3, 7, 7}; empty when a letter is in it.
std::vector<size_t> digit_groups(std::string_view run) {
    std::vector<size_t> g(1, 0);
    for (char c : run) {
        if (c == '-') g.push_back(0);
        else if (is_digit(c)) ++g.back();
        else return {};
    }
    return g;
}

bool groups_are(const std::vector<size_t>& g, std::initializer_list<size_t> want) {
    return g.size() == want.size() && std::equal(g.begin(), g.end(), want.begin());
}

}  // namespace

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return out;
}

std::string hash_hex(std::string_view text) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char ch : text) {
        h ^= ch;
        h *= 1099511628211ull;
    }
    static const char kHex[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) out[size_t(i)] = kHex[h & 15];
    return out;
}

MailDomains default_mail_domains() {
    MailDomains d;
    d.domains[int(Marketplace::Amazon)] = {"marketplace.amazon.com", "amazon.com"};
    d.domains[int(Marketplace::Walmart)] = {"relay.walmart.com", "walmart.com"};
    d.domains[int(Marketplace::Ebay)] = {"members.ebay.com", "ebay.com"};
    // Wish and Tmall have no mail relay: their messages come as CSV. A seller can add domains.
    return d;
}

json mail_domains_to_json(const MailDomains& d) {
    json j = json::object();
    for (int m = 0; m < kMarketplaceCount; ++m) j[to_string(Marketplace(m))] = d.domains[m];
    return j;
}

bool mail_domains_from_json(const json& j, MailDomains& out, std::string& error) {
    if (!j.is_object()) {
        error = "the mail domains must be an object: marketplace -> list of domains";
        return false;
    }
    MailDomains d;
    for (const auto& [key, value] : j.items()) {
        Marketplace m;
        if (!parse(key, m)) {
            error = "mail domains: unknown marketplace \"" + key + "\"";
            return false;
        }
        if (!value.is_array()) {
            error = "mail domains: \"" + key + "\" must be a list of domains";
            return false;
        }
        for (const json& v : value) {
            std::string dom = v.is_string() ? lower_ascii(trim(v.get<std::string>())) : std::string();
            if (!dom.empty() && dom[0] == '@') dom.erase(0, 1);
            if (dom.empty() || dom.find('.') == std::string::npos || dom.find_first_of(" @,;") != std::string::npos) {
                error = "mail domains: \"" + key + "\" has an entry that is not a domain name (like relay.walmart.com)";
                return false;
            }
            d.domains[int(m)].push_back(dom);
        }
    }
    out = std::move(d);
    return true;
}

bool marketplace_of_address(const MailDomains& d, std::string_view address, Marketplace& out) {
    const std::string dom = domain_of(address);
    if (dom.empty()) return false;
    // The longest matching domain wins, so a seller may map a subdomain to another marketplace.
    size_t best = 0;
    for (int m = 0; m < kMarketplaceCount; ++m)
        for (const std::string& x : d.domains[m]) {
            const bool match = dom == x || (dom.size() > x.size() && ends_with_nocase(dom, "." + x));
            if (match && x.size() > best) {
                best = x.size();
                out = Marketplace(m);
            }
        }
    return best > 0;
}

std::string find_order_id(Marketplace m, std::string_view text) {
    std::string found, fallback;
    for_each_run(text, [&](const Run& r) {
        const std::vector<size_t> g = digit_groups(r.text);
        switch (m) {
        case Marketplace::Amazon:
            if (groups_are(g, {3, 7, 7})) found = r.text;
            break;
        case Marketplace::Walmart:   // the customer order number first, else a purchase order
            if (groups_are(g, {15})) found = r.text;
            else if (groups_are(g, {13}) && fallback.empty()) fallback = r.text;
            break;
        case Marketplace::Ebay:      // an order number first, else the listing's item number
            if (groups_are(g, {2, 5, 5})) found = r.text;
            else if (groups_are(g, {12}) && fallback.empty()) fallback = r.text;
            break;
        case Marketplace::Wish:
            if (r.hex && r.text.size() == 24) found = r.text;
            break;
        case Marketplace::Tmall:
            if (g.size() == 1 && g[0] >= 16 && g[0] <= 19) found = r.text;
            break;
        }
        return !found.empty();
    });
    return found.empty() ? fallback : found;
}

std::string clean_customer_name(std::string_view display) {
    std::string_view s = trim(display);
    // The relays put the marketplace after the buyer's name; a buyer's own name never ends so.
    static const char* const kSuffixes[] = {" - amazon marketplace", " - amazon.com", " - amazon", " via walmart marketplace",
                                            " via walmart", " via ebay", " (via ebay)", " - walmart"};
    bool again = true;
    while (again) {
        again = false;
        for (const char* suffix : kSuffixes) {
            const std::string_view tail(suffix);
            if (s.size() > tail.size() && ends_with_nocase(s, tail)) {
                s = trim(s.substr(0, s.size() - tail.size()));
                again = true;
            }
        }
    }
    return std::string(s);
}

std::string ebay_buyer_from_subject(std::string_view subject) {
    // "... from jdoe_77" / "... from: jdoe_77" or "jdoe_77 sent a message ..." / "jdoe_77 has sent ..."
    auto word_at = [&](size_t at) {
        while (at < subject.size() && (subject[at] == ' ' || subject[at] == ':')) ++at;
        size_t end = at;
        while (end < subject.size() && subject[end] != ' ' && subject[end] != ',' && subject[end] != ':') ++end;
        return std::string(trim(subject.substr(at, end - at)));
    };
    const std::string low = lower_ascii(subject);
    for (size_t at = low.find("from"); at != std::string::npos; at = low.find("from", at + 4)) {
        const bool word = (at == 0 || low[at - 1] == ' ') && at + 4 < low.size() && (low[at + 4] == ' ' || low[at + 4] == ':');
        if (!word) continue;
        std::string w = word_at(at + 4);
        if (!w.empty() && w != "ebay" && w.find('#') == std::string::npos) return w;
    }
    for (const char* verb : {" sent a message", " sent you a message", " has sent", " sent a question", " asked a question"}) {
        size_t at = low.find(verb);
        if (at == std::string::npos || at == 0) continue;
        size_t start = subject.rfind(' ', at - 1);
        start = start == std::string::npos ? 0 : start + 1;
        std::string w(trim(subject.substr(start, at - start)));
        if (!w.empty() && w.back() == ':') w.pop_back();
        if (!w.empty()) return w;
    }
    return {};
}

std::string thread_subject(std::string_view subject) {
    std::string_view s = trim(subject);
    static const char* const kPrefixes[] = {"re:", "re :", "fw:", "fwd:", "aw:", "wg:", "回复：", "回复:", "答复：", "答复:", "转发：", "转发:"};
    bool again = true;
    while (again) {
        again = false;
        for (const char* p : kPrefixes) {
            const std::string_view x(p);
            if (s.size() >= x.size() && lower_ascii(s.substr(0, x.size())) == x) {
                s = trim(s.substr(x.size()));
                again = true;
            }
        }
    }
    return std::string(s);
}

namespace {

bool get_text(const json& j, const char* key, std::string& out, std::string& error, bool required = false) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        if (required) error = std::string("\"") + key + "\" is missing";
        return !required;
    }
    if (!it->is_string()) {
        error = std::string("\"") + key + "\" must be a string";
        return false;
    }
    out = it->get<std::string>();
    return true;
}

bool get_list(const json& j, const char* key, std::vector<std::string>& out, std::string& error) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return true;
    if (!it->is_array()) {
        error = std::string("\"") + key + "\" must be a list of strings";
        return false;
    }
    for (const json& v : *it)
        if (v.is_string()) out.push_back(v.get<std::string>());
    return true;
}

std::string strip_angles(std::string s) {
    s = std::string(trim(s));
    if (s.size() >= 2 && s.front() == '<' && s.back() == '>') s = s.substr(1, s.size() - 2);
    return s;
}

}  // namespace

bool in_message_from_json(const json& j, InMessage& out, std::string& error) {
    if (!j.is_object()) {
        error = "a record must be an object";
        return false;
    }
    InMessage m;
    std::string date;
    if (!get_text(j, "file", m.file, error) || !get_text(j, "place", m.place, error) || !get_text(j, "message_id", m.mail_id, error) ||
        !get_text(j, "in_reply_to", m.in_reply_to, error) || !get_list(j, "references", m.references, error) ||
        !get_list(j, "to", m.to, error) || !get_text(j, "subject", m.subject, error) || !get_text(j, "date", date, error) ||
        !get_text(j, "text", m.text, error))
        return false;
    if (auto f = j.find("from"); f != j.end() && f->is_object()) {
        if (!get_text(*f, "name", m.from_name, error) || !get_text(*f, "address", m.from_address, error)) return false;
    }
    if (auto a = j.find("attachments"); a != j.end() && a->is_array())
        for (const json& x : *a) {
            if (!x.is_object()) continue;
            Attachment at;
            at.name = x.value("name", std::string());
            at.size = x.contains("size") && x["size"].is_number() ? x["size"].get<int64_t>() : 0;
            if (at.name.empty()) at.name = "attachment";
            m.attachments.push_back(std::move(at));
        }
    if (!date.empty() && !parse_iso8601(date, m.at)) {
        error = "\"date\" is not an ISO 8601 time: " + date;
        return false;
    }
    m.mail_id = strip_angles(m.mail_id);
    m.in_reply_to = strip_angles(m.in_reply_to);
    for (std::string& r : m.references) r = strip_angles(r);
    out = std::move(m);
    return true;
}

// ---- what the inbox already has ------------------------------------------------------------------
struct RecordsIndex {
    std::unordered_map<std::string, int> by_mail_id;      // Message-ID -> conversation index
    std::unordered_map<std::string, int> by_message_id;   // imported message IDs (ml-, cv-) -> conversation
    std::unordered_map<std::string, int> by_thread;       // thread key of a mail conversation -> index
    std::unordered_map<std::string, int> by_conversation; // conversation ID -> index (CSV conversation_id)
    std::unordered_set<std::string> added;                // message IDs accepted by this job
    std::unordered_map<std::string, size_t> job_mail_ids; // Message-ID -> message of this job
    std::unordered_set<std::string> customers, orders;    // IDs in the inbox
};

RecordsJob::RecordsJob() = default;
RecordsJob::~RecordsJob() = default;
RecordsJob::RecordsJob(RecordsJob&&) noexcept = default;
RecordsJob& RecordsJob::operator=(RecordsJob&&) noexcept = default;

namespace {

bool imported_id(const std::string& id) { return id.compare(0, 3, "ml-") == 0 || id.compare(0, 3, "cv-") == 0; }

std::string mail_thread_key(Marketplace m, const std::string& who, const std::string& order_id, const std::string& subject) {
    std::string k = std::string(to_string(m)) + '\x1f' + who + '\x1f';
    return order_id.empty() ? k + "s\x1f" + lower_ascii(thread_subject(subject)) : k + "o\x1f" + order_id;
}

}  // namespace

RecordsJob begin_records(const Store& existing, RecordsOptions options) {
    RecordsJob job;
    job.options = std::move(options);
    job.index = std::make_unique<RecordsIndex>();
    RecordsIndex& ix = *job.index;
    for (size_t i = 0; i < existing.conversations.size(); ++i) {
        const Conversation& c = existing.conversations[i];
        const int k = int(i);
        ix.by_conversation.emplace(c.id, k);
        for (const Message& m : c.messages) {
            if (!m.mail_id.empty()) ix.by_mail_id.emplace(m.mail_id, k);
            if (imported_id(m.id)) ix.by_message_id.emplace(m.id, k);
        }
        if (!c.mail_to.empty())
            ix.by_thread.emplace(mail_thread_key(c.marketplace, c.mail_to, c.order_id, c.subject), k);
    }
    for (const Customer& c : existing.customers) ix.customers.insert(c.id);
    for (const Order& o : existing.orders) ix.orders.insert(o.id);
    return job;
}

void skip_file(RecordsJob& job, ImportSkip skip) { job.skipped.push_back(std::move(skip)); }

std::string no_marketplace_reason(const std::string& sender) {
    return "not from a marketplace (sender " + (sender.empty() ? std::string("unknown") : sender) +
           "; the marketplaces' mail domains are in the import settings)";
}

namespace {

// "<prefix><digits>" -> the number; false for anything else.
bool numbered(const std::string& place, const char* prefix, size_t& out) {
    const std::string_view p(prefix);
    if (place.size() <= p.size() || place.compare(0, p.size(), p) != 0 || place.size() - p.size() > 15) return false;
    out = 0;
    for (size_t i = p.size(); i < place.size(); ++i) {
        if (place[i] < '0' || place[i] > '9') return false;
        out = out * 10 + size_t(place[i] - '0');
    }
    return true;
}

}  // namespace

json skip_json(const ImportSkip& s) {
    json j = {{"file", s.file}, {"reason", s.reason}};
    if (!s.code.empty()) {
        j["code"] = s.code;
        j["args"] = s.args;
    }
    return j;
}

nlohmann::json place_args(const std::string& place) {
    json args = json::object();
    size_t n = 0;
    if (numbered(place, "mail at byte ", n)) args["byte"] = n;
    else if (numbered(place, "row ", n)) args["row"] = n;
    else if (numbered(place, "record ", n)) args["record"] = n;
    else if (!place.empty()) args["place"] = place;
    return args;
}

ImportSkip bad_record_skip(const std::string& file, const std::string& place, const std::string& why) {
    ImportSkip s{file, (place.empty() ? std::string() : place + ": ") + why, "bad_record", place_args(place)};
    s.args["detail"] = why;
    return s;
}

namespace {

// A message left out: the reason after its place ("mail at byte 32774: no text: ..."), with the
// code and the values it names.
void skip(RecordsJob& job, const InMessage& m, const std::string& reason, const char* code, json args = json::object()) {
    json all = place_args(m.place);
    all.update(args);
    job.skipped.push_back({m.file, (m.place.empty() ? std::string() : m.place + ": ") + reason, code, std::move(all)});
}

// Marketplace, direction, relay address and buyer of a mail; false (with the reason) when the
// mail is from no marketplace and the user chose to skip such mail.
bool classify_mail(const RecordsJob& job, const InMessage& m, RecordsJob::Derived& d, std::string& why) {
    const RecordsOptions& o = job.options;
    Marketplace mk;
    if (marketplace_of_address(o.domains, m.from_address, mk)) {
        d.marketplace = mk;
        d.direction = Direction::Inbound;
        d.relay = lower_ascii(trim(m.from_address));
    } else {
        bool to_market = false;
        for (const std::string& t : m.to)
            if (marketplace_of_address(o.domains, t, mk)) {
                d.marketplace = mk;
                d.direction = Direction::Outbound;   // the seller's own answer, sent to the relay
                d.relay = lower_ascii(trim(t));
                to_market = true;
                break;
            }
        if (!to_market) {
            if (!o.other_mail) {
                why = no_marketplace_reason(m.from_address);
                return false;
            }
            d.marketplace = o.other_marketplace;
            d.direction = Direction::Inbound;
            d.relay = lower_ascii(trim(m.from_address));
        }
    }
    d.order_id = find_order_id(d.marketplace, m.subject);
    if (d.order_id.empty()) d.order_id = find_order_id(d.marketplace, m.text);
    if (d.direction == Direction::Inbound) d.customer = clean_customer_name(m.from_name);
    if (d.marketplace == Marketplace::Ebay) {
        // eBay copies member messages from its own address; the subject names the buyer. Answers
        // go back through eBay, so an eBay thread has no relay to write to.
        const std::string buyer = ebay_buyer_from_subject(m.subject);
        const bool from_ebay = d.direction == Direction::Inbound && domain_of(m.from_address) == "ebay.com";
        if (!buyer.empty()) d.customer = buyer;
        else if (from_ebay) d.role = AuthorRole::Platform;
        d.customer_key = lower_ascii(buyer.empty() ? d.relay : buyer);
        d.relay.clear();
    } else {
        d.customer_key = d.relay;
    }
    if (d.direction == Direction::Inbound && d.customer.empty()) d.customer = local_part(m.from_address);
    if (d.direction == Direction::Outbound) d.role = AuthorRole::Agent;
    d.message_id = "ml-" + hash_hex(m.mail_id.empty() ? m.from_address + '\x1f' + format_iso8601(m.at) + '\x1f' + m.subject + '\x1f' + m.text
                                                      : m.mail_id);
    d.thread_key = mail_thread_key(d.marketplace, d.customer_key, d.order_id, m.subject);
    return true;
}

void classify_row(const InMessage& m, RecordsJob::Derived& d) {
    d.marketplace = m.marketplace;
    d.direction = m.direction;
    d.role = m.direction == Direction::Inbound ? AuthorRole::Customer : AuthorRole::Agent;
    d.order_id = m.order_id;
    d.customer = m.customer;
    d.relay = lower_ascii(trim(m.customer_email));
    d.customer_key = lower_ascii(m.customer_email.empty() ? m.customer : m.customer_email);
    const std::string market = to_string(m.marketplace);
    d.message_id = m.message_id.empty() ? "cv-" + hash_hex(market + '\x1f' + m.order_id + '\x1f' + format_iso8601(m.at) + '\x1f' + m.text)
                                        : m.message_id;
    d.thread_key = m.conversation_id.empty() ? "k\x1f" + market + '\x1f' + m.order_id + '\x1f' + lower_ascii(m.customer)
                                             : "id\x1f" + m.conversation_id;
}

}  // namespace

void add_record(RecordsJob& job, InMessage&& m) {
    RecordsIndex& ix = *job.index;
    if (m.at == kNoTime) return skip(job, m, "no date: the mail has no Date header, so its time is unknown", "no_date");
    if (m.text.find_first_not_of(" \t\r\n") == std::string::npos && m.attachments.empty())
        return skip(job, m, "no text: the message is empty", "no_text");
    RecordsJob::Derived d;
    std::string why;
    if (m.csv) classify_row(m, d);
    else if (!classify_mail(job, m, d, why)) {
        if (m.from_address.empty()) return skip(job, m, why, "no_marketplace_unknown");
        return skip(job, m, why, "no_marketplace", {{"sender", m.from_address}});
    }
    // Already here: the same message ID (derived from the Message-ID, or for CSV from marketplace,
    // order, time and text), or a Message-ID a message of the inbox has.
    if (ix.added.count(d.message_id) || ix.by_message_id.count(d.message_id) || (!m.mail_id.empty() && ix.by_mail_id.count(m.mail_id))) {
        ++job.duplicates;
        return;
    }
    // Where it goes in the inbox, if anywhere: the thread it answers, then the same relay and order.
    if (m.csv && !m.conversation_id.empty()) {
        if (auto it = ix.by_conversation.find(m.conversation_id); it != ix.by_conversation.end()) d.existing = it->second;
    } else if (!m.csv) {
        std::vector<std::string> refs = m.references;
        if (!m.in_reply_to.empty()) refs.insert(refs.begin(), m.in_reply_to);
        for (const std::string& r : refs)
            if (auto it = ix.by_mail_id.find(r); it != ix.by_mail_id.end()) {
                d.existing = it->second;
                break;
            }
        if (d.existing < 0 && !d.relay.empty())
            if (auto it = ix.by_thread.find(d.thread_key); it != ix.by_thread.end()) d.existing = it->second;
    }
    ix.added.insert(d.message_id);
    if (!m.mail_id.empty()) ix.job_mail_ids.emplace(m.mail_id, job.messages.size());
    job.messages.push_back(std::move(m));
    job.derived.push_back(std::move(d));
}

// ---- threads into conversations ------------------------------------------------------------------
namespace {

struct Groups {   // union-find over the job's messages
    std::vector<size_t> parent;
    explicit Groups(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), size_t(0)); }
    size_t root(size_t i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }
    void join(size_t a, size_t b) {
        a = root(a);
        b = root(b);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
};

// Threads: a reply joins the mail it answers (In-Reply-To, References); messages with the same key
// (relay address or buyer, and order or subject; a CSV row's conversation) join each other.
std::vector<std::vector<size_t>> thread_messages(const RecordsJob& job) {
    const size_t n = job.messages.size();
    const RecordsIndex& ix = *job.index;
    Groups g(n);
    std::unordered_map<std::string, size_t> first_of_key;
    for (size_t i = 0; i < n; ++i) {
        const InMessage& m = job.messages[i];
        auto join_ref = [&](const std::string& r) {
            if (auto it = ix.job_mail_ids.find(r); it != ix.job_mail_ids.end()) g.join(i, it->second);
        };
        if (!m.in_reply_to.empty()) join_ref(m.in_reply_to);
        for (const std::string& r : m.references) join_ref(r);
        auto [it, fresh] = first_of_key.emplace(job.derived[i].thread_key, i);
        if (!fresh) g.join(i, it->second);
    }
    std::map<size_t, std::vector<size_t>> by_root;
    for (size_t i = 0; i < n; ++i) by_root[g.root(i)].push_back(i);
    std::vector<std::vector<size_t>> out;
    out.reserve(by_root.size());
    for (auto& kv : by_root) out.push_back(std::move(kv.second));
    return out;
}

Message make_message(InMessage& m, const RecordsJob::Derived& d) {
    Message x;
    x.id = d.message_id;
    x.direction = d.direction;
    x.role = d.role;
    if (!m.author.empty()) x.author = m.author;
    else if (d.direction == Direction::Inbound) x.author = d.customer;
    else x.author = clean_customer_name(m.from_name).empty() ? m.from_address : clean_customer_name(m.from_name);
    x.at = m.at;
    x.body = std::move(m.text);
    x.mail_id = std::move(m.mail_id);
    x.attachments = std::move(m.attachments);
    return x;
}

// Status, read state and Walmart's label follow the thread's newest message: a buyer's message
// waits for the seller.
void settle_state(Conversation& c, const Stamp& stamp, bool stamped) {
    const bool waiting = !c.messages.empty() && c.messages.back().direction == Direction::Inbound;
    const Status want = waiting ? Status::AwaitingSeller : Status::AwaitingCustomer;
    if (c.status != want && !(c.status == Status::Closed && !waiting)) {
        c.status = want;
        if (stamped) record_edit(c.edits.status, stamp);
    }
    if (waiting && !c.unread) {
        c.unread = true;
        if (stamped) record_edit(c.edits.unread, stamp);
    }
    if (waiting && c.marketplace == Marketplace::Walmart && !c.has_label(labels::kResponseNeeded)) {
        c.labels.emplace_back(labels::kResponseNeeded);
        if (stamped) {
            auto& v = c.edits.labels;
            auto it = std::lower_bound(v.begin(), v.end(), std::string(labels::kResponseNeeded),
                                       [](const LabelEdit& e, const std::string& l) { return e.label < l; });
            if (it == v.end() || it->label != labels::kResponseNeeded) it = v.insert(it, LabelEdit{labels::kResponseNeeded, Edit()});
            record_edit(it->edit, stamp);
        }
    }
}

struct Builder {
    RecordsJob& job;
    const Store& existing;
    RecordsResult& out;
    std::unordered_set<std::string>& customers_added;
    std::unordered_set<std::string>& orders_added;

    // The earliest message of a thread names a new conversation (its ID, subject, customer).
    size_t root_of(const std::vector<size_t>& members) const {
        return *std::min_element(members.begin(), members.end(), [&](size_t a, size_t b) {
            const InMessage &x = job.messages[a], &y = job.messages[b];
            return x.at != y.at ? x.at < y.at : job.derived[a].message_id < job.derived[b].message_id;
        });
    }

    std::string customer_for(const std::vector<size_t>& members, size_t root) {
        size_t who = root;
        for (size_t i : members)
            if (job.derived[i].direction == Direction::Inbound && job.derived[i].role == AuthorRole::Customer) {
                who = i;
                break;
            }
        const RecordsJob::Derived& d = job.derived[who];
        const InMessage& m = job.messages[who];
        const std::string id = std::string(m.csv ? "cu-cv-" : "cu-ml-") + hash_hex(std::string(to_string(d.marketplace)) + '\x1f' + d.customer_key);
        if (!job.index->customers.count(id) && customers_added.insert(id).second) {
            Customer c;
            c.id = id;
            c.name = d.customer.empty() ? d.customer_key : d.customer;
            if (c.name.empty()) c.name = "?";
            c.email = m.csv ? m.customer_email : d.relay;
            out.data.store.customers.push_back(std::move(c));
        }
        return id;
    }

    void order_for(const std::string& id) {
        if (id.empty() || job.index->orders.count(id) || !orders_added.insert(id).second) return;
        Order o;
        o.id = id;
        out.data.store.orders.push_back(std::move(o));
    }

    Conversation new_conversation(const std::vector<size_t>& members) {
        const size_t root = root_of(members);
        const InMessage& r = job.messages[root];
        const RecordsJob::Derived& d = job.derived[root];
        Conversation c;
        c.id = r.csv && !r.conversation_id.empty() ? r.conversation_id : std::string(r.csv ? "cv-c" : "ml-c") + hash_hex(d.message_id);
        c.marketplace = d.marketplace;
        c.subject = thread_subject(r.subject);
        for (size_t i : members)
            if (c.order_id.empty()) c.order_id = job.derived[i].order_id;
        c.kind = c.order_id.empty() ? ConversationKind::PreSale : ConversationKind::PostSale;
        if (c.subject.empty()) c.subject = c.order_id.empty() ? "(no subject)" : "Order " + c.order_id;
        c.customer_id = customer_for(members, root);
        order_for(c.order_id);
        for (size_t i : members)
            if (c.mail_to.empty()) c.mail_to = job.derived[i].relay;
        if (c.marketplace == Marketplace::Ebay) {
            bool member = false;
            for (size_t i : members) member = member || job.derived[i].role == AuthorRole::Customer;
            c.folder = member ? EbayFolder::FromMembers : EbayFolder::FromEbay;
        }
        c.unread = false;
        c.opened_at = r.at;
        return c;
    }

    void thread(const std::vector<size_t>& members) {
        int at = -1;
        for (size_t i : members)
            if (at < 0) at = job.derived[i].existing;
        Conversation c;
        if (at < 0) {
            c = new_conversation(members);
            at = existing.conversation_index(c.id);   // the same thread imported before under its own ID
        }
        const bool joins = at >= 0;
        if (joins) {
            // A copy of the inbox's conversation with only the new messages: the merge adds them,
            // and the stamped read state and status below win over the local ones.
            c = existing.conversations[size_t(at)];
            c.messages.clear();
        } else {
            ++out.conversations_added;
        }
        for (size_t i : members) c.messages.push_back(make_message(job.messages[i], job.derived[i]));
        out.messages += members.size();
        canonicalize(c);
        if (joins) {
            // The state follows the whole thread: the inbox's messages and the new ones together.
            Conversation whole = existing.conversations[size_t(at)];
            whole.messages.insert(whole.messages.end(), c.messages.begin(), c.messages.end());
            canonicalize(whole);
            settle_state(whole, job.options.stamp, !job.options.stamp.zero());
            c.status = whole.status;
            c.unread = whole.unread;
            c.labels = whole.labels;
            c.edits = whole.edits;
            if (c.mail_to.empty())
                for (size_t i : members)
                    if (c.mail_to.empty()) c.mail_to = job.derived[i].relay;
        } else {
            settle_state(c, Stamp(), false);
            c.opened_at = c.messages.front().at;
        }
        out.data.store.conversations.push_back(std::move(c));
    }
};

}  // namespace

RecordsBuild begin_build(RecordsJob&& job) {
    RecordsBuild b;
    b.job = std::move(job);
    b.out.duplicates = b.job.duplicates;
    b.out.skipped = std::move(b.job.skipped);
    if (b.job.index) b.threads = thread_messages(b.job);
    return b;
}

bool build_next(RecordsBuild& b, const Store& existing, size_t max_threads) {
    Builder builder{b.job, existing, b.out, b.customers_added, b.orders_added};
    const size_t end = b.threads.size() - b.next <= max_threads ? b.threads.size() : b.next + max_threads;
    for (; b.next < end; ++b.next) builder.thread(b.threads[b.next]);
    return b.next >= b.threads.size();
}

RecordsResult end_build(RecordsBuild&& b) {
    RecordsResult out = std::move(b.out);
    if (!b.job.index) return out;
    // Two threads the import kept apart may have met in one inbox conversation: merge them.
    std::unordered_map<std::string, size_t> seen;
    std::vector<Conversation>& list = out.data.store.conversations;
    for (size_t i = 0; i < list.size(); ++i) {
        auto [it, fresh] = seen.emplace(list[i].id, i);
        if (fresh) continue;
        Conversation& into = list[it->second];
        for (Message& m : list[i].messages) into.messages.push_back(std::move(m));
        canonicalize(into);
        list[i].messages.clear();
    }
    list.erase(std::remove_if(list.begin(), list.end(), [](const Conversation& c) { return c.messages.empty(); }), list.end());
    out.data.store.reindex();
    return out;
}

namespace {

// Drops up to `budget` entries from the back of `v` (or of a map, from its front); counts them.
template <typename Vector>
void pop_some(Vector& v, size_t& budget) {
    const size_t n = std::min(budget, v.size());
    v.erase(v.end() - long(n), v.end());
    budget -= n;
    if (v.empty()) Vector().swap(v);
}
template <typename Map>
void erase_some(Map& m, size_t& budget) {
    for (; budget > 0 && !m.empty(); --budget) m.erase(m.begin());
    if (m.empty()) Map().swap(m);
}

}  // namespace

bool release_next(RecordsBuild& b, size_t max_items) {
    size_t budget = max_items;
    pop_some(b.job.messages, budget);
    pop_some(b.job.derived, budget);
    pop_some(b.threads, budget);
    erase_some(b.customers_added, budget);
    erase_some(b.orders_added, budget);
    if (RecordsIndex* ix = b.job.index.get()) {
        for (auto* m : {&ix->by_mail_id, &ix->by_message_id, &ix->by_thread, &ix->by_conversation}) erase_some(*m, budget);
        erase_some(ix->job_mail_ids, budget);
        for (auto* set : {&ix->added, &ix->customers, &ix->orders}) erase_some(*set, budget);
    }
    if (budget == 0) return false;
    b = RecordsBuild();   // what is left is small: the options, the emptied containers
    return true;
}

RecordsResult finish_records(RecordsJob&& job, const Store& existing) {
    RecordsBuild b = begin_build(std::move(job));
    while (!build_next(b, existing, SIZE_MAX)) {
    }
    return end_build(std::move(b));
}

}  // namespace sd
