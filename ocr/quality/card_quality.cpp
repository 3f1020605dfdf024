#include "ocr/quality/card_quality.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "pipeline/base/data_file.h"
#include "pipeline/base/messages.h"

namespace beian::ocr {
namespace {

QualitySettings load() {
  const std::string where = "templates/ocr/quality.json";
  const auto j = load_data_file("ocr/quality.json");
  check_keys(j,
             {"description", "blur_max_text_fraction", "glare_min_field_fraction", "glare_level", "glare_min_headroom",
              "min_text_height_px", "bw_max_colourfulness", "min_card_area_fraction", "border_tolerance_px",
              "low_resolution_max_confidence"},
             {"blur_max_text_fraction", "glare_min_field_fraction", "glare_level", "glare_min_headroom", "min_text_height_px",
              "bw_max_colourfulness", "min_card_area_fraction", "border_tolerance_px", "low_resolution_max_confidence"},
             where);
  QualitySettings s;
  s.blur_max_text_fraction = get_value<double>(j, "blur_max_text_fraction", where);
  s.glare_min_field_fraction = get_value<double>(j, "glare_min_field_fraction", where);
  s.glare_level = get_value<double>(j, "glare_level", where);
  s.glare_min_headroom = get_value<double>(j, "glare_min_headroom", where);
  s.min_text_height_px = get_value<double>(j, "min_text_height_px", where);
  s.bw_max_colourfulness = get_value<double>(j, "bw_max_colourfulness", where);
  s.min_card_area_fraction = get_value<double>(j, "min_card_area_fraction", where);
  s.border_tolerance_px = get_value<double>(j, "border_tolerance_px", where);
  s.low_resolution_max_confidence = get_value<double>(j, "low_resolution_max_confidence", where);
  return s;
}

std::string fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// Finding code of each check.
const char* code_of(const std::string& id) {
  if (id == "blur") return "OCR_BLUR";
  if (id == "glare") return "OCR_GLARE";
  if (id == "border_cut") return "OCR_BORDER_CUT";
  if (id == "resolution") return "OCR_LOW_RESOLUTION";
  if (id == "bw_copy") return "OCR_BW_COPY";
  return "OCR_CARD_TOO_SMALL";
}

}  // namespace

const QualitySettings& quality_settings() {
  static const QualitySettings s = load();
  return s;
}

double smallest_text_mm(const DocumentLayout& layout) {
  double px = 0;
  for (const auto& f : layout.fields)
    if (f.font_px > 0 && (px == 0 || f.font_px < px)) px = f.font_px;
  return px / layout.px_per_mm();
}

double min_document_width_px(const DocumentLayout& layout, const QualitySettings& s) {
  const double text_mm = smallest_text_mm(layout);
  if (text_mm <= 0) return 0;
  return std::ceil(s.min_text_height_px * layout.width_mm / text_mm / 10 - 1e-9) * 10;
}

std::vector<Finding> card_quality_findings(const CardQualityInput& in) {
  const auto& s = quality_settings();
  std::vector<QualityCheck> checks = {check_blur(in, s), check_border_cut(in, s), check_resolution(in, s),
                                      check_bw_copy(in, s), check_card_size(in, s)};
  for (auto& g : check_glare(in, s)) checks.push_back(std::move(g));
  std::vector<Finding> out;
  for (const auto& c : checks) {
    if (c.passed) continue;
    const bool whole = c.id == "resolution";
    Evidence e = {{"value", fixed(c.value, whole ? 0 : c.id == "blur" ? 2 : 2)},
                  {"threshold", fixed(c.threshold, whole ? 0 : 2)}};
    if (!c.field.empty()) e.emplace_back("label", in.layout.label_for(c.field));
    e.insert(e.end(), c.evidence.begin(), c.evidence.end());
    out.push_back(make_finding(code_of(c.id), e, in.page.file(), c.field));
  }
  return out;
}

void cap_fields_on_low_resolution(DocumentResult& r, const std::vector<std::string>& guarded) {
  const bool low = std::any_of(r.findings.begin(), r.findings.end(),
                               [](const Finding& f) { return f.code == "OCR_LOW_RESOLUTION"; });
  if (!low) return;
  const double cap = quality_settings().low_resolution_max_confidence;
  for (auto& [name, value] : r.fields)
    if (value.present() && std::find(guarded.begin(), guarded.end(), name) == guarded.end())
      value.confidence = std::min(value.confidence, cap);
}

}  // namespace beian::ocr
