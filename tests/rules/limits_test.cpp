#include <catch2/catch.hpp>

#include "tests/rules/rules_fixture.h"

using namespace beian;
using namespace beian::test;

namespace {
Order with_websites(int n) {
  auto o = unit_order();
  const Website w = o.websites[0];
  o.websites.clear();
  for (int i = 0; i < n; ++i) {
    Website copy = w;
    copy.domains = {"example" + std::to_string(i) + ".cn"};
    copy.domain_holder.reset();
    o.websites.push_back(copy);
  }
  return o;
}
}  // namespace

TEST_CASE("at most 10 websites per order and 10 domains per website", "[rules][limits]") {
  CHECK(count(check(with_websites(10)), "ORDER_TOO_MANY_WEBSITES") == 0);
  const auto findings = check(with_websites(11));
  const Finding& f = first(findings, "ORDER_TOO_MANY_WEBSITES");
  CHECK(evidence(f, "count") == "11");
  CHECK(evidence(f, "limit") == "10");

  auto o = unit_order();
  o.websites[0].domains.clear();
  for (int i = 0; i < 10; ++i) o.websites[0].domains.push_back("site" + std::to_string(i) + ".cn");
  CHECK(count(check(o), "WEBSITE_TOO_MANY_DOMAINS") == 0);
  o.websites[0].domains.push_back("site10.cn");
  CHECK(count(check(o), "WEBSITE_TOO_MANY_DOMAINS") == 1);
}

TEST_CASE("one order in progress and one subject per account", "[rules][limits]") {
  auto o = unit_order();
  o.account = Account{"100012345", 0, {"北京样本网络科技有限公司"}};
  CHECK(check(o).empty());
  o.account->orders_in_progress = 1;
  CHECK(count(check(o), "ACCOUNT_ORDER_IN_PROGRESS") == 1);
  o.account->orders_in_progress = 0;
  o.account->subjects = {"另一家示例有限公司"};
  CHECK(count(check(o), "ACCOUNT_OTHER_SUBJECT") == 1);
  // The subject may be listed by its certificate number.
  o.account->subjects = {o.subject.certificate_number};
  CHECK(count(check(o), "ACCOUNT_OTHER_SUBJECT") == 0);
}
