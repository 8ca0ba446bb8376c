// Reading the thread, on the native platform: the find and font_size commands, selecting and
// copying message text (with the keys), and the screen-reader mirror's data and its updates.
#include "app_fixture.h"

#include "app/a11y_mirror.h"
#include "app/reading.h"
#include "app/shortcuts.h"
#include "app/state_json.h"
#include "core/text_fold.h"

using app_test::TestApp;
using nlohmann::json;

namespace {

float mono(const void*, uint32_t) { return 8.0f; }

// Opens a conversation with at least two messages and returns its ID.
std::string open_thread(TestApp& t) {
    const std::string id = t.find_id([](const sd::Conversation& c) { return c.messages.size() >= 2 && !c.messages[0].body.empty(); });
    t.ok({{"type", "select"}, {"id", id}});
    return id;
}

// What the thread's drawing would leave behind: each message laid out 200 px wide, one under the other.
void lay_out(TestApp& t) {
    ReadingState& r = t.app.reading;
    const sd::Conversation& c = t.conv(t.app.view.selected);
    r.widths = sd::GlyphWidths{mono, nullptr};
    r.font_px = 16;
    r.layout_of = c.id;
    r.layout.assign(c.messages.size(), MessageLayout());
    float y = 0;
    for (size_t i = 0; i < c.messages.size(); ++i) {
        MessageLayout& l = r.layout[i];
        l.lines = sd::wrap_text(c.messages[i].body, 200, r.widths);
        l.bytes = c.messages[i].body.size();
        l.shown = true;
        l.y = y;
        y += 40 + 16 * float(l.lines.size());
    }
}

bool key(TestApp& t, int code, int mods = 0) { return handle_shortcut(t.app, code, mods); }

}  // namespace

TEST_CASE("find opens on the open thread, counts folded matches and moves through them", "[cmd:find]") {
    TestApp t;
    t.refused({{"type", "find"}, {"text", "parcel"}}, "open a conversation first");
    const std::string id = open_thread(t);
    const sd::Conversation& c = t.conv(id);
    // A word of the first message, typed in capitals: case does not matter.
    const std::string& first = c.messages[0].body;
    const sd::TextRange w = sd::word_at(first, first.find(' ') + 1);
    std::string word = first.substr(w.begin, w.end - w.begin);
    for (char& ch : word) ch = char(std::toupper(static_cast<unsigned char>(ch)));
    const size_t expected = find_in(c, word).size();
    REQUIRE(expected >= 1);
    json r = t.ok({{"type", "find"}, {"text", word}});
    CHECK(r["matches"] == expected);
    CHECK(r["current"] == 1);
    json s = state_json(t.app, 0)["find"];
    CHECK(s == json{{"open", true}, {"text", word}, {"matches", expected}, {"current", 1}});
    const FindMatch m = t.app.reading.find.matches.at(0);
    CHECK(sd::fold(c.messages[size_t(m.message)].body.substr(m.begin, m.end - m.begin)) == sd::fold(word));
    // Next and previous wrap around.
    r = t.ok({{"type", "find"}, {"move", -1}});
    CHECK(r["current"] == expected);
    r = t.ok({{"type", "find"}, {"move", 1}});
    CHECK(r["current"] == 1);
    // Refusals change nothing.
    t.refused({{"type", "find"}, {"move", 2}}, "\"move\" must be 1");
    t.refused({{"type", "find"}, {"text", 5}}, "\"text\" must be a string");
    t.refused({{"type", "find"}, {"open", "yes"}}, "\"open\" must be true or false");
    t.refused({{"type", "find"}, {"text", "zzqqxx-not-there"}, {"move", 1}}, "no match for \"zzqqxx-not-there\"");
    CHECK(state_json(t.app, 0)["find"]["text"] == word);
    // Closing keeps the text for next time, and reports no matches.
    t.ok({{"type", "find"}, {"open", false}});
    CHECK(state_json(t.app, 0)["find"] == json{{"open", false}, {"text", word}, {"matches", 0}, {"current", 0}});
    t.refused({{"type", "find"}, {"open", false}, {"move", 1}}, "a closed find bar");
    // Another thread: the matches follow it (state() counts them before the next frame).
    t.ok({{"type", "find"}, {"text", "the"}});
    const std::string other = t.find_id([&](const sd::Conversation& x) { return x.id != id && !find_in(x, "the").empty(); });
    t.ok({{"type", "select"}, {"id", other}});
    CHECK(state_json(t.app, 0)["find"]["matches"] == find_in(t.conv(other), "the").size());
}

TEST_CASE("Ctrl+F opens the find bar from any pane and focuses its field; Esc closes it", "[reading]") {
    TestApp t;
    CHECK_FALSE(key(t, 70, 1));   // no thread open: the browser's own find
    open_thread(t);
    for (const char* pane : {"folders", "list", "thread"}) {
        t.app.view.pane = pane;
        platform::native::state().focus_request.clear();
        CHECK(key(t, 70, 1));
        CHECK(t.app.reading.find.open);
        CHECK(platform::native::state().focus_request == "find");
        CHECK(key(t, 27));   // Esc on the page closes it
        CHECK_FALSE(t.app.reading.find.open);
    }
    CHECK_FALSE(key(t, 70, 1 | 2));   // Ctrl+Shift+F is not find
}

TEST_CASE("font_size sets the text size, keeps it in this browser and refuses what is out of range", "[cmd:font_size]") {
    TestApp t;
    CHECK(t.app.font_size == kDefaultFontPx);
    const uint64_t written = t.app.save.ops_written;
    json r = t.ok({{"type", "font_size"}, {"px", 18}});
    CHECK(r["font_size"] == 18);
    CHECK(state_json(t.app, 0)["font_size"] == 18);
    CHECK(platform::native::state().preferences["font_size"] == "18");
    CHECK(t.app.save.ops_written == written);   // a preference, not inbox data
    t.refused({{"type", "font_size"}, {"px", 12}}, "from 13 to 20, not 12");
    t.refused({{"type", "font_size"}, {"px", 21}}, "from 13 to 20, not 21");
    t.refused({{"type", "font_size"}, {"px", 14.5}}, "whole number");
    t.refused({{"type", "font_size"}, {"px", "16"}}, "\"px\" must be the text size");
    t.refused({{"type", "font_size"}}, "\"px\" must be the text size");
    CHECK(t.app.font_size == 18);
    // The next start of the page reads it back (a damaged value gives the default).
    TestApp again(t.dir);
    load_font_size(again.app);
    CHECK(again.app.font_size == 18);
    platform::native::state().preferences["font_size"] = "99";
    load_font_size(again.app);
    CHECK(again.app.font_size == kDefaultFontPx);
    // A read-only tab may change it: it is not the inbox's.
    TestApp follower(t.dir, false);
    REQUIRE(follower.app.tab.read_only);
    follower.ok({{"type", "font_size"}, {"px", 13}});
}

TEST_CASE("selected text is copied exactly, across messages too", "[reading]") {
    TestApp t;
    const std::string id = open_thread(t);
    const sd::Conversation& c = t.conv(id);
    const std::string& a = c.messages[0].body;
    const std::string& b = c.messages[1].body;
    CHECK_FALSE(text_selected(t.app));
    CHECK(selection_json(t.app).is_null());
    select_text(t.app, {0, 2}, {0, 9});
    CHECK(selected_text(t.app) == a.substr(2, 7));
    CHECK(copy_selection(t.app));
    CHECK(platform::native::state().clipboard == a.substr(2, 7));
    CHECK(selection_json(t.app) == json{{"text", a.substr(2, 7)}, {"message", c.messages[0].id}});
    // Backwards, from the middle of the second message to the first's fourth byte.
    select_text(t.app, {1, 5}, {0, 4});
    CHECK(selected_text(t.app) == a.substr(4) + "\n\n" + b.substr(0, 5));
    select_message(t.app, 1);
    CHECK(selected_text(t.app) == b);
    // Another conversation: nothing is selected there.
    const std::string other = t.find_id([&](const sd::Conversation& x) { return x.id != id; });
    t.ok({{"type", "select"}, {"id", other}});
    CHECK_FALSE(text_selected(t.app));
    CHECK_FALSE(copy_selection(t.app));
}

TEST_CASE("the keys copy, select a message and extend the selection by character, word and line", "[reading]") {
    TestApp t;
    const std::string id = open_thread(t);
    const sd::Conversation& c = t.conv(id);
    lay_out(t);
    const std::string& a = c.messages[0].body;
    select_text(t.app, {0, 0}, {0, 0});   // a click put the caret at the start
    t.app.view.pane = "list";
    CHECK_FALSE(key(t, 39, 2));           // Shift+Right belongs to the thread
    t.app.view.pane = "thread";
    CHECK(key(t, 39, 2));
    CHECK(selected_text(t.app) == a.substr(0, sd::next_char(a, 0)));
    CHECK(key(t, 39, 2 | 1));             // Ctrl+Shift+Right: to the end of the word
    CHECK(selected_text(t.app) == a.substr(0, sd::next_word_end(a, sd::next_char(a, 0))));
    CHECK(key(t, 67, 1));                 // Ctrl+C
    CHECK(platform::native::state().clipboard == selected_text(t.app));
    // Shift+Down: one wrapped line down, at the same x.
    const auto& lines = t.app.reading.layout[0].lines;
    select_text(t.app, {0, 0}, {0, 0});
    CHECK(key(t, 40, 2));
    const TextPos down = t.app.reading.selection.caret;
    if (lines.size() > 1) CHECK(down == TextPos{0, lines[1].begin});
    else CHECK(down.message == 1);        // a one-line message: into the next one
    CHECK(key(t, 38, 2));                 // and back up
    CHECK(t.app.reading.selection.caret == TextPos{0, 0});
    CHECK(key(t, 35, 2));                 // Shift+End: the end of the line
    CHECK(t.app.reading.selection.caret == TextPos{0, lines[0].end});
    // Ctrl+A selects the caret's message; Esc lets go.
    CHECK(key(t, 65, 1));
    CHECK(selected_text(t.app) == a);
    CHECK(key(t, 27));
    CHECK_FALSE(text_selected(t.app));
    CHECK_FALSE(key(t, 67, 1));           // nothing to copy: Ctrl+C goes on to the page
}

TEST_CASE("the mirror names rows for a screen reader and is sent only when it changed", "[reading]") {
    TestApp t;
    const std::string id = open_thread(t);
    t.ack_flushes();
    platform::native::state().a11y_updates = 0;
    a11y_publish(t.app);
    CHECK(platform::native::state().a11y_updates == 1);
    a11y_publish(t.app);
    a11y_publish(t.app);
    CHECK(platform::native::state().a11y_updates == 1);   // nothing changed: nothing sent
    json m = json::parse(platform::native::state().a11y_json);
    // The live region: the view's count and the unread badge, then the save state.
    CHECK(m["status"]["counts"] == with_commas(t.app.view.rows.size()) + " conversations, " + with_commas(t.app.view.counts.unread) + " unread");
    CHECK(m["status"]["save"] == "All changes saved");
    // Rows: at most a screen's worth, each named marketplace, customer, subject, deadline, unread.
    REQUIRE(!m["list"]["rows"].empty());
    CHECK(m["list"]["rows"].size() <= 60);
    CHECK(m["list"]["total"] == t.app.view.rows.size());
    const json row = m["list"]["rows"][0];
    const sd::Conversation& c0 = t.conv(row["id"]);
    const std::string name = row["name"];
    CHECK(name.rfind(std::string(sd::display_name(c0.marketplace)) + ", " + t.app.store.find_customer(c0.customer_id)->name + ", " + c0.subject, 0) == 0);
    CHECK((name.size() > 8 && name.substr(name.size() - 8) == ", unread") == c0.unread);
    // The open thread: every message with author and time.
    const sd::Conversation& c = t.conv(id);
    REQUIRE(m["thread"]["messages"].size() == c.messages.size());
    CHECK(m["thread"]["messages"][0]["author"] == c.messages[0].author);
    CHECK(m["thread"]["messages"][0]["text"] == c.messages[0].body);
    CHECK(m["thread"]["subject"] == c.subject);
    // A change the mirror shows sends it again, once.
    t.ok({{"type", "mark_unread"}, {"id", id}});
    a11y_publish(t.app);
    a11y_publish(t.app);
    CHECK(platform::native::state().a11y_updates == 2);
    t.ok({{"type", "filter"}, {"name", "marketplace:amazon"}});
    a11y_publish(t.app);
    m = json::parse(platform::native::state().a11y_json);
    CHECK(m["list"]["label"] == "Conversations: Amazon");
    CHECK(m["status"]["counts"].get<std::string>().find(" in Amazon, ") != std::string::npos);
    bool current = false;
    for (const json& f : m["folders"]) current |= f["filter"] == "marketplace:amazon" && f["current"] == true;
    CHECK(current);
}

TEST_CASE("deadlines are spoken in words and counts get thousands separators", "[reading]") {
    sd::SlaDeadline d;
    d.state = sd::SlaState::Overdue;
    d.remaining = -6 * 86400 - 3600;
    CHECK(spoken_deadline(d) == "overdue 6 days");
    d.remaining = -3 * 3600;
    CHECK(spoken_deadline(d) == "overdue 3 hours");
    d.remaining = -60;
    CHECK(spoken_deadline(d) == "overdue 1 minute");
    d.state = sd::SlaState::OnTrack;
    d.remaining = 47 * 3600 + 12 * 60;
    CHECK(spoken_deadline(d) == "47 hours 12 minutes left");
    d.state = sd::SlaState::DueSoon;
    d.remaining = 38 * 60;
    CHECK(spoken_deadline(d) == "due soon, 38 minutes left");
    d.state = sd::SlaState::Answered;
    CHECK(spoken_deadline(d) == "answered");
    d.state = sd::SlaState::None;
    CHECK(spoken_deadline(d).empty());
    CHECK(with_commas(0) == "0");
    CHECK(with_commas(999) == "999");
    CHECK(with_commas(1200) == "1,200");
    CHECK(with_commas(100000) == "100,000");
}
