#include "ocr/business_licence/licence_settings.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "pipeline/base/data_file.h"

namespace beian::ocr {
namespace {

LicenceSettings load() {
  const std::string where = "templates/ocr/business_licence.json";
  const auto j = load_data_file("ocr/business_licence.json");
  check_keys(j,
             {"description", "view_width", "label_pass", "min_layout_labels", "min_agreeing_labels", "min_labels_in_place",
              "retry_text_heights", "sparse_width", "fields", "issue_date_ocr", "date_shapes",
              "copy_marks", "company_types", "name_parts", "address_region", "authority", "capital", "seal", "screen", "qr_print_check", "qr_retry",
              "term_ends", "confidence"},
             {"view_width", "label_pass", "min_layout_labels", "sparse_width", "fields", "issue_date_ocr", "copy_marks",
              "company_types", "authority", "capital", "seal", "screen", "qr_print_check", "confidence"},
             where);
  LicenceSettings s;
  s.view_width = get_value<int>(j, "view_width", where);
  s.labelled = parse_labelled_read_settings(j, where);
  s.issue_date_ocr = parse_text_field_settings(j.at("issue_date_ocr"), where + " issue_date_ocr");
  if (j.contains("date_shapes"))
    s.date_shapes = parse_date_shape_settings(j.at("date_shapes"), where + " date_shapes");
  const auto& marks = j.at("copy_marks");
  check_keys(marks, {"copy", "original"}, {"copy", "original"}, where + " copy_marks");
  s.copy_marks = get_value<std::vector<std::string>>(marks, "copy", where + " copy_marks");
  s.original_marks = get_value<std::vector<std::string>>(marks, "original", where + " copy_marks");
  s.company_types = parse_name_list_settings(j.at("company_types"), where + " company_types");
  s.authority = parse_authority_settings(j.at("authority"), where + " authority");
  if (j.contains("name_parts")) s.name_parts = parse_unit_name_settings(j.at("name_parts"), where + " name_parts");
  if (j.contains("address_region"))
    s.address_region = parse_shape_choice_settings(j.at("address_region"), where + " address_region");
  if (j.contains("term_ends")) s.term_ends = parse_term_end_settings(j.at("term_ends"), where + " term_ends");
  const auto& capital = j.at("capital");
  const std::string wk = where + " capital";
  check_keys(capital,
             {"description", "currencies", "digits", "places", "arabic", "units", "tail", "lookalikes",
              "lookalike_confidence", "shapes"},
             {"currencies", "digits", "places", "arabic", "units", "tail", "lookalikes", "lookalike_confidence"}, wk);
  s.capital.currencies = get_value<std::vector<std::string>>(capital, "currencies", wk);
  s.capital.digits = get_value<std::string>(capital, "digits", wk);
  s.capital.places = get_value<std::string>(capital, "places", wk);
  s.capital.arabic = get_value<std::string>(capital, "arabic", wk);
  s.capital.units = get_value<std::string>(capital, "units", wk);
  s.capital.tail = get_value<std::string>(capital, "tail", wk);
  const std::string numerals = s.capital.digits + s.capital.places;
  for (const auto& [numeral, seen] : capital.at("lookalikes").items()) {
    if (numerals.find(numeral) == std::string::npos)
      throw std::runtime_error(wk + ": 'lookalikes' key '" + numeral + "' is no digit or place");
    for (const auto& k : get_value<std::vector<std::string>>(capital.at("lookalikes"), numeral, wk + " lookalikes"))
      if (!s.capital.lookalikes.emplace(k, numeral).second)
        throw std::runtime_error(wk + ": 'lookalikes' lists '" + k + "' twice");
  }
  s.capital.lookalike_confidence = get_value<double>(capital, "lookalike_confidence", wk);
  if (capital.contains("shapes")) {
    const auto& shapes = capital.at("shapes");
    const std::string wsh = wk + " shapes";
    check_keys(shapes, {"fonts", "min_match", "min_margin", "confidence", "layout"},
               {"fonts", "min_match", "min_margin", "confidence"}, wsh);
    s.capital.shapes.fonts = get_font_files(shapes, "fonts", wsh);
    s.capital.shapes.min_match = get_value<double>(shapes, "min_match", wsh);
    s.capital.shapes.min_margin = get_value<double>(shapes, "min_margin", wsh);
    s.capital.shapes.confidence = get_value<double>(shapes, "confidence", wsh);
    if (shapes.contains("layout")) {
      const auto& layout = shapes.at("layout");
      const std::string wl = wsh + " layout";
      check_keys(layout,
                 {"units", "max_numerals", "min_match", "min_margin", "confidence", "check_consistent", "glare_min_match"},
                 {"units", "max_numerals", "min_match", "min_margin", "confidence"}, wl);
      auto& l = s.capital.shapes.layout;
      l.units = get_value<std::string>(layout, "units", wl);
      const int max_numerals = get_value<int>(layout, "max_numerals", wl);
      if (max_numerals < 1 || max_numerals > 12) throw std::runtime_error(wl + ": 'max_numerals' must be 1..12");
      l.max_numerals = static_cast<size_t>(max_numerals);
      l.min_match = get_value<double>(layout, "min_match", wl);
      l.min_margin = get_value<double>(layout, "min_margin", wl);
      l.confidence = get_value<double>(layout, "confidence", wl);
      if (layout.contains("check_consistent")) l.check_consistent = get_value<bool>(layout, "check_consistent", wl);
      l.glare_min_match = layout.contains("glare_min_match") ? get_value<double>(layout, "glare_min_match", wl) : l.min_match;
    }
  }
  const auto& seal = j.at("seal");
  const std::string ws = where + " seal";
  check_keys(seal,
             {"description", "min_diameter", "max_diameter", "min_red_fraction", "min_saturation", "min_value",
              "erase_min_redness", "erase_min_ink_level", "unmix_min_redness"},
             {"min_diameter", "max_diameter", "min_red_fraction", "min_saturation", "min_value", "erase_min_redness",
              "erase_min_ink_level", "unmix_min_redness"},
             ws);
  s.seal.min_diameter = get_value<double>(seal, "min_diameter", ws);
  s.seal.max_diameter = get_value<double>(seal, "max_diameter", ws);
  s.seal.min_red_fraction = get_value<double>(seal, "min_red_fraction", ws);
  s.seal.min_saturation = get_value<int>(seal, "min_saturation", ws);
  s.seal.min_value = get_value<int>(seal, "min_value", ws);
  s.seal.erase_min_redness = get_value<int>(seal, "erase_min_redness", ws);
  s.seal.erase_min_ink_level = get_value<int>(seal, "erase_min_ink_level", ws);
  s.seal.unmix_min_redness = get_value<int>(seal, "unmix_min_redness", ws);
  const auto& screen = j.at("screen");
  const std::string wr = where + " screen";
  check_keys(screen, {"description", "crop", "period_px", "axis_margin", "min_peak_ratio"},
             {"crop", "period_px", "axis_margin", "min_peak_ratio"}, wr);
  s.screen.crop = get_value<int>(screen, "crop", wr);
  const auto period = get_value<std::vector<double>>(screen, "period_px", wr);
  if (period.size() != 2 || period[0] < 2.0 || period[1] <= period[0])
    throw std::runtime_error(wr + ": 'period_px' takes two increasing numbers, the first at least 2");
  s.screen.min_period = period[0];
  s.screen.max_period = period[1];
  s.screen.axis_margin = get_value<int>(screen, "axis_margin", wr);
  s.screen.min_peak_ratio = get_value<double>(screen, "min_peak_ratio", wr);
  if (j.contains("qr_retry")) {
    const auto& retry = j.at("qr_retry");
    const std::string wr = where + " qr_retry";
    check_keys(retry, {"description", "margin", "scales", "sharpen", "modules"}, {"margin", "scales", "sharpen"}, wr);
    s.qr_retry.margin = get_value<double>(retry, "margin", wr);
    s.qr_retry.scales = get_value<std::vector<double>>(retry, "scales", wr);
    s.qr_retry.sharpen = get_value<std::vector<double>>(retry, "sharpen", wr);
    for (double scale : s.qr_retry.scales)
      if (scale < 1 || scale > 6) throw std::runtime_error(wr + ": 'scales' must lie in 1..6");
    if (retry.contains("modules")) {
      const auto& m = retry.at("modules");
      const std::string wm = wr + ".modules";
      check_keys(m, {"min_version", "max_version", "blur_sigmas", "min_finder_match", "refine_steps", "refine_rounds", "max_grids"},
                 {"min_version", "max_version", "blur_sigmas", "min_finder_match", "refine_steps", "refine_rounds", "max_grids"}, wm);
      auto& q = s.qr_retry.modules;
      q.min_version = get_value<int>(m, "min_version", wm);
      q.max_version = get_value<int>(m, "max_version", wm);
      if (q.min_version < 1 || q.max_version > 40 || q.min_version > q.max_version)
        throw std::runtime_error(wm + ": versions must satisfy 1 <= min_version <= max_version <= 40");
      q.blur_sigmas = get_value<std::vector<double>>(m, "blur_sigmas", wm);
      q.min_finder_match = get_value<double>(m, "min_finder_match", wm);
      q.refine_steps = get_value<std::vector<double>>(m, "refine_steps", wm);
      q.refine_rounds = get_value<int>(m, "refine_rounds", wm);
      q.max_grids = get_value<int>(m, "max_grids", wm);
    }
  }
  const auto& print_check = j.at("qr_print_check");
  const std::string wp = where + " qr_print_check";
  check_keys(print_check,
             {"description", "fonts", "max_differences", "min_context", "min_match", "min_gain", "confirm_min_match", "confirm_min_gain"},
             {"fonts", "max_differences", "min_context", "min_match", "min_gain", "confirm_min_match", "confirm_min_gain"}, wp);
  s.qr_print_check.fonts = get_font_files(print_check, "fonts", wp);
  s.qr_print_check.max_differences = get_value<int>(print_check, "max_differences", wp);
  s.qr_print_check.min_context = get_value<double>(print_check, "min_context", wp);
  s.qr_print_check.min_match = get_value<double>(print_check, "min_match", wp);
  s.qr_print_check.min_gain = get_value<double>(print_check, "min_gain", wp);
  s.qr_print_check.confirm_min_match = get_value<double>(print_check, "confirm_min_match", wp);
  s.qr_print_check.confirm_min_gain = get_value<double>(print_check, "confirm_min_gain", wp);
  const auto& c = j.at("confidence");
  const std::string wc = where + " confidence";
  check_keys(c, {"min_field", "credit_code_checked", "credit_code_from_qr", "credit_code_printed_failing", "qr_and_title", "title_cue"},
             {"min_field", "credit_code_checked", "credit_code_from_qr", "credit_code_printed_failing", "qr_and_title", "title_cue"}, wc);
  s.min_field_confidence = get_value<double>(c, "min_field", wc);
  s.credit_code_checked = get_value<double>(c, "credit_code_checked", wc);
  s.credit_code_from_qr = get_value<double>(c, "credit_code_from_qr", wc);
  s.credit_code_printed_failing = get_value<double>(c, "credit_code_printed_failing", wc);
  s.qr_and_title_confidence = get_value<double>(c, "qr_and_title", wc);
  s.title_cue_confidence = get_value<double>(c, "title_cue", wc);
  return s;
}

}  // namespace

const LicenceSettings& licence_settings() {
  static const LicenceSettings s = load();
  return s;
}

}  // namespace beian::ocr
