// Glare: parts of a field box washed out to near white, far brighter than the card's paper.
#include <algorithm>
#include <cstdio>

#include <opencv2/imgproc.hpp>

#include "ocr/quality/card_quality.h"

namespace beian::ocr {

std::vector<QualityCheck> check_glare(const CardQualityInput& in, const QualitySettings& s) {
  std::vector<QualityCheck> out;
  cv::Mat ch[3];
  cv::split(in.view, ch);
  const cv::Mat value = cv::max(cv::max(ch[0], ch[1]), ch[2]);
  const cv::Mat minimum = cv::min(cv::min(ch[0], ch[1]), ch[2]);
  // Paper level: the median brightness of the card.
  cv::Mat small;
  cv::resize(value, small, cv::Size(64, 40), 0, 0, cv::INTER_AREA);
  std::vector<uint8_t> v(small.begin<uint8_t>(), small.end<uint8_t>());
  std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
  const double paper = v[v.size() / 2];
  const double level = std::min(250.0, paper * (1.0 + s.glare_level));
  // White paper (a clean scan, a licence in good light) leaves no brighter level for glare
  // to wash out to: every blank part of the page would count as glare.
  if (level - paper < s.glare_min_headroom) return out;
  // Washed out: bright and colourless (glare is white whatever the card's tint).
  cv::Mat bright = value >= level;
  cv::Mat grey = (value - minimum) <= 18;
  cv::Mat glare = bright & grey;
  cv::morphologyEx(glare, glare, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_ELLIPSE, {5, 5}));
  for (const auto& f : in.layout.fields) {
    const cv::Rect box = in.layout.scale(f.box, in.view.size()) & cv::Rect(0, 0, in.view.cols, in.view.rows);
    if (box.empty()) continue;
    const double fraction = cv::countNonZero(glare(box)) / static_cast<double>(box.area());
    if (fraction < s.glare_min_field_fraction) continue;
    QualityCheck c;
    c.id = "glare";
    c.value = fraction;
    c.threshold = s.glare_min_field_fraction;
    c.passed = false;
    c.field = f.name;
    out.push_back(c);
  }
  return out;
}

}  // namespace beian::ocr
