// The Engine is used from many threads at once by the order service: eight threads reading a
// mix of generated documents must give exactly the single-threaded results.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <thread>

#include "beian/engine.h"
#include "samples/generator.h"
#include "tests/support/test_support.h"

namespace {

// The result without its timings (which legitimately differ from run to run).
nlohmann::json comparable(const beian::DocumentResult& r) {
  nlohmann::json j = r;
  j.erase("timings_ms");
  return j;
}

}  // namespace

TEST_CASE("8 threads reading mixed documents give the single-threaded results", "[engine][threads]") {
  beian::test::TempDir dir;
  beian::samples::GeneratorOptions gen;
  gen.orders = 2;
  gen.order.seed = 20261122;
  gen.jobs = 1;
  const auto summary = beian::samples::generate_orders(gen, dir.path());
  const auto truth = nlohmann::json::parse(beian::test::read_file(summary.truth));

  std::vector<std::pair<std::string, std::string>> files;  // name, bytes
  for (const auto& image : truth.at("images")) {
    const std::string rel = image.at("file");
    files.emplace_back(rel, beian::test::read_file(dir.path() / rel));
  }
  REQUIRE(files.size() >= 8);

  beian::EngineOptions options;
  options.workers = 8;
  options.today = beian::Date{2026, 11, 22};
  auto engine = beian::Engine::create(options);
  REQUIRE(engine.value);

  std::vector<nlohmann::json> expected;
  for (const auto& [name, bytes] : files) expected.push_back(comparable(engine.value->read_document(bytes, name)));

  // Every file read twice more, by different threads, interleaved.
  std::vector<std::vector<nlohmann::json>> got(files.size());
  std::mutex mutex;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (size_t k = t; k < 2 * files.size(); k += 8) {
        const size_t i = k % files.size();
        auto result = comparable(engine.value->read_document(files[i].second, files[i].first));
        std::lock_guard lock(mutex);
        got[i].push_back(std::move(result));
      }
    });
  }
  for (auto& t : threads) t.join();

  for (size_t i = 0; i < files.size(); ++i) {
    INFO(files[i].first);
    REQUIRE(got[i].size() == 2);
    CHECK(got[i][0] == expected[i]);
    CHECK(got[i][1] == expected[i]);
  }
}
