#include "ocr/unit_certificate/unit_names.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "ocr/fields/glyph_check.h"
#include "ocr/fields/text_clean.h"
#include "ocr/fields/text_field.h"
#include "ocr/validators/address_prefix.h"
#include "ocr/validators/regions.h"
#include "pipeline/base/data_file.h"
#include "pipeline/base/text.h"

namespace beian::ocr {
namespace {

struct NameParts {
  std::vector<std::string> company;       // every trade with every form, then the forms alone
  std::vector<std::string> organisation;
  std::vector<std::string> own_word;      // characters common in a unit's own word
};

const NameParts& name_parts() {
  static const NameParts parts = [] {
    const std::string file = "data/unit_name_parts.json";
    const nlohmann::json doc = load_data_file(file);
    check_keys(doc, {"_source", "company_trades", "company_forms", "own_word_characters", "organisation_endings"},
               {"company_trades", "company_forms", "own_word_characters", "organisation_endings"}, file);
    NameParts out;
    const auto trades = get_value<std::vector<std::string>>(doc, "company_trades", file);
    const auto forms = get_value<std::vector<std::string>>(doc, "company_forms", file);
    for (const auto& trade : trades)
      for (const auto& form : forms) out.company.push_back(trade + form);
    out.company.insert(out.company.end(), forms.begin(), forms.end());
    out.organisation = get_value<std::vector<std::string>>(doc, "organisation_endings", file);
    for (char32_t c : utf8_to_u32(get_value<std::string>(doc, "own_word_characters", file))) {
      const std::string character = u32_to_utf8(std::u32string(1, c));
      if (!is_cjk(c) || std::find(out.own_word.begin(), out.own_word.end(), character) != out.own_word.end())
        throw std::runtime_error(file + ": own_word_characters: \"" + character + "\" is no Chinese character or listed twice");
      out.own_word.push_back(character);
    }
    for (const auto* list : {&out.company, &out.organisation})
      for (const auto& ending : *list)
        if (ending.empty() || keep_cjk(ending) != ending)
          throw std::runtime_error(file + ": ending \"" + ending + "\" must be Chinese characters only");
    return out;
  }();
  return parts;
}

std::string drop_suffix(const std::string& place) {
  const std::u32string chars = utf8_to_u32(place);
  // 区, 县, 市, 省 and the autonomous regions' long tails; a two-character place keeps its
  // suffix (the short name of 和县 is not 和).
  for (const std::u32string suffix : {U"维吾尔自治区", U"壮族自治区", U"回族自治区", U"自治区", U"自治州", U"自治县", U"特别行政区",
                                      U"省", U"市", U"区", U"县"})
    if (chars.size() >= suffix.size() + 2 && chars.compare(chars.size() - suffix.size(), suffix.size(), suffix) == 0)
      return u32_to_utf8(chars.substr(0, chars.size() - suffix.size()));
  return place;
}

// The characters of the longest of `parts` that `name` opens with (`at_start`) or ends with,
// shorter than the name; 0 when none.
size_t part_length(const std::string& name, const std::vector<std::string>& parts, bool at_start) {
  size_t longest = 0;
  for (const auto& part : parts)
    if (name.size() > part.size() && name.compare(at_start ? 0 : name.size() - part.size(), part.size(), part) == 0)
      longest = std::max(longest, utf8_length(part));
  return longest;
}

}  // namespace

UnitNameSettings parse_unit_name_settings(const nlohmann::json& j, const std::string& where) {
  check_keys(j, {"description", "fonts", "endings", "max_edit_share", "min_match", "edit_cost", "part_bonus", "min_margin",
                 "min_own_characters", "confidence", "glare_min_judged", "own_word"},
             {"fonts", "endings", "max_edit_share", "min_match", "edit_cost", "part_bonus", "min_margin", "min_own_characters",
              "confidence"},
             where);
  UnitNameSettings s;
  s.fonts = get_font_files(j, "fonts", where);
  const auto kind = get_value<std::string>(j, "endings", where);
  if (kind == "company") {
    s.endings = name_parts().company;
  } else if (kind == "organisation") {
    s.endings = name_parts().organisation;
  } else {
    throw std::runtime_error(where + ".endings: \"" + kind + "\" is neither \"company\" nor \"organisation\"");
  }
  s.max_edit_share = get_value<double>(j, "max_edit_share", where);
  s.min_match = get_value<double>(j, "min_match", where);
  s.edit_cost = get_value<double>(j, "edit_cost", where);
  s.part_bonus = get_value<double>(j, "part_bonus", where);
  s.min_margin = get_value<double>(j, "min_margin", where);
  s.min_own_characters = get_value<int>(j, "min_own_characters", where);
  s.confidence = get_value<double>(j, "confidence", where);
  if (j.contains("glare_min_judged")) s.glare_min_judged = get_value<double>(j, "glare_min_judged", where);
  if (j.contains("own_word")) {
    const auto& o = j.at("own_word");
    const std::string wo = where + ".own_word";
    check_keys(o, {"min_match", "min_gain", "sure_min_gain", "min_margin", "lexicon"},
               {"min_match", "min_gain", "sure_min_gain", "min_margin"}, wo);
    s.own_word.enabled = true;
    s.own_word.min_match = get_value<double>(o, "min_match", wo);
    s.own_word.min_gain = get_value<double>(o, "min_gain", wo);
    s.own_word.sure_min_gain = get_value<double>(o, "sure_min_gain", wo);
    s.own_word.min_margin = get_value<double>(o, "min_margin", wo);
    if (o.contains("lexicon")) s.own_word.lexicon = parse_lexicon_settings(o.at("lexicon"), wo + ".lexicon");
  }
  return s;
}

namespace {

// The listed region of a credit code's characters 3-8 (GB 32100), if any.
std::optional<validators::Region> code_region(const std::string& credit_code) {
  if (credit_code.size() != 18) return std::nullopt;
  return validators::RegionTable::get().lookup(credit_code.substr(2, 6));
}

}  // namespace

std::string registered_region(const std::string& credit_code) {
  const auto region = code_region(credit_code);
  return region ? region->full_name() : "";
}

std::vector<std::string> name_places(const std::string& credit_code, const std::string& address) {
  std::optional<validators::Region> region = code_region(credit_code);
  if (!region && !address.empty()) region = validators::address_region(address);
  if (!region) return {};
  std::vector<std::string> places;
  for (const std::string& place : {region->province, region->prefecture, region->county}) {
    if (place.empty()) continue;
    for (const std::string& form : {place, drop_suffix(place)})
      if (std::find(places.begin(), places.end(), form) == places.end()) places.push_back(form);
  }
  return places;
}

std::optional<std::string> unit_name_by_parts(const cv::Mat& ink, const cv::Rect& line, const std::string& reading,
                                              const std::vector<std::string>& places, const UnitNameSettings& settings,
                                              const cv::Mat& glare, bool reading_ends_early) {
  const std::u32string read = utf8_to_u32(reading);
  if (!settings.enabled() || line.empty() || keep_cjk(reading).empty()) return std::nullopt;
  const int n = static_cast<int>(read.size());
  // Openings: a place in place of the reading's first characters (as many, one more: a glyph
  // read as two, or one fewer: two read as one), or the reading's own.
  struct Part {
    std::u32string text;
    int taken = 0;            // the reading's characters it replaces
    std::u32string dropped;   // a place's suffix left off (杭州 of 杭州市: 市)
  };
  std::vector<Part> heads{{U"", 0, U""}};
  for (const auto& place : places) {
    const std::u32string p = utf8_to_u32(place);
    // A place's suffix (省, 市, 区, 县) only where the reading has it: a blurred character of
    // the unit's own word after the place is no 市.
    const bool suffixed = place != drop_suffix(place);
    std::u32string dropped;
    for (const auto& other : places)
      if (other != place && drop_suffix(other) == place) dropped = utf8_to_u32(other).substr(p.size());
    for (int taken : {static_cast<int>(p.size()) - 1, static_cast<int>(p.size()), static_cast<int>(p.size()) + 1})
      if (taken > 0 && taken < n && (!suffixed || read[static_cast<size_t>(taken) - 1] == p.back()))
        heads.push_back({p, taken, dropped});
  }
  // Endings close enough in text to the reading's last characters, or the reading's own.
  std::vector<Part> tails{{U"", 0, U""}};
  for (const auto& ending : settings.endings) {
    const std::u32string e = utf8_to_u32(ending);
    const int length = static_cast<int>(e.size());
    for (int taken : {length - 1, length, length + 1}) {
      if (taken <= 0 || taken >= n) continue;
      const std::string end = u32_to_utf8(read.substr(static_cast<size_t>(n - taken)));
      if (edit_distance(end, ending) <= settings.max_edit_share * length) tails.push_back({e, taken, U""});
    }
    // The reading stopped at a glare spot: the ending continues it, its first characters in
    // place of the reading's last ones (or of none).
    if (reading_ends_early)
      for (int taken = 0; taken < length - 1 && taken < n; ++taken) {
        const std::string end = u32_to_utf8(read.substr(static_cast<size_t>(n - taken)));
        if (edit_distance(end, u32_to_utf8(e.substr(0, static_cast<size_t>(taken)))) <= settings.max_edit_share * taken)
          tails.push_back({e, taken, U""});
      }
  }
  std::set<std::u32string> seen{read};
  std::vector<std::string> candidates{reading};
  // Characters of each candidate in a place it opens with and a listed ending it ends with.
  std::vector<double> part_characters{
      static_cast<double>(part_length(reading, places, true) + part_length(reading, settings.endings, false))};
  for (const Part& head : heads)
    for (const Part& tail : tails) {
      if (head.text.empty() && tail.text.empty()) continue;
      // The unit's own word, as read, between: Chinese, of at least min_own_characters; a
      // name is never a place alone.
      if (head.taken + tail.taken + settings.min_own_characters > n) continue;
      const std::u32string own = read.substr(static_cast<size_t>(head.taken), static_cast<size_t>(n - head.taken - tail.taken));
      if (keep_cjk(u32_to_utf8(own)) != u32_to_utf8(own) || (own.empty() && tail.text.empty())) continue;
      // Not a place's short form before its own suffix (the full form is a head of its own),
      // nor a part that took a character more or fewer repeating the character beside it
      // (天津 for 天 before 津市: 天津津市).
      if (!head.dropped.empty() && own.compare(0, head.dropped.size(), head.dropped) == 0) continue;
      const bool repeats_before = !own.empty() && !head.text.empty() && head.text.back() == own.front();
      const bool repeats_after = !own.empty() && !tail.text.empty() && tail.text.front() == own.back();
      if ((repeats_before && head.taken != static_cast<int>(head.text.size())) ||
          (repeats_after && tail.taken != static_cast<int>(tail.text.size())))
        continue;
      const std::u32string candidate = head.text + own + tail.text;
      if (!seen.insert(candidate).second) continue;
      // Nor one whose own word, between the longest place and ending it holds, is too short
      // (太原有限公司: the reading's 有限公司 kept after a new place).
      const std::string name = u32_to_utf8(candidate);
      const double parts = static_cast<double>(part_length(name, places, true) + part_length(name, settings.endings, false));
      if (static_cast<double>(candidate.size()) - parts < settings.min_own_characters) continue;
      candidates.push_back(name);
      part_characters.push_back(parts);
    }
  if (candidates.size() == 1) return std::nullopt;
  const auto shapes = shape_scores(ink, line, candidates, settings.fonts, glare, settings.glare_min_judged);
  // Shape, text and structure weighed together, in characters' worth.
  std::vector<double> scores(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    scores[i] = shapes[i] * n - settings.edit_cost * edit_distance(candidates[i], reading) +
                settings.part_bonus * part_characters[i];
  }
  size_t best = 0;
  for (size_t i = 1; i < candidates.size(); ++i)
    if (scores[i] > scores[best]) best = i;
  if (best == 0 || shapes[best] < settings.min_match) return std::nullopt;
  double runner_up = -1e9;
  for (size_t i = 0; i < candidates.size(); ++i)
    if (i != best) runner_up = std::max(runner_up, scores[i]);
  if (scores[best] - runner_up < settings.min_margin) return std::nullopt;
  return candidates[best];
}

std::optional<std::string> own_word_by_shape(const cv::Mat& ink, const cv::Rect& line, const std::string& name,
                                             const std::vector<std::string>& places, const UnitNameSettings& settings,
                                             const std::vector<OcrSymbol>& read, const IsWord& is_word) {
  const auto& own_word = settings.own_word;
  const std::u32string chars = utf8_to_u32(name);
  if (!own_word.enabled || settings.fonts.empty() || line.empty() || keep_cjk(name) != name) return std::nullopt;
  // The own word's place in the name: after the longest place it opens with, before the
  // longest listed ending it ends with; both must be there.
  const size_t head = part_length(name, places, true), tail = part_length(name, settings.endings, false);
  if (head == 0 || tail == 0 || head + tail >= chars.size()) return std::nullopt;
  std::vector<std::string> symbols;
  for (char32_t c : chars) symbols.push_back(u32_to_utf8(std::u32string(1, c)));
  const auto cells = character_cells(ink, line, symbols);
  if (cells.size() != symbols.size()) return std::nullopt;
  // How sure the recogniser was of each character of the own word, where the reading holds
  // it as read (the parts around it may have been replaced): unknown counts as unsure.
  std::vector<double> sure(symbols.size(), 0.0);
  std::u32string read_text;
  for (const auto& symbol : read) read_text += utf8_to_u32(symbol.text).substr(0, 1);
  const std::u32string own = chars.substr(head, chars.size() - head - tail);
  if (read_text.size() == read.size())
    if (const size_t at = read_text.find(own); at != std::u32string::npos)
      for (size_t k = 0; k < own.size(); ++k) sure[head + k] = read[at + k].confidence;
  constexpr double kSureConfidence = 0.9;
  const auto& listed = name_parts().own_word;
  bool changed = false;
  for (size_t k = head; k + tail < symbols.size(); ++k) {
    if (cells[k].empty() || std::find(listed.begin(), listed.end(), symbols[k]) != listed.end()) continue;
    const cv::Mat cell = ink(cells[k]);
    const double current = glyph_match(cell, symbols[k], settings.fonts);
    std::string nearest;
    double first = -2, second = -2;
    for (const auto& c : listed) {
      const double m = glyph_match(cell, c, settings.fonts);
      if (m > first) second = first, first = m, nearest = c;
      else second = std::max(second, m);
    }
    const double min_gain = sure[k] >= kSureConfidence ? own_word.sure_min_gain : own_word.min_gain;
    if (first >= own_word.min_match && first - current >= min_gain && first - second >= own_word.min_margin) {
      symbols[k] = nearest;
      changed = true;
    }
  }
  // The own word as a word (后明 for 启明, 繁是 for 繁星), alone: a word running into the place
  // or the ending would let one part's misreading steer the other (南昌恒达 came out 出具但达).
  if (own_word.lexicon.enabled() && is_word) {
    std::vector<OcrSymbol> own_symbols;
    cv::Rect span;
    for (size_t k = head; k + tail < symbols.size(); ++k) {
      OcrSymbol s;
      s.text = symbols[k];
      s.box = cells[k];
      s.confidence = sure[k];
      own_symbols.push_back(s);
      span = span.empty() ? cells[k] : span | cells[k];
    }
    GlyphCheckSettings check;
    check.fonts = settings.fonts;
    check.lexicon = own_word.lexicon;
    check.shape_confidence = settings.confidence;
    if (!span.empty() && own_symbols.size() >= 2) {
      const auto checked = check_words(ink, {span}, own_symbols, check, is_word);
      for (size_t k = 0; k < checked.size(); ++k)
        if (checked[k].text != symbols[head + k]) symbols[head + k] = checked[k].text, changed = true;
    }
  }
  if (!changed) return std::nullopt;
  std::string out;
  for (const auto& c : symbols) out += c;
  return out;
}

FieldValue unit_name_value(FieldValue value, const cv::Mat& ink, GlareViews& glare, const FieldReading& reading,
                           const std::vector<std::string>& places, const UnitNameSettings& settings,
                           const IsWord& is_word) {
  if (!settings.enabled() || !value.present() || reading.lines.size() != 1) return value;
  // A name the recogniser was sure of at every character and that opens with a place and ends
  // with a listed ending has no part to choose: that search (thousands of candidates on a
  // clean page, ~0.1 s) is skipped; its own word is still weighed.
  constexpr double kSureConfidence = 0.9;
  const bool sure = !reading.symbols.empty() && std::all_of(reading.symbols.begin(), reading.symbols.end(),
                                                             [](const OcrSymbol& s) { return s.confidence >= kSureConfidence; });
  const bool settled =
      sure && part_length(value.value, places, true) > 0 && part_length(value.value, settings.endings, false) > 0;
  auto by_parts = settled ? std::nullopt : unit_name_by_parts(ink, reading.lines.front(), value.value, places, settings);
  bool across_spot = false;
  if (const cv::Rect across = by_parts || settled ? cv::Rect() : glare.line_across(reading); !across.empty()) {
    by_parts = unit_name_by_parts(glare.restored(), across, value.value, places, settings, glare.mask(), true);
    across_spot = by_parts.has_value();
  }
  if (by_parts) {
    value.value = *by_parts;
    value.confidence = std::min(value.confidence, settings.confidence);
  }
  // Its own word's characters, where the name's parts are in place on the line as found (a
  // name completed across a spot has characters that line does not hold).
  if (across_spot) return value;
  if (const auto own = own_word_by_shape(ink, reading.lines.front(), value.value, places, settings, reading.symbols, is_word)) {
    value.value = *own;
    value.confidence = std::min(value.confidence, settings.confidence);
  }
  return value;
}

}  // namespace beian::ocr
