// The QR code of an upload link, as images for the PC screen: PNG (for <img>) and SVG (crisp
// at any size). The modules come from the renderer's QR encoder (render/qr/qr_code.h), so
// the service and the printed documents encode QR codes the same way.
#pragma once

#include <string>

namespace beian::server {

struct LinkQr {
  std::string png;   // PNG bytes, `scale` pixels per module, 4-module quiet zone
  std::string svg;   // standalone SVG document
};

// Encodes `text` (a URL) at error-correction level M. Throws std::invalid_argument when the
// text does not fit in a QR code.
LinkQr make_link_qr(const std::string& text, int scale = 8);

}  // namespace beian::server
