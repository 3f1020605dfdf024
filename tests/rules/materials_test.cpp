// Required uploads (seed 001 备案材料): the unit certificate, each person's identity documents
// for their identity, the website owners' portraits.
#include <catch2/catch.hpp>

#include "tests/rules/rules_fixture.h"

using namespace beian;
using namespace beian::test;

namespace {
void drop(Order& o, const std::string& file) {
  o.uploads.erase(std::remove_if(o.uploads.begin(), o.uploads.end(), [&](const auto& u) { return u.file == file; }), o.uploads.end());
}
}  // namespace

TEST_CASE("missing certificate, ID sides and portrait are reported per person", "[rules][materials]") {
  auto o = unit_order();
  drop(o, "licence.jpg");
  drop(o, "web_back.jpg");
  drop(o, "portrait.jpg");
  const auto findings = check(o);
  CHECK(count(findings, "MATERIAL_MISSING") == 3);
  std::vector<std::string> missing;
  for (const auto& f : findings)
    if (f.code == "MATERIAL_MISSING") missing.push_back(evidence(f, "document_id") + "/" + evidence(f, "person"));
  CHECK(missing == std::vector<std::string>{"business_licence/北京样本网络科技有限公司", "id_back/林示例", "portrait/林示例"});
}

TEST_CASE("one person holding two roles needs one set of documents", "[rules][materials]") {
  auto o = unit_order();
  o.websites[0].owner = o.subject_owner;
  drop(o, "web_front.jpg");
  drop(o, "web_back.jpg");
  const auto findings = check(o);
  INFO(codes(findings));
  CHECK(findings.empty());
}

TEST_CASE("the identity decides the document: passport for a foreigner", "[rules][materials]") {
  auto o = unit_order();
  o.websites[0].owner.id_type = "护照";
  o.websites[0].owner.id_number = "E12345678";
  auto findings = check(o);  // ID card sides uploaded for a passport holder
  CHECK(evidence(first(findings, "MATERIAL_WRONG_IDENTITY_DOCUMENT"), "expected") == std::string(display_name_zh(DocumentType::kPassport)));
  o.uploads[3] = {"web_passport.jpg", DocumentType::kPassport, "website_owner", 1};
  o.uploads.erase(o.uploads.begin() + 4);
  findings = check(o);
  INFO(codes(findings));
  CHECK(findings.empty());
}

TEST_CASE("a unit certificate of the wrong kind", "[rules][materials]") {
  auto o = unit_order();
  o.uploads[0].document = DocumentType::kOrgCodeCertificate;
  CHECK(first(check(o), "MATERIAL_WRONG_CERTIFICATE").file == "licence.jpg");
}

TEST_CASE("readers decide undeclared uploads; without them presence is only unconfirmed", "[rules][materials]") {
  auto o = unit_order();
  o.uploads[0].document.reset();  // the licence, undeclared
  auto docs = declared(o);
  auto findings = check(o, docs);
  CHECK(count(findings, "MATERIAL_MISSING") == 0);
  CHECK(first(findings, "MATERIAL_UNCONFIRMED").severity == Severity::kWarning);

  attach(docs, read_result("licence.jpg", DocumentType::kBusinessLicence, {}));
  findings = check(o, docs);
  INFO(codes(findings));
  CHECK(findings.empty());

  docs = declared(o);
  attach(docs, read_result("licence.jpg", DocumentType::kNotDocument, {}));
  CHECK(count(check(o, docs), "MATERIAL_MISSING") == 1);
}

TEST_CASE("an upload that names nobody is matched by the ID number its reader found", "[rules][materials]") {
  auto o = unit_order();
  for (auto& u : o.uploads) {
    u.person.clear();
    u.website = 0;
  }
  auto docs = declared(o);
  attach(docs, read_result("owner_front.jpg", DocumentType::kIdFront, {{"name", "陈样本"}, {"id_number", o.subject_owner.id_number}}));
  attach(docs, read_result("web_front.jpg", DocumentType::kIdFront, {{"name", "林示例"}, {"id_number", o.websites[0].owner.id_number}}));
  const auto findings = check(o, docs);
  INFO(codes(findings));
  CHECK(findings.empty());
}
