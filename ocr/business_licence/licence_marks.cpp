#include "ocr/business_licence/licence_marks.h"

#include <algorithm>
#include <vector>

#include <opencv2/imgproc.hpp>

#define ZX_USE_UTF8
#include <ZXing/ReadBarcode.h>

#include "ocr/validators/credit_code.h"

namespace beian::ocr {

QrReading decode_qr(const cv::Mat& grey) {
  QrReading out;
  if (grey.empty() || grey.type() != CV_8UC1) return out;
  cv::Mat g = grey.isContinuous() ? grey : grey.clone();
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  hints.setTryHarder(true);
  hints.setMaxNumberOfSymbols(1);
  try {
    const auto results = ZXing::ReadBarcodes(ZXing::ImageView(g.data, g.cols, g.rows, ZXing::ImageFormat::Lum,
                                                              static_cast<int>(g.step)),
                                             hints);
    for (const auto& r : results) {
      if (!r.isValid()) continue;
      out.found = true;
      out.text = r.text();
      const auto& p = r.position();
      std::vector<cv::Point> corners{{p.topLeft().x, p.topLeft().y}, {p.topRight().x, p.topRight().y},
                                     {p.bottomRight().x, p.bottomRight().y}, {p.bottomLeft().x, p.bottomLeft().y}};
      out.box = cv::boundingRect(corners);
      break;
    }
  } catch (const std::exception&) {
    // zxing-cpp reports decode failures as results; anything thrown is treated as "no code".
  }
  return out;
}

QrReading decode_small_qr(const cv::Mat& grey, const cv::Rect& area, const QrRetrySettings& settings) {
  QrReading out;
  const cv::Rect crop = area & cv::Rect(0, 0, grey.cols, grey.rows);
  if (crop.empty() || grey.type() != CV_8UC1) return out;
  for (const double scale : settings.scales)
    for (const double sharpen : settings.sharpen) {
      cv::Mat g;
      cv::resize(grey(crop), g, cv::Size(), scale, scale, cv::INTER_CUBIC);
      if (sharpen > 0) {
        // Unsharp mask: a blurred photo's modules run into each other.
        cv::Mat soft;
        cv::GaussianBlur(g, soft, cv::Size(0, 0), scale);
        cv::addWeighted(g, 1 + sharpen, soft, -sharpen, 0, g);
      }
      for (const auto binarizer : {ZXing::Binarizer::LocalAverage, ZXing::Binarizer::GlobalHistogram}) {
        ZXing::DecodeHints hints;
        hints.setFormats(ZXing::BarcodeFormat::QRCode);
        hints.setTryHarder(true);
        hints.setTryDownscale(false);
        hints.setBinarizer(binarizer);
        hints.setMaxNumberOfSymbols(1);
        try {
          for (const auto& r : ZXing::ReadBarcodes(
                   ZXing::ImageView(g.data, g.cols, g.rows, ZXing::ImageFormat::Lum, static_cast<int>(g.step)), hints)) {
            if (!r.isValid()) continue;
            out.found = true;
            out.text = r.text();
            const auto& p = r.position();
            const cv::Point2d tl(p.topLeft().x, p.topLeft().y), br(p.bottomRight().x, p.bottomRight().y);
            out.box = cv::Rect(cv::Point(static_cast<int>(tl.x / scale), static_cast<int>(tl.y / scale)),
                               cv::Point(static_cast<int>(br.x / scale), static_cast<int>(br.y / scale))) +
                      crop.tl();
            return out;
          }
        } catch (const std::exception&) {
        }
      }
    }
  return out;
}

namespace {

// The maximal runs of code-alphabet characters in `text`, in order.
std::vector<std::string> code_alphabet_runs(const std::string& text) {
  std::vector<std::string> runs;
  std::string run;
  for (const char c : text) {
    if (validators::kUsccAlphabet.find(c) != std::string_view::npos) {
      run += c;
    } else if (!run.empty()) {
      runs.push_back(std::move(run));
      run.clear();
    }
  }
  if (!run.empty()) runs.push_back(std::move(run));
  return runs;
}

}  // namespace

std::optional<std::string> credit_code_in_text(const std::string& text) {
  for (const auto& run : code_alphabet_runs(text))
    for (size_t i = 0; i + 18 <= run.size(); ++i)
      if (validators::is_valid_uscc(run.substr(i, 18))) return run.substr(i, 18);
  return std::nullopt;
}

std::optional<std::string> failing_code_in_text(const std::string& text) {
  for (const auto& run : code_alphabet_runs(text))
    if (run.size() == 18 && !validators::is_valid_uscc(run)) return run;
  return std::nullopt;
}

SealReading detect_seal(const cv::Mat& bgr, const SealSettings& s) {
  SealReading out;
  if (bgr.empty() || bgr.channels() != 3) return out;
  // Work on a small copy: a seal is large, and this keeps the check cheap.
  const double scale = std::min(1.0, 600.0 / bgr.cols);
  cv::Mat small, hsv;
  cv::resize(bgr, small, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::cvtColor(small, hsv, cv::COLOR_BGR2HSV);
  cv::Mat low, high, red;
  cv::inRange(hsv, cv::Scalar(0, s.min_saturation, s.min_value), cv::Scalar(10, 255, 255), low);
  cv::inRange(hsv, cv::Scalar(165, s.min_saturation, s.min_value), cv::Scalar(180, 255, 255), high);
  red = low | high;
  // Join the ring, the star and the text of a seal into one blob.
  cv::Mat joined;
  const int k = std::max(3, small.rows / 60);
  cv::morphologyEx(red, joined, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k, k)));
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(joined, labels, stats, centroids, 8, CV_32S);
  const double page = small.rows;
  int best_area = 0;
  for (int i = 1; i < n; ++i) {
    const cv::Rect b(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                     stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    const double d = std::max(b.width, b.height);
    if (d < s.min_diameter * page || d > s.max_diameter * page) continue;
    if (b.width < 0.7 * b.height || b.height < 0.7 * b.width) continue;  // seals are round
    const double fraction = cv::countNonZero(red(b)) / static_cast<double>(b.area());
    if (fraction < s.min_red_fraction) continue;
    if (b.area() > best_area) {
      best_area = b.area();
      out.found = true;
      out.red_fraction = fraction;
      out.box = cv::Rect(cvRound(b.x / scale), cvRound(b.y / scale), cvRound(b.width / scale), cvRound(b.height / scale));
    }
  }
  return out;
}

namespace {

// The seal's box grown by a tenth, within the image.
cv::Rect seal_area(const SealReading& seal, cv::Size size) {
  const int gx = seal.box.width / 10, gy = seal.box.height / 10;
  return cv::Rect(seal.box.x - gx, seal.box.y - gy, seal.box.width + 2 * gx, seal.box.height + 2 * gy) &
         cv::Rect(cv::Point(), size);
}

}  // namespace

cv::Mat erase_seal(const cv::Mat& ink, const cv::Mat& bgr, const SealReading& seal, const SealSettings& settings) {
  cv::Mat out = ink.clone();
  if (!seal.found || bgr.channels() != 3 || bgr.size() != ink.size()) return out;
  const cv::Rect area = seal_area(seal, bgr.size());
  for (int y = area.y; y < area.br().y; ++y) {
    const cv::Vec3b* p = bgr.ptr<cv::Vec3b>(y);
    const uint8_t* k = ink.ptr<uint8_t>(y);
    uint8_t* o = out.ptr<uint8_t>(y);
    for (int x = area.x; x < area.br().x; ++x) {
      const int redness = p[x][2] - std::max(p[x][0], p[x][1]);
      if (redness >= settings.erase_min_redness && k[x] >= settings.erase_min_ink_level) o[x] = 255;
    }
  }
  return out;
}

cv::Mat unmix_seal(const cv::Mat& ink, const cv::Mat& bgr, const SealReading& seal, const SealSettings& settings) {
  cv::Mat out = ink.clone();
  if (!seal.found || bgr.channels() != 3 || bgr.size() != ink.size()) return out;
  const cv::Rect area = seal_area(seal, bgr.size());
  // The page is paper x text x seal, per channel. Black text dims every channel alike; the
  // red seal dims R a little (a_r) and G, B a lot (a_gb). R against the mean of G and B gives
  // the seal's cover c of a pixel (q = r / gb = (1 - c a_r) / (1 - c a_gb)), and its ink level
  // without the seal is k / (1 - c a_r).
  std::vector<float> rs, gbs;
  std::vector<float> seal_r, seal_gb;
  for (int y = area.y; y < area.br().y; ++y) {
    const cv::Vec3b* p = bgr.ptr<cv::Vec3b>(y);
    for (int x = area.x; x < area.br().x; ++x) {
      rs.push_back(p[x][2]);
      gbs.push_back((p[x][0] + p[x][1]) / 2.0f);
    }
  }
  auto percentile = [](std::vector<float> v, double q) {
    if (v.empty()) return 0.0f;
    const size_t i = std::min(v.size() - 1, static_cast<size_t>(q * v.size()));
    std::nth_element(v.begin(), v.begin() + i, v.end());
    return v[i];
  };
  // Paper is most of the seal's box: its colour is a high percentile of each channel there.
  const float paper_r = std::max(1.0f, percentile(rs, 0.9)), paper_gb = std::max(1.0f, percentile(gbs, 0.9));
  for (int y = area.y; y < area.br().y; ++y) {
    const cv::Vec3b* p = bgr.ptr<cv::Vec3b>(y);
    for (int x = area.x; x < area.br().x; ++x) {
      const int redness = p[x][2] - std::max(p[x][0], p[x][1]);
      if (redness >= settings.unmix_min_redness) {
        seal_r.push_back(p[x][2] / paper_r);
        seal_gb.push_back((p[x][0] + p[x][1]) / 2.0f / paper_gb);
      }
    }
  }
  if (seal_r.size() < 20) return out;
  const double a_r = std::clamp(1.0 - percentile(seal_r, 0.5), 0.0, 0.9);
  const double a_gb = std::clamp(1.0 - percentile(seal_gb, 0.5), 0.1, 1.0);
  for (int y = area.y; y < area.br().y; ++y) {
    const cv::Vec3b* p = bgr.ptr<cv::Vec3b>(y);
    const uint8_t* k = ink.ptr<uint8_t>(y);
    uint8_t* o = out.ptr<uint8_t>(y);
    for (int x = area.x; x < area.br().x; ++x) {
      const double r = p[x][2] / paper_r, gb = std::max(0.02, (p[x][0] + p[x][1]) / 2.0 / paper_gb);
      const double q = r / gb;
      if (q <= 1.0) continue;  // no red in it: paper or black
      const double denominator = a_r - q * a_gb;
      const double cover = denominator < 0 ? std::clamp((1.0 - q) / denominator, 0.0, 1.0) : 1.0;
      o[x] = cv::saturate_cast<uint8_t>(k[x] / (1.0 - cover * a_r));
    }
  }
  return out;
}

}  // namespace beian::ocr
