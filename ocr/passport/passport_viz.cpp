#include "ocr/passport/passport_viz.h"

#include <map>

#include "ocr/fields/field_image.h"
#include "ocr/fields/text_clean.h"
#include "ocr/fields/text_field.h"
#include "ocr/layout/document_layout.h"
#include "pipeline/base/data_file.h"
#include "pipeline/base/messages.h"
#include "pipeline/base/text.h"

namespace beian::ocr {
namespace {

const std::map<std::string, TextFieldSettings>& viz_settings() {
  static const std::map<std::string, TextFieldSettings> settings = [] {
    const auto j = load_data_file("ocr/passport.json");
    const std::string where = "templates/ocr/passport.json";
    check_keys(j, {"description", "viz"}, {"viz"}, where);
    std::map<std::string, TextFieldSettings> m;
    for (const auto& [name, f] : j.at("viz").items()) m[name] = parse_text_field_settings(f, where + " viz." + name);
    return m;
  }();
  return settings;
}

// The comparison form of a name: letters only, upper case.
std::string letters(const std::string& text) {
  std::string out;
  for (char c : text)
    if (c >= 'A' && c <= 'Z') out += c;
    else if (c >= 'a' && c <= 'z') out += static_cast<char>(c - 'a' + 'A');
  return out;
}

}  // namespace

std::optional<Date> parse_passport_date(const std::string& text) {
  static const std::vector<std::string> kMonths = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                   "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  std::string digits_before, month, digits_after;
  for (char c : text) {
    if (c >= '0' && c <= '9') (month.empty() ? digits_before : digits_after) += c;
    else if (c >= 'A' && c <= 'Z' && digits_after.empty()) month += c;
  }
  if (digits_before.size() < 1 || digits_before.size() > 2 || digits_after.size() != 4) return std::nullopt;
  const auto snapped = snap_to_vocabulary(month, kMonths);
  if (!snapped) return std::nullopt;
  int m = 0;
  for (size_t i = 0; i < kMonths.size(); ++i)
    if (kMonths[i] == snapped->value) m = static_cast<int>(i) + 1;
  Date d{std::stoi(digits_after), m, std::stoi(digits_before)};
  if (!d.valid()) return std::nullopt;
  return d;
}

std::vector<Finding> cross_check_passport_viz(const PageAnalysis& page, const Classification& classification,
                                              const MrzZone& zone, DocumentResult& result, OcrContext& context) {
  std::vector<Finding> findings;
  const auto& quads = page.quads();
  // Layout boxes only mean something when the rectified view is the data page itself.
  if (zone.quad_index >= quads.size() || quads[zone.quad_index].whole_image) return findings;
  const DocumentLayout& layout = document_layout(DocumentType::kPassport);
  const cv::Mat& view = page.view(zone.quad_index, zone.view_size, zone.quarter_turns);
  const cv::Mat ink = ink_image(view);
  const double sy = static_cast<double>(view.rows) / layout.canonical.height;
  for (const auto& [name, settings] : viz_settings()) {
    const LayoutField* f = layout.field(name);
    FieldValue* current = nullptr;
    for (auto& [n, v] : result.fields)
      if (n == name) current = &v;
    if (!f || !current) continue;
    const auto read = read_text_field(context.engine(), ink, layout.scale(f->box, view.size()), settings,
                                      static_cast<int>(f->font_px * sy / 3));
    if (read.text.empty() || read.confidence < settings.min_confidence) continue;
    std::string printed;
    if (name == "birth_date" || name == "expiry_date") {
      const auto date = parse_passport_date(read.text);
      if (!date) continue;
      printed = date->to_string();
    } else {
      printed = letters(read.text);
    }
    if (!current->present()) {
      current->value = name == "surname" || name == "given_names" ? read.text : printed;
      current->confidence = 0.75 * read.confidence;
      current->missing_reason.clear();
      continue;
    }
    const std::string mrz = name == "birth_date" || name == "expiry_date" ? current->value : letters(current->value);
    // The zone truncates long names: a printed name that starts with the zone's agrees.
    const bool agrees = printed == mrz || (mrz.size() >= 30 && printed.rfind(mrz, 0) == 0);
    if (!agrees)
      findings.push_back(make_finding("MRZ_VIZ_MISMATCH",
                                      {{"label", f->label}, {"printed", printed}, {"mrz", current->value}},
                                      result.file, name));
  }
  return findings;
}

}  // namespace beian::ocr
