// The region, ethnicity and surname tables in templates/data and their loaders.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "ocr/validators/id_number.h"
#include "ocr/validators/regions.h"
#include "ocr/validators/surnames.h"
#include "tests/support/test_support.h"

using namespace beian;
using namespace beian::validators;

TEST_CASE("Region table: provinces complete, counties resolve", "[validators][regions]") {
  const auto& t = RegionTable::get();
  CHECK(t.provinces().size() == 34);
  for (const auto& p : t.provinces()) {
    INFO(p.code);
    CHECK(is_id_province_prefix(p.code));
  }
  const auto r = t.lookup("440106");
  REQUIRE(r);
  CHECK(r->full_name() == "广东省广州市天河区");
  CHECK(t.lookup("110108")->full_name() == "北京市海淀区");  // 市辖区 omitted
  CHECK(t.lookup("440000")->full_name() == "广东省");
  CHECK(t.lookup("412723")->historic);
  CHECK(t.lookup("810000").has_value());
  CHECK_FALSE(t.lookup("990426").has_value());
  CHECK_FALSE(t.lookup("44010").has_value());
  CHECK(t.province("44")->icp_abbr == "粤");
  CHECK(t.province_by_name("广东")->code == "44");
  CHECK(t.province_by_name("粤")->code == "44");
  CHECK(t.county_codes().size() > 100);
  // Every region prefix used in the formats.md vectors is known.
  for (const char* code : {"360426", "440113", "412723", "110102", "120110", "110105", "110000", "310115", "340603",
                           "440300", "350100", "320621"}) {
    INFO(code);
    CHECK(t.lookup(code).has_value());
  }
}

TEST_CASE("Region table rejects unknown keys with their name", "[validators][regions]") {
  test::TempDir dir;
  test::write_file(dir / "regions.json",
                   R"({"provinces":{"11":{"name":"北京市","short_name":"北京","icp_abbr":"京","colour":"red"}},)"
                   R"("prefectures":{},"counties":{}})");
  CHECK_THROWS_WITH(RegionTable::load(dir / "regions.json"), Catch::Contains("colour"));
  test::write_file(dir / "r2.json", R"({"provinces":{},"prefectures":{"110100":"市辖区"},"counties":{}})");
  CHECK_THROWS_WITH(RegionTable::load(dir / "r2.json"), Catch::Contains("110100"));
}

TEST_CASE("Ethnicities: the 56 groups", "[validators][regions]") {
  const auto& e = ethnicities();
  CHECK(e.size() == 56);
  CHECK(std::set<std::string>(e.begin(), e.end()).size() == 56);
  CHECK(e.front() == "汉");
  CHECK(is_ethnicity("汉"));
  CHECK(is_ethnicity("汉族"));
  CHECK(is_ethnicity("维吾尔"));
  CHECK_FALSE(is_ethnicity("火星"));
  CHECK_FALSE(is_ethnicity("族"));
}

TEST_CASE("ID issuing authorities: named after the county's bureau or the city's branch", "[validators][regions]") {
  const auto& t = RegionTable::get();
  CHECK(id_issuing_authority(*t.lookup("440106")) == "广州市公安局天河分局");
  CHECK(id_issuing_authority(*t.lookup("110102")) == "北京市公安局西城分局");  // municipality: no prefecture
  CHECK(id_issuing_authority(*t.lookup("310115")) == "上海市公安局浦东分局");  // 新区 dropped
  CHECK(id_issuing_authority(*t.lookup("360426")) == "德安县公安局");          // a county's own bureau
  CHECK(id_issuing_authority(*t.lookup("440000")).empty());                    // no county, no bureau
  const auto& all = id_issuing_authorities();
  CHECK(all.size() >= 100);
  CHECK(std::find(all.begin(), all.end(), "南京市公安局建邺分局") != all.end());
}

TEST_CASE("Surname list: single and compound surnames", "[validators][surnames]") {
  const auto& single = single_surnames();
  CHECK(single.size() >= 350);
  CHECK(single.front() == "王");
  CHECK(std::set<std::string>(single.begin(), single.end()).size() == single.size());
  for (const char* s : {"王", "龚", "熊", "闫", "邱", "覃"}) CHECK(is_single_surname(s));
  for (const char* s : {"克", "能", "间", "产", "王王", ""}) CHECK_FALSE(is_single_surname(s));
  CHECK(starts_with_compound_surname("欧阳修"));
  CHECK(starts_with_compound_surname("上官"));
  CHECK_FALSE(starts_with_compound_surname("欧修"));
  CHECK_FALSE(starts_with_compound_surname("上"));
}

TEST_CASE("Issuing bureau names: the fixed words 公安局 and 分局 restored", "[validators][regions]") {
  CHECK(with_bureau_words("南京市公安月交楼分局") == "南京市公安局交楼分局");
  CHECK(with_bureau_words("苏州市公安局关中分六") == "苏州市公安局关中分局");
  CHECK(with_bureau_words("贵阳市公安局南遇分话") == "贵阳市公安局南遇分局");
  CHECK(with_bureau_words("北京市公安局海淀分局") == "北京市公安局海淀分局");
  CHECK(with_bureau_words("海口市公安局") == "海口市公安局");
  // Nothing to restore where the words are not there.
  CHECK(with_bureau_words("南京市鼓楼区") == "南京市鼓楼区");
  CHECK(with_bureau_words("公安") == "公安");
  CHECK(with_bureau_words("").empty());
  // What the reader then snaps within one edit of a listed bureau.
  const auto& known = id_issuing_authorities();
  CHECK(std::find(known.begin(), known.end(), "南京市公安局鼓楼分局") != known.end());
}
