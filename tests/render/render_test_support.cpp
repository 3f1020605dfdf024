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
