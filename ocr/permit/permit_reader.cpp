#include "ocr/permit/permit_reader.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "ocr/fields/field_image.h"
#include "ocr/fields/text_clean.h"
#include "ocr/fields/text_field.h"
#include "ocr/layout/document_layout.h"
#include "ocr/mrz/mrz_fields.h"
#include "ocr/mrz/mrz_zone.h"
#include "ocr/permit/permit_locate.h"
#include "ocr/permit/permit_settings.h"
#include "ocr/quality/card_quality.h"
#include "ocr/validators/mrz.h"
#include "pipeline/base/messages.h"
#include "pipeline/base/text.h"

namespace beian::ocr {
namespace {

const std::vector<std::pair<std::string, std::string>> kCheckLabels = {
    {"document_number", "证件号码"}, {"birth_date", "出生日期"}, {"expiry_date", "有效期限"},
    {"composite", "机读区总校验位"}};

bool is_permit_zone(const std::optional<MrzZone>& zone) {
  return zone && zone->format->name == "travel_permit";
}

FieldValue value_or_missing(const std::string& value, double confidence, const std::string& reason, double min_confidence) {
  FieldValue v;
  if (value.empty() || confidence < min_confidence) {
    v.missing_reason = value.empty() ? reason : "the reading is too uncertain";
    return v;
  }
  v.value = value;
  v.confidence = confidence;
  return v;
}

// The last "YYYY.MM.DD" of an OCR reading, as a date.
std::optional<Date> last_dotted_date(const std::string& text) {
  std::string digits;
  std::optional<Date> found;
  for (size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : '-';
    if ((c >= '0' && c <= '9') || c == '.') {
      digits += c;
      continue;
    }
    std::string only;
    for (char d : digits)
      if (d != '.') only += d;
    if (only.size() == 8)
      if (auto d = Date::parse(only)) found = d;
    digits.clear();
  }
  return found;
}

// A printed field read from its layout box.
TextFieldRead read_printed(TesseractEngine& engine, const cv::Mat& ink, const DocumentLayout& layout,
                           const std::string& name) {
  const LayoutField* f = layout.field(name);
  const auto& settings = permit_settings().fields.at(name);
  if (!f) return {};
  const double sy = static_cast<double>(ink.rows) / layout.canonical.height;
  return read_text_field(engine, ink, layout.scale(f->box, ink.size()), settings, static_cast<int>(f->font_px * sy / 3));
}

double min_confidence(const std::string& name) { return permit_settings().fields.at(name).min_confidence; }

// Compares a printed value with the zone's; a confident disagreement is a finding.
void cross_check(DocumentResult& r, const std::string& field, const std::string& label, const std::string& printed,
                 double printed_confidence) {
  const FieldValue* mrz = r.field(field);
  if (!mrz || !mrz->present() || printed.empty() || printed_confidence < 0.6 || printed == mrz->value) return;
  r.findings.push_back(make_finding("PERMIT_MRZ_MISMATCH",
                                    {{"document", std::string(display_name_zh(r.type))},
                                     {"label", label},
                                     {"printed", printed},
                                     {"mrz", mrz->value}},
                                    r.file, field));
}

}  // namespace

std::vector<DocumentType> PermitReader::types() const { return permit_types(); }

std::vector<Classification> PermitReader::classify_by_cues(const PageAnalysis& page, OcrContext& context) const {
  // A permit is card-shaped: without a decisive claim here it pays the ID ranking's template
  // alignment (0.5-1.3 s) before its own classification is asked.
  const auto& s = permit_settings();
  const auto& h = locate_permit(page, context.engine());
  if (!h || h->title_similarity < s.cue_min_title_similarity) return {};
  auto claims = classify(page, context, std::nullopt);
  for (auto& c : claims)
    if (c.type == h->type) c.confidence = std::max(c.confidence, s.cue_confidence);
  return claims;
}

std::vector<Classification> PermitReader::classify(const PageAnalysis& page, OcrContext& context,
                                                   std::optional<DocumentType> forced) const {
  std::vector<Classification> claims;
  const cv::Size size = permit_view_size();
  const auto& zone = find_mrz_zone(page);
  if (is_permit_zone(zone)) {
    Classification c;
    c.type = DocumentType::kMainlandTravelPermit;
    c.confidence = zone->confidence();
    c.quad_index = zone->quad_index;
    c.quarter_turns = zone->quarter_turns;
    claims.push_back(c);
  }
  if (const auto& h = locate_permit(page, context.engine())) {
    auto same = std::find_if(claims.begin(), claims.end(), [&](const auto& c) { return c.type == h->type; });
    if (same == claims.end()) {
      Classification c;
      c.type = h->type;
      c.confidence = h->confidence;
      c.quad_index = h->quad_index;
      c.quarter_turns = h->quarter_turns;
      claims.push_back(c);
    } else {
      same->confidence = std::max(same->confidence, h->confidence);
      // The zone found the card; alignment with its labels placed it more precisely.
      if (h->aligned) {
        same->quad_index = h->quad_index;
        same->quarter_turns = h->quarter_turns;
      }
    }
  }
  if (forced && std::none_of(claims.begin(), claims.end(), [&](const auto& c) { return c.type == *forced; })) {
    Classification c;
    c.type = *forced;
    c.quad_index = 0;
    c.quarter_turns = landscape_turn(page.quads().front());
    claims.push_back(c);
  }
  for (auto& c : claims) c.view = page.view(c.quad_index, size, c.quarter_turns);
  std::sort(claims.begin(), claims.end(), [](const auto& a, const auto& b) { return a.confidence > b.confidence; });
  return claims;
}

DocumentResult PermitReader::read(const PageAnalysis& page, const Classification& c, OcrContext& context) const {
  DocumentResult r;
  r.file = page.file();
  r.type = c.type;
  const DocumentLayout& layout = document_layout(c.type);
  const cv::Mat view = c.view.empty() ? page.view(c.quad_index, permit_view_size(), c.quarter_turns) : c.view;
  const cv::Mat ink = ink_image(view);
  cv::Mat grey;
  cv::cvtColor(view, grey, cv::COLOR_BGR2GRAY);
  TesseractEngine& engine = context.engine();
  const Date& today = context.today();

  const auto [printed_number, number_score] = read_permit_number(grey, c.type);
  const double number_confidence = 0.95 * std::clamp((number_score - 0.3) / 0.5, 0.0, 1.0);
  const auto name = read_printed(engine, ink, layout, "name");
  const auto birth = read_printed(engine, ink, layout, "birth_date");
  const auto sex = read_printed(engine, ink, layout, "sex");
  const auto period = read_printed(engine, ink, layout, "valid_period");
  context.mark("permit.fields");
  const auto printed_birth = last_dotted_date(birth.text);
  const auto printed_expiry = last_dotted_date(period.text);
  std::string sex_value;
  if (sex.text.find("男") != std::string::npos || sex.text.find('M') != std::string::npos) sex_value = "男";
  if (sex.text.find("女") != std::string::npos || sex.text.find('F') != std::string::npos)
    sex_value = sex_value.empty() ? "女" : "";  // both: unreadable

  const auto& zone = find_mrz_zone(page);
  const bool zone_checked = c.type == DocumentType::kMainlandTravelPermit && is_permit_zone(zone);
  if (zone_checked) {
    const auto line = validators::parse_travel_permit_line(zone->decoding.lines[0]);
    r.set_field("document_number", checked_field(*zone, "document_number", line ? line->document_number : ""));
    r.set_field("birth_date", mrz_date_field(*zone, "birth_date", line ? line->birth_yymmdd : "", true, today));
    r.set_field("expiry_date", mrz_date_field(*zone, "expiry_date", line ? line->expiry_yymmdd : "", false, today));
    for (auto& f : mrz_zone_findings(*zone, r.file, kCheckLabels)) r.findings.push_back(std::move(f));
    cross_check(r, "document_number", "证件号码", printed_number, number_confidence);
    cross_check(r, "birth_date", "出生日期", printed_birth ? printed_birth->to_string() : "", birth.confidence);
    cross_check(r, "expiry_date", "有效期限", printed_expiry ? printed_expiry->to_string() : "", period.confidence);
  } else {
    if (c.type == DocumentType::kMainlandTravelPermit)
      r.findings.push_back(make_finding("MRZ_NOT_FOUND",
                                        {{"document", std::string(display_name_zh(c.type))},
                                         {"reason", "没有找到 30 个字符的机读行 / no 30-character line was found"}},
                                        r.file));
    r.set_field("document_number", value_or_missing(printed_number, number_confidence,
                                                     "the printed number could not be read", 0.5));
    r.set_field("birth_date", value_or_missing(printed_birth ? printed_birth->to_string() : "", birth.confidence,
                                               "the birth date could not be read", min_confidence("birth_date")));
    r.set_field("expiry_date", value_or_missing(printed_expiry ? printed_expiry->to_string() : "", period.confidence,
                                                "the validity period could not be read", min_confidence("valid_period")));
  }
  r.set_field("name", value_or_missing(keep_cjk(name.text, U"·"), name.confidence, "the name could not be read",
                                       min_confidence("name")));
  r.set_field("sex", value_or_missing(sex_value, sex.confidence, "the sex could not be read", min_confidence("sex")));

  // The number's format per permit type.
  if (const FieldValue* number = r.field("document_number"); number && number->present()) {
    const std::string& n = number->value;
    const bool ok = c.type == DocumentType::kMainlandTravelPermit ? validators::is_mainland_travel_permit_number(n)
                    : c.type == DocumentType::kHkMacauHomeReturnPermit ? validators::is_hk_macau_permit_number(n)
                                                                        : validators::is_taiwan_permit_number(n);
    if (!ok) {
      const auto& patterns = permit_settings().number_formats.at(c.type).patterns;
      r.findings.push_back(make_finding("PERMIT_NUMBER_INVALID",
                                        {{"document", std::string(display_name_zh(c.type))},
                                         {"number", n},
                                         {"format", patterns.empty() ? "" : patterns.front()}},
                                        r.file, "document_number"));
    }
  }
  for (auto& f : expiry_findings(r, today)) r.findings.push_back(std::move(f));
  const auto& quad = page.quad(c.quad_index);
  for (auto& f : card_quality_findings(CardQualityInput{page, quad, view, layout})) r.findings.push_back(std::move(f));
  // The zone's check digits vouch for its values; the printed ones have no check.
  cap_fields_on_low_resolution(r, zone_checked ? std::vector<std::string>{"document_number", "birth_date", "expiry_date"}
                                               : std::vector<std::string>{});
  for (const auto& [field_name, value] : r.fields)
    if (!value.present()) {
      const std::string label = layout.label_for(field_name == "expiry_date" ? "valid_period" : field_name);
      r.findings.push_back(
          make_finding("OCR_FIELD_UNREADABLE", {{"reason", value.missing_reason}, {"label", label}}, r.file, field_name));
    }
  context.mark("permit.checks");
  return r;
}

}  // namespace beian::ocr
