// The small shared services: dates, masking, atomic writes, the message catalogue, UTF-8.
#include <catch2/catch.hpp>

#include "beian/date.h"
#include "pipeline/base/atomic_file.h"
#include "pipeline/base/data_dir.h"
#include "pipeline/base/mask.h"
#include "pipeline/base/messages.h"
#include "pipeline/base/text.h"
#include "tests/support/test_support.h"

using beian::Date;

TEST_CASE("dates parse from the forms printed on documents", "[base][date]") {
  CHECK(Date::parse("2015.03.17") == Date{2015, 3, 17});
  CHECK(Date::parse("2015-03-17") == Date{2015, 3, 17});
  CHECK(Date::parse("20150317") == Date{2015, 3, 17});
  CHECK(Date::parse("2014年9月19日") == Date{2014, 9, 19});
  CHECK(Date::parse("２０１４年９月１９日") == Date{2014, 9, 19});  // full-width digits
  CHECK_FALSE(Date::parse("2015.02.29"));   // not a leap year
  CHECK_FALSE(Date::parse("2015-13-01"));
  CHECK_FALSE(Date::parse("长期"));
  CHECK_FALSE(Date::parse("2015-03-17x"));
}

TEST_CASE("date arithmetic clamps to month ends and counts ages", "[base][date]") {
  CHECK(Date{2024, 1, 31}.add_months(1) == Date{2024, 2, 29});
  CHECK(Date{2015, 3, 17}.add_years(20) == Date{2035, 3, 17});
  CHECK(Date{2024, 12, 31}.add_days(1) == Date{2025, 1, 1});
  CHECK(Date::from_days_since_epoch(Date{2000, 2, 29}.days_since_epoch()) == Date{2000, 2, 29});
  CHECK(beian::age_on({1991, 1, 1}, {2016, 12, 31}) == 25);
  CHECK(beian::age_on({1991, 1, 1}, {2017, 1, 1}) == 26);
  CHECK(Date::today().valid());
}

TEST_CASE("ID and phone numbers are masked for logs", "[base][mask]") {
  CHECK(beian::mask_id_number("310101199001011234") == "3101**********1234");
  CHECK(beian::mask_phone("13812345678") == "138****5678");
  CHECK(beian::mask_personal_numbers("owner 11010519491231002X phone 13812345678 order 42") ==
        "owner 1101**********002X phone 138****5678 order 42");
}

TEST_CASE("atomic writes leave either the old or the whole new file", "[base][io]") {
  beian::test::TempDir dir;
  const auto path = dir / "sub" / "report.json";
  beian::write_file_atomic(path, "first");
  beian::write_file_atomic(path, "second");
  CHECK(beian::test::read_file(path) == "second");
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(path.parent_path())) files += e.is_regular_file();
  CHECK(files == 1);  // no temporary file left behind
  CHECK_THROWS_WITH(beian::write_file_atomic("/proc/nonexistent/x.json", "x"), Catch::Contains("/proc/nonexistent/x.json"));
}

TEST_CASE("the message catalogue fills placeholders from evidence", "[base][messages]") {
  const auto f = beian::make_finding("FILE_TOO_LARGE", {{"bytes", "30000000"}, {"limit", "26214400"}}, "IMG_1.jpg");
  CHECK(f.severity == beian::Severity::kError);
  CHECK(f.file == "IMG_1.jpg");
  CHECK_THAT(f.message_en, Catch::Contains("30000000 bytes"));
  CHECK_THAT(f.message_zh, Catch::Contains("30000000"));
  CHECK(beian::fill_placeholders("{a} and {b}", {{"a", "1"}}) == "1 and {b}");
}

TEST_CASE("every message catalogue entry is complete and no code is defined twice", "[base][messages]") {
  CHECK_NOTHROW(beian::load_message_catalogue());
  CHECK(beian::has_message("STAGE_FAILED"));
  CHECK_FALSE(beian::has_message("NO_SUCH_CODE"));
}

TEST_CASE("comparison normalisation folds width, case, space and punctuation", "[base][text]") {
  CHECK(beian::normalize_for_compare("深圳市 样本（科技）有限公司") == beian::normalize_for_compare("深圳市样本(科技)有限公司"));
  CHECK(beian::normalize_for_compare("ａｂ１２") == "AB12");
  CHECK(beian::utf8_length("中文ab") == 4);
  CHECK(beian::trim("　 样本 ") == "样本");
}
