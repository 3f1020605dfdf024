// Bad uploads of licences, passports and permits (issue 5), made from generated specimens by
// damaging the paper before the photo is taken or by showing it on a screen: a licence
// photographed on a screen, a licence with its QR code torn off, an expired licence, a
// passport whose machine-readable zone is partly rubbed out, a licence and a travel permit
// photographed small. Each must end in a clear finding, and never in a wrong credit code or
// document number held with confidence 0.9 or more.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>

#include <opencv2/imgproc.hpp>

#include "ocr/layout/document_layout.h"
#include "ocr/recognizer.h"
#include "samples/identity.h"
#include "tests/licence/specimen_shot.h"
#include "tests/support/reader_test_support.h"

using namespace beian;
using beian::test::has_finding;
using beian::test::value;

namespace {

const Date kToday = beian::test::kSpecimenToday;

const ocr::Recognizer& recognizer() { return beian::test::specimen_recognizer(); }

// A present value held with confidence ≥ 0.9 must be the truth; a missing one is fine.
void never_confidently_wrong(const DocumentResult& r, const std::string& field, const std::string& truth) {
  const FieldValue* f = r.field(field);
  if (!f || !f->present() || f->confidence < 0.9) return;
  INFO(field << ": read '" << f->value << "' at " << f->confidence << ", truth '" << truth << "'");
  CHECK(f->value == truth);
}

const Finding* finding(const DocumentResult& r, const std::string& code) {
  for (const auto& f : r.findings)
    if (f.code == code) return &f;
  return nullptr;
}

std::string codes(const DocumentResult& r) {
  std::string out;
  for (const auto& f : r.findings) out += f.code + " ";
  return out;
}

// `doc` shown on a display and photographed there: every `pitch` paper pixels one screen pixel
// of three vertical red/green/blue stripes with a dark row gap, the display's gamma, the
// camera's exposure making up for the dark grid, and the slight blur of focusing on glass.
cv::Mat on_screen(const cv::Mat& doc, double pitch) {
  cv::Mat out(doc.size(), CV_8UC3);
  for (int y = 0; y < doc.rows; ++y) {
    const bool gap = std::fmod(y, pitch) > 0.75 * pitch;
    for (int x = 0; x < doc.cols; ++x) {
      const int stripe = static_cast<int>(std::floor(x * 3.0 / pitch)) % 3;  // 0 red, 1 green, 2 blue
      const auto& in = doc.at<cv::Vec3b>(y, x);
      auto& o = out.at<cv::Vec3b>(y, x);
      for (int c = 0; c < 3; ++c) {  // BGR
        const double lit = (2 - c == stripe ? 1.0 : 0.3) * (gap ? 0.35 : 1.0);
        const double v = std::pow(in[c] / 255.0, 0.8) * lit * 1.9;
        o[c] = cv::saturate_cast<uchar>(255.0 * v);
      }
    }
  }
  cv::GaussianBlur(out, out, cv::Size(), 0.6);
  return out;
}

samples::Unit licence_unit(samples::Random& rng) {
  samples::IdentityFactory ids(rng, kToday);
  const samples::Person p = ids.person();
  return ids.unit(DocumentType::kBusinessLicence, p.name);
}

}  // namespace

TEST_CASE("a business licence photographed on a screen: LICENCE_SCREEN_PHOTO, no confident wrong code", "[licence][bad]") {
  samples::Random rng(5601);
  const samples::Unit u = licence_unit(rng);
  const auto specimen = samples::unit_certificate_specimen(u);
  const cv::Mat doc = test::paint_specimen(specimen, rng);
  const test::Shot shot = test::photograph_painted(specimen, on_screen(doc, 4.5), samples::Level::kClean, rng);
  const DocumentResult r = recognizer().recognize(shot.image, "screen.jpg");
  INFO("findings: " << codes(r));
  CHECK(r.type == DocumentType::kBusinessLicence);
  CHECK(has_finding(r, "LICENCE_SCREEN_PHOTO"));
  never_confidently_wrong(r, "credit_code", u.credit_code);
}

TEST_CASE("a business licence with its QR code torn off: LICENCE_QR_MISSING, the code from print or missing", "[licence][bad]") {
  samples::Random rng(5602);
  const samples::Unit u = licence_unit(rng);
  const auto specimen = samples::unit_certificate_specimen(u);
  cv::Mat doc = test::paint_specimen(specimen, rng);
  // The corner of the page with the QR code torn away: a ragged edge, the table showing through.
  const auto& layout = ocr::document_layout(DocumentType::kBusinessLicence);
  cv::Rect qr;
  for (const auto& [name, area] : layout.areas)
    if (name == "qr") qr = layout.scale(area, doc.size());
  REQUIRE(!qr.empty());
  const int m = qr.width / 8;
  const std::vector<cv::Point> torn{{qr.x - m, qr.y - m},          {qr.br().x + m, qr.y - 2 * m},
                                    {qr.br().x + m / 2, qr.br().y + m}, {qr.x + qr.width / 2, qr.br().y + m / 3},
                                    {qr.x - m / 2, qr.br().y + m},  {qr.x - 2 * m, qr.y + qr.height / 2}};
  cv::fillPoly(doc, std::vector<std::vector<cv::Point>>{torn}, cv::Scalar(214, 220, 224), cv::LINE_AA);
  const test::Shot shot = test::photograph_painted(specimen, doc, samples::Level::kPhoto, rng);
  const DocumentResult r = recognizer().recognize(shot.image, "torn.jpg");
  INFO("findings: " << codes(r));
  REQUIRE(r.type == DocumentType::kBusinessLicence);
  CHECK(has_finding(r, "LICENCE_QR_MISSING"));
  CHECK(value(r, "qr_credit_code").empty());
  never_confidently_wrong(r, "credit_code", u.credit_code);
}

TEST_CASE("an expired business licence: LICENCE_EXPIRED with the term's end, on an ordinary photo", "[licence][bad]") {
  samples::Random rng(5603);
  samples::Unit u = licence_unit(rng);
  u.term_from = Date{2006, 4, 1};
  u.term_until = Date{2026, 3, 31};  // before the filing day
  const auto specimen = samples::unit_certificate_specimen(u);
  const test::Shot shot = test::photograph_specimen(specimen, samples::Level::kPhoto, rng);
  const DocumentResult r = recognizer().recognize(shot.image, "expired.jpg");
  INFO("findings: " << codes(r));
  REQUIRE(r.type == DocumentType::kBusinessLicence);
  const Finding* expired = finding(r, "LICENCE_EXPIRED");
  REQUIRE(expired);
  CHECK(expired->field == "business_term_until");
  CHECK(value(r, "business_term_until") == "2026-03-31");
  never_confidently_wrong(r, "credit_code", u.credit_code);
  // A paper photo shows no screen pattern.
  CHECK_FALSE(has_finding(r, "LICENCE_SCREEN_PHOTO"));
}

TEST_CASE("a business licence photographed small: OCR_LOW_RESOLUTION with its width, fields named in Chinese", "[licence][bad]") {
  samples::Random rng(5605);
  const samples::Unit u = licence_unit(rng);
  const auto specimen = samples::unit_certificate_specimen(u);
  test::Shot shot = test::photograph_specimen(specimen, samples::Level::kPhoto, rng);
  // The same photo at 0.4 of its size: the page some 800 px wide, its text ~13 px high.
  cv::Mat small;
  cv::resize(shot.image, small, cv::Size(), 0.4, 0.4, cv::INTER_AREA);
  const DocumentResult r = recognizer().recognize(small, "far.jpg");
  INFO("findings: " << codes(r));
  REQUIRE(r.type == DocumentType::kBusinessLicence);
  const Finding* low = finding(r, "OCR_LOW_RESOLUTION");
  REQUIRE(low);
  std::string width, threshold;
  for (const auto& [k, v] : low->evidence) {
    if (k == "value") width = v;
    if (k == "threshold") threshold = v;
  }
  CHECK(threshold == "1260");  // 20 px for the smallest (4.75 mm) text of an A4 page
  CHECK(std::stoi(width) < 1000);
  CHECK(low->message_zh.find(width) != std::string::npos);
  never_confidently_wrong(r, "credit_code", u.credit_code);
  // What is read at this size is not vouched for, except a code that passed its check characters.
  for (const auto& [name, v] : r.fields) {
    if (!v.present() || name == "credit_code" || name == "qr_credit_code") continue;
    INFO(name << " '" << v.value << "' at " << v.confidence);
    CHECK(v.confidence <= 0.6);
  }
  // A field that could not be read is named as the licence prints it, not by its key.
  for (const auto& f : r.findings) {
    if (f.code != "OCR_FIELD_UNREADABLE") continue;
    INFO(f.message_zh);
    CHECK(f.message_zh.find(f.field) == std::string::npos);
  }
}

TEST_CASE("a grey scan of a business licence: OCR_BW_COPY once, no word on the seal it cannot show", "[licence][bad]") {
  samples::Random rng(5606);
  const samples::Unit u = licence_unit(rng);
  const test::Shot shot = test::photograph_specimen(samples::unit_certificate_specimen(u), samples::Level::kClean, rng);
  cv::Mat grey;
  cv::cvtColor(shot.image, grey, cv::COLOR_BGR2GRAY);
  cv::cvtColor(grey, grey, cv::COLOR_GRAY2BGR);
  const DocumentResult r = recognizer().recognize(grey, "grey.jpg");
  INFO("findings: " << codes(r));
  REQUIRE(r.type == DocumentType::kBusinessLicence);
  const auto bw = [](const Finding& f) { return f.code == "OCR_BW_COPY"; };
  CHECK(std::count_if(r.findings.begin(), r.findings.end(), bw) == 1);
  CHECK_FALSE(has_finding(r, "LICENCE_NO_SEAL"));
  never_confidently_wrong(r, "credit_code", u.credit_code);
}

TEST_CASE("a passport whose MRZ number is rubbed out: an MRZ finding, no confident wrong number", "[passport][bad]") {
  samples::Random rng(5604);
  samples::IdentityFactory ids(rng, kToday);
  const samples::Person p = ids.person();
  const auto travel = ids.travel_document(p, DocumentType::kPassport);
  const auto specimen = samples::passport_specimen(p, travel, samples::card_portrait());
  cv::Mat doc = test::paint_specimen(specimen, rng);
  // Characters 2-6 of line 2 (inside the document number) scuffed away down to the paper.
  const auto& layout = ocr::document_layout(DocumentType::kPassport);
  const ocr::LayoutField* line2 = layout.field("mrz_line2");
  REQUIRE(line2);
  const cv::Rect box = layout.scale(line2->box, doc.size());
  const double pitch = box.width / 44.0;
  const cv::Rect scuff(box.x + static_cast<int>(2.1 * pitch), box.y, static_cast<int>(4.6 * pitch), box.height);
  const cv::Scalar paper = cv::mean(doc(cv::Rect(box.x, box.y - box.height, box.width, box.height / 2)));
  cv::rectangle(doc, scuff, paper, cv::FILLED);
  const test::Shot shot = test::photograph_painted(specimen, doc, samples::Level::kPhoto, rng);
  const DocumentResult r = recognizer().recognize(shot.image, "scuffed.jpg");
  INFO("type " << to_string(r.type) << ", findings: " << codes(r) << ", number '" << value(r, "document_number") << "'");
  // Still a passport (the zone's other checks hold); the number's check fails and says so.
  CHECK(r.type == DocumentType::kPassport);
  const Finding* failed = finding(r, "MRZ_CHECK_FAILED");
  REQUIRE(failed);
  CHECK(failed->field == "document_number");
  never_confidently_wrong(r, "document_number", shot.truth.at("document_number").get<std::string>());
  // What the zone still verifies stays usable.
  never_confidently_wrong(r, "birth_date", shot.truth.at("birth_date").get<std::string>());
}

TEST_CASE("a travel permit photographed small: OCR_LOW_RESOLUTION, its unchecked values not vouched for", "[permit][bad]") {
  samples::Random rng(5611);
  samples::IdentityFactory ids(rng, kToday);
  const samples::Person p = ids.person();
  const auto travel = ids.travel_document(p, DocumentType::kTaiwanCompatriotPermit);
  test::Shot shot = test::photograph_specimen(samples::permit_specimen(p, travel, samples::card_portrait()),
                                              samples::Level::kPhoto, rng);
  // The card some 500 px wide: its smallest print under 20 px high.
  cv::Mat small;
  cv::resize(shot.image, small, cv::Size(), 0.45, 0.45, cv::INTER_AREA);
  const DocumentResult r = recognizer().recognize(small, "far.jpg");
  INFO("findings: " << codes(r));
  REQUIRE(r.type == DocumentType::kTaiwanCompatriotPermit);
  REQUIRE(has_finding(r, "OCR_LOW_RESOLUTION"));
  // No check digit guards a taiwan_permit's printed values: none is held at more than 0.6.
  int present = 0;
  for (const auto& [name, v] : r.fields) {
    if (!v.present()) continue;
    ++present;
    INFO(name << " '" << v.value << "' at " << v.confidence);
    CHECK(v.confidence <= 0.6);
  }
  CHECK(present >= 3);  // still read, only not vouched for
}
