#include "ocr/id_card/id_number_field.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>

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

double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

// Where the 18 cells may lie. Normally one answer: the line's first and last glyph (above).
// When glare or a thumb hides characters at an end of the line, the recognised characters
// span fewer than 18 cells at their own pitch; then every shift that keeps them inside the
// 18 cells is a candidate too, and the checks choose among them.
std::vector<std::array<double, kCells>> cell_placements(const cv::Mat& ink, const cv::Rect& line,
                                                        const std::vector<std::vector<OcrSymbol>>& reads) {
  const auto by_line = cell_centres(ink, line);
  // Per read, the recognised characters' centres in order; a step over a lost character
  // counts as several cells. The pitch is the slope of centre against cell count over the
  // whole line (single steps are noisy: a narrow 1's centre sits off its cell's centre).
  std::vector<std::vector<double>> centres;
  std::vector<double> steps;
  double x_min = 1e9, x_max = -1e9;
  for (const auto& r : reads) {
    std::vector<double> xs;
    for (const auto& s : r) xs.push_back(s.box.x + s.box.width / 2.0);
    std::sort(xs.begin(), xs.end());
    for (size_t i = 1; i < xs.size(); ++i)
      if (xs[i] - xs[i - 1] > 0) steps.push_back(xs[i] - xs[i - 1]);
    if (!xs.empty()) {
      x_min = std::min(x_min, xs.front());
      x_max = std::max(x_max, xs.back());
    }
    centres.push_back(std::move(xs));
  }
  if (steps.size() < 4) return {by_line};
  const double typical = median(steps);
  double sxy = 0, sxx = 0;
  for (const auto& xs : centres) {
    if (xs.size() < 2) continue;
    std::vector<double> n(xs.size(), 0.0);
    for (size_t i = 1; i < xs.size(); ++i) n[i] = n[i - 1] + std::max(1.0, std::round((xs[i] - xs[i - 1]) / typical));
    double mn = 0, mx = 0;
    for (size_t i = 0; i < xs.size(); ++i) {
      mn += n[i] / xs.size();
      mx += xs[i] / xs.size();
    }
    for (size_t i = 0; i < xs.size(); ++i) {
      sxy += (n[i] - mn) * (xs[i] - mx);
      sxx += (n[i] - mn) * (n[i] - mn);
    }
  }
  const double pitch = sxx > 0 ? sxy / sxx : typical;
  const int span = static_cast<int>(std::lround((x_max - x_min) / pitch));
  if (span >= kCells - 1) return {by_line};
  // The line's own placement stays a candidate: a half-washed glyph's box can sit off its
  // cell and make the characters' pitch look longer than it is.
  std::vector<std::array<double, kCells>> out = {by_line};
  for (int first = 0; first + span < kCells; ++first) {
    std::array<double, kCells> c{};
    for (int k = 0; k < kCells; ++k) c[k] = x_min + (k - first) * pitch;
    out.push_back(c);
  }
  return out;
}

// The passes' characters voted into cells.
struct CellVotes {
  std::array<Cell, kCells> cells;
  int passes_with_text = 0;
};

CellVotes place_in_cells(const std::vector<std::vector<OcrSymbol>>& reads, const std::array<double, kCells>& centres) {
  CellVotes votes;
  const double pitch = (centres[kCells - 1] - centres[0]) / (kCells - 1);
  for (const auto& symbols : reads) {
    std::array<std::pair<char, double>, kCells> chosen{};
    for (size_t i = 0; i < symbols.size(); ++i) {
      const OcrSymbol& sym = symbols[i];
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
        if (a && a != c) votes.cells[k].alternatives[a] = std::max(votes.cells[k].alternatives[a], conf);
      }
    }
    bool any = false;
    for (int k = 0; k < kCells; ++k) {
      if (!chosen[k].first) continue;
      any = true;
      votes.cells[k].score[chosen[k].first] += 0.5 + chosen[k].second;
      votes.cells[k].passes[chosen[k].first] += 1;
    }
    votes.passes_with_text += any;
  }
  return votes;
}

struct Resolution {
  std::string value;  // 18 characters, '?' where nothing was read
  double confidence = 0;
  bool checks_pass = false;
  std::string method;
};

// The birth-date cells (7th-14th characters) and the sex cell (17th: odd for men).
constexpr int kBirthFirst = 6, kBirthLast = 13, kSexCell = 16;
// A printed birth date that differs from the number's in more digits is a different date, not a slip.
constexpr int kMaxContradictedBirthDigits = 2;

// Lets the checks choose among the characters the passes proposed for the `open` cells of
// `trial` (any the position allows where nothing was read; the printed sex fixes the 17th
// character's parity): the one number that passes every check, or nullopt when none or
// several do.
std::optional<std::string> only_passing_choice(const std::string& trial, const std::vector<int>& open,
                                               const std::array<Cell, kCells>& cells, const IdNumberHints& hints,
                                               const IdNumberSettings& settings, const Date& today) {
  if (open.empty() || static_cast<int>(open.size()) > settings.max_uncertain_cells) return std::nullopt;
  std::vector<std::vector<char>> options;
  for (int k : open) {
    std::vector<char> o;
    for (const auto& [c, s] : cells[k].score) o.push_back(c);
    for (const auto& [c, s] : cells[k].alternatives)
      if (s >= 0.05 && std::find(o.begin(), o.end(), c) == o.end()) o.push_back(c);
    if (o.empty())  // nothing read: any character the position allows
      for (char c : std::string(k == kCells - 1 ? "0123456789X" : "0123456789")) o.push_back(c);
    // The sex printed on the card fixes the parity of the 17th character.
    if (k == kSexCell && hints.male) {
      std::vector<char> parity;
      for (char c : o)
        if (c != 'X' && ((c - '0') % 2 == 1) == *hints.male) parity.push_back(c);
      o = parity;
    }
    if (o.empty()) return std::nullopt;
    options.push_back(o);
  }
  std::optional<std::string> found;
  std::vector<size_t> index(options.size(), 0);
  for (int guard = 0; guard < 20000; ++guard) {
    std::string t = trial;
    for (size_t u = 0; u < open.size(); ++u) t[open[u]] = options[u][index[u]];
    if (valid(t, today)) {
      if (found) return std::nullopt;  // two numbers pass: the checks cannot decide
      found = t;
    }
    size_t u = 0;
    while (u < index.size() && ++index[u] == options[u].size()) index[u++] = 0;
    if (u == index.size()) break;
  }
  return found;
}

Resolution resolve(const CellVotes& votes, const IdNumberSettings& settings, const Date& today,
                   const IdNumberHints& hints) {
  Resolution out;
  const auto& cells = votes.cells;
  const int passes = votes.passes_with_text;
  // Per cell: the best-scored character; a cell is uncertain when passes disagree or
  // nothing was read there.
  std::string best(kCells, '?');
  bool unanimous = passes >= 2;
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
    if (cell.score.size() > 1 || cell.passes.at(top->first) < passes) {
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

  // Cells the passes could not settle take the card's own printed birth date (read
  // separately, confidently): the number repeats it. The check digit still has to agree.
  std::string trial = best;
  bool filled = false;
  if (hints.birth) {
    const std::string d = hints.birth->to_string();  // YYYY-MM-DD
    const std::string digits = d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2);
    std::vector<int> rest;
    for (int k : uncertain) {
      if (k >= kBirthFirst && k <= kBirthLast) {
        trial[k] = digits[k - kBirthFirst];
        filled = true;
      } else {
        rest.push_back(k);
      }
    }
    uncertain = rest;
    // A birth digit every pass read alike but the printed date contradicts is as unsettled
    // as a disputed one once the number fails its checks (glare: 1769 read for 1969, the
    // printed date 1969-02-05).
    int contradicted = 0;
    for (int k = kBirthFirst; k <= kBirthLast; ++k) contradicted += trial[k] != digits[k - kBirthFirst];
    if (contradicted > 0 && contradicted <= kMaxContradictedBirthDigits) {
      for (int k = kBirthFirst; k <= kBirthLast; ++k) trial[k] = digits[k - kBirthFirst];
      filled = true;
    }
  }
  if (filled && uncertain.empty() && valid(trial, today)) {
    out.value = trial;
    out.checks_pass = true;
    out.method = "birth_date_filled";
    out.confidence = settings.birth_date_filled;
    return out;
  }

  const std::optional<std::string> solved = only_passing_choice(trial, uncertain, cells, hints, settings, today);
  if (solved) {
    out.value = *solved;
    out.checks_pass = true;
    out.method = "check_resolved";
    out.confidence = filled ? std::min(settings.check_resolved, settings.birth_date_filled) : settings.check_resolved;
    return out;
  }
  out.method = "unverified";
  out.confidence = unanimous ? settings.invalid_unanimous : settings.invalid;
  if (best.find('?') != std::string::npos) out.confidence = std::min(out.confidence, settings.invalid);
  return out;
}

}  // namespace

IdNumberSettings parse_id_number_settings(const nlohmann::json& j, const std::string& where) {
  check_keys(j, {"passes", "margin", "confidence", "max_uncertain_cells"}, {"passes", "confidence"}, where);
  IdNumberSettings s;
  for (size_t i = 0; i < j.at("passes").size(); ++i)
    s.passes.push_back(parse_text_field_settings(j.at("passes")[i], where + ".passes[" + std::to_string(i) + "]"));
  if (s.passes.empty()) throw std::runtime_error(where + ": 'passes' is empty");
  parse_margin(j, where, s.margin_x, s.margin_y);
  if (j.contains("max_uncertain_cells")) s.max_uncertain_cells = get_value<int>(j, "max_uncertain_cells", where);
  const auto& c = j.at("confidence");
  const std::string cw = where + ".confidence";
  check_keys(c, {"unanimous", "majority", "check_resolved", "birth_date_filled", "invalid_unanimous", "invalid"},
             {"unanimous", "majority", "check_resolved", "birth_date_filled", "invalid_unanimous", "invalid"}, cw);
  s.unanimous = get_value<double>(c, "unanimous", cw);
  s.majority = get_value<double>(c, "majority", cw);
  s.check_resolved = get_value<double>(c, "check_resolved", cw);
  s.birth_date_filled = get_value<double>(c, "birth_date_filled", cw);
  s.invalid_unanimous = get_value<double>(c, "invalid_unanimous", cw);
  s.invalid = get_value<double>(c, "invalid", cw);
  return s;
}

IdNumberRead read_id_number(TesseractEngine& engine, const cv::Mat& ink, const cv::Rect& box,
                            const IdNumberSettings& settings, const Date& today, int min_line_height,
                            const IdNumberHints& hints) {
  IdNumberRead out;
  const cv::Rect search(box.x - settings.margin_x, box.y - settings.margin_y, box.width + 2 * settings.margin_x,
                        box.height + 2 * settings.margin_y);
  const auto lines = find_text_lines(ink, search, std::max(3, min_line_height), 0, 1);
  if (lines.empty()) {
    out.missing_reason = "no printed number found in the ID number area";
    return out;
  }
  out.line = lines.front();
  std::vector<std::vector<OcrSymbol>> reads;
  for (const auto& pass : settings.passes) {
    std::vector<OcrSymbol> digits;
    for (auto& sym : read_line(engine, ink, out.line, pass).symbols)
      if (normalise(sym.text)) digits.push_back(std::move(sym));
    reads.push_back(std::move(digits));
  }
  if (std::all_of(reads.begin(), reads.end(), [](const auto& r) { return r.empty(); })) {
    out.missing_reason = "the ID number could not be recognised";
    return out;
  }

  // Each placement of the cells gives one resolution. When several placements are possible
  // (characters lost at an end of the line), a value is kept only if every placement that
  // passes the checks gives that same value.
  std::optional<Resolution> chosen;
  std::optional<Resolution> first;
  bool ambiguous = false;
  for (const auto& centres : cell_placements(ink, out.line, reads)) {
    const Resolution r = resolve(place_in_cells(reads, centres), settings, today, hints);
    if (!first) first = r;
    if (!r.checks_pass) continue;
    if (!chosen) chosen = r;
    else if (chosen->value != r.value) ambiguous = true;
    else if (r.confidence > chosen->confidence) chosen = r;
  }
  const Resolution& r = chosen && !ambiguous ? *chosen : *first;
  out.value = r.value;
  out.confidence = r.confidence;
  out.checks_pass = r.checks_pass && !ambiguous;
  out.method = ambiguous ? "unverified" : r.method;
  if (ambiguous) out.confidence = std::min(out.confidence, settings.invalid);
  return out;
}

}  // namespace beian::ocr
