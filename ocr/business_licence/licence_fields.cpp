#include "ocr/business_licence/licence_fields.h"

#include <algorithm>
#include <functional>
#include <map>
#include <tuple>
#include <optional>

#include "ocr/fields/glyph_check.h"
#include "ocr/validators/credit_code.h"
#include "pipeline/base/text.h"

namespace beian::ocr {

std::string code_characters(const std::string& text) {
  std::string out;
  for (char c : to_halfwidth(text)) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I') c = '1';
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) out += c;
  }
  return out;
}

bool well_formed_amount(const std::u32string& amount, const CapitalGrammar& grammar) {
  const std::u32string digits = utf8_to_u32(grammar.digits), places = utf8_to_u32(grammar.places),
                       arabic = utf8_to_u32(grammar.arabic);
  if (amount.empty()) return false;
  if (amount.find_first_not_of(arabic) == std::u32string::npos) return amount.find_first_of(U"0123456789") != std::u32string::npos;
  const char32_t zero = digits.empty() ? 0 : digits[0];
  enum { kNone, kZero, kDigit, kPlace } previous = kNone;
  size_t last_place = places.size();
  for (char32_t c : amount) {
    const size_t place = places.find(c);
    if (c == zero) {
      if (previous == kZero || previous == kNone) return false;
      previous = kZero;
    } else if (digits.find(c) != std::u32string::npos) {
      if (previous == kDigit) return false;
      previous = kDigit;
    } else if (place != std::u32string::npos) {
      // A place follows a digit and places fall. Financial numerals write ten as 壹拾 (a
      // licence never prints 拾万 for 10万): a 拾 opening the amount is a lost 壹 (seed 103
      // S0044 read 人民币拾万元整 at 0.84), which the shapes then find.
      if (previous != kDigit) return false;
      if (place >= last_place) return false;
      last_place = place;
      previous = kPlace;
    } else {
      return false;
    }
  }
  return previous != kZero;
}

CapitalReading resolve_capital(const std::vector<OcrSymbol>& symbols, const CapitalGrammar& grammar) {
  const std::u32string unit_chars = utf8_to_u32(grammar.units);
  const std::u32string numerals = utf8_to_u32(grammar.digits + grammar.places + grammar.arabic);
  auto is_numeral = [&](char32_t c) { return numerals.find(c) != std::u32string::npos; };
  std::u32string chars;
  std::vector<const OcrSymbol*> source;  // per character, its symbol when the symbol is that one character
  for (const auto& s : symbols) {
    const std::u32string t = utf8_to_u32(trim(s.text));
    for (char32_t c : t) {
      if (c == U' ' || c == 0x3000) continue;
      chars += c;
      source.push_back(t.size() == 1 ? &s : nullptr);
    }
  }
  CapitalReading out;
  size_t start = 0;
  for (const auto& currency : grammar.currencies) {
    const std::u32string cur = utf8_to_u32(currency);
    if (chars.compare(0, cur.size(), cur) == 0) start = std::max(start, cur.size());
  }
  auto amount_end = [&] {
    size_t end = start;
    while (end < chars.size() && unit_chars.find(chars[end]) == std::u32string::npos) ++end;
    return end;
  };
  // Look-alikes of two characters (one numeral read as two) first.
  for (const auto& [seen, numeral] : grammar.lookalikes) {
    const std::u32string from = utf8_to_u32(seen), to = utf8_to_u32(numeral);
    if (from.size() < 2) continue;
    for (size_t at = chars.find(from, start); at != std::u32string::npos && at < amount_end(); at = chars.find(from, at + 1)) {
      chars.replace(at, from.size(), to);
      source.erase(source.begin() + static_cast<long>(at), source.begin() + static_cast<long>(at + from.size()));
      source.insert(source.begin() + static_cast<long>(at), to.size(), nullptr);
      ++out.replaced;
      ++out.lookalikes;
    }
  }
  const size_t end = amount_end();
  // Per character that is no numeral: its candidates (the recogniser's numeral alternatives,
  // then its look-alike's numeral).
  struct Unsure {
    size_t at;
    std::vector<std::pair<char32_t, bool>> candidates;  // numeral, from the look-alike table
  };
  std::vector<Unsure> unsure;
  for (size_t i = start; i < end; ++i) {
    if (is_numeral(chars[i])) continue;
    Unsure u{i, {}};
    if (source[i])
      for (const auto& [alt, confidence] : source[i]->alternatives) {
        const std::u32string a = utf8_to_u32(alt);
        if (a.size() == 1 && is_numeral(a[0])) u.candidates.emplace_back(a[0], false);
      }
    std::string seen;
    append_utf8(seen, chars[i]);
    if (const auto l = grammar.lookalikes.find(seen); l != grammar.lookalikes.end()) {
      const std::u32string to = utf8_to_u32(l->second);
      if (to.size() == 1) u.candidates.emplace_back(to[0], true);
    }
    unsure.push_back(std::move(u));
  }
  // The first combination, in candidate order, that makes a well-formed amount.
  std::vector<size_t> pick(unsure.size(), 0);
  bool found = false;
  for (int tries = 0; tries < 256 && !found; ++tries) {
    std::u32string amount = chars.substr(start, end - start);
    bool complete = true;
    for (size_t k = 0; k < unsure.size(); ++k) {
      if (pick[k] >= unsure[k].candidates.size()) complete = false;
      else amount[unsure[k].at - start] = unsure[k].candidates[pick[k]].first;
    }
    if (!complete) break;
    if (well_formed_amount(amount, grammar)) {
      found = true;
      for (size_t k = 0; k < unsure.size(); ++k) {
        chars[unsure[k].at] = unsure[k].candidates[pick[k]].first;
        ++out.replaced;
        if (unsure[k].candidates[pick[k]].second) ++out.lookalikes;
      }
      break;
    }
    // Next combination (odometer).
    size_t k = 0;
    while (k < pick.size() && ++pick[k] == unsure[k].candidates.size()) pick[k++] = 0;
    if (k == pick.size()) break;
  }
  out.consistent = found;
  // After the last unit only 整 may stand: one other character there is it misread (元束).
  const std::u32string tail = utf8_to_u32(grammar.tail);
  const size_t last_unit = chars.find_last_of(unit_chars);
  if (found && tail.size() == 1 && last_unit != std::u32string::npos && last_unit + 2 == chars.size() &&
      chars.back() != tail[0] && chars.back() > 0x2E80) {
    chars.back() = tail[0];
    ++out.replaced;
    ++out.lookalikes;
  }
  out.text = u32_to_utf8(chars);
  return out;
}

namespace {

// Whether `line` of `ink` shows `text` followed by grammar.tail: cut into cells for both, the
// last cell matches the tail's shape at least grammar.shapes.min_match. (The symbols' own
// boxes do not tell: the recogniser that lost the 整 may have merged two characters before it.)
bool tail_printed_after(const cv::Mat& ink, const cv::Rect& line, const std::string& text, const CapitalGrammar& grammar) {
  if (grammar.tail.empty() || grammar.shapes.fonts.empty() || ink.empty() || line.empty()) return false;
  std::vector<std::string> layout;
  for (char32_t c : utf8_to_u32(text + grammar.tail)) layout.push_back(u32_to_utf8(std::u32string(1, c)));
  const auto cells = character_cells(ink, line, layout);
  if (cells.size() != layout.size()) return false;
  const double match = glyph_match(ink(cells.back()), grammar.tail, grammar.shapes.fonts);
  return match >= grammar.shapes.min_match;
}

}  // namespace

AmountValue amount_value(const std::vector<OcrSymbol>& symbols, double confidence, const CapitalGrammar& grammar,
                         const cv::Mat& ink, const std::vector<cv::Rect>& lines) {
  AmountValue out;
  if (symbols.empty()) return out;
  const CapitalReading capital = resolve_capital(symbols, grammar);
  if (!capital.consistent) {
    // A reading no numeral repair makes well formed (人民币喜人万元整 for 壹仟万): by shape.
    if (lines.size() == 1) {
      if (std::string by_shape = capital_by_shape(ink, lines.front(), symbols, grammar); !by_shape.empty())
        return {std::move(by_shape), grammar.shapes.confidence, ""};
      // Too garbled to frame the amount (人人币作万元, 什万元整, 人): the printed layouts.
      if (std::string by_layout = capital_by_printed_layout(ink, lines.front(), symbols, grammar); !by_layout.empty())
        return {std::move(by_layout), grammar.shapes.layout.confidence, ""};
    }
    out.missing_reason = "the amount " + capital.text + " holds a character that is no numeral";
    return out;
  }
  out.text = capital.text;
  out.confidence = capital.lookalikes ? std::min(confidence, grammar.lookalike_confidence) : confidence;
  // A well-formed amount may still hold the wrong numeral: chi_sim has no 叁 and read one as
  // 肆 at 0.98 (人民币叁拾万元整, fresh seed 93). When the printed shapes clearly pick another
  // well-formed amount of as many numerals, that one is reported, at the shape's confidence
  // (with one numeral more or fewer allowed, 叁拾 was taken for 拾 on poorly cut cells).
  // Only for financial numerals: the shapes compared are those, never Arabic digits.
  const bool arabic = out.text.find_first_of("0123456789") != std::string::npos;
  if (lines.size() == 1 && !arabic)
    if (std::string by_shape = capital_by_shape(ink, lines.front(), symbols, grammar, 0); !by_shape.empty() && by_shape != out.text)
      out = {std::move(by_shape), grammar.shapes.confidence, ""};
  // A numeral or place lost whole (人民币伍万元 read for 贰佰万, 壹万 for 壹拾万) leaves a
  // well-formed amount of the wrong length, which the cells cut for it cannot show: the
  // printed layouts, every cell judged, decide between lengths.
  if (lines.size() == 1 && !arabic && grammar.shapes.layout.check_consistent)
    if (std::string by_layout = capital_by_printed_layout(ink, lines.front(), symbols, grammar); !by_layout.empty()) {
      const auto amount_of = [&](const std::string& t) {
        std::u32string u = utf8_to_u32(t), out_amount;
        const std::u32string numerals = utf8_to_u32(grammar.digits + grammar.places);
        for (char32_t c : u)
          if (numerals.find(c) != std::u32string::npos) out_amount += c;
        return out_amount;
      };
      if (amount_of(by_layout) != amount_of(out.text)) out = {std::move(by_layout), grammar.shapes.layout.confidence, ""};
    }
  // The tail (整) is the last character of the line and the one a blurred photo loses
  // (人民币伍拾万元 read for 人民币伍拾万元整, the 整 printed): a character printed after the
  // last unit that looks like the tail is the tail. Checked on the amount as settled above
  // (both readings are compared without it).
  const std::u32string text = utf8_to_u32(out.text);
  const bool ends_in_unit = !text.empty() && utf8_to_u32(grammar.units).find(text.back()) != std::u32string::npos;
  if (ends_in_unit && lines.size() == 1 && tail_printed_after(ink, lines.front(), out.text, grammar))
    out.text += grammar.tail;
  return out;
}

namespace {

struct AmountChoice {
  std::u32string text;  // what the line is taken to print
  double score = -1;    // the mean match of the cells judged
};

// The amounts a line may print, with the best score per text.
struct AmountChoices {
  std::vector<AmountChoice> list;
  std::map<std::u32string, size_t> index;  // text -> its place in list
  void offer(const std::u32string& text, double score) {
    const auto [it, added] = index.emplace(text, list.size());
    if (added) list.push_back({text, score});
    else list[it->second].score = std::max(list[it->second].score, score);
  }
};

// Shape matches of a line's cells with characters, each computed once: the cuts for the
// different layouts of one line mostly land on the same cells (141 cell uses, 32 distinct,
// on a clean licence's capital).
class CellMatches {
 public:
  CellMatches(const cv::Mat& ink, const std::vector<std::string>& fonts) : ink_(ink), fonts_(fonts) {}
  double operator()(const cv::Rect& cell, char32_t c) {
    const auto key = std::make_tuple(cell.x, cell.y, cell.width, cell.height, c);
    if (const auto it = memo_.find(key); it != memo_.end()) return it->second;
    return memo_[key] = glyph_match(ink_(cell), u32_to_utf8(std::u32string(1, c)), fonts_);
  }

 private:
  const cv::Mat& ink_;
  const std::vector<std::string>& fonts_;
  std::map<std::tuple<int, int, int, int, char32_t>, double> memo_;
};

// `line` cut into cells for `before`, `k` amount characters and `after`; of the well-formed
// amounts from each amount cell's four best numerals, each with its score: the mean match of
// the amount's cells, or with `judge_frame` of every cell (so that cuts for different
// layouts compare). Added to `choices`, keeping the best score per text.
void choose_amounts(const cv::Mat& ink, const cv::Rect& line, const std::u32string& before, size_t k,
                    const std::u32string& after, const CapitalGrammar& grammar, bool judge_frame, CellMatches& match,
                    AmountChoices& choices, const cv::Mat& glare = {}) {
  std::vector<std::string> layout;
  for (char32_t c : before) layout.push_back(u32_to_utf8(std::u32string(1, c)));
  for (size_t i = 0; i < k; ++i) layout.push_back("零");
  for (char32_t c : after) layout.push_back(u32_to_utf8(std::u32string(1, c)));
  const auto cells = character_cells(ink, line, layout, glare);
  if (cells.size() != layout.size()) return;
  const cv::Rect page(0, 0, ink.cols, ink.rows);
  double frame = 0;
  size_t frame_judged = 0;
  if (judge_frame)
    for (size_t j = 0; j < layout.size(); ++j) {
      if (j >= before.size() && j < before.size() + k) continue;
      const cv::Rect cell = cells[j] & page;
      // Under a glare spot (character_cells left it empty) a currency or unit is not judged.
      if (cell.empty()) {
        if (glare.empty()) return;
        continue;
      }
      frame += match(cell, utf8_to_u32(layout[j]).front());
      ++frame_judged;
    }
  // Most of the frame under a spot leaves too little to place the amount by; and an amount
  // must be framed by what is seen: a currency washed out whole may hide a numeral with it
  // (人民币壹佰 with 人民币壹 under the spot fits 人民币伍, 伍 in 佰's cell), and so may a
  // unit after it.
  if (judge_frame && !glare.empty()) {
    if (2 * frame_judged < layout.size() - k) return;
    const auto seen = [&](size_t j) { return !(cells[j] & page).empty(); };
    bool currency_seen = false;
    for (size_t j = 0; j < before.size(); ++j) currency_seen = currency_seen || seen(j);
    // Without a currency the amount opens the line: no spot may lie before it.
    const cv::Rect ahead = cv::Rect(line.x, line.y, cells[before.size()].x - line.x, line.height) & page;
    if (before.empty()) currency_seen = ahead.empty() || cv::countNonZero(glare(ahead)) == 0;
    if (!currency_seen) return;
    if (before.size() + k < cells.size() && !seen(before.size() + k)) return;
  }
  // Per amount cell, its four best numerals by shape.
  const std::u32string numerals = utf8_to_u32(grammar.digits + grammar.places);
  std::vector<std::vector<std::pair<double, char32_t>>> ranked(k);
  for (size_t j = 0; j < k; ++j) {
    const cv::Rect cell = cells[before.size() + j] & page;
    if (cell.empty()) return;
    for (char32_t n : numerals) ranked[j].emplace_back(match(cell, n), n);
    std::sort(ranked[j].rbegin(), ranked[j].rend());
    ranked[j].resize(std::min<size_t>(4, ranked[j].size()));
  }
  const double judged = static_cast<double>(judge_frame ? frame_judged + k : k);
  std::u32string amount(k, U' ');
  const std::function<void(size_t, double)> choose = [&](size_t j, double sum) {
    if (j == k) {
      if (!well_formed_amount(amount, grammar)) return;
      const double score = ((judge_frame ? frame : 0.0) + sum) / judged;
      choices.offer(judge_frame ? before + amount + after : amount, score);
      return;
    }
    for (const auto& [match, n] : ranked[j]) {
      amount[j] = n;
      choose(j + 1, sum + match);
    }
  };
  choose(0, 0.0);
}

// The best of `choices` when it reaches min_match and beats every other by min_margin.
std::optional<std::u32string> clear_choice(std::vector<AmountChoice> choices, double min_match, double min_margin) {
  std::sort(choices.begin(), choices.end(), [](const AmountChoice& a, const AmountChoice& b) { return a.score > b.score; });
  if (choices.empty() || choices[0].score < min_match) return std::nullopt;
  if (choices.size() > 1 && choices[0].score - choices[1].score < min_margin) return std::nullopt;
  return choices[0].text;
}

std::u32string reading_characters(const std::vector<OcrSymbol>& symbols) {
  std::u32string chars;
  for (const auto& s : symbols)
    for (char32_t c : utf8_to_u32(trim(s.text)))
      if (c != U' ' && c != 0x3000) chars += c;
  return chars;
}

}  // namespace

std::string capital_by_shape(const cv::Mat& ink, const cv::Rect& line, const std::vector<OcrSymbol>& symbols,
                             const CapitalGrammar& grammar, size_t length_slack) {
  const auto& shapes = grammar.shapes;
  if (shapes.fonts.empty() || ink.empty() || line.empty()) return "";
  const std::u32string chars = reading_characters(symbols);
  // The currency (when one was read: certificates print their funds without one) and the
  // units as read frame the amount (which may have been lost whole: 人民币万元); without
  // the units, or with nothing before them, the cells cannot be placed.
  size_t start = 0;
  for (const auto& currency : grammar.currencies) {
    const std::u32string cur = utf8_to_u32(currency);
    if (chars.compare(0, cur.size(), cur) == 0) start = std::max(start, cur.size());
  }
  const std::u32string units = utf8_to_u32(grammar.units);
  size_t end = start;
  while (end < chars.size() && units.find(chars[end]) == std::u32string::npos) ++end;
  if (end == 0 || end == chars.size()) return "";
  AmountChoices choices;
  CellMatches match(ink, shapes.fonts);
  const size_t read = end - start;
  for (size_t k = std::max(read, length_slack) - length_slack; k <= read + length_slack && k <= 6; ++k)
    if (k > 0) choose_amounts(ink, line, chars.substr(0, start), k, chars.substr(end), grammar, false, match, choices);
  const auto amount = clear_choice(std::move(choices.list), shapes.min_match, shapes.min_margin);
  if (!amount) return "";
  // After the last unit only the tail may stand (one other character there is the tail misread).
  std::u32string rest = chars.substr(end);
  const std::u32string tail = utf8_to_u32(grammar.tail);
  if (!rest.empty() && units.find(rest.back()) == std::u32string::npos && !tail.empty()) rest.back() = tail[0];
  return u32_to_utf8(chars.substr(0, start) + *amount + rest);
}

std::string capital_by_printed_layout(const cv::Mat& ink, const cv::Rect& line, const std::vector<OcrSymbol>& symbols,
                                      const CapitalGrammar& grammar, const cv::Mat& glare) {
  const auto& layout = grammar.shapes.layout;
  if (grammar.shapes.fonts.empty() || layout.units.empty() || ink.empty() || line.empty()) return "";
  // The currencies sharing most characters with the reading (a unit's aside: 元), else none
  // (certificates print funds without one) and the first listed: a foreign currency is
  // reported only when read (a spot washing out 人民 left 币 and a cut that fit 港币 better).
  // 人民币 read 人民币 must not give way to 港币 on a cut that happens to fit two better.
  const std::u32string chars = reading_characters(symbols), units = utf8_to_u32(grammar.units);
  std::vector<std::u32string> currencies;
  size_t most_shared = 0;
  for (const auto& name : grammar.currencies) {
    const std::u32string currency = utf8_to_u32(name);
    size_t shared = 0;
    for (char32_t c : currency) shared += units.find(c) == std::u32string::npos && chars.find(c) != std::u32string::npos;
    if (shared == 0 || shared < most_shared) continue;
    if (shared > most_shared) currencies.clear(), most_shared = shared;
    currencies.push_back(currency);
  }
  if (currencies.empty()) {
    currencies.emplace_back();
    if (!grammar.currencies.empty()) currencies.push_back(utf8_to_u32(grammar.currencies.front()));
  }
  const std::u32string printed_units = utf8_to_u32(layout.units), tail = utf8_to_u32(grammar.tail);
  AmountChoices choices;
  CellMatches match(ink, grammar.shapes.fonts);
  for (const auto& currency : currencies)
    for (const std::u32string& after : {printed_units + tail, printed_units})
      for (size_t k = 1; k <= layout.max_numerals; ++k)
        choose_amounts(ink, line, currency, k, after, grammar, true, match, choices, glare);
  const auto text = clear_choice(std::move(choices.list), glare.empty() ? layout.min_match : layout.glare_min_match,
                                 layout.min_margin);
  return text ? u32_to_utf8(*text) : "";
}

std::optional<std::string> check_char_shown(const cv::Mat& ink, const std::vector<OcrSymbol>& symbols,
                                            const PrintCheckSettings& settings) {
  std::string read;
  for (const auto& s : symbols) read += s.text;
  if (ink.empty() || read.size() != 18 || code_characters(read) != read) return std::nullopt;
  if (validators::check_uscc(read).error != validators::UsccError::kCheckChar) return std::nullopt;
  const std::string fixed = read.substr(0, 17) + validators::uscc_check_char(read.substr(0, 17));
  if (!validators::is_valid_uscc(fixed) || symbols.size() != 18) return std::nullopt;
  if (print_shows(ink, symbols, fixed, settings)) return fixed;
  // The recogniser's boxes can straddle two glyphs (a clean photo's 9J boxed as one 3, its J
  // then matching nothing: fresh seed 154 S0041): the line re-cut into the code's 18 cells.
  cv::Rect line;
  std::vector<std::string> characters;
  for (const auto& s : symbols) {
    line = line.empty() ? s.box : line | s.box;
    characters.push_back(s.text);
  }
  const auto cells = character_cells(ink, line, characters);
  if (cells.size() != symbols.size()) return std::nullopt;
  std::vector<OcrSymbol> recut = symbols;
  for (size_t k = 0; k < recut.size(); ++k) recut[k].box = cells[k];
  if (!print_shows(ink, recut, fixed, settings)) return std::nullopt;
  return fixed;
}

std::optional<std::string> failing_code_printed(const cv::Mat& ink, const std::vector<OcrSymbol>& symbols,
                                                const PrintCheckSettings& settings) {
  std::string read;
  for (const auto& s : symbols) read += s.text;
  if (ink.empty() || read.size() != 18 || symbols.size() != 18 || code_characters(read) != read) return std::nullopt;
  if (validators::check_uscc(read).ok() || !print_confirms(ink, symbols, validators::kUsccAlphabet, settings)) return std::nullopt;
  return read;
}

CodeReading resolve_credit_code(const std::vector<std::string>& candidates) {
  CodeReading out;
  for (const auto& raw : candidates) {
    const std::string c = code_characters(raw);
    if (c.size() == 18 && validators::is_valid_uscc(c)) return {c, true, false, c};
    if (c.size() == 15 && validators::is_valid_registration_number(c)) return {c, true, false, c};
  }
  for (const auto& raw : candidates) {
    const std::string c = code_characters(raw);
    if (c.size() != 18) continue;
    if (auto repaired = validators::repair_uscc(c)) return {*repaired, true, true, c};
  }
  // Nothing verifies: report the most plausible reading unchecked (the caller withholds it).
  for (const auto& raw : candidates) {
    const std::string c = code_characters(raw);
    if (c.size() == 18 || c.size() == 15) return {c, false, false, c};
  }
  return out;
}

}  // namespace beian::ocr
