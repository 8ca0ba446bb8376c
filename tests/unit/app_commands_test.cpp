// The command table itself: it matches docs/automation.md both ways, dispatch() refuses what it
// must before any handler runs, and a read-only tab refuses every command that writes.
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "app_fixture.h"

using app_test::TestApp;
using nlohmann::json;

namespace {

// The command types docs/automation.md documents: `{type: "name"…}` in the dispatch section.
std::set<std::string> documented_commands() {
    std::ifstream in(SD_SOURCE_DIR "/docs/automation.md");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string doc = ss.str();
    const size_t from = doc.find("## `window.sellerdesk.dispatch(command)`");
    const size_t to = doc.find("\n## ", from + 1);
    REQUIRE(from != std::string::npos);
    const std::string section = doc.substr(from, to == std::string::npos ? std::string::npos : to - from);
    std::set<std::string> names;
    std::regex type_re("\\{type: \"([a-z_]+)\"");
    for (auto it = std::sregex_iterator(section.begin(), section.end(), type_re); it != std::sregex_iterator(); ++it)
        names.insert((*it)[1]);
    return names;
}

}  // namespace

TEST_CASE("every command of the table is documented, and every documented command is in the table", "[commands]") {
    std::set<std::string> in_table;
    for (const CommandSpec& s : command_table()) {
        INFO(s.name);
        CHECK(in_table.insert(s.name).second);   // no name twice
        CHECK(s.handler != nullptr);
    }
    const std::set<std::string> documented = documented_commands();
    for (const std::string& name : in_table) {
        INFO("in the table, not in docs/automation.md: " << name);
        CHECK(documented.count(name));
    }
    for (const std::string& name : documented) {
        INFO("in docs/automation.md, not in the table: " << name);
        CHECK(in_table.count(name));
    }
}

TEST_CASE("every command of the table has a native test of its effect and of a refusal", "[commands]") {
    // Tagged test cases exist for each command; main.cpp also checks, after a whole run, that each
    // one really succeeded and was refused somewhere (app_fixture.h counts them).
    std::set<std::string> tagged;
    for (const Catch::TestCase& tc : Catch::getRegistryHub().getTestCaseRegistry().getAllTests())
        for (const std::string& tag : tc.tags)
            if (tag.rfind("cmd:", 0) == 0) tagged.insert(tag.substr(4));
    for (const CommandSpec& s : command_table()) {
        INFO("no test case tagged [cmd:" << s.name << "]");
        CHECK(tagged.count(s.name));
    }
}

TEST_CASE("dispatch refuses malformed commands before any handler runs", "[commands]") {
    TestApp t;
    const std::string before = t.fingerprint();
    CHECK(t.run(json::array())["error"] == "a command is an object with a string \"type\"");
    CHECK(t.run({{"type", 3}})["error"] == "a command is an object with a string \"type\"");
    CHECK(t.run({{"type", "fly"}})["error"] == "unknown command \"fly\"");
    json r = t.run({{"type", "flag_spam"}, {"id", t.first_id()}, {"reason", 5}});
    CHECK(r["ok"] == false);
    CHECK(r["error"].get<std::string>().rfind("a field has the wrong type", 0) == 0);
    CHECK(t.fingerprint() == before);
}

TEST_CASE("a read-only tab refuses every command that writes, with the reason", "[commands]") {
    TestApp writer;
    TestApp follower(writer.dir, false);
    REQUIRE(follower.app.tab.read_only);
    const std::string id = follower.first_id();
    for (const CommandSpec& s : command_table()) {
        if (!s.writes) continue;
        INFO(s.name);
        const std::string before = follower.fingerprint();
        json r = follower.run({{"type", s.name}, {"id", id}, {"text", "x"}});
        CHECK(r["ok"] == false);
        CHECK(r["error"].get<std::string>().find("open for editing in another tab") != std::string::npos);
        CHECK(follower.fingerprint() == before);
    }
}

TEST_CASE("commands wait while the inbox loads or an import runs", "[commands]") {
    TestApp t;
    t.app.ready = false;
    CHECK(t.run({{"type", "filter"}, {"name", "all"}})["error"] == "the inbox is still loading");
    t.app.ready = true;
    t.app.import.running = true;
    CHECK(t.run({{"type", "filter"}, {"name", "all"}})["error"] == "an import is running; commands wait until it is merged");
    t.app.import.running = false;
}
