// The unit-certificate, passport and permit readers on specimens generated in-process (samples
// library), through the public Recognizer: a clean business licence's fields and its QR code,
// a licence whose printed credit code fails its check character, a 社会团体法人登记证书, a
// photographed passport data page read from its machine-readable zone, and a 往来港澳通行证.
#include <catch2/catch.hpp>

#include <string>

#include <opencv2/imgcodecs.hpp>

#include "ocr/business_licence/licence_fields.h"
#include "ocr/fields/printed_dates.h"
#include "ocr/layout/document_layout.h"
#include "ocr/recognizer.h"
#include "ocr/validators/credit_code.h"
#include "pipeline/eval/harness.h"
#include "samples/document_painter.h"
#include "samples/identity.h"
#include "samples/photograph.h"
#include "samples/specimen_documents.h"
#include "tests/licence/specimen_shot.h"
#include "tests/support/reader_test_support.h"

using namespace beian;

namespace {

const Date kToday = beian::test::kSpecimenToday;

const ocr::Recognizer& recognizer() { return beian::test::specimen_recognizer(); }

using beian::test::Shot;

Shot photograph(const samples::Specimen& s, samples::Level level, samples::Random& rng) {
  return beian::test::photograph_specimen(s, level, rng);
}

using beian::test::has_finding;
using beian::test::value;

// Every field of `names` reads as its truth (eval's normalisation: dates, widths, spaces).
void check_fields(const DocumentResult& r, const nlohmann::json& truth, const std::vector<std::string>& names) {
  for (const auto& name : names) {
    INFO("field " << name);
    REQUIRE(truth.contains(name));
    const std::string want = truth.at(name).get<std::string>();
    const std::string got = value(r, name);
    INFO("truth '" << want << "', read '" << got << "'");
    CHECK(eval::field_matches(name, want, got));
  }
}

}  // namespace

TEST_CASE("business licence, clean scan: fields, checked credit code and the QR code's code", "[licence]") {
  samples::Random rng(5501);
  samples::IdentityFactory ids(rng, kToday);
  const samples::Person p = ids.person();
  const samples::Unit u = ids.unit(DocumentType::kBusinessLicence, p.name);
  const Shot shot = photograph(samples::unit_certificate_specimen(u), samples::Level::kClean, rng);
  const DocumentResult r = recognizer().recognize(shot.image, "licence.jpg");
  REQUIRE(r.type == DocumentType::kBusinessLicence);
  check_fields(r, shot.truth,
               {"credit_code", "type", "established_date", "business_term_from", "business_term_until", "address",
                "registration_authority", "issue_date"});
  // The credit code passed its check characters: it is trusted.
  REQUIRE(r.field("credit_code"));
  CHECK(r.field("credit_code")->confidence >= 0.9);
  // The QR code is decoded and carries the same code, for the rules' CERTIFICATE_QR_MISMATCH.
  CHECK(value(r, "qr_credit_code") == u.credit_code);
  CHECK_FALSE(has_finding(r, "LICENCE_QR_MISSING"));
  CHECK_FALSE(has_finding(r, "LICENCE_QR_MISMATCH"));
  CHECK_FALSE(has_finding(r, "LICENCE_CREDIT_CODE_INVALID"));
  CHECK(has_finding(r, "LICENCE_FLAGS"));
}

TEST_CASE("business licence whose printed credit code fails its check character: flagged, not returned", "[licence]") {
  samples::Random rng(5502);
  samples::IdentityFactory ids(rng, kToday);
  const samples::Person p = ids.person();
  samples::Unit u = ids.unit(DocumentType::kBusinessLicence, p.name);
  const std::string valid = u.credit_code;
  // A wrong check character that no single look-alike substitution turns into a valid code
  // (else the reader would rightly take it for a misread and repair it).
  for (char c : std::string("0123456789ABCDEFGHJKLMNPQRTUWXY")) {
    const std::string corrupted = valid.substr(0, 17) + c;
    if (c != valid[17] && !validators::repair_uscc(corrupted)) {
      u.credit_code = corrupted;
      break;
    }
  }
  REQUIRE(u.credit_code != valid);
  REQUIRE_FALSE(validators::is_valid_uscc(u.credit_code));
  const Shot shot = photograph(samples::unit_certificate_specimen(u), samples::Level::kClean, rng);
  const DocumentResult r = recognizer().recognize(shot.image, "corrupted.jpg");
  REQUIRE(r.type == DocumentType::kBusinessLicence);
  // Never a confident value: the printed code does not check.
  CHECK(value(r, "credit_code").empty());
  CHECK(has_finding(r, "LICENCE_CREDIT_CODE_INVALID"));
  // The QR code carries the same invalid code: it vouches for nothing.
  CHECK(value(r, "qr_credit_code").empty());
}

TEST_CASE("社会团体法人登记证书, clean scan: classified, code validated, name and address read", "[licence][certificate]") {
  samples::Random rng(5503);
  samples::IdentityFactory ids(rng, kToday);
  const samples::Person p = ids.person();
  const samples::Unit u = ids.unit(DocumentType::kSocialOrganisation, p.name);
  const Shot shot = photograph(samples::unit_certificate_specimen(u), samples::Level::kClean, rng);
  const DocumentResult r = recognizer().recognize(shot.image, "society.jpg");
  REQUIRE(r.type == DocumentType::kSocialOrganisation);
  check_fields(r, shot.truth, {"credit_code", "name", "address", "valid_from", "valid_until"});
  CHECK_FALSE(has_finding(r, "CERT_CODE_INVALID"));
}

TEST_CASE("passport data page, phone photo: read from its MRZ with every check digit verified", "[passport]") {
  samples::Random rng(5504);
  samples::IdentityFactory ids(rng, kToday);
  const samples::Person p = ids.person();
  const auto travel = ids.travel_document(p, DocumentType::kPassport);
  const Shot shot =
      photograph(samples::passport_specimen(p, travel, samples::card_portrait()), samples::Level::kPhoto, rng);
  const DocumentResult r = recognizer().recognize(shot.image, "passport.jpg");
  REQUIRE(r.type == DocumentType::kPassport);
  check_fields(r, shot.truth,
               {"document_number", "surname", "given_names", "nationality", "birth_date", "sex", "expiry_date",
                "issuing_state"});
  // Checked fields carry the verified confidence; no check failed or needed a repair.
  for (const char* f : {"document_number", "birth_date", "expiry_date"}) {
    INFO(f);
    REQUIRE(r.field(f));
    CHECK(r.field(f)->confidence >= 0.95);
  }
  for (const auto& f : r.findings) CHECK(f.code.rfind("MRZ_", 0) != 0);
}

TEST_CASE("往来港澳通行证, phone photo: number, dates, name and sex", "[permit]") {
  samples::Random rng(5505);
  samples::IdentityFactory ids(rng, kToday);
  const samples::Person p = ids.person();
  const auto travel = ids.travel_document(p, DocumentType::kMainlandTravelPermit);
  const Shot shot = photograph(samples::permit_specimen(p, travel, samples::card_portrait()), samples::Level::kPhoto, rng);
  const DocumentResult r = recognizer().recognize(shot.image, "permit.jpg");
  REQUIRE(r.type == DocumentType::kMainlandTravelPermit);
  check_fields(r, shot.truth, {"document_number", "birth_date", "expiry_date", "name", "sex"});
}

TEST_CASE("printed dates and terms as certificates print them", "[licence][dates]") {
  using ocr::parse_cn_date;
  using ocr::parse_term;
  CHECK(parse_cn_date("2020年3月11日")->to_string() == "2020-03-11");
  CHECK(parse_cn_date("成立日期 2020年03月11日")->to_string() == "2020-03-11");
  CHECK(parse_cn_date("2020.03.11")->to_string() == "2020-03-11");
  CHECK(parse_cn_date("20200311")->to_string() == "2020-03-11");
  CHECK_FALSE(parse_cn_date("2020年13月11日"));
  CHECK_FALSE(parse_cn_date("长期"));
  const auto term = parse_term("2015年06月01日至2045年05月31日");
  CHECK(term.from->to_string() == "2015-06-01");
  CHECK(term.until->to_string() == "2045-05-31");
  CHECK_FALSE(term.open_ended);
  const auto open = parse_term("自2015年06月01日至长期");
  CHECK(open.from->to_string() == "2015-06-01");
  CHECK(open.open_ended);
  CHECK_FALSE(open.until);
  // 至 misread: two dates in a row are still from and until.
  const auto misread = parse_term("2015年06月01日王2045年05月31日");
  CHECK(misread.until->to_string() == "2045-05-31");
}

TEST_CASE("registered capital: amount characters must be numerals", "[licence][capital]") {
  const std::vector<std::string> currencies{"人民币", "美元"};
  const std::string numerals = "零壹贰叁肆伍陆柒捌玖拾佰仟0123456789.", units = "万元亿";
  auto symbols = [](const std::vector<std::pair<std::string, std::vector<std::string>>>& chars) {
    std::vector<ocr::OcrSymbol> out;
    for (const auto& [text, alternatives] : chars) {
      ocr::OcrSymbol s;
      s.text = text;
      for (const auto& a : alternatives) s.alternatives.emplace_back(a, 0.5);
      out.push_back(s);
    }
    return out;
  };
  // Read right: nothing to do; the currency's 人 is not part of the amount.
  auto ok = ocr::resolve_capital(symbols({{"人", {}}, {"民", {}}, {"币", {}}, {"伍", {}}, {"拾", {}}, {"万", {}}, {"元", {}}}),
                                 currencies, numerals, units);
  CHECK(ok.consistent);
  CHECK(ok.replaced == 0);
  CHECK(ok.text == "人民币伍拾万元");
  // A misread numeral whose alternatives include a numeral: that one is taken.
  auto fixed = ocr::resolve_capital(
      symbols({{"人", {}}, {"民", {}}, {"币", {}}, {"项", {"人", "贰", "下"}}, {"佰", {}}, {"万", {}}, {"元", {}}, {"整", {}}}),
      currencies, numerals, units);
  CHECK(fixed.consistent);
  CHECK(fixed.replaced == 1);
  CHECK(fixed.text == "人民币贰佰万元整");
  // No numeral among the alternatives: not consistent (the reader withholds it).
  auto bad = ocr::resolve_capital(symbols({{"人", {}}, {"民", {}}, {"币", {}}, {"傅", {"人", "天"}}, {"佰", {}}, {"万", {}}}),
                                  currencies, numerals, units);
  CHECK_FALSE(bad.consistent);
  // After the unit, anything goes (整, 元整, (人民币) ...).
  auto tail = ocr::resolve_capital(symbols({{"1", {}}, {"0", {}}, {"0", {}}, {"万", {}}, {"美", {}}, {"元", {}}}),
                                   currencies, numerals, units);
  CHECK(tail.consistent);
}
