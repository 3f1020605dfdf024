// The checker on generated portraits of the public-domain astronaut (no shared faces needed):
// the white-wall specimen passes, each defect is caught by the checks the evaluation expects.
#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "bench/photo_labelled_set.h"
#include "tests/photo/photo_test_util.h"

using beian::PhotoVerdict;
using beian::samples::PortraitDefect;
using namespace beian::test;

TEST_CASE("white-wall astronaut specimens pass every check", "[photo]") {
  for (uint64_t seed : {1, 2, 3, 4}) {
    const auto r = check_image(beian::samples::make_portrait_specimen(PortraitDefect::kNone, seed), "none");
    INFO("seed " << seed << ": " << failed_checks(r));
    CHECK(r.verdict == PhotoVerdict::kPass);
    REQUIRE(r.check("face_count"));
    CHECK(r.check("face_count")->value == 1);
    CHECK(r.check("background_white")->value > 88);
    CHECK(r.check("background_lines")->value == 0);
  }
}

TEST_CASE("each generated defect is caught by its expected check", "[photo]") {
  for (PortraitDefect d : beian::samples::all_portrait_defects()) {
    const auto expected = beian::photo_eval::expected_checks(d);
    if (expected.empty()) continue;
    for (uint64_t seed : {1, 2}) {
      const auto r = check_image(beian::samples::make_portrait_specimen(d, seed), "defect",
                                 beian::photo_eval::profile_for(d));
      bool caught = false;
      for (const auto& id : expected) caught = caught || failed(r, id);
      INFO(beian::samples::to_string(d) << " seed " << seed << ": " << failed_checks(r));
      CHECK(caught);
      CHECK(r.verdict != PhotoVerdict::kPass);
    }
  }
}

TEST_CASE("a person standing far away is found, and judged too small", "[photo]") {
  for (uint64_t seed : {1, 2, 3, 4}) {
    const auto r = check_image(beian::samples::make_portrait_specimen(PortraitDefect::kSmallFace, seed), "far");
    INFO("seed " << seed << ": " << failed_checks(r));
    REQUIRE(r.check("face_count"));
    CHECK(r.check("face_count")->value == 1);   // the wall filling the frame must not hide the face
    REQUIRE(r.check("face_scale"));
    CHECK(r.check("face_scale")->value < 0.8 * r.check("face_scale")->threshold);
    CHECK(r.verdict == PhotoVerdict::kFail);
  }
}

namespace {

// The specimen lit from behind: the wall (what is connected to the top corners and within 12
// grey levels of them) keeps its light, the person gets `light` of it.
cv::Mat backlit(const cv::Mat& photo, double light) {
  cv::Mat grey;
  cv::cvtColor(photo, grey, cv::COLOR_BGR2GRAY);
  cv::Mat wall = cv::Mat::zeros(photo.rows + 2, photo.cols + 2, CV_8U);
  for (cv::Point corner : {cv::Point(3, 3), cv::Point(photo.cols - 4, 3)})
    cv::floodFill(grey, wall, corner, 0, nullptr, 12, 12, 4 | cv::FLOODFILL_FIXED_RANGE | cv::FLOODFILL_MASK_ONLY | (255 << 8));
  cv::Mat dim;
  photo.convertTo(dim, -1, light);
  photo.copyTo(dim, wall(cv::Rect(1, 1, photo.cols, photo.rows)));
  return dim;
}

}  // namespace

TEST_CASE("exposure_dark: a face lit from behind fails although the wall is bright", "[photo]") {
  const cv::Mat photo = beian::samples::make_portrait_specimen(PortraitDefect::kNone, 2);
  const auto lit = check_image(photo, "lit");
  REQUIRE(lit.check("exposure_dark"));
  CHECK(lit.check("exposure_dark")->passed);
  const auto dim = check_image(backlit(photo, 0.4), "backlit");
  INFO(failed_checks(dim));
  REQUIRE(dim.check("exposure_dark"));
  CHECK_FALSE(dim.check("exposure_dark")->passed);
  CHECK(dim.check("background_white")->passed);   // the wall itself is still white
}

TEST_CASE("the backdrop cloth passes the gansu profile and fails the white-wall one", "[photo]") {
  const cv::Mat cloth = beian::samples::make_portrait_specimen(PortraitDefect::kBackdropCloth, 3);
  const auto gansu = check_image(cloth, "cloth", "gansu");
  INFO(failed_checks(gansu));
  CHECK(gansu.verdict == PhotoVerdict::kPass);
  REQUIRE(gansu.check("cloth_slogan"));
  CHECK(gansu.check("cloth_slogan")->value >= 0.6);
  const auto white = check_image(cloth, "cloth", "default");
  CHECK(white.verdict == PhotoVerdict::kFail);
  CHECK((failed(white, "background_white") || failed(white, "background_neutral")));
}

TEST_CASE("failed checks carry messages that say what to fix, with the measured value", "[photo]") {
  const auto r = check_image(beian::samples::make_portrait_specimen(PortraitDefect::kDoorGap, 5), "door.jpg");
  const beian::PhotoCheck* lines = r.check("background_lines");
  REQUIRE(lines);
  CHECK_FALSE(lines->passed);
  CHECK(lines->message_zh.find("门缝") != std::string::npos);
  CHECK(lines->message_en.find("door") != std::string::npos);
  CHECK(lines->message_en.find(std::to_string(static_cast<int>(lines->value))) != std::string::npos);
  const auto findings = beian::photo_findings(r);
  bool found = false;
  for (const auto& f : findings) found = found || (f.code == "PHOTO_BACKGROUND_LINES" && f.file == "door.jpg" &&
                                                   f.severity == beian::Severity::kError);
  CHECK(found);
}

TEST_CASE("the annotated image is a JPEG of the analysed photo", "[photo]") {
  beian::PhotoOptions options;
  options.annotate = true;
  const auto report = beian::check_photo_bytes(
      to_jpeg(beian::samples::make_portrait_specimen(PortraitDefect::kCornerLine, 2)), "corner.jpg", options);
  REQUIRE(report.annotated_jpeg.size() > 1000);
  const cv::Mat drawn = cv::imdecode(std::vector<uint8_t>(report.annotated_jpeg.begin(), report.annotated_jpeg.end()),
                                     cv::IMREAD_COLOR);
  REQUIRE_FALSE(drawn.empty());
  CHECK(std::max(drawn.cols, drawn.rows) <= 640);
}

TEST_CASE("a wall corner passing behind the shoulders is reported by its part beside them", "[photo]") {
  // A shading step from the top edge to the bottom edge at three quarters of the width: above
  // the shoulders it is beside the person, below it runs behind them (the body prior covers the
  // bottom of the frame), so much of the segment lies outside the background.
  cv::Mat image = beian::samples::make_portrait_specimen(PortraitDefect::kNone, 4);
  const int x0 = image.cols * 3 / 4;
  cv::Mat far_wall = image(cv::Rect(x0, 0, image.cols - x0, image.rows));
  far_wall.convertTo(far_wall, -1, 0.85);
  const auto r = check_image(image, "corner_behind.jpg");
  INFO(failed_checks(r));
  REQUIRE(r.check("background_lines"));
  CHECK(failed(r, "background_lines"));
  // The same photo without the step has no line.
  const auto plain = check_image(beian::samples::make_portrait_specimen(PortraitDefect::kNone, 4), "plain.jpg");
  REQUIRE(plain.check("background_lines"));
  CHECK(plain.check("background_lines")->passed);
}
