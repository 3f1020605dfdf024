// The subject and the people (seed 001 备案材料 tables, seed 002 步骤3/4).
#include <catch2/catch.hpp>

#include "tests/rules/rules_fixture.h"

using namespace beian;
using namespace beian::test;

TEST_CASE("the certificate type must fit the unit's nature (seed 001 table)", "[rules][subject]") {
  auto o = unit_order();
  o.subject.nature = "事业单位";  // 组织机构代码证书 or 事业单位法人证书, not a business licence
  auto findings = check(o);
  const Finding& f = first(findings, "SUBJECT_CERTIFICATE_NOT_FOR_NATURE");
  CHECK(evidence(f, "accepted") == "组织机构代码证书、事业单位法人证书");
  o.subject.certificate_type = "事业法人证书";  // alias of 事业单位法人证书
  o.uploads[0].document = DocumentType::kPublicInstitution;
  findings = check(o);
  INFO(codes(findings));
  CHECK(count(findings, "SUBJECT_CERTIFICATE_NOT_FOR_NATURE") == 0);
  CHECK(count(findings, "MATERIAL_WRONG_CERTIFICATE") == 0);

  o = unit_order();
  o.subject.certificate_type = "房产证";
  CHECK(count(check(o), "SUBJECT_CERTIFICATE_TYPE_UNKNOWN") == 1);
  o = unit_order();
  o.subject.nature = "外星机构";
  CHECK(first(check(o), "SUBJECT_NATURE_UNKNOWN").severity == Severity::kWarning);
  o.subject.nature = "个人";
  CHECK(count(check(o), "SUBJECT_KIND_NATURE_CONFLICT") == 1);
}

TEST_CASE("certificate numbers have their format", "[rules][subject]") {
  auto o = unit_order();
  o.subject.certificate_number = "91110000600037341N";  // check character wrong
  CHECK(count(check(o), "SUBJECT_CERTIFICATE_NUMBER_INVALID") == 1);
  o.subject.certificate_number = "110108000000016";  // old 15-digit registration number: accepted on a licence
  o.websites[0].domain_holder->certificate_number = o.subject.certificate_number;
  CHECK(count(check(o), "SUBJECT_CERTIFICATE_NUMBER_INVALID") == 0);
  o.subject.nature = "社会团体";
  o.subject.certificate_type = "组织机构代码证书";
  o.uploads[0].document = DocumentType::kOrgCodeCertificate;
  o.subject.certificate_number = "D2143569-X";
  CHECK(count(check(o), "SUBJECT_CERTIFICATE_NUMBER_INVALID") == 0);
  o.subject.certificate_number = "D2143569-1";
  CHECK(count(check(o), "SUBJECT_CERTIFICATE_NUMBER_INVALID") == 1);
}

TEST_CASE("people: accepted identity documents with well-formed numbers and contacts", "[rules][subject]") {
  auto o = unit_order();
  o.websites[0].owner.id_type = "驾驶证";
  CHECK(count(check(o), "PERSON_ID_TYPE_NOT_ACCEPTED") == 1);

  o = unit_order();
  o.subject_owner.id_number = "36042619910102009X";  // check digit wrong
  auto findings = check(o);
  const Finding& f = first(findings, "PERSON_ID_NUMBER_INVALID");
  CHECK(f.field == "/subject_owner/id_number");
  CHECK(evidence(f, "id_number").find("36042619910102009X") == std::string::npos);  // masked

  o = unit_order();
  o.websites[0].owner.id_type = "台胞证";
  o.websites[0].owner.id_number = "12345678";
  o.uploads[3] = {"web_permit.jpg", DocumentType::kTaiwanCompatriotPermit, "website_owner", 1};
  o.uploads.erase(o.uploads.begin() + 4);
  findings = check(o);
  INFO(codes(findings));
  CHECK(findings.empty());
  o.websites[0].owner.id_number = "A1234567";
  CHECK(count(check(o), "PERSON_ID_NUMBER_INVALID") == 1);

  o = unit_order();
  o.websites[0].owner.phone = "0755-12345678";
  findings = check(o);
  CHECK(evidence(first(findings, "PERSON_PHONE_INVALID"), "phone").find("12345678") == std::string::npos);
  o.websites[0].owner.phone = "+86 139 0000 0000";
  CHECK(count(check(o), "PERSON_PHONE_INVALID") == 0);
  o.websites[0].owner.email = "web@example";
  CHECK(count(check(o), "PERSON_EMAIL_INVALID") == 1);
  o.websites[0].owner.email.clear();
  o.websites[0].owner.phone.clear();
  CHECK(evidence(first(check(o), "PERSON_CONTACT_MISSING"), "missing") == "phone, email");
}

TEST_CASE("a personal subject is its own owner", "[rules][subject]") {
  auto o = individual_order();
  o.subject_owner.name = "李别人";
  o.websites[0].owner.name = "李别人";
  CHECK(evidence(first(check(o), "SUBJECT_INDIVIDUAL_OWNER_MISMATCH"), "differs") == "name");
  o = individual_order();
  o.subject.nature = "企业";
  CHECK(count(check(o), "SUBJECT_KIND_NATURE_CONFLICT") == 1);
}

TEST_CASE("a unit's subject owner is its legal representative, unless the province says otherwise", "[rules][subject]") {
  auto o = unit_order();
  o.subject.legal_representative = "王法人";
  auto findings = check(o);
  CHECK(first(findings, "SUBJECT_OWNER_NOT_LEGAL_REP").severity == Severity::kWarning);
  o.subject.legal_representative.clear();
  CHECK(count(check(o), "SUBJECT_LEGAL_REP_MISSING") == 1);

  // 江苏: may differ, but then the subject owner must own every website.
  o = unit_order();
  o.province = "江苏";
  o.subject.legal_representative = "王法人";
  findings = check(o);
  CHECK(count(findings, "SUBJECT_OWNER_NOT_LEGAL_REP") == 0);
  CHECK(count(findings, "SUBJECT_OWNER_NOT_WEBSITE_OWNER") == 1);
  o.websites[0].owner = o.subject_owner;
  CHECK(count(check(o), "SUBJECT_OWNER_NOT_WEBSITE_OWNER") == 0);
}
