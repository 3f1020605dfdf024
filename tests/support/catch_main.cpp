// The one Catch2 main shared by every test executable (compiled once, in beian_test_support).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
