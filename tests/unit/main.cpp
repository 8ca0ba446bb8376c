// Catch2 runner for the native core tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
