#include "ocr/unit_certificate/authority_names.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "ocr/fields/glyph_check.h"
#include "ocr/fields/text_clean.h"
#include "ocr/validators/address_prefix.h"
#include "ocr/validators/regions.h"
#include "pipeline/base/data_file.h"
#include "pipeline/base/text.h"

namespace beian::ocr {

ShapeChoiceSettings parse_shape_choice_settings(const nlohmann::json& j, const std::string& where) {
  check_keys(j, {"description", "fonts", "min_match", "min_margin", "confidence", "ends", "min_rival_margin", "glare_min_judged",
                "unlisted_min_margin"},
             {"fonts", "min_match", "min_margin", "confidence"}, where);
  ShapeChoiceSettings s;
  s.fonts = get_font_files(j, "fonts", where);
  s.min_match = get_value<double>(j, "min_match", where);
  s.min_margin = get_value<double>(j, "min_margin", where);
  s.confidence = get_value<double>(j, "confidence", where);
  if (j.contains("min_rival_margin")) s.min_rival_margin = get_value<double>(j, "min_rival_margin", where);
  if (j.contains("glare_min_judged")) s.glare_min_judged = get_value<double>(j, "glare_min_judged", where);
  if (j.contains("unlisted_min_margin")) s.unlisted_min_margin = get_value<double>(j, "unlisted_min_margin", where);
  if (j.contains("ends")) {
    const auto& e = j.at("ends");
    const std::string we = where + ".ends";
    check_keys(e, {"max_count", "min_share", "max_rest_share"}, {"max_count", "min_share", "max_rest_share"}, we);
    s.max_ends = get_value<int>(e, "max_count", we);
    s.min_end_share = get_value<double>(e, "min_share", we);
    s.max_rest_share = get_value<double>(e, "max_rest_share", we);
  }
  return s;
}

std::optional<std::string> choose_by_shape(const std::vector<cv::Mat>& images, const cv::Rect& line,
                                           const std::vector<std::string>& names, const ShapeChoiceSettings& settings,
                                           const RivalsOf& rivals_of, const cv::Mat& glare) {
  if (settings.fonts.empty() || line.empty() || names.empty() || images.empty()) return std::nullopt;
  // Each name's best match over the images and the places the text may end.
  std::vector<double> scores(names.size(), -2.0);
  std::vector<std::pair<size_t, cv::Rect>> where(names.size());  // the image and extent of that best
  for (size_t m = 0; m < images.size(); ++m) {
    const cv::Mat& image = images[m];
    std::vector<TextExtent> extents{TextExtent{line, 1, 0}};
    if (settings.max_ends > 1) extents = text_extents(image, line, settings.min_end_share, settings.max_ends);
    for (const TextExtent& extent : extents) {
      const auto at = shape_scores(image, extent.box, names, settings.fonts, glare, settings.glare_min_judged);
      for (size_t i = 0; i < names.size(); ++i) {
        // A name ending before the ink does only when what follows is less than a character
        // of its ink: 长春市市场监督管理局 must not be found in 哈尔滨市市场监督管理局 less its 局.
        const double per_character = static_cast<double>(extent.ink) / static_cast<double>(utf8_length(names[i]));
        if (extent.rest_ink > settings.max_rest_share * per_character) continue;
        if (at[i] > scores[i]) scores[i] = at[i], where[i] = {m, extent.box};
      }
    }
  }
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
  const double length = static_cast<double>(utf8_length(names[best]));
  const double margin = (scores[best] - runner_up) * length;
  if (scores[best] < settings.min_match || margin < settings.min_margin) return std::nullopt;
  // The rivals, where the best name matched best: a name the list does not hold that the print
  // shows better (another city's bureau) leaves the choice open.
  if (rivals_of) {
    double rival = -2;
    for (const double r : shape_scores(images[where[best].first], where[best].second, rivals_of(names[best]), settings.fonts,
                                       glare, settings.glare_min_judged))
      rival = std::max(rival, r);
    if ((scores[best] - rival) * length < settings.min_rival_margin) return std::nullopt;
  }
  return names[best];
}

std::optional<std::string> choose_by_shape(const cv::Mat& ink, const cv::Rect& line, const std::vector<std::string>& names,
                                           const ShapeChoiceSettings& settings) {
  return choose_by_shape(std::vector<cv::Mat>{ink}, line, names, settings, {});
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

namespace {

// The places an authority registering codes of `region` is named after. The code's region is
// the registering authority's own (GB 32100, characters 3-8): a province-level code is the
// province's bureau, a prefecture-level code the city's, a county-level code the county's or,
// where a city registers for its districts, the city's.
std::vector<std::string> authority_places(const validators::Region& region) {
  // A municipality's districts hang under the province name (北京市丰台区).
  const std::string city = region.prefecture.empty() ? region.province : region.prefecture;
  if (!region.county.empty()) return {city, city + region.county};
  return {city};
}

std::vector<std::string> with_suffixes(const std::vector<std::string>& places, const std::vector<std::string>& suffixes) {
  std::vector<std::string> out;
  for (const auto& place : places)
    for (const auto& suffix : suffixes) {
      const std::string name = place + suffix;
      if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
  return out;
}

// The places the authority may be named after: those of the code's region (authority_places:
// the registering authority's own), else of the region the address starts with. An address
// says only where the unit is, and a reading cut short says less: one that names a province
// or a city but no county may belong to any listed county within it, whose places are
// candidates too (seed 87 S0018: 广东省… read, 深圳市事业单位登记管理局 printed, and the
// province's bureau, the only name offered, was taken).
std::vector<std::string> candidate_places(const std::string& credit_code, const std::string& address) {
  const auto& table = validators::RegionTable::get();
  if (credit_code.size() == 18)
    if (const auto region = table.lookup(credit_code.substr(2, 6))) return authority_places(*region);
  const auto region = address.empty() ? std::nullopt : validators::address_region(address);
  if (!region) return {};
  std::vector<std::string> places = authority_places(*region);
  if (!region->county.empty()) return places;
  const std::string within = region->code.substr(0, region->prefecture.empty() ? 2 : 4);
  for (const auto& code : table.county_codes())
    if (code.compare(0, within.size(), within) == 0)
      if (const auto county = table.lookup(code))
        for (const auto& place : authority_places(*county))
          if (std::find(places.begin(), places.end(), place) == places.end()) places.push_back(place);
  return places;
}

}  // namespace

std::vector<std::string> authority_names(const std::string& credit_code, const std::vector<std::string>& suffixes,
                                         const std::string& address) {
  return with_suffixes(candidate_places(credit_code, address), suffixes);
}

std::vector<std::string> authority_rivals(const std::string& credit_code, const std::string& suffix,
                                          const std::string& address) {
  const auto& table = validators::RegionTable::get();
  const auto own = candidate_places(credit_code, address);
  if (own.empty()) return {};
  std::vector<std::string> places;
  auto add = [&](const std::string& place) {
    if (std::find(own.begin(), own.end(), place) == own.end() && std::find(places.begin(), places.end(), place) == places.end())
      places.push_back(place);
  };
  for (const auto& province : table.provinces()) add(province.name);
  for (const auto& code : table.county_codes())
    if (const auto other = table.lookup(code))
      for (const auto& place : authority_places(*other)) add(place);
  return with_suffixes(places, {suffix});
}

std::optional<AuthorityName> snap_authority(const std::string& reading, const std::string& credit_code,
                                            const AuthoritySettings& settings, const std::string& address) {
  const auto names = authority_names(credit_code, settings.suffixes, address);
  if (names.empty() || reading.empty()) return std::nullopt;
  const int length = static_cast<int>(utf8_length(reading));
  const auto match = snap_to_vocabulary(reading, names, static_cast<int>(std::floor(settings.max_edit_share * length)));
  if (!match) return std::nullopt;
  return AuthorityName{match->value, match->distance};
}

AuthorityReading authority_reading(const std::string& text, double confidence, const std::string& credit_code,
                                   const AuthoritySettings& settings, const std::string& address) {
  const auto snapped = snap_authority(keep_cjk(text), credit_code, settings, address);
  if (!snapped) return {text, confidence};
  return {snapped->value, snapped->edits ? std::min(confidence, settings.repaired_confidence) : confidence};
}

std::optional<std::string> authority_by_shape(const std::vector<cv::Mat>& images, const cv::Rect& line,
                                              const std::string& credit_code, const AuthoritySettings& settings,
                                              const std::string& address) {
  if (settings.shape.fonts.empty()) return std::nullopt;
  // The other places' bureaus of the kind chosen are rivals it must beat.
  auto rivals_of = [&](const std::string& chosen) {
    std::string suffix;
    for (const auto& s : settings.suffixes)
      if (chosen.size() >= s.size() && chosen.compare(chosen.size() - s.size(), s.size(), s) == 0 && s.size() > suffix.size())
        suffix = s;
    return authority_rivals(credit_code, suffix, address);
  };
  return choose_by_shape(images, line, authority_names(credit_code, settings.suffixes, address), settings.shape, rivals_of);
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
