// Specimen documents: truth values, the licence's QR code (decoded back with zxing-cpp), the
// passport's MRZ and the degradation levels.
#include <catch2/catch.hpp>

#define ZX_USE_UTF8
#include <ZXing/ReadBarcode.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/layout/document_layout.h"
#include "ocr/validators/regions.h"
#include "ocr/validators/credit_code.h"
#include "ocr/validators/id_number.h"
#include "ocr/validators/mrz.h"
#include "samples/identity.h"
#include "samples/photograph.h"
#include "samples/specimen_documents.h"

using namespace beian;
using namespace beian::samples;

namespace {

std::string decode_qr(const cv::Mat& bgr) {
  cv::Mat grey;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  const auto result = ZXing::ReadBarcode(ZXing::ImageView(grey.data, grey.cols, grey.rows, ZXing::ImageFormat::Lum,
                                                          static_cast<int>(grey.step)), hints);
  return result.isValid() ? result.text() : std::string();
}

const Date kReference{2026, 11, 22};

}  // namespace

TEST_CASE("Identities are valid and follow the ID validity rule", "[samples][identity]") {
  Random rng(42);
  IdentityFactory ids(rng, kReference);
  for (int i = 0; i < 40; ++i) {
    const Person p = ids.person();
    INFO(p.id_number);
    const auto check = validators::check_id_number(p.id_number, kReference);
    REQUIRE(check.ok());
    CHECK(check.parts->birth == p.birth);
    CHECK(check.parts->male == p.male);
    CHECK(age_on(p.birth, kReference) >= 18);
    CHECK(validators::id_validity_matches_age_rule(p.birth, p.id_valid_from, p.id_valid_until));
    CHECK((!p.id_valid_until || *p.id_valid_until > kReference));
    CHECK(p.id_valid_from <= kReference);
    CHECK(p.address.rfind(validators::RegionTable::get().lookup(p.region)->full_name(), 0) == 0);
    CHECK_FALSE(p.issuing_authority.empty());
  }
  for (DocumentType t : {DocumentType::kBusinessLicence, DocumentType::kPublicInstitution, DocumentType::kSocialOrganisation}) {
    const Unit u = ids.unit(t, "林示例");
    INFO(u.credit_code);
    CHECK(validators::is_valid_uscc(u.credit_code));
    CHECK(u.established <= u.issue_date);
    CHECK(u.issue_date <= kReference);
    CHECK((!u.term_until || *u.term_until > kReference));
  }
  CHECK(id_issuing_authority("440106") == "广州市公安局天河分局");
  CHECK(id_issuing_authority("110108") == "北京市公安局海淀分局");
  CHECK(id_issuing_authority("360426") == "德安县公安局");
}

TEST_CASE("The licence QR code decodes to its credit code", "[samples][documents]") {
  Random rng(7);
  IdentityFactory ids(rng, kReference);
  const Unit u = ids.unit(DocumentType::kBusinessLicence, "林示例");
  const Specimen s = unit_certificate_specimen(u);
  CHECK(s.fields["credit_code"] == u.credit_code);
  CHECK(s.fields["business_term_until"] == (u.term_until ? u.term_until->to_string() : "长期"));
  TextPainter painter;
  const cv::Mat page = paint_document(ocr::document_layout(DocumentType::kBusinessLicence), s.content, 1.0, painter, rng);
  const std::string text = decode_qr(page);
  CHECK(text.find(u.credit_code) != std::string::npos);
}

TEST_CASE("Passport and permit specimens carry valid machine-readable lines", "[samples][documents]") {
  Random rng(9);
  IdentityFactory ids(rng, kReference);
  const Person p = ids.person();
  const TravelDocument passport = ids.travel_document(p, DocumentType::kPassport);
  const Specimen s = passport_specimen(p, passport, cv::Mat());
  std::string l1, l2;
  for (const auto& [k, v] : s.content.values) {
    if (k == "mrz_line1") l1 = v;
    if (k == "mrz_line2") l2 = v;
  }
  const auto td3 = validators::parse_td3(l1, l2);
  REQUIRE(td3);
  CHECK(td3->valid());
  CHECK(td3->document_number == s.fields["document_number"]);
  CHECK(td3->surname == s.fields["surname"]);
  CHECK(validators::mrz_expiry_date(td3->expiry_yymmdd, kReference)->to_string() == s.fields["expiry_date"]);
  CHECK(passport.expiry > kReference);

  const TravelDocument permit = ids.travel_document(p, DocumentType::kMainlandTravelPermit);
  const Specimen ps = permit_specimen(p, permit, cv::Mat());
  CHECK(validators::is_mainland_travel_permit_number(permit.number));
  for (const auto& [k, v] : ps.content.values) {
    if (k == "mrz_line") CHECK(validators::parse_travel_permit_line(v)->valid());
  }
  CHECK(validators::is_taiwan_permit_number(ids.travel_document(p, DocumentType::kTaiwanCompatriotPermit).number));
  CHECK(validators::is_hk_macau_permit_number(ids.travel_document(p, DocumentType::kHkMacauHomeReturnPermit).number));
}

TEST_CASE("Degradation levels shape the photographs as specified", "[samples][photograph]") {
  Random rng(3);
  IdentityFactory ids(rng, kReference);
  TextPainter painter;
  const auto& layout = ocr::document_layout(DocumentType::kIdFront);
  const cv::Mat card = paint_document(layout, id_front_specimen(ids.person(), cv::Mat()).content, 2.0, painter, rng);

  const Shot clean = photograph(card, 85.6, true, Level::kClean, rng);
  CHECK(clean.quarter_turns == 0);
  CHECK(clean.jpeg_quality >= 90);
  CHECK(clean.image.cols > 1000);   // ~300 dpi plus margins
  CHECK(clean.image.cols < 1300);
  CHECK(clean.image.cols > clean.image.rows);

  const Shot photo = photograph(card, 85.6, true, Level::kPhoto, rng);
  CHECK(photo.image.size() == cv::Size(1600, 1200));
  CHECK(photo.jpeg_quality >= 70);
  CHECK(photo.jpeg_quality <= 90);

  for (int i = 0; i < 4; ++i) {
    const Shot hard = photograph(card, 85.6, true, Level::kHard, rng);
    CHECK(hard.quarter_turns >= 1);
    CHECK(hard.quarter_turns <= 3);
    CHECK(std::max(hard.image.cols, hard.image.rows) <= 1100);
    CHECK(hard.jpeg_quality >= 55);
    CHECK(hard.jpeg_quality <= 80);
    // Quarter turns of 1 or 3 make the landscape photo portrait.
    CHECK((hard.image.rows > hard.image.cols) == (hard.quarter_turns != 2));
  }
  const auto bytes = encode_jpeg(clean);
  REQUIRE(bytes.size() > 1000);
  CHECK(cv::imdecode(bytes, cv::IMREAD_COLOR).size() == clean.image.size());
}
