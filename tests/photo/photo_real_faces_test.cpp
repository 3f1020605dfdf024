// The checker on the shared real photos (../shared/faces, absent in a user's fresh checkout:
// these cases are then skipped with a message). The FRLL studio photos get a white wall at
// run time (never saved); the others are judged as they are.
#include <catch2/catch.hpp>

#include <opencv2/imgcodecs.hpp>

#include "bench/photo_labelled_set.h"
#include "tests/photo/photo_test_util.h"
#include "tests/support/test_support.h"

using beian::PhotoVerdict;
using namespace beian::test;

namespace {

beian::PhotoResult check_shared(const std::string& rel) {
  return beian::check_photo_file(shared_faces_dir() / rel).result;
}

}  // namespace

TEST_CASE("FRLL studio photos with their grey backdrop replaced by a white wall pass", "[photo][shared_faces]") {
  if (shared_faces_dir().empty()) {
    WARN("../shared/faces not found: real-face cases skipped");
    return;
  }
  for (const auto& rel : beian::photo_eval::frll_photos()) {
    const cv::Mat photo = cv::imread((shared_faces_dir() / rel).string());
    const auto cut = beian::samples::cut_out_plain_backdrop(photo);
    REQUIRE(cut);
    for (uint64_t seed : {1, 2}) {
      const auto r = check_image(beian::samples::make_portrait_specimen(*cut, beian::samples::PortraitDefect::kNone, seed), rel);
      INFO(rel << " seed " << seed << ": " << failed_checks(r));
      CHECK(r.verdict == PhotoVerdict::kPass);
    }
  }
}

TEST_CASE("FRLL photos as taken fail on their grey backdrop only", "[photo][shared_faces]") {
  if (shared_faces_dir().empty()) {
    WARN("../shared/faces not found: real-face cases skipped");
    return;
  }
  for (const auto& rel : beian::photo_eval::frll_photos()) {
    const auto r = check_shared(rel);
    INFO(rel << ": " << failed_checks(r));
    CHECK(r.verdict == PhotoVerdict::kFail);
    REQUIRE(r.check("background_white"));
    CHECK(r.check("background_white")->value < 88);
    CHECK(r.check("background_white")->value > 70);
    CHECK(r.check("face_count")->passed);
    CHECK(r.check("sharpness")->passed);
  }
}

TEST_CASE("the real defect photos are caught by the checks their README describes", "[photo][shared_faces]") {
  if (shared_faces_dir().empty()) {
    WARN("../shared/faces not found: real-face cases skipped");
    return;
  }
  for (const auto& real : beian::photo_eval::real_photos()) {
    const auto r = check_shared(real.path);
    bool caught = false;
    for (const auto& id : real.expected) caught = caught || failed(r, id);
    INFO(real.path << " (" << real.label << "): " << failed_checks(r));
    CHECK(caught);
    CHECK(r.verdict != PhotoVerdict::kPass);
  }
  const auto two = check_shared("face_recognition_whitehouse/two_people.jpg");
  CHECK(two.check("face_count")->value == 2);
}
