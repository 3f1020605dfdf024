// A QR code as vector squares: the modules of `text` (zxing-cpp encoder), merged into
// horizontal runs so a code costs a few hundred rectangles in the page content, not pixels.
#pragma once

#include <string>
#include <vector>

#include "render/pdf/pdf_writer.h"

namespace beian::render {

struct QrModules {
  int size = 0;                 // modules per side (21 for version 1, +4 per version)
  std::vector<bool> dark;       // row-major, size*size

  bool at(int x, int y) const { return dark[static_cast<size_t>(y) * size + x]; }
};

// Encodes `text` (UTF-8, byte mode) as a QR code with error-correction level `ecc` (one of
// "L", "M", "Q", "H"), without a quiet zone. Throws std::invalid_argument for an unknown
// level or a text too long for any QR version.
QrModules encode_qr(const std::string& text, const std::string& ecc);

// The dark modules as rectangles for a code whose top-left corner is (x, y) mm and whose side
// (without quiet zone) is `side` mm. Adjacent dark modules of a row share one rectangle.
std::vector<RectMm> qr_rects(const QrModules& qr, double x, double y, double side);

}  // namespace beian::render
