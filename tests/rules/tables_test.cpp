// The rule tables are data: a changed table changes the rules without a code change, and a
// malformed table is rejected with its file and key named.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>

#include "pipeline/base/data_dir.h"
#include "pipeline/rules/rule_tables.h"
#include "tests/rules/rules_fixture.h"
#include "tests/support/test_support.h"

using namespace beian;
using namespace beian::test;
namespace fs = std::filesystem;

namespace {

// A copy of the templates folder, made the data folder for the object's lifetime.
class TemplatesCopy {
 public:
  TemplatesCopy() : original_(data_dir()) {
    fs::copy(original_, dir_.path() / "templates", fs::copy_options::recursive);
    set_data_dir(dir_.path() / "templates");
  }
  ~TemplatesCopy() { set_data_dir(original_); }
  // Replaces the first match of `pattern` in rules/<file> (REQUIREs a match).
  void edit(const std::string& file, const std::string& pattern, const std::string& replacement) {
    const fs::path path = dir_.path() / "templates" / "rules" / file;
    std::string text = read_file(path);
    const std::regex re(pattern);
    REQUIRE(std::regex_search(text, re));
    write_file(path, std::regex_replace(text, re, replacement, std::regex_constants::format_first_only));
  }
  std::string load_error() {
    try {
      (void)rules::RuleTables::load();
    } catch (const std::exception& e) {
      return e.what();
    }
    return {};
  }

 private:
  fs::path original_;
  TempDir dir_;
};

Order with_three_websites() {
  auto o = unit_order();
  for (int i = 2; i <= 3; ++i) {
    Website w = o.websites[0];
    w.name = "样本网络科技站点" + std::to_string(i);
    w.domains = {"example-" + std::to_string(i) + ".cn"};
    w.domain_holder.reset();
    o.websites.push_back(w);
  }
  return o;
}

}  // namespace

TEST_CASE("the shipped tables load", "[rules][tables]") {
  const auto t = rules::RuleTables::load();
  CHECK(t.limits.websites_per_order == 10);
  CHECK(t.filing_types.size() == 9);
  CHECK(t.materials.natures.size() == 7);
  CHECK(t.provinces.materials.size() > 40);
  for (const auto& row : t.provinces.materials) {
    INFO(row.province << " " << row.material_zh);
    CHECK_FALSE(row.source.empty());
    CHECK_FALSE(row.date.empty());
  }
}

TEST_CASE("a limit changed in limits.json changes the rule", "[rules][tables]") {
  const Order o = with_three_websites();
  CHECK(count(check(o), "ORDER_TOO_MANY_WEBSITES") == 0);
  {
    TemplatesCopy copy;
    copy.edit("limits.json", R"("websites_per_order": \{"value": 10)", R"("websites_per_order": {"value": 2)");
    const auto findings = check(o);
    CHECK(evidence(first(findings, "ORDER_TOO_MANY_WEBSITES"), "limit") == "2");
  }
  CHECK(count(check(o), "ORDER_TOO_MANY_WEBSITES") == 0);  // the original tables again
}

TEST_CASE("a word added to the table is caught; a province row added applies", "[rules][tables]") {
  auto o = unit_order();
  o.websites[0].name = "样本网络科技彩虹站";
  CHECK(count(check(o), "NAME_SENSITIVE_WORD") == 0);
  TemplatesCopy copy;
  copy.edit("website_names.json", R"("sensitive_words": \[)", R"("sensitive_words": [ {"word": "彩虹", "source": "test"},)");
  copy.edit("province_rules.json", R"("materials": \[)",
            R"("materials": [ {"province": "京", "scope": "order", "material_zh": "测试材料", "material_en": "test material", "when": {"subject_kind": "unit"}, "source": "test", "date": "2026-11-22"},)");
  const auto findings = check(o);
  CHECK(evidence(first(findings, "NAME_SENSITIVE_WORD"), "word") == "彩虹");
  CHECK(evidence(first(findings, "PROVINCE_MATERIAL_NEEDED"), "material_zh") == "测试材料");
}

TEST_CASE("malformed tables are rejected naming the file and the key", "[rules][tables]") {
  SECTION("unknown key") {
    TemplatesCopy copy;
    copy.edit("limits.json", R"("limits": \{)", R"("limitz": {}, "limits": {)");
    const std::string e = copy.load_error();
    CHECK(e.find("limits.json") != std::string::npos);
    CHECK(e.find("unknown key 'limitz'") != std::string::npos);
  }
  SECTION("duplicate key") {
    TemplatesCopy copy;
    copy.edit("cloud_resources.json", R"("kinds": \{)", R"("kinds": { "cvm": {},)");
    const std::string e = copy.load_error();
    CHECK(e.find("cloud_resources.json") != std::string::npos);
    CHECK(e.find("'cvm' is defined twice") != std::string::npos);
  }
  SECTION("a province row without its date") {
    TemplatesCopy copy;
    copy.edit("province_rules.json", R"(, "date": "2018-08-22"\})", "}");
    const std::string e = copy.load_error();
    CHECK(e.find("province_rules.json: /materials/0") != std::string::npos);
    CHECK(e.find("'date'") != std::string::npos);
  }
  SECTION("an unknown province, document type or condition") {
    TemplatesCopy copy;
    copy.edit("province_rules.json", R"("province": "湖南")", R"("province": "火星")");
    CHECK(copy.load_error().find("unknown province '火星'") != std::string::npos);
  }
  SECTION("an unknown condition") {
    TemplatesCopy copy;
    copy.edit("province_rules.json", R"("when": \{"min_domains": 4\})", R"("when": {"min_domain": 4})");
    CHECK(copy.load_error().find("unknown key 'min_domain'") != std::string::npos);
  }
  SECTION("a certificate the nature table does not know") {
    TemplatesCopy copy;
    copy.edit("materials.json", R"("certificates": \["营业执照"\])", R"("certificates": ["营业执照", "驾照"])");
    CHECK(copy.load_error().find("certificate '驾照' is not in unit_certificates") != std::string::npos);
  }
}
