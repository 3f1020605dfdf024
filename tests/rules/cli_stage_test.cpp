// End to end: `beian check-order` on manifests, and `beian process` running the rules stage
// and writing report.html next to report.json.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "tests/rules/rules_fixture.h"
#include "tests/support/test_support.h"

using namespace beian;
using namespace beian::test;
namespace fs = std::filesystem;

namespace {
void write_manifest(const fs::path& dir, const Order& o) {
  nlohmann::json j = o;
  write_file(dir / "order.json", j.dump(2));
}
}  // namespace

TEST_CASE("check-order prints the verdict and the findings as JSON", "[rules][cli]") {
  TempDir dir;
  auto o = unit_order();
  write_manifest(dir.path(), o);
  auto r = run_program({cli_path(), "check-order", dir.path().string(), "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["verdict"] == "ready");
  CHECK(j["findings"].empty());

  o.websites[0].name = "12345";
  o.websites[0].domains = {"www.example.cn"};
  write_manifest(dir.path(), o);
  r = run_program({cli_path(), "check-order", (dir.path() / "order.json").string(), "--json"});
  REQUIRE(r.exit_code == 0);
  j = nlohmann::json::parse(r.out);
  CHECK(j["verdict"] == "fix_first");
  std::vector<std::string> codes;
  for (const auto& f : j["findings"]) codes.push_back(f["code"]);
  CHECK(std::find(codes.begin(), codes.end(), "NAME_ONLY_DIGITS") != codes.end());
  CHECK(std::find(codes.begin(), codes.end(), "DOMAIN_NOT_FIRST_LEVEL") != codes.end());

  // The table form, in Chinese.
  r = run_program({cli_path(), "check-order", dir.path().string(), "--lang", "zh"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("fix_first") != std::string::npos);
  CHECK(r.out.find("纯数字") != std::string::npos);
}

TEST_CASE("check-order: an invalid manifest is exit 2 with the reason", "[rules][cli]") {
  TempDir dir;
  write_file(dir / "order.json", R"({"order_id": "X1", "filing_type": "首次备案", "provinec": "广东"})");
  auto r = run_program({cli_path(), "check-order", dir.path().string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("provinec") != std::string::npos);
  r = run_program({cli_path(), "check-order", (dir / "missing.json").string()});
  CHECK(r.exit_code == 2);
}

TEST_CASE("process runs the rules and writes a self-contained report.html", "[rules][cli]") {
  TempDir in, out;
  auto o = unit_order();
  o.websites[0].name = "中国样本网";  // NAME_FORBIDDEN_PREFIX
  write_manifest(in.path(), o);
  // One real image (the portrait); the other listed uploads are absent (UPLOAD_MISSING).
  cv::Mat photo(240, 180, CV_8UC3, cv::Scalar(250, 250, 250));
  cv::circle(photo, {90, 100}, 50, cv::Scalar(120, 150, 200), cv::FILLED);
  REQUIRE(cv::imwrite((in.path() / "portrait.jpg").string(), photo));

  const auto r = run_program({cli_path(), "process", in.path().string(), "--out", out.path().string(), "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const fs::path order_dir = out.path() / "U0001";
  const auto report = nlohmann::json::parse(read_file(order_dir / "report.json"));
  std::vector<std::string> codes;
  for (const auto& f : report["findings"]) codes.push_back(f["code"]);
  CHECK(std::count(codes.begin(), codes.end(), "NAME_FORBIDDEN_PREFIX") == 1);
  CHECK(std::count(codes.begin(), codes.end(), "UPLOAD_MISSING") == 5);
  CHECK(std::count(codes.begin(), codes.end(), "MATERIAL_MISSING") == 0);  // not reported twice
  CHECK(report["verdict"] == "fix_first");
  for (const auto& f : report["findings"])
    if (f["code"] == "NAME_FORBIDDEN_PREFIX") CHECK(f["stage"] == "rules");

  REQUIRE(fs::exists(order_dir / "report.html"));
  const std::string html = read_file(order_dir / "report.html");
  CHECK(html.find("NAME_FORBIDDEN_PREFIX") != std::string::npos);
  CHECK(html.find("需先修改") != std::string::npos);
  CHECK(html.find("data:image/jpeg;base64,") != std::string::npos);  // the portrait, embedded
  CHECK(html.find("http://") == std::string::npos);                   // nothing external
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("中国样本网") != std::string::npos);
  const auto outputs = report["outputs"];
  CHECK(std::find(outputs.begin(), outputs.end(), "report.html") != outputs.end());
}
