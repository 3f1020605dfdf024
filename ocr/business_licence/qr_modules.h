// Reading a QR code too blurred for zxing's own detector by its module grid. On a distant
// photo a licence's QR code spans some 65 px for 33 modules: two pixels a module, and the
// blur runs neighbouring modules together, so zxing finds no finder pattern at any
// enlargement. Its place is known (the layout's box on the rectified page) and its modules
// lie on a regular grid: the grid is fitted to the finder and alignment patterns, each
// module's shade is sampled at its centre, the modules' darkness is solved for under a
// Gaussian blur (the finder patterns and the quiet zone, whose modules are known, set the
// paper and ink levels), and the modules are drawn again as a clean code for zxing to decode.
// Reed-Solomon error correction rejects a wrong grid or too many misjudged modules: a code
// read this way is a code that was printed.
#pragma once

#include <opencv2/core.hpp>

#include "ocr/business_licence/licence_marks.h"

namespace beian::ocr {

// The QR code in `area` of `grey` (8-bit, an upright view), read by its module grid as above;
// the first valid code, its box in `grey`. Never throws for image content.
QrReading decode_qr_by_modules(const cv::Mat& grey, const cv::Rect& area, const QrModuleSettings& settings);

}  // namespace beian::ocr
