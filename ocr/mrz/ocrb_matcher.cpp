#include "ocr/mrz/ocrb_matcher.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/fields/field_image.h"

namespace beian::ocr {

OcrbMatcher::OcrbMatcher(const MrzSettings& settings) : settings_(settings) {
  cv::Ptr<cv::freetype::FreeType2> ft;
  try {
    ft = cv::freetype::createFreeType2();
    ft->loadFontData(settings.font, 0);
  } catch (const cv::Exception& e) {
    throw std::runtime_error("cannot load the OCR-B font " + settings.font + ": " + e.what());
  }
  const int size = settings.render_height;
  const cv::Point origin(size, 2 * size);
  // cv::freetype draws on 3-channel images only.
  auto render = [&](const std::string& text) {
    cv::Mat canvas(3 * size, size * (static_cast<int>(text.size()) + 3), CV_8UC3, cv::Scalar::all(255));
    ft->putText(canvas, text, origin, size, cv::Scalar::all(0), -1, cv::LINE_AA, true);
    cv::Mat grey;
    cv::cvtColor(canvas, grey, cv::COLOR_BGR2GRAY);
    return grey;
  };

  // Cap line and baseline from 'H'; the advance from a run of eleven 'H's (monospaced font).
  const cv::Rect h_box = dark_ink_box(render("H"));
  const cv::Rect run_box = dark_ink_box(render("HHHHHHHHHHH"));
  if (h_box.empty() || run_box.width <= h_box.width)
    throw std::runtime_error("the OCR-B font " + settings.font + " renders no usable glyphs");
  const double advance = (run_box.width - h_box.width) / 10.0;
  const double cap = h_box.height;
  pitch_to_cap_ = advance / cap;

  // Each glyph's ink centre relative to the pen; their mean is where a line fit puts cells.
  std::vector<cv::Mat> canvases;
  double mean_offset = 0;
  for (char c : kMrzAlphabet) {
    canvases.push_back(render(std::string(1, c)));
    const cv::Rect box = dark_ink_box(canvases.back());
    mean_offset += box.x + box.width / 2.0 - origin.x;
  }
  mean_offset /= static_cast<double>(kMrzAlphabet.size());

  const double pad = settings.cell_padding * cap;
  const double band = cap + 2 * pad;
  template_size_ = cv::Size(std::max(8, static_cast<int>(std::lround(settings.template_height * advance / band))),
                            settings.template_height);
  const double left = origin.x + mean_offset - advance / 2.0;
  const double top = h_box.y - pad;
  for (const auto& canvas : canvases) {
    // Crop the cell with sub-pixel placement and shrink it with area averaging.
    cv::Mat cell;
    const cv::Matx23d shift(1, 0, -left, 0, 1, -top);
    cv::warpAffine(canvas, cell, shift, cv::Size(static_cast<int>(std::ceil(advance)), static_cast<int>(std::ceil(band))),
                   cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
    cv::Mat small;
    cv::resize(cell, small, template_size_, 0, 0, cv::INTER_AREA);
    small.convertTo(small, CV_32F);
    templates_.push_back(small);
  }
}

const OcrbMatcher& OcrbMatcher::get() {
  static const OcrbMatcher matcher(mrz_settings());
  return matcher;
}

GlyphScores OcrbMatcher::score(const cv::Mat& grey, const MrzCell& cell) const {
  GlyphScores scores;
  scores.fill(-1.f);
  if (grey.empty() || cell.pitch <= 1 || cell.cap_height <= 1) return scores;
  const int s = settings_.shift_px;
  const double pad = settings_.cell_padding * cell.cap_height;
  const double sx = template_size_.width / cell.pitch;
  const double sy = template_size_.height / (cell.cap_height + 2 * pad);
  const double top = cell.centre_on_baseline.y - cell.cap_height - pad;
  // Image → patch: the cell's left/top edge lands at (s, s).
  const double left = cell.centre_on_baseline.x - cell.pitch / 2.0;
  const cv::Matx23d to_patch(sx, 0, s - sx * left, 0, sy, s - sy * top);
  const cv::Size patch_size(template_size_.width + 2 * s, template_size_.height + 2 * s);
  cv::Mat source = grey;
  if (sx < 0.6 || sy < 0.6) {
    // Shrinking a lot: smooth first so linear sampling does not alias thin strokes.
    const double sigma = 0.4 / std::min(sx, sy);
    cv::Rect roi(cv::Point(static_cast<int>(left - 2 * cell.pitch), static_cast<int>(top - cell.cap_height)),
                 cv::Size(static_cast<int>(5 * cell.pitch), static_cast<int>(3 * cell.cap_height)));
    roi &= cv::Rect(0, 0, grey.cols, grey.rows);
    if (roi.empty()) return scores;
    cv::Mat blurred;
    cv::GaussianBlur(grey(roi), blurred, cv::Size(), sigma);
    source = blurred;
    const cv::Matx23d moved(sx, 0, s - sx * (left - roi.x), 0, sy, s - sy * (top - roi.y));
    cv::Mat patch;
    cv::warpAffine(source, patch, moved, patch_size, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    source = patch;
  } else {
    cv::Mat patch;
    cv::warpAffine(grey, patch, to_patch, patch_size, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    source = patch;
  }
  cv::Mat patch;
  source.convertTo(patch, CV_32F);
  cv::Scalar mean, stddev;
  cv::meanStdDev(patch, mean, stddev);
  if (stddev[0] < 4.0) return scores;  // no ink: nothing to match
  cv::Mat result;
  for (size_t i = 0; i < templates_.size(); ++i) {
    cv::matchTemplate(patch, templates_[i], result, cv::TM_CCOEFF_NORMED);
    double best = -1;
    cv::minMaxLoc(result, nullptr, &best);
    scores[i] = static_cast<float>(best);
  }
  return scores;
}

}  // namespace beian::ocr
