// Commands on what is not one conversation, on the native platform: settings, SLA policies,
// templates, undoing an import, a new demo, taking over from another tab.
#include "app_fixture.h"

#include "app/import_export.h"
#include "app/state_json.h"

using app_test::TestApp;
using nlohmann::json;

TEST_CASE("settings changes the agent, the team and the store name, and saves them", "[cmd:settings]") {
    TestApp t;
    t.ok({{"type", "settings"}, {"agent_name", "王丽"}, {"agents", {"Chen Jie"}}, {"store_name", "BrightNest"}});
    CHECK(t.app.settings.agent_name == "王丽");
    CHECK(t.app.settings.agents == std::vector<std::string>{"王丽", "Chen Jie"});   // the agent joins the team
    TestApp again(t.dir);
    CHECK(again.app.settings.agent_name == "王丽");
    CHECK(again.app.settings.store_name == "BrightNest");
    t.refused({{"type", "settings"}, {"agent_name", "   "}}, "\"agent_name\" must be a name of 1 to 80 bytes");
    t.refused({{"type", "settings"}, {"agents", "everyone"}}, "\"agents\" must be a list of agent names");
    t.refused({{"type", "settings"}, {"store_name", std::string(81, 'x')}}, "\"store_name\" must be a name of 1 to 80 bytes");
}

TEST_CASE("sla_preset and sla_policies replace the policies and re-evaluate every deadline", "[cmd:sla_preset][cmd:sla_policies]") {
    TestApp t;
    t.ok({{"type", "sla_preset"}, {"preset", "seller_guides"}});
    CHECK(t.app.settings.sla.preset == "seller_guides");
    json policies = sd::sla_policies_to_json(t.app.settings.sla);
    policies["preset"] = "custom";
    t.ok({{"type", "sla_policies"}, {"policies", policies}});
    CHECK(t.app.settings.sla.preset == "custom");
    TestApp again(t.dir);
    CHECK(again.app.settings.sla.preset == "custom");
    t.refused({{"type", "sla_preset"}, {"preset", "lenient"}}, "\"preset\" must be current or seller_guides");
    t.refused({{"type", "sla_policies"}, {"policies", {{"policies", "none"}}}}, "");
    t.refused({{"type", "sla_policies"}}, "\"policies\" missing");
}

TEST_CASE("template_save adds a template and template_delete removes it; bad ones are refused", "[cmd:template_save][cmd:template_delete]") {
    TestApp t;
    json tpl = {{"id", "thanks-short"}, {"marketplace", "any"}, {"category", "general"}, {"title_zh", "简短感谢"}, {"title_en", "Short thanks"},
                {"guidance_zh", ""}, {"body", {{"en", "Thank you, {customer_name}!\n{agent_name}"}}}};
    t.ok({{"type", "template_save"}, {"template", tpl}});
    REQUIRE(t.app.templates.lib.find("thanks-short"));
    {
        TestApp again(t.dir);
        CHECK(again.app.templates.lib.find("thanks-short"));
    }
    tpl["body"]["en"] = "Use {coupon} today";
    json r = t.refused({{"type", "template_save"}, {"template", tpl}}, "unknown placeholder {coupon}");
    CHECK_FALSE(r["errors"].empty());
    t.refused({{"type", "template_save"}, {"template", "thanks"}}, "\"template\" must be a template object");
    t.ok({{"type", "template_delete"}, {"template", "thanks-short"}});
    CHECK(t.app.templates.lib.find("thanks-short")->deleted);
    t.refused({{"type", "template_delete"}, {"template", "thanks-short"}}, "no template \"thanks-short\"");
}

TEST_CASE("undo_import takes an import back as a whole; with none it is refused", "[cmd:undo_import]") {
    TestApp other(30, 9);
    std::string file, error;
    ExportRequest req;
    REQUIRE(export_json_text(other.app, req, file, error));
    TestApp t;
    t.refused({{"type", "undo_import"}}, "there is no import to undo");
    const size_t before = t.app.store.conversations.size();
    json r = import_begin(t.app, std::move(file), "other.json");
    REQUIRE(r["ok"] == true);
    for (int i = 0; i < 10000 && t.app.import.running; ++i) import_step(t.app);
    REQUIRE_FALSE(t.app.import.running);
    REQUIRE(t.app.import.report["ok"] == true);
    const size_t added = t.app.import.report["added"];
    CHECK(added > 0);
    CHECK(t.app.store.conversations.size() == before + added);
    t.ack_flushes();
    t.ok({{"type", "undo_import"}});
    CHECK(t.app.store.conversations.size() == before);
    TestApp again(t.dir);
    CHECK(again.app.store.conversations.size() == before);
}

TEST_CASE("reset_demo replaces the inbox with a new demo of the size asked", "[cmd:reset_demo]") {
    TestApp t;
    t.ok({{"type", "label"}, {"id", t.first_id()}, {"add", {"gone_after_reset"}}});
    t.ok({{"type", "reset_demo"}, {"seed", 4}, {"conversations", 25}});
    CHECK(t.app.store.conversations.size() == 25);
    CHECK(app_test::label_count(t.app, "gone_after_reset") == 0);
    TestApp again(t.dir);
    CHECK(again.app.store.conversations.size() == 25);
    t.refused({{"type", "reset_demo"}, {"conversations", 5}}, "\"conversations\" must be 10..100000");
    t.refused({{"type", "reset_demo"}, {"seed", -1}}, "\"seed\" must be a whole number");
}

TEST_CASE("take_over asks the writer tab to step down, only from a read-only tab", "[cmd:take_over]") {
    TestApp writer;
    writer.refused({{"type", "take_over"}}, "this tab already edits the inbox");
    TestApp follower(writer.dir, false);
    REQUIRE(follower.app.tab.read_only);
    const int asked = platform::native::state().takeover_requests;
    json r = follower.ok({{"type", "take_over"}});
    CHECK(r["requested"] == true);
    CHECK(platform::native::state().takeover_requests == asked + 1);
}
