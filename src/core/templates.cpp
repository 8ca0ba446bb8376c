// Template library: placeholders, validation, fill, search, JSON and merging (see templates.h).
#include "templates.h"

#include <algorithm>
#include <cstdio>

#include "text_file.h"
#include "time.h"

namespace sd {

namespace {

const size_t kMaxErrors = 50;
const int kMaxDepth = 32;
const size_t kMaxFileBytes = 16u << 20;

inline bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c + 32) : c; }

std::string lower_ascii(std::string_view s) {
    std::string r(s);
    for (char& c : r) c = lower(c);
    return r;
}

bool blank(std::string_view s) {
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
    return true;
}

bool valid_id(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return s.front() != '-' && s.back() != '-';
}

bool valid_category(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

// "en", "zh", "pt-BR", "zh-Hant".
bool valid_language(std::string_view s) {
    size_t i = 0;
    while (i < s.size() && s[i] >= 'a' && s[i] <= 'z') ++i;
    if (i < 2 || i > 3) return false;
    if (i == s.size()) return true;
    if (s[i] != '-') return false;
    size_t rest = s.size() - i - 1;
    if (rest < 2 || rest > 8) return false;
    for (size_t k = i + 1; k < s.size(); ++k)
        if (!is_name_char(s[k]) || s[k] == '_') return false;
    return true;
}

bool valid_marketplace(std::string_view s) {
    Marketplace m;
    return s == "any" || parse(s, m);
}

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t sub = prev[j - 1] + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string suggest_placeholder(std::string_view name) {
    std::string best;
    size_t best_d = 3;
    for (const PlaceholderInfo& p : known_placeholders()) {
        size_t d = edit_distance(name, p.name);
        if (d < best_d) {
            best_d = d;
            best = p.name;
        }
    }
    return best;
}

// Problems in one body: unknown placeholders, braces that do not form a placeholder.
void check_body(std::string_view body, const std::string& path, std::vector<std::string>& errors) {
    if (blank(body)) {
        errors.push_back(path + ": empty");
        return;
    }
    for (size_t i = 0; i < body.size(); ++i) {
        char c = body[i];
        if (c == '}') {
            errors.push_back(path + ": '}' at byte " + std::to_string(i) + " closes no placeholder");
            continue;
        }
        if (c != '{') continue;
        size_t j = i + 1;
        while (j < body.size() && is_name_char(body[j])) ++j;
        if (j >= body.size() || body[j] != '}' || j == i + 1) {
            errors.push_back(path + ": '{' at byte " + std::to_string(i) +
                             " does not start a placeholder (write {name} with letters, digits and _)");
            continue;
        }
        std::string name(body.substr(i + 1, j - i - 1));
        if (!is_known_placeholder(name)) {
            std::string hint = suggest_placeholder(name);
            errors.push_back(path + ": unknown placeholder {" + name + "}" +
                             (hint.empty() ? std::string() : "; did you mean {" + hint + "}?"));
        }
        i = j;
    }
}

// Rejects JSON nested deeper than kMaxDepth before parsing (copying and dumping deep trees recurse).
bool too_deep(std::string_view text) {
    int depth = 0;
    bool in_string = false, escape = false;
    for (char c : text) {
        if (in_string) {
            if (escape) escape = false;
            else if (c == '\\') escape = true;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '[' || c == '{') {
            if (++depth > kMaxDepth) return true;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return false;
}

struct Reader {
    std::vector<std::string>& errors;
    void fail(const std::string& path, const std::string& msg) {
        if (errors.size() < kMaxErrors) errors.push_back(path + ": " + msg);
    }
    bool string_field(const nlohmann::json& o, const char* key, const std::string& path, std::string& out,
                      bool required) {
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) {
            if (required) fail(path + "/" + key, "missing");
            return !required;
        }
        if (!it->is_string()) {
            fail(path + "/" + key, "expected a string");
            return false;
        }
        out = it->get<std::string>();
        return true;
    }
    bool bool_field(const nlohmann::json& o, const char* key, const std::string& path, bool& out) {
        auto it = o.find(key);
        if (it == o.end() || it->is_null()) return true;
        if (!it->is_boolean()) {
            fail(path + "/" + key, "expected true or false");
            return false;
        }
        out = it->get<bool>();
        return true;
    }
};

bool read_template(const nlohmann::json& o, const std::string& path, Template& t, Reader& r) {
    if (!o.is_object()) {
        r.fail(path, "expected an object");
        return false;
    }
    size_t before = r.errors.size();
    r.string_field(o, "id", path, t.id, true);
    r.bool_field(o, "deleted", path, t.deleted);
    r.bool_field(o, "edited", path, t.edited);
    r.string_field(o, "marketplace", path, t.marketplace, !t.deleted);
    r.string_field(o, "category", path, t.category, !t.deleted);
    r.string_field(o, "title_zh", path, t.title_zh, !t.deleted);
    r.string_field(o, "title_en", path, t.title_en, false);
    r.string_field(o, "guidance_zh", path, t.guidance_zh, false);
    auto body = o.find("body");
    if (body == o.end() || body->is_null()) {
        if (!t.deleted) r.fail(path + "/body", "missing");
    } else if (!body->is_object()) {
        r.fail(path + "/body", "expected an object of language: text");
    } else {
        for (auto it = body->begin(); it != body->end(); ++it) {
            if (!it.value().is_string()) {
                r.fail(path + "/body/" + it.key(), "expected a string");
                continue;
            }
            t.bodies[it.key()] = it.value().get<std::string>();
        }
    }
    auto usage = o.find("usage_count");
    if (usage != o.end() && !usage->is_null()) {
        if (!usage->is_number_integer() || usage->get<int64_t>() < 0 || usage->get<int64_t>() > 1000000000)
            r.fail(path + "/usage_count", "expected a whole number from 0");
        else
            t.usage_count = int(usage->get<int64_t>());
    }
    auto last = o.find("last_used");
    if (last != o.end() && !last->is_null()) {
        Time when;
        if (!last->is_string() || !parse_iso8601(last->get<std::string>(), when))
            r.fail(path + "/last_used", "expected an ISO 8601 time such as 2026-11-25T09:30:00Z, or null");
        else
            t.last_used = when;
    }
    if (r.errors.size() != before) return false;
    for (const std::string& e : validate_template(t)) {   // "field: message" -> "templates/3/field: message"
        size_t colon = e.find(':');
        r.fail(path + "/" + e.substr(0, colon), e.substr(colon + 2));
    }
    return r.errors.size() == before;
}

std::string haystack_of(const Template& t) {
    std::string h;
    h.reserve(512);
    for (const std::string* s : {&t.id, &t.marketplace, &t.category, &t.title_zh, &t.title_en, &t.guidance_zh}) {
        h += lower_ascii(*s);
        h += '\n';
    }
    for (const auto& kv : t.bodies) {
        h += lower_ascii(kv.second);
        h += '\n';
    }
    return h;
}

}  // namespace

// ---- placeholders ----------------------------------------------------------------------------
const std::vector<PlaceholderInfo>& known_placeholders() {
    static const std::vector<PlaceholderInfo> list = {
        {"customer_name", "Buyer's name as shown on the order", "买家姓名（订单上的名字）", "Maria"},
        {"order_id", "Marketplace order ID", "平台订单号", "112-4839201-5583920"},
        {"tracking_number", "Tracking number of the parcel", "物流跟踪单号", "9400111899223197428490"},
        {"carrier", "Carrier that delivers the parcel", "承运物流商", "USPS"},
        {"eta_days", "Business days until the parcel is expected", "预计还需几个工作日送达", "5"},
        {"agent_name", "Name of the agent signing the reply", "回复署名的客服名字", "Lin"},
        {"store_name", "Store name on the marketplace", "店铺名称", "Maple Home Goods"},
        {"item", "Short product title", "商品名称（简短）", "ceramic pour-over coffee set"},
        {"marketplace", "Marketplace name (Walmart, Amazon, eBay, Wish, Tmall)", "平台名称", "Amazon"},
        {"purchase_date", "Date of purchase", "下单日期", "November 3"},
        {"edd", "Estimated delivery date", "预计送达日期", "November 14"},
        {"ship_date", "Date the parcel was shipped", "发货日期", "November 5"},
        {"transaction_id", "Wish transaction ID", "Wish 交易号", "5f2a9c1e7b"},
        {"case_id", "eBay case or request number", "eBay 纠纷/请求编号", "5198877021"},
        {"refund_amount", "Refund amount with currency", "退款金额（含币种）", "$12.50"},
        {"new_tracking_number", "Tracking number of a replacement parcel", "补发包裹的跟踪单号", "LX204518736CN"},
        {"parcel_count", "Number of parcels the order ships in", "订单拆分的包裹数", "3"},
        {"hold_days", "Days the post office keeps a parcel for collection", "邮局保留包裹的天数", "15"},
    };
    return list;
}

bool is_known_placeholder(std::string_view name) {
    for (const PlaceholderInfo& p : known_placeholders())
        if (name == p.name) return true;
    return false;
}

std::vector<PlaceholderRef> scan_placeholders(std::string_view text) {
    std::vector<PlaceholderRef> refs;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '{') continue;
        size_t j = i + 1;
        while (j < text.size() && is_name_char(text[j])) ++j;
        if (j < text.size() && text[j] == '}' && j > i + 1) {
            refs.push_back({std::string(text.substr(i + 1, j - i - 1)), i, j + 1});
            i = j;
        }
    }
    return refs;
}

std::vector<std::string> placeholder_names(std::string_view text) {
    std::vector<std::string> names;
    for (PlaceholderRef& r : scan_placeholders(text))
        if (std::find(names.begin(), names.end(), r.name) == names.end()) names.push_back(std::move(r.name));
    return names;
}

FillResult fill_template(std::string_view body, const std::map<std::string, std::string>& values) {
    FillResult r;
    r.text.reserve(body.size() + 64);
    size_t pos = 0;
    for (const PlaceholderRef& ref : scan_placeholders(body)) {
        r.text.append(body.substr(pos, ref.start - pos));
        auto it = values.find(ref.name);
        if (it != values.end() && !blank(it->second)) {
            r.text += it->second;
        } else {
            size_t s = r.text.size();
            r.text.append(body.substr(ref.start, ref.end - ref.start));
            r.missing_spans.emplace_back(s, r.text.size());
            if (std::find(r.missing.begin(), r.missing.end(), ref.name) == r.missing.end())
                r.missing.push_back(ref.name);
        }
        pos = ref.end;
    }
    r.text.append(body.substr(pos));
    return r;
}

// ---- templates -------------------------------------------------------------------------------
bool Template::applies_to(Marketplace m) const { return marketplace == "any" || marketplace == to_string(m); }

const std::string* Template::body(std::string_view lang) const {
    auto it = bodies.find(std::string(lang));
    if (it != bodies.end()) return &it->second;
    it = bodies.find("en");
    if (it != bodies.end()) return &it->second;
    return bodies.empty() ? nullptr : &bodies.begin()->second;
}

const Template* TemplateLibrary::find(std::string_view id) const {
    for (const Template& t : templates)
        if (t.id == id) return &t;
    return nullptr;
}

Template* TemplateLibrary::find(std::string_view id) {
    for (Template& t : templates)
        if (t.id == id) return &t;
    return nullptr;
}

std::vector<std::string> validate_template(const Template& t) {
    std::vector<std::string> errors;
    if (t.id.empty()) errors.push_back("id: empty");
    else if (!valid_id(t.id))
        errors.push_back("id: '" + t.id + "' may only use a-z, 0-9 and '-' (at most 64 characters)");
    if (t.deleted) return errors;
    if (!valid_marketplace(t.marketplace))
        errors.push_back("marketplace: '" + t.marketplace + "' is not one of walmart, amazon, ebay, wish, tmall, any");
    if (t.category.empty()) errors.push_back("category: empty");
    else if (!valid_category(t.category))
        errors.push_back("category: '" + t.category + "' may only use a-z, 0-9 and '_'");
    if (blank(t.title_zh)) errors.push_back("title_zh: empty");
    if (t.usage_count < 0) errors.push_back("usage_count: negative");
    if (t.bodies.empty()) errors.push_back("body: no text in any language");
    for (const auto& kv : t.bodies) {
        if (!valid_language(kv.first)) {
            errors.push_back("body/" + kv.first + ": not a language code such as en, zh or pt-BR");
            continue;
        }
        check_body(kv.second, "body/" + kv.first, errors);
    }
    return errors;
}

bool save_template(TemplateLibrary& lib, Template t, std::vector<std::string>& errors) {
    errors = validate_template(t);
    if (!errors.empty()) return false;
    t.edited = true;
    if (Template* old = lib.find(t.id)) *old = std::move(t);
    else lib.templates.push_back(std::move(t));
    return true;
}

bool delete_template(TemplateLibrary& lib, std::string_view id, const Stamp& stamp) {
    Template* t = lib.find(id);
    if (!t) return false;
    t->deleted = true;
    if (!stamp.zero()) t->stamp = stamp;
    return true;
}

bool record_use(TemplateLibrary& lib, std::string_view id, Time now) {
    Template* t = lib.find(id);
    if (!t) return false;
    ++t->usage_count;
    t->last_used = now;
    return true;
}

// ---- search ----------------------------------------------------------------------------------
std::vector<size_t> search_templates(const TemplateLibrary& lib, const TemplateQuery& q) {
    std::vector<std::string> terms;
    std::string cur;
    for (char c : q.text + " ") {
        if (c == ' ' || c == '\t' || c == '\n') {
            if (!cur.empty()) terms.push_back(lower_ascii(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    struct Hit {
        size_t index;
        int score;
    };
    std::vector<Hit> hits;
    for (size_t i = 0; i < lib.templates.size(); ++i) {
        const Template& t = lib.templates[i];
        if (t.deleted) continue;
        if (q.marketplace && !t.applies_to(*q.marketplace)) continue;
        if (!q.category.empty() && t.category != q.category) continue;
        int score = 0;
        bool all = true;
        if (!terms.empty()) {
            std::string hay = haystack_of(t);
            std::string titles = lower_ascii(t.title_zh) + "\n" + lower_ascii(t.title_en) + "\n" + t.category;
            for (const std::string& term : terms) {
                if (hay.find(term) == std::string::npos) {
                    all = false;
                    break;
                }
                if (titles.find(term) != std::string::npos) score += 10;
                else score += 1;
            }
        }
        if (all) hits.push_back({i, score});
    }
    std::stable_sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
        if (a.score != b.score) return a.score > b.score;
        return lib.templates[a.index].usage_count > lib.templates[b.index].usage_count;
    });
    std::vector<size_t> out;
    out.reserve(hits.size());
    for (const Hit& h : hits) out.push_back(h.index);
    return out;
}

// ---- JSON ------------------------------------------------------------------------------------
nlohmann::json template_to_json(const Template& t) {
    nlohmann::json o = nlohmann::json::object();
    o["id"] = t.id;
    if (t.deleted) {
        o["deleted"] = true;
        return o;
    }
    o["marketplace"] = t.marketplace;
    o["category"] = t.category;
    o["title_zh"] = t.title_zh;
    if (!t.title_en.empty()) o["title_en"] = t.title_en;
    o["guidance_zh"] = t.guidance_zh;
    nlohmann::json body = nlohmann::json::object();
    for (const auto& kv : t.bodies) body[kv.first] = kv.second;
    o["body"] = body;
    o["usage_count"] = t.usage_count;
    o["last_used"] = t.last_used == kNoTime ? nlohmann::json(nullptr) : nlohmann::json(format_iso8601(t.last_used));
    if (t.edited) o["edited"] = true;
    return o;
}

nlohmann::json library_to_json(const TemplateLibrary& lib) {
    nlohmann::json arr = nlohmann::json::array();
    for (const Template& t : lib.templates) arr.push_back(template_to_json(t));
    return {{"format", "sellerdesk-templates"}, {"version", 1}, {"templates", arr}};
}

bool library_from_json(const nlohmann::json& j, TemplateLibrary& out, std::vector<std::string>& errors) {
    errors.clear();
    Reader r{errors};
    if (!j.is_object()) {
        r.fail("(root)", "expected an object with a \"templates\" array");
        return false;
    }
    auto fmt = j.find("format");
    if (fmt != j.end() && (!fmt->is_string() || fmt->get<std::string>() != "sellerdesk-templates"))
        r.fail("format", "expected \"sellerdesk-templates\"");
    auto ver = j.find("version");
    if (ver != j.end() && (!ver->is_number_integer() || ver->get<int64_t>() != 1))
        r.fail("version", "unsupported version (this build reads version 1)");
    auto arr = j.find("templates");
    if (arr == j.end()) {
        r.fail("templates", "missing");
        return false;
    }
    if (!arr->is_array()) {
        r.fail("templates", "expected an array");
        return false;
    }
    TemplateLibrary lib;
    lib.templates.reserve(arr->size());
    std::map<std::string, size_t> first_use;   // id -> index, also for templates with other errors
    for (size_t i = 0; i < arr->size(); ++i) {
        std::string path = "templates/" + std::to_string(i);
        Template t;
        bool ok = read_template((*arr)[i], path, t, r);
        if (!t.id.empty()) {
            auto seen = first_use.emplace(t.id, i);
            if (!seen.second) {
                r.fail(path + "/id", "duplicate id '" + t.id + "' (first used at templates/" +
                                         std::to_string(seen.first->second) + ")");
                ok = false;
            }
        }
        if (ok) lib.templates.push_back(std::move(t));
    }
    if (!errors.empty()) return false;
    out = std::move(lib);
    return true;
}

bool library_from_text(std::string_view text, TemplateLibrary& out, std::vector<std::string>& errors) {
    errors.clear();
    if (text.size() > kMaxFileBytes) {
        errors.push_back("(file): larger than 16 MB");
        return false;
    }
    if (too_deep(text)) {
        errors.push_back("(file): JSON nested deeper than " + std::to_string(kMaxDepth) + " levels");
        return false;
    }
    nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded()) {
        errors.push_back("(file): not valid JSON");
        return false;
    }
    return library_from_json(j, out, errors);
}

bool load_library_file(const std::string& path, TemplateLibrary& out, std::vector<std::string>& errors) {
    std::string text, error;
    if (!read_text_file(path, kMaxFileBytes, text, error)) {
        errors.assign(1, error);
        return false;
    }
    return library_from_text(text, out, errors);
}

// ---- merge -----------------------------------------------------------------------------------
TemplateLibrary merge_libraries(const TemplateLibrary& bundled, const TemplateLibrary& user) {
    TemplateLibrary out;
    out.templates.reserve(bundled.templates.size() + user.templates.size());
    for (const Template& b : bundled.templates) {
        const Template* u = user.find(b.id);
        if (!u) {
            out.templates.push_back(b);
        } else if (u->edited || u->deleted) {
            out.templates.push_back(*u);
        } else {
            Template t = b;
            t.usage_count = u->usage_count;
            t.last_used = u->last_used;
            out.templates.push_back(std::move(t));
        }
    }
    for (const Template& u : user.templates)
        if (!bundled.find(u.id)) out.templates.push_back(u);
    return out;
}

}  // namespace sd
