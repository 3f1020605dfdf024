// Website names (seed 001 网站命名要求): each rule passes on an acceptable name and fails on
// one that breaks it.
#include <catch2/catch.hpp>

#include "pipeline/rules/rule_tables.h"
#include "pipeline/rules/rule_context.h"
#include "ocr/validators/credit_code.h"
#include "tests/rules/rules_fixture.h"

using namespace beian;
using namespace beian::test;

namespace {
std::vector<Finding> unit_named(const std::string& name) {
  auto o = unit_order();
  o.websites[0].name = name;
  return check(o);
}
std::vector<Finding> personal_named(const std::string& name) {
  auto o = individual_order();
  o.websites[0].name = name;
  return check(o);
}
}  // namespace

TEST_CASE("names need three characters", "[rules][names]") {
  CHECK(count(unit_named("样本网"), "NAME_TOO_SHORT") == 0);
  CHECK(count(unit_named("样本"), "NAME_TOO_SHORT") == 1);
  CHECK(count(unit_named(" 样 本 "), "NAME_TOO_SHORT") == 1);  // white space does not count
}

TEST_CASE("no special symbols; the middle dot is allowed", "[rules][names]") {
  CHECK(count(personal_named("阿凡提·买买提的书房"), "NAME_SPECIAL_SYMBOL") == 0);
  const auto findings = personal_named("小张的摄影作品展!");
  CHECK(evidence(first(findings, "NAME_SPECIAL_SYMBOL"), "symbols") == "!");
  CHECK(count(personal_named("小张的#摄影@作品"), "NAME_SPECIAL_SYMBOL") == 1);
  CHECK(count(personal_named("小张的摄影作品展！"), "NAME_SPECIAL_SYMBOL") == 1);  // full-width too
}

TEST_CASE("not pure digits, not pure English", "[rules][names]") {
  CHECK(count(unit_named("12345678"), "NAME_ONLY_DIGITS") == 1);
  CHECK(count(unit_named("SampleTech"), "NAME_ONLY_LATIN") == 1);
  CHECK(count(unit_named("Sample2024"), "NAME_ONLY_LATIN") == 1);
  CHECK(count(unit_named("样本Tech官网"), "NAME_ONLY_LATIN") == 0);
  CHECK(count(personal_named("php开发笔记"), "NAME_ONLY_LATIN") == 0);
}

TEST_CASE("sensitive words from the table", "[rules][names]") {
  const auto findings = unit_named("样本在线博彩平台");
  CHECK(evidence(first(findings, "NAME_SENSITIVE_WORD"), "word") == "博彩");
  CHECK(count(unit_named("样本反腐资讯"), "NAME_SENSITIVE_WORD") == 1);
  CHECK(count(unit_named("样本反腐资讯"), "NAME_FORBIDDEN_PREFIX") == 0);  // reported once, as sensitive
}

TEST_CASE("中国/中华/国家/人民… may not lead the name of a non-national unit", "[rules][names]") {
  CHECK(count(unit_named("中国样本网"), "NAME_FORBIDDEN_PREFIX") == 1);
  CHECK(count(unit_named("国家样本服务平台"), "NAME_FORBIDDEN_PREFIX") == 1);
  CHECK(count(personal_named("中华美食分享"), "NAME_FORBIDDEN_PREFIX") == 1);
  CHECK(count(unit_named("样本中国站"), "NAME_RESTRICTED_WORD") == 1);  // inside the name: a warning
  CHECK(first(unit_named("样本中国站"), "NAME_RESTRICTED_WORD").severity == Severity::kWarning);

  // A national-level unit may; so may a unit whose registered name carries the word.
  auto o = unit_order();
  o.subject.name = "中华人民共和国样本部";
  o.subject.nature = "政府机关";
  o.subject.certificate_type = "统一社会信用代码证书";
  o.subject.certificate_number = beian::validators::make_uscc('1', '1', "110000", "00001234");
  o.websites[0].name = "中国样本网";
  CHECK(count(check(o), "NAME_FORBIDDEN_PREFIX") == 0);
  o = unit_order();
  o.subject.name = "中国样本网络科技有限公司";
  o.websites[0].name = "中国样本官网";
  o.websites[0].domain_holder->name = o.subject.name;
  CHECK(count(check(o), "NAME_FORBIDDEN_PREFIX") == 0);
}

TEST_CASE("place names lead only when the subject's name carries them", "[rules][names]") {
  CHECK(count(unit_named("北京样本科技官网"), "NAME_PLACE_PREFIX") == 0);  // 北京样本网络科技有限公司
  const auto findings = unit_named("深圳样本科技官网");
  CHECK(evidence(first(findings, "NAME_PLACE_PREFIX"), "place") == "深圳");
  CHECK(first(findings, "NAME_PLACE_PREFIX").severity == Severity::kWarning);
  CHECK(count(personal_named("广东美食分享站"), "NAME_PLACE_PREFIX") == 1);
}

TEST_CASE("personal sites: not a domain, not a name, no organisation words", "[rules][names]") {
  CHECK(count(personal_named("zhangphoto.cn"), "NAME_IS_DOMAIN") == 1);
  CHECK(count(personal_named("zhangphoto"), "NAME_IS_DOMAIN") == 1);
  CHECK(count(personal_named("张样本"), "NAME_IS_PERSON_NAME") == 1);
  CHECK(count(personal_named("张样本的网站"), "NAME_IS_PERSON_NAME") == 1);
  CHECK(count(personal_named("张样本的摄影小空间"), "NAME_IS_PERSON_NAME") == 0);
  const auto findings = personal_named("小张科技公司");
  CHECK(evidence(first(findings, "NAME_PERSONAL_FORBIDDEN_WORD"), "word") == "公司");
  CHECK(count(personal_named("小张的技术论坛"), "NAME_PERSONAL_FORBIDDEN_WORD") == 1);
  // The same words are fine for a unit.
  CHECK(count(unit_named("样本科技公司官网"), "NAME_PERSONAL_FORBIDDEN_WORD") == 0);
}

TEST_CASE("unit sites should relate to the unit's name", "[rules][names]") {
  CHECK(count(unit_named("样本网络官网"), "NAME_UNRELATED_TO_UNIT") == 0);
  const auto findings = unit_named("美食分享天地");
  CHECK(first(findings, "NAME_UNRELATED_TO_UNIT").severity == Severity::kWarning);

  const auto tables = beian::rules::RuleTables::current();
  const auto& names = tables->names;
  CHECK(beian::rules::relates_to_unit("北大校友网", "北京大学", names));          // abbreviation
  CHECK(beian::rules::relates_to_unit("腾讯云官网", "腾讯云计算（北京）有限责任公司", names));
  CHECK_FALSE(beian::rules::relates_to_unit("美食分享天地", "北京样本网络科技有限公司", names));

  // 河南 makes the relation mandatory.
  auto o = unit_order();
  o.province = "河南";
  o.subject.certificate_address = "河南省郑州市金水区样本路1号";
  o.subject.mailing_address = "河南省郑州市金水区样本路1号";
  o.websites[0].name = "美食分享天地";
  CHECK(first(check(o), "NAME_MUST_RELATE_TO_UNIT").severity == Severity::kError);
}
