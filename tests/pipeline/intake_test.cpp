// Intake on real files generated here: every image format loads; broken, empty, disguised
// and oversized files are reported by name and do not stop the rest of the order.
#include <catch2/catch.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/image_decode.h"
#include "tests/support/test_support.h"

using beian::ocr::decode_image;
using beian::ocr::probe_image;

namespace {

std::string encode(const cv::Mat& img, const std::string& ext, std::vector<int> params = {}) {
  std::vector<uchar> buf;
  REQUIRE(cv::imencode(ext, img, buf, params));
  return std::string(buf.begin(), buf.end());
}

cv::Mat test_card(int w = 640, int h = 400) {
  cv::Mat img(h, w, CV_8UC3, cv::Scalar(235, 225, 210));
  cv::rectangle(img, {40, 40}, {w / 3, h - 40}, cv::Scalar(60, 60, 60), cv::FILLED);
  cv::putText(img, "SPECIMEN", {w / 2 - 60, h / 2}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(20, 20, 200), 2);
  return img;
}

// Inserts an EXIF APP1 segment carrying `orientation` right after the JPEG's SOI marker.
std::string with_exif_orientation(const std::string& jpeg, int orientation) {
  const unsigned char tiff[] = {'M', 'M', 0, 42, 0, 0, 0, 8,                       // header, IFD at 8
                                0, 1,                                              // one entry
                                0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, static_cast<unsigned char>(orientation), 0, 0,
                                0, 0, 0, 0};                                       // no next IFD
  std::string app1 = "Exif";
  app1 += '\0';
  app1 += '\0';
  app1.append(reinterpret_cast<const char*>(tiff), sizeof tiff);
  const size_t len = app1.size() + 2;
  std::string seg = "\xFF\xE1";
  seg += static_cast<char>(len >> 8);
  seg += static_cast<char>(len & 0xFF);
  return jpeg.substr(0, 2) + seg + app1 + jpeg.substr(2);
}

}  // namespace

TEST_CASE("every supported format decodes to 8-bit BGR", "[intake]") {
  const cv::Mat card = test_card();
  for (const std::string ext : {".jpg", ".png", ".webp", ".tiff", ".bmp"}) {
    INFO(ext);
    const auto decoded = decode_image(encode(card, ext), "IMG" + ext);
    REQUIRE(decoded.ok());
    CHECK(decoded.findings.empty());
    CHECK(decoded.bgr.type() == CV_8UC3);
    CHECK(decoded.bgr.size() == card.size());
    CHECK(decoded.probe.width == card.cols);
    CHECK(decoded.probe.height == card.rows);
  }
}

TEST_CASE("grey and 16-bit images are converted, not rejected", "[intake]") {
  cv::Mat grey;
  cv::cvtColor(test_card(), grey, cv::COLOR_BGR2GRAY);
  CHECK(decode_image(encode(grey, ".png"), "scan.png").bgr.type() == CV_8UC3);
  cv::Mat deep;
  test_card().convertTo(deep, CV_16UC3, 257.0);
  CHECK(decode_image(encode(deep, ".png"), "deep.png").bgr.type() == CV_8UC3);
}

TEST_CASE("EXIF orientation is applied", "[intake]") {
  const cv::Mat card = test_card(640, 400);
  const std::string rotated = with_exif_orientation(encode(card, ".jpg"), 6);  // 6 = rotate 90° clockwise
  const auto decoded = decode_image(rotated, "IMG_6.jpg");
  REQUIRE(decoded.ok());
  CHECK(decoded.bgr.cols == 400);
  CHECK(decoded.bgr.rows == 640);
}

TEST_CASE("broken and disguised files become findings naming the file", "[intake]") {
  const std::string jpeg = encode(test_card(), ".jpg");
  SECTION("zero bytes") {
    const auto d = decode_image("", "empty.jpg");
    REQUIRE(d.findings.size() == 1);
    CHECK(d.findings[0].code == "FILE_EMPTY");
    CHECK(d.findings[0].file == "empty.jpg");
  }
  SECTION("truncated JPEG") {
    const auto d = decode_image(jpeg.substr(0, jpeg.size() / 2), "IMG_half.jpg");
    CHECK_FALSE(d.ok());
    REQUIRE(d.findings.size() == 1);
    CHECK(d.findings[0].code == "FILE_CORRUPT");
  }
  SECTION("truncated PNG") {
    const std::string png = encode(test_card(), ".png");
    const auto d = decode_image(png.substr(0, png.size() / 3), "IMG_half.png");
    CHECK_FALSE(d.ok());
    CHECK(d.findings.at(0).code == "FILE_CORRUPT");
  }
  SECTION("text named .jpg") {
    const auto d = decode_image("this is not an image\n", "IMG_fake.jpg");
    REQUIRE(d.findings.size() == 1);
    CHECK(d.findings[0].code == "FILE_NOT_IMAGE");
    CHECK(d.findings[0].evidence.at(0).second == "text");
  }
  SECTION("PDF and HEIC are named for what they are") {
    CHECK(probe_image("%PDF-1.4\n...").format == "pdf");
    CHECK(probe_image(std::string("\0\0\0\x18" "ftypheic\0\0\0\0", 16)).format == "heic");
  }
  SECTION("over the byte limit") {
    beian::ocr::DecodeLimits limits;
    limits.max_bytes = 1000;
    const auto d = decode_image(jpeg, "IMG_big.jpg", limits);
    CHECK(d.findings.at(0).code == "FILE_TOO_LARGE");
  }
}

TEST_CASE("a huge-dimension image is refused from its header, before decoding", "[intake]") {
  // 20000 × 2100 = 42 megapixels of grey: small on disk, over the 40 MP default.
  const cv::Mat huge(2100, 20000, CV_8UC1, cv::Scalar(255));
  const auto d = decode_image(encode(huge, ".png"), "IMG_huge.png");
  CHECK_FALSE(d.ok());
  REQUIRE(d.findings.size() == 1);
  CHECK(d.findings[0].code == "IMAGE_TOO_MANY_PIXELS");
  CHECK(d.probe.width == 20000);
  // Header-only probe of a claimed 16000×12000 JPEG: refused without any pixel data.
  const std::string sof = std::string("\xFF\xD8\xFF\xC0\x00\x11\x08", 7) + "\x2E\xE0" + "\x3E\x80" +
                          std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01\xFF\xD9", 12);
  const auto p = probe_image(sof);
  CHECK(p.format == "jpeg");
  CHECK(p.width == 16000);
  CHECK(p.height == 12000);
  CHECK(decode_image(sof, "IMG_bomb.jpg").findings.at(0).code == "IMAGE_TOO_MANY_PIXELS");
}
