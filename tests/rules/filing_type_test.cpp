#include <catch2/catch.hpp>

#include "tests/rules/rules_fixture.h"

using namespace beian;
using namespace beian::test;

TEST_CASE("首次备案 with an existing subject number suggests 新增网站", "[rules][filing]") {
  auto o = unit_order();
  o.subject.icp_number = "京ICP备11018762号";
  const auto findings = check(o);
  const Finding& f = first(findings, "FILING_SUBJECT_ICP_UNEXPECTED");
  CHECK(evidence(f, "suggested") == "新增网站");
  CHECK(f.field == "/subject/icp_number");
}

TEST_CASE("接入备案 needs the subject and website numbers", "[rules][filing]") {
  auto o = unit_order();
  o.filing_type = FilingType::kAccessFiling;
  auto findings = check(o);
  CHECK(count(findings, "FILING_SUBJECT_ICP_MISSING") == 1);
  CHECK(count(findings, "FILING_WEBSITE_ICP_MISSING") == 1);
  CHECK(evidence(first(findings, "FILING_SUBJECT_ICP_MISSING"), "suggested") == "首次备案");

  o.subject.icp_number = "京ICP备11018762号";
  o.websites[0].icp_number = "京ICP备11018762号-3";
  findings = check(o);
  INFO(codes(findings));
  CHECK(findings.empty());
}

TEST_CASE("新增网站 with a numbered website points to 接入备案", "[rules][filing]") {
  auto o = unit_order();
  o.filing_type = FilingType::kNewWebsite;
  o.subject.icp_number = "京ICP备11018762号";
  CHECK(check(o).empty());
  o.websites[0].icp_number = "京ICP备11018762号-2";
  const auto findings = check(o);
  CHECK(evidence(first(findings, "FILING_WEBSITE_ICP_UNEXPECTED"), "suggested") == "接入备案");
}

TEST_CASE("a filing that adds websites needs websites and cloud resources", "[rules][filing]") {
  auto o = unit_order();
  o.websites[0].cloud_resource = {};
  CHECK(count(check(o), "FILING_CLOUD_RESOURCE_MISSING") == 1);
  o.websites.clear();
  o.uploads.resize(3);  // no website owner any more
  const auto findings = check(o);
  CHECK(count(findings, "FILING_WEBSITES_MISSING") == 1);
}

TEST_CASE("注销主体 needs no website rules, no cloud resource, no materials", "[rules][filing]") {
  auto o = unit_order();
  o.filing_type = FilingType::kCancelSubject;
  o.subject.icp_number = "京ICP备11018762号";
  o.websites[0].name = "1";            // would break the name rules
  o.websites[0].cloud_resource = {};   // would be missing for an adding filing
  o.uploads.clear();                   // would be missing materials
  const auto findings = check(o);
  INFO(codes(findings));
  CHECK(findings.empty());
}
