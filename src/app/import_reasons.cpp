// Import skip reasons in the UI language (import_reasons.h).
#include "import_reasons.h"

#include <cstring>
#include <vector>

#include "i18n.h"

using nlohmann::json;

namespace {

// Every code the core and the page give, with its catalogue key (docs/import.md lists them).
struct ReasonKey {
    const char* code;
    const char* key;
};
const ReasonKey kReasons[] = {
    {"no_date", "import.reason.no_date"},
    {"no_text", "import.reason.no_text"},
    {"no_marketplace", "import.reason.no_marketplace"},
    {"no_marketplace_unknown", "import.reason.no_marketplace_unknown"},
    {"bad_record", "import.reason.bad_record"},
    {"mail_unreadable", "import.reason.mail_unreadable"},
    {"csv_not_marketplace", "import.reason.csv_not_marketplace"},
    {"csv_not_direction", "import.reason.csv_not_direction"},
    {"csv_not_time", "import.reason.csv_not_time"},
    {"csv_empty_cell", "import.reason.csv_empty_cell"},
    {"csv_quote_never_ends", "import.reason.csv_quote_never_ends"},
    {"csv_text_after_quote", "import.reason.csv_text_after_quote"},
    {"csv_empty_file", "import.reason.csv_empty_file"},
    {"csv_no_header", "import.reason.csv_no_header"},
    {"csv_column_twice", "import.reason.csv_column_twice"},
    {"csv_missing_columns", "import.reason.csv_missing_columns"},
    {"utf16", "import.reason.utf16"},
    {"empty_file", "import.reason.empty_file"},
    {"binary", "import.reason.binary"},
    {"unknown_kind", "import.reason.unknown_kind"},
};

const char* reason_key(const std::string& code) {
    for (const ReasonKey& r : kReasons)
        if (code == r.code) return r.key;
    return nullptr;
}

// An arg as text: whole numbers as the language groups them, strings as they are, a list joined
// as the language joins one ("a, b" / "a、b").
std::string arg_text(const json& v) {
    if (v.is_number_integer() || v.is_number_unsigned()) return format_number(v.get<int64_t>());
    if (v.is_string()) return v.get<std::string>();
    if (v.is_array()) {
        std::string out;
        for (const json& x : v) out += (out.empty() ? "" : tr("import.list_separator")) + arg_text(x);
        return out;
    }
    return v.dump();
}

int64_t number_arg(const json& args, const char* name) {
    const json& v = args[name];
    return v.is_number_integer() || v.is_number_unsigned() ? v.get<int64_t>() : 0;
}

bool has_number(const json& args, const char* name) {
    return args.contains(name) && (args[name].is_number_integer() || args[name].is_number_unsigned());
}

const json& args_of(const json& entry) {
    static const json kNone = json::object();
    return entry.is_object() && entry.contains("args") && entry["args"].is_object() ? entry["args"] : kNone;
}

}  // namespace

std::string skip_place_text(const json& args) {
    if (has_number(args, "byte")) return trf("import.place.byte", {{"byte", number_arg(args, "byte")}});
    if (has_number(args, "row") && has_number(args, "column"))
        return trf("import.place.cell", {{"row", number_arg(args, "row")}, {"column", number_arg(args, "column")}});
    if (has_number(args, "row")) return trf("import.place.row", {{"row", number_arg(args, "row")}});
    if (has_number(args, "record")) return trf("import.place.record", {{"record", number_arg(args, "record")}});
    if (args.contains("place") && args["place"].is_string()) return args["place"].get<std::string>();
    return "";
}

std::string skip_reason_text(const json& entry) {
    if (!entry.is_object()) return "";
    const json& code = entry.contains("code") ? entry["code"] : json();
    const char* key = code.is_string() ? reason_key(code.get<std::string>()) : nullptr;
    if (!key) return entry.value("reason", std::string());
    const json& args = args_of(entry);
    std::vector<TrArg> values;
    for (auto it = args.begin(); it != args.end(); ++it) values.emplace_back(it.key().c_str(), arg_text(*it));
    const std::string text = trf(key, values);
    const std::string place = skip_place_text(args);
    return place.empty() ? text : trf("import.at_place", {{"place", place}, {"reason", text}});
}

std::string skip_line(const json& entry) {
    if (!entry.is_object()) return "";
    return trf("import.skip_line", {{"file", entry.value("file", std::string())}, {"reason", skip_reason_text(entry)}});
}

json skip_lines_json(const json& report, size_t max) {
    json out = json::array();
    if (!report.is_object() || !report.contains("skipped") || !report["skipped"].is_array()) return out;
    for (const json& s : report["skipped"]) {
        if (out.size() >= max) break;
        out.push_back(skip_line(s));
    }
    return out;
}
