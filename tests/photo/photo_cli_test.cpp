// `beian check-photo`: JSON output, the annotated image, exit codes.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "tests/photo/photo_test_util.h"
#include "tests/support/test_support.h"

using namespace beian::test;
using beian::samples::PortraitDefect;

TEST_CASE("check-photo --json --annotate on a pass and a defect photo", "[photo][cli]") {
  TempDir dir;
  write_file(dir / "good.jpg", to_jpeg(beian::samples::make_portrait_specimen(PortraitDefect::kNone, 6)));
  write_file(dir / "corner.jpg", to_jpeg(beian::samples::make_portrait_specimen(PortraitDefect::kCornerLine, 6)));
  const auto run = run_program({cli_path(), "check-photo", (dir / "good.jpg").string(), (dir / "corner.jpg").string(),
                                "--json", "--annotate", (dir / "marked.jpg").string()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const auto j = nlohmann::json::parse(run.out);
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 2);
  CHECK(j[0].at("verdict") == "pass");
  CHECK(j[1].at("verdict") == "fail");
  CHECK_FALSE(cv::imread((dir / "marked-good.jpg").string()).empty());
  CHECK_FALSE(cv::imread((dir / "marked-corner.jpg").string()).empty());
}

TEST_CASE("check-photo: one photo prints one object; text output names failed checks", "[photo][cli]") {
  TempDir dir;
  write_file(dir / "dark.jpg", to_jpeg(beian::samples::make_portrait_specimen(PortraitDefect::kDark, 2)));
  const auto json = run_program({cli_path(), "check-photo", (dir / "dark.jpg").string(), "--json"});
  REQUIRE(json.exit_code == 0);
  CHECK(nlohmann::json::parse(json.out).at("verdict") == "fail");
  const auto text = run_program({cli_path(), "check-photo", (dir / "dark.jpg").string()});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("exposure_dark") != std::string::npos);
  CHECK(text.out.find("FAIL") != std::string::npos);
}

TEST_CASE("check-photo exit codes: unreadable file 1, unknown profile 2", "[photo][cli]") {
  TempDir dir;
  write_file(dir / "notes.jpg", "not a photo");
  const auto unreadable = run_program({cli_path(), "check-photo", (dir / "notes.jpg").string(), "--json"});
  CHECK(unreadable.exit_code == 1);
  CHECK(nlohmann::json::parse(unreadable.out).at("checks").at(0).at("id") == "file_readable");
  const auto profile = run_program({cli_path(), "check-photo", (dir / "notes.jpg").string(), "--profile", "mars"});
  CHECK(profile.exit_code == 2);
  CHECK(profile.err.find("mars") != std::string::npos);
}
