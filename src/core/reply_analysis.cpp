// What a reply carries, for scoring (scoring.h): the elements of a good reply and the template it
// was written from. English replies reuse the reply checker's structure hints (greeting, restated
// problem, sign-off); a concrete time frame and numbered options, and all of the Chinese side, are
// small scanners here.
#include <algorithm>
#include <set>

#include "checker.h"
#include "scoring.h"
#include "text_fold.h"

namespace sd {

namespace {

// Folded words of a text, CJK runs cut into single characters (Chinese has no spaces).
std::vector<std::string> tokens_of(std::string_view text) {
    std::vector<std::string> out;
    for_each_word(fold(text), [&](std::string_view w, bool cjk) {
        if (!cjk) return out.emplace_back(w), void();
        for (size_t i = 0; i < w.size();) {
            uint32_t cp = 0;
            size_t len = decode_utf8(w, i, cp);
            out.emplace_back(w.substr(i, len));
            i += len;
        }
    });
    return out;
}

bool mostly_chinese(std::string_view text) {
    size_t cjk = 0, latin = 0;
    for (size_t i = 0; i < text.size();) {
        uint32_t cp = 0;
        size_t len = decode_utf8(text, i, cp);
        if (is_cjk(cp)) ++cjk;
        else if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ++latin;
        i += len;
    }
    return cjk * 3 > latin;   // a CJK character carries about as much as a short word
}

bool contains_any(std::string_view hay, std::initializer_list<const char*> needles) {
    for (const char* n : needles)
        if (hay.find(n) != std::string_view::npos) return true;
    return false;
}

bool is_number_word(const std::string& t) {
    static const std::set<std::string> words = {"one", "two", "three", "four", "five", "six", "seven",
                                                "eight", "nine", "ten", "twelve", "fourteen", "thirty"};
    return std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }) || words.count(t);
}

bool english_time_frame(const std::vector<std::string>& t) {
    static const std::set<std::string> units = {"minute", "minutes", "hour", "hours", "day", "days", "week",
                                                "weeks", "business", "working", "hrs", "h"};
    static const std::set<std::string> days = {"today", "tomorrow", "tonight", "monday", "tuesday", "wednesday",
                                               "thursday", "friday", "saturday", "sunday"};
    static const std::set<std::string> months = {"january", "february", "march", "april", "may", "june", "july",
                                                 "august", "september", "october", "november", "december"};
    for (size_t i = 0; i < t.size(); ++i) {
        if (days.count(t[i])) return true;
        if (months.count(t[i]) && i + 1 < t.size() && is_number_word(t[i + 1])) return true;
        if (!is_number_word(t[i])) continue;
        for (size_t k = i + 1; k < t.size() && k <= i + 2; ++k)
            if (units.count(t[k])) return true;
    }
    return false;
}

// "24小时内", "1-2个工作日", "三天", "明天": a number (digits or Chinese numerals) before a unit.
bool chinese_time_frame(std::string_view text) {
    if (contains_any(text, {"明天", "今天", "今晚", "后天", "马上为您", "立即为您"})) return true;
    static const char* const units[] = {"小时", "分钟", "工作日", "天", "日内", "周", "星期"};
    static const std::u32string numerals = U"0123456789一二两三四五六七八九十半";
    for (const char* u : units) {
        for (size_t at = text.find(u); at != std::string_view::npos; at = text.find(u, at + 1)) {
            size_t i = at;   // step back over "个" and spaces to the code point before
            while (i > 0) {
                size_t b = i - 1;
                while (b > 0 && (uint8_t(text[b]) & 0xC0) == 0x80) --b;
                uint32_t cp = 0;
                decode_utf8(text, b, cp);
                if (cp == U'个' || cp == ' ') {
                    i = b;
                    continue;
                }
                if (numerals.find(char32_t(cp)) != std::u32string::npos) return true;
                break;
            }
        }
    }
    return false;
}

// At least two lines that start "1." / "1)" / "(1)" / "1、" / "①", numbered 1 and 2.
bool numbered_options(std::string_view text) {
    bool one = false, two = false;
    size_t line = 0;
    while (line <= text.size()) {
        size_t end = text.find('\n', line);
        if (end == std::string_view::npos) end = text.size();
        std::string_view l = text.substr(line, end - line);
        size_t i = l.find_first_not_of(" \t");
        if (i != std::string_view::npos) {
            l = l.substr(i);
            if (l.rfind("(", 0) == 0 || l.rfind("（", 0) == 0) l.remove_prefix(l[0] == '(' ? 1 : 3);
            int n = 0;
            size_t d = 0;
            for (; d < l.size() && d < 2 && l[d] >= '0' && l[d] <= '9'; ++d) n = n * 10 + (l[d] - '0');
            std::string_view rest = l.substr(d);
            bool mark = d > 0 && (rest.rfind(".", 0) == 0 || rest.rfind(")", 0) == 0 || rest.rfind("、", 0) == 0 ||
                                  rest.rfind("）", 0) == 0 || rest.rfind(":", 0) == 0);
            if (l.rfind("①", 0) == 0) mark = true, n = 1;
            if (l.rfind("②", 0) == 0) mark = true, n = 2;
            one = one || (mark && n == 1);
            two = two || (mark && n == 2);
        }
        line = end + 1;
    }
    return one && two;
}

bool has_keyword(std::string_view text, const std::vector<std::string>& keywords) {
    const std::string hay = fold(text);
    for (const std::string& k : keywords)
        if (!k.empty() && hay.find(fold(k)) != std::string::npos) return true;
    return false;
}

void chinese_elements(std::string_view text, std::vector<bool>& has) {
    size_t first_end = text.find('\n');
    std::string_view first = text.substr(0, first_end == std::string_view::npos ? text.size() : first_end);
    std::string_view tail = text.substr(text.size() > 90 ? text.size() - 90 : 0);
    has[size_t(ReplyElement::Greeting)] = contains_any(first, {"您好", "你好", "亲", "尊敬的", "欢迎光临"});
    has[size_t(ReplyElement::Restatement)] =
        contains_any(text, {"您反映", "您提到", "您说", "您咨询", "关于您", "了解到", "您遇到", "您的问题", "收到您",
                            "您想", "您需要", "您希望", "您申请"});
    has[size_t(ReplyElement::Signoff)] = contains_any(tail, {"祝您", "祝", "感谢", "谢谢", "客服", "敬上", "此致"});
}

void english_elements(std::string_view text, std::vector<bool>& has) {
    CheckContext ctx;
    ctx.marketplace = Marketplace::Amazon;   // the structure hints are Amazon's rules, useful everywhere
    ctx.region = "US";
    has[size_t(ReplyElement::Greeting)] = has[size_t(ReplyElement::Restatement)] =
        has[size_t(ReplyElement::Signoff)] = true;
    for (const Finding& f : check_reply(text, ctx)) {
        if (f.rule == "missing_greeting") has[size_t(ReplyElement::Greeting)] = false;
        if (f.rule == "missing_restatement") has[size_t(ReplyElement::Restatement)] = false;
        if (f.rule == "missing_signoff") has[size_t(ReplyElement::Signoff)] = false;
        if (f.rule == "empty_reply") has.assign(has.size(), false);
    }
}

}  // namespace

std::vector<ReplyElement> reply_elements(std::string_view reply, const std::vector<std::string>& restate_keywords) {
    std::vector<bool> has(kReplyElementCount, false);
    if (reply.find_first_not_of(" \t\r\n") == std::string_view::npos) return {};
    const bool zh = mostly_chinese(reply);
    if (zh) chinese_elements(reply, has);
    else english_elements(reply, has);
    if (has_keyword(reply, restate_keywords)) has[size_t(ReplyElement::Restatement)] = true;
    has[size_t(ReplyElement::TimeFrame)] = zh ? chinese_time_frame(reply) : english_time_frame(tokens_of(reply));
    has[size_t(ReplyElement::NumberedOptions)] = numbered_options(reply);
    std::vector<ReplyElement> out;
    for (int i = 0; i < kReplyElementCount; ++i)
        if (has[size_t(i)]) out.push_back(ReplyElement(i));
    return out;
}

// ---- templates ------------------------------------------------------------------------------------
namespace {

constexpr size_t kGram = 3;

// Word triples as 64-bit hashes (FNV-1a of the words, combined), sorted and unique: comparing
// hashes instead of strings keeps a whole library's check of a reply near a millisecond.
uint64_t word_hash(std::string_view w) {
    uint64_t h = 1469598103934665603ull;
    for (char c : w) h = (h ^ uint8_t(c)) * 1099511628211ull;
    return h;
}

void add_grams(const std::vector<std::string>& t, std::vector<uint64_t>& out) {
    for (size_t i = 0; i + kGram <= t.size(); ++i)
        out.push_back(word_hash(t[i]) * 31 * 31 + word_hash(t[i + 1]) * 31 + word_hash(t[i + 2]));
}

void sort_unique(std::vector<uint64_t>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

// The template body's fixed text as word triples, never across a placeholder.
std::vector<uint64_t> template_grams(std::string_view body) {
    std::vector<uint64_t> out;
    size_t from = 0;
    std::vector<PlaceholderRef> refs = scan_placeholders(body);
    refs.push_back({"", body.size(), body.size()});
    for (const PlaceholderRef& r : refs) {
        add_grams(tokens_of(body.substr(from, r.start - from)), out);
        from = r.end;
    }
    sort_unique(out);
    return out;
}

double coverage(const std::vector<uint64_t>& of, const std::vector<uint64_t>& in) {
    if (of.size() < 4) return 0;   // too little fixed text to recognise
    size_t hit = 0;
    for (uint64_t g : of) hit += std::binary_search(in.begin(), in.end(), g) ? 1 : 0;
    return double(hit) / double(of.size());
}

}  // namespace

TemplateFingerprints fingerprint_templates(const TemplateLibrary& lib) {
    TemplateFingerprints f;
    for (const Template& t : lib.templates) {
        if (t.deleted) continue;
        for (const auto& body : t.bodies) f.bodies.push_back({&t, template_grams(body.second)});
    }
    return f;
}

const Template* recognise_template(const TemplateFingerprints& f, Marketplace m, std::string_view reply) {
    std::vector<uint64_t> have;
    add_grams(tokens_of(reply), have);
    sort_unique(have);
    const Template* best = nullptr;
    double best_cov = 0.5 - 1e-9;
    for (const TemplateFingerprints::Body& b : f.bodies) {
        if (!b.tmpl->applies_to(m)) continue;
        const double c = coverage(b.grams, have);
        if (c > best_cov) best_cov = c, best = b.tmpl;
    }
    return best;
}

const Template* recognise_template(const TemplateLibrary& lib, Marketplace m, std::string_view reply) {
    return recognise_template(fingerprint_templates(lib), m, reply);
}

}  // namespace sd
