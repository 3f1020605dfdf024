#include "ocr/fields/glyph_check.h"

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/fields/field_image.h"
#include "ocr/fields/text_clean.h"
#include "pipeline/base/text.h"

namespace beian::ocr {
namespace {

constexpr int kRenderPx = 64;           // glyphs are rendered at this size
constexpr int kCompareSize = 32;        // cells and glyphs are compared at this size
constexpr double kCompareSoftening = 1.2;  // Gaussian sigma at the compare size: stroke widths differ by font
constexpr size_t kMaxCachedGlyphs = 4096;  // per thread and font

cv::Mat normalised(const cv::Mat& grey) {
  cv::Mat small, f;
  cv::resize(grey, small, cv::Size(kCompareSize, kCompareSize), 0, 0, cv::INTER_AREA);
  small.convertTo(f, CV_32F);
  cv::GaussianBlur(f, f, cv::Size(0, 0), kCompareSoftening);
  return f;
}

// Rendered glyphs of one font, tight around their ink and normalised; one per thread
// (cv::freetype objects are not thread-safe).
class GlyphRenderer {
 public:
  explicit GlyphRenderer(const std::string& font) {
    try {
      ft_ = cv::freetype::createFreeType2();
      ft_->loadFontData(font, 0);
    } catch (const cv::Exception& e) {
      throw std::runtime_error("cannot load the font " + font + " for glyph checks: " + e.what());
    }
  }
  // Empty when the font draws nothing for `c`.
  const cv::Mat& glyph(const std::string& c) {
    auto it = cache_.find(c);
    if (it != cache_.end()) return it->second;
    // A server's worker meets ever more characters; at 4 KB each, a few thousand are plenty.
    if (cache_.size() >= kMaxCachedGlyphs) cache_.clear();
    cv::Mat canvas(3 * kRenderPx, 3 * kRenderPx, CV_8UC3, cv::Scalar::all(255));
    ft_->putText(canvas, c, cv::Point(kRenderPx, 2 * kRenderPx), kRenderPx, cv::Scalar::all(0), -1, cv::LINE_AA, true);
    cv::Mat grey;
    cv::cvtColor(canvas, grey, cv::COLOR_BGR2GRAY);
    const cv::Rect box = dark_ink_box(grey);
    cv::Mat out;
    if (box.width > 2 && box.height > 2) out = normalised(grey(box));
    return cache_.emplace(c, std::move(out)).first->second;
  }

 private:
  cv::Ptr<cv::freetype::FreeType2> ft_;
  std::map<std::string, cv::Mat> cache_;
};

GlyphRenderer& renderer(const std::string& font) {
  thread_local std::map<std::string, std::unique_ptr<GlyphRenderer>> renderers;
  auto& r = renderers[font];
  if (!r) r = std::make_unique<GlyphRenderer>(font);
  return *r;
}

double correlation(const cv::Mat& a, const cv::Mat& b) {
  cv::Mat result;
  cv::matchTemplate(a, b, result, cv::TM_CCOEFF_NORMED);
  return result.at<float>(0, 0);
}

bool is_chinese(const std::string& s) {
  const std::u32string u = utf8_to_u32(s);
  return u.size() == 1 && is_cjk(u[0]);
}

// glyph_match of a cell already normalised: each cell is compared with many candidates.
double normalised_match(const cv::Mat& printed, const std::string& c, const std::vector<std::string>& fonts) {
  double best = -1;
  for (const auto& font : fonts) {
    const cv::Mat& g = renderer(font).glyph(c);
    if (!g.empty()) best = std::max(best, correlation(printed, g));
  }
  return best;
}

}  // namespace

double glyph_match(const cv::Mat& cell, const std::string& c, const std::vector<std::string>& fonts) {
  return cell.empty() ? -1 : normalised_match(normalised(cell), c, fonts);
}

std::vector<cv::Rect> character_cells(const cv::Mat& ink, const cv::Rect& line, size_t count) {
  const cv::Rect area = line & cv::Rect(0, 0, ink.cols, ink.rows);
  if (area.empty() || count == 0) return {};
  const cv::Mat grey = ink(area);
  cv::Mat binary;
  cv::threshold(grey, binary, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  cv::Mat columns;
  cv::reduce(binary, columns, 0, cv::REDUCE_SUM, CV_32S);
  std::vector<std::pair<int, int>> runs;  // [begin, end) of ink columns
  const int close_gap = std::max(1, area.height / 10);
  for (int x = 0; x < columns.cols; ++x) {
    if (!columns.at<int>(0, x)) continue;
    if (!runs.empty() && x - runs.back().second <= close_gap) runs.back().second = x + 1;
    else runs.emplace_back(x, x + 1);
  }
  if (runs.empty()) return {};
  if (runs.size() != count) {
    const int begin = runs.front().first, end = runs.back().second;
    runs.clear();
    for (size_t i = 0; i < count; ++i)
      runs.emplace_back(begin + static_cast<int>((end - begin) * i / count), begin + static_cast<int>((end - begin) * (i + 1) / count));
  }
  std::vector<cv::Rect> cells;
  for (const auto& [b, e] : runs) {
    const cv::Rect slice(b, 0, std::max(1, e - b), area.height);
    std::vector<cv::Point> points;
    cv::findNonZero(binary(slice), points);
    if (points.empty()) return {};
    const cv::Rect tight = cv::boundingRect(points);
    cells.emplace_back(tight.x + slice.x + area.x, tight.y + area.y, tight.width, tight.height);
  }
  return cells;
}

std::vector<OcrSymbol> check_glyphs(const cv::Mat& ink, const cv::Rect& line, std::vector<OcrSymbol> symbols,
                                    const std::vector<std::vector<std::string>>& candidates,
                                    const GlyphCheckSettings& settings) {
  if (!settings.enabled() || symbols.empty() || candidates.size() != symbols.size()) return symbols;
  const auto cells = character_cells(ink, line, symbols.size());
  if (cells.size() != symbols.size()) return symbols;
  for (size_t i = 0; i < symbols.size(); ++i) {
    if (!is_chinese(symbols[i].text) || candidates[i].size() < 2) continue;
    const cv::Mat cell = normalised(ink(cells[i]));
    const double voted = normalised_match(cell, symbols[i].text, settings.fonts);
    double best = voted, rival = -1;
    std::string chosen = symbols[i].text;
    for (const auto& c : candidates[i]) {
      if (c == symbols[i].text || !is_chinese(c)) continue;
      const double m = normalised_match(cell, c, settings.fonts);
      rival = std::max(rival, m);
      if (m > best) best = m, chosen = c;
    }
    if (chosen != symbols[i].text && best - voted >= settings.min_gain) {
      symbols[i].text = chosen;
      symbols[i].confidence = settings.shape_confidence;
    } else if (chosen == symbols[i].text && voted - rival >= settings.min_gain) {
      // The vote's character, split among the passes, is the clear match of its shape.
      symbols[i].confidence = std::max(symbols[i].confidence, settings.shape_confidence);
    }
  }
  return symbols;
}

std::string closest_by_shape(const cv::Mat& ink, const cv::Rect& line, const std::vector<std::string>& vocabulary,
                             const GlyphCheckSettings& settings) {
  if (!settings.enabled()) return {};
  std::map<size_t, std::vector<cv::Mat>> cells_by_count;  // normalised cells, per character count
  std::string best;
  double best_score = -2, runner_up = -2;
  for (const auto& entry : vocabulary) {
    const std::u32string chars = utf8_to_u32(entry);
    if (chars.empty()) continue;
    auto it = cells_by_count.find(chars.size());
    if (it == cells_by_count.end()) {
      std::vector<cv::Mat> cells;
      for (const auto& cell : character_cells(ink, line, chars.size())) cells.push_back(normalised(ink(cell)));
      it = cells_by_count.emplace(chars.size(), std::move(cells)).first;
    }
    if (it->second.size() != chars.size()) continue;
    double sum = 0;
    for (size_t k = 0; k < chars.size(); ++k)
      sum += normalised_match(it->second[k], u32_to_utf8(std::u32string(1, chars[k])), settings.fonts);
    const double score = sum / chars.size();
    if (score > best_score) {
      runner_up = best_score;
      best_score = score;
      best = entry;
    } else {
      runner_up = std::max(runner_up, score);
    }
  }
  return best_score - runner_up >= settings.min_gain ? best : std::string();
}

}  // namespace beian::ocr
