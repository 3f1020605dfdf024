// Bad input gives clear failed checks, never a crash: no face, ten faces, an ID card uploaded
// as the portrait, a 1×1 image, a CMYK JPEG, bytes that are no image.
#include <catch2/catch.hpp>

#include <opencv2/imgproc.hpp>

#include "ocr/layout/document_layout.h"
#include "samples/document_painter.h"
#include "samples/identity.h"
#include "samples/photograph.h"
#include "samples/specimen_documents.h"
#include "tests/photo/photo_test_util.h"
#include "tests/support/test_support.h"

using beian::PhotoVerdict;
using beian::samples::PortraitDefect;
using namespace beian::test;

namespace {

// The astronaut's head and shoulders from a white-wall specimen.
cv::Mat astronaut_head(int size) {
  const cv::Mat photo = beian::samples::make_portrait_specimen(PortraitDefect::kNone, 1);
  cv::Mat head;
  cv::resize(photo(cv::Rect(290, 120, 500, 620)), head, cv::Size(size, size * 620 / 500), 0, 0, cv::INTER_AREA);
  return head;
}

}  // namespace

TEST_CASE("a photo without a face fails face_count with 0 faces", "[photo]") {
  beian::samples::portrait::SpecimenRandom rng(4);
  const cv::Mat wall = beian::samples::portrait::white_wall(cv::Size(900, 1100), rng);
  const auto r = check_image(wall, "wall.jpg");
  CHECK(r.verdict == PhotoVerdict::kFail);
  REQUIRE(r.check("face_count"));
  CHECK(r.check("face_count")->value == 0);
  CHECK_FALSE(r.check("face_count")->passed);
  CHECK(r.check("face_count")->message_en.find("0 faces") != std::string::npos);
  CHECK(r.check("face_size") == nullptr);   // face checks are left out, not guessed
}

TEST_CASE("ten faces are counted and refused", "[photo]") {
  cv::Mat group(900, 1800, CV_8UC3, cv::Scalar(245, 245, 245));
  const cv::Mat head = astronaut_head(300);
  for (int i = 0; i < 10; ++i) {
    const cv::Rect at((i % 5) * 360 + 30, (i / 5) * 440 + 40, head.cols, std::min(head.rows, 420));
    head(cv::Rect(0, 0, at.width, at.height)).copyTo(group(at));
  }
  const auto r = check_image(group, "group.jpg");
  INFO(failed_checks(r));
  CHECK(r.verdict == PhotoVerdict::kFail);
  REQUIRE(r.check("face_count"));
  CHECK(r.check("face_count")->value >= 8);
}

TEST_CASE("an ID card photographed instead of the portrait fails", "[photo]") {
  beian::samples::Random rng(11);
  beian::samples::IdentityFactory people(rng, beian::Date(2026, 3, 1));
  const auto person = people.person();
  const cv::Mat head = astronaut_head(250);
  const auto specimen = beian::samples::id_front_specimen(person, head);
  const auto& layout = beian::ocr::document_layout(specimen.content.type);
  beian::samples::TextPainter painter;
  const cv::Mat card = beian::samples::paint_document(layout, specimen.content, 2.0, painter, rng);
  const auto shot = beian::samples::photograph(card, layout.width_mm, true, beian::samples::Level::kPhoto, rng);
  const auto r = check_image(shot.image, "id_as_portrait.jpg");
  INFO(failed_checks(r));
  CHECK(r.verdict == PhotoVerdict::kFail);
  // Either no usable face, or one far too small, on a background that is no white wall.
  const bool face_problem = failed(r, "face_count") || failed(r, "face_size") || failed(r, "face_scale");
  const bool background_problem = failed(r, "background_white") || failed(r, "background_clutter") ||
                                  failed(r, "background_uniform") || failed(r, "background_lines");
  CHECK(face_problem);
  CHECK(background_problem);
}

TEST_CASE("a 1x1 image fails on resolution and faces, without crashing", "[photo]") {
  const cv::Mat pixel(1, 1, CV_8UC3, cv::Scalar(255, 255, 255));
  const auto r = beian::check_photo_bytes(to_png(pixel), "dot.png").result;
  CHECK(r.verdict == PhotoVerdict::kFail);
  REQUIRE(r.check("resolution"));
  CHECK(r.check("resolution")->value == 1);
  CHECK(failed(r, "resolution"));
  CHECK(failed(r, "face_count"));
}

TEST_CASE("a CMYK JPEG is decoded and refused as CMYK", "[photo]") {
  const auto path = source_dir() / "tests" / "photo" / "data" / "cmyk_portrait.jpg";
  const auto r = beian::check_photo_file(path).result;
  REQUIRE(r.check("file_readable"));
  CHECK(r.check("file_readable")->passed);
  REQUIRE(r.check("colour_model"));
  CHECK(r.check("colour_model")->value == 4);
  CHECK_FALSE(r.check("colour_model")->passed);
  CHECK(r.check("colour_model")->message_en.find("CMYK") != std::string::npos);
  CHECK(r.verdict == PhotoVerdict::kFail);
}

TEST_CASE("bytes that are no image, an empty file and a missing file fail file_readable", "[photo]") {
  for (const std::string& bytes : {std::string("this is a text file, not a photo"), std::string()}) {
    const auto r = beian::check_photo_bytes(bytes, "notes.jpg").result;
    REQUIRE(r.checks.size() >= 1);
    CHECK(r.checks.front().id == "file_readable");
    CHECK_FALSE(r.checks.front().passed);
    CHECK_FALSE(r.checks.front().message_en.empty());
    CHECK(r.verdict == PhotoVerdict::kFail);
  }
  const auto missing = beian::check_photo_file("/nonexistent/owner.jpg").result;
  REQUIRE(missing.check("file_readable"));
  CHECK_FALSE(missing.check("file_readable")->passed);
  CHECK(missing.check("file_readable")->message_en.find("/nonexistent/owner.jpg") != std::string::npos);
}

TEST_CASE("a truncated JPEG gives a result, not a crash", "[photo]") {
  const std::string full = to_jpeg(beian::samples::make_portrait_specimen(PortraitDefect::kNone, 2));
  const auto r = beian::check_photo_bytes(full.substr(0, full.size() / 3), "cut.jpg").result;
  REQUIRE_FALSE(r.checks.empty());
  CHECK(r.verdict != PhotoVerdict::kPass);
}

TEST_CASE("a PNG and a WebP are judged by format: PNG accepted, WebP not", "[photo]") {
  const cv::Mat photo = beian::samples::make_portrait_specimen(PortraitDefect::kNone, 3);
  const auto png = beian::check_photo_bytes(to_png(photo), "owner.png").result;
  REQUIRE(png.check("file_format"));
  CHECK(png.check("file_format")->passed);
  std::vector<uint8_t> webp;
  cv::imencode(".webp", photo, webp);
  const auto w = beian::check_photo_bytes(std::string(webp.begin(), webp.end()), "owner.webp").result;
  REQUIRE(w.check("file_format"));
  CHECK_FALSE(w.check("file_format")->passed);
  CHECK(w.check("file_format")->message_en.find("webp") != std::string::npos);
}
