#include "ocr/id_card/id_number_field.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/fields/field_image.h"
#include "ocr/validators/id_number.h"
#include "pipeline/base/data_file.h"

namespace beian::ocr {
namespace {

constexpr int kCells = 18;

// Votes for one character cell: character → summed confidence, and how many passes chose it.
struct Cell {
  std::map<char, double> score;
  std::map<char, int> passes;
  std::map<char, double> alternatives;  // second choices (for check-digit resolution)
};

char normalise(const std::string& s) {
  if (s.size() != 1) return 0;
  const char c = s[0];
  if (c >= '0' && c <= '9') return c;
  if (c == 'X' || c == 'x') return 'X';
  return 0;
}

// Centres of the 18 character cells along the line: the glyphs are equally spaced (one
// monospaced font, fixed tracking), so the first and last glyph fix the pitch.
std::array<double, kCells> cell_centres(const cv::Mat& ink, const cv::Rect& line) {
  cv::Mat mask = ink_mask(ink, line);
  std::vector<int> cols(mask.cols);
  for (int x = 0; x < mask.cols; ++x) cols[x] = cv::countNonZero(mask.col(x));
  // Width of the first and last glyph: the first run of inked columns.
  auto run_width = [&](bool from_left) {
    int w = 0, gap = 0;
    for (int i = 0; i < mask.cols; ++i) {
      const int x = from_left ? i : mask.cols - 1 - i;
      if (cols[x] > 0) {
        w = i + 1;
        gap = 0;
      } else if (w > 0 && ++gap > 1) {
        break;
      }
    }
    return std::min(w, static_cast<int>(0.9 * line.height));
  };
  const double left = line.x + run_width(true) / 2.0;
  const double right = line.x + line.width - run_width(false) / 2.0;
  std::array<double, kCells> c{};
  for (int k = 0; k < kCells; ++k) c[k] = left + (right - left) * k / (kCells - 1);
  return c;
}

bool valid(const std::string& id, const Date& today) { return validators::is_valid_id_number(id, today); }

}  // namespace

IdNumberSettings parse_id_number_settings(const nlohmann::json& j, const std::string& where) {
  check_keys(j, {"passes", "margin", "confidence", "max_uncertain_cells"}, {"passes", "confidence"}, where);
  IdNumberSettings s;
  for (size_t i = 0; i < j.at("passes").size(); ++i)
    s.passes.push_back(parse_text_field_settings(j.at("passes")[i], where + ".passes[" + std::to_string(i) + "]"));
  if (s.passes.empty()) throw std::runtime_error(where + ": 'passes' is empty");
  if (j.contains("margin")) {
    const auto m = get_value<std::vector<double>>(j, "margin", where);
    if (m.size() != 2) throw std::runtime_error(where + ": 'margin' must be [x, y]");
    s.margin_x = static_cast<int>(m[0]);
    s.margin_y = static_cast<int>(m[1]);
  }
  if (j.contains("max_uncertain_cells")) s.max_uncertain_cells = get_value<int>(j, "max_uncertain_cells", where);
  const auto& c = j.at("confidence");
  const std::string cw = where + ".confidence";
  check_keys(c, {"unanimous", "majority", "check_resolved", "invalid_unanimous", "invalid"},
             {"unanimous", "majority", "check_resolved", "invalid_unanimous", "invalid"}, cw);
  s.unanimous = get_value<double>(c, "unanimous", cw);
  s.majority = get_value<double>(c, "majority", cw);
  s.check_resolved = get_value<double>(c, "check_resolved", cw);
  s.invalid_unanimous = get_value<double>(c, "invalid_unanimous", cw);
  s.invalid = get_value<double>(c, "invalid", cw);
  return s;
}

IdNumberRead read_id_number(TesseractEngine& engine, const cv::Mat& ink, const cv::Rect& box,
                            const IdNumberSettings& settings, const Date& today, int min_line_height) {
  IdNumberRead out;
  const cv::Rect search(box.x - settings.margin_x, box.y - settings.margin_y, box.width + 2 * settings.margin_x,
                        box.height + 2 * settings.margin_y);
  const auto lines = find_text_lines(ink, search, std::max(3, min_line_height), 0, 1);
  if (lines.empty()) {
    out.missing_reason = "no printed number found in the ID number area";
    return out;
  }
  out.line = lines.front();
  const auto centres = cell_centres(ink, out.line);
  const double pitch = (centres[kCells - 1] - centres[0]) / (kCells - 1);

  std::array<Cell, kCells> cells;
  int passes_with_text = 0;
  for (const auto& pass : settings.passes) {
    const OcrText text = read_line(engine, ink, out.line, pass);
    std::array<std::pair<char, double>, kCells> chosen{};
    std::vector<const OcrSymbol*> symbols;
    for (const auto& sym : text.symbols)
      if (normalise(sym.text)) symbols.push_back(&sym);
    for (size_t i = 0; i < symbols.size(); ++i) {
      const OcrSymbol& sym = *symbols[i];
      const char c = normalise(sym.text);
      // Exactly 18 characters: one per cell, in order. Otherwise place each by position
      // (a doubled or dropped digit then costs one cell, not the whole number).
      int k = static_cast<int>(i);
      if (symbols.size() != kCells) {
        const double x = sym.box.x + sym.box.width / 2.0;
        k = static_cast<int>(std::lround((x - centres[0]) / pitch));
        if (k < 0 || k >= kCells || std::abs(x - centres[k]) > 0.5 * pitch) continue;
      }
      // Two symbols in one cell (chi_sim sometimes doubles a digit): keep the surer one.
      if (sym.confidence > chosen[k].second) chosen[k] = {c, sym.confidence};
      for (const auto& [alt, conf] : sym.alternatives) {
        const char a = normalise(alt);
        if (a && a != c) cells[k].alternatives[a] = std::max(cells[k].alternatives[a], conf);
      }
    }
    bool any = false;
    for (int k = 0; k < kCells; ++k) {
      if (!chosen[k].first) continue;
      any = true;
      cells[k].score[chosen[k].first] += 0.5 + chosen[k].second;
      cells[k].passes[chosen[k].first] += 1;
    }
    passes_with_text += any;
  }
  if (passes_with_text == 0) {
    out.missing_reason = "the ID number could not be recognised";
    return out;
  }

  // Per cell: the best-scored character; a cell is uncertain when passes disagree or
  // nothing was read there.
  std::string best(kCells, '?');
  bool unanimous = passes_with_text >= 2;
  std::vector<int> uncertain;
  for (int k = 0; k < kCells; ++k) {
    const auto& cell = cells[k];
    if (cell.score.empty()) {
      unanimous = false;
      uncertain.push_back(k);
      continue;
    }
    auto top = std::max_element(cell.score.begin(), cell.score.end(),
                                [](const auto& a, const auto& b) { return a.second < b.second; });
    best[k] = top->first;
    if (cell.score.size() > 1 || cell.passes.at(top->first) < passes_with_text) {
      unanimous = false;
      uncertain.push_back(k);
    }
  }
  out.value = best;

  if (best.find('?') == std::string::npos && valid(best, today)) {
    out.checks_pass = true;
    if (unanimous) {
      out.method = "unanimous";
      out.confidence = settings.unanimous;
      return out;
    }
    // Valid with disagreements: trusted when every uncertain cell still had a strict
    // majority of passes.
    bool clear = true;
    for (int k : uncertain) {
      const auto& p = cells[k].passes;
      const int top = p.count(best[k]) ? p.at(best[k]) : 0;
      for (const auto& [c, n] : p)
        if (c != best[k] && n >= top) clear = false;
      if (top == 0) clear = false;
    }
    out.method = clear ? "majority" : "check_resolved";
    out.confidence = clear ? settings.majority : settings.check_resolved;
    return out;
  }

  // Let the checks choose among the characters the passes proposed for uncertain cells.
  if (!uncertain.empty() && static_cast<int>(uncertain.size()) <= settings.max_uncertain_cells) {
    std::vector<std::vector<char>> options;
    for (int k : uncertain) {
      std::vector<char> o;
      for (const auto& [c, s] : cells[k].score) o.push_back(c);
      for (const auto& [c, s] : cells[k].alternatives)
        if (s >= 0.05 && std::find(o.begin(), o.end(), c) == o.end()) o.push_back(c);
      if (o.empty())  // nothing read: any character the position allows
        for (char c : std::string(k == kCells - 1 ? "0123456789X" : "0123456789")) o.push_back(c);
      options.push_back(o);
    }
    std::vector<std::string> passing;
    std::vector<size_t> index(options.size(), 0);
    for (int guard = 0; guard < 20000; ++guard) {
      std::string trial = best;
      for (size_t u = 0; u < uncertain.size(); ++u) trial[uncertain[u]] = options[u][index[u]];
      if (valid(trial, today)) passing.push_back(trial);
      size_t u = 0;
      while (u < index.size() && ++index[u] == options[u].size()) index[u++] = 0;
      if (u == index.size()) break;
    }
    if (passing.size() == 1) {
      out.value = passing.front();
      out.checks_pass = true;
      out.method = "check_resolved";
      out.confidence = settings.check_resolved;
      return out;
    }
  }
  out.method = "unverified";
  out.confidence = unanimous ? settings.invalid_unanimous : settings.invalid;
  if (best.find('?') != std::string::npos) out.confidence = std::min(out.confidence, settings.invalid);
  return out;
}

}  // namespace beian::ocr
