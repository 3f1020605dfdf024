// Cloud resources and authorisation codes (seed 002 云服务资源, seed 000).
#include <catch2/catch.hpp>

#include "tests/rules/rules_fixture.h"

using namespace beian;
using namespace beian::test;

namespace {
Order with_resource(CloudResource c) {
  auto o = unit_order();
  o.websites[0].cloud_resource = std::move(c);
  return o;
}
CloudResource cvm(std::string billing, int months, Date expires) {
  CloudResource c;
  c.kind = "cvm";
  c.instance_id = "ins-abc";
  c.billing = std::move(billing);
  c.purchased_months = months;
  c.expires_on = expires;
  return c;
}
CloudResource code(std::string value, std::string status) {
  CloudResource c;
  c.kind = "auth_code";
  c.auth_code = std::move(value);
  c.auth_code_status = std::move(status);
  return c;
}
}  // namespace

TEST_CASE("CVM: monthly, at least 3 months bought, at least 1 month left", "[rules][cloud]") {
  CHECK(check(with_resource(cvm("monthly", 3, {2026, 12, 22}))).empty());  // exactly one month left
  CHECK(count(check(with_resource(cvm("postpaid", 12, {2027, 12, 1}))), "CLOUD_BILLING_NOT_ALLOWED") == 1);
  CHECK(count(check(with_resource(cvm("monthly", 2, {2027, 12, 1}))), "CLOUD_TERM_TOO_SHORT") == 1);
  const auto findings = check(with_resource(cvm("monthly", 12, {2026, 12, 21})));
  CHECK(evidence(first(findings, "CLOUD_EXPIRES_TOO_SOON"), "needed_until") == "2026-12-22");
  CHECK(count(check(with_resource(cvm("monthly", 12, {2026, 1, 1}))), "CLOUD_EXPIRES_TOO_SOON") == 1);  // expired
}

TEST_CASE("unknown billing or term is a warning, not a pass", "[rules][cloud]") {
  CloudResource c;
  c.kind = "lighthouse";
  const auto findings = check(with_resource(c));
  const Finding& f = first(findings, "CLOUD_TERMS_UNKNOWN");
  CHECK(f.severity == Severity::kWarning);
  CHECK(evidence(f, "missing") == "billing, purchased_months, expires_on");
}

TEST_CASE("Serverless needs a resource package, CLB a qualifying bound server", "[rules][cloud]") {
  CloudResource s;
  s.kind = "serverless";
  s.billing = "monthly";
  CHECK(check(with_resource(s)).empty());
  s.billing = "postpaid";
  CHECK(count(check(with_resource(s)), "CLOUD_BILLING_NOT_ALLOWED") == 1);
  auto clb = cvm("monthly", 1, {2027, 1, 1});
  clb.kind = "clb";
  clb.instance_id = "lb-1";
  CHECK(count(check(with_resource(clb)), "CLOUD_TERM_TOO_SHORT") == 1);
}

TEST_CASE("an instance id of another kind is flagged", "[rules][cloud]") {
  auto c = cvm("monthly", 12, {2027, 12, 1});
  c.instance_id = "lhins-k2";
  CHECK(evidence(first(check(with_resource(c)), "CLOUD_INSTANCE_KIND_MISMATCH"), "instance_kind") == "lighthouse");
}

TEST_CASE("authorisation codes: 20 letters or digits, unused, one website each", "[rules][cloud]") {
  CHECK(check(with_resource(code("AB12CD34EF56GH78IJ90", "未使用"))).empty());
  CHECK(count(check(with_resource(code("AB12CD34EF56GH78IJ9", "未使用"))), "AUTH_CODE_FORMAT") == 1);
  CHECK(count(check(with_resource(code("AB12CD34EF56GH78IJ9!", "未使用"))), "AUTH_CODE_FORMAT") == 1);
  CHECK(count(check(with_resource(code("AB12CD34EF56GH78IJ90", "已使用"))), "AUTH_CODE_NOT_USABLE") == 1);
  CHECK(count(check(with_resource(code("AB12CD34EF56GH78IJ90", "使用中"))), "AUTH_CODE_NOT_USABLE") == 1);
  CHECK(count(check(with_resource(code("AB12CD34EF56GH78IJ90", "过期"))), "AUTH_CODE_STATUS_INVALID") == 1);
  CHECK(first(check(with_resource(code("AB12CD34EF56GH78IJ90", ""))), "AUTH_CODE_STATUS_UNKNOWN").severity == Severity::kWarning);

  auto o = with_resource(code("AB12CD34EF56GH78IJ90", "未使用"));
  Website second = o.websites[0];
  second.name = "样本网络科技商城";
  second.domains = {"example-shop.cn"};
  second.domain_holder.reset();
  o.websites.push_back(second);
  CHECK(count(check(o), "AUTH_CODE_REUSED") == 1);
  o.websites[1].cloud_resource.auth_code = "ZZ12CD34EF56GH78IJ90";
  CHECK(count(check(o), "AUTH_CODE_REUSED") == 0);
}

TEST_CASE("Lighthouse servers cannot issue authorisation codes", "[rules][cloud]") {
  auto c = code("AB12CD34EF56GH78IJ90", "未使用");
  c.instance_id = "ins-9x";
  CHECK(count(check(with_resource(c)), "AUTH_CODE_SOURCE_CANNOT_ISSUE") == 0);
  c.instance_id = "lhins-9x";
  CHECK(count(check(with_resource(c)), "AUTH_CODE_SOURCE_CANNOT_ISSUE") == 1);
}
