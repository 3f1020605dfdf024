// The printed marks of a licence besides its text: the QR code (decoded with zxing-cpp; on a
// licence it carries the credit code in its URL), the red seal (detected as a round red
// blob of seal size) and the copy mark (副本 / 正本 under the title).
#pragma once

#include <optional>
#include <string>

#include <opencv2/core.hpp>

#include "ocr/business_licence/licence_settings.h"

namespace beian::ocr {

struct QrReading {
  bool found = false;
  std::string text;     // decoded content (UTF-8)
  cv::Rect box;         // in the searched image
};

// The first QR code in `grey` (8-bit). Never throws for image content.
QrReading decode_qr(const cv::Mat& grey);

// A QR code too small or soft for decode_qr: `area` of `grey` (where the layout prints it,
// with a margin) enlarged by each of settings.scales (cubic), sharpened by each of
// settings.sharpen (unsharp-mask amounts; 0 = as is), and read with zxing's local and global
// binarizers in turn; the first valid code, its box in `grey`. Never throws for image content.
QrReading decode_small_qr(const cv::Mat& grey, const cv::Rect& area, const QrRetrySettings& settings);

// The valid unified social credit code carried in `text` (any 18-character run of the code
// alphabet whose check characters hold), if any.
std::optional<std::string> credit_code_in_text(const std::string& text);

// A code the QR carries although its check characters fail (a misprinted or altered licence):
// a run of exactly 18 code-alphabet characters in `text` that is not a valid code. Only
// meaningful when credit_code_in_text finds none.
std::optional<std::string> failing_code_in_text(const std::string& text);

struct SealReading {
  bool found = false;
  cv::Rect box;              // in the view
  double red_fraction = 0;   // red pixels / box area
};

// The largest round red blob of seal size in `bgr` (an upright page view).
SealReading detect_seal(const cv::Mat& bgr, const SealSettings& settings);

// `ink` (ink_image of `bgr`) with the seal (stamped over the authority and the issue date)
// turned to paper inside `seal` (detect_seal's box, grown by a tenth): pixels redder than
// erase_min_redness (R above the larger of G and B) that are not dark ink (ink level at least
// erase_min_ink_level, 0 = black … 255 = paper). Black text under the seal stays: it is dark
// whatever its tint; elsewhere nothing changes (JPEG colour fringes of black text are reddish).
cv::Mat erase_seal(const cv::Mat& ink, const cv::Mat& bgr, const SealReading& seal, const SealSettings& settings);

// `ink` with the seal taken out by unmixing colours inside the same area: the page is paper x
// text x seal per channel; black text dims every channel alike, the red seal dims R a little
// and G, B a lot (its colour measured on the pixels at least unmix_min_redness red), so a
// pixel's R against G, B tells how much seal covers it, and its ink level is divided by what
// that seal takes away. Thin strokes over the seal keep their grey edges, which erase_seal
// whitens with the seal at low resolution (an issue date losing its 2); the seal's faint rest
// stays, so the two serve as each other's second chance.
cv::Mat unmix_seal(const cv::Mat& ink, const cv::Mat& bgr, const SealReading& seal, const SealSettings& settings);

}  // namespace beian::ocr
