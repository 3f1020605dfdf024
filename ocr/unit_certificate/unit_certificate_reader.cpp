#include "ocr/unit_certificate/unit_certificate_reader.h"

#include <algorithm>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "ocr/business_licence/licence_checks.h"
#include "ocr/business_licence/licence_fields.h"
#include "ocr/business_licence/licence_marks.h"
#include "ocr/business_licence/licence_settings.h"
#include "ocr/fields/date_by_shape.h"
#include "ocr/fields/field_image.h"
#include "ocr/fields/printed_dates.h"
#include "ocr/fields/text_clean.h"
#include "ocr/layout/document_layout.h"
#include "ocr/quality/card_quality.h"
#include "ocr/locate/document_quad.h"
#include "ocr/unit_certificate/authority_names.h"
#include "ocr/unit_certificate/certificate_title.h"
#include "ocr/unit_certificate/labelled_fields.h"
#include "ocr/unit_certificate/unit_names.h"
#include "ocr/validators/credit_code.h"
#include "pipeline/base/data_file.h"
#include "pipeline/base/messages.h"
#include "pipeline/base/text.h"

namespace beian::ocr {
namespace {

struct CertificateReadSettings {
  int view_width = 1782;
  LabelledReadSettings labelled;
  TextFieldSettings issue_date_ocr;
  DateShapeSettings date_shapes;  // optional: the issue date by its digits' shapes
  TermEndSettings term_ends;      // optional: the validity's end by how validities are set
  AuthoritySettings authority;
  // "sponsor" (optional): the sponsor (举办单位, 业务主管单位) read as a department of the
  // unit's own government, its place's name and a department's, as the authority is.
  std::optional<AuthoritySettings> sponsor;
  UnitNameSettings name_parts;  // optional: the name's region and ending by shape
  ShapeChoiceSettings address_region;  // optional: the address's opening region by shape
  double title_cue_confidence = 0.99;  // classification: the title alone on a page-shaped outline
};

const CertificateReadSettings& settings() {
  static const CertificateReadSettings s = [] {
    const std::string where = "templates/ocr/unit_certificate.json";
    const auto j = load_data_file("ocr/unit_certificate.json");
    CertificateReadSettings c;
    c.view_width = get_value<int>(j, "view_width", where);
    c.labelled = parse_labelled_read_settings(j, where);
    c.issue_date_ocr = parse_text_field_settings(j.at("issue_date_ocr"), where + " issue_date_ocr");
    if (j.contains("date_shapes"))
      c.date_shapes = parse_date_shape_settings(j.at("date_shapes"), where + " date_shapes");
    if (j.contains("term_ends")) c.term_ends = parse_term_end_settings(j.at("term_ends"), where + " term_ends");
    c.authority = parse_authority_settings(j.at("authority"), where + " authority");
    if (j.contains("sponsor")) c.sponsor = parse_authority_settings(j.at("sponsor"), where + " sponsor");
    if (j.contains("name_parts")) c.name_parts = parse_unit_name_settings(j.at("name_parts"), where + " name_parts");
    if (j.contains("address_region"))
      c.address_region = parse_shape_choice_settings(j.at("address_region"), where + " address_region");
    c.title_cue_confidence = get_value<double>(j, "title_cue_confidence", where);
    return c;
  }();
  return s;
}

constexpr double kMinConfidence = 0.5;
constexpr double kRepairedCodeConfidence = 0.88;  // a code one misread character from the print

FieldValue value_or_missing(const std::string& value, double confidence, const std::string& reason) {
  FieldValue v;
  if (value.empty()) v.missing_reason = reason.empty() ? "the value could not be read" : reason;
  else if (confidence < kMinConfidence) v.missing_reason = "the reading is too uncertain";
  else v.value = value, v.confidence = confidence;
  return v;
}

// The certificate's number read as `text` when its check characters hold: a credit code (or,
// on old certificates, an organisation code), with its confidence.
std::optional<std::pair<std::string, double>> certificate_code_value(const std::string& text) {
  const CodeReading code = resolve_credit_code({text});
  if (code.checked) return std::make_pair(code.value, code.repaired ? kRepairedCodeConfidence : 0.97);
  const std::string chars = code_characters(text);
  // One check character in nine: a garbled credit code passes it about one time in eleven
  // (a hard photo's 12370103431553491G read 12370103 4, reported at 0.95, seed 92), so a
  // value resting on it alone is never sure.
  constexpr double kOrgCodeConfidence = 0.85;
  if (chars.size() == 9 && validators::is_valid_org_code(chars))
    return std::make_pair(chars.substr(0, 8) + "-" + chars.substr(8), kOrgCodeConfidence);
  return std::nullopt;
}

// A code its check character repaired at a character the recogniser read sure (at least
// kSureCodeCharacter) is a guess unless the print shows the repair there (print_shows): a
// clean certificate printing a code whose check digit fails (seed 138 S0052, ...1051389408552)
// was "repaired" at its sure 1 into another valid code.
constexpr double kSureCodeCharacter = 0.9;
bool repair_unshown(const cv::Mat& ink, const FieldReading& reading, const std::string& repaired) {
  std::vector<OcrSymbol> printed;
  for (const auto& s : reading.symbols)
    if (!trim(s.text).empty()) printed.push_back(s);
  std::string read;
  for (const auto& s : printed) read += s.text;
  if (printed.size() != repaired.size() || code_characters(read) != read || read.size() != repaired.size()) return false;
  for (size_t k = 0; k < printed.size(); ++k)
    if (printed[k].text != repaired.substr(k, 1) && printed[k].confidence >= kSureCodeCharacter)
      return !print_shows(ink, printed, repaired, licence_settings().qr_print_check);
  return false;
}

FieldValue certificate_code(const cv::Mat& ink, const FieldReading& reading) {
  if (const auto code = certificate_code_value(reading.text)) {
    const CodeReading resolved = resolve_credit_code({reading.text});
    if (!(resolved.checked && resolved.repaired && repair_unshown(ink, reading, resolved.value)))
      return value_or_missing(code->first, code->second, "");
  }
  const std::string chars = code_characters(reading.text);
  FieldValue v;
  v.missing_reason = chars.empty() ? (reading.missing_reason.empty() ? "the code could not be read" : reading.missing_reason)
                                   : "the reading " + chars + " fails the code's check characters";
  return v;
}

// How findings name a field to the applicant: the layout's label, else the first label the
// page is searched for (certificates without a layout), else the field's name.
std::string field_label(const DocumentLayout* layout, const LabelledReadSettings& settings, const std::string& name) {
  if (layout) return layout->label_for(name);
  const std::string field = name == "valid_from" || name == "valid_until" ? "valid_period" : name;
  for (const auto& f : settings.fields)
    if (f.spec.field == field && !f.spec.labels.empty()) return f.spec.labels.front();
  return name;
}

}  // namespace

std::vector<DocumentType> UnitCertificateReader::types() const {
  std::vector<DocumentType> out;
  for (const auto& [type, titles] : unit_certificate_settings().titles)
    if (type != DocumentType::kBusinessLicence) out.push_back(type);
  return out;
}

std::vector<Classification> UnitCertificateReader::classify_by_cues(const PageAnalysis& page, OcrContext& context) const {
  const CertificateTitle* title = title_cue(page, context.engine());
  if (!title || title->type == DocumentType::kBusinessLicence) return {};
  auto claims = classify(page, context, std::nullopt);
  for (auto& c : claims) c.confidence = std::max(c.confidence, settings().title_cue_confidence);
  return claims;
}

std::vector<Classification> UnitCertificateReader::classify(const PageAnalysis& page, OcrContext& context,
                                                            std::optional<DocumentType> forced) const {
  const auto& title = find_certificate_title(page, context.engine());
  Classification c;
  const auto& quads = page.quads();
  if (title && title->type != DocumentType::kBusinessLicence) {
    c.type = title->type;
    c.confidence = std::clamp(0.4 + 0.58 * title->similarity, 0.0, 0.98);
    c.quad_index = title->quad_index;
    c.quarter_turns = title->quarter_turns;
  } else if (forced) {
    c.type = *forced;
    c.quad_index = 0;
    c.quarter_turns = landscape_turn(quads.front());
  } else {
    return {};
  }
  const int w = settings().view_width;
  c.view = page.view(c.quad_index, cv::Size(w, static_cast<int>(w / std::max(1.0, quads[c.quad_index].aspect))),
                     c.quarter_turns);
  return {c};
}

DocumentResult UnitCertificateReader::read(const PageAnalysis& page, const Classification& c, OcrContext& context) const {
  const auto& s = settings();
  DocumentResult r;
  r.file = page.file();
  r.type = c.type;
  TesseractEngine& engine = context.engine();
  const SealSettings& seal = licence_settings().seal;
  const cv::Mat ink = ink_image(c.view);
  // The seal covers the authority and the issue date (see the licence reader).
  const SealReading seal_mark = detect_seal(c.view, seal);
  const cv::Mat unsealed = erase_seal(ink, c.view, seal_mark, seal);
  const DocumentLayout* layout = has_document_layout(c.type) ? &document_layout(c.type) : nullptr;
  const auto reading = read_labelled_fields(engine, ink, layout, s.labelled);
  context.mark("certificate.fields");
  auto field = [&](const std::string& name) -> const FieldReading& { return reading.fields.at(name); };

  auto checked = [&](const std::string& name, auto accept) {
    return validated_reading(engine, ink, s.labelled, name, field(name), accept);
  };
  const FieldReading code_reading =
      checked("credit_code", [](const std::string& t) { return certificate_code_value(t).has_value(); });
  FieldValue code = certificate_code(ink, code_reading);
  // Only the check character fails and the print shows the right one there (a clean scan's J
  // read 5, fresh seed 121 S0037): a misreading, not a wrong code.
  if (!code.present())
    if (const auto shown = check_char_shown(ink, code_reading.symbols, licence_settings().qr_print_check))
      code = value_or_missing(*shown, kRepairedCodeConfidence, "");
  // Printed wrong (every character the print's clear best as read): reported as printed, its
  // finding (CERT_CODE_INVALID, below) saying it does not check.
  if (!code.present())
    if (const auto printed = failing_code_printed(ink, code_reading.symbols, licence_settings().qr_print_check))
      code = value_or_missing(*printed, licence_settings().credit_code_printed_failing, "");
  r.set_field("credit_code", code);
  const std::string code_value = code.present() ? code.value : "";
  const auto& scope = field("business_scope");
  r.set_field("business_scope", value_or_missing(running_text_value(ink, scope), scope.confidence, scope.missing_reason));
  const auto& person = field("legal_representative");
  r.set_field("legal_representative", value_or_missing(person_name_text(person.text), person.confidence, person.missing_reason));
  // The address starts with province, prefecture and county names from a closed list.
  const auto& address = field("address");
  // Opening, as a rule, with the region its credit code was registered in.
  const AddressValue address_read = address_region_by_shape(ink, address, address_value(address, s.labelled),
                                                            registered_region(code_value), s.address_region);
  r.set_field("address", value_or_missing(address_read.text, address_read.confidence, address.missing_reason));
  GlareViews glare(c.view);
  // The unit's name opens with its region's name and ends with the kind of organisation it is.
  const auto& unit_name = field("name");
  r.set_field("name", unit_name_value(value_or_missing(clean_value_text(unit_name.text), unit_name.confidence,
                                                       unit_name.missing_reason),
                                      ink, glare, unit_name, name_places(code_value, address_read.text), s.name_parts,
                                      dictionary_of(engine)));
  // Funds are written like a licence's registered capital (its grammar and look-alikes).
  const auto& funds = field("funds");
  const AmountValue amount = amount_on_page(ink, glare, funds, licence_settings().capital);
  r.set_field("funds", value_or_missing(clean_value_text(amount.text), amount.confidence,
                                        amount.missing_reason.empty() ? funds.missing_reason : amount.missing_reason));
  if (!field("activity_area").label_box.empty())
    r.set_field("activity_area",
                value_or_missing(clean_value_text(field("activity_area").text), field("activity_area").confidence, ""));
  // The sponsor: a reading within a few edits of one of its region's departments becomes it;
  // one too garbled for that is compared by shape.
  const auto& sponsor = field("sponsor");
  AuthorityReading sponsor_name{clean_value_text(sponsor.text), sponsor.confidence};
  if (s.sponsor && !sponsor_name.text.empty()) {
    sponsor_name = authority_reading(sponsor_name.text, sponsor.confidence, code_value, *s.sponsor, address_read.text);
    if (!snap_authority(keep_cjk(sponsor.text), code_value, *s.sponsor, address_read.text) && sponsor.lines.size() == 1)
      if (const auto by_shape = authority_by_shape({ink}, sponsor.lines.front(), code_value, *s.sponsor, address_read.text))
        sponsor_name = {*by_shape, s.sponsor->shape.confidence};
  }
  r.set_field("sponsor", value_or_missing(sponsor_name.text, sponsor_name.confidence, sponsor.missing_reason));
  const std::vector<cv::Mat> sealed_views{unsealed, unmix_seal(ink, c.view, seal_mark, seal)};
  const RegistrationAuthority authority = read_registration_authority(
      engine, sealed_views, s.labelled, field("registration_authority"), code_value, s.authority, address_read.text);
  r.set_field("registration_authority",
              value_or_missing(authority.name.text, authority.name.confidence, authority.reading.missing_reason));
  // A certificate is issued, as a rule, on the day its validity starts: where the recogniser
  // reads one of the two, the other's shapes need only agree with it.
  const FieldReading period = checked("valid_period", [](const std::string& t) { return parse_term(t).complete(); });
  TermReading term = parse_term(period.text);
  double term_confidence = period.confidence;
  const auto issue = read_issue_date(engine, sealed_views, authority.reading, s.issue_date_ocr, s.labelled.retry_text_heights,
                                     s.date_shapes, Date{}, context.today(), term.from.value_or(Date{}));
  r.set_field("issue_date", value_or_missing(issue.text, issue.confidence, issue.missing_reason));
  const Date issued = Date::parse(issue.text).value_or(Date{});
  if (!term.complete() && period.lines.size() == 1) {
    // A start alone (its end under a glare spot) never replaces a start the recogniser read.
    if (const auto by_shape = term_by_shape_on_page(ink, glare, period, s.date_shapes, Date{}, context.today(), issued);
        by_shape && (by_shape->until_read || !term.from)) {
      term = TermReading{by_shape->from, by_shape->until, by_shape->until_read && !by_shape->until};
      term_confidence = s.date_shapes.confidence;
    }
  }
  // A start with an end lost, or misread by a digit: validities run whole years from issue.
  if (settle_term_end(period.text, issued, s.term_ends, term))
    term_confidence = std::min(term_confidence, s.term_ends.confidence);
  r.set_field("valid_from", value_or_missing(term.from ? term.from->to_string() : "", term_confidence, period.missing_reason));
  r.set_field("valid_until", value_or_missing(term.open_ended ? "长期" : term.until ? term.until->to_string() : "",
                                              term_confidence, period.missing_reason));
  context.mark("certificate.values");

  const std::string code_label = field("credit_code").label_box.empty() ? "统一社会信用代码" : "代码";
  if (const FieldValue* code = r.field("credit_code"); code && code->present() && code->value.size() == 18)
    for (auto& f : check_unit_code(r, "credit_code", code_label)) r.findings.push_back(std::move(f));
  // A complete code that fails its check characters (no single misread character explains
  // it) stays missing, but the finding says what is printed and that it does not check, as on
  // the licence: a certificate with a wrong code must not read as merely blurred.
  if (const FieldValue* code = r.field("credit_code"); code && !code->present())
    if (const std::string chars = code_characters(code_reading.text); chars.size() == 18)
      for (auto& f : check_code_reading(r, chars, "credit_code", code_label)) r.findings.push_back(std::move(f));
  for (auto& f : check_term(r, "valid_until", context.today())) r.findings.push_back(std::move(f));
  for (auto& f : check_code_region(r)) r.findings.push_back(std::move(f));
  context.mark("certificate.checks");
  if (layout)
    for (auto& f : card_quality_findings(
             CardQualityInput{page, page.quad(c.quad_index), c.view, *layout, page.image().colourfulness}))
      r.findings.push_back(std::move(f));
  cap_fields_on_low_resolution(r, {"credit_code"});
  context.mark("certificate.quality");
  for (const auto& [name, value] : r.fields)
    if (!value.present())
      r.findings.push_back(
          make_finding("OCR_FIELD_UNREADABLE", {{"reason", value.missing_reason}, {"label", field_label(layout, s.labelled, name)}},
                       r.file, name));
  return r;
}

}  // namespace beian::ocr
