// The reply: its draft, templates inserted into it, and marking it sent (checked against the
// marketplace's reply rules first; errors need an explicit override, recorded on the message).
#include "app_state.h"
#include "command_handlers.h"
#include "command_support.h"
#include "inbox.h"
#include "composer.h"
#include "edits.h"
#include "i18n.h"
#include "template_library.h"
#include "training.h"
#include "core/compose.h"
#include "core/time.h"

using nlohmann::json;

namespace {

json set_draft(AppState& app, const json& cmd, bool show_in_composer) {
    json err;
    sd::Conversation* c = find_conversation_arg(app, cmd, err);
    if (!c) return err;
    if (!cmd.contains("text") || !cmd["text"].is_string()) return fail("\"text\" must be the draft text");
    std::string text = cmd["text"].get<std::string>();
    if (text.size() > 100000) return fail("a draft is limited to 100,000 bytes");
    if (show_in_composer && app.composer.id == c->id) {
        composer_set_text(app, text, text.size(), false);
        app.composer.draft_due = false;
    }
    if (c->draft == text) return ok();
    return stage_edit(app, {{"op", "set_draft"}, {"id", c->id}, {"text", text}});
}

// "the reply breaks 2 rule(s): email, link; …" with the findings, for a refused mark_sent.
json refuse_for_rules(const std::vector<sd::Finding>& findings, const std::string& text) {
    std::string rules;
    for (const sd::Finding& f : findings)
        if (f.severity == sd::Severity::Error && rules.find(f.rule) == std::string::npos) rules += (rules.empty() ? "" : ", ") + f.rule;
    json r = fail("the reply breaks " + std::to_string(sd::count_severity(findings, sd::Severity::Error)) + " rule(s): " + rules +
                  "; fix it, or mark it sent with override: true (recorded on the message)");
    r["findings"] = findings_json_utf16(findings, text);
    return r;
}

}  // namespace

json cmd_draft(AppState& app, const json& cmd) { return set_draft(app, cmd, true); }
json cmd_save_draft(AppState& app, const json& cmd) { return set_draft(app, cmd, false); }

json cmd_insert_template(AppState& app, const json& cmd) {
    json err;
    sd::Conversation* c = find_conversation_arg(app, cmd, err);
    if (!c) return err;
    if (!cmd.contains("template") || !cmd["template"].is_string()) return fail("\"template\" must be a template ID");
    if (cmd.contains("lang") && !cmd["lang"].is_string()) return fail("\"lang\" must be a language code such as \"en\"");
    const sd::Template* t = app.templates.lib.find(cmd["template"].get<std::string>());
    if (!t || t->deleted) return fail("no template \"" + cmd["template"].get<std::string>() + "\"");
    std::string lang = cmd.value("lang", std::string("en"));
    bool open = app.composer.id == c->id;
    std::string base = open ? app.composer.text : c->draft;
    size_t at = open ? app.composer.caret : base.size();
    sd::ComposeSettings cs{app.settings.agent_name, app.settings.store_name};
    sd::Insertion ins = sd::insert_template(base, at, *t, lang, sd::placeholder_values(app.store, *c, cs, app.now));
    sd::record_use(app.templates.lib, t->id, real_now());
    training_note_template(app, t->id);
    save_user_templates(app);
    if (open) {
        composer_set_text(app, ins.text, ins.caret, false);
        app.composer.draft_due = false;
        app.composer.focus_start = app.composer.focus_end = int(sd::utf16_offset(ins.text, ins.caret));
    }
    json r = ins.text == c->draft ? ok() : stage_edit(app, {{"op", "set_draft"}, {"id", c->id}, {"text", ins.text}});
    r["missing"] = ins.missing;
    return r;
}

json cmd_mark_sent(AppState& app, const json& cmd) {
    json err;
    sd::Conversation* c = find_conversation_arg(app, cmd, err);
    if (!c) return err;
    if (cmd.contains("override") && !cmd["override"].is_boolean()) return fail("\"override\" must be true or false");
    bool override_checks = cmd.value("override", false);
    bool open = app.composer.id == c->id;
    std::string text = open ? app.composer.text : c->draft;
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return fail("the reply is empty");
    std::vector<sd::Finding> findings = sd::check_draft(app.store, *c, text);
    bool errors = sd::has_errors(findings);
    if (errors && !override_checks) return refuse_for_rules(findings, text);
    const std::string id = c->id;
    json op = {{"op", "reply"}, {"id", id}, {"message_id", mint_id(app, *c, "out", c->messages.size() + 1)}, {"text", text},
               {"author", app.settings.agent_name}, {"at", sd::format_iso8601(app.now)}, {"delivery", "sent"}};
    if (errors) op["override_checks"] = true;
    json r = stage_edit(app, op);
    if (r["ok"] != true) return r;
    stage_edit(app, {{"op", "set_draft"}, {"id", id}, {"text", ""}});
    if (open) {
        composer_set_text(app, "", 0, false);
        app.composer.draft_due = false;
        // Shown under the composer, so in the UI language (the command's result stays as it was).
        app.composer.notice = tr(errors ? "composer.marked_sent_override" : "composer.marked_sent");
    }
    r["message_id"] = op["message_id"];
    r["override_checks"] = errors;
    return r;
}
