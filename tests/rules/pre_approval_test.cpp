// 前置审批 (seed 003 §15).
#include <catch2/catch.hpp>

#include "tests/rules/rules_fixture.h"

using namespace beian;
using namespace beian::test;

TEST_CASE("declared categories must be known; 以上都不涉及 means none", "[rules][pre_approval]") {
  auto o = unit_order();
  o.websites[0].pre_approvals = {"以上都不涉及"};
  CHECK(check(o).empty());
  o.websites[0].pre_approvals = {"航天"};
  CHECK(count(check(o), "PRE_APPROVAL_UNKNOWN") == 1);
}

TEST_CASE("a declared category needs the authority's document", "[rules][pre_approval]") {
  auto o = unit_order();
  o.websites[0].pre_approvals = {"药品"};  // alias of 药品和医疗器械
  const auto findings = check(o);
  const Finding& f = first(findings, "PRE_APPROVAL_DOCUMENT_NEEDED");
  CHECK(evidence(f, "category") == "药品和医疗器械");
  CHECK(evidence(f, "authority_zh") == "省级食品药品监督管理局");
  CHECK(f.severity == Severity::kWarning);
}

TEST_CASE("individuals cannot hold pre-approvals", "[rules][pre_approval]") {
  auto o = individual_order();
  o.websites[0].pre_approvals = {"新闻"};
  CHECK(first(check(o), "PRE_APPROVAL_INDIVIDUAL").severity == Severity::kError);
}

TEST_CASE("content that looks like an undeclared category is flagged", "[rules][pre_approval]") {
  auto o = unit_order();
  o.websites[0].service_content = "在线视频点播与直播";
  auto findings = check(o);
  CHECK(evidence(first(findings, "PRE_APPROVAL_SUSPECTED"), "category") == "广播电影电视节目");
  o.websites[0].pre_approvals = {"广播电影电视节目"};
  findings = check(o);
  CHECK(count(findings, "PRE_APPROVAL_SUSPECTED") == 0);
  CHECK(count(findings, "PRE_APPROVAL_DOCUMENT_NEEDED") == 1);
}
