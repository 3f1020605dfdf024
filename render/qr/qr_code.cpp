#include "render/qr/qr_code.h"

#define ZX_USE_UTF8 1
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <stdexcept>

namespace beian::render {
namespace {

// zxing-cpp 1.4 takes the QR level as 0-8 and maps it with level * 4 / 9 ... round: 0-1 → L,
// 2-3 → M, 4-6 → Q, 7-8 → H. Pick a value in the middle of each band.
int zxing_level(const std::string& ecc) {
  if (ecc == "L") return 1;
  if (ecc == "M") return 3;
  if (ecc == "Q") return 5;
  if (ecc == "H") return 8;
  throw std::invalid_argument("QR error-correction level must be L, M, Q or H, not '" + ecc + "'");
}

}  // namespace

QrModules encode_qr(const std::string& text, const std::string& ecc) {
  ZXing::BitMatrix matrix;
  try {
    matrix = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                 .setMargin(0)
                 .setEncoding(ZXing::CharacterSet::UTF8)
                 .setEccLevel(zxing_level(ecc))
                 .encode(text, 0, 0);
  } catch (const std::invalid_argument&) {
    throw;
  } catch (const std::exception& e) {
    throw std::invalid_argument(std::string("QR code cannot hold this text: ") + e.what());
  }
  QrModules qr;
  qr.size = matrix.width();
  if (qr.size <= 0 || matrix.height() != qr.size) throw std::invalid_argument("QR encoder returned no matrix");
  qr.dark.resize(static_cast<size_t>(qr.size) * qr.size);
  for (int y = 0; y < qr.size; ++y)
    for (int x = 0; x < qr.size; ++x) qr.dark[static_cast<size_t>(y) * qr.size + x] = matrix.get(x, y);
  return qr;
}

std::vector<RectMm> qr_rects(const QrModules& qr, double x, double y, double side) {
  std::vector<RectMm> rects;
  if (qr.size == 0) return rects;
  const double m = side / qr.size;
  for (int row = 0; row < qr.size; ++row) {
    int col = 0;
    while (col < qr.size) {
      if (!qr.at(col, row)) {
        ++col;
        continue;
      }
      const int start = col;
      while (col < qr.size && qr.at(col, row)) ++col;
      rects.push_back({x + start * m, y + row * m, (col - start) * m, m});
    }
  }
  return rects;
}

}  // namespace beian::render
