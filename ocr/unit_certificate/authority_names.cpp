#include "ocr/unit_certificate/authority_names.h"

#include <algorithm>
#include <cmath>
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
  check_keys(j, {"description", "names", "max_edit_share", "repaired_confidence", "shape"},
             {"names", "max_edit_share", "repaired_confidence"}, where);
  NameListSettings s;
  s.names = get_value<std::vector<std::string>>(j, "names", where);
  s.max_edit_share = get_value<double>(j, "max_edit_share", where);
  s.repaired_confidence = get_value<double>(j, "repaired_confidence", where);
  if (j.contains("shape")) s.shape = parse_shape_choice_settings(j.at("shape"), where + ".shape");
  return s;
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
