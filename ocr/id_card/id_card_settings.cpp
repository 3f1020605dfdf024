#include "ocr/id_card/id_card_settings.h"

#include <nlohmann/json.hpp>

#include "pipeline/base/data_file.h"

namespace beian::ocr {
namespace {

IdCardSettings load() {
  const std::string where = "templates/ocr/id_card.json";
  const auto j = load_data_file("ocr/id_card.json");
  check_keys(j, {"description", "view_scale", "min_months_left", "unchecked_period_max_confidence", "classifier", "fields",
                 "id_number", "under_glare", "unconfirmed_type_confidence"},
             {"view_scale", "min_months_left", "unchecked_period_max_confidence", "classifier", "fields", "id_number",
              "under_glare", "unconfirmed_type_confidence"},
             where);
  IdCardSettings s;
  s.view_scale = get_value<double>(j, "view_scale", where);
  s.min_months_left = get_value<int>(j, "min_months_left", where);
  s.unchecked_period_max_confidence = get_value<double>(j, "unchecked_period_max_confidence", where);
  s.unconfirmed_type_confidence = get_value<double>(j, "unconfirmed_type_confidence", where);
  const auto& c = j.at("classifier");
  const std::string cw = where + ": classifier";
  check_keys(c, {"match_floor", "match_full", "margin_full", "min_margin"},
             {"match_floor", "match_full", "margin_full", "min_margin"}, cw);
  s.classifier.match_floor = get_value<double>(c, "match_floor", cw);
  s.classifier.match_full = get_value<double>(c, "match_full", cw);
  s.classifier.margin_full = get_value<double>(c, "margin_full", cw);
  s.classifier.min_margin = get_value<double>(c, "min_margin", cw);
  for (const auto& [name, f] : j.at("fields").items())
    s.fields.emplace(name, parse_text_field_settings(f, where + ": fields." + name));
  for (const char* required : {"name", "sex", "ethnicity", "birth_date", "birth_date_part", "address", "issuing_authority",
                               "valid_period"})
    if (!s.fields.count(required)) throw std::runtime_error(where + ": fields: missing key '" + std::string(required) + "'");
  s.id_number = parse_id_number_settings(j.at("id_number"), where + ": id_number");
  const auto& g = j.at("under_glare");
  const std::string gw = where + ": under_glare";
  check_keys(g, {"description", "max_confidence", "fields"}, {"max_confidence", "fields"}, gw);
  s.under_glare.max_confidence = get_value<double>(g, "max_confidence", gw);
  s.under_glare.fields = get_value<std::vector<std::string>>(g, "fields", gw);
  for (const auto& f : s.under_glare.fields)
    if (!s.fields.count(f)) throw std::runtime_error(gw + ": fields: unknown field '" + f + "'");
  return s;
}

}  // namespace

const IdCardSettings& id_card_settings() {
  static const IdCardSettings s = load();
  return s;
}

}  // namespace beian::ocr
