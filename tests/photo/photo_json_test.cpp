// PhotoResult's JSON form: the shape the issue specifies, and a lossless round trip.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tests/photo/photo_test_util.h"

using namespace beian::test;

TEST_CASE("a photo result serialises as {file, verdict, checks, timings_ms} and reads back", "[photo]") {
  const auto r = check_image(beian::samples::make_portrait_specimen(beian::samples::PortraitDefect::kDark, 1), "dark.jpg");
  const nlohmann::json j = r;
  CHECK(j.at("file") == "dark.jpg");
  CHECK(j.at("verdict") == "fail");
  REQUIRE(j.at("checks").is_array());
  for (const auto& c : j.at("checks")) {
    for (const char* key : {"id", "value", "threshold", "passed", "confidence", "message_zh", "message_en"})
      CHECK(c.contains(key));
  }
  CHECK(j.at("timings_ms").contains("total"));
  CHECK(j.at("timings_ms").contains("face_detection"));
  const beian::PhotoResult back = j.get<beian::PhotoResult>();
  CHECK(back.verdict == r.verdict);
  REQUIRE(back.checks.size() == r.checks.size());
  CHECK(back.checks[3].id == r.checks[3].id);
  CHECK(back.checks[3].message_zh == r.checks[3].message_zh);
  CHECK(nlohmann::json(back) == j);
  nlohmann::json bad = j;
  bad["verdict"] = "maybe";
  CHECK_THROWS(bad.get<beian::PhotoResult>());
}
