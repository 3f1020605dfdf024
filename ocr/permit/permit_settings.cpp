#include "ocr/permit/permit_settings.h"

#include <stdexcept>

#include "pipeline/base/data_file.h"

namespace beian::ocr {
namespace {

const std::string kWhere = "templates/ocr/permit.json";

DocumentType permit_type(const std::string& id, const std::string& where) {
  const auto t = parse_document_type(id);
  for (auto p : permit_types())
    if (t && *t == p) return p;
  throw std::runtime_error(where + ": '" + id + "' is not a permit type");
}

PermitSettings load() {
  const auto j = load_data_file("ocr/permit.json");
  check_keys(j,
             {"description", "card_aspect", "max_quads", "number_search_margin", "min_number_score", "align_below", "cue",
              "title_ocr", "titles", "number_formats", "fields", "title_overrules"},
             {"card_aspect", "max_quads", "number_search_margin", "min_number_score", "align_below", "cue",
              "title_ocr", "titles", "number_formats", "fields"},
             kWhere);
  PermitSettings s;
  const auto aspect = get_value<std::vector<double>>(j, "card_aspect", kWhere);
  const auto margin = get_value<std::vector<double>>(j, "number_search_margin", kWhere);
  if (aspect.size() != 2 || margin.size() != 2)
    throw std::runtime_error(kWhere + ": 'card_aspect' and 'number_search_margin' take two numbers");
  s.min_card_aspect = aspect[0];
  s.max_card_aspect = aspect[1];
  s.number_margin_x = static_cast<int>(margin[0]);
  s.number_margin_y = static_cast<int>(margin[1]);
  s.max_quads = static_cast<size_t>(get_value<int>(j, "max_quads", kWhere));
  s.min_number_score = get_value<double>(j, "min_number_score", kWhere);
  s.align_below = get_value<double>(j, "align_below", kWhere);
  if (j.contains("title_overrules")) s.title_overrules = get_value<double>(j, "title_overrules", kWhere);
  const auto& cue = j.at("cue");
  check_keys(cue, {"min_title_similarity", "confidence"}, {"min_title_similarity", "confidence"}, kWhere + " cue");
  s.cue_min_title_similarity = get_value<double>(cue, "min_title_similarity", kWhere + " cue");
  s.cue_confidence = get_value<double>(cue, "confidence", kWhere + " cue");
  s.title_ocr = parse_text_field_settings(j.at("title_ocr"), kWhere + " title_ocr");
  for (const auto& [id, title] : j.at("titles").items())
    s.titles[permit_type(id, kWhere + " titles")] = title.get<std::string>();
  for (const auto& [id, f] : j.at("number_formats").items()) {
    const std::string where = kWhere + " number_formats." + id;
    check_keys(f, {"classes", "patterns"}, {"classes", "patterns"}, where);
    PermitNumberFormat format;
    for (const auto& [letter, chars] : f.at("classes").items()) {
      if (letter.size() != 1) throw std::runtime_error(where + ": class '" + letter + "' is not one letter");
      format.classes[letter[0]] = chars.get<std::string>();
    }
    format.patterns = get_value<std::vector<std::string>>(f, "patterns", where);
    for (const auto& p : format.patterns)
      for (char c : p)
        if (!format.classes.count(c)) throw std::runtime_error(where + ": pattern '" + p + "' uses an undefined class");
    s.number_formats[permit_type(id, where)] = format;
  }
  for (const auto& [name, f] : j.at("fields").items())
    s.fields[name] = parse_text_field_settings(f, kWhere + " fields." + name);
  for (auto t : permit_types())
    if (!s.titles.count(t) || !s.number_formats.count(t))
      throw std::runtime_error(kWhere + ": missing title or number format for " + std::string(to_string(t)));
  return s;
}

}  // namespace

const std::vector<DocumentType>& permit_types() {
  static const std::vector<DocumentType> types = {DocumentType::kMainlandTravelPermit,
                                                  DocumentType::kHkMacauHomeReturnPermit,
                                                  DocumentType::kTaiwanCompatriotPermit};
  return types;
}

const PermitSettings& permit_settings() {
  static const PermitSettings s = load();
  return s;
}

}  // namespace beian::ocr
