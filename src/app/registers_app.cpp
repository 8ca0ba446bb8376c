// The registers' file and state().registers (registers_app.h).
#include "registers_app.h"

#include <algorithm>

#include "app_state.h"
#include "edits.h"
#include "i18n.h"
#include "platform/platform.h"
#include "core/storage.h"

using nlohmann::json;

namespace {

constexpr const char* kFormat = "sellerdesk-registers";

std::string registers_path(const AppState& app) { return app.data_dir + "/registers.json"; }

json register_json(const sd::Registers& regs, sd::RegisterKind kind) {
    const sd::RegisterTotals t = sd::register_totals(regs, kind);
    json entries = json::array();
    for (const sd::RegisterEntry* e : sd::register_entries(regs, kind)) entries.push_back(sd::register_entry_to_json(*e));
    json by_status = json::object();
    for (int s = 0; s < sd::kRegisterStatusCount; ++s) by_status[sd::to_string(sd::RegisterStatus(s))] = t.by_status[s];
    json by_product = json::array();
    for (const sd::ProductCount& p : t.by_product)
        by_product.push_back({{"product", p.product}, {"count", p.count}, {"conversations", p.conversations}, {"cents", p.cents}});
    return {{"entries", std::move(entries)}, {"count", t.count}, {"total_cents", t.total_cents},
            {"by_status", std::move(by_status)}, {"by_product", std::move(by_product)}};
}

}  // namespace

void load_registers(AppState& app) {
    RegistersState& rs = app.registers;
    std::string text;
    if (!sd::read_file(registers_path(app), text)) {
        rs.data = sd::Registers();
        return;
    }
    json j = json::parse(text, nullptr, false);
    std::string pointer, why;
    sd::Registers regs;
    if (j.is_discarded() || !j.is_object() || j.value("format", "") != kFormat || !j.contains("entries")) {
        why = "not a registers file";
    } else if (!sd::registers_from_json(j["entries"], regs, pointer, why)) {
        why = "entries/" + pointer + ": " + why;
    } else {
        rs.data = std::move(regs);
        app.hlc = std::max(app.hlc, sd::max_hlc(rs.data));   // the next edit's stamp must be later than theirs
        return;
    }
    // Damaged: set aside (never deleted) and said once; the registers start empty.
    sd::write_file_atomic(registers_path(app) + ".damaged", text);
    // Added to what loading found before (a repaired journal, damaged settings), not in place of it.
    app.load_report += (app.load_report.empty() ? "" : "\n") + std::string("registers.json could not be read (") + why +
                       "); it was kept as registers.json.damaged";
    rs.data = sd::Registers();
}

bool save_registers(AppState& app) {
    const json file = {{"format", kFormat}, {"version", 1}, {"entries", sd::registers_to_json(app.registers.data)}};
    return save_inbox_file(app, "registers.json", file.dump(1) + "\n");
}

json registers_state_json(const AppState& app) {
    json s = json::object();
    for (int k = 0; k < sd::kRegisterKindCount; ++k)
        s[sd::to_string(sd::RegisterKind(k))] = register_json(app.registers.data, sd::RegisterKind(k));
    json layout = json::object();
    for (const auto& [name, r] : app.registers.rects) layout[name] = {r[0], r[1], r[2], r[3]};
    s["layout"] = std::move(layout);
    return s;
}

std::string download_register_csv(const AppState& app, sd::RegisterKind kind, sd::Time now) {
    const std::string name = sd::register_csv_name(kind, now);
    platform::download(name, sd::register_csv(app.registers.data, kind), "text/csv;charset=utf-8");
    return trf("registers.exported", {{"file", name}});
}
