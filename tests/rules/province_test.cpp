// Province rows (province_rules.json, from seed 001 其他材料 and province-rules.md).
#include <catch2/catch.hpp>

#include "beian/report.h"
#include "tests/rules/rules_fixture.h"

using namespace beian;
using namespace beian::test;

namespace {
// The unit order moved to `province` with a licence address there.
Order unit_in(const std::string& province, const std::string& address) {
  auto o = unit_order();
  o.province = province;
  o.subject.certificate_address = address;
  o.subject.mailing_address = address;
  return o;
}
// The personal order moved to `province`, the person's ID from `region`.
Order individual_in(const std::string& province, const std::string& region) {
  auto o = individual_order();
  o.province = province;
  o.subject.certificate_number = id_number(region, {1995, 7, 9}, 35);
  o.subject_owner.id_number = o.subject.certificate_number;
  o.websites[0].owner = o.subject_owner;
  return o;
}
std::vector<std::string> materials(const std::vector<Finding>& findings, const std::string& code) {
  std::vector<std::string> out;
  for (const auto& f : findings)
    if (f.code == code) out.push_back(evidence(f, "material_zh"));
  return out;
}
}  // namespace

TEST_CASE("the filing province must be the unit certificate's", "[rules][province]") {
  auto o = unit_order();
  o.province = "广东";
  const auto findings = check(o);
  const Finding& f = first(findings, "SUBJECT_PROVINCE_MISMATCH");
  CHECK(evidence(f, "certificate_province") == "北京");
  // Without an address the credit code's region decides.
  o.subject.certificate_address.clear();
  CHECK(evidence(first(check(o), "SUBJECT_PROVINCE_MISMATCH"), "basis") == o.subject.certificate_number);
}

TEST_CASE("domain certificates: always in 湖南, from 4 domains in 山东", "[rules][province]") {
  auto o = unit_in("湖南", "湖南省长沙市岳麓区样本路1号");
  auto findings = check(o);
  CHECK(materials(findings, "PROVINCE_MATERIAL_NEEDED") == std::vector<std::string>{"域名证书"});
  CHECK(first(findings, "PROVINCE_MATERIAL_NEEDED").severity == Severity::kWarning);
  CHECK(count(findings, "PROVINCE_LIMIT_EXCEEDED") == 1);  // 湖南: one domain per website

  o = unit_in("山东", "山东省济南市历下区样本路1号");
  o.websites[0].domains = {"example.cn", "example.com.cn", "example.net"};
  o.websites[0].remarks = "所有域名均指向同一个网站";
  findings = check(o);
  INFO(codes(findings));
  CHECK(findings.empty());
  o.websites[0].domains.push_back("example.top");
  CHECK(materials(check(o), "PROVINCE_MATERIAL_NEEDED") == std::vector<std::string>{"域名证书"});
}

TEST_CASE("authorisation letters when an owner is not the legal representative", "[rules][province]") {
  auto o = unit_in("湖北", "湖北省武汉市洪山区样本路1号");
  auto findings = check(o);  // website owner 林示例 is not 陈样本
  const Finding& f = first(findings, "PROVINCE_MATERIAL_MISSING");
  CHECK(evidence(f, "document_id") == "authorisation_letter");
  CHECK(evidence(f, "applies_to") == "样本网络科技官网");
  o.uploads.push_back({"letter.jpg", DocumentType::kAuthorisationLetter, "website_owner", 1});
  CHECK(count(check(o), "PROVINCE_MATERIAL_MISSING") == 0);
  o.uploads.pop_back();
  o.websites[0].owner = o.subject_owner;  // the legal representative owns the website
  CHECK(count(check(o), "PROVINCE_MATERIAL_MISSING") == 0);

  // 河南: the subject owner's letter replaces the national warning.
  o = unit_in("河南", "河南省郑州市金水区样本路1号");
  o.subject.legal_representative = "王法人";
  o.uploads.push_back({"promise.jpg", DocumentType::kCommitmentLetter, "", 0});
  findings = check(o);
  CHECK(count(findings, "SUBJECT_OWNER_NOT_LEGAL_REP") == 0);
  CHECK(materials(findings, "PROVINCE_MATERIAL_MISSING") == std::vector<std::string>{"主体负责人法人授权书"});
}

TEST_CASE("广东's commitment letter from 2021-06-21", "[rules][province]") {
  auto o = unit_in("广东", "广东省深圳市南山区样本路8号");
  CHECK(evidence(first(check(o), "PROVINCE_MATERIAL_MISSING"), "document_id") == "commitment_letter");
  o.uploads.push_back({"promise.pdf.jpg", DocumentType::kCommitmentLetter, "", 0});
  CHECK(count(check(o), "PROVINCE_MATERIAL_MISSING") == 0);
  o.uploads.pop_back();
  o.filing_date = {2021, 6, 20};
  CHECK(count(rules::check_order(o, declared(o), o.filing_date), "PROVINCE_MATERIAL_MISSING") == 0);
}

TEST_CASE("out-of-province ID cards for personal filings", "[rules][province]") {
  auto findings = check(individual_in("山西", "110101"));
  CHECK(evidence(first(findings, "PROVINCE_OUT_OF_PROVINCE_ID_REJECTED"), "home_province") == "北京");
  CHECK(count(check(individual_in("山西", "140105")), "PROVINCE_OUT_OF_PROVINCE_ID_REJECTED") == 0);

  auto o = individual_in("上海", "110101");
  CHECK(materials(check(o), "PROVINCE_MATERIAL_NEEDED") == std::vector<std::string>{"居住证（有效期≥1个月，学生证不可）"});
  // The address on the card outranks the number's region (people move).
  auto docs = declared(o);
  attach(docs, read_result("front.jpg", DocumentType::kIdFront, {{"address", "上海市黄浦区示例路1弄2号"}}));
  CHECK(count(check(o, docs), "PROVINCE_MATERIAL_NEEDED") == 0);
}

TEST_CASE("foreign individuals in 河北", "[rules][province]") {
  auto o = individual_in("河北", "130102");
  o.subject.certificate_type = "护照";
  o.subject.certificate_number = "E12345678";
  o.subject_owner.id_type = "护照";
  o.subject_owner.id_number = "E12345678";
  o.websites[0].owner = o.subject_owner;
  CHECK(count(check(o), "PROVINCE_FOREIGN_INDIVIDUAL_REJECTED") == 1);
  o.province = "北京";
  CHECK(count(check(o), "PROVINCE_FOREIGN_INDIVIDUAL_REJECTED") == 0);
}

TEST_CASE("service content, domain suffixes, addresses, remarks", "[rules][province]") {
  auto o = individual_in("陕西", "610102");
  auto findings = check(o);
  CHECK(evidence(first(findings, "PROVINCE_SERVICE_CONTENT_NOT_ALLOWED"), "content") == "博客/个人空间");
  o.websites[0].service_content = "摄影作品展示";
  CHECK(count(check(o), "PROVINCE_SERVICE_CONTENT_NOT_ALLOWED") == 0);

  o = individual_in("重庆", "500103");
  o.websites[0].domains = {"zhangphoto.org"};
  CHECK(evidence(first(check(o), "PROVINCE_DOMAIN_SUFFIX_NOT_ALLOWED"), "suffix") == "org");

  o = unit_in("河北", "河北省石家庄市长安区样本路1号");
  CHECK(count(check(o), "PROVINCE_ADDRESS_CROSS_CITY") == 0);
  o.subject.mailing_address = "河北省保定市竞秀区样本路2号";
  const auto cross = check(o);
  const Finding& f = first(cross, "PROVINCE_ADDRESS_CROSS_CITY");
  CHECK(evidence(f, "certificate_city") == "石家庄市");
  CHECK(evidence(f, "mailing_city") == "保定市");

  o = unit_in("山东", "山东省济南市历下区样本路1号");
  CHECK(count(check(o), "PROVINCE_REMARKS_STATEMENT_MISSING") == 1);  // two domains, no statement

  o = individual_order();
  o.websites[0].remarks.clear();
  CHECK(first(check(o), "WEBSITE_REMARKS_MISSING").severity == Severity::kWarning);
}

TEST_CASE("reminders are notes that leave the verdict alone", "[rules][province]") {
  auto o = unit_in("海南", "海南省海口市龙华区样本路1号");
  const auto findings = check(o);
  INFO(codes(findings));
  REQUIRE(count(findings, "PROVINCE_REMINDER") == 1);
  CHECK(first(findings, "PROVINCE_REMINDER").severity == Severity::kInfo);
  CHECK(first(findings, "PROVINCE_REMINDER").message_zh.find("海南省市场监督管理局商事登记专用章") != std::string::npos);
  CHECK(verdict_for(findings) == Verdict::kReady);
}

TEST_CASE("江西: a subject's websites may not share a name", "[rules][province]") {
  auto o = unit_in("江西", "江西省南昌市东湖区样本路1号");
  Website second = o.websites[0];
  second.domains = {"example-two.cn"};
  second.domain_holder.reset();
  o.websites.push_back(second);
  CHECK(count(check(o), "PROVINCE_DUPLICATE_WEBSITE_NAME") == 1);
  o.websites[1].name = "样本网络科技商城";
  CHECK(count(check(o), "PROVINCE_DUPLICATE_WEBSITE_NAME") == 0);
}
