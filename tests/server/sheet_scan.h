// A returned document for the tests: the order's rendered verification sheet downloaded,
// rasterised with pdftoppm like a scan, and signed or stamped by drawing on it.
#pragma once

#include <string>

#include <opencv2/core.hpp>

#include "tests/server/server_fixture.h"

namespace beian::test {

// The rendered verification sheet of website 1 rasterised at `dpi`, and where its owner's
// signature label and seal label are (pixels).
struct SheetScan {
  cv::Mat page;
  cv::Rect signature_label;
  cv::Rect seal_label;
};

// The rendered verification sheet of website 1 of `order_id`, page 1 rasterised at `dpi`.
SheetScan scan_sheet(ServerFixture& f, const std::string& order_id, int dpi);

// A hand-drawn signature: a few connected strokes below the label, in blue-black ink.
void draw_signature(cv::Mat& page, const cv::Rect& label, double px_per_mm);
// A red round seal centred under the label.
void draw_seal(cv::Mat& page, const cv::Rect& label, double px_per_mm);
// The page as a JPEG file's bytes.
std::string jpeg(const cv::Mat& img);

}  // namespace beian::test
