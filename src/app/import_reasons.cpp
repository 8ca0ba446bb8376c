// Import skip reasons in the UI language (import_reasons.h).
#include "import_reasons.h"

#include <vector>

#include "i18n.h"

using nlohmann::json;

namespace {

// The catalogue key of a reason's code (docs/import.md lists the codes): import.reason.<code>,
// "" when the catalogue has none (the entry keeps its English reason).
std::string reason_key(const json& code) {
    if (!code.is_string()) return "";
    std::string key = "import.reason." + code.get<std::string>();
    return tr_find(key.c_str()) ? key : "";
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
    const std::string key = reason_key(code);
    if (key.empty()) return entry.value("reason", std::string());
    const json& args = args_of(entry);
    std::vector<TrArg> values;
    for (auto it = args.begin(); it != args.end(); ++it) values.emplace_back(it.key().c_str(), arg_text(*it));
    const std::string text = trf(key.c_str(), values);
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
