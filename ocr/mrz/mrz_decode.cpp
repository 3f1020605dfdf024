#include "ocr/mrz/mrz_decode.h"

#include <algorithm>
#include <limits>
#include <map>
#include <mutex>
#include <stdexcept>

#include "ocr/validators/mrz.h"
#include "pipeline/base/data_file.h"

namespace beian::ocr {
namespace {

const std::string kWhere = "templates/ocr/mrz.json";

std::map<std::string, MrzFormat> load_formats() {
  const auto j = load_data_file("ocr/mrz.json");
  if (!j.contains("formats") || !j.contains("character_classes"))
    throw std::runtime_error(kWhere + ": missing 'formats' or 'character_classes'");
  const auto& classes = j.at("character_classes");
  std::map<std::string, MrzFormat> formats;
  for (const auto& [name, f] : j.at("formats").items()) {
    const std::string where = kWhere + " formats." + name;
    check_keys(f, {"description", "lines", "checks"}, {"lines", "checks"}, where);
    MrzFormat format;
    format.name = name;
    for (const auto& pattern : get_value<std::vector<std::string>>(f, "lines", where)) {
      format.lines.emplace_back();
      for (char c : pattern) {
        const std::string key(1, c);
        if (!classes.contains(key)) throw std::runtime_error(where + ": unknown character class '" + key + "'");
        format.lines.back().push_back(c);
      }
    }
    for (const auto& c : f.at("checks")) {
      check_keys(c, {"field", "line", "ranges", "check"}, {"field", "line", "ranges", "check"}, where + ".checks");
      MrzCheck check;
      check.field = get_value<std::string>(c, "field", where);
      check.line = get_value<int>(c, "line", where);
      check.check = get_value<int>(c, "check", where);
      for (const auto& r : c.at("ranges")) check.ranges.emplace_back(r.at(0).get<int>(), r.at(1).get<int>());
      if (check.line < 0 || check.line >= static_cast<int>(format.lines.size()) ||
          check.check >= static_cast<int>(format.lines[check.line].size()))
        throw std::runtime_error(where + ": check '" + check.field + "' lies outside its line");
      format.checks.push_back(std::move(check));
    }
    formats.emplace(name, std::move(format));
  }
  return formats;
}

// The characters allowed by class letter `c` of a format pattern.
const std::string& allowed_characters(char c) {
  static const std::map<char, std::string> classes = [] {
    std::map<char, std::string> m;
    const auto file = load_data_file("ocr/mrz.json");
    for (const auto& [key, value] : file.at("character_classes").items())
      m[key.at(0)] = value.get<std::string>();
    return m;
  }();
  static const std::string none;
  const auto it = classes.find(c);
  return it == classes.end() ? none : it->second;
}

float score_of(const GlyphScores& scores, char c) {
  const auto pos = kMrzAlphabet.find(c);
  return pos == std::string_view::npos ? -1.f : scores[pos];
}

std::string check_input(const MrzCheck& check, const std::string& line) {
  std::string input;
  for (const auto& [b, e] : check.ranges) input += line.substr(b, e - b);
  return input;
}

}  // namespace

const MrzFormat& mrz_format(const std::string& name) {
  static const std::map<std::string, MrzFormat> formats = load_formats();
  const auto it = formats.find(name);
  if (it == formats.end()) throw std::runtime_error(kWhere + ": no format '" + name + "'");
  return it->second;
}

bool mrz_check_holds(const MrzCheck& check, const std::vector<std::string>& lines) {
  const std::string& line = lines.at(check.line);
  const std::string input = check_input(check, line);
  const char digit = line.at(check.check);
  if (digit == '<') return input.find_first_not_of('<') == std::string::npos;
  return validators::mrz_check_digit(input) == digit;
}

bool MrzDecoding::check_ok(const std::string& field) const {
  return std::find(failed_checks.begin(), failed_checks.end(), field) == failed_checks.end();
}

bool MrzDecoding::repaired(const std::string& field) const {
  return std::find(repaired_checks.begin(), repaired_checks.end(), field) != repaired_checks.end();
}

double MrzDecoding::min_score(int line, int begin, int end) const {
  double m = 1.0;
  for (int i = begin; i < end && i < static_cast<int>(scores.at(line).size()); ++i) m = std::min<double>(m, scores[line][i]);
  return m;
}

MrzDecoding decode_mrz(const MrzFormat& format, const std::vector<MrzLineReading>& readings,
                       const MrzSettings& settings) {
  MrzDecoding d;
  // The best allowed character per position.
  for (size_t l = 0; l < format.lines.size(); ++l) {
    std::string text;
    std::vector<float> scores;
    for (size_t i = 0; i < format.lines[l].size(); ++i) {
      const auto& cell = readings.at(l).cells.at(i);
      char best = '<';
      float best_score = -2.f;
      for (char c : allowed_characters(format.lines[l][i])) {
        const float s = score_of(cell, c);
        if (s > best_score) best_score = s, best = c;
      }
      text.push_back(best);
      scores.push_back(best_score);
    }
    d.lines.push_back(std::move(text));
    d.scores.push_back(std::move(scores));
  }

  // Unsure characters: weak, or nearly tied with another allowed character.
  std::vector<std::vector<bool>> unsure(format.lines.size());
  for (size_t l = 0; l < format.lines.size(); ++l)
    for (size_t i = 0; i < format.lines[l].size(); ++i) {
      float second = -2.f;
      for (char c : allowed_characters(format.lines[l][i]))
        if (c != d.lines[l][i]) second = std::max(second, score_of(readings[l].cells[i], c));
      const float best = d.scores[l][i];
      unsure[l].push_back(best < settings.sure_score || best - second < settings.sure_margin);
    }

  // Repair failing checks one at a time (field checks first, the composite last as listed):
  // the cheapest single substitution that makes this check hold without breaking another.
  for (const auto& check : format.checks) {
    if (mrz_check_holds(check, d.lines)) continue;
    std::vector<int> positions{check.check};
    for (const auto& [b, e] : check.ranges)
      for (int i = b; i < e; ++i) positions.push_back(i);
    double best_cost = std::numeric_limits<double>::max(), second_cost = best_cost;
    int best_pos = -1;
    char best_char = 0;
    for (int pos : positions) {
      const auto& cell = readings[check.line].cells[pos];
      const float current = d.scores[check.line][pos];
      for (char c : allowed_characters(format.lines[check.line][pos])) {
        const float s = score_of(cell, c);
        if (c == d.lines[check.line][pos] || s < current - settings.repair_margin) continue;
        auto candidate = d.lines;
        candidate[check.line][pos] = c;
        bool ok = mrz_check_holds(check, candidate);
        for (const auto& other : format.checks)
          if (ok && &other != &check && mrz_check_holds(other, d.lines)) ok = mrz_check_holds(other, candidate);
        if (!ok) continue;
        const double cost = current - s;
        if (cost < best_cost) {
          second_cost = best_cost;
          best_cost = cost, best_pos = pos, best_char = c;
        } else if (cost < second_cost) {
          second_cost = cost;
        }
      }
    }
    // Two substitutions nearly as likely: the check digit cannot decide between them.
    if (best_pos < 0 || second_cost - best_cost < 0.02) {
      d.failed_checks.push_back(check.field);
      continue;
    }
    d.lines[check.line][best_pos] = best_char;
    unsure[check.line][best_pos] = true;
    d.scores[check.line][best_pos] = score_of(readings[check.line].cells[best_pos], best_char);
    d.repaired_checks.push_back(check.field);
    ++d.repaired_chars;
  }
  // A later repair may have fixed an earlier failure (the composite shares positions).
  // A single check digit cannot vouch for several doubtful characters: a check that holds
  // over more than max_unsure_per_check of them may hold by chance (1 in 10) and is not trusted.
  std::vector<std::string> still_failing;
  for (const auto& check : format.checks) {
    int doubtful = unsure[check.line][check.check] ? 1 : 0;
    for (const auto& [b, e] : check.ranges)
      for (int i = b; i < e; ++i) doubtful += unsure[check.line][i] ? 1 : 0;
    if (!mrz_check_holds(check, d.lines) || doubtful > settings.max_unsure_per_check)
      still_failing.push_back(check.field);
  }
  d.failed_checks = still_failing;
  return d;
}

}  // namespace beian::ocr
