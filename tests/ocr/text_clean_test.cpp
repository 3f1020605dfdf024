// Cleaning OCR text into field values (ocr/fields/text_clean).
#include <catch2/catch.hpp>

#include "ocr/fields/text_clean.h"

using namespace beian::ocr;

TEST_CASE("Chinese running text gets its full-width punctuation back", "[ocr][text]") {
  CHECK(chinese_punctuation("互联网销售(除销售需要许可的商品);日用百货销售:服装,鞋帽") ==
        "互联网销售（除销售需要许可的商品）；日用百货销售：服装，鞋帽");
  CHECK(chinese_punctuation("注册资本1,000万元") == "注册资本1,000万元");  // a digit group stays
  CHECK(chinese_punctuation("已经是全角（）；") == "已经是全角（）；");
  CHECK(chinese_punctuation("").empty());
}

TEST_CASE("A person's name loses the marks read at its ends, not those inside", "[ocr][text]") {
  CHECK(trim_name_marks("、范强") == "范强");          // seed 81 S0044, read at 0.95
  CHECK(trim_name_marks("：张磊。") == "张磊");
  CHECK(trim_name_marks("'崔萍.") == "崔萍");
  CHECK(trim_name_marks("阿依古丽·买买提") == "阿依古丽·买买提");
  CHECK(trim_name_marks("·JOHN SMITH,") == "JOHN SMITH");
  CHECK(trim_name_marks("、。").empty());
  CHECK(trim_name_marks("").empty());
}

TEST_CASE("Snapping to a vocabulary: nearest, unambiguous, within the edit limit", "[ocr][text]") {
  const std::vector<std::string> bureaus{"南京市公安局建邺分局", "南京市公安局鼓楼分局"};
  CHECK(snap_to_vocabulary("南京市公安局建避分局", bureaus, 1)->value == "南京市公安局建邺分局");
  CHECK_FALSE(snap_to_vocabulary("南京市公安局江宁分局", bureaus, 1).has_value());  // two edits from both
  CHECK_FALSE(snap_to_vocabulary("南京市公安局江宁分局", bureaus, 2).has_value());  // and a tie
  CHECK(snap_to_vocabulary("汉", {"汉", "满"})->distance == 0);
  CHECK_FALSE(snap_to_vocabulary("汊", {"汉", "满"}).has_value());  // one-character entries match exactly
}

TEST_CASE("An address holding a mark no address prints is a misreading", "[ocr][text]") {
  // Hard ID fronts of seed 87 read these at 0.99.
  CHECK(has_stray_marks("上海市徐;C区和平路299号书香苑7栋3单元2301室"));
  CHECK(has_stray_marks("云南省昆明市五华区高新路:20号名都花园8栋3单元302室"));
  for (const char* misread : {"天津市红桥区“京路3号", "北京路?号", "长江路6号幸福里22栋3单元\"02室", "幸福里25，单元",
                              "园区大道35.栋", "光明路、3号"}) {
    INFO(misread);
    CHECK(has_stray_marks(misread));
  }
  // What addresses do print: numbers with a dash or #, letters, brackets, the middle dot.
  for (const char* printed : {"辽宁省沈阳市和平区东风路55号创新园10层1605室", "深圳市南山区科技园B座12-3室",
                              "广州市天河区体育西路（东侧）101#", "伊宁市解放路(北段)8号", "北京路3号A栋", ""}) {
    INFO(printed);
    CHECK_FALSE(has_stray_marks(printed));
  }
}
