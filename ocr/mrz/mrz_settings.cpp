#include "ocr/mrz/mrz_settings.h"

#include "pipeline/base/data_file.h"

namespace beian::ocr {
namespace {

MrzSettings load() {
  const auto j = load_data_file("ocr/mrz.json");
  const std::string where = "templates/ocr/mrz.json";
  check_keys(j,
             {"font", "render_height", "template_height", "cell_padding", "shift_px", "min_char_score",
              "repair_margin", "sure_score", "sure_margin", "max_unsure_per_check", "view_width", "cue_max_aspect", "cue_page_outline", "min_line_chars", "line_height_min", "line_height_max",
              "min_line_width_fraction", "formats", "character_classes", "fields", "description"},
             {"font", "render_height", "template_height", "cell_padding", "shift_px", "min_char_score",
              "repair_margin", "sure_score", "sure_margin", "max_unsure_per_check", "view_width", "cue_max_aspect", "cue_page_outline", "min_line_chars", "line_height_min", "line_height_max",
              "min_line_width_fraction", "formats", "character_classes"},
             where);
  MrzSettings s;
  s.font = get_value<std::string>(j, "font", where);
  s.render_height = get_value<int>(j, "render_height", where);
  s.template_height = get_value<int>(j, "template_height", where);
  s.cell_padding = get_value<double>(j, "cell_padding", where);
  s.shift_px = get_value<int>(j, "shift_px", where);
  s.min_char_score = get_value<double>(j, "min_char_score", where);
  s.repair_margin = get_value<double>(j, "repair_margin", where);
  s.sure_score = get_value<double>(j, "sure_score", where);
  s.sure_margin = get_value<double>(j, "sure_margin", where);
  s.max_unsure_per_check = get_value<int>(j, "max_unsure_per_check", where);
  s.view_width = get_value<int>(j, "view_width", where);
  s.cue_max_aspect = get_value<double>(j, "cue_max_aspect", where);
  const auto& outline = j.at("cue_page_outline");
  const std::string outline_where = where + " cue_page_outline";
  check_keys(outline, {"description", "min_edge_support", "min_area_fraction"}, {"min_edge_support", "min_area_fraction"},
             outline_where);
  s.cue_page_min_edge_support = get_value<double>(outline, "min_edge_support", outline_where);
  s.cue_page_min_area_fraction = get_value<double>(outline, "min_area_fraction", outline_where);
  s.min_line_chars = get_value<int>(j, "min_line_chars", where);
  s.line_height_min = get_value<double>(j, "line_height_min", where);
  s.line_height_max = get_value<double>(j, "line_height_max", where);
  s.min_line_width_fraction = get_value<double>(j, "min_line_width_fraction", where);
  return s;
}

}  // namespace

const MrzSettings& mrz_settings() {
  static const MrzSettings settings = load();
  return settings;
}

}  // namespace beian::ocr
