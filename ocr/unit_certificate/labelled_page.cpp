#include "ocr/unit_certificate/labelled_page.h"

#include <algorithm>
#include <limits>
#include <optional>

#include "pipeline/base/text.h"

namespace beian::ocr {
namespace {

// Labels are justified across their box ("名        称"): a gap of up to this many character
// heights still joins characters into one line.
constexpr double kMaxGap = 5.0;
// Wrapped value lines sit closer than this (× character height) under each other; the next
// row of the form is further away.
constexpr double kMaxWrapGap = 0.9;

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

int vertical_overlap(const cv::Rect& a, const cv::Rect& b) {
  return std::min(a.br().y, b.br().y) - std::max(a.y, b.y);
}

bool blank(const std::string& s) { return trim(s).empty(); }

// CJK characters and letters/digits of a label, spaces and punctuation dropped.
std::u32string label_chars(const std::string& label) {
  std::u32string out;
  for (char32_t c : utf8_to_u32(to_halfwidth(label)))
    if (c > 0x2E80 || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) out += c;
  return out;
}

std::u32string symbol_char(const OcrSymbol& s) {
  const auto u = utf8_to_u32(s.text);
  return u.empty() ? std::u32string() : u.substr(0, 1);
}

}  // namespace

std::string PageLine::text() const {
  std::string t;
  for (const auto& s : symbols) t += s.text;
  return t;
}

LabelledPage::LabelledPage(std::vector<OcrSymbol> symbols) {
  symbols.erase(std::remove_if(symbols.begin(), symbols.end(), [](const OcrSymbol& s) { return blank(s.text) || s.box.empty(); }),
                symbols.end());
  std::vector<double> heights;
  for (const auto& s : symbols) heights.push_back(s.box.height);
  const double h = std::max(1.0, median(heights));
  std::sort(symbols.begin(), symbols.end(), [](const auto& a, const auto& b) { return a.box.x < b.box.x; });
  for (auto& s : symbols) {
    PageLine* best = nullptr;
    int best_overlap = 0;
    for (auto& line : lines_) {
      const cv::Rect& last = line.symbols.back().box;
      const int overlap = vertical_overlap(last, s.box);
      const int gap = s.box.x - last.br().x;
      if (overlap < 0.5 * std::min(last.height, s.box.height) || gap > kMaxGap * h) continue;
      if (overlap > best_overlap) best_overlap = overlap, best = &line;
    }
    if (!best) {
      lines_.emplace_back();
      best = &lines_.back();
    }
    best->symbols.push_back(std::move(s));
  }
  for (auto& line : lines_) {
    std::vector<double> hs;
    line.box = line.symbols.front().box;
    for (const auto& s : line.symbols) {
      line.box |= s.box;
      hs.push_back(s.box.height);
    }
    line.char_height = median(hs);
  }
  std::sort(lines_.begin(), lines_.end(), [](const auto& a, const auto& b) {
    return a.box.y + a.box.height / 2 < b.box.y + b.box.height / 2;
  });
}

std::vector<FoundLabel> LabelledPage::find_labels(const std::vector<LabelSpec>& specs) const {
  std::vector<FoundLabel> found;
  for (const auto& spec : specs) {
    std::optional<FoundLabel> first;
    for (const auto& label : spec.labels) {
      const std::u32string want = label_chars(label);
      const size_t n = want.size();
      if (n == 0) continue;
      const size_t allowed_errors = n >= 4 ? 1 : 0;
      for (size_t li = 0; li < lines_.size(); ++li) {
        const auto& syms = lines_[li].symbols;
        const double h = lines_[li].char_height;
        for (size_t p = 0; p + n <= syms.size(); ++p) {
          // A label starts a line or follows a gap (it never sits inside running text).
          if (p > 0 && syms[p].box.x - syms[p - 1].box.br().x < 0.8 * h) continue;
          size_t errors = 0;
          for (size_t k = 0; k < n && errors <= allowed_errors; ++k)
            if (symbol_char(syms[p + k]) != want.substr(k, 1)) ++errors;
          if (errors > allowed_errors || (n < 4 && symbol_char(syms[p]) != want.substr(0, 1))) continue;
          cv::Rect box = syms[p].box;
          for (size_t k = 1; k < n; ++k) box |= syms[p + k].box;
          // Tesseract's box of a label's last character can swallow the value's first one
          // (they are far apart in letter-spaced labels); CJK characters are square.
          const cv::Rect& last = syms[p + n - 1].box;
          const int right = std::min(last.br().x, static_cast<int>(last.x + 1.1 * std::max<double>(last.height, 0.9 * h)));
          box.width = std::max(1, right - box.x);
          const FoundLabel candidate{spec.field, li, p, p + n, box};
          const bool earlier = !first || li < first->line || (li == first->line && p < first->first);
          if (earlier) first = candidate;
          break;
        }
      }
    }
    if (first) found.push_back(*first);
  }
  return found;
}

std::map<std::string, LabelledValue> LabelledPage::values(const std::vector<LabelSpec>& specs,
                                                          const std::vector<FoundLabel>& labels) const {
  std::map<std::string, LabelledValue> out;
  auto label_x_on_line = [&](size_t line, int after_x) {
    int end = std::numeric_limits<int>::max();
    for (const auto& l : labels)
      if (l.line == line && l.box.x > after_x) end = std::min(end, l.box.x);
    return end;
  };
  auto label_in_range = [&](size_t line, int x0, int x1) {
    return std::any_of(labels.begin(), labels.end(),
                       [&](const FoundLabel& l) { return l.line == line && l.box.x >= x0 && l.box.x < x1; });
  };
  for (const auto& label : labels) {
    const auto spec = std::find_if(specs.begin(), specs.end(), [&](const LabelSpec& s) { return s.field == label.field; });
    if (spec == specs.end()) continue;
    const PageLine& line = lines_[label.line];
    const double h = line.char_height;
    const int column_end = label_x_on_line(label.line, label.box.x);
    LabelledValue v;
    v.label_box = label.box;
    double confidence_sum = 0;
    size_t count = 0;
    auto take = [&](const PageLine& l, size_t from, int x0, int x1) {
      cv::Rect box;
      for (size_t i = from; i < l.symbols.size(); ++i) {
        const auto& s = l.symbols[i];
        const int cx = s.box.x + s.box.width / 2;
        if (cx < x0 || cx >= x1) continue;
        v.text += s.text;
        confidence_sum += s.confidence;
        ++count;
        box = box.empty() ? s.box : (box | s.box);
      }
      if (!box.empty()) v.line_boxes.push_back(box);
      return box;
    };
    cv::Rect first = take(line, label.end, label.box.br().x, column_end);
    size_t at = label.line;
    if (first.empty() && spec->value_below) {
      // The value stands under its label (e.g. the credit code on the 2015+ licence).
      for (size_t j = label.line + 1; j < lines_.size() && first.empty(); ++j) {
        if (lines_[j].box.y - line.box.br().y > 2.5 * h) break;
        first = take(lines_[j], 0, static_cast<int>(label.box.x - 2 * h), label_x_on_line(j, label.box.x));
        at = j;
      }
    }
    if (!first.empty()) {
      // Wrapped lines: aligned with the value's start, close below, no label in the column.
      const int x0 = first.x;
      cv::Rect previous = first;
      for (size_t j = at + 1; j < lines_.size() && static_cast<int>(v.line_boxes.size()) < spec->max_lines; ++j) {
        const PageLine& next = lines_[j];
        if (next.box.y - previous.br().y > kMaxWrapGap * h) break;
        if (label_in_range(j, static_cast<int>(label.box.x - h), column_end)) break;
        const auto starts = std::find_if(next.symbols.begin(), next.symbols.end(), [&](const OcrSymbol& s) {
          const int cx = s.box.x + s.box.width / 2;
          return cx >= x0 - h && cx < column_end;
        });
        if (starts == next.symbols.end() || starts->box.x > x0 + 1.5 * h) continue;
        const cv::Rect box = take(next, 0, static_cast<int>(x0 - h), column_end);
        if (!box.empty()) previous = box;
      }
    }
    v.confidence = count ? confidence_sum / count : 0.0;
    out[label.field] = std::move(v);
  }
  return out;
}

}  // namespace beian::ocr
