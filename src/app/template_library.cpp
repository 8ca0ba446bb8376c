// The template library (template_library.h): the bundled templates merged with the user's edits.
#include "template_library.h"

#include "app_state.h"
#include "edits.h"
#include "i18n.h"
#include "core/storage.h"

using nlohmann::json;

namespace {

std::string user_path(const AppState& app) { return app.data_dir + "/templates.json"; }

}  // namespace

void load_templates(AppState& app) {
    TemplateState& ts = app.templates;
    std::vector<std::string> errors;
    if (!sd::load_library_file(app.assets_dir + "/templates.json", ts.bundled, errors))
        ts.load_error = trf("templates.bundled_unreadable", {{"error", errors.empty() ? std::string("missing") : errors[0]}});
    sd::TemplateLibrary user;
    std::string text;
    if (sd::read_file(user_path(app), text)) {
        errors.clear();
        if (!sd::library_from_text(text, user, errors)) {
            ts.load_error = trf("templates.edits_unreadable", {{"error", errors.empty() ? std::string("?") : errors[0]}});
            sd::write_file_atomic(user_path(app) + ".damaged", text);
            user = sd::TemplateLibrary();
        }
    }
    ts.lib = sd::merge_libraries(ts.bundled, user);
}

bool save_user_templates(AppState& app) {
    return save_inbox_file(app, "templates.json", sd::library_to_json(app.templates.lib).dump(1) + "\n");
}

std::string import_template_file(AppState& app, const std::string& file_name, const std::string& text) {
    sd::TemplateLibrary incoming;
    std::vector<std::string> errors;
    if (!sd::library_from_text(text, incoming, errors))
        return trf("templates.file_refused", {{"file", file_name}, {"error", errors.empty() ? std::string("not a template library") : errors[0]}});
    size_t n = 0;
    for (sd::Template& t : incoming.templates)
        if (!t.deleted && sd::save_template(app.templates.lib, t, errors)) ++n;
    save_user_templates(app);
    return trn("templates.file_imported", int64_t(n), {{"file", file_name}});
}
