// settings.json beside the journal: replica ID, agent name, SLA policies. Written whole to a temp
// file and renamed, then flushed to IndexedDB like any other change.
#include <cstdio>
#include <random>

#include "app_state.h"
#include "settings.h"
#include "edits.h"
#include "platform/platform.h"

using nlohmann::json;

namespace {
// The inbox's demo flag, the first-visit question and the mail settings. An inbox saved before
// they existed was the demo (nothing else could be put in) and had seen no question.
void load_mail_settings(AppState& app, const json& j) {
    app.mail.demo = j.value("demo", true) != false;
    app.mail.ask_start = j.value("start", std::string()) == "asked";
    app.mail.mail_from = j.contains("mail_from") && j["mail_from"].is_string() ? j["mail_from"].get<std::string>() : std::string();
    std::string why;
    sd::MailDomains d;
    app.mail.domains = j.contains("mail_domains") && sd::mail_domains_from_json(j["mail_domains"], d, why) ? d : sd::default_mail_domains();
}

std::string new_replica_id(double seed_ms) {
    // Random enough to tell browser profiles apart; not a secret.
    std::mt19937_64 rng(uint64_t(seed_ms) ^ 0x9E3779B97F4A7C15ull ^ uint64_t(std::random_device{}()));
    char buf[24];
    std::snprintf(buf, sizeof buf, "r%012llx", (unsigned long long)(rng() & 0xFFFFFFFFFFFFull));
    return buf;
}
}  // namespace

bool load_settings(AppState& app, std::string& error) {
    std::string text;
    AppSettings s;
    if (sd::read_file(app.data_dir + "/settings.json", text)) {
        json j = json::parse(text, nullptr, false);
        if (j.is_discarded() || !j.is_object()) {
            error = "settings.json is not valid JSON; defaults are used";
        } else {
            s.replica_id = j.value("replica_id", "");
            s.agent_name = j.value("agent_name", s.agent_name);
            s.store_name = j.value("store_name", s.store_name);
            if (j.contains("agents") && j["agents"].is_array()) {
                s.agents.clear();
                for (const json& a : j["agents"])
                    if (a.is_string() && !a.get_ref<const std::string&>().empty()) s.agents.push_back(a.get<std::string>());
            }
            if (j.contains("sla") && !sd::sla_policies_from_json(j["sla"], s.sla, error))
                error = "settings.json: " + error + "; default SLA policies are used";
            if (j.contains("team_target") && !sd::team_target_from_json(j["team_target"], s.team_target, s.team_target, error))
                error = "settings.json: " + error + "; the default team target is used";
            load_mail_settings(app, j);
        }
    }
    bool created = s.replica_id.empty();
    if (created) s.replica_id = new_replica_id(app.real_ms);
    app.settings = std::move(s);
    if (created) save_settings(app);
    return error.empty();
}

bool save_settings(AppState& app) {
    if (app.tab.read_only) return false;   // another tab saves the inbox
    json j = {{"format", "sellerdesk-settings"},
              {"version", 1},
              {"replica_id", app.settings.replica_id},
              {"agent_name", app.settings.agent_name},
              {"agents", app.settings.agents},
              {"store_name", app.settings.store_name},
              {"sla", sd::sla_policies_to_json(app.settings.sla)},
              {"team_target", sd::team_target_to_json(app.settings.team_target)},
              {"demo", app.mail.demo},
              {"start", app.mail.ask_start ? "asked" : "answered"},
              {"mail_domains", sd::mail_domains_to_json(app.mail.domains)},
              {"mail_from", app.mail.mail_from}};
    if (!sd::write_file_atomic(app.data_dir + "/settings.json", j.dump(2) + "\n")) {
        app.save.error = "settings.json: cannot write";
        return false;
    }
    ++app.save.ops_written;
    persist_if_needed(app);
    return true;
}
