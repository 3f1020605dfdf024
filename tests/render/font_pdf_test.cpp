// The font subset and the PDF writer: a true subset is small and loads in libharu, widths
// measured by FontFace equal libharu's, and text drawn comes back out through pdftotext.
#include <catch2/catch.hpp>

#include "pipeline/base/text.h"
#include "render/font/font_face.h"
#include "render/pdf/pdf_writer.h"
#include "tests/render/render_test_support.h"
#include "tests/support/test_support.h"

using namespace beian;
using namespace beian::render;

TEST_CASE("zenhei loads and covers common Chinese but not the BMP-external or box glyphs", "[render][font]") {
  const auto& face = test_font();
  CHECK(face.coverage() > 20000);
  CHECK(face.covers(U'网'));
  CHECK(face.covers(U'，'));
  CHECK(face.covers(U'A'));
  CHECK_FALSE(face.covers(U'☑'));  // why checkboxes are drawn as paths
  CHECK_FALSE(face.covers(U'✓'));
  CHECK_FALSE(face.covers(U'\U00020000'));  // outside the BMP
  CHECK(face.advance_permille(U'网') == 1000);
  CHECK(face.advance_permille(U'i') < 500);
}

TEST_CASE("a missing font file or face index is a clear error", "[render][font]") {
  CHECK_THROWS_WITH(FontFace::load("/nonexistent/font.ttc", 0), Catch::Contains("/nonexistent/font.ttc"));
  CHECK_THROWS_WITH(FontFace::load(test_font().path(), 99), Catch::Contains("index 99"));
}

TEST_CASE("the subset is a real, small TrueType font", "[render][font]") {
  const auto& face = test_font();
  const std::u32string used = utf8_to_u32("网站备案信息真实性核验单 example.com 0123456789");
  const std::string ttf = face.subset(std::vector<char32_t>(used.begin(), used.end()));
  REQUIRE(ttf.size() > 1000);
  CHECK(ttf.size() < 60 * 1024);
  CHECK(ttf.substr(0, 4) == std::string("\0\1\0\0", 4));  // TrueType outlines
}

TEST_CASE("PdfWriter embeds the subset; pdftotext returns the text; size stays small", "[render][pdf]") {
  const auto& face = test_font();
  const std::string text = "网站备案信息真实性核验单：测试公司（example.com）";
  const std::u32string used = utf8_to_u32(text);
  PdfWriter pdf(face, std::vector<char32_t>(used.begin(), used.end()));
  PdfInfo info;
  info.title = "网站备案信息真实性核验单";
  info.creator = "beian test";
  info.year = 2024;
  info.month = 5;
  info.day = 6;
  pdf.set_info(info);
  pdf.add_page(210, 297);
  pdf.text(20, 30, 12, text);
  pdf.checkbox(20, 40, 4, true);
  pdf.checkbox(30, 40, 4, false);
  const std::string bytes = pdf.save();
  REQUIRE(bytes.substr(0, 5) == "%PDF-");
  CHECK(bytes.size() < 40 * 1024);
  CHECK(bytes.find("FontFile2") != std::string::npos);  // embedded TrueType

  test::TempDir dir;
  test::write_file(dir / "t.pdf", bytes);
  CHECK(pdf_text(dir / "t.pdf").find(text) != std::string::npos);
  // The ToUnicode map is a real one (libharu's own makes poppler warn and strict viewers
  // copy garbage); poppler parses the file without complaint.
  CHECK(bytes.find("/CMapName /Adobe-Identity-UCS") != std::string::npos);
  CHECK(bytes.find("<7F00> <7FFF> <7F00>") != std::string::npos);  // the row of 网 (U+7F51)
  const auto extracted = test::run_program({"/usr/bin/pdftotext", (dir / "t.pdf").string(), "-"});
  CHECK(extracted.err.empty());
  const std::string meta = pdf_info(dir / "t.pdf");
  CHECK(meta.find("网站备案信息真实性核验单") != std::string::npos);
  CHECK(meta.find("2024") != std::string::npos);
}
