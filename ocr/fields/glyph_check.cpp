#include "ocr/fields/glyph_check.h"

#include <algorithm>
#include <cctype>
#include <iconv.h>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <utility>

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/fields/field_image.h"
#include "ocr/fields/text_clean.h"
#include "ocr/validators/surnames.h"
#include "pipeline/base/data_file.h"
#include "pipeline/base/text.h"

namespace beian::ocr {
namespace {

constexpr int kRenderPx = 64;           // glyphs are rendered at this size
constexpr int kCompareSize = 32;        // cells and glyphs are compared at this size
constexpr double kCompareSoftening = 1.2;  // Gaussian sigma at the compare size: stroke widths differ by font
constexpr size_t kMaxCachedGlyphs = 4096;  // per thread and font
constexpr size_t kVocabularyShortlist = 8;   // a vocabulary's nearest shapes (16 px) compared in full (32 px)

cv::Mat normalised(const cv::Mat& grey) {
  cv::Mat small, f;
  cv::resize(grey, small, cv::Size(kCompareSize, kCompareSize), 0, 0, cv::INTER_AREA);
  small.convertTo(f, CV_32F);
  cv::GaussianBlur(f, f, cv::Size(0, 0), kCompareSoftening);
  return f;
}

// A printed or rendered character as compared: its ink scaled to a square (normalised) and
// the width/height of that ink, which the scaling loses (a sliver of 商 and 一 both become a
// dark square).
struct Shape {
  cv::Mat pixels;  // normalised; empty when there is no ink
  double aspect = 0;
};

Shape shape_of(const cv::Mat& grey) {
  if (grey.empty()) return {};
  return {normalised(grey), static_cast<double>(grey.cols) / grey.rows};
}

cv::Ptr<cv::freetype::FreeType2> load_font(const std::string& font) {
  try {
    auto ft = cv::freetype::createFreeType2();
    ft->loadFontData(font, 0);
    return ft;
  } catch (const cv::Exception& e) {
    throw std::runtime_error("cannot load the font " + font + " for glyph checks: " + e.what());
  }
}

// `c` drawn black on white by `ft`, grey, tight around its ink; empty when the font draws
// nothing for it.
cv::Mat rendered(cv::freetype::FreeType2& ft, const std::string& c) {
  cv::Mat canvas(3 * kRenderPx, 3 * kRenderPx, CV_8UC3, cv::Scalar::all(255));
  ft.putText(canvas, c, cv::Point(kRenderPx, 2 * kRenderPx), kRenderPx, cv::Scalar::all(0), -1, cv::LINE_AA, true);
  cv::Mat grey;
  cv::cvtColor(canvas, grey, cv::COLOR_BGR2GRAY);
  const cv::Rect box = dark_ink_box(grey);
  if (box.width <= 2 || box.height <= 2) return {};
  return grey(box).clone();
}

// Rendered glyphs of one font, tight around their ink and normalised; one per thread
// (cv::freetype objects are not thread-safe).
class GlyphRenderer {
 public:
  explicit GlyphRenderer(const std::string& font) : ft_(load_font(font)) {}
  // Empty when the font draws nothing for `c`.
  const Shape& glyph(const std::string& c) {
    auto it = cache_.find(c);
    if (it != cache_.end()) return it->second;
    // A server's worker meets ever more characters; at 4 KB each, a few thousand are plenty.
    if (cache_.size() >= kMaxCachedGlyphs) cache_.clear();
    return cache_.emplace(c, shape_of(rendered(*ft_, c))).first->second;
  }
  // `c` rendered (rendered()), not cached.
  cv::Mat grey(const std::string& c) { return rendered(*ft_, c); }

 private:
  cv::Ptr<cv::freetype::FreeType2> ft_;
  std::map<std::string, Shape> cache_;
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

// Punctuation: neither a Chinese character nor an ASCII letter or digit.
bool is_mark(const std::string& s) {
  const std::u32string u = utf8_to_u32(s);
  return u.size() == 1 && !is_cjk(u[0]) && !(u[0] < 0x80 && std::isalnum(static_cast<int>(u[0])));
}

// glyph_match of a cell already normalised: each cell is compared with many candidates. A
// glyph whose ink is more than twice as wide or as narrow (relative to its height) as the
// cell's is no match, whatever its scaled pixels say.
double normalised_match(const Shape& printed, const std::string& c, const std::vector<std::string>& fonts) {
  constexpr double kMaxAspectRatio = 2.0;
  double best = -1;
  if (printed.pixels.empty()) return best;
  for (const auto& font : fonts) {
    const Shape& g = renderer(font).glyph(c);
    if (g.pixels.empty() || std::max(g.aspect / printed.aspect, printed.aspect / g.aspect) > kMaxAspectRatio) continue;
    best = std::max(best, correlation(printed.pixels, g.pixels));
  }
  return best;
}

// Every character of a vocabulary rendered small in every font, for a quick first ranking of
// a cell against thousands of characters: one matrix product instead of thousands of
// template matches (6763 characters x 3 fonts at 16 x 16: ~21 MB, once per process).
class ShapeIndex {
 public:
  ShapeIndex(const std::vector<std::string>& characters, const std::vector<std::string>& fonts)
      : characters_(characters), fonts_(fonts.size()) {
    rows_ = cv::Mat::zeros(static_cast<int>(fonts.size() * characters.size()), kIndexSize * kIndexSize, CV_32F);
    for (size_t f = 0; f < fonts.size(); ++f) {
      GlyphRenderer& font = renderer(fonts[f]);  // this thread's, whose font the checks load anyway
      for (size_t i = 0; i < characters.size(); ++i) {
        const cv::Mat grey = font.grey(characters[i]);
        if (!grey.empty()) index_vector(grey).copyTo(rows_.row(static_cast<int>(f * characters.size() + i)));
      }
    }
  }
  // The `k` characters whose rendering in some font correlates best with `cell` (grey, tight).
  std::vector<std::string> nearest(const cv::Mat& cell, size_t k) const {
    cv::Mat scores;
    cv::gemm(rows_, index_vector(cell), 1, cv::noArray(), 0, scores, cv::GEMM_2_T);
    const size_t n = characters_.size();
    std::vector<std::pair<float, size_t>> best(n, {-2.0f, 0});
    for (size_t f = 0; f < fonts_; ++f)
      for (size_t i = 0; i < n; ++i) best[i] = {std::max(best[i].first, scores.at<float>(static_cast<int>(f * n + i))), i};
    k = std::min(k, n);
    std::partial_sort(best.begin(), best.begin() + k, best.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> out;
    for (size_t j = 0; j < k; ++j) out.push_back(characters_[best[j].second]);
    return out;
  }

 private:
  static constexpr int kIndexSize = 16;
  // Zero mean, unit length: the dot product of two is their correlation coefficient.
  static cv::Mat index_vector(const cv::Mat& grey) {
    cv::Mat small, f;
    cv::resize(grey, small, cv::Size(kIndexSize, kIndexSize), 0, 0, cv::INTER_AREA);
    small.convertTo(f, CV_32F);
    cv::GaussianBlur(f, f, cv::Size(0, 0), kCompareSoftening * kIndexSize / kCompareSize);
    f -= cv::mean(f)[0];
    const double norm = cv::norm(f);
    if (norm > 0) f /= norm;
    return f.reshape(1, 1);
  }
  std::vector<std::string> characters_;
  size_t fonts_;
  cv::Mat rows_;  // row f * characters + i: character i in font f
};

// Built once per process and character set (~1 s), on first use; shared by all threads.
const ShapeIndex& shape_index(const std::string& charset, const std::vector<std::string>& characters,
                              const std::vector<std::string>& fonts) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<ShapeIndex>> indices;
  std::string key = charset;
  for (const auto& f : fonts) key += '\n' + f;
  std::lock_guard lock(mutex);
  auto& index = indices[key];
  if (!index) index = std::make_unique<ShapeIndex>(characters, fonts);
  return *index;
}

// True when `chars`, standing from `at` on among `symbols`, form a word of 2 to 4 Chinese
// characters holding all of them with their neighbours as read. No word starts right after a
// digit: that character is the number's unit (188号 商务楼 holds no 号令 nor 号商).
bool forms_word(const std::vector<OcrSymbol>& symbols, size_t at, const std::vector<std::string>& chars,
                const IsWord& is_word) {
  constexpr size_t kLongestWord = 4;
  const size_t n = chars.size();
  if (n == 0 || at + n > symbols.size()) return false;
  const auto after_digit = [&](size_t p) {
    const std::string& before = p > 0 ? symbols[p - 1].text : std::string();
    return before.size() == 1 && std::isdigit(static_cast<unsigned char>(before[0]));
  };
  for (size_t length = std::max<size_t>(2, n); length <= kLongestWord; ++length) {
    const size_t last = at + n - 1;  // the word runs from start to start + length - 1 >= last
    for (size_t start = last >= length - 1 ? last - (length - 1) : 0; start <= at && start + length <= symbols.size(); ++start) {
      if (after_digit(start)) continue;
      std::string word;
      bool chinese = true;
      for (size_t p = start; p < start + length && chinese; ++p) {
        const std::string& s = p >= at && p < at + n ? chars[p - at] : symbols[p].text;
        chinese = is_chinese(s);
        word += s;
      }
      if (chinese && is_word(word)) return true;
    }
  }
  return false;
}

// How many em a symbol takes on the line: ASCII letters and digits about half, anything else
// one (Chinese characters, and the marks chi_sim returns as ASCII ; , ( ) are printed
// full-width in Chinese text).
double advance_of(const std::string& symbol) {
  const std::u32string u = utf8_to_u32(symbol);
  const bool half = !u.empty() && u.front() < 0x80 && std::isalnum(static_cast<int>(u.front()));
  return half ? 0.55 : 1.0;
}

// The share of a full-width mark's advance left blank before its ink (an opening bracket's
// ink sits at its right) and after it (a closing bracket's, 、 and 。 at its left): in
// WenQuanYi Zen Hei and Noto Sans/Serif CJK, （ inks 0.64-0.96 of its advance, ） 0.04-0.36,
// 。 0.04-0.35. A line's ink starts and ends inside such marks, not at their advances.
double blank_before(const std::string& symbol) {
  static const std::u32string opening = U"（《“【〔「";
  const std::u32string u = utf8_to_u32(symbol);
  return u.size() == 1 && opening.find(u[0]) != std::u32string::npos ? 0.6 : 0.0;
}
double blank_after(const std::string& symbol) {
  static const std::u32string closing = U"）》”】〕」、。";
  const std::u32string u = utf8_to_u32(symbol);
  return u.size() == 1 && closing.find(u[0]) != std::u32string::npos ? 0.6 : 0.0;
}

}  // namespace

std::vector<std::string> charset_characters(const std::string& charset) {
  // Several fields name the same set; decoding it tries ~24000 byte pairs.
  static std::mutex mutex;
  static std::map<std::string, std::vector<std::string>> decoded;
  std::lock_guard lock(mutex);
  if (const auto it = decoded.find(charset); it != decoded.end()) return it->second;
  iconv_t cd = iconv_open("UTF-8", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv does not know the character set " + charset);
  std::vector<std::string> out;
  for (int hi = 0x81; hi <= 0xFE; ++hi) {
    for (int lo = 0x40; lo <= 0xFE; ++lo) {
      char in[2] = {static_cast<char>(hi), static_cast<char>(lo)};
      char buffer[8];
      char* src = in;
      char* dst = buffer;
      size_t in_left = 2, out_left = sizeof buffer;
      iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset the shift state after a failure
      if (iconv(cd, &src, &in_left, &dst, &out_left) == static_cast<size_t>(-1) || in_left != 0) continue;
      const std::string utf8(buffer, dst);
      const std::u32string u = utf8_to_u32(utf8);
      if (u.size() == 1 && is_cjk(u[0])) out.push_back(utf8);
    }
  }
  iconv_close(cd);
  return decoded[charset] = out;
}

double glyph_match(const cv::Mat& cell, const std::string& c, const std::vector<std::string>& fonts) {
  return normalised_match(shape_of(cell), c, fonts);
}

// A character's ink is no wider than its advance; a run this much wider holds part of another.
constexpr double kMaxRunShare = 1.25;

// The [begin, end) runs of inked columns of a line `height` tall (`columns`: ink per column,
// one row), a gap narrower than a tenth of the height closed: it is inside a character.
static std::vector<std::pair<int, int>> ink_column_runs(const cv::Mat& columns, int height) {
  std::vector<std::pair<int, int>> runs;
  const int close_gap = std::max(1, height / 10);
  for (int x = 0; x < columns.cols; ++x) {
    if (!columns.at<int>(0, x)) continue;
    if (!runs.empty() && x - runs.back().second <= close_gap) runs.back().second = x + 1;
    else runs.emplace_back(x, x + 1);
  }
  return runs;
}

std::vector<cv::Rect> character_cells(const cv::Mat& ink, const cv::Rect& line, const std::vector<std::string>& symbols,
                                      const cv::Mat& glare) {
  const cv::Rect area = line & cv::Rect(0, 0, ink.cols, ink.rows);
  const size_t count = symbols.size();
  if (area.empty() || count == 0) return {};
  const cv::Mat grey = ink(area);
  cv::Mat binary;
  cv::threshold(grey, binary, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  cv::Mat columns;
  cv::reduce(binary / 255, columns, 0, cv::REDUCE_SUM, CV_32S);
  std::vector<std::pair<int, int>> runs = ink_column_runs(columns, area.height);
  if (runs.empty()) return {};
  int begin = runs.front().first, end = runs.back().second;
  // Text that runs into a glare spot at either end of the line runs on to the line's end
  // there: its last characters faded away under the spot.
  if (!glare.empty()) {
    const auto glared_column = [&](int x) {
      return 2 * cv::countNonZero(glare(cv::Rect(area.x + x, area.y, 1, area.height))) >= area.height;
    };
    if (begin > 0 && glared_column(begin - 1)) begin = 0;
    if (end < area.width && glared_column(end)) end = area.width;
  }
  const int width = end - begin;
  // Each character's share of the ink's extent: its advance, less the blank before a first
  // opening bracket and after a last closing one (the ink ends inside them).
  std::vector<double> advances;
  for (const auto& s : symbols) advances.push_back(advance_of(s));
  advances.front() -= blank_before(symbols.front());
  advances.back() -= blank_after(symbols.back());
  double total = 0;
  for (const double a : advances) total += a;
  std::vector<double> expected;
  for (const double a : advances) expected.push_back(width * std::max(a, 0.1) / total);
  // As many ink runs as characters are the characters only when their widths fit too: a
  // left-right character's radical can join its neighbour's run (琴 and the 氵 of 洁, with
  // 吉 alone) while the gap inside the character is wider than the one before it.
  bool runs_fit = runs.size() == count;
  for (size_t k = 0; runs_fit && k < count; ++k) runs_fit = runs[k].second - runs[k].first <= kMaxRunShare * expected[k];
  if (!runs_fit) {
    // Cut the ink's extent into `count` spans: cuts through light columns, widths near the
    // characters' expected advances.
    const double h = area.height;
    constexpr double kInf = std::numeric_limits<double>::infinity();
    // cost[k][x]: best cost of cutting the first k characters to end at column begin + x.
    std::vector<std::vector<double>> cost(count + 1, std::vector<double>(width + 1, kInf));
    std::vector<std::vector<int>> from(count + 1, std::vector<int>(width + 1, -1));
    cost[0][0] = 0;
    for (size_t k = 0; k < count; ++k) {
      const int lo = std::max(1, static_cast<int>(0.3 * expected[k])), hi = std::max(lo, static_cast<int>(1.8 * expected[k]) + 1);
      for (int x = 0; x < width; ++x) {
        if (cost[k][x] == kInf) continue;
        for (int w = lo; w <= hi && x + w <= width; ++w) {
          const int cut = x + w;
          const double deviation = (w - expected[k]) / h;
          const double through_ink = cut < width ? columns.at<int>(0, begin + cut) / h : 0.0;
          const double c = cost[k][x] + deviation * deviation + through_ink;
          if (c < cost[k + 1][cut]) cost[k + 1][cut] = c, from[k + 1][cut] = x;
        }
      }
    }
    if (cost[count][width] == kInf) return {};
    std::vector<int> cuts(count + 1, width);
    for (size_t k = count; k > 0; --k) cuts[k - 1] = from[k][cuts[k]];
    runs.clear();
    for (size_t k = 0; k < count; ++k) runs.emplace_back(begin + cuts[k], begin + cuts[k + 1]);
  }
  // Under a glare spot a character's strokes fade to flecks or nothing: a cell at least half
  // under the spot with less than half the ink of a typical cell outside it is left empty
  // (not judged), and the others keep theirs.
  std::vector<int> ink_of(runs.size(), 0);
  std::vector<bool> glared(runs.size(), false);
  std::vector<int> clear_ink;
  for (size_t k = 0; k < runs.size(); ++k) {
    const cv::Rect slice(runs[k].first, 0, std::max(1, runs[k].second - runs[k].first), area.height);
    ink_of[k] = cv::countNonZero(binary(slice));
    glared[k] = !glare.empty() && 2 * cv::countNonZero(glare(slice + area.tl())) >= slice.area();
    if (!glared[k] && ink_of[k] > 0 && !is_mark(symbols[k])) clear_ink.push_back(ink_of[k]);
  }
  std::sort(clear_ink.begin(), clear_ink.end());
  const int typical_ink = clear_ink.empty() ? 0 : clear_ink[clear_ink.size() / 2];
  std::vector<cv::Rect> cells;
  for (size_t k = 0; k < runs.size(); ++k) {
    const auto [b, e] = runs[k];
    const cv::Rect slice(b, 0, std::max(1, e - b), area.height);
    if (glared[k] && 2 * ink_of[k] < typical_ink) {
      cells.emplace_back();
      continue;
    }
    std::vector<cv::Point> points;
    cv::findNonZero(binary(slice), points);
    if (points.empty()) {
      // A blurred 、 or ， can fall below the threshold: the mark leaves an empty cell and the
      // characters around it keep theirs. A character or digit without ink means a bad cut.
      if (is_mark(symbols[k])) {
        cells.emplace_back();
        continue;
      }
      return {};
    }
    const cv::Rect tight = cv::boundingRect(points);
    cells.emplace_back(tight.x + slice.x + area.x, tight.y + area.y, tight.width, tight.height);
  }
  return cells;
}

std::vector<TextExtent> text_extents(const cv::Mat& ink, const cv::Rect& line, double min_share, int max_count) {
  const cv::Rect area = line & cv::Rect(0, 0, ink.cols, ink.rows);
  if (area.empty() || max_count <= 0) return {};
  cv::Mat binary, columns;
  cv::threshold(ink(area), binary, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  binary /= 255;
  cv::reduce(binary, columns, 0, cv::REDUCE_SUM, CV_32S);
  // The runs as character_cells cuts them.
  const auto runs = ink_column_runs(columns, area.height);
  if (runs.empty()) return {};
  const int begin = runs.front().first;
  const double full = runs.back().second - begin;
  std::vector<TextExtent> out;
  for (auto run = runs.rbegin(); run != runs.rend() && static_cast<int>(out.size()) < max_count; ++run) {
    const int end = run->second;
    if (end - begin < min_share * full) break;
    // The rows of the text: the longest run of rows holding a tenth of the fullest row's ink
    // (a ring's arc or the top of the next line's digits hold less).
    cv::Mat rows;
    cv::reduce(binary(cv::Range::all(), cv::Range(begin, end)), rows, 1, cv::REDUCE_SUM, CV_32S);
    double most = 0;
    cv::minMaxLoc(rows, nullptr, &most);
    int top = 0, bottom = 0, run_top = -1;
    for (int y = 0; y <= rows.rows; ++y) {
      const bool inked = y < rows.rows && rows.at<int>(y, 0) >= 0.1 * most;
      if (inked && run_top < 0) run_top = y;
      if (!inked && run_top >= 0) {
        if (y - run_top > bottom - top) top = run_top, bottom = y;
        run_top = -1;
      }
    }
    bottom = std::max(bottom, top + 1);
    TextExtent e;
    e.box = cv::Rect(area.x + begin, area.y + top, end - begin, bottom - top);
    e.ink = cv::countNonZero(binary(cv::Range(top, bottom), cv::Range(begin, end)));
    e.rest_ink = cv::countNonZero(binary(cv::Range(top, bottom), cv::Range(end, area.width)));
    out.push_back(e);
  }
  return out;
}

namespace {

constexpr double kSureConfidence = 0.9;  // below it, a reading is in doubt
constexpr double kAlignedMatch = 0.5;    // a sure reading in its cell matches it at least this well

// One line of a field's symbols cut into character cells, with each Chinese reading's shape
// and how well the reading matches it.
struct LineCells {
  size_t index = 0;               // of the line among the field's lines
  cv::Rect line;
  std::vector<size_t> positions;  // the symbols on the line, left to right
  std::vector<cv::Rect> cells;    // one per position
  std::vector<Shape> shapes;      // no pixels: not a Chinese character
  std::vector<double> matches;    // the reading's match with its cell; -1: not a Chinese character
};

// The lines whose symbols could be cut into as many cells; each symbol belongs to the line
// its box centre lies in (the nearest line when in none).
std::vector<LineCells> cut_lines(const cv::Mat& ink, const std::vector<cv::Rect>& lines, const std::vector<OcrSymbol>& symbols,
                                 const std::vector<std::string>& fonts) {
  std::vector<std::vector<size_t>> on_line(lines.size());
  for (size_t i = 0; i < symbols.size(); ++i) {
    const int cy = symbols[i].box.y + symbols[i].box.height / 2;
    size_t best = 0;
    int distance = std::numeric_limits<int>::max();
    for (size_t k = 0; k < lines.size(); ++k) {
      const int d = cy < lines[k].y ? lines[k].y - cy : cy >= lines[k].br().y ? cy - lines[k].br().y + 1 : 0;
      if (d < distance) distance = d, best = k;
    }
    on_line[best].push_back(i);
  }
  std::vector<LineCells> out;
  for (size_t k = 0; k < lines.size(); ++k) {
    if (on_line[k].empty()) continue;
    LineCells l{k, lines[k], on_line[k], {}, {}, {}};
    std::vector<std::string> texts;
    for (size_t i : l.positions) texts.push_back(symbols[i].text);
    l.cells = character_cells(ink, lines[k], texts);
    if (l.cells.size() != l.positions.size()) continue;
    l.shapes.resize(l.positions.size());
    l.matches.assign(l.positions.size(), -1);
    for (size_t j = 0; j < l.positions.size(); ++j) {
      if (!is_chinese(symbols[l.positions[j]].text)) continue;
      l.shapes[j] = shape_of(ink(l.cells[j]));
      l.matches[j] = normalised_match(l.shapes[j], symbols[l.positions[j]].text, fonts);
    }
    out.push_back(std::move(l));
  }
  return out;
}

// Whether cell j of `l` can be judged by its shape. Cells are cut by expected widths: a symbol
// the vote lost or invented shifts them by one. The sure readings nearest on either side match
// their cells when this one is in place.
bool in_place(const LineCells& l, const std::vector<OcrSymbol>& symbols, size_t j) {
  if (l.shapes[j].pixels.empty()) return false;
  for (int step : {-1, 1}) {
    for (int o = static_cast<int>(j) + step; o >= 0 && o < static_cast<int>(l.positions.size()); o += step) {
      if (l.shapes[o].pixels.empty() || symbols[l.positions[o]].confidence < kSureConfidence) continue;
      if (l.matches[o] < kAlignedMatch) return false;
      break;
    }
  }
  // A flat sliver is a piece of a character (or 一): its shape says nothing.
  return 2 * l.cells[j].height >= l.line.height;
}

// True when symbols[at] is one ASCII digit.
bool is_digit_at(const std::vector<OcrSymbol>& symbols, size_t at) {
  return at < symbols.size() && symbols[at].text.size() == 1 && std::isdigit(static_cast<unsigned char>(symbols[at].text[0]));
}

// The entry of `listed` whose shape `cell` matches best (the first of equals), and that match.
std::pair<std::string, double> best_listed(const Shape& cell, const std::vector<std::string>& listed,
                                           const std::vector<std::string>& fonts) {
  std::pair<std::string, double> best{"", -2};
  for (const auto& c : listed)
    if (const double m = normalised_match(cell, c, fonts); m > best.second) best = {c, m};
  return best;
}

// A character between two numbers, or closing the field after one, is one of the field's
// number words (26层402室): a reading that is none (26民402宣, 1205富) becomes the one whose
// shape its cell matches best. Cut cells or not, no other character can stand there. One after
// a number and before more text is only likely to be one (GlyphCheckSettings::after_number_misread).
void settle_number_words(const LineCells& l, std::vector<OcrSymbol>& symbols, const GlyphCheckSettings& settings) {
  const auto& words = settings.after_number;
  if (words.empty()) return;
  const auto& misread = settings.after_number_misread;
  for (size_t j = 0; j < l.positions.size(); ++j) {
    const size_t i = l.positions[j];
    if (i == 0 || !is_digit_at(symbols, i - 1) || l.shapes[j].pixels.empty() || !is_chinese(symbols[i].text) ||
        std::find(words.begin(), words.end(), symbols[i].text) != words.end())
      continue;
    const bool between = i + 1 == symbols.size() || is_digit_at(symbols, i + 1);
    if (!between && misread.min_gain <= 0) continue;
    const auto [nearest, first] = best_listed(l.shapes[j], words, settings.fonts);
    if (!between && (first < misread.min_match ||
                     first - normalised_match(l.shapes[j], symbols[i].text, settings.fonts) < misread.min_gain))
      continue;
    symbols[i].text = nearest;
    symbols[i].confidence = std::min(symbols[i].confidence, settings.shape_confidence);
  }
}

// A name a number follows ends, as a rule, in one of the field's endings (路 before a house
// number, 园 or 楼 before a floor): a reading that is none becomes the ending its cell matches
// best when before_number_misread allows (GlyphCheckSettings::before_number_misread).
void settle_name_endings(const LineCells& l, std::vector<OcrSymbol>& symbols, const GlyphCheckSettings& settings) {
  const auto& endings = settings.before_number;
  const auto& misread = settings.before_number_misread;
  if (endings.empty() || !misread.enabled) return;
  for (size_t j = 0; j < l.positions.size(); ++j) {
    const size_t i = l.positions[j];
    if (i == 0 || !is_digit_at(symbols, i + 1) || !is_chinese(symbols[i - 1].text) || l.shapes[j].pixels.empty() ||
        !is_chinese(symbols[i].text) || std::find(endings.begin(), endings.end(), symbols[i].text) != endings.end())
      continue;
    const auto [nearest, first] = best_listed(l.shapes[j], endings, settings.fonts);
    if (first < misread.min_match || first - normalised_match(l.shapes[j], symbols[i].text, settings.fonts) < misread.min_gain)
      continue;
    symbols[i].text = nearest;
    symbols[i].confidence = std::min(symbols[i].confidence, settings.shape_confidence);
  }
}

}  // namespace

std::vector<OcrSymbol> check_glyphs(const cv::Mat& ink, const std::vector<cv::Rect>& lines, std::vector<OcrSymbol> symbols,
                                    const std::vector<std::vector<std::string>>& candidates,
                                    const GlyphCheckSettings& settings) {
  if (!settings.enabled() || symbols.empty() || lines.empty() || candidates.size() != symbols.size()) return symbols;
  const auto& vocabulary = settings.vocabulary;
  for (const LineCells& l : cut_lines(ink, lines, symbols, settings.fonts)) {
    const auto& positions = l.positions;
    const auto& cells = l.cells;
    const auto& normalised_cells = l.shapes;
    const auto& voted = l.matches;
    const bool first_line = l.index == 0;
    for (size_t j = 0; j < positions.size(); ++j) {
      const size_t i = positions[j];
      if (!in_place(l, symbols, j)) continue;
      const Shape& cell = normalised_cells[j];
      const bool disputed = candidates[i].size() >= 2;
      double best = voted[j], rival = -1;
      std::string chosen = symbols[i].text;
      for (const auto& c : candidates[i]) {
        if (c == symbols[i].text || !is_chinese(c)) continue;
        const double m = normalised_match(cell, c, settings.fonts);
        rival = std::max(rival, m);
        if (m > best) best = m, chosen = c;
      }
      const bool reading_unsure = disputed || symbols[i].confidence < kSureConfidence;
      const bool in_doubt = reading_unsure || voted[j] < vocabulary.min_match;
      double current = voted[j];  // how well the reading matches, once the passes' candidates are weighed
      if (chosen != symbols[i].text && best - voted[j] >= settings.min_gain) {
        symbols[i].text = chosen;
        symbols[i].confidence = settings.shape_confidence;
        current = best;
      } else if (chosen == symbols[i].text && disputed && voted[j] - rival >= settings.min_gain) {
        // The vote's character, split among the passes, is the clear match of its shape.
        symbols[i].confidence = std::max(symbols[i].confidence, settings.shape_confidence);
      }
      if (settings.confusables) {
        if (const std::string other = confusable_partner(symbols[i].text); !other.empty()) {
          const double m = normalised_match(cell, other, settings.fonts);
          if (m - current >= settings.min_gain) {
            symbols[i].text = other;
            symbols[i].confidence = settings.shape_confidence;
            current = m;
          } else if (current - m < settings.min_gain) {
            symbols[i].confidence = std::min(symbols[i].confidence, settings.shape_confidence);
          }
        }
      }
      const bool question_sure = vocabulary.sure_min_gain > 0;
      if (!vocabulary.characters.empty() && (in_doubt || question_sure)) {
        std::string nearest;
        double first = -1, second = -1;
        // A name's first character read as a listed surname is only replaced by another one:
        // a poorly cut cell of 周 matched 同 (0.73) better than 周 (0.59), and no family is 同.
        const bool surname_read = settings.surname.enabled && first_line && j == 0 && validators::is_single_surname(symbols[i].text);
        for (const auto& c : shape_index(vocabulary.charset, vocabulary.characters, settings.fonts).nearest(ink(cells[j]), kVocabularyShortlist)) {
          if (surname_read && c != symbols[i].text && !validators::is_single_surname(c)) continue;
          const double m = c == symbols[i].text ? current : normalised_match(cell, c, settings.fonts);
          if (m > first) second = first, first = m, nearest = c;
          else second = std::max(second, m);
        }
        const double min_match = !in_doubt ? vocabulary.sure_min_match
                                 : reading_unsure ? vocabulary.unsure_min_match : vocabulary.min_match;
        const double min_gain = in_doubt ? vocabulary.min_gain : vocabulary.sure_min_gain;
        if (nearest != symbols[i].text && first >= min_match && first - current >= min_gain &&
            first - second >= vocabulary.min_margin) {
          symbols[i].text = nearest;
          symbols[i].confidence = settings.shape_confidence;
          current = first;
        }
      }
      // A name's character compared with a list of what it is likely to be (surnames for the
      // first, given-name characters for the rest): the list's best shape replaces it when
      // `check` allows (by sure_min_gain when the reading was sure).
      const bool sure = !in_doubt && symbols[i].confidence >= kSureConfidence;
      const auto weigh_against = [&](const std::vector<std::string>& listed, const GlyphCheckSettings::Surname& check,
                                     bool reading_listed = false) {
        std::string nearest;
        double first = -1, second = -1, first_match = -1;
        for (size_t k = 0; k < listed.size(); ++k) {
          const double m = normalised_match(cell, listed[k], settings.fonts);
          const double weighed = m + (static_cast<int>(k) < check.common_count ? check.common_bonus : 0.0);
          if (weighed > first) second = first, first = weighed, first_match = m, nearest = listed[k];
          else second = std::max(second, weighed);
        }
        const double min_gain = reading_listed ? check.listed_min_gain : sure ? check.sure_min_gain : check.min_gain;
        if (first_match >= check.min_match && first - current >= min_gain && first - second >= check.min_margin) {
          symbols[i].text = nearest;
          symbols[i].confidence = settings.shape_confidence;
        }
      };
      const bool compound = validators::starts_with_compound_surname(symbols[positions[0]].text +
                                                                     (positions.size() > 1 ? symbols[positions[1]].text : ""));
      if (settings.surname.enabled && first_line && j == 0 && !compound && !validators::is_single_surname(symbols[i].text))
        weigh_against(validators::single_surnames(), settings.surname);
      // A later character of a name (after a compound surname's second) that no parent picks.
      if (settings.given_name.enabled && first_line && j >= (compound ? 2u : 1u)) {
        if (!validators::is_given_name_character(symbols[i].text))
          weigh_against(validators::given_name_characters(), settings.given_name);
        else if (settings.given_name.listed_min_gain > 0)
          weigh_against(validators::given_name_characters(), settings.given_name, true);
      }
    }
    settle_number_words(l, symbols, settings);
    settle_name_endings(l, symbols, settings);
  }
  return symbols;
}

std::vector<OcrSymbol> check_number_words(const cv::Mat& ink, const std::vector<cv::Rect>& lines,
                                          std::vector<OcrSymbol> symbols, const GlyphCheckSettings& settings) {
  if (!settings.enabled() || settings.after_number.empty() || symbols.empty() || lines.empty()) return symbols;
  for (const LineCells& l : cut_lines(ink, lines, symbols, settings.fonts)) {
    settle_number_words(l, symbols, settings);
    settle_name_endings(l, symbols, settings);
  }
  return symbols;
}

std::vector<OcrSymbol> check_words(const cv::Mat& ink, const std::vector<cv::Rect>& lines, std::vector<OcrSymbol> symbols,
                                   const GlyphCheckSettings& settings, const IsWord& is_word) {
  const auto& lexicon = settings.lexicon;
  if (!settings.enabled() || !lexicon.enabled() || !is_word || symbols.empty() || lines.empty()) return symbols;
  const ShapeIndex& index = shape_index(lexicon.charset, lexicon.characters, settings.fonts);
  for (const LineCells& l : cut_lines(ink, lines, symbols, settings.fonts)) {
    for (size_t j = 0; j < l.positions.size(); ++j) {
      const size_t i = l.positions[j];
      // Not in_place: a sure misreading (两业街, 扇江路) matches its cell poorly, so its
      // neighbours would count as shifted, and it as theirs. Here a replacement must also form
      // a word with the neighbours as read, which a neighbour's shape in a shifted cell seldom
      // does (hard licences of 84-93: none lost). A flat sliver still says nothing.
      if (l.shapes[j].pixels.empty() || 2 * l.cells[j].height < l.line.height ||
          forms_word(symbols, i, {symbols[i].text}, is_word))
        continue;
      const double current = l.matches[j];  // the reading at j is as cut: only j itself changes it
      std::string nearest;
      double first = -2, second = -2;
      for (const auto& c : index.nearest(ink(l.cells[j]), lexicon.shortlist)) {
        if (c == symbols[i].text || !forms_word(symbols, i, {c}, is_word)) continue;
        const double m = normalised_match(l.shapes[j], c, settings.fonts);
        if (m > first) second = first, first = m, nearest = c;
        else second = std::max(second, m);
      }
      if (!nearest.empty() && first >= lexicon.min_match && first - current >= lexicon.min_gain &&
          first - second >= lexicon.min_margin) {
        symbols[i].text = nearest;
        symbols[i].confidence = std::min(symbols[i].confidence, settings.shape_confidence);
      }
    }
    // Two neighbours that both still form no word (园区 read 因史): each misreading leaves the
    // other no word to form, so one at a time finds none. Pairs of their nearest shapes that
    // form a word together with the text around them, scored by both cells.
    if (lexicon.pair_shortlist == 0) continue;
    const auto usable = [&](size_t j) { return !l.shapes[j].pixels.empty() && 2 * l.cells[j].height >= l.line.height; };
    for (size_t j = 0; j + 1 < l.positions.size(); ++j) {
      const size_t i = l.positions[j];
      if (l.positions[j + 1] != i + 1 || !usable(j) || !usable(j + 1) ||
          forms_word(symbols, i, {symbols[i].text}, is_word) || forms_word(symbols, i + 1, {symbols[i + 1].text}, is_word))
        continue;
      const auto ranked = [&](size_t k) {
        std::vector<std::pair<std::string, double>> out;
        for (const auto& c : index.nearest(ink(l.cells[k]), lexicon.pair_shortlist))
          out.emplace_back(c, normalised_match(l.shapes[k], c, settings.fonts));
        return out;
      };
      const auto left = ranked(j), right = ranked(j + 1);
      // Each character a pair changes must match its cell better than the reading by
      // pair_min_gain: among the shortlists' many pairs some word fits by chance (杏花岭区花
      // gave 冰花, its 冰 matching 0.05 better than 区).
      const double min_gain = lexicon.pair_min_gain;
      std::vector<std::string> nearest;
      double first = -4, second = -4;
      const auto stays = [&](size_t at) { return lexicon.pair_keeps_sure && symbols[at].confidence >= kSureConfidence; };
      for (const auto& [a, ma] : left) {
        if (a != symbols[i].text && (stays(i) || ma - l.matches[j] < min_gain)) continue;
        for (const auto& [b, mb] : right) {
          if ((a == symbols[i].text && b == symbols[i + 1].text) ||
              (b != symbols[i + 1].text && (stays(i + 1) || mb - l.matches[j + 1] < min_gain)) ||
              !forms_word(symbols, i, {a, b}, is_word))
            continue;
          const double m = (a == symbols[i].text ? l.matches[j] : ma) + (b == symbols[i + 1].text ? l.matches[j + 1] : mb);
          if (m > first) second = first, first = m, nearest = {a, b};
          else second = std::max(second, m);
        }
      }
      if (!nearest.empty() && first >= 2 * lexicon.min_match && first - second >= 2 * lexicon.min_margin)
        for (size_t k = 0; k < 2; ++k) {
          symbols[i + k].text = nearest[k];
          symbols[i + k].confidence = std::min(symbols[i + k].confidence, settings.shape_confidence);
        }
    }
  }
  return symbols;
}

std::string confusable_partner(const std::string& c) {
  static const std::map<std::string, std::string> partners = [] {
    const std::string file = "data/confusables.json";
    const nlohmann::json doc = load_data_file(file);
    check_keys(doc, {"coverage", "pairs"}, {"pairs"}, file);
    std::map<std::string, std::string> out;
    for (const auto& pair : get_value<std::vector<std::string>>(doc, "pairs", file)) {
      const std::u32string u = utf8_to_u32(pair);
      if (u.size() != 2 || u[0] == u[1] || !is_cjk(u[0]) || !is_cjk(u[1]))
        throw std::runtime_error(file + ": pair \"" + pair + "\" must be two different Chinese characters");
      const std::string a = u32_to_utf8(u.substr(0, 1)), b = u32_to_utf8(u.substr(1, 1));
      if (out.count(a) || out.count(b)) throw std::runtime_error(file + ": \"" + pair + "\" repeats a character of another pair");
      out[a] = b;
      out[b] = a;
    }
    return out;
  }();
  const auto it = partners.find(c);
  return it == partners.end() ? std::string() : it->second;
}

std::vector<double> shape_scores(const cv::Mat& ink, const cv::Rect& line, const std::vector<std::string>& vocabulary,
                                 const std::vector<std::string>& fonts, const cv::Mat& glare, double min_judged_share) {
  std::vector<double> scores(vocabulary.size(), -2.0);
  if (fonts.empty()) return scores;
  // Normalised cells per layout: the cuts depend only on each character's advance and on
  // where the marks are (a mark's cell may be empty), so entries alike in those share them.
  std::map<std::string, std::vector<Shape>> cells_by_layout;
  // Each cell's match with each character tried in it: entries share most of their
  // characters (a name's own word between the endings tried), and a match is costly.
  std::map<std::string, std::vector<std::map<char32_t, double>>> matches_by_layout;
  for (size_t e = 0; e < vocabulary.size(); ++e) {
    const std::u32string chars = utf8_to_u32(vocabulary[e]);
    if (chars.empty()) continue;
    std::vector<std::string> symbols;
    std::string layout;
    for (char32_t c : chars) {
      symbols.push_back(u32_to_utf8(std::u32string(1, c)));
      layout += is_mark(symbols.back()) ? 'm' : advance_of(symbols.back()) < 1 ? 'h' : 'c';
    }
    auto it = cells_by_layout.find(layout);
    if (it == cells_by_layout.end()) {
      std::vector<Shape> cells;
      for (const auto& cell : character_cells(ink, line, symbols, glare)) cells.push_back(cell.empty() ? Shape{} : shape_of(ink(cell)));
      it = cells_by_layout.emplace(layout, std::move(cells)).first;
    }
    if (it->second.size() != chars.size()) continue;
    auto& matches = matches_by_layout[layout];
    matches.resize(chars.size());
    double sum = 0;
    size_t judged = 0;
    for (size_t k = 0; k < chars.size(); ++k) {
      if (it->second[k].pixels.empty()) continue;  // a mark too faint to show
      auto known = matches[k].find(chars[k]);
      if (known == matches[k].end())
        known = matches[k].emplace(chars[k], normalised_match(it->second[k], u32_to_utf8(std::u32string(1, chars[k])), fonts)).first;
      sum += known->second;
      ++judged;
    }
    if (judged && judged >= min_judged_share * static_cast<double>(chars.size())) scores[e] = sum / judged;
  }
  return scores;
}

bool print_shows(const cv::Mat& ink, const std::vector<OcrSymbol>& printed, const std::string& other,
                 const PrintCheckSettings& settings) {
  const std::u32string theirs = utf8_to_u32(other);
  if (settings.fonts.empty() || theirs.size() != printed.size()) return false;
  const cv::Rect page(0, 0, ink.cols, ink.rows);
  int differences = 0;
  std::vector<double> agreeing;
  for (size_t k = 0; k < printed.size(); ++k) {
    const std::string alternative = u32_to_utf8(std::u32string(1, theirs[k]));
    const cv::Rect box = printed[k].box & page;
    if (box.width < 2 || box.height < 2) return false;
    const Shape shape = shape_of(ink(box));
    const double read = normalised_match(shape, printed[k].text, settings.fonts);
    if (alternative == printed[k].text) {
      agreeing.push_back(read);
      continue;
    }
    if (++differences > settings.max_differences) return false;
    const double match = normalised_match(shape, alternative, settings.fonts);
    if (match < settings.min_match || match < read + settings.min_gain) return false;
  }
  if (differences == 0 || agreeing.empty()) return false;
  // Boxes that do not fit their characters (a hard photo's) favour any rival.
  std::nth_element(agreeing.begin(), agreeing.begin() + agreeing.size() / 2, agreeing.end());
  return agreeing[agreeing.size() / 2] >= settings.min_context;
}

bool print_confirms(const cv::Mat& ink, const std::vector<OcrSymbol>& printed, std::string_view alphabet,
                    const PrintCheckSettings& settings) {
  if (settings.fonts.empty() || printed.empty()) return false;
  const cv::Rect page(0, 0, ink.cols, ink.rows);
  for (const auto& symbol : printed) {
    const cv::Rect box = symbol.box & page;
    if (box.width < 2 || box.height < 2 || symbol.text.size() != 1 || alphabet.find(symbol.text[0]) == std::string_view::npos)
      return false;
    const Shape shape = shape_of(ink(box));
    const double read = normalised_match(shape, symbol.text, settings.fonts);
    double rival = -1;
    for (const char c : alphabet)
      if (c != symbol.text[0]) rival = std::max(rival, normalised_match(shape, std::string(1, c), settings.fonts));
    if (read < settings.confirm_min_match || read < rival + settings.confirm_min_gain) return false;
  }
  return true;
}

std::string closest_by_shape(const cv::Mat& ink, const cv::Rect& line, const std::vector<std::string>& vocabulary,
                             const GlyphCheckSettings& settings) {
  if (!settings.enabled()) return {};
  const auto scores = shape_scores(ink, line, vocabulary, settings.fonts);
  std::string best;
  double best_score = -2, runner_up = -2;
  for (size_t e = 0; e < vocabulary.size(); ++e) {
    if (scores[e] > best_score) {
      runner_up = best_score;
      best_score = scores[e];
      best = vocabulary[e];
    } else {
      runner_up = std::max(runner_up, scores[e]);
    }
  }
  return best_score - runner_up >= settings.min_gain ? best : std::string();
}

}  // namespace beian::ocr
