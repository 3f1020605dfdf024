// The two complete orders pass every rule: each failing test below changes one thing, so a
// finding there is caused by that change.
#include <catch2/catch.hpp>

#include "beian/report.h"
#include "tests/rules/rules_fixture.h"

using namespace beian;
using namespace beian::test;

TEST_CASE("a complete unit order passes every rule", "[rules]") {
  const auto findings = check(unit_order());
  INFO(codes(findings));
  CHECK(findings.empty());
  CHECK(verdict_for(findings) == Verdict::kReady);
}

TEST_CASE("a complete personal order passes every rule", "[rules]") {
  const auto findings = check(individual_order());
  INFO(codes(findings));
  CHECK(findings.empty());
}

TEST_CASE("findings about the manifest name order.json and a JSON pointer", "[rules]") {
  auto o = unit_order();
  o.websites[0].name = "样本";
  const auto findings = check(o);
  const Finding& f = first(findings, "NAME_TOO_SHORT");
  CHECK(f.file == "order.json");
  CHECK(f.field == "/websites/0/name");
  CHECK(f.severity == Severity::kError);
  CHECK_FALSE(f.message_zh.empty());
  CHECK(f.message_en.find("样本") != std::string::npos);  // placeholders filled from the evidence
  CHECK(verdict_for(findings) == Verdict::kFixFirst);
}
