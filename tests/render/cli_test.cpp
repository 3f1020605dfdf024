// `beian render` and the documents `beian process` writes, through the real CLI.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/render/render_test_support.h"
#include "tests/support/test_support.h"

using namespace beian;
using namespace beian::render;

namespace {
std::filesystem::path write_order(const test::TempDir& dir, const nlohmann::json& order) {
  const auto path = dir / "order.json";
  test::write_file(path, order.dump(2));
  return path;
}
}  // namespace

TEST_CASE("beian render writes one document, or all of them", "[render][cli]") {
  test::TempDir dir;
  const auto order = write_order(dir, sample_order());
  auto r = test::run_program({test::cli_path(), "render", "verification_sheet", "--order", order.string(), "--website", "2",
                              "--out", (dir / "sheet.pdf").string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(test::read_file(dir / "sheet.pdf").rfind("%PDF-", 0) == 0);
  CHECK(pdf_text(dir / "sheet.pdf").find("health-sample.cn") != std::string::npos);

  r = test::run_program({test::cli_path(), "render", "all", "--order", order.string(), "--out", (dir / "all").string(), "--json"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  const auto summary = nlohmann::json::parse(r.out);
  REQUIRE(summary.size() == 5);
  for (const auto& d : summary) {
    CHECK(std::filesystem::exists(d["file"].get<std::string>()));
    CHECK(d["bytes"].get<size_t>() <= 100 * 1024);
  }
  CHECK(std::filesystem::exists(dir / "all" / "authorisation_letter-2.pdf"));
}

TEST_CASE("beian render: usage errors and invalid input exit 2", "[render][cli]") {
  test::TempDir dir;
  const auto order = write_order(dir, sample_order());
  const auto out = (dir / "x.pdf").string();
  // Two websites: the per-website document needs --website.
  CHECK(test::run_program({test::cli_path(), "render", "verification_sheet", "--order", order.string(), "--out", out}).exit_code == 2);
  CHECK(test::run_program({test::cli_path(), "render", "verification_sheet", "--order", order.string(), "--website", "3",
                           "--out", out}).exit_code == 2);
  CHECK(test::run_program({test::cli_path(), "render", "commitment_letter", "--order", order.string(), "--website", "1",
                           "--out", out}).exit_code == 2);
  const auto unknown = test::run_program({test::cli_path(), "render", "bank_statement", "--order", order.string(), "--out", out});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("verification_sheet") != std::string::npos);
  auto bad = sample_order();
  bad["websites"][0]["domians"] = nlohmann::json::array();
  const auto invalid = write_order(dir, bad);
  const auto r = test::run_program({test::cli_path(), "render", "commitment_letter", "--order", invalid.string(), "--out", out});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("domians") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("beian process writes the order's documents next to its report", "[render][cli][process]") {
  test::TempDir dir;
  auto order = sample_order();
  order["uploads"] = nlohmann::json::array();  // no files: the documents are still rendered
  std::filesystem::create_directories(dir / "in");
  test::write_file(dir / "in" / "order.json", order.dump(2));
  const auto r = test::run_program({test::cli_path(), "process", (dir / "in").string(), "--out", (dir / "out").string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  const auto folder = dir / "out" / "R-0001";
  for (const char* f : {"verification_sheet-1.pdf", "verification_sheet-2.pdf", "commitment_letter.pdf",
                        "authorisation_letter-1.pdf", "authorisation_letter-2.pdf"})
    CHECK(std::filesystem::exists(folder / f));
  const auto report = nlohmann::json::parse(test::read_file(folder / "report.json"));
  const auto outputs = report["outputs"].dump();
  CHECK(outputs.find("commitment_letter.pdf") != std::string::npos);
}
