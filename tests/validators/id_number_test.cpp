// Resident ID number: every vector of shared/notes/formats.md plus the age rule.
#include <catch2/catch.hpp>

#include "ocr/validators/id_number.h"

using namespace beian;
using namespace beian::validators;

namespace {
const Date kToday{2026, 6, 1};
}

TEST_CASE("ID numbers from formats.md are valid", "[validators][id_number]") {
  for (const char* id : {"360426199101010071", "44011320141005001X", "412723199010050012", "110102199101010078",
                         "120110199212010072", "11010519491231002X", "810000197810272327", "830000197810272320"}) {
    INFO(id);
    CHECK(is_valid_id_number(id, kToday));
  }
}

TEST_CASE("ID numbers from formats.md are invalid for the stated reason", "[validators][id_number]") {
  CHECK(check_id_number("36042619910102009X", kToday).error == IdNumberError::kCheckDigit);
  CHECK(check_id_number("T60426199101010078", kToday).error == IdNumberError::kFormat);
  CHECK(check_id_number("360426199113010079", kToday).error == IdNumberError::kBirthDate);
  CHECK(check_id_number("990426199112010074", kToday).error == IdNumberError::kProvince);
  CHECK(check_id_number("36042619910101007", kToday).error == IdNumberError::kFormat);     // 17 chars
  CHECK(check_id_number("3604261991010100711", kToday).error == IdNumberError::kFormat);   // 19 chars
  CHECK(check_id_number("", kToday).error == IdNumberError::kFormat);
}

TEST_CASE("ID check character and parts", "[validators][id_number]") {
  CHECK(id_check_char("44011320141005001") == 'X');
  CHECK(id_check_char("36042619910101007") == '1');
  CHECK(id_check_char("3604261991010100") == '\0');
  CHECK(id_check_char("36042619910101A07") == '\0');

  const auto c = check_id_number("44011320141005001x", kToday);  // lower-case x accepted
  REQUIRE(c.ok());
  REQUIRE(c.parts);
  CHECK(c.parts->number == "44011320141005001X");
  CHECK(c.parts->region == "440113");
  CHECK(c.parts->birth == Date{2014, 10, 5});
  CHECK(c.parts->sequence == 1);
  CHECK(c.parts->male);
  CHECK(c.parts->sex_zh() == "男");
  const auto f = check_id_number("11010519491231002X", kToday);
  REQUIRE(f.parts);
  CHECK_FALSE(f.parts->male);
  CHECK(f.parts->sex_zh() == "女");
  // The parts are still reported when only the check digit is wrong.
  CHECK(check_id_number("36042619910102009X", kToday).parts->birth == Date{1991, 1, 2});
}

TEST_CASE("ID birth date after today is rejected", "[validators][id_number]") {
  const std::string future = make_id_number("110101", Date{2030, 1, 1}, 12);
  CHECK(check_id_number(future, kToday).error == IdNumberError::kFutureBirth);
  CHECK(is_valid_id_number(future, Date{2031, 1, 1}));
}

TEST_CASE("ID province prefixes", "[validators][id_number]") {
  for (const char* p : {"11", "15", "21", "23", "31", "37", "41", "46", "50", "54", "61", "65", "71", "81", "82", "83"}) {
    CHECK(is_id_province_prefix(p));
  }
  for (const char* p : {"10", "16", "20", "24", "30", "38", "40", "47", "55", "60", "66", "70", "72", "80", "84", "99", "1", "1a"}) {
    CHECK_FALSE(is_id_province_prefix(p));
  }
}

TEST_CASE("make_id_number builds numbers that validate and parse back", "[validators][id_number]") {
  const std::string id = make_id_number("440106", Date{1985, 2, 28}, 347);
  CHECK(id.size() == 18);
  CHECK(id.substr(0, 17) == "44010619850228347");
  CHECK(is_valid_id_number(id, kToday));
  CHECK(check_id_number(id, kToday).parts->male);
  CHECK(make_id_number("360426", Date{1991, 1, 1}, 7) == "360426199101010071");
}

TEST_CASE("ID validity period follows the age at issue", "[validators][id_number]") {
  const Date birth{2000, 6, 15};
  CHECK(expected_id_validity(birth, Date{2016, 6, 14}).years == 5);    // 15 on the day before
  CHECK(expected_id_validity(birth, Date{2016, 6, 15}).years == 10);   // 16th birthday
  CHECK(expected_id_validity(birth, Date{2025, 6, 14}).years == 10);   // still 24
  CHECK(expected_id_validity(birth, Date{2026, 6, 14}).years == 10);   // 25
  CHECK(expected_id_validity(birth, Date{2026, 6, 15}).years == 20);   // 26
  CHECK(expected_id_validity(birth, Date{2046, 6, 14}).years == 20);   // 45
  CHECK(expected_id_validity(birth, Date{2046, 6, 15}).long_term);     // 46
  CHECK(expected_id_validity(birth, Date{2016, 6, 15}).valid_until(Date{2016, 6, 15}) == Date{2026, 6, 15});
  CHECK_FALSE(expected_id_validity(birth, Date{2046, 6, 15}).valid_until(Date{2046, 6, 15}).has_value());

  const Date b{1990, 3, 17};
  CHECK(id_validity_matches_age_rule(b, Date{2015, 3, 17}, Date{2025, 3, 17}));   // 25 → 10 years
  CHECK(id_validity_matches_age_rule(b, Date{2015, 3, 17}, Date{2025, 3, 16}));   // day-before printing
  CHECK_FALSE(id_validity_matches_age_rule(b, Date{2015, 3, 17}, Date{2035, 3, 17}));  // 20 years at 25
  CHECK_FALSE(id_validity_matches_age_rule(b, Date{2015, 3, 17}, std::nullopt));       // 长期 at 25
  CHECK(id_validity_matches_age_rule(Date{1950, 1, 1}, Date{2015, 3, 17}, std::nullopt));
  CHECK_FALSE(id_validity_matches_age_rule(Date{1950, 1, 1}, Date{2015, 3, 17}, Date{2035, 3, 17}));
}

TEST_CASE("repair_id_number fixes one look-alike error and refuses to guess", "[validators][id_number]") {
  CHECK(repair_id_number("360426199101010071", kToday) == std::optional<std::string>("360426199101010071"));
  // 8 read as 3 in the sequence: the check digit picks the right one.
  const auto fixed = repair_id_number("110102199101010073", kToday);
  REQUIRE(fixed);
  CHECK(is_valid_id_number(*fixed, kToday));
  // Two errors cannot be repaired.
  CHECK_FALSE(repair_id_number("110102199101010033", kToday).has_value());
}
