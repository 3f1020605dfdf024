#include "ocr/business_licence/licence_reader.h"

#include <algorithm>
#include <cstdio>

#include <opencv2/imgproc.hpp>

#include "ocr/business_licence/licence_checks.h"
#include "ocr/business_licence/licence_fields.h"
#include "ocr/business_licence/licence_marks.h"
#include "ocr/business_licence/licence_settings.h"
#include "ocr/business_licence/qr_modules.h"
#include "ocr/fields/date_by_shape.h"
#include "ocr/fields/field_image.h"
#include "ocr/fields/glyph_check.h"
#include "ocr/fields/printed_dates.h"
#include "ocr/fields/text_clean.h"
#include "ocr/layout/document_layout.h"
#include "ocr/locate/document_quad.h"
#include "ocr/quality/card_quality.h"
#include "ocr/quality/screen_pattern.h"
#include "ocr/unit_certificate/certificate_title.h"
#include "pipeline/base/messages.h"
#include "pipeline/base/text.h"

namespace beian::ocr {
namespace {

FieldValue value_or_missing(const std::string& value, double confidence, const std::string& reason) {
  FieldValue v;
  if (value.empty()) {
    v.missing_reason = reason.empty() ? "the value could not be read" : reason;
  } else if (confidence < licence_settings().min_field_confidence) {
    v.missing_reason = "the reading is too uncertain";
  } else {
    v.value = value;
    v.confidence = confidence;
  }
  return v;
}

// 副本 / 正本 under the title.
std::string copy_mark(TesseractEngine& engine, const cv::Mat& ink, const cv::Rect& title) {
  const auto& s = licence_settings();
  if (title.empty()) return "";
  const cv::Rect region(title.x, title.br().y, title.width, title.height);
  const auto lines = find_text_lines(ink, region & cv::Rect(0, 0, ink.cols, ink.rows), title.height / 6, 0, 1);
  if (lines.empty()) return "";
  const std::string text = keep_cjk(read_line(engine, ink, lines.front(), s.labelled.label_pass).text);
  for (const auto& m : s.copy_marks)
    if (text.find(m) != std::string::npos) return "副本";
  for (const auto& m : s.original_marks)
    if (text.find(m) != std::string::npos) return "正本";
  if (text.find("副") != std::string::npos) return "副本";
  return "";
}

// The QR code of the photo, decoded once per page (the cue and read() share it).
const QrReading& page_qr(const PageAnalysis& page) {
  return page.shared<QrReading>("licence.page_qr", [&] { return decode_qr(page.image().gray); });
}

}  // namespace

std::vector<Classification> BusinessLicenceReader::classify_by_cues(const PageAnalysis& page, OcrContext& context) const {
  // Every licence since 2015 prints a QR code holding its credit code; one decoded with a valid
  // code, under a title read as a licence's without a wrong character, leaves no doubt (one
  // zxing pass over the photo on other pages, no OCR).
  // A distant photo's QR code is unreadable: then its outline must be page-shaped and the
  // title read exactly (title_cue), which costs other pages nothing.
  const QrReading& qr = page_qr(page);
  const auto& cue_similarity = unit_certificate_settings().cue_min_similarity;
  double confidence = licence_settings().qr_and_title_confidence;
  if (qr.found && credit_code_in_text(qr.text)) {
    const auto& title = find_certificate_title(page, context.engine());
    if (!title || title->type != DocumentType::kBusinessLicence || title->similarity < cue_similarity) return {};
  } else {
    const CertificateTitle* title = title_cue(page, context.engine());
    if (!title || title->type != DocumentType::kBusinessLicence) return {};
    confidence = licence_settings().title_cue_confidence;
  }
  auto claims = classify(page, context, std::nullopt);
  for (auto& c : claims) c.confidence = std::max(c.confidence, confidence);
  return claims;
}

std::vector<Classification> BusinessLicenceReader::classify(const PageAnalysis& page, OcrContext& context,
                                                            std::optional<DocumentType> forced) const {
  const auto& title = find_certificate_title(page, context.engine());
  Classification c;
  c.type = DocumentType::kBusinessLicence;
  const auto& quads = page.quads();
  if (title && title->type == DocumentType::kBusinessLicence) {
    c.confidence = std::clamp(0.4 + 0.58 * title->similarity, 0.0, 0.98);
    c.quad_index = title->quad_index;
    c.quarter_turns = title->quarter_turns;
  } else if (forced) {
    c.quad_index = 0;
    c.quarter_turns = landscape_turn(quads.front());
  } else {
    return {};
  }
  const int w = licence_settings().view_width;
  c.view = page.view(c.quad_index, cv::Size(w, static_cast<int>(w / std::max(1.0, quads[c.quad_index].aspect))),
                     c.quarter_turns);
  return {c};
}

DocumentResult BusinessLicenceReader::read(const PageAnalysis& page, const Classification& c, OcrContext& context) const {
  const auto& s = licence_settings();
  DocumentResult r;
  r.file = page.file();
  r.type = DocumentType::kBusinessLicence;
  TesseractEngine& engine = context.engine();
  const cv::Mat& view = c.view;
  const bool bw = page.image().colourfulness < quality_settings().bw_max_colourfulness;
  const SealReading seal = bw ? SealReading{} : detect_seal(view, s.seal);
  const cv::Mat ink = ink_image(view);
  // The seal is stamped over the authority and the issue date: the date reads best with it
  // erased; the authority's strokes under it fade with it, so there it is a second chance.
  const cv::Mat unsealed = erase_seal(ink, view, seal, s.seal);
  GlareViews glare(view);
  context.mark("licence.view");
  const DocumentLayout& layout = document_layout(DocumentType::kBusinessLicence);
  const auto reading = read_labelled_fields(engine, ink, &layout, s.labelled);
  context.mark("licence.fields");
  auto field = [&](const std::string& name) -> const FieldReading& { return reading.fields.at(name); };

  // Credit code: the OCR'd candidates, checked; the QR code confirms, repairs or contradicts.
  auto checked = [&](const std::string& name, auto accept) {
    return validated_reading(engine, ink, s.labelled, name, field(name), accept);
  };
  const FieldReading code_reading =
      checked("credit_code", [](const std::string& t) { return resolve_credit_code({t}).checked; });
  CodeReading code = resolve_credit_code({code_reading.text});
  // Only the check character fails and the print shows the right one there (a J read 5).
  if (!code.checked)
    if (const auto shown = check_char_shown(ink, code_reading.symbols, s.qr_print_check))
      code = CodeReading{*shown, true, true, code.as_read};
  cv::Mat grey;
  cv::cvtColor(view, grey, cv::COLOR_BGR2GRAY);
  QrReading qr = page_qr(page);
  if (!qr.found) qr = decode_qr(grey);
  // Too small or soft for that (a distant photo): enlarged and sharpened where it is printed.
  if (!qr.found && !s.qr_retry.scales.empty()) {
    const auto& layout = document_layout(DocumentType::kBusinessLicence);
    if (const auto box = layout.area("qr")) {
      const cv::Rect at = layout.scale(*box, grey.size());
      const int mx = static_cast<int>(s.qr_retry.margin * at.width), my = static_cast<int>(s.qr_retry.margin * at.height);
      const cv::Rect around(at.x - mx, at.y - my, at.width + 2 * mx, at.height + 2 * my);
      qr = decode_small_qr(grey, around, s.qr_retry);
      // Too blurred for zxing to find at any size: by its module grid.
      if (!qr.found) qr = decode_qr_by_modules(grey, around, s.qr_retry.modules);
    }
  }
  const auto qr_code = qr.found ? credit_code_in_text(qr.text) : std::nullopt;
  // A QR code carrying a code that fails its check records what was printed: a repair of the
  // OCR reading into some valid code would then be a guess (LICENCE_CREDIT_CODE_INVALID below
  // reports the failing code).
  const auto qr_failing = qr.found && !qr_code ? failing_code_in_text(qr.text) : std::nullopt;
  context.mark("licence.qr");
  FieldValue credit;
  if (qr_failing && !(code.checked && !code.repaired)) {
    const bool agree = code.as_read == *qr_failing;
    credit = value_or_missing(*qr_failing, agree ? s.credit_code_checked : s.credit_code_from_qr, "");
    if (!agree) r.findings.push_back(make_finding("LICENCE_CODE_FROM_QR", {{"code", *qr_failing}}, r.file, "credit_code"));
  } else if (code.checked) {
    credit = value_or_missing(code.value, code.repaired ? 0.9 * s.credit_code_checked : s.credit_code_checked, "");
    const auto& qr_any = qr_code ? qr_code : qr_failing;
    if (qr_any && *qr_any != code.value && code.value.size() == 18) {
      // A misread character can leave a code whose check still holds (one in 31), and a
      // repair by the check character can pick the wrong one (seed 94: ...MAQXW6L84W read
      // MAQXWEL84W, repaired to MAQKWEL84W). When the printed glyphs look like the QR code's
      // characters where the two differ, the print says what the QR code says.
      if (qr_code && print_shows(ink, code_reading.symbols, *qr_code, s.qr_print_check)) {
        credit = value_or_missing(*qr_code, s.credit_code_from_qr, "");
        r.findings.push_back(make_finding("LICENCE_CODE_FROM_QR", {{"code", *qr_code}}, r.file, "credit_code"));
      } else {
        r.findings.push_back(make_finding("LICENCE_QR_MISMATCH", {{"qr_code", *qr_any}, {"printed_code", code.value}},
                                          r.file, "credit_code"));
        credit.confidence = std::min(credit.confidence, 0.5);
      }
    }
  } else if (qr_code) {
    credit = value_or_missing(*qr_code, s.credit_code_from_qr, "");
    r.findings.push_back(make_finding("LICENCE_CODE_FROM_QR", {{"code", *qr_code}}, r.file, "credit_code"));
  } else if (const auto printed = failing_code_printed(ink, code_reading.symbols, s.qr_print_check)) {
    // Printed wrong (every character the print's clear best as read): reported as printed,
    // its finding (LICENCE_CREDIT_CODE_INVALID, below) saying it does not check.
    credit = value_or_missing(*printed, s.credit_code_printed_failing, "");
  } else {
    // An unverifiable reading is not a value: report it as evidence only.
    credit.missing_reason = code.value.empty() ? (code_reading.missing_reason.empty() ? "the code could not be read"
                                                                                       : code_reading.missing_reason)
                                               : "the reading " + code.value + " fails the code's check characters";
    // A complete reading that fails (no single misread character explains it, no QR code
    // vouches for another): say what is printed and that it does not check.
    if (code.value.size() == 18 || code.value.size() == 15)
      for (auto& f : check_code_reading(r, code.value, "credit_code", "统一社会信用代码")) r.findings.push_back(std::move(f));
  }
  r.set_field("credit_code", credit);
  // The code the QR carries, as its own field: the rules compare it with the printed code
  // (CERTIFICATE_QR_MISMATCH). Absent when there is no QR or it carries no valid code
  // (LICENCE_QR_MISSING says so), never a guess.
  if (qr_code) {
    FieldValue from_qr;
    from_qr.value = *qr_code;
    from_qr.confidence = s.credit_code_from_qr;
    r.set_field("qr_credit_code", from_qr);
  }

  const auto& person = field("legal_representative");
  r.set_field("legal_representative", value_or_missing(person_name_text(person.text), person.confidence, person.missing_reason));
  // The company type is one of a closed national list.
  const auto& type_field = field("type");
  AuthorityReading company_type = snap_to_name_list(clean_value_text(type_field.text), type_field.confidence, s.company_types);
  const auto& types = s.company_types.names;
  if (std::find(types.begin(), types.end(), company_type.text) == types.end() && type_field.lines.size() == 1) {
    auto by_shape = choose_by_shape(ink, type_field.lines.front(), types, s.company_types.shape);
    // A glare spot ends the line found where the strokes fade, though the type goes on
    // beyond it: the line across the spot, its cells under the spot not judged.
    if (const cv::Rect across = glare.line_across(type_field); !by_shape && !across.empty())
      by_shape = choose_by_shape({ink, glare.restored()}, across, types, s.company_types.shape, {}, glare.mask());
    if (by_shape) company_type = {*by_shape, s.company_types.shape.confidence};
  }
  // Too garbled for either: the nearest type, characters lost or added weighing double.
  if (std::find(types.begin(), types.end(), company_type.text) == types.end())
    if (const auto loose = loose_name(company_type.text, s.company_types))
      company_type = {*loose, s.company_types.loose.confidence};
  r.set_field("type", value_or_missing(company_type.text, company_type.confidence, type_field.missing_reason));
  const auto& capital_reading = field("registered_capital");
  const AmountValue capital = amount_on_page(ink, glare, capital_reading, s.capital);
  r.set_field("registered_capital",
              value_or_missing(clean_value_text(capital.text), capital.confidence,
                               capital.missing_reason.empty() ? capital_reading.missing_reason : capital.missing_reason));
  const FieldReading established =
      checked("established_date", [](const std::string& t) { return parse_cn_date(t).has_value(); });
  auto established_date = parse_cn_date(established.text);
  double established_confidence = established.confidence;
  const FieldReading term_reading = checked("business_term", [](const std::string& t) { return parse_term(t).complete(); });
  TermReading term = parse_term(term_reading.text);
  double term_confidence = term_reading.confidence;
  // Read but no date (blur and glare on a small photo): by its digits' shapes. A company's
  // term starts, as a rule, the day it is established: a start read agrees, as do the
  // recogniser's digits but one.
  // Under a glare spot: across it, on the page restored there, the cells under the spot not
  // judged (a start tied there is read only as the date the other field reads).
  std::optional<Date> established_tried;  // the expected date the shapes were tried with
  const auto established_by_shape = [&] {
    const Date expected = term.from.value_or(Date{});
    if (established_date || established.lines.size() != 1 || established_tried == expected) return;
    established_tried = expected;
    established_date = date_by_shape(ink, established.lines.front(), s.date_shapes, Date{}, context.today(),
                                     established.label_box.height, expected, {established.text});
    if (const cv::Rect across = established_date ? cv::Rect() : glare.line_across(established); !across.empty())
      established_date = date_by_shape(glare.restored(), across, s.date_shapes, Date{}, context.today(),
                                       established.label_box.height, expected, {established.text}, glare.mask());
    if (established_date) established_confidence = s.date_shapes.confidence;
  };
  established_by_shape();
  // Read but incomplete: by its digits' shapes. A business term starts once the company
  // exists, as a rule on the day it was established.
  if (!term.complete() && term_reading.lines.size() == 1) {
    const Date established_or_none = established_date.value_or(Date{});
    // A start alone (its end under a glare spot) never replaces a start the recogniser read.
    if (const auto by_shape = term_by_shape_on_page(ink, glare, term_reading, s.date_shapes, established_or_none,
                                                    context.today(), established_or_none);
        by_shape && (by_shape->until_read || !term.from)) {
      term = TermReading{by_shape->from, by_shape->until, by_shape->until_read && !by_shape->until};
      term_confidence = s.date_shapes.confidence;
    }
  }
  // A start found only now is the date the established date is expected to be.
  established_by_shape();
  // Two readings of one day disagree (established 2020年11月25日, the term from 2020年01月25日):
  // a company's term starts, as a rule, the day it is established, so one is misread; the
  // established date's line, a date alone, shows which by its digits' shapes.
  if (established_date && term.from && *established_date != *term.from && established.lines.size() == 1)
    if (const auto chosen = date_shape_choice(ink, established.lines.front(), s.date_shapes, *established_date,
                                              *term.from, established.label_box.height, glare.mask())) {
      established_date = term.from = *chosen;
      established_confidence = std::min(established_confidence, s.date_shapes.confidence);
      term_confidence = std::min(term_confidence, s.date_shapes.confidence);
    }
  // A start still unread (its year under a spot) is the established date when what was read
  // of the term agrees with it: its month and day, or an end the day before an anniversary.
  if (established_date && !term.from)
    if (const auto from = term_start_from_established(term_reading.text, term, *established_date)) {
      term.from = from;
      term_confidence = std::min({term_confidence, established_confidence, s.date_shapes.confidence});
    }
  // A start with an end lost, or misread by a digit: terms are open or run whole years.
  if (settle_term_end(term_reading.text, established_date.value_or(Date{}), s.term_ends, term))
    term_confidence = std::min(term_confidence, s.term_ends.confidence);
  r.set_field("established_date", value_or_missing(established_date ? established_date->to_string() : "",
                                                   established_confidence, established.missing_reason));
  r.set_field("business_term_from",
              value_or_missing(term.from ? term.from->to_string() : "", term_confidence, term_reading.missing_reason));
  r.set_field("business_term_until",
              value_or_missing(term.open_ended ? "长期" : term.until ? term.until->to_string() : "", term_confidence,
                               term_reading.missing_reason));
  const auto& scope = field("business_scope");
  r.set_field("business_scope", value_or_missing(running_text_value(ink, scope), scope.confidence, scope.missing_reason));
  const std::string code_value = credit.present() ? credit.value : "";
  // The address starts with province, prefecture and county names from a closed list, as a
  // rule those of the region its credit code was registered in.
  const auto& address = field("address");
  const AddressValue address_read = address_region_by_shape(ink, address, address_value(address, s.labelled),
                                                            registered_region(code_value), s.address_region);
  r.set_field("address", value_or_missing(address_read.text, address_read.confidence, address.missing_reason));
  // The company's name opens with its region's name and ends with its trade and legal form.
  const auto& unit_name = field("name");
  r.set_field("name", unit_name_value(value_or_missing(clean_value_text(unit_name.text), unit_name.confidence,
                                                       unit_name.missing_reason),
                                      ink, glare, unit_name, name_places(code_value, address_read.text), s.name_parts,
                                      dictionary_of(engine)));
  const std::vector<cv::Mat> sealed_views{unsealed, unmix_seal(ink, view, seal, s.seal)};
  const RegistrationAuthority authority = read_registration_authority(
      engine, sealed_views, s.labelled, field("registration_authority"), code_value, s.authority, address_read.text);
  r.set_field("registration_authority",
              value_or_missing(authority.name.text, authority.name.confidence, authority.reading.missing_reason));
  // A licence is issued on or after the day its company was established.
  const auto issue = read_issue_date(engine, sealed_views, authority.reading,
                                     s.issue_date_ocr, s.labelled.retry_text_heights, s.date_shapes,
                                     established_date.value_or(Date{}), context.today());
  r.set_field("issue_date", value_or_missing(issue.text, issue.confidence, issue.missing_reason));
  context.mark("licence.values");

  // Flags and quality.
  const auto& title = find_certificate_title(page, engine);
  cv::Rect title_box;
  if (title && title->quad_index == c.quad_index && title->quarter_turns == c.quarter_turns) {
    const double sx = static_cast<double>(view.cols) / title->view_size.width;
    const double sy = static_cast<double>(view.rows) / title->view_size.height;
    title_box = cv::Rect(cvRound(title->title_box.x * sx), cvRound(title->title_box.y * sy),
                         cvRound(title->title_box.width * sx), cvRound(title->title_box.height * sy));
  }
  const std::string copy = copy_mark(engine, ink, title_box);
  const std::string document(display_name_zh(r.type));
  r.findings.push_back(make_finding("LICENCE_FLAGS",
                                    {{"document", document},
                                     {"copy", copy.empty() ? "未识别副本/正本" : copy},
                                     {"qr", qr.found ? "有" : "无"},
                                     {"seal", bw ? "无法判断（黑白件）" : seal.found ? "有" : "无"}},
                                    r.file));
  if (!qr.found) r.findings.push_back(make_finding("LICENCE_QR_MISSING", {{"document", document}}, r.file));
  // A photo of a screen is not a photo of the original, however well it reads.
  const ScreenPattern screen =
      measure_screen_pattern(page.image().gray, cv::boundingRect(std::vector<cv::Point2f>(
                                                    page.quad(c.quad_index).corners.begin(), page.quad(c.quad_index).corners.end())),
                             s.screen);
  if (screen.found) {
    char value[16];
    std::snprintf(value, sizeof value, "%.0f", screen.peak_ratio);
    r.findings.push_back(make_finding("LICENCE_SCREEN_PHOTO", {{"document", document}, {"value", value}}, r.file));
  }
  // A grey copy (OCR_BW_COPY, from the quality checks below) cannot show whether it is sealed.
  if (!bw && !seal.found) r.findings.push_back(make_finding("LICENCE_NO_SEAL", {{"document", document}}, r.file));

  const CardQualityInput quality{page, page.quad(c.quad_index), view, layout, page.image().colourfulness};
  for (auto& f : card_quality_findings(quality)) r.findings.push_back(std::move(f));
  cap_fields_on_low_resolution(r, {"credit_code", "qr_credit_code"});
  for (auto& f : check_unit_code(r, "credit_code", "统一社会信用代码")) r.findings.push_back(std::move(f));
  for (auto& f : check_term(r, "business_term_until", context.today())) r.findings.push_back(std::move(f));
  for (auto& f : check_code_region(r)) r.findings.push_back(std::move(f));
  for (const auto& [name, value] : r.fields)
    if (!value.present())
      r.findings.push_back(make_finding("OCR_FIELD_UNREADABLE",
                                        {{"reason", value.missing_reason}, {"label", layout.label_for(name)}}, r.file, name));
  context.mark("licence.checks");
  return r;
}

}  // namespace beian::ocr

