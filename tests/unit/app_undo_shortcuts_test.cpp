// Undo of destructive commands and the keyboard shortcuts, on the native platform: a key is
// handled the moment it is pressed (handle_shortcut), acts only where it should, and a
// destructive one can be put back exactly.
#include "app_fixture.h"

#include "app/shortcuts.h"
#include "app/undo.h"
#include "core/ops.h"

using app_test::TestApp;
using nlohmann::json;

namespace {

int code(char letter) { return letter == '/' ? 191 : int(letter - 'a' + 'A'); }
bool press(TestApp& t, char letter, int mods = 0) {
    const bool used = handle_shortcut(t.app, code(letter), mods);
    if (t.app.view.dirty) rebuild_rows(t.app);
    return used;
}

// What undo must give back: status, spam, labels, read state, assignee.
std::string undo_view(const sd::Conversation& c) {
    json j = {sd::to_string(c.status), sd::to_string(c.spam), c.labels, c.unread, c.assignee};
    return j.dump();
}

}  // namespace

TEST_CASE("undo puts a closed conversation back exactly; with nothing to undo it is refused", "[cmd:undo]") {
    TestApp t;
    t.refused({{"type", "undo"}}, "there is nothing to undo");
    const std::string id = t.find_id([](const sd::Conversation& c) { return c.status != sd::Status::Closed; });
    const std::string before = undo_view(t.conv(id));
    t.ok({{"type", "set_status"}, {"id", id}, {"status", "closed"}});
    CHECK(t.app.undo.text.rfind("Closed \u201C", 0) == 0);
    json r = t.ok({{"type", "undo"}});
    CHECK(r["undone"] == 1);
    CHECK(undo_view(t.conv(id)) == before);
    TestApp again(t.dir);   // the undo is saved like any edit
    CHECK(undo_view(again.conv(id)) == before);
    t.refused({{"type", "undo"}}, "there is nothing to undo");   // once
}

TEST_CASE("undo of a bulk action restores every conversation it changed, and only those", "[cmd:undo]") {
    TestApp t;
    std::vector<std::string> ids;
    std::vector<std::string> before;
    for (size_t k = 0; k < 4; ++k) {
        ids.push_back(t.app.store.conversations[t.app.view.rows[k]].id);
        before.push_back(undo_view(t.conv(ids.back())));
    }
    t.ok({{"type", "label"}, {"id", ids[0]}, {"add", {"fragile"}}});   // a label before the bulk action stays
    before[0] = undo_view(t.conv(ids[0]));
    t.ok({{"type", "multi_select"}, {"ids", ids}});
    t.ok({{"type", "bulk"}, {"action", "label"}, {"add", {"fragile", "wholesale"}}});
    CHECK(t.app.undo.text == "Labels changed: 4 conversations");
    t.ok({{"type", "undo"}});
    for (size_t k = 0; k < ids.size(); ++k) CHECK(undo_view(t.conv(ids[k])) == before[k]);
}

TEST_CASE("undo restores a spam flag's conversation and lapses after its notice", "[cmd:undo]") {
    TestApp t(400);
    const std::string id = t.find_id([](const sd::Conversation& c) {
        return c.kind == sd::ConversationKind::PreSale && c.order_id.empty() && !sd::has_seller_answer(c) && c.spam == sd::SpamReason::None;
    });
    const std::string before = undo_view(t.conv(id));
    t.ok({{"type", "flag_spam"}, {"id", id}, {"reason", "spam"}});
    t.ok({{"type", "undo"}});
    CHECK(undo_view(t.conv(id)) == before);
    t.ok({{"type", "flag_spam"}, {"id", id}, {"reason", "fraud"}});
    platform::native::advance_ms(11000);   // the notice is gone
    t.refused({{"type", "undo"}}, "there is nothing to undo");
}

TEST_CASE("shortcuts: j/k move, Enter opens, e closes with undo, z undoes, u toggles read", "[shortcuts]") {
    TestApp t;
    CHECK(press(t, 'j'));
    CHECK(t.app.view.cursor == t.first_id());
    CHECK(press(t, 'j'));
    const std::string second = t.app.store.conversations[t.app.view.rows[1]].id;
    CHECK(t.app.view.cursor == second);
    CHECK(press(t, 'k'));
    CHECK(handle_shortcut(t.app, 13, 0));   // Enter
    CHECK(t.app.view.selected == t.first_id());
    const std::string id = t.first_id(), before = undo_view(t.conv(id));
    CHECK(press(t, 'e'));
    CHECK(t.conv(id).status == sd::Status::Closed);
    CHECK(undo_available(t.app));
    CHECK(press(t, 'z'));
    CHECK(undo_view(t.conv(id)) == before);
    const bool unread = t.conv(id).unread;
    CHECK(press(t, 'u'));
    CHECK(t.conv(id).unread != unread);
}

TEST_CASE("shortcuts: / focuses the search, r the reply; letters do nothing where they must not", "[shortcuts]") {
    TestApp t;
    CHECK(press(t, '/'));
    CHECK(platform::native::state().focus_request == "search");
    t.ok({{"type", "select"}, {"id", t.first_id()}});
    CHECK(press(t, 'r'));
    CHECK(platform::native::state().focus_request == "composer");
    const std::string id = t.first_id();
    const auto status = t.conv(id).status;
    t.app.view.pane = "folders";   // the folder pane has the focus: letters are not shortcuts there
    CHECK_FALSE(press(t, 'e'));
    t.app.view.pane = "list";
    t.app.ui_takes_keys = true;    // a menu or window of the interface has the keys
    CHECK_FALSE(press(t, 'e'));
    t.app.ui_takes_keys = false;
    t.app.single_key_shortcuts = false;   // the setting
    CHECK_FALSE(press(t, 'e'));
    CHECK_FALSE(press(t, 'j'));
    CHECK(handle_shortcut(t.app, 40, 0));   // arrows still move
    CHECK(t.conv(id).status == status);
    CHECK_FALSE(press(t, 'e', 1));          // Ctrl+E is the browser's
}

TEST_CASE("a click selects without scrolling the list; keys scroll, the multi-selection starts empty", "[shortcuts]") {
    TestApp t;
    t.ok({{"type", "select"}, {"id", t.first_id()}});
    CHECK_FALSE(t.app.view.scroll_to_selected);
    t.ok({{"type", "move"}, {"by", 1}});
    CHECK(t.app.view.scroll_to_selected);
    const std::string other = t.app.store.conversations[t.app.view.rows[3]].id;
    json r = t.ok({{"type", "multi_select"}, {"toggle", other}});
    CHECK(r["count"] == 1);   // the open conversation is not taken along
}

TEST_CASE("the shortcuts command turns single-key shortcuts off in this browser and back on", "[cmd:shortcuts]") {
    TestApp t;
    t.ok({{"type", "shortcuts"}, {"single_key", false}});
    CHECK_FALSE(t.app.single_key_shortcuts);
    CHECK_FALSE(press(t, 'j'));
    CHECK(platform::native::state().preferences["single_key_shortcuts"] == "off");
    {
        TestApp again(t.dir);   // the browser's choice is kept
        CHECK_FALSE(again.app.single_key_shortcuts);
    }
    t.ok({{"type", "shortcuts"}, {"single_key", true}});
    CHECK(press(t, 'j'));
    t.refused({{"type", "shortcuts"}, {"single_key", "no"}}, "\"single_key\" must be true or false");
    t.refused({{"type", "shortcuts"}}, "\"single_key\" must be true or false");
}
