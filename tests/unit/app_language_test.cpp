// The UI language on the native platform: the `language` command, the browser preference that
// keeps it, what state() reports (language, menu titles, the rows' countdown text), and that a
// read-only tab may switch too.
#include "app_fixture.h"

#include "app/format.h"
#include "app/i18n.h"
#include "app/state_json.h"

using app_test::TestApp;
using nlohmann::json;

TEST_CASE("language switches every text, is kept as the browser's preference, and refuses other codes", "[cmd:language]") {
    TestApp t;
    json s = state_json(t.app, 0);
    CHECK(s["language"] == "en");
    CHECK(s["menu_titles"] == json({"Inbox", "View", "Team", "Help"}));
    CHECK(std::string(tr("folder.all")) == "All messages");

    const uint64_t written = t.app.save.ops_written;
    t.ok({{"type", "language"}, {"lang", "zh"}});
    s = state_json(t.app, 0);
    CHECK(s["language"] == "zh");
    CHECK(s["menu_titles"] == json({"收件箱", "视图", "团队", "帮助"}));
    CHECK(std::string(tr("folder.all")) == "所有邮件");
    CHECK(std::string(tr("folder.wish_unhandled")) == "未处理");
    CHECK(platform::native::state().preferences["language"] == "zh");
    CHECK(t.app.save.ops_written == written);   // a preference of this browser, not inbox data

    // The list's countdowns follow the language; "rows[i].sla.text" is what the list shows.
    t.ok({{"type", "clock"}, {"now", "2030-01-01T00:00:00Z"}, {"speed", 0}});
    s = state_json(t.app);
    bool overdue_seen = false;
    for (const json& row : s["rows"])
        if (row["sla"]["state"] == "overdue") {
            overdue_seen = true;
            CHECK(row["sla"]["text"].get<std::string>().rfind("逾期 ", 0) == 0);
        }
    CHECK(overdue_seen);

    {
        TestApp again(t.dir);   // the next start in this browser keeps the choice
        CHECK(state_json(again.app, 0)["language"] == "zh");
    }
    t.refused({{"type", "language"}, {"lang", "fr"}}, "\"lang\" must be \"en\" (English) or \"zh\" (Simplified Chinese)");
    t.refused({{"type", "language"}, {"lang", 5}}, "\"lang\" must be");
    t.refused({{"type", "language"}}, "\"lang\" must be");
    CHECK(state_json(t.app, 0)["language"] == "zh");   // refusals changed nothing
    CHECK(platform::native::state().preferences["language"] == "zh");

    t.ok({{"type", "language"}, {"lang", "en"}});
    s = state_json(t.app);
    CHECK(s["menu_titles"] == json({"Inbox", "View", "Team", "Help"}));
    for (const json& row : s["rows"])
        if (row["sla"]["state"] == "overdue") CHECK(row["sla"]["text"].get<std::string>().rfind("Overdue ", 0) == 0);
}

TEST_CASE("the language at start comes from the preference; anything else means English", "[cmd:language]") {
    TestApp t;
    platform::native::state().preferences["language"] = "zh";   // what navigator.language gives a Chinese browser
    {
        TestApp again(t.dir);
        CHECK(std::string(i18n_language()) == "zh");
        CHECK(std::string(tr("menu.view")) == "视图");
    }
    platform::native::state().preferences["language"] = "de";
    {
        TestApp again(t.dir);
        CHECK(std::string(i18n_language()) == "en");
    }
}

TEST_CASE("a read-only tab switches the language too", "[cmd:language]") {
    TestApp writer;
    TestApp follower(writer.dir, false);
    REQUIRE(follower.app.tab.read_only);
    follower.ok({{"type", "language"}, {"lang", "zh"}});
    CHECK(state_json(follower.app, 0)["menu_titles"][0] == "收件箱");
    follower.refused({{"type", "language"}, {"lang", "zh-TW"}}, "\"lang\" must be");
    follower.ok({{"type", "language"}, {"lang", "en"}});
}
