#include "ocr/unit_certificate/authority_names.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "ocr/fields/glyph_check.h"
#include "ocr/fields/text_clean.h"
#include "ocr/validators/regions.h"
#include "pipeline/base/data_file.h"
#include "pipeline/base/text.h"

namespace beian::ocr {

ShapeChoiceSettings parse_shape_choice_settings(const nlohmann::json& j, const std::string& where) {
  check_keys(j, {"fonts", "min_match", "min_margin", "confidence"}, {"fonts", "min_match", "min_margin", "confidence"},
             where);
  ShapeChoiceSettings s;
  s.fonts = get_font_files(j, "fonts", where);
  s.min_match = get_value<double>(j, "min_match", where);
  s.min_margin = get_value<double>(j, "min_margin", where);
  s.confidence = get_value<double>(j, "confidence", where);
  return s;
}

std::optional<std::string> choose_by_shape(const cv::Mat& ink, const cv::Rect& line, const std::vector<std::string>& names,
                                           const ShapeChoiceSettings& settings) {
  if (settings.fonts.empty() || line.empty() || names.empty()) return std::nullopt;
  const auto scores = shape_scores(ink, line, names, settings.fonts);
  size_t best = 0;
  double runner_up = -2;
  for (size_t i = 1; i < names.size(); ++i) {
    if (scores[i] > scores[best]) {
      runner_up = scores[best];
      best = i;
    } else {
      runner_up = std::max(runner_up, scores[i]);
    }
  }
  const double margin = (scores[best] - runner_up) * static_cast<double>(utf8_length(names[best]));
  if (scores[best] < settings.min_match || margin < settings.min_margin) return std::nullopt;
  return names[best];
}

AuthoritySettings parse_authority_settings(const nlohmann::json& j, const std::string& where) {
  check_keys(j, {"description", "suffixes", "max_edit_share", "repaired_confidence", "shape"},
             {"suffixes", "max_edit_share", "repaired_confidence"},
             where);
  AuthoritySettings s;
  s.suffixes = get_value<std::vector<std::string>>(j, "suffixes", where);
  s.max_edit_share = get_value<double>(j, "max_edit_share", where);
  s.repaired_confidence = get_value<double>(j, "repaired_confidence", where);
  if (j.contains("shape")) s.shape = parse_shape_choice_settings(j.at("shape"), where + ".shape");
  return s;
}

std::vector<std::string> authority_names(const std::string& credit_code, const std::vector<std::string>& suffixes) {
  std::vector<std::string> out;
  if (credit_code.size() != 18) return out;
  const auto region = validators::RegionTable::get().lookup(credit_code.substr(2, 6));
  if (!region) return out;
  // A municipality's districts hang under the province name (北京市丰台区).
  const std::string city = region->prefecture.empty() ? region->province : region->prefecture;
  std::vector<std::string> places{region->province, city};
  if (!region->county.empty()) places.push_back(city + region->county);
  for (const auto& place : places)
    for (const auto& suffix : suffixes) {
      const std::string name = place + suffix;
      if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
  return out;
}

std::optional<AuthorityName> snap_authority(const std::string& reading, const std::string& credit_code,
                                            const AuthoritySettings& settings) {
  const auto names = authority_names(credit_code, settings.suffixes);
  if (names.empty() || reading.empty()) return std::nullopt;
  const int length = static_cast<int>(utf8_length(reading));
  const auto match = snap_to_vocabulary(reading, names, static_cast<int>(std::floor(settings.max_edit_share * length)));
  if (!match) return std::nullopt;
  return AuthorityName{match->value, match->distance};
}

AuthorityReading authority_reading(const std::string& text, double confidence, const std::string& credit_code,
                                   const AuthoritySettings& settings) {
  const auto snapped = snap_authority(keep_cjk(text), credit_code, settings);
  if (!snapped) return {text, confidence};
  return {snapped->value, snapped->edits ? std::min(confidence, settings.repaired_confidence) : confidence};
}

std::optional<std::string> authority_by_shape(const cv::Mat& ink, const cv::Rect& line, const std::string& credit_code,
                                              const AuthoritySettings& settings) {
  if (settings.shape.fonts.empty()) return std::nullopt;
  return choose_by_shape(ink, line, authority_names(credit_code, settings.suffixes), settings.shape);
}

NameListSettings parse_name_list_settings(const nlohmann::json& j, const std::string& where) {
  check_keys(j, {"description", "names", "max_edit_share", "repaired_confidence", "shape", "loose"},
             {"names", "max_edit_share", "repaired_confidence"}, where);
  NameListSettings s;
  s.names = get_value<std::vector<std::string>>(j, "names", where);
  s.max_edit_share = get_value<double>(j, "max_edit_share", where);
  s.repaired_confidence = get_value<double>(j, "repaired_confidence", where);
  if (j.contains("shape")) s.shape = parse_shape_choice_settings(j.at("shape"), where + ".shape");
  if (j.contains("loose")) {
    const auto& l = j.at("loose");
    const std::string wl = where + ".loose";
    check_keys(l, {"max_cost_share", "indel_cost", "min_lead", "confidence"}, {"max_cost_share", "indel_cost", "min_lead", "confidence"}, wl);
    s.loose.max_cost_share = get_value<double>(l, "max_cost_share", wl);
    s.loose.indel_cost = get_value<double>(l, "indel_cost", wl);
    s.loose.min_lead = get_value<double>(l, "min_lead", wl);
    s.loose.confidence = get_value<double>(l, "confidence", wl);
  }
  return s;
}

namespace {

// Chinese characters and marks of `text`: brackets as ( and ), every other mark as one kind.
std::u32string name_shape(const std::string& text) {
  std::u32string out;
  for (char32_t c : utf8_to_u32(text)) {
    if (is_cjk(c)) out += c;
    else if (c == U'(' || c == U'（') out += U'(';
    else if (c == U')' || c == U'）') out += U')';
    else if (std::u32string_view(U"、，,.。;；:：").find(c) != std::u32string_view::npos) out += U',';
  }
  return out;
}

double weighted_distance(const std::u32string& a, const std::u32string& b, double indel) {
  std::vector<double> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<double>(j) * indel;
  for (size_t i = 1; i <= a.size(); ++i) {
    double diagonal = row[0];
    row[0] = static_cast<double>(i) * indel;
    for (size_t j = 1; j <= b.size(); ++j) {
      const double up = row[j];
      row[j] = std::min({up + indel, row[j - 1] + indel, diagonal + (a[i - 1] == b[j - 1] ? 0.0 : 1.0)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::optional<std::string> loose_name(const std::string& text, const NameListSettings& list) {
  const auto& l = list.loose;
  const std::u32string reading = name_shape(text);
  size_t chinese = 0;
  for (char32_t c : reading) chinese += is_cjk(c);
  if (l.max_cost_share <= 0 || chinese == 0 || list.names.empty()) return std::nullopt;
  double best = std::numeric_limits<double>::infinity(), next = best;
  size_t chosen = 0;
  for (size_t i = 0; i < list.names.size(); ++i) {
    const double d = weighted_distance(reading, name_shape(list.names[i]), l.indel_cost);
    if (d < best) next = best, best = d, chosen = i;
    else next = std::min(next, d);
  }
  if (best > l.max_cost_share * static_cast<double>(reading.size()) || next - best < l.min_lead) return std::nullopt;
  return list.names[chosen];
}

AuthorityReading snap_to_name_list(const std::string& text, double confidence, const NameListSettings& list) {
  // Compared on their Chinese characters: brackets and commas are what blur turns into junk.
  const std::string reading = keep_cjk(text);
  if (reading.empty() || list.names.empty()) return {text, confidence};
  std::vector<std::string> keys;
  for (const auto& name : list.names) keys.push_back(keep_cjk(name));
  const int length = static_cast<int>(utf8_length(reading));
  const auto match = snap_to_vocabulary(reading, keys, static_cast<int>(std::floor(list.max_edit_share * length)));
  if (!match) return {text, confidence};
  const std::string& name = list.names[std::find(keys.begin(), keys.end(), match->value) - keys.begin()];
  return {name, name != text ? std::min(confidence, list.repaired_confidence) : confidence};
}

}  // namespace beian::ocr
