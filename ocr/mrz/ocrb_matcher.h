// A per-character OCR-B matcher for machine-readable zones. Tesseract reads OCR-B badly
// ('<' → K, O/0), but MRZ text is one known font, monospaced, in a 37-character alphabet: the
// glyphs of Debian's fonts-ocr-b font, rendered once with cv::freetype, are exact templates.
//
// Framing contract shared by the templates and the cells cut from an image: a cell is one
// character pitch wide, centred on the glyph's ink centre averaged over the alphabet (what a
// straight-line fit through the glyph centres of a printed line gives), and spans from
// cell_padding × cap height above the cap line to the same below the baseline.
//
// Thread safety: an OcrbMatcher is immutable after construction; score() may be called from
// any number of threads.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

#include "ocr/mrz/mrz_settings.h"

namespace beian::ocr {

// The MRZ alphabet in the order of OcrbMatcher scores.
inline constexpr std::string_view kMrzAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<";
inline constexpr size_t kMrzAlphabetSize = 37;

// Normalised cross-correlation of one cell with every glyph (-1..1), in kMrzAlphabet order.
using GlyphScores = std::array<float, kMrzAlphabetSize>;

// Where one character cell lies in an image, in that image's pixels.
struct MrzCell {
  cv::Point2f centre_on_baseline;  // x of the cell centre, y of the baseline there
  double pitch = 0;                // character pitch (cell width)
  double cap_height = 0;           // cap line to baseline
};

class OcrbMatcher {
 public:
  // Renders the templates from settings.font. Throws std::runtime_error naming the font when
  // it cannot be loaded.
  explicit OcrbMatcher(const MrzSettings& settings);

  // The matcher for mrz_settings(), built once (thread-safe).
  static const OcrbMatcher& get();

  // Scores the cell of `grey` (8-bit, dark text on light) against every glyph, trying
  // positions within ±shift_px template pixels. Cells partly outside the image are padded
  // by replication. Never throws for image content.
  GlyphScores score(const cv::Mat& grey, const MrzCell& cell) const;

  // Character pitch / cap height of the font (about 0.72 em / 0.7 em).
  double pitch_to_cap_height() const { return pitch_to_cap_; }
  const MrzSettings& settings() const { return settings_; }

 private:
  MrzSettings settings_;
  double pitch_to_cap_ = 1.0;
  cv::Size template_size_;
  std::vector<cv::Mat> templates_;  // CV_32F, kMrzAlphabet order
};

}  // namespace beian::ocr
