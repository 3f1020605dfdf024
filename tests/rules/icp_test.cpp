#include <catch2/catch.hpp>

#include "tests/rules/rules_fixture.h"

using namespace beian;
using namespace beian::test;

namespace {
Order access_order(const std::string& subject_number, const std::string& website_number) {
  auto o = unit_order();
  o.filing_type = FilingType::kAccessFiling;
  o.subject.icp_number = subject_number;
  o.websites[0].icp_number = website_number;
  return o;
}
}  // namespace

TEST_CASE("ICP numbers: format, spaces as in the seed, 10-digit serials", "[rules][icp]") {
  CHECK(check(access_order("京 ICP 备 11018762 号", "京ICP备11018762号-11")).empty());
  CHECK(check(access_order("京ICP备2024012345号", "京ICP备2024012345号-1")).empty());
  for (const std::string bad : {"京ICP证110187号", "京ICP备1101876号", "ICP备11018762号", "京公网安备11010802020001号"}) {
    INFO(bad);
    CHECK(count(check(access_order(bad, "京ICP备11018762号-11")), "ICP_NUMBER_INVALID") == 1);
  }
}

TEST_CASE("ICP numbers: province, subject vs website number, duplicates", "[rules][icp]") {
  auto findings = check(access_order("粤ICP备11018762号", "粤ICP备11018762号-1"));
  CHECK(count(findings, "ICP_NUMBER_PROVINCE_MISMATCH") == 1);  // judged once, on the subject number
  CHECK(evidence(first(findings, "ICP_NUMBER_PROVINCE_MISMATCH"), "number_province") == "广东");

  CHECK(count(check(access_order("京ICP备11018762号-2", "京ICP备11018762号-2")), "ICP_SUBJECT_NUMBER_IS_WEBSITE_NUMBER") == 1);
  CHECK(count(check(access_order("京ICP备11018762号", "京ICP备11018762号")), "ICP_WEBSITE_NUMBER_WITHOUT_INDEX") == 1);
  CHECK(count(check(access_order("京ICP备11018762号", "京ICP备99999999号-1")), "ICP_WEBSITE_NUMBER_OTHER_SUBJECT") == 1);

  auto o = access_order("京ICP备11018762号", "京ICP备11018762号-1");
  Website second = o.websites[0];
  second.domains = {"other-example.cn"};
  second.domain_holder.reset();
  o.websites.push_back(second);
  findings = check(o);
  CHECK(count(findings, "ICP_WEBSITE_NUMBER_DUPLICATE") == 1);
  o.websites[1].icp_number = "京ICP备11018762号-2";
  CHECK(count(check(o), "ICP_WEBSITE_NUMBER_DUPLICATE") == 0);
}
