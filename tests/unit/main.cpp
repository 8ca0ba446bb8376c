// Catch2 runner for the native tests (core and app layer). After a whole run (no test named on
// the command line) it also checks that every command of the app's table succeeded and was
// refused at least once in the tests (counted by tests/unit/app_fixture.h), and fails if not.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdio>

#include "app_fixture.h"

int main(int argc, char* argv[]) {
    Catch::Session session;
    if (int rc = session.applyCommandLine(argc, argv)) return rc;
    int failed = session.run();
    const bool whole_run = !session.configData().testsOrTags.size() && !session.configData().listTests &&
                           !session.configData().listTestNamesOnly && !session.configData().listTags;
    if (!whole_run) return failed;
    int missing = 0;
    for (const CommandSpec& s : command_table()) {
        const app_test::Coverage& c = app_test::coverage()[s.name];
        if (c.ok > 0 && c.refused > 0) continue;
        std::printf("command \"%s\" has no native test of its %s (tests/unit/app_*_test.cpp)\n", s.name,
                    c.ok == 0 ? "effect" : "refusals");
        ++missing;
    }
    if (missing) std::printf("Failed %d test cases: commands without native tests\n", missing);
    return failed + missing;
}
