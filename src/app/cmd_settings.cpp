// Commands on what is not one conversation: the agent and team settings, SLA policies, the
// template library, undoing an import, a new demo inbox, and taking the inbox over from another tab.
#include <algorithm>

#include "app_state.h"
#include "command_handlers.h"
#include "command_support.h"
#include "edits.h"
#include "import_export.h"
#include "inbox.h"
#include "settings.h"
#include "template_library.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {

// One name field of the settings command, checked; "" when fine.
std::string read_name(const json& cmd, const char* key, std::string& out) {
    if (!cmd.contains(key)) return {};
    if (!valid_name(cmd[key], 80)) return std::string("\"") + key + "\" must be a name of 1 to 80 bytes";
    out = cmd[key].get<std::string>();
    return {};
}

}  // namespace

json cmd_settings(AppState& app, const json& cmd) {
    AppSettings next = app.settings;
    std::string why = read_name(cmd, "agent_name", next.agent_name);
    if (why.empty()) why = read_name(cmd, "store_name", next.store_name);
    if (!why.empty()) return fail(why);
    if (cmd.contains("agents")) {
        if (!cmd["agents"].is_array()) return fail("\"agents\" must be a list of agent names");
        next.agents.clear();
        for (const json& a : cmd["agents"]) {
            if (!valid_name(a, 80)) return fail("\"agents\" must hold names of 1 to 80 bytes");
            if (std::find(next.agents.begin(), next.agents.end(), a.get<std::string>()) == next.agents.end())
                next.agents.push_back(a.get<std::string>());
        }
    }
    sd::MailDomains domains = app.mail.domains;
    if (cmd.contains("mail_domains") && !sd::mail_domains_from_json(cmd["mail_domains"], domains, why)) return fail(why);
    std::string mail_from = app.mail.mail_from;
    if (cmd.contains("mail_from")) {
        const json& f = cmd["mail_from"];
        if (!f.is_string() || (!f.get_ref<const std::string&>().empty() && f.get_ref<const std::string&>().find('@') == std::string::npos))
            return fail("\"mail_from\" must be your e-mail address (or \"\" to leave it to the mail client)");
        mail_from = f.get<std::string>();
    }
    app.mail.domains = std::move(domains);
    app.mail.mail_from = std::move(mail_from);
    if (std::find(next.agents.begin(), next.agents.end(), next.agent_name) == next.agents.end())
        next.agents.insert(next.agents.begin(), next.agent_name);
    app.settings.agent_name = next.agent_name;
    app.settings.agents = next.agents;
    app.settings.store_name = next.store_name;
    save_settings(app);
    app.view.dirty = true;   // "mine" follows the agent name
    return ok();
}

// {type: "team_target", enabled, hours, zone, open, close}: any of them; the rest stay.
json cmd_team_target(AppState& app, const json& cmd) {
    json j = cmd;
    j.erase("type");
    if (j.empty()) return fail("give at least one of \"enabled\", \"hours\", \"zone\", \"open\", \"close\"");
    std::string why;
    sd::TeamTarget next;
    if (!sd::team_target_from_json(j, app.settings.team_target, next, why)) return fail(why);
    for (const auto& [key, value] : j.items())
        if (key != "enabled" && key != "hours" && key != "zone" && key != "open" && key != "close")
            return fail("unknown member \"" + key + "\" (enabled, hours, zone, open, close)");
    app.settings.team_target = std::move(next);
    save_settings(app);
    return ok();
}

json cmd_sla_preset(AppState& app, const json& cmd) {
    sd::SlaPreset p;
    if (!cmd.contains("preset") || !cmd["preset"].is_string() || !sd::parse(cmd["preset"].get<std::string>(), p))
        return fail("\"preset\" must be current or seller_guides");
    app.settings.sla = sd::make_sla_policies(p);
    save_settings(app);
    refresh_all_sla(app);
    return ok();
}

json cmd_sla_policies(AppState& app, const json& cmd) {
    sd::SlaPolicySet set;
    std::string why;
    if (!cmd.contains("policies") || !sd::sla_policies_from_json(cmd["policies"], set, why)) return fail(why.empty() ? "\"policies\" missing" : why);
    app.settings.sla = std::move(set);
    save_settings(app);
    refresh_all_sla(app);
    return ok();
}

json cmd_template_save(AppState& app, const json& cmd) {
    if (!cmd.contains("template") || !cmd["template"].is_object()) return fail("\"template\" must be a template object (docs/templates.md)");
    sd::TemplateLibrary one;
    std::vector<std::string> errors;
    bool valid = sd::library_from_json({{"format", "sellerdesk-templates"}, {"version", 1}, {"templates", json::array({cmd["template"]})}}, one, errors) &&
                 one.templates.size() == 1;
    if (valid) {
        one.templates[0].stamp = next_edit_stamp(app);
        valid = sd::save_template(app.templates.lib, one.templates[0], errors);
    }
    if (!valid) {
        std::string msg;
        for (const std::string& e : errors) msg += (msg.empty() ? "" : "; ") + e;
        json r = fail(msg.empty() ? "the template is not valid" : msg);
        r["errors"] = errors;
        return r;
    }
    save_user_templates(app);
    return ok();
}

json cmd_template_delete(AppState& app, const json& cmd) {
    if (!cmd.contains("template") || !cmd["template"].is_string()) return fail("\"template\" must be a template ID");
    const std::string id = cmd["template"].get<std::string>();
    const sd::Template* t = app.templates.lib.find(id);
    if (!t || t->deleted || !sd::delete_template(app.templates.lib, id, next_edit_stamp(app))) return fail("no template \"" + id + "\"");
    save_user_templates(app);
    return ok();
}

json cmd_undo_import(AppState& app, const json&) { return import_undo(app); }

json cmd_reset_demo(AppState& app, const json& cmd) {
    if (cmd.contains("seed") && (!cmd["seed"].is_number_integer() || cmd["seed"].get<int64_t>() < 0))
        return fail("\"seed\" must be a whole number, 0 or more");
    if (cmd.contains("conversations") && !cmd["conversations"].is_number_integer()) return fail("\"conversations\" must be 10..100000");
    sd::InboxBase b;
    b.seed = cmd.value("seed", uint64_t(1));
    b.conversations = cmd.value("conversations", 1200);
    if (b.conversations < 10 || b.conversations > 100000) return fail("\"conversations\" must be 10..100000");
    b.now = app.now;
    std::string error;
    if (!open_inbox(app, b, true, error)) return fail(error);
    refresh_after_load(app);
    app.view.selected.clear();
    app.import.can_undo = false;   // its record names conversations that are gone
    app.mail.demo = true;
    app.mail.ask_start = false;    // a trainer's new demo answers the first-visit question
    save_settings(app);
    return ok();
}

json cmd_take_over(AppState& app, const json&) {
    if (!app.tab.read_only) return fail("this tab already edits the inbox");
    if (app.tab.handover) return fail("this tab is handing the inbox over; it cannot take it back until that is done");
    app.tab.note.clear();
    platform::request_takeover();
    return {{"ok", true}, {"requested", true}};
}

json cmd_shortcuts(AppState& app, const json& cmd) {
    if (!cmd.contains("single_key") || !cmd["single_key"].is_boolean()) return fail("\"single_key\" must be true or false");
    app.single_key_shortcuts = cmd["single_key"].get<bool>();
    platform::set_preference("single_key_shortcuts", app.single_key_shortcuts ? "on" : "off");   // this browser's choice
    return ok();
}
