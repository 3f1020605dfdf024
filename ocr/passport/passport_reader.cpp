#include "ocr/passport/passport_reader.h"

#include "ocr/mrz/mrz_fields.h"
#include "ocr/mrz/mrz_zone.h"
#include "ocr/passport/passport_viz.h"
#include "ocr/validators/mrz.h"

namespace beian::ocr {
namespace {

const std::vector<std::string> kFields = {"document_number", "surname",    "given_names", "nationality",
                                          "birth_date",      "sex",        "expiry_date", "issuing_state"};

// Printed labels of the checked fields, for findings.
const std::vector<std::pair<std::string, std::string>> kCheckLabels = {
    {"document_number", "护照号码"}, {"birth_date", "出生日期"}, {"expiry_date", "有效期至"},
    {"optional_data", "个人号码"},  {"composite", "机读区总校验位"}};

bool is_passport_zone(const std::optional<MrzZone>& zone) {
  return zone && zone->format->name == "td3" && !zone->decoding.lines.empty() && zone->decoding.lines[0][0] == 'P';
}

Classification claim(const PageAnalysis& page, const MrzZone& zone) {
  Classification c;
  c.type = DocumentType::kPassport;
  c.confidence = zone.confidence();
  c.quad_index = zone.quad_index;
  c.quarter_turns = zone.quarter_turns;
  c.view = page.view(c.quad_index, zone.view_size, c.quarter_turns);
  return c;
}

}  // namespace

std::vector<Classification> PassportReader::classify_by_cues(const PageAnalysis& page, OcrContext&) const {
  // A verified zone in the outline found first is decisive (no other document prints one), and
  // looking costs two line searches: the ID card and certificate readers need not be asked.
  const auto& zone = find_mrz_zone_in_best_outline(page);
  if (!is_passport_zone(zone)) return {};
  return {claim(page, *zone)};
}

std::vector<Classification> PassportReader::classify(const PageAnalysis& page, OcrContext&,
                                                     std::optional<DocumentType> forced) const {
  const auto& zone = find_mrz_zone(page);
  if (is_passport_zone(zone)) return {claim(page, *zone)};
  Classification c;
  c.type = DocumentType::kPassport;
  if (!forced) return {};
  c.quad_index = 0;  // the best quad (or the whole image when none was found)
  c.quarter_turns = landscape_turn(page.quads().front());
  c.confidence = 0.0;
  return {c};
}

DocumentResult PassportReader::read(const PageAnalysis& page, const Classification& classification,
                                    OcrContext& context) const {
  DocumentResult r;
  r.file = page.file();
  r.type = DocumentType::kPassport;
  const auto& zone = find_mrz_zone(page);
  context.mark("passport.mrz");
  if (!is_passport_zone(zone)) {
    mark_zone_missing(r, kFields, zone ? "只找到其他证件的机读区 / only another document's zone was found"
                                       : "没有找到两行 44 个字符的机读区 / no two lines of 44 characters were found");
    return r;
  }
  const auto& d = zone->decoding;
  const auto td3 = validators::parse_td3(d.lines[0], d.lines[1]);
  if (!td3) {
    mark_zone_missing(r, kFields, "机读区字符无法解析 / the zone's characters cannot be parsed");
    return r;
  }
  const Date& today = context.today();
  r.set_field("document_number", checked_field(*zone, "document_number", td3->document_number));
  r.set_field("surname", unchecked_field(*zone, 0, 5, 44, td3->surname));
  r.set_field("given_names", unchecked_field(*zone, 0, 5, 44, td3->given_names));
  r.set_field("nationality", unchecked_field(*zone, 1, 10, 13, td3->nationality));
  r.set_field("birth_date", mrz_date_field(*zone, "birth_date", td3->birth_yymmdd, true, today));
  const std::string sex = td3->sex == 'M' ? "男" : td3->sex == 'F' ? "女" : "";
  r.set_field("sex", unchecked_field(*zone, 1, 20, 21, sex));
  r.set_field("expiry_date", mrz_date_field(*zone, "expiry_date", td3->expiry_yymmdd, false, today));
  r.set_field("issuing_state", unchecked_field(*zone, 0, 2, 5, td3->issuing_state));

  for (auto& f : mrz_zone_findings(*zone, r.file, kCheckLabels)) r.findings.push_back(std::move(f));
  for (auto& f : expiry_findings(r, today)) r.findings.push_back(std::move(f));
  for (auto& f : cross_check_passport_viz(page, classification, *zone, r, context)) r.findings.push_back(std::move(f));
  context.mark("passport.viz");
  return r;
}

}  // namespace beian::ocr
