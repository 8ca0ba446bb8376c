// Training work on disk, apart from the inbox (training_save.h).
#include "training_save.h"

#include <cstdio>

#include "app_state.h"
#include "edits.h"
#include "training.h"
#include "core/storage.h"

using nlohmann::json;

namespace {

const char* const kPacksFormat = "sellerdesk-training-packs";

bool set_error(std::string& error, std::string why) {
    error = std::move(why);
    return false;
}

std::string session_path(const AppState& app) { return training_dir(app) + "/session.json"; }
std::string packs_path(const AppState& app) { return training_dir(app) + "/packs.json"; }

bool write_training_file(AppState& app, const std::string& path, const std::string& text, std::string& error) {
    if (!sd::ensure_dir(training_dir(app), error)) return false;
    if (!sd::write_file_atomic(path, text)) {
        error = path + ": cannot write";
        return false;
    }
    ++app.save.ops_written;   // flushed to IndexedDB with the inbox's files
    persist_if_needed(app);
    return true;
}

// A file that cannot be read back is kept aside and named in the Training window.
void set_aside(AppState& app, const std::string& path, const std::string& text, const std::string& why) {
    sd::write_file_atomic(path + ".damaged", text);
    std::remove(path.c_str());
    app.training.load_error += path.substr(path.rfind('/') + 1) + ": " + why + " (kept as .damaged)\n";
}

bool packs_from_json(const json& j, std::vector<sd::ScenarioPack>& imported, sd::ScenarioPack& own, std::string& error) {
    if (!j.is_object() || j.value("format", std::string()) != kPacksFormat || !j.contains("imported") || !j["imported"].is_array())
        return set_error(error, "not a list of training packs");
    for (const json& p : j["imported"]) {
        sd::ScenarioPack pack;
        std::vector<std::string> errors;
        if (!sd::pack_from_json(p, pack, errors)) return set_error(error, errors.empty() ? "a pack is invalid" : errors.front());
        imported.push_back(std::move(pack));
    }
    std::vector<std::string> errors;
    if (j.contains("own") && !j["own"].is_null() && !sd::pack_from_json(j["own"], own, errors))
        return set_error(error, "own: " + (errors.empty() ? std::string("invalid") : errors.front()));
    return true;
}

void restore_packs(AppState& app) {
    std::string text, error;
    if (!sd::read_file(packs_path(app), text)) return;
    std::vector<sd::ScenarioPack> imported;
    sd::ScenarioPack own = app.training.own;
    if (!packs_from_json(json::parse(text, nullptr, false), imported, own, error)) return set_aside(app, packs_path(app), text, error);
    app.training.imported = std::move(imported);
    app.training.own = std::move(own);
}

void restore_session(AppState& app) {
    std::string text, error;
    if (!sd::read_file(session_path(app), text)) return;
    if (!training_resume(app, json::parse(text, nullptr, false), error)) set_aside(app, session_path(app), text, error);
}

}  // namespace

std::string training_dir(const AppState& app) {
    const size_t cut = app.data_dir.find_last_of('/');
    return (cut == std::string::npos ? std::string(".") : app.data_dir.substr(0, cut)) + "/training";
}

void restore_training(AppState& app) {
    app.training.own.id = "my-scenarios";
    app.training.own.title = {"My scenarios", "我的场景"};
    restore_packs(app);
    if (!app.tab.read_only) restore_session(app);   // the tab that saves owns the session
}

void training_save_if_due(AppState& app) {
    if (!app.training.save_due) return;
    app.training.save_due = false;
    if (app.tab.read_only) return;
    std::string error;
    if (!write_training_file(app, session_path(app), training_session_json(app).dump() + "\n", error)) app.save.error = error;
}

bool save_training_packs(AppState& app, std::string& error) {
    const TrainingState& t = app.training;
    json imported = json::array();
    for (const sd::ScenarioPack& p : t.imported) imported.push_back(sd::pack_to_json(p));
    const json j = {{"format", kPacksFormat}, {"version", 1}, {"imported", imported},
                    {"own", t.own.scenarios.empty() ? json(nullptr) : sd::pack_to_json(t.own)}};
    return write_training_file(app, packs_path(app), j.dump(1) + "\n", error);
}
