// Helpers for the render tests: the shared font face, and the poppler tools the round trips
// use (pdftotext, pdfinfo, pdftoppm).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "render/font/font_face.h"

namespace beian::render {

// The document font (WenQuanYi Zen Hei, face 0), loaded once for all tests.
const FontFace& test_font();

// pdftotext -layout output of `pdf` (UTF-8). Fails the test when pdftotext fails.
std::string pdf_text(const std::filesystem::path& pdf);
// pdfinfo output of `pdf`.
std::string pdf_info(const std::filesystem::path& pdf);
// Rasterises page `page` (1-based) of `pdf` at `dpi` into a grey PNG and returns its path.
std::filesystem::path pdf_page_png(const std::filesystem::path& pdf, int page, int dpi);

}  // namespace beian::render

namespace beian::render {

// Every QR code zxing-cpp finds in the grey PNG at `png` (decoded texts, QR format only).
std::vector<std::string> decode_qr_codes(const std::filesystem::path& png);

}  // namespace beian::render

#include <nlohmann/json.hpp>

#include "beian/render/documents.h"

namespace beian::render {

// The QR secret the test renderer signs with.
inline const std::string kTestQrSecret = "render-tests-secret-0123456789";

// A DocumentRenderer over the source tree's templates, signing with kTestQrSecret.
const DocumentRenderer& test_renderer();

// A complete valid order (manifest form): a unit in 广东 with two websites whose owners are
// not the legal representative.
nlohmann::json sample_order();

}  // namespace beian::render
