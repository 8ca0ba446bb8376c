// The app layer on the native platform (src/platform/native.h): a real AppState over a temporary
// folder, started like the page starts it, driven through dispatch() like the bridge drives it.
//
//   TestApp t;                                   // a 60-conversation demo inbox, loaded
//   t.ok({{"type", "select"}, {"id", t.first_id()}});
//   t.refused({{"type", "select"}, {"id", "nope"}}, "no conversation");   // and nothing changed
//   TestApp again(t.dir);                        // the same folder loaded again: what was saved
#pragma once
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <catch2/catch.hpp>

#include "app/app_state.h"
#include "app/commands.h"
#include "app/edits.h"
#include "app/inbox.h"
#include "app/training_save.h"
#include "app/view.h"
#include "core/store_json.h"
#include "platform/native.h"
#include "platform/platform.h"

namespace app_test {

using nlohmann::json;

// Every command type dispatched through ok() / refused() by any test, with how often it
// succeeded and was refused; main.cpp checks every command of the table has both.
struct Coverage {
    int ok = 0, refused = 0;
};
inline std::map<std::string, Coverage>& coverage() {
    static std::map<std::string, Coverage> m;
    return m;
}

inline std::string make_temp_dir() {
    char tmpl[] = "/tmp/sellerdesk-app-XXXXXX";
    REQUIRE(mkdtemp(tmpl));
    return tmpl;
}

// How many conversations of the view's counts carry `label`.
inline unsigned label_count(const AppState& app, const std::string& label) {
    for (const auto& [l, n] : app.view.counts.labels)
        if (l == label) return n;
    return 0;
}

struct TestApp {
    std::string dir;
    bool own_dir = true;
    AppState app;

    // A fresh demo of `conversations` in a new folder, or the inbox kept in `existing`.
    explicit TestApp(int conversations = 60, uint64_t seed = 1) : dir(make_temp_dir()) {
        platform::native::reset();
        platform::native::state().url["demo"] = std::to_string(conversations);
        platform::native::state().url["seed"] = std::to_string(seed);
        start();
    }
    explicit TestApp(const std::string& existing, bool writer = true) : dir(existing), own_dir(false) {
        platform::native::state().writer = writer;
        start();
        platform::native::state().writer = true;
    }
    ~TestApp() {
        if (own_dir) std::system(("rm -rf '" + dir + "'").c_str());
    }
    TestApp(const TestApp&) = delete;
    TestApp& operator=(const TestApp&) = delete;

    void start() {
        app.data_dir = dir + "/inbox";
        app.assets_dir = SD_SOURCE_DIR "/assets";
        app.real_ms = platform::now_ms();
        app.now = app_now(app, app.real_ms);
        start_app(app);
        restore_training(app);   // as main.cpp does
        REQUIRE(app.ready);
        REQUIRE(app.load_report.empty());
        ack_flushes();
    }

    // One frame's worth of bookkeeping the page would do after a command.
    json run(const json& cmd) {
        app.real_ms = platform::now_ms();
        app.now = app_now(app, app.real_ms);
        json r = dispatch(app, cmd);
        if (app.view.dirty) rebuild_rows(app);
        INFO(cmd.dump() << " -> " << r.dump());
        CHECK(r.value("warning", std::string()).find("internal:") == std::string::npos);
        return r;
    }
    json ok(const json& cmd) {
        json r = run(cmd);
        INFO(cmd.dump() << " -> " << r.dump());
        REQUIRE(r["ok"] == true);
        ++coverage()[cmd.value("type", "?")].ok;
        return r;
    }
    // Refused with an error containing `why`, and nothing saved or shown changed.
    json refused(const json& cmd, const std::string& why) {
        const std::string before = fingerprint();
        const uint64_t written = app.save.ops_written;
        json r = run(cmd);
        INFO(cmd.dump() << " -> " << r.dump());
        REQUIRE(r["ok"] == false);
        CHECK(r["error"].get<std::string>().find(why) != std::string::npos);
        CHECK(app.save.ops_written == written);
        CHECK(fingerprint() == before);
        ++coverage()[cmd.value("type", "?")].refused;
        return r;
    }
    // What a refusal must leave as it was: the store, the settings, the templates, the view.
    std::string fingerprint() const {
        json f = sd::store_to_json(app.store);
        f["settings"] = {app.settings.agent_name, app.settings.agents, app.settings.store_name, app.settings.sla.preset};
        f["templates"] = app.templates.lib.templates.size();
        f["view"] = {app.view.selected, app.view.query.filter, app.view.query.text, app.view.sla_filter, int(app.view.query.sort),
                     app.view.query.descending, app.view.cursor, app.view.checked.size()};
        f["clock"] = {app.clock.simulated, app.clock.speed};
        return f.dump();
    }
    // The page answers every flush (IndexedDB accepted it).
    void ack_flushes() {
        for (int i = 0; i < 10 && app.save.in_flight; ++i) on_persisted(app, true, "");
    }

    // IDs of the demo by what a test needs.
    std::string find_id(const std::function<bool(const sd::Conversation&)>& want) const {
        for (const sd::Conversation& c : app.store.conversations)
            if (want(c)) return c.id;
        FAIL("no conversation in the demo fits");
        return {};
    }
    std::string first_id() const { return app.store.conversations[app.view.rows.at(0)].id; }
    const sd::Conversation& conv(const std::string& id) const {
        const sd::Conversation* c = app.store.find_conversation(id);
        REQUIRE(c);
        return *c;
    }
};

}  // namespace app_test
