// `beian eval` end to end on a tiny generated set, through the real Engine.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "samples/generator.h"
#include "tests/support/test_support.h"

using namespace beian;

TEST_CASE("beian eval prints JSON numbers for every truth image", "[eval][cli]") {
  test::TempDir dir;
  samples::GeneratorOptions gen;
  gen.orders = 1;
  gen.jobs = 1;
  gen.order.seed = 4;
  gen.order.levels = {samples::Level::kClean};
  gen.order.portraits = false;
  const auto summary = samples::generate_orders(gen, dir.path());

  const auto run = test::run_program({test::cli_path(), "eval", summary.truth.string(), "--json"});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const auto j = nlohmann::json::parse(run.out);
  CHECK(j["schema"] == "beian.eval/1");
  CHECK(j["images"] == summary.images);
  int grouped = 0;
  for (const auto& g : j["groups"]) {
    grouped += g["images"].get<int>();
    CHECK(g["level"] == "clean");
    CHECK(g["type_correct"].get<int>() <= g["images"].get<int>());
  }
  CHECK(grouped == summary.images);

  const auto table = test::run_program({test::cli_path(), "eval", summary.truth.string()});
  CHECK(table.exit_code == 0);
  CHECK(table.out.find("beian eval: ") != std::string::npos);
  CHECK(table.out.find("confidence >= 0.90") != std::string::npos);
}

TEST_CASE("beian eval rejects a bad truth file with exit code 2", "[eval][cli]") {
  test::TempDir dir;
  test::write_file(dir / "truth.json", R"({"images":[{"file":"a.jpg","type":"id_card","level":"clean"}]})");
  const auto run = test::run_program({test::cli_path(), "eval", (dir / "truth.json").string()});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("id_card") != std::string::npos);
  const auto missing = test::run_program({test::cli_path(), "eval", (dir / "nope.json").string()});
  CHECK(missing.exit_code == 2);
}

TEST_CASE("beian eval reports truth images that are missing", "[eval][cli]") {
  test::TempDir dir;
  test::write_file(dir / "truth.json", R"({"images":[{"file":"gone.jpg","type":"id_front","level":"clean","fields":{"name":"张三"}}]})");
  const auto run = test::run_program({test::cli_path(), "eval", (dir / "truth.json").string(), "--json"});
  CHECK(run.exit_code == 1);
  const auto j = nlohmann::json::parse(run.out);
  CHECK(j["groups"][0]["unreadable"] == 1);
  CHECK(j["groups"][0]["fields"][0]["missing"] == 1);
}
