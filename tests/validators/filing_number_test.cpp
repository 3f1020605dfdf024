// ICP filing numbers and authorisation codes (formats.md).
#include <catch2/catch.hpp>

#include "ocr/validators/filing_number.h"

using namespace beian::validators;

TEST_CASE("ICP numbers: strict form", "[validators][icp]") {
  const auto s = parse_icp_number("京ICP备11018762号");
  REQUIRE(s);
  CHECK(s->province_abbr == "京");
  CHECK(s->serial == "11018762");
  CHECK_FALSE(s->is_website());
  const auto w = parse_icp_number("京ICP备11018762号-11");
  REQUIRE(w);
  CHECK(w->website_index == 11);
  CHECK(w->subject_number() == "京ICP备11018762号");
  CHECK(is_valid_icp_number("粤ICP备2023123456号-1"));
  CHECK(is_valid_icp_number("蜀ICP备12345678号"));
  CHECK(is_valid_icp_number("陇ICP备12345678号-999"));

  for (const char* bad : {"京ICP证11018762号", "京公网安备11010802020088号", "京ICP备1101876号", "京ICP备110187621号",
                          "京ICP备11018762号-0", "京ICP备11018762号-1000", "京ICP备11018762号-01", " 京ICP备11018762号",
                          "京ICP备11018762", "港ICP备11018762号", "京icp备11018762号", "ICP备11018762号", ""}) {
    INFO(bad);
    CHECK_FALSE(is_valid_icp_number(bad));
  }
  CHECK(is_icp_province_abbr("黔"));
  CHECK_FALSE(is_icp_province_abbr("港"));
  CHECK_FALSE(is_icp_province_abbr("京津"));
}

TEST_CASE("Filing authorisation codes", "[validators][auth_code]") {
  CHECK(is_valid_auth_code("A1b2C3d4E5f6G7h8I9j0"));
  CHECK(is_valid_auth_code("12345678901234567890"));
  CHECK_FALSE(is_valid_auth_code("A1b2C3d4E5f6G7h8I9j"));
  CHECK_FALSE(is_valid_auth_code("A1b2C3d4E5f6G7h8I9j01"));
  CHECK_FALSE(is_valid_auth_code("A1b2C3d4E5f6G7h8I9j-"));
  CHECK_FALSE(is_valid_auth_code("A1b2C3d4E5f6G7h8I9jＡ"));
}
