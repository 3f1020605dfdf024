// Domains (seed 001 备案对象, seed 002 备案域名).
#include <catch2/catch.hpp>

#include "pipeline/rules/rule_context.h"
#include "pipeline/rules/rule_tables.h"
#include "tests/rules/rules_fixture.h"

using namespace beian;
using namespace beian::test;

namespace {
std::vector<Finding> with_domains(std::vector<std::string> domains) {
  auto o = unit_order();
  o.websites[0].domains = std::move(domains);
  return check(o);
}
}  // namespace

TEST_CASE("parse_domain finds the first-level domain under the longest filable suffix", "[rules][domains]") {
  const auto& t = beian::rules::RuleTables::current()->domains;
  auto d = beian::rules::parse_domain("www.Example.COM.cn", t);
  CHECK(d.problem.empty());
  CHECK(d.suffix == "com.cn");
  CHECK(d.first_level == "example.com.cn");
  CHECK(beian::rules::parse_domain("样本.中国", t).first_level == "样本.中国");
  CHECK(beian::rules::parse_domain("xn--fsqu00a.xn--fiqs8s", t).suffix == "xn--fiqs8s");
  CHECK(beian::rules::parse_domain("example.io", t).suffix.empty());
  CHECK_FALSE(beian::rules::parse_domain("com.cn", t).problem.empty());
}

TEST_CASE("domains must be valid names", "[rules][domains]") {
  CHECK(with_domains({"example.cn", "example.com.cn", "样本.中国"}).empty());
  for (const std::string bad : {"http://example.cn", "example.cn/index.html", "exa_mple.cn", "-example.cn", "example..cn", "example",
                                "example.cn:8080"}) {
    INFO(bad);
    const auto findings = with_domains({bad});
    CHECK(count(findings, "DOMAIN_INVALID") == 1);
    CHECK(first(findings, "DOMAIN_INVALID").field == "/websites/0/domains/0");
  }
}

TEST_CASE("only filable suffixes, only first-level domains, no duplicates", "[rules][domains]") {
  auto findings = with_domains({"example.io"});
  CHECK(evidence(first(findings, "DOMAIN_SUFFIX_NOT_FILABLE"), "suffix") == "io");
  findings = with_domains({"www.example.cn"});
  CHECK(evidence(first(findings, "DOMAIN_NOT_FIRST_LEVEL"), "first_level") == "example.cn");
  CHECK(count(with_domains({"example.cn", "EXAMPLE.cn"}), "DOMAIN_DUPLICATE") == 1);
  CHECK(count(with_domains({"example.cn", "example.com.cn"}), "DOMAIN_DUPLICATE") == 0);
}

TEST_CASE("gov.cn is for government bodies", "[rules][domains]") {
  CHECK(count(with_domains({"yangben.gov.cn"}), "DOMAIN_SUFFIX_RESTRICTED") == 1);
  auto o = unit_order();
  o.subject.nature = "政府机关";
  o.subject.certificate_type = "统一社会信用代码证书";
  o.websites[0].domains = {"yangben.gov.cn"};
  CHECK(count(check(o), "DOMAIN_SUFFIX_RESTRICTED") == 0);
}

TEST_CASE("the domain's real-name holder must be the subject", "[rules][domains]") {
  auto o = unit_order();
  o.websites[0].domain_holder = DomainHolder{"北京另一家科技有限公司", o.subject.certificate_number};
  auto findings = check(o);
  CHECK(evidence(first(findings, "DOMAIN_HOLDER_MISMATCH"), "differs") == "name");
  o.websites[0].domain_holder = DomainHolder{o.subject.name, "91110108MA01XXXXXX"};
  findings = check(o);
  CHECK(evidence(first(findings, "DOMAIN_HOLDER_MISMATCH"), "differs") == "certificate_number");
  // Personal holders' numbers are ID numbers: masked in the evidence.
  auto p = individual_order();
  p.websites[0].domain_holder = DomainHolder{"王其他", id_number("110101", {1990, 1, 1}, 3)};
  findings = check(p);
  const std::string masked = evidence(first(findings, "DOMAIN_HOLDER_MISMATCH"), "holder_number");
  CHECK(masked.find("****") != std::string::npos);
  CHECK(masked != id_number("110101", {1990, 1, 1}, 3));
}
