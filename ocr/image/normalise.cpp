#include "ocr/image/normalise.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace beian::ocr {

double colourfulness(const cv::Mat& bgr, const cv::Mat& mask) {
  if (bgr.empty() || bgr.channels() != 3) return 0.0;
  cv::Mat f;
  bgr.convertTo(f, CV_32F);
  cv::Mat ch[3];
  cv::split(f, ch);
  const cv::Mat rg = ch[2] - ch[1];
  const cv::Mat yb = 0.5 * (ch[2] + ch[1]) - ch[0];
  cv::Scalar m_rg, s_rg, m_yb, s_yb;
  cv::meanStdDev(rg, m_rg, s_rg, mask);
  cv::meanStdDev(yb, m_yb, s_yb, mask);
  const double sd = std::hypot(s_rg[0], s_yb[0]);
  const double mean = std::hypot(m_rg[0], m_yb[0]);
  return sd + 0.3 * mean;
}

NormalisedImage normalise_image(const cv::Mat& input, const NormaliseOptions& options) {
  NormalisedImage out;
  if (input.empty()) return out;
  cv::Mat img = input;
  if (img.depth() != CV_8U) {
    double lo = 0, hi = 0;
    cv::minMaxLoc(img.reshape(1), &lo, &hi);
    const double range = img.depth() == CV_16U ? 65535.0 : (hi > 1.0 ? hi : 1.0);
    img.convertTo(img, CV_8U, 255.0 / range);
  }
  switch (img.channels()) {
    case 1:
      out.input_was_grey = true;
      cv::cvtColor(img, img, cv::COLOR_GRAY2BGR);
      break;
    case 4: {
      cv::Mat planes[4];
      cv::split(img, planes);
      cv::Mat alpha;
      planes[3].convertTo(alpha, CV_32F, 1.0 / 255);
      cv::Mat merged[3];
      for (int c = 0; c < 3; ++c) {
        cv::Mat p;
        planes[c].convertTo(p, CV_32F);
        p = p.mul(alpha) + 255.0 * (1.0 - alpha);
        p.convertTo(merged[c], CV_8U);
      }
      cv::merge(merged, 3, img);
      break;
    }
    case 3:
      break;
    default:
      cv::extractChannel(img, img, 0);
      cv::cvtColor(img, img, cv::COLOR_GRAY2BGR);
      out.input_was_grey = true;
  }
  const int longest = std::max(img.cols, img.rows);
  if (longest > options.max_side) {
    out.scale = static_cast<double>(options.max_side) / longest;
    cv::resize(img, out.bgr, cv::Size(), out.scale, out.scale, cv::INTER_AREA);
  } else {
    out.bgr = img.data == input.data ? img.clone() : img;
  }
  cv::cvtColor(out.bgr, out.gray, cv::COLOR_BGR2GRAY);
  cv::Mat small;
  const double s = std::min(1.0, 400.0 / std::max(out.bgr.cols, out.bgr.rows));
  cv::resize(out.bgr, small, cv::Size(), s, s, cv::INTER_AREA);
  out.colourfulness = out.input_was_grey ? 0.0 : colourfulness(small);
  return out;
}

}  // namespace beian::ocr
