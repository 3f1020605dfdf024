#include "tests/render/render_test_support.h"

#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

namespace beian::render {

const FontFace& test_font() {
  static const auto face = FontFace::load("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0);
  return *face;
}

std::string pdf_text(const std::filesystem::path& pdf) {
  const auto r = test::run_program({"/usr/bin/pdftotext", "-layout", "-enc", "UTF-8", pdf.string(), "-"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

std::string pdf_info(const std::filesystem::path& pdf) {
  const auto r = test::run_program({"/usr/bin/pdfinfo", "-enc", "UTF-8", pdf.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

std::filesystem::path pdf_page_png(const std::filesystem::path& pdf, int page, int dpi) {
  const auto prefix = pdf.parent_path() / (pdf.stem().string() + "-p" + std::to_string(page));
  const auto r = test::run_program({"/usr/bin/pdftoppm", "-gray", "-png", "-singlefile", "-r", std::to_string(dpi),
                                    "-f", std::to_string(page), "-l", std::to_string(page), pdf.string(),
                                    prefix.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return prefix.string() + ".png";
}

}  // namespace beian::render

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>
#include <opencv2/imgcodecs.hpp>

namespace beian::render {

std::vector<std::string> decode_qr_codes(const std::filesystem::path& png) {
  const cv::Mat grey = cv::imread(png.string(), cv::IMREAD_GRAYSCALE);
  REQUIRE_FALSE(grey.empty());
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  const auto results = ZXing::ReadBarcodes(
      ZXing::ImageView(grey.data, grey.cols, grey.rows, ZXing::ImageFormat::Lum, static_cast<int>(grey.step)), hints);
  std::vector<std::string> texts;
  for (const auto& r : results)
    if (r.isValid()) texts.push_back(r.text());
  return texts;
}

}  // namespace beian::render
