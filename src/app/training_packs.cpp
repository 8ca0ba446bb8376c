// Imported packs and "My scenarios" (training_packs.h).
#include "training_packs.h"

#include "app_state.h"
#include "command_support.h"
#include "training.h"
#include "training_save.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

constexpr size_t kMaxTitle = 200;   // bytes of a scenario's title typed in the app

// The first few validation errors of a pack, in one sentence.
std::string first_errors(const std::vector<std::string>& errors) {
    std::string out;
    for (size_t i = 0; i < errors.size() && i < 3; ++i) out += (i ? "; " : "") + errors[i];
    if (errors.size() > 3) out += " (and " + std::to_string(errors.size() - 3) + " more)";
    return out.empty() ? "not a scenario pack" : out;
}

// Why `pack` cannot join the packs ("" when it can): its ID is a bundled pack's or "My scenarios",
// a scenario ID is another pack's, or it would replace a pack whose scenario is running.
std::string import_clash(const AppState& app, const sd::ScenarioPack& pack) {
    const TrainingState& t = app.training;
    for (const sd::ScenarioPack& p : t.packs)
        if (p.id == pack.id) return "pack \"" + pack.id + "\" is bundled with SellerDesk: give the imported pack another \"id\"";
    if (pack.id == t.own.id) return "\"" + pack.id + "\" is the ID of My scenarios: give the imported pack another \"id\"";
    for (const sd::Scenario& s : pack.scenarios) {
        const sd::ScenarioPack* holder = training_pack_of(app, s.id);
        if (holder && holder->id != pack.id) return "scenario \"" + s.id + "\" is already in pack \"" + holder->id + "\": give it another ID";
    }
    const sd::ScenarioPack* running = training_active(app) ? training_pack_of(app, t.scenario) : nullptr;
    if (running && running->id == pack.id) return "a scenario of pack \"" + pack.id + "\" is running: training_stop first";
    return {};
}

// Puts `s` into `pack`, in place of a scenario of the same ID; true when it replaced one.
bool put_scenario(sd::ScenarioPack& pack, sd::Scenario s) {
    for (sd::Scenario& old : pack.scenarios)
        if (old.id == s.id) {
            old = std::move(s);
            return true;
        }
    pack.scenarios.push_back(std::move(s));
    return false;
}

// The scenario a command's conversation makes, named by its "title" when one is given.
bool make_scenario(const AppState& app, const sd::Conversation& c, const json& cmd, sd::Scenario& out, std::string& error) {
    if (cmd.contains("title") && !valid_name(cmd["title"], kMaxTitle)) {
        error = "\"title\" must name the scenario (1 to " + std::to_string(kMaxTitle) + " bytes)";
        return false;
    }
    if (!sd::scenario_from_conversation(app.store, c, out, error)) {
        error = "cannot make a scenario from this conversation: " + error;
        return false;
    }
    if (cmd.contains("title")) out.title = {cmd["title"].get<std::string>(), cmd["title"].get<std::string>()};
    const sd::ScenarioPack* holder = training_pack_of(app, out.id);
    if (holder && holder != &app.training.own) {
        error = "scenario \"" + out.id + "\" is already in pack \"" + holder->id + "\"";
        return false;
    }
    return true;
}

}  // namespace

json cmd_training_import_pack(AppState& app, const json& cmd) {
    if (!cmd.contains("text") || !cmd["text"].is_string()) return fail("\"text\" must be the pack file's text (format \"sellerdesk-scenarios\")");
    sd::ScenarioPack pack;
    std::vector<std::string> errors;
    if (!sd::pack_from_text(cmd["text"].get_ref<const std::string&>(), pack, errors)) return fail("not imported: " + first_errors(errors));
    const std::string clash = import_clash(app, pack);
    if (!clash.empty()) return fail("not imported: " + clash);
    TrainingState& t = app.training;
    const std::vector<sd::ScenarioPack> before = t.imported;
    bool replaced = false;
    for (sd::ScenarioPack& p : t.imported)
        if (p.id == pack.id) {
            p = pack;
            replaced = true;
        }
    if (!replaced) t.imported.push_back(pack);
    std::string error;
    if (!save_training_packs(app, error)) {
        t.imported = before;
        return fail("not imported: " + error);
    }
    return {{"ok", true}, {"pack", pack.id}, {"scenarios", pack.scenarios.size()}, {"replaced", replaced}};
}

json cmd_training_export_pack(AppState& app, const json& cmd) {
    if (!cmd.contains("pack") || !cmd["pack"].is_string()) return fail("\"pack\" must be a pack ID (state().training.packs)");
    const std::string id = cmd["pack"].get<std::string>();
    for (const TrainingPack& p : training_packs(app))
        if (p.pack->id == id) {
            platform::download("sellerdesk-pack-" + id + ".json", sd::pack_to_json(*p.pack).dump(2) + "\n", "application/json");
            return ok();
        }
    return fail("no pack \"" + id + "\" (state().training.packs lists them)");
}

json cmd_scenario_from_conversation(AppState& app, const json& cmd) {
    if (training_active(app)) return fail("a training scenario is running: make scenarios from the real inbox after training_stop");
    json err;
    const sd::Conversation* c = find_conversation_arg(app, cmd, err);
    if (!c) return err;
    sd::Scenario s;
    std::string error;
    if (!make_scenario(app, *c, cmd, s, error)) return fail(error);
    TrainingState& t = app.training;
    sd::ScenarioPack own = t.own;
    const std::string id = s.id;
    const bool replaced = put_scenario(own, std::move(s));
    std::vector<std::string> errors;
    sd::ScenarioPack check;   // what an export of the pack would read back as
    if (!sd::pack_from_json(sd::pack_to_json(own), check, errors)) return fail("the scenario would not make a valid pack: " + first_errors(errors));
    std::swap(t.own, own);
    if (!save_training_packs(app, error)) {
        std::swap(t.own, own);
        return fail("not saved: " + error);
    }
    t.picked = id;
    return {{"ok", true}, {"scenario", id}, {"replaced", replaced}};
}
