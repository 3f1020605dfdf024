// Cross-document consistency on hand-made reader results: the rules fire only on fields a
// reader filled.
#include <catch2/catch.hpp>

#include "beian/report.h"
#include "tests/rules/rules_fixture.h"

using namespace beian;
using namespace beian::test;

namespace {
struct Unit {
  Order order = unit_order();
  std::vector<rules::DocumentFacts> docs = declared(order);
};
}  // namespace

TEST_CASE("the licence read matches the order", "[rules][consistency]") {
  Unit u;
  const Order& o = u.order;
  attach(u.docs, read_result("licence.jpg", DocumentType::kBusinessLicence,
                             {{"credit_code", o.subject.certificate_number}, {"name", "北京样本网络科技有限公司"},
                              {"legal_representative", "陈样本"}, {"address", "北京市海淀区样本路8号"},
                              {"business_term_until", "长期"}, {"qr_credit_code", o.subject.certificate_number}}));
  auto findings = check(o, u.docs);
  INFO(codes(findings));
  CHECK(findings.empty());

  attach(u.docs, read_result("licence.jpg", DocumentType::kBusinessLicence,
                             {{"credit_code", "91110108MA01ZZZZZZ"}, {"name", "北京样本网络技术有限公司"},
                              {"legal_representative", "陈别人"}, {"qr_credit_code", "91110108MA01YYYYYY"}}));
  findings = check(o, u.docs);
  CHECK(count(findings, "CERTIFICATE_NAME_MISMATCH") == 1);
  CHECK(count(findings, "CERTIFICATE_NUMBER_MISMATCH") == 1);
  CHECK(count(findings, "CERTIFICATE_QR_MISMATCH") == 1);
  CHECK(count(findings, "CERTIFICATE_LEGAL_REP_MISMATCH") == 1);
  CHECK(first(findings, "CERTIFICATE_NAME_MISMATCH").file == "licence.jpg");
  CHECK(first(findings, "CERTIFICATE_NAME_MISMATCH").field == "name");
}

TEST_CASE("full-width brackets and spaces do not make a mismatch", "[rules][consistency]") {
  Unit u;
  u.order.subject.name = "北京样本网络科技有限公司（分公司）";
  u.order.websites[0].domain_holder->name = u.order.subject.name;
  attach(u.docs, read_result("licence.jpg", DocumentType::kBusinessLicence, {{"name", "北京样本网络科技有限公司 (分公司)"}}));
  CHECK(count(check(u.order, u.docs), "CERTIFICATE_NAME_MISMATCH") == 0);
}

TEST_CASE("licence term: 3 months after the filing date", "[rules][consistency]") {
  Unit u;
  attach(u.docs, read_result("licence.jpg", DocumentType::kBusinessLicence, {{"business_term_until", "2027-02-22"}}));
  CHECK(check(u.order, u.docs).empty());  // exactly three months
  attach(u.docs, read_result("licence.jpg", DocumentType::kBusinessLicence, {{"business_term_until", "2027-02-21"}}));
  CHECK(count(check(u.order, u.docs), "CERTIFICATE_EXPIRES_SOON") == 1);
  attach(u.docs, read_result("licence.jpg", DocumentType::kBusinessLicence, {{"business_term_until", "2026-11-21"}}));
  CHECK(count(check(u.order, u.docs), "CERTIFICATE_EXPIRED_AT_FILING") == 1);
}

TEST_CASE("each owner's ID card: name, number and validity", "[rules][consistency]") {
  Unit u;
  const Person& owner = u.order.websites[0].owner;
  attach(u.docs, read_result("web_front.jpg", DocumentType::kIdFront, {{"name", "林示例"}, {"id_number", owner.id_number}}));
  attach(u.docs, read_result("web_back.jpg", DocumentType::kIdBack, {{"valid_from", "2015-03-17"}, {"valid_until", "2035-03-17"}}));
  CHECK(check(u.order, u.docs).empty());

  const std::string other = id_number("110105", {1992, 3, 15}, 26);
  attach(u.docs, read_result("web_front.jpg", DocumentType::kIdFront, {{"name", "林别人"}, {"id_number", other}}));
  attach(u.docs, read_result("web_back.jpg", DocumentType::kIdBack, {{"valid_until", "2027-01-31"}}));
  const auto findings = check(u.order, u.docs);
  CHECK(evidence(first(findings, "ID_NAME_MISMATCH"), "read") == "林别人");
  const Finding& number = first(findings, "ID_NUMBER_MISMATCH");
  CHECK(evidence(number, "read").find(other) == std::string::npos);  // masked
  const Finding& soon = first(findings, "ID_EXPIRES_SOON");
  CHECK(soon.file == "web_back.jpg");
  CHECK(evidence(soon, "holder") == "林示例");
  CHECK(evidence(soon, "needed_until") == "2027-02-22");

  attach(u.docs, read_result("web_back.jpg", DocumentType::kIdBack, {{"valid_until", "长期"}}));
  CHECK(count(check(u.order, u.docs), "ID_EXPIRES_SOON") == 0);
  attach(u.docs, read_result("web_back.jpg", DocumentType::kIdBack, {{"valid_until", "2026-10-01"}}));
  CHECK(count(check(u.order, u.docs), "ID_EXPIRED_AT_FILING") == 1);
}

TEST_CASE("passports: Latin names compared with Latin names only; expiry", "[rules][consistency]") {
  Unit u;
  Person& owner = u.order.websites[0].owner;
  owner.id_type = "护照";
  owner.id_number = "E12345678";
  owner.name = "SMITH JOHN";
  u.order.uploads[3] = {"passport.jpg", DocumentType::kPassport, "website_owner", 1};
  u.order.uploads.erase(u.order.uploads.begin() + 4);
  u.docs = declared(u.order);
  attach(u.docs, read_result("passport.jpg", DocumentType::kPassport,
                             {{"surname", "SMITH"}, {"given_names", "JOHN"}, {"document_number", "E12345678"}, {"expiry_date", "2030-01-01"}}));
  auto findings = check(u.order, u.docs);
  INFO(codes(findings));
  CHECK(findings.empty());
  owner.name = "史密斯";
  CHECK(count(check(u.order, u.docs), "ID_NAME_MISMATCH") == 0);  // not comparable
  attach(u.docs, read_result("passport.jpg", DocumentType::kPassport,
                             {{"surname", "SMYTHE"}, {"document_number", "E12345679"}, {"expiry_date", "2027-01-01"}}));
  owner.name = "SMITH JOHN";
  findings = check(u.order, u.docs);
  CHECK(count(findings, "ID_NAME_MISMATCH") == 1);
  CHECK(count(findings, "ID_NUMBER_MISMATCH") == 1);
  CHECK(count(findings, "ID_EXPIRES_SOON") == 1);
}

TEST_CASE("rules stay silent when the readers found nothing", "[rules][consistency]") {
  Unit u;
  attach(u.docs, read_result("licence.jpg", DocumentType::kBusinessLicence, {}));
  attach(u.docs, read_result("web_back.jpg", DocumentType::kIdBack, {{"valid_until", "not a date"}}));
  CHECK(check(u.order, u.docs).empty());
}

TEST_CASE("a mismatch against an unsure reading asks for review instead of blocking", "[rules][consistency]") {
  Unit u;
  const Order& o = u.order;
  // 致远 misread as 致迁 with a low confidence: the order may well be right.
  auto licence = read_result("licence.jpg", DocumentType::kBusinessLicence,
                             {{"name", "北京样本网络科技有限公司"}, {"legal_representative", "陈别人"}});
  for (auto& [name, value] : licence.fields)
    if (name == "legal_representative") value.confidence = 0.62;
  attach(u.docs, licence);
  auto findings = check(o, u.docs);
  INFO(codes(findings));
  CHECK(count(findings, "CERTIFICATE_LEGAL_REP_MISMATCH") == 0);
  REQUIRE(count(findings, "READ_MISMATCH_UNCERTAIN") == 1);
  const Finding& f = first(findings, "READ_MISMATCH_UNCERTAIN");
  CHECK(f.severity == Severity::kWarning);
  CHECK(f.field == "legal_representative");
  CHECK(evidence(f, "rule") == "CERTIFICATE_LEGAL_REP_MISMATCH");
  CHECK(evidence(f, "read") == "陈别人");
  CHECK(evidence(f, "expected") == "陈样本");
  CHECK(evidence(f, "read_confidence") == "0.62");
  CHECK(verdict_for(findings) == Verdict::kNeedsReview);

  // The same reading at 0.9 is the applicant's problem.
  for (auto& [name, value] : licence.fields) value.confidence = 0.9;
  attach(u.docs, licence);
  findings = check(o, u.docs);
  CHECK(count(findings, "CERTIFICATE_LEGAL_REP_MISMATCH") == 1);
  CHECK(count(findings, "READ_MISMATCH_UNCERTAIN") == 0);
  CHECK(verdict_for(findings) == Verdict::kFixFirst);
}

TEST_CASE("an unsure ID number mismatch keeps the numbers masked", "[rules][consistency]") {
  Unit u;
  const std::string other = id_number("110105", {1992, 3, 15}, 26);
  auto front = read_result("web_front.jpg", DocumentType::kIdFront, {{"name", "林示例"}, {"id_number", other}});
  for (auto& [name, value] : front.fields) value.confidence = 0.72;
  attach(u.docs, front);
  const auto findings = check(u.order, u.docs);
  INFO(codes(findings));
  REQUIRE(count(findings, "READ_MISMATCH_UNCERTAIN") == 1);
  const Finding& f = first(findings, "READ_MISMATCH_UNCERTAIN");
  CHECK(evidence(f, "rule") == "ID_NUMBER_MISMATCH");
  CHECK(evidence(f, "read").find(other) == std::string::npos);
  CHECK(f.message_en.find(other) == std::string::npos);
  CHECK(count(findings, "ID_NUMBER_MISMATCH") == 0);
}

TEST_CASE("a confident name reading one character from the manifest asks for review", "[rules][consistency]") {
  Unit u;
  // A rare character misread with a high character confidence: 远 → 迁.
  attach(u.docs, read_result("licence.jpg", DocumentType::kBusinessLicence, {{"name", "北京样本网络科迁有限公司"}}));
  auto findings = check(u.order, u.docs);
  INFO(codes(findings));
  CHECK(count(findings, "CERTIFICATE_NAME_MISMATCH") == 0);
  REQUIRE(count(findings, "READ_MISMATCH_UNCERTAIN") == 1);
  CHECK(evidence(first(findings, "READ_MISMATCH_UNCERTAIN"), "rule") == "CERTIFICATE_NAME_MISMATCH");
  // Two characters apart (科技 → 技术) at the same confidence: a different name, an error.
  attach(u.docs, read_result("licence.jpg", DocumentType::kBusinessLicence, {{"name", "北京样本网络技术有限公司"}}));
  findings = check(u.order, u.docs);
  CHECK(count(findings, "CERTIFICATE_NAME_MISMATCH") == 1);
  CHECK(count(findings, "READ_MISMATCH_UNCERTAIN") == 0);
}
