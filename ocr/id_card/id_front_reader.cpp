#include "ocr/id_card/id_front_reader.h"

#include <algorithm>
#include <optional>

#include "ocr/fields/glyph_check.h"
#include "ocr/fields/text_clean.h"
#include "ocr/id_card/id_card_checks.h"
#include "ocr/id_card/id_card_settings.h"
#include "ocr/id_card/id_card_side.h"
#include "ocr/id_card/id_number_field.h"
#include "ocr/validators/address_prefix.h"
#include "ocr/validators/id_number.h"
#include "ocr/validators/regions.h"
#include "pipeline/base/messages.h"
#include "pipeline/base/text.h"

namespace beian::ocr {
namespace {

// A reading that disagrees with the (valid, confidently read) ID number is replaced by what
// the number says only when the reading itself was unsure: the number is printed with check
// digits, the field is not. A confident disagreement stays and becomes a finding.
constexpr double kTrustReading = 0.85;
constexpr double kFromNumber = 0.8;

double min_confidence(std::string_view field) { return id_card_settings().fields.at(std::string(field)).min_confidence; }

// The birth date from the digits read in the year, month and day boxes.
struct BirthRead {
  std::optional<Date> date;
  double confidence = 0;
};

BirthRead read_birth_date(const IdCardSide& side, TesseractEngine& engine) {
  // One line read (Tesseract is unreliable on lone characters such as a one-digit month),
  // then each digit is assigned to the year, month or day box by its position.
  BirthRead out;
  const TextFieldRead read = side.read(engine, "birth_date");
  const LayoutField* f = side.layout.field("birth_date");
  const char* names[3] = {"year", "month", "day"};
  const size_t min_digits[3] = {4, 1, 1}, max_digits[3] = {4, 2, 2};
  cv::Rect boxes[3];
  for (int p = 0; p < 3; ++p) {
    const auto part = f->part(names[p]);
    if (!part) return out;
    boxes[p] = side.layout.scale(*part, side.view.size());
  }
  std::string parts[3];
  double confidences[3] = {1.0, 1.0, 1.0};
  for (const auto& s : read.symbols) {
    if (s.text.size() != 1 || s.text[0] < '0' || s.text[0] > '9') continue;
    const int x = s.box.x + s.box.width / 2;
    for (int p = 0; p < 3; ++p) {
      const cv::Rect& b = boxes[p];
      const int grow = b.height / 3;  // rectification tolerance
      if (x >= b.x - grow && x < b.x + b.width + grow) {
        parts[p] += s.text;
        confidences[p] = std::min(confidences[p], s.confidence);
        break;
      }
    }
  }
  // A part the line read lost is read again alone as digits, in copies side by side: in
  // the line chi_sim reads a lone 1 between the blue 年 and 月 as a character (工, seed 84).
  const auto wrong_length = [&](int p) { return parts[p].size() < min_digits[p] || parts[p].size() > max_digits[p]; };
  for (int p = 0; p < 3; ++p) {
    if (!wrong_length(p)) continue;
    const TextFieldRead again = read_text_field(engine, side.ink, boxes[p], id_card_settings().fields.at("birth_date_part"),
                                                side.min_line_height("birth_date"));
    std::string digits;
    for (const auto& s : again.symbols)
      if (s.text.size() == 1 && s.text[0] >= '0' && s.text[0] <= '9') digits += s.text;
    if (digits.size() < min_digits[p] || digits.size() > max_digits[p]) continue;
    parts[p] = digits;
    confidences[p] = again.confidence;
  }
  if (wrong_length(0) || wrong_length(1) || wrong_length(2)) return out;
  out.date = Date::parse(parts[0] + "-" + (parts[1].size() == 1 ? "0" : "") + parts[1] + "-" +
                         (parts[2].size() == 1 ? "0" : "") + parts[2]);
  out.confidence = out.date ? std::min({confidences[0], confidences[1], confidences[2]}) : 0.0;
  return out;
}

}  // namespace

std::vector<Classification> IdCardFrontReader::classify_by_cues(const PageAnalysis& page, OcrContext&) const {
  return classify_id_card_side_by_cue(page, DocumentType::kIdFront);
}

std::vector<Classification> IdCardFrontReader::classify(const PageAnalysis& page, OcrContext&,
                                                        std::optional<DocumentType> forced) const {
  return classify_id_card_side(page, DocumentType::kIdFront, forced);
}

DocumentResult IdCardFrontReader::read(const PageAnalysis& page, const Classification& classification,
                                       OcrContext& context) const {
  IdCardSide side = prepare_id_card_side(page, classification);
  context.mark("id_front.prepare");
  TesseractEngine& engine = context.engine();
  const auto& settings = id_card_settings();
  DocumentResult& r = side.result;

  // The number is the anchor for birth date and sex (its check digit guards it); those two
  // are read first only so that, confidently read, they can fill number characters hidden
  // by glare or a thumb.
  const TextFieldRead sex = side.read(engine, "sex");
  std::string sex_value = keep_only(sex.text, "男女");
  double sex_confidence = sex.confidence;
  if (utf8_length(sex_value) != 1) sex_value.clear();
  BirthRead birth = read_birth_date(side, engine);
  IdNumberHints hints;
  if (birth.date && birth.confidence >= kTrustReading) hints.birth = birth.date;
  if (!sex_value.empty() && sex_confidence >= kTrustReading) hints.male = sex_value == "男";
  const IdNumberRead number = read_id_number(engine, side.ink, side.box("id_number"), settings.id_number,
                                             context.today(), side.min_line_height("id_number"), hints);
  std::optional<validators::IdNumberParts> parts;
  if (number.checks_pass && number.confidence >= kTrustReading)
    parts = validators::check_id_number(number.value, context.today()).parts;

  const TextFieldRead name = side.read(engine, "name");
  r.set_field("name", field_value(keep_cjk(name.text, U"·"), name.confidence, name.missing_reason, min_confidence("name")));

  // A reading the checked number confirms is at least as sure as a value taken from the
  // number (seed 90: a clean card's 2006 年 1 月 29 日 read right at 0.37 was dropped).
  if (parts && sex_value == parts->sex_zh()) sex_confidence = std::max(sex_confidence, kFromNumber);
  if (parts && sex_value != parts->sex_zh() && sex_confidence < kTrustReading) {
    sex_value = std::string(parts->sex_zh());
    sex_confidence = kFromNumber;
  }
  r.set_field("sex", field_value(sex_value, sex_confidence, sex.missing_reason, min_confidence("sex")));

  const TextFieldRead ethnicity = side.read(engine, "ethnicity");
  std::string reading = keep_cjk(ethnicity.text);
  if (reading.size() > 3 && reading.substr(reading.size() - 3) == "族") reading.resize(reading.size() - 3);
  const auto snapped = snap_to_vocabulary(reading, validators::ethnicities());
  const GlyphCheckSettings& shapes = id_card_settings().fields.at("ethnicity").glyph_check;
  if (snapped) {
    double c = ethnicity.confidence * (snapped->distance == 0 ? 1.0 : 0.7);
    // A near reading (拉福 for 拉祜: chi_sim barely knows 祜) is as sure as a shape match
    // when the printed shape picks the same name out of all 56.
    if (snapped->distance > 0 && ethnicity.lines.size() == 1 &&
        closest_by_shape(side.ink, ethnicity.lines.front(), validators::ethnicities(), shapes) == snapped->value)
      c = std::max(c, shapes.shape_confidence);
    r.set_field("ethnicity", field_value(snapped->value, c, "", min_confidence("ethnicity")));
  } else if (const std::string by_shape =
                 ethnicity.lines.size() == 1
                     ? closest_by_shape(side.ink, ethnicity.lines.front(), validators::ethnicities(), shapes)
                     : std::string();
             !by_shape.empty()) {
    // A closed list of 56 names: the one whose printed shape the ink matches clearly best
    // (chi_sim has read 彝, 侗, 傈僳, 佤 as nothing it knows).
    r.set_field("ethnicity", field_value(by_shape, shapes.shape_confidence, "", min_confidence("ethnicity")));
  } else {
    r.set_field("ethnicity", field_value("", 0, reading.empty() ? ethnicity.missing_reason
                                                                : "the reading matches no ethnic group", 0));
  }

  if (parts && birth.date && *birth.date == parts->birth) birth.confidence = std::max(birth.confidence, kFromNumber);
  if (parts && (!birth.date || *birth.date != parts->birth)) {
    // A reading within two digits of the number's date is an OCR slip (a dropped or
    // misread digit), not a different date: the number is guarded by its check digit.
    const auto digits = [](const Date& d) { return d.to_string(); };
    const bool near = birth.date && edit_distance(digits(*birth.date), digits(parts->birth)) <= 2;
    if (!birth.date || near || birth.confidence < kTrustReading) {
      birth.date = parts->birth;
      birth.confidence = kFromNumber;
    }
  }
  r.set_field("birth_date", field_value(birth.date ? birth.date->to_string() : "", birth.confidence,
                                        "the birth date could not be read", min_confidence("birth_date")));

  // The address starts with province, prefecture and county names from a closed list.
  const TextFieldRead address = side.read(engine, "address");
  const std::string address_text = validators::repair_address_prefix(address.text).text;
  const double address_confidence =
      has_stray_marks(address_text) ? std::min(address.confidence, id_card_settings().fields.at("address").weakest_cap)
                                    : address.confidence;
  r.set_field("address", field_value(address_text, address_confidence, address.missing_reason, min_confidence("address")));

  FieldValue id;
  if (!number.value.empty() && number.value.find('?') == std::string::npos) {
    id.value = number.value;
    id.confidence = number.confidence;
  } else {
    id.missing_reason = number.missing_reason.empty() ? "some characters of the ID number are unreadable" : number.missing_reason;
  }
  r.set_field("id_number", id);
  context.mark("id_front.fields");

  for (auto& f : check_id_front(r, context.today())) r.findings.push_back(std::move(f));
  const FieldValue* birth_date = r.field("birth_date");
  finish_id_card_side(side, id.present() || (birth_date && birth_date->present()));
  return r;
}

}  // namespace beian::ocr
