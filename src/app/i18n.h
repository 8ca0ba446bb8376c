// The UI's words in the user's language. Every text the interface shows comes from one
// catalogue per language, assets/i18n/<code>.json: a flat JSON object keyed by dotted names
// (docs/i18n.md). Both catalogues stay loaded, so switching language is one assignment.
//
//   i18n_load("/assets/i18n", error);                     // at start-up (start_language does it)
//   i18n_set_language("zh");
//   ImGui::BeginMenu(tr("menu.inbox"));                   // "收件箱"; no allocation
//   trf("banner.not_saved", {{"error", why}})             // "Not saved: quota exceeded"
//   trn("templates.file_imported", 3, {{"file", name}})   // "Imported 3 templates from a.json."
//   format_number(12345)                                  // "12,345", as the language writes it
//
// A key missing from the current language falls back to English, then to the key itself: a
// missing text shows as its name, never as a crash. No ImGui here, so the native tests use it.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <vector>

// A named value for a placeholder: {"n", 3}, {"file", name}. Integers are written with the
// language's thousands separator.
struct TrArg {
    const char* name;
    std::string value;
    TrArg(const char* n, std::string v) : name(n), value(std::move(v)) {}
    TrArg(const char* n, const char* v) : name(n), value(v ? v : "") {}
    template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
    TrArg(const char* n, T v);
};

// The current language's text for `key` (see the fallbacks above). The pointer stays valid until
// the catalogues are loaded again. A plural entry gives its "other" form.
const char* tr(const char* key);
inline const char* tr(const std::string& key) { return tr(key.c_str()); }
// The text for `key`, or nullptr when neither the current language nor English has it: for
// optional translations of data (a label ID, a policy name) that keep their own text otherwise.
const char* tr_find(const char* key);
// English's text for `key` (nullptr when missing): to tell a built-in name from a user's edit.
const char* tr_english(const char* key);
// tr(key) with every {name} replaced by its argument; an unknown {name} stays as written.
std::string trf(const char* key, std::initializer_list<TrArg> args);
// The same with arguments known only at run time (a skipped mail's values, import_reasons.h).
std::string trf(const char* key, const std::vector<TrArg>& args);
// An ImGui label or window title in the current language with an ID that does not change with
// it: "收件箱###inbox". ImGui identifies a window or widget by its label; the part after "###"
// takes that role, so a window stays the same window when the language changes.
std::string tr_id(const char* key, const char* id);
// The plural form of `key` for the count `n` ({n} is filled in too): English picks "one" for 1
// and "other" for the rest; Chinese has one form.
std::string trn(const char* key, int64_t n, std::initializer_list<TrArg> args = {});

// Numbers as the current language writes them: digit grouping by thousands ("num.group") and the
// decimal mark ("num.decimal").
std::string format_number(int64_t n);
std::string format_decimal(double v, int decimals);

// The languages the UI has, in the order the menu offers them.
struct Language {
    const char* code;       // "en", "zh": the `language` command's lang, state().language
    const char* name_key;   // its own name, in its own language ("English", "简体中文")
};
constexpr Language kLanguages[] = {{"en", "lang.en"}, {"zh", "lang.zh"}};
bool is_language(const std::string& code);

// Loads every language's catalogue from `dir` (<dir>/en.json, <dir>/zh.json). False with `error`
// when one is missing or malformed: that language is then empty and tr() falls back as above.
bool i18n_load(const std::string& dir, std::string& error);
bool i18n_loaded_from(const std::string& dir);   // the catalogues in memory came from `dir`
// Switches the current language; false (and no change) for a code that is not in kLanguages.
bool i18n_set_language(const std::string& code);
const char* i18n_language();                     // "en" or "zh"

template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int>>
TrArg::TrArg(const char* n, T v) : name(n), value(format_number(int64_t(v))) {}
