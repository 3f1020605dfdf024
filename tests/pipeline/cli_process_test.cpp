// `beian process` end to end on folders built here: reports, summary, exit codes, resume,
// and one corrupt file never costing the rest of its order.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "tests/support/test_support.h"

using beian::test::run_program;
using beian::test::TempDir;
using nlohmann::json;

namespace {

json manifest(const std::string& id) {
  return json::parse(R"({
    "schema": "beian.order/1", "order_id": ")" + id + R"(", "filing_type": "首次备案", "province": "北京",
    "subject": {"kind": "individual", "nature": "个人", "name": "样本人", "certificate_type": "身份证",
                "certificate_number": "110102199101010078"},
    "subject_owner": {"name": "样本人", "id_type": "身份证", "id_number": "110102199101010078", "phone": "13812345678"},
    "websites": [{"name": "样本人的摄影小站", "domains": ["sample-photo.cn"], "service_content": "博客/个人空间",
                  "owner": {"name": "样本人", "id_type": "身份证", "id_number": "110102199101010078", "phone": "13812345678"}}],
    "uploads": [{"file": "IMG_0001.jpg", "document": "id_front", "person": "subject_owner"},
                {"file": "IMG_0002.jpg", "document": "id_back", "person": "subject_owner"}]
  })");
}

void make_order(const std::filesystem::path& dir, const std::string& id, bool corrupt_second) {
  std::filesystem::create_directories(dir);
  beian::test::write_file(dir / "order.json", manifest(id).dump(2));
  const cv::Mat img(600, 900, CV_8UC3, cv::Scalar(200, 210, 220));
  cv::imwrite((dir / "IMG_0001.jpg").string(), img);
  if (corrupt_second) {
    std::vector<uchar> buf;
    cv::imencode(".jpg", img, buf);
    beian::test::write_file(dir / "IMG_0002.jpg", std::string(buf.begin(), buf.begin() + buf.size() / 2));
  } else {
    cv::imwrite((dir / "IMG_0002.jpg").string(), img);
  }
}

json read_json(const std::filesystem::path& p) { return json::parse(beian::test::read_file(p)); }

}  // namespace

TEST_CASE("process writes a report per order and a summary; a corrupt file costs only itself", "[cli][process]") {
  TempDir tmp;
  make_order(tmp / "A", "ORDER-A", /*corrupt_second=*/true);
  make_order(tmp / "B", "ORDER-B", false);
  const auto r = run_program({beian::test::cli_path(), "process", (tmp / "A").string(), (tmp / "B").string(), "--out",
                              (tmp / "out").string(), "--jobs", "2"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("ORDER-A") && Catch::Contains("ORDER-B"));

  const json a = read_json(tmp / "out" / "ORDER-A" / "report.json");
  CHECK(a["processed"] == true);
  CHECK(a["verdict"] == "fix_first");
  REQUIRE(a["uploads"].size() == 2);
  CHECK(a["uploads"][0]["loaded"] == true);   // the good file is still there for the readers
  CHECK(a["uploads"][0]["width"] == 900);
  CHECK(a["uploads"][1]["loaded"] == false);
  bool corrupt_reported = false;
  for (const auto& f : a["findings"]) corrupt_reported |= f["code"] == "FILE_CORRUPT" && f["file"] == "IMG_0002.jpg";
  CHECK(corrupt_reported);
  CHECK(a["timings_ms"].size() >= 1);

  const json summary = read_json(tmp / "out" / "summary.json");
  CHECK(summary["totals"]["orders"] == 2);
  CHECK(summary["totals"]["processed"] == 2);
  // No full ID number leaks into the CLI's output.
  CHECK(r.out.find("110102199101010078") == std::string::npos);
  CHECK(r.err.find("110102199101010078") == std::string::npos);
}

TEST_CASE("an invalid manifest exits 2, names file and path, and other orders still run", "[cli][process]") {
  TempDir tmp;
  make_order(tmp / "good", "GOOD", false);
  std::filesystem::create_directories(tmp / "bad");
  auto bad = manifest("BAD");
  bad["websites"][0]["domains"] = "sample-photo.cn";  // a string, not an array
  beian::test::write_file(tmp / "bad" / "order.json", bad.dump());
  const auto r = run_program({beian::test::cli_path(), "process", (tmp / "good").string(), (tmp / "bad").string(),
                              "--out", (tmp / "out").string()});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.out, Catch::Contains("/websites/0/domains"));
  CHECK(std::filesystem::exists(tmp / "out" / "GOOD" / "report.json"));
  const json invalid = read_json(tmp / "out" / "invalid-bad" / "report.json");
  CHECK(invalid["processed"] == false);
}

TEST_CASE("a folder without a manifest could not be processed: exit 1", "[cli][process]") {
  TempDir tmp;
  std::filesystem::create_directories(tmp / "empty");
  beian::test::write_file(tmp / "empty" / "IMG_1.jpg", "x");
  const auto r = run_program({beian::test::cli_path(), "process", (tmp / "empty").string(), "--out", (tmp / "out").string()});
  CHECK(r.exit_code == 2);  // a missing manifest is invalid input data, like a bad one
  CHECK_THAT(r.out, Catch::Contains("order.json"));
}

TEST_CASE("usage errors exit 2", "[cli][process]") {
  CHECK(run_program({beian::test::cli_path(), "process"}).exit_code == 2);
  CHECK(run_program({beian::test::cli_path(), "process", "x", "--out"}).exit_code == 2);
  CHECK(run_program({beian::test::cli_path(), "no-such-command"}).exit_code == 2);
  TempDir tmp;
  CHECK(run_program({beian::test::cli_path(), "process", (tmp / "nothing").string(), "--out", (tmp / "o").string()}).exit_code == 2);
}

TEST_CASE("two folders with one order id: the second is refused, the first kept", "[cli][process]") {
  TempDir tmp;
  make_order(tmp / "A", "SAME", false);
  make_order(tmp / "B", "SAME", false);
  const auto r = run_program({beian::test::cli_path(), "process", (tmp / "A").string(), (tmp / "B").string(), "--out",
                              (tmp / "out").string(), "--json"});
  CHECK(r.exit_code == 1);
  const json summary = json::parse(r.out);
  CHECK(summary["totals"]["processed"] == 1);
  CHECK(summary["orders"][1]["problems"][0].get<std::string>().find("SAME") != std::string::npos);
}

TEST_CASE("re-running keeps finished orders and redoes changed ones", "[cli][process]") {
  TempDir tmp;
  make_order(tmp / "A", "RESUME-A", false);
  make_order(tmp / "B", "RESUME-B", false);
  const auto out = (tmp / "out").string();
  REQUIRE(run_program({beian::test::cli_path(), "process", (tmp / "A").string(), (tmp / "B").string(), "--out", out}).exit_code == 0);
  // Simulate a change to B's files and an interruption that lost nothing of A.
  beian::test::write_file(tmp / "B" / "IMG_0003.jpg", "not an image");
  const auto r = run_program({beian::test::cli_path(), "process", (tmp / "A").string(), (tmp / "B").string(), "--out", out, "--json"});
  REQUIRE(r.exit_code == 0);
  const json summary = json::parse(r.out);
  CHECK(summary["orders"][0]["reused"] == true);
  CHECK(summary["orders"][1]["reused"] == false);
  CHECK(read_json(tmp / "out" / "RESUME-B" / "report.json")["uploads"].size() == 3);
}

TEST_CASE("--help explains every option", "[cli]") {
  const auto r = run_program({beian::test::cli_path(), "process", "--help"});
  CHECK(r.exit_code == 0);
  for (const char* opt : {"--out", "--jobs", "--json", "--no-resume", "Exit"}) CHECK_THAT(r.out, Catch::Contains(opt));
  const auto v = run_program({beian::test::cli_path(), "--version"});
  CHECK_THAT(v.out, Catch::StartsWith("beian 0."));
}

TEST_CASE("a report.html that cannot be written costs only itself: report.json is complete", "[cli][process]") {
  TempDir tmp;
  make_order(tmp / "A", "ORDER-A", false);
  // A folder where report.html should go: the atomic rename over it fails.
  std::filesystem::create_directories(tmp / "out" / "ORDER-A" / "report.html" / "blocked");
  const auto r = run_program({beian::test::cli_path(), "process", (tmp / "A").string(), "--out", (tmp / "out").string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  const json a = read_json(tmp / "out" / "ORDER-A" / "report.json");
  CHECK(a["processed"] == true);
  bool reported = false;
  for (const auto& f : a["findings"]) reported |= f["code"] == "REPORT_HTML_FAILED" && f["severity"] == "warning";
  CHECK(reported);
  for (const auto& o : a["outputs"]) CHECK(o != "report.html");
  CHECK(a["uploads"].size() == 2);
}
