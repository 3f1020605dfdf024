// Credit code, organisation code, registration number: every vector of formats.md.
#include <catch2/catch.hpp>

#include "ocr/validators/credit_code.h"

using namespace beian::validators;

TEST_CASE("USCC vectors from formats.md", "[validators][uscc]") {
  for (const char* c : {"91110000600037341L", "121200004013590816", "91310115MA1K3BTP2B", "92340603MA2UK2ECXU",
                        "9144030071526726XG", "91350100M000100Y43", "91320621MA1MRHG205"}) {
    INFO(c);
    CHECK(is_valid_uscc(c));
    CHECK(uscc_check_char(std::string(c).substr(0, 17)) == c[17]);
  }
  CHECK(check_uscc("91110000600037341N").error == UsccError::kCheckChar);
  CHECK(check_uscc("91320621MA1MRHG207").error == UsccError::kCheckChar);
  CHECK(check_uscc("9111000060003IOZSV").error == UsccError::kFormat);
  CHECK(check_uscc("91110000600037341").error == UsccError::kFormat);
  CHECK(check_uscc("91110000600037341l").error == UsccError::kFormat);  // lower case is not the alphabet
}

TEST_CASE("USCC check character keeps the outer mod 31", "[validators][uscc]") {
  // The weighted sum of 91440106100000366 is 0 mod 31: its check is '0'; without the outer
  // mod the index would be 31, one past the alphabet.
  CHECK(uscc_check_char("91440106100000366") == '0');
  CHECK(is_valid_uscc("914401061000003660"));
}

TEST_CASE("USCC parts and embedded organisation code", "[validators][uscc]") {
  const auto c = check_uscc("91310115MA1K3BTP2B");
  REQUIRE(c.parts);
  CHECK(c.parts->authority == '9');
  CHECK(c.parts->entity_type == '1');
  CHECK(c.parts->region == "310115");
  CHECK(c.parts->org_code == "MA1K3BTP2");
  // A code whose own check character is right but whose org code is wrong.
  const std::string first17 = "911100006000373420";  // org code 60003734-2 (invalid)
  const std::string code = first17.substr(0, 17) + uscc_check_char(first17.substr(0, 17));
  CHECK(check_uscc(code).error == UsccError::kOrgCode);
}

TEST_CASE("make_uscc builds valid codes", "[validators][uscc]") {
  CHECK(make_uscc('9', '1', "310115", "MA1K3BTP") == "91310115MA1K3BTP2B");
  CHECK(make_uscc('9', '1', "110000", "60003734") == "91110000600037341L");
  const std::string c = make_uscc('5', '2', "440106", "MJ0123AB");
  CHECK(is_valid_uscc(c));
}

TEST_CASE("repair_uscc fixes one look-alike error", "[validators][uscc]") {
  // B read as 8 in position 13.
  const auto fixed = repair_uscc("91310115MA1K38TP2B");
  REQUIRE(fixed);
  CHECK(*fixed == "91310115MA1K3BTP2B");
  CHECK_FALSE(repair_uscc("91310115MA1K38TP28").has_value());
}

TEST_CASE("USCC region code is six digits, whatever the check characters say", "[validators][uscc]") {
  // Fresh seed 113: a clean 51420111198065212J read 514201111980652125 (J as 5) was repaired
  // to 5142011L1980652125 - 1 as L in the region - which passes both checks.
  CHECK(check_uscc("5142011L1980652125").error == UsccError::kFormat);
  CHECK_FALSE(repair_uscc("514201111980652125").has_value());
  CHECK(is_valid_uscc("51420111198065212J"));
}

TEST_CASE("Organisation code vectors from formats.md", "[validators][org_code]") {
  for (const char* c : {"D2143569-X", "60003734-1", "40135908-1", "MA1K3BTP-2", "07837757-X", "600037341"}) {
    INFO(c);
    CHECK(is_valid_org_code(c));
  }
  for (const char* c : {"D2143569-1", "60003734-2", "40135908-X", "60003734", "6000373-41", "60003734-11"}) {
    INFO(c);
    CHECK_FALSE(is_valid_org_code(c));
  }
  CHECK(org_code_check_char("D2143569") == 'X');
  CHECK(org_code_check_char("d2143569") == '\0');
}

TEST_CASE("GS15 registration number vectors from formats.md", "[validators][gs15]") {
  for (const char* n : {"110108000000016", "310117003171688", "440301104041144", "320300000174110", "131125600053703"}) {
    INFO(n);
    CHECK(is_valid_registration_number(n));
    CHECK(registration_number_check_digit(std::string(n).substr(0, 14)) == n[14]);
  }
  for (const char* n : {"110108000000017", "320483000067848", "3204830000678481", "11010800000001A"}) {
    INFO(n);
    CHECK_FALSE(is_valid_registration_number(n));
  }
}
