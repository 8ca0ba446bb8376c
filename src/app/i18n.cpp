// The UI catalogues and tr() (i18n.h).
#include "i18n.h"

#include <cstdio>
#include <deque>
#include <fstream>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <nlohmann/json.hpp>

namespace {

constexpr size_t kLanguageCount = sizeof(kLanguages) / sizeof(kLanguages[0]);

// One entry: the text, and for a plural entry its singular form ("other" is `text`).
struct Entry {
    const char* text = "";
    const char* one = nullptr;
};

// A language's catalogue. Keys and texts live in `storage` (a deque never moves what it holds),
// so the map's string_view keys and the returned pointers stay valid, and looking a literal key
// up hashes it in place without building a std::string.
struct Catalogue {
    std::deque<std::string> storage;
    std::unordered_map<std::string_view, Entry> entries;

    const char* keep(std::string s) {
        storage.push_back(std::move(s));
        return storage.back().c_str();
    }
    const Entry* find(std::string_view key) const {
        auto it = entries.find(key);
        return it == entries.end() ? nullptr : &it->second;
    }
};

struct I18nState {
    Catalogue catalogues[kLanguageCount];
    size_t current = 0;           // index into kLanguages; English is 0
    std::string loaded_from;
};
I18nState g_i18n;

// The entry for `key` in the current language or else in English, and the language it came from.
const Entry* lookup(std::string_view key, size_t& language) {
    language = g_i18n.current;
    if (const Entry* e = g_i18n.catalogues[language].find(key)) return e;
    language = 0;
    return g_i18n.catalogues[0].find(key);
}

// A catalogue file: {"key": "text" | {"one": "text", "other": "text"}, ...}.
bool parse_catalogue(const std::string& path, Catalogue& out, std::string& error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = path + ": cannot be read";
        return false;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    nlohmann::json j = nlohmann::json::parse(ss.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        error = path + ": not a JSON object";
        return false;
    }
    Catalogue c;
    for (const auto& [key, value] : j.items()) {
        Entry e;
        if (value.is_string()) {
            e.text = c.keep(value.get<std::string>());
        } else if (value.is_object() && value.contains("other") && value["other"].is_string()) {
            e.text = c.keep(value["other"].get<std::string>());
            if (value.contains("one") && value["one"].is_string()) e.one = c.keep(value["one"].get<std::string>());
        } else {
            error = path + ": \"" + key + "\" must be a text or {\"one\", \"other\"}";
            return false;
        }
        c.entries.emplace(std::string_view(c.keep(key)), e);
    }
    // The deque moves with the catalogue without moving its strings, so the views stay valid.
    out = std::move(c);
    return true;
}

// Replaces each {name} of `text` that has an argument.
std::string fill(const char* text, const TrArg* first, const TrArg* last, const std::string* n) {
    std::string out;
    for (const char* p = text; *p;) {
        if (*p == '{') {
            const char* close = p + 1;
            while (*close && *close != '}' && *close != '{') ++close;
            if (*close == '}') {
                std::string_view name(p + 1, size_t(close - p - 1));
                const std::string* value = nullptr;
                if (n && name == "n") value = n;
                for (const TrArg* a = first; a != last; ++a)
                    if (name == a->name) value = &a->value;
                if (value) {
                    out += *value;
                    p = close + 1;
                    continue;
                }
            }
        }
        out += *p++;
    }
    return out;
}

// Thousands grouping of a run of digits with `sep` between groups.
std::string group_digits(const std::string& digits, const char* sep) {
    std::string out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
        out += digits[i];
    }
    return out;
}

// A number mark from the catalogue; without one (a catalogue that failed to load), the common one.
const char* number_mark(const char* key, const char* fallback) {
    size_t language;
    const Entry* e = lookup(key, language);
    return e ? e->text : fallback;
}

}  // namespace

const char* tr(const char* key) {
    if (!key) return "";
    size_t language;
    const Entry* e = lookup(key, language);
    return e ? e->text : key;
}

const char* tr_find(const char* key) {
    if (!key) return nullptr;
    size_t language;
    const Entry* e = lookup(key, language);
    return e ? e->text : nullptr;
}

const char* tr_english(const char* key) {
    const Entry* e = key ? g_i18n.catalogues[0].find(key) : nullptr;
    return e ? e->text : nullptr;
}

std::string trf(const char* key, std::initializer_list<TrArg> args) { return fill(tr(key), args.begin(), args.end(), nullptr); }
std::string trf(const char* key, const std::vector<TrArg>& args) { return fill(tr(key), args.data(), args.data() + args.size(), nullptr); }

std::string tr_id(const char* key, const char* id) { return std::string(tr(key)) + "###" + id; }

std::string trn(const char* key, int64_t n, std::initializer_list<TrArg> args) {
    size_t language;
    const Entry* e = key ? lookup(key, language) : nullptr;
    const std::string count = format_number(n);
    if (!e) return fill(key ? key : "", args.begin(), args.end(), &count);
    // Only English has a singular form among the UI's languages; a Chinese entry has none.
    const char* text = (n == 1 && e->one && std::string_view(kLanguages[language].code) == "en") ? e->one : e->text;
    return fill(text, args.begin(), args.end(), &count);
}

std::string format_number(int64_t n) {
    // Built from the magnitude as unsigned, so the most negative value has a sign too.
    uint64_t magnitude = n < 0 ? uint64_t(0) - uint64_t(n) : uint64_t(n);
    std::string out = group_digits(std::to_string(magnitude), number_mark("num.group", ","));
    return n < 0 ? "-" + out : out;
}

std::string format_decimal(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals < 0 ? 0 : decimals, v < 0 ? -v : v);
    std::string s = buf;
    size_t dot = s.find('.');
    std::string out = group_digits(s.substr(0, dot), number_mark("num.group", ","));
    if (dot != std::string::npos) out += number_mark("num.decimal", ".") + s.substr(dot + 1);
    // "-0.0" reads oddly: a value that rounds to zero has no sign.
    bool zero = s.find_first_not_of("0.") == std::string::npos;
    return v < 0 && !zero ? "-" + out : out;
}

bool is_language(const std::string& code) {
    for (const Language& l : kLanguages)
        if (code == l.code) return true;
    return false;
}

bool i18n_load(const std::string& dir, std::string& error) {
    bool all = true;
    for (size_t i = 0; i < kLanguageCount; ++i) {
        std::string why;
        if (!parse_catalogue(dir + "/" + kLanguages[i].code + ".json", g_i18n.catalogues[i], why)) {
            // An unreadable language is left empty rather than stale: its texts fall back to English.
            g_i18n.catalogues[i] = Catalogue();
            if (all) error = why;
            all = false;
        }
    }
    g_i18n.loaded_from = dir;
    return all;
}

bool i18n_loaded_from(const std::string& dir) { return !g_i18n.loaded_from.empty() && g_i18n.loaded_from == dir; }

bool i18n_set_language(const std::string& code) {
    for (size_t i = 0; i < kLanguageCount; ++i)
        if (code == kLanguages[i].code) {
            g_i18n.current = i;
            return true;
        }
    return false;
}

const char* i18n_language() { return kLanguages[g_i18n.current].code; }
