// Repairing an address's administrative prefix against the region table.
#include <catch2/catch.hpp>

#include "ocr/validators/address_prefix.h"

using namespace beian::validators;

TEST_CASE("Address prefix: one misread character per name is repaired", "[validators][address]") {
  // 浙→折 (province), 邺 (not in chi_sim's character set) read as 邮 (county).
  auto r = repair_address_prefix("折江省杭州市西湖区创业路13号书香苑17栋");
  CHECK(r.text == "浙江省杭州市西湖区创业路13号书香苑17栋");
  CHECK(r.prefix == "浙江省杭州市西湖区");
  CHECK(r.edits == 1);
  r = repair_address_prefix("江苏省南京市建邮区花园街68号");
  CHECK(r.text == "江苏省南京市建邺区花园街68号");
  CHECK(r.edits == 1);
  // A quote mark read for 广: 广东省 and 山东省 are equally near; 深圳市 decides.
  r = repair_address_prefix("“东省深圳市宝安区科技路95号");
  CHECK(r.text == "广东省深圳市宝安区科技路95号");
  // Municipalities have no prefecture name; a dropped character is an edit too.
  CHECK(repair_address_prefix("北京市丰区南京路95号").text == "北京市丰台区南京路95号");
  // A blurred 汇 read as a mark and a letter (fresh seeds 145 and 146, photo licence and ID
  // card): no place name holds them; they go with the repair. Those after the names stay.
  CHECK(repair_address_prefix("上海市徐；C区园区大道154号").text == "上海市徐汇区园区大道154号");
  CHECK(repair_address_prefix("上海市徐;C区和平路37号").text == "上海市徐汇区和平路37号");
  CHECK(repair_address_prefix("上海市徐汇区光明路8号A座").text == "上海市徐汇区光明路8号A座");
  // A mark read for one character counts as that character's misreading (fresh seed 146, a
  // hard ID card: 济南;市5区 for 济南市市中区).
  CHECK(repair_address_prefix("山东省济南;市5区朝阳路209号").text == "山东省济南市市中区朝阳路209号");
}

TEST_CASE("Address prefix: a right reading is left as it is", "[validators][address]") {
  const std::string address = "广西壮族自治区南宁市兴宁区南京路148号幸福里10栋";
  const auto r = repair_address_prefix(address);
  CHECK(r.text == address);
  CHECK(r.edits == 0);
  CHECK(r.prefix == "广西壮族自治区南宁市兴宁区");
}

TEST_CASE("Address prefix: no guessing beyond the table", "[validators][address]") {
  // 江宁区 is a real Nanjing district missing from the partial table: two characters from
  // the listed 建邺区, so only province and prefecture are confirmed and nothing changes.
  auto r = repair_address_prefix("江苏省南京市江宁区东山街1号");
  CHECK(r.text == "江苏省南京市江宁区东山街1号");
  CHECK(r.prefix == "江苏省南京市");
  // 东城区 and 西城区 are both one character from 南城区: a tie changes nothing.
  r = repair_address_prefix("北京市南城区和平路3号");
  CHECK(r.text == "北京市南城区和平路3号");
  CHECK(r.prefix.empty());
  // Two misread characters in a three-character province name: not a repair.
  r = repair_address_prefix("工守省沈阳市沈河区园区大道362号");
  CHECK(r.text.rfind("工守省", 0) == 0);
  // Garbage before the names, empty and non-Chinese input.
  CHECK(repair_address_prefix("1984923北京市房山区").text == "1984923北京市房山区");
  CHECK(repair_address_prefix("").text.empty());
  CHECK(repair_address_prefix("\xff\xfe").prefix.empty());
}

TEST_CASE("Address region: the listed place an address starts with", "[validators][address]") {
  const auto county = address_region("折江省杭州市西湖区创业路13号");  // repaired first
  REQUIRE(county);
  CHECK(county->code == "330106");
  CHECK(county->county == "西湖区");
  // A district the partial table does not list: its prefecture.
  const auto prefecture = address_region("江苏省南京市江宁区东山街1号");
  REQUIRE(prefecture);
  CHECK(prefecture->code == "320100");
  CHECK(prefecture->county.empty());
  // A municipality's district.
  const auto district = address_region("北京市丰台区南京路95号");
  REQUIRE(district);
  CHECK(district->full_name() == "北京市丰台区");
  CHECK_FALSE(address_region("1984923北京市房山区"));
  CHECK_FALSE(address_region(""));
}
