// The draft and what is done with it, on the native platform: draft and save_draft, templates
// inserted at the caret, marking it sent with the reply checker in the way.
#include "app_fixture.h"

#include "app/composer.h"
#include "core/ops.h"

using app_test::TestApp;
using nlohmann::json;

TEST_CASE("draft sets the draft, shows it in the open composer and saves it", "[cmd:draft]") {
    TestApp t;
    std::string id = t.first_id();
    t.ok({{"type", "select"}, {"id", id}});
    t.ok({{"type", "draft"}, {"id", id}, {"text", "Hello 你好"}});
    CHECK(t.conv(id).draft == "Hello 你好");
    CHECK(t.app.composer.text == "Hello 你好");
    CHECK_FALSE(t.app.composer.draft_due);
    TestApp again(t.dir);
    CHECK(again.conv(id).draft == "Hello 你好");
    t.refused({{"type", "draft"}, {"id", id}, {"text", std::string(100001, 'a')}}, "a draft is limited to 100,000 bytes");
    t.refused({{"type", "draft"}, {"id", id}}, "\"text\" must be the draft text");
}

TEST_CASE("save_draft saves without touching the composer's text", "[cmd:save_draft]") {
    TestApp t;
    std::string id = t.first_id();
    t.ok({{"type", "select"}, {"id", id}});
    composer_set_text(t.app, "typed in the editor", 19, true);
    t.ok({{"type", "save_draft"}, {"id", id}, {"text", "saved from elsewhere"}});
    CHECK(t.conv(id).draft == "saved from elsewhere");
    CHECK(t.app.composer.text == "typed in the editor");
    t.refused({{"type", "save_draft"}, {"id", "nope"}, {"text", "x"}}, "no conversation \"nope\"");
}

TEST_CASE("a draft typed in the editor is saved when another conversation opens and on flush_now", "[composer]") {
    TestApp t;
    const std::string a = t.app.store.conversations[t.app.view.rows[0]].id, b = t.app.store.conversations[t.app.view.rows[1]].id;
    t.ok({{"type", "select"}, {"id", a}});
    composer_on_input(t.app, "Dear buyer, 我们已经", 10);
    CHECK(t.app.composer.draft_due);
    t.ok({{"type", "select"}, {"id", b}});
    CHECK(t.conv(a).draft == "Dear buyer, 我们已经");
    composer_on_input(t.app, "Second draft", 12);
    flush_now(t.app);
    CHECK(t.conv(b).draft == "Second draft");
    TestApp again(t.dir);
    CHECK(again.conv(a).draft == "Dear buyer, 我们已经");
    CHECK(again.conv(b).draft == "Second draft");
}

TEST_CASE("insert_template fills placeholders at the caret and counts the use", "[cmd:insert_template]") {
    TestApp t;
    std::string id = t.find_id([](const sd::Conversation& c) { return c.marketplace == sd::Marketplace::Amazon && !c.order_id.empty(); });
    const sd::Template* tpl = nullptr;
    for (const sd::Template& x : t.app.templates.lib.templates)
        if (x.marketplace == "amazon" && !x.deleted && x.body("en") && x.body("en")->find("{order_id}") != std::string::npos) tpl = &x;
    REQUIRE(tpl);
    const std::string tid = tpl->id;
    const int uses = tpl->usage_count;
    t.ok({{"type", "select"}, {"id", id}});
    json r = t.ok({{"type", "insert_template"}, {"id", id}, {"template", tid}});
    CHECK(t.app.composer.text.find(t.conv(id).order_id) != std::string::npos);
    CHECK(t.conv(id).draft == t.app.composer.text);
    CHECK(t.app.templates.lib.find(tid)->usage_count == uses + 1);
    CHECK(r["missing"].is_array());
    TestApp again(t.dir);
    CHECK(again.app.templates.lib.find(tid)->usage_count == uses + 1);
    t.refused({{"type", "insert_template"}, {"id", id}, {"template", "no-such-template"}}, "no template \"no-such-template\"");
    t.refused({{"type", "insert_template"}, {"id", id}, {"template", tid}, {"lang", 2}}, "\"lang\" must be a language code");
}

TEST_CASE("mark_sent records the draft as sent; rule errors need an override, which is recorded", "[cmd:mark_sent]") {
    TestApp t;
    std::string id = t.find_id([](const sd::Conversation& c) {
        return c.marketplace == sd::Marketplace::Amazon && !sd::has_seller_answer(c) && c.spam == sd::SpamReason::None;
    });
    t.ok({{"type", "select"}, {"id", id}});
    t.refused({{"type", "mark_sent"}, {"id", id}}, "the reply is empty");
    t.ok({{"type", "draft"}, {"id", id}, {"text", "Write to me at lily@example.com and I will help."}});
    json r = t.refused({{"type", "mark_sent"}, {"id", id}}, "the reply breaks");
    CHECK_FALSE(r["findings"].empty());
    t.refused({{"type", "mark_sent"}, {"id", id}, {"override", "yes"}}, "\"override\" must be true or false");
    r = t.ok({{"type", "mark_sent"}, {"id", id}, {"override", true}});
    CHECK(r["override_checks"] == true);
    const sd::Conversation& c = t.conv(id);
    CHECK(c.messages.back().override_checks);
    CHECK(c.draft.empty());
    CHECK(t.app.composer.text.empty());
    CHECK(sd::has_seller_answer(c));
    TestApp again(t.dir);
    CHECK(again.conv(id).messages.back().override_checks);
    CHECK(again.conv(id).draft.empty());
}

TEST_CASE("a draft typed a moment before the page went away is there after a reload", "[composer]") {
    TestApp t;
    const std::string id = t.first_id();
    t.ok({{"type", "select"}, {"id", id}});
    composer_on_input(t.app, "Hello, 您好, we are", 19);   // no pause, no save, no flush acknowledged
    {
        TestApp again(t.dir);
        CHECK(again.conv(id).draft == "Hello, 您好, we are");
    }
    // A typed draft that was then sent is not brought back by the file it left.
    t.ok({{"type", "draft"}, {"id", id}, {"text", "Thank you for waiting; your parcel left today."}});
    t.ok({{"type", "mark_sent"}, {"id", id}});
    TestApp later(t.dir);
    CHECK(later.conv(id).draft.empty());
}
