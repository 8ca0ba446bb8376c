// Scenario packs as JSON (docs/scenarios.md): a strict reader that lists every problem with its
// place before anything is kept, and the writer. Packs are small (a few hundred kB at most), so
// they are read as a document tree.
#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <map>

#include "scenario.h"
#include "text_file.h"

namespace sd {

using nlohmann::json;

namespace {

constexpr size_t kMaxErrors = 50;
constexpr size_t kMaxFileBytes = size_t(4) << 20;
constexpr int64_t kMaxAfter = 90 * 86400;     // a timeline spans at most 90 days
constexpr int64_t kMaxOffset = 3650 * 86400;  // order times within ten years of the start

std::string at(const std::string& path, const char* key) { return path.empty() ? key : path + "/" + key; }

bool valid_id(const std::string& s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}
bool valid_name(const std::string& s) {   // labels and template families: [a-z0-9_]
    if (s.empty() || s.size() > 64) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}
bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

// The choices of an enum, for error messages: "walmart, amazon, ebay, wish, tmall".
template <class E>
std::string choices(int count) {
    std::string out;
    for (int i = 0; i < count; ++i) out += std::string(i ? ", " : "") + to_string(E(i));
    return out;
}

struct Reader {
    std::vector<std::string>& errors;

    void fail(const std::string& path, const std::string& why) {
        if (errors.size() < kMaxErrors) errors.push_back((path.empty() ? "(root)" : path) + ": " + why);
    }
    // An object whose members are all in `names`; false (and an error) when `v` is not an object.
    bool object(const json& v, const std::string& path, std::initializer_list<const char*> names) {
        if (!v.is_object()) {
            fail(path, "expected an object");
            return false;
        }
        for (auto it = v.begin(); it != v.end(); ++it) {
            bool known = false;
            for (const char* n : names) known = known || it.key() == n;
            if (!known) fail(at(path, it.key().c_str()), "unknown member (check the spelling; docs/scenarios.md lists them)");
        }
        return true;
    }
    const json* member(const json& o, const std::string& path, const char* key, bool required) {
        auto it = o.find(key);
        if (it == o.end()) {
            if (required) fail(at(path, key), "missing");
            return nullptr;
        }
        return &*it;
    }
    void text(const json& o, const std::string& path, const char* key, std::string& out, bool required) {
        const json* v = member(o, path, key, required);
        if (!v) return;
        if (!v->is_string()) return fail(at(path, key), "expected a string");
        out = v->get<std::string>();
        if (required && blank(out)) fail(at(path, key), "empty");
    }
    void boolean(const json& o, const std::string& path, const char* key, bool& out) {
        const json* v = member(o, path, key, false);
        if (!v) return;
        if (!v->is_boolean()) return fail(at(path, key), "expected true or false");
        out = v->get<bool>();
    }
    // An integer in [lo, hi]; `null_ok`: null reads as kNoTime.
    void integer(const json& o, const std::string& path, const char* key, int64_t& out, int64_t lo, int64_t hi,
                 bool required, bool null_ok = false) {
        const json* v = member(o, path, key, required);
        if (!v) return;
        if (null_ok && v->is_null()) {
            out = kNoTime;
            return;
        }
        if (!v->is_number_integer()) return fail(at(path, key), null_ok ? "expected a whole number of seconds or null" : "expected an integer");
        const int64_t x = v->get<int64_t>();
        if (x < lo) return fail(at(path, key), "must be " + std::to_string(lo) + " or more (got " + std::to_string(x) + ")");
        if (x > hi) return fail(at(path, key), "must be at most " + std::to_string(hi) + " (got " + std::to_string(x) + ")");
        out = x;
    }
    template <class E>
    bool choice(const json& o, const std::string& path, const char* key, E& out, int count, bool required) {
        const json* v = member(o, path, key, required);
        if (!v) return false;
        if (!v->is_string() || !parse(v->get<std::string>(), out)) {
            fail(at(path, key), (v->is_string() ? "'" + v->get<std::string>() + "'" : std::string("the value")) +
                                    " is not one of " + choices<E>(count));
            return false;
        }
        return true;
    }
    void bilingual(const json& o, const std::string& path, const char* key, Bilingual& out, bool required) {
        const json* v = member(o, path, key, required);
        if (!v || !object(*v, at(path, key), {"en", "zh"})) return;
        text(*v, at(path, key), "en", out.en, true);
        text(*v, at(path, key), "zh", out.zh, true);
    }
    // A list of strings; `names`: each must be [a-z0-9_] (labels).
    void strings(const json& o, const std::string& path, const char* key, std::vector<std::string>& out, bool names) {
        const json* v = member(o, path, key, false);
        if (!v) return;
        if (!v->is_array()) return fail(at(path, key), "expected an array of strings");
        for (size_t i = 0; i < v->size(); ++i) {
            const std::string p = at(path, key) + "/" + std::to_string(i);
            if (!(*v)[i].is_string()) {
                fail(p, "expected a string");
                continue;
            }
            std::string s = (*v)[i].get<std::string>();
            if (names && !valid_name(s)) fail(p, "'" + s + "' may only use a-z, 0-9 and '_'");
            else if (blank(s)) fail(p, "empty");
            else out.push_back(std::move(s));
        }
    }
};

void read_customer(Reader& r, const json& v, const std::string& path, Customer& c) {
    if (!r.object(v, path, {"name", "email", "country"})) return;
    r.text(v, path, "name", c.name, true);
    r.text(v, path, "email", c.email, false);
    r.text(v, path, "country", c.country, false);
}

void read_order(Reader& r, const json& v, const std::string& path, Order& o) {
    if (!r.object(v, path, {"id", "transaction_id", "item", "sku", "amount_cents", "currency", "purchased_at",
                            "paid_at", "shipped_at", "estimated_delivery", "region", "gift", "carrier",
                            "tracking_number"}))
        return;
    r.text(v, path, "id", o.id, true);
    r.text(v, path, "transaction_id", o.transaction_id, false);
    r.text(v, path, "item", o.item, true);
    r.text(v, path, "sku", o.sku, false);
    r.integer(v, path, "amount_cents", o.amount_cents, 0, INT64_MAX / 4, false);
    r.text(v, path, "currency", o.currency, false);
    const char* times[] = {"purchased_at", "paid_at", "shipped_at", "estimated_delivery"};
    Time* slots[] = {&o.purchased_at, &o.paid_at, &o.shipped_at, &o.estimated_delivery};
    for (size_t k = 0; k < 4; ++k) r.integer(v, path, times[k], *slots[k], -kMaxOffset, kMaxOffset, false, true);
    r.text(v, path, "region", o.region, false);
    r.boolean(v, path, "gift", o.gift);
    r.text(v, path, "carrier", o.carrier, false);
    r.text(v, path, "tracking_number", o.tracking_number, false);
}

void read_event(Reader& r, const json& v, const std::string& path, Marketplace m, ScenarioEvent& e) {
    if (!r.object(v, path, {"after_s", "type", "role", "author", "text", "case", "channel"})) return;
    r.integer(v, path, "after_s", e.after_s, 0, kMaxAfter, true);
    r.choice(v, path, "type", e.type, 3, false);
    if (r.choice(v, path, "role", e.role, 4, false) && e.role == AuthorRole::Agent)
        r.fail(at(path, "role"), "a timeline has only the buyer's side (customer, customer_care, platform); "
                                 "the seller's replies are the trainee's");
    r.text(v, path, "author", e.author, false);
    r.text(v, path, "text", e.text, e.type != EventType::OpenCase);
    if (e.type != EventType::OpenCase) {
        for (const char* k : {"case", "channel"})
            if (v.contains(k)) r.fail(at(path, k), "only an open_case event has it");
        return;
    }
    if (m != Marketplace::Ebay) r.fail(at(path, "type"), "open_case is eBay's (INR and SNAD cases)");
    if (r.choice(v, path, "case", e.case_type, 3, true) && e.case_type == CaseType::None)
        r.fail(at(path, "case"), "expected inr or snad");
    r.choice(v, path, "channel", e.channel, 2, false);
}

void read_timeline(Reader& r, const json& s, const std::string& path, Marketplace m, std::vector<ScenarioEvent>& out) {
    const json* v = r.member(s, path, "timeline", true);
    if (!v) return;
    const std::string tp = at(path, "timeline");
    if (!v->is_array() || v->empty()) return r.fail(tp, "expected a non-empty array of events");
    for (size_t i = 0; i < v->size(); ++i) {
        const std::string p = tp + "/" + std::to_string(i);
        ScenarioEvent e;
        read_event(r, (*v)[i], p, m, e);
        if (i == 0 && e.type != EventType::Message)
            r.fail(at(p, "type"), "the first event must be a message (it opens the conversation)");
        if (!out.empty() && e.after_s < out.back().after_s)
            r.fail(at(p, "after_s"), std::to_string(e.after_s) + " is earlier than the event before it (" +
                                         std::to_string(out.back().after_s) + "): list events in time order");
        out.push_back(std::move(e));
    }
}

void read_expect(Reader& r, const json& s, const std::string& path, const Scenario& sc, ScenarioExpect& x) {
    const json* v = r.member(s, path, "expect", true);
    const std::string p = at(path, "expect");
    if (!v || !r.object(*v, p, {"reply", "labels", "spam", "template", "remark", "note", "status"})) return;
    r.boolean(*v, p, "reply", x.reply);
    r.strings(*v, p, "labels", x.labels, true);
    SpamReason spam = SpamReason::None;
    if (r.choice(*v, p, "spam", spam, 4, false)) x.spam = spam;
    if (spam != SpamReason::None && sc.kind != ConversationKind::PreSale)
        r.fail(at(p, "spam"), "only a pre-sale message can be flagged as spam (order-related messages may not be)");
    if (spam != SpamReason::None && x.reply)
        r.fail(at(p, "reply"), "must be false when the message should be flagged as spam (an answer removes the flag)");
    r.text(*v, p, "template", x.template_family, false);
    if (v->contains("template") && !valid_name(x.template_family))
        r.fail(at(p, "template"), "a template family (category) such as item_not_received: a-z, 0-9 and '_'");
    if (const json* rm = r.member(*v, p, "remark", false); rm && r.object(*rm, at(p, "remark"), {"flag", "keywords"})) {
        ExpectedRemark e;
        r.choice(*rm, at(p, "remark"), "flag", e.flag, 5, true);
        r.strings(*rm, at(p, "remark"), "keywords", e.keywords, false);
        x.remark = e;
    }
    if (const json* n = r.member(*v, p, "note", false); n && r.object(*n, at(p, "note"), {"keywords"})) {
        ExpectedNote e;
        r.strings(*n, at(p, "note"), "keywords", e.keywords, false);
        x.note = e;
    }
    Status st = Status::AwaitingSeller;
    if (r.choice(*v, p, "status", st, 3, false)) x.status = st;
}

void read_scoring(Reader& r, const json& s, const std::string& path, ScenarioScoring& sc) {
    const json* v = r.member(s, path, "scoring", false);
    const std::string p = at(path, "scoring");
    if (!v || !r.object(*v, p, {"deadline_s", "max_rounds", "elements", "restate_keywords"})) return;
    r.integer(*v, p, "deadline_s", sc.deadline_s, 1, kMaxAfter, false);
    int64_t rounds = 0;
    r.integer(*v, p, "max_rounds", rounds, 1, 50, false);
    sc.max_rounds = int(rounds);
    std::vector<std::string> names;
    r.strings(*v, p, "elements", names, true);
    for (size_t i = 0; i < names.size(); ++i) {
        ReplyElement e;
        const std::string ep = at(p, "elements") + "/" + std::to_string(i);
        if (!parse(names[i], e)) r.fail(ep, "'" + names[i] + "' is not one of " + choices<ReplyElement>(kReplyElementCount));
        else if (std::find(sc.elements.begin(), sc.elements.end(), e) != sc.elements.end()) r.fail(ep, "listed twice");
        else sc.elements.push_back(e);
    }
    r.strings(*v, p, "restate_keywords", sc.restate_keywords, false);
}

void read_scenario(Reader& r, const json& v, const std::string& path, Scenario& s) {
    if (!r.object(v, path, {"id", "title", "brief", "marketplace", "kind", "topic", "subject", "labels", "folder",
                            "customer", "order", "timeline", "expect", "scoring"}))
        return;
    r.text(v, path, "id", s.id, true);
    if (v.contains("id") && v["id"].is_string() && !valid_id(s.id))
        r.fail(at(path, "id"), "'" + s.id + "' may only use a-z, 0-9 and '-' (at most 64 characters)");
    r.bilingual(v, path, "title", s.title, true);
    r.bilingual(v, path, "brief", s.brief, false);
    r.choice(v, path, "marketplace", s.marketplace, kMarketplaceCount, true);
    r.choice(v, path, "kind", s.kind, 2, false);
    r.choice(v, path, "topic", s.topic, kTopicCount, true);
    r.text(v, path, "subject", s.subject, true);
    r.strings(v, path, "labels", s.labels, true);
    if (r.choice(v, path, "folder", s.folder, 4, false) && s.folder != EbayFolder::None && s.marketplace != Marketplace::Ebay)
        r.fail(at(path, "folder"), "folders are eBay's");
    if (const json* c = r.member(v, path, "customer", true)) read_customer(r, *c, at(path, "customer"), s.customer);
    if (const json* o = r.member(v, path, "order", false)) {
        if (s.kind == ConversationKind::PreSale) r.fail(at(path, "order"), "a pre-sale scenario has no order");
        s.order.emplace();
        read_order(r, *o, at(path, "order"), *s.order);
    } else if (s.kind == ConversationKind::PostSale) {
        r.fail(at(path, "order"), "missing (a post-sale scenario is about an order)");
    }
    read_timeline(r, v, path, s.marketplace, s.timeline);
    read_expect(r, v, path, s, s.expect);
    read_scoring(r, v, path, s.scoring);
}

void read_header(Reader& r, const json& j, ScenarioPack& p) {
    std::string format;
    r.text(j, "", "format", format, true);
    if (j.contains("format") && j["format"].is_string() && format != kScenarioFormat)
        r.fail("format", "expected \"" + std::string(kScenarioFormat) + "\" (got \"" + format + "\")");
    int64_t version = 0;
    r.integer(j, "", "version", version, 0, INT64_MAX, true);
    if (j.contains("version") && j["version"].is_number_integer() && version != kScenarioVersion)
        r.fail("version", "unsupported version " + std::to_string(version) + " (this build reads version 1)");
    r.text(j, "", "id", p.id, true);
    if (j.contains("id") && j["id"].is_string() && !valid_id(p.id))
        r.fail("id", "'" + p.id + "' may only use a-z, 0-9 and '-' (at most 64 characters)");
    r.bilingual(j, "", "title", p.title, true);
}

}  // namespace

bool pack_from_json(const json& j, ScenarioPack& out, std::vector<std::string>& errors) {
    errors.clear();
    Reader r{errors};
    if (!r.object(j, "", {"format", "version", "id", "title", "scenarios"})) return false;
    ScenarioPack pack;
    read_header(r, j, pack);
    const json* arr = r.member(j, "", "scenarios", true);
    if (arr && (!arr->is_array() || arr->empty())) r.fail("scenarios", "expected a non-empty array of scenarios");
    std::map<std::string, size_t> ids, orders;
    for (size_t i = 0; arr && arr->is_array() && i < arr->size(); ++i) {
        const std::string path = "scenarios/" + std::to_string(i);
        Scenario s;
        read_scenario(r, (*arr)[i], path, s);
        if (!s.id.empty() && !ids.emplace(s.id, i).second)
            r.fail(path + "/id", "duplicate id '" + s.id + "' (first used at scenarios/" + std::to_string(ids[s.id]) + ")");
        if (s.order && !s.order->id.empty() && !orders.emplace(s.order->id, i).second)
            r.fail(path + "/order/id", "order '" + s.order->id + "' is already used by scenarios/" +
                                           std::to_string(orders[s.order->id]));
        pack.scenarios.push_back(std::move(s));
    }
    if (!errors.empty()) return false;
    out = std::move(pack);
    return true;
}

bool pack_from_text(std::string_view text, ScenarioPack& out, std::vector<std::string>& errors) {
    errors.clear();
    if (text.size() > kMaxFileBytes) {
        errors.push_back("(file): larger than 4 MB");
        return false;
    }
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded()) {
        errors.push_back("(file): not valid JSON");
        return false;
    }
    return pack_from_json(j, out, errors);
}

bool load_pack_file(const std::string& path, ScenarioPack& out, std::vector<std::string>& errors) {
    std::string text, error;
    if (!read_text_file(path, kMaxFileBytes, text, error)) {
        errors.assign(1, error);
        return false;
    }
    return pack_from_text(text, out, errors);
}

// ---- writing ------------------------------------------------------------------------------------
namespace {

json bilingual_json(const Bilingual& b) { return {{"en", b.en}, {"zh", b.zh}}; }
json offset_json(Time t) { return t == kNoTime ? json(nullptr) : json(t); }

json order_json(const Order& o) {
    json j = {{"id", o.id}, {"item", o.item}};
    const std::pair<const char*, const std::string*> texts[] = {
        {"transaction_id", &o.transaction_id}, {"sku", &o.sku}, {"currency", &o.currency},
        {"region", &o.region}, {"carrier", &o.carrier}, {"tracking_number", &o.tracking_number}};
    for (const auto& t : texts)
        if (!t.second->empty()) j[t.first] = *t.second;
    if (o.amount_cents) j["amount_cents"] = o.amount_cents;
    j["purchased_at"] = offset_json(o.purchased_at);
    j["paid_at"] = offset_json(o.paid_at);
    j["shipped_at"] = offset_json(o.shipped_at);
    j["estimated_delivery"] = offset_json(o.estimated_delivery);
    if (o.gift) j["gift"] = true;
    return j;
}

json event_json(const ScenarioEvent& e) {
    json j = {{"after_s", e.after_s}, {"type", to_string(e.type)}};
    if (e.role != AuthorRole::Customer) j["role"] = to_string(e.role);
    if (!e.author.empty()) j["author"] = e.author;
    if (!e.text.empty()) j["text"] = e.text;
    if (e.type == EventType::OpenCase) {
        j["case"] = to_string(e.case_type);
        j["channel"] = to_string(e.channel);
    }
    return j;
}

json expect_json(const ScenarioExpect& x) {
    json j = {{"reply", x.reply}};
    if (!x.labels.empty()) j["labels"] = x.labels;
    if (x.spam) j["spam"] = to_string(*x.spam);
    if (!x.template_family.empty()) j["template"] = x.template_family;
    if (x.remark) j["remark"] = {{"flag", to_string(x.remark->flag)}, {"keywords", x.remark->keywords}};
    if (x.note) j["note"] = {{"keywords", x.note->keywords}};
    if (x.status) j["status"] = to_string(*x.status);
    return j;
}

json scoring_json(const ScenarioScoring& s) {
    json j = json::object();
    if (s.deadline_s > 0) j["deadline_s"] = s.deadline_s;
    if (s.max_rounds > 0) j["max_rounds"] = s.max_rounds;
    json el = json::array();
    for (ReplyElement e : s.elements) el.push_back(to_string(e));
    j["elements"] = el;
    if (!s.restate_keywords.empty()) j["restate_keywords"] = s.restate_keywords;
    return j;
}

}  // namespace

json scenario_to_json(const Scenario& s) {
    json j = {{"id", s.id}, {"title", bilingual_json(s.title)}};
    if (!s.brief.en.empty() || !s.brief.zh.empty()) j["brief"] = bilingual_json(s.brief);
    j["marketplace"] = to_string(s.marketplace);
    j["kind"] = to_string(s.kind);
    j["topic"] = to_string(s.topic);
    j["subject"] = s.subject;
    if (!s.labels.empty()) j["labels"] = s.labels;
    if (s.folder != EbayFolder::None) j["folder"] = to_string(s.folder);
    json who = {{"name", s.customer.name}};
    if (!s.customer.email.empty()) who["email"] = s.customer.email;
    if (!s.customer.country.empty()) who["country"] = s.customer.country;
    j["customer"] = who;
    if (s.order) j["order"] = order_json(*s.order);
    json tl = json::array();
    for (const ScenarioEvent& e : s.timeline) tl.push_back(event_json(e));
    j["timeline"] = tl;
    j["expect"] = expect_json(s.expect);
    j["scoring"] = scoring_json(s.scoring);
    return j;
}

json pack_to_json(const ScenarioPack& p) {
    json arr = json::array();
    for (const Scenario& s : p.scenarios) arr.push_back(scenario_to_json(s));
    return {{"format", kScenarioFormat}, {"version", kScenarioVersion}, {"id", p.id},
            {"title", bilingual_json(p.title)}, {"scenarios", arr}};
}

}  // namespace sd
