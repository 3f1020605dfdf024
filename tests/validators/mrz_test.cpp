// MRZ (ICAO 9303) and permit numbers: every vector of formats.md.
#include <catch2/catch.hpp>

#include "ocr/validators/mrz.h"
#include "ocr/validators/repair.h"

using namespace beian;
using namespace beian::validators;

namespace {
const std::string kIcaoLine1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
const std::string kIcaoLine2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";
const std::string kChnLine2 = "E561240497CHN9008168F2507204NEKMMFOFMFOFA920";
const std::string kPermit = "CSC531580954<2612199<9712087<2";
}  // namespace

TEST_CASE("ICAO check digits", "[validators][mrz]") {
  CHECK(mrz_check_digit("L898902C3") == '6');
  CHECK(mrz_check_digit("740812") == '2');
  CHECK(mrz_check_digit("120415") == '9');
  CHECK(mrz_check_digit("ZE184226B<<<<<") == '1');
  CHECK(mrz_check_digit("abc") == '\0');
  CHECK(mrz_char_value('<') == 0);
  CHECK(mrz_char_value('Z') == 35);
  CHECK(mrz_char_value('-') == -1);
}

TEST_CASE("TD3 line 2 vectors from formats.md", "[validators][mrz]") {
  CHECK(td3_line2_valid(kIcaoLine2));
  CHECK(td3_line2_valid(kChnLine2));
  CHECK_FALSE(td3_line2_valid(kIcaoLine2.substr(0, 43)));

  // Changing position 9 (the number's check digit) breaks two checks: number and composite.
  std::string broken = kIcaoLine2;
  broken[9] = '7';
  const auto t = parse_td3(kIcaoLine1, broken);
  REQUIRE(t);
  CHECK_FALSE(t->number_ok);
  CHECK_FALSE(t->composite_ok);
  CHECK(t->birth_ok);
  CHECK(t->expiry_ok);
  CHECK(t->optional_ok);
}

TEST_CASE("TD3 parse gives the fields", "[validators][mrz]") {
  const auto t = parse_td3(kIcaoLine1, kIcaoLine2);
  REQUIRE(t);
  CHECK(t->valid());
  CHECK(t->document_type == "P");
  CHECK(t->issuing_state == "UTO");
  CHECK(t->surname == "ERIKSSON");
  CHECK(t->given_names == "ANNA MARIA");
  CHECK(t->document_number == "L898902C3");
  CHECK(t->nationality == "UTO");
  CHECK(t->sex == 'F');
  CHECK(mrz_birth_date(t->birth_yymmdd, Date{2026, 1, 1}) == Date{1974, 8, 12});
  CHECK(mrz_expiry_date(t->expiry_yymmdd, Date{2026, 1, 1}) == Date{2012, 4, 15});
  CHECK(t->optional_data == "ZE184226B");
  CHECK_FALSE(parse_td3(kIcaoLine1, "L898902C36UTO7408122F1204159ZE184226B<<<<<1-").has_value());
}

TEST_CASE("make_td3 round-trips", "[validators][mrz]") {
  Td3Data d;
  d.surname = "ZHANG";
  d.given_names = "XIAO MING";
  d.document_number = "E12345678";
  d.birth = Date{1990, 8, 16};
  d.sex = 'M';
  d.expiry = Date{2031, 7, 20};
  const auto [l1, l2] = make_td3(d);
  CHECK(l1.size() == 44);
  CHECK(l2.size() == 44);
  CHECK(l1.substr(0, 20) == "P<CHNZHANG<<XIAO<MIN");
  const auto t = parse_td3(l1, l2);
  REQUIRE(t);
  CHECK(t->valid());
  CHECK(t->given_names == "XIAO MING");
  CHECK(t->document_number == "E12345678");
  CHECK(mrz_birth_date(t->birth_yymmdd, Date{2026, 1, 1}) == d.birth);
  CHECK(mrz_expiry_date(t->expiry_yymmdd, Date{2026, 1, 1}) == d.expiry);
  CHECK(l2[42] == '<');  // empty optional data
}

TEST_CASE("MRZ two-digit years", "[validators][mrz]") {
  const Date pivot{2026, 6, 1};
  CHECK(mrz_birth_date("260531", pivot) == Date{2026, 5, 31});
  CHECK(mrz_birth_date("260602", pivot) == Date{1926, 6, 2});
  CHECK(mrz_birth_date("991231", pivot) == Date{1999, 12, 31});
  CHECK(mrz_expiry_date("360101", pivot) == Date{2036, 1, 1});
  CHECK_FALSE(mrz_birth_date("991331", pivot).has_value());
  CHECK(mrz_date(Date{2007, 3, 9}) == "070309");
}

TEST_CASE("Mainland travel permit MRZ line from formats.md", "[validators][mrz]") {
  const auto t = parse_travel_permit_line(kPermit);
  REQUIRE(t);
  CHECK(t->valid());
  CHECK(t->document_type == "CS");
  CHECK(t->document_number == "C53158095");
  CHECK(t->expiry_yymmdd == "261219");
  CHECK(t->birth_yymmdd == "971208");
  CHECK(make_travel_permit_line("C53158095", Date{2026, 12, 19}, Date{1997, 12, 8}) == kPermit);
  std::string broken = kPermit;
  broken[29] = '3';
  CHECK_FALSE(parse_travel_permit_line(broken)->composite_ok);
  CHECK_FALSE(parse_travel_permit_line(kPermit.substr(1)).has_value());
}

TEST_CASE("Permit number formats", "[validators][permits]") {
  CHECK(is_mainland_travel_permit_number("C53158095"));
  CHECK_FALSE(is_mainland_travel_permit_number("C5315809"));
  CHECK_FALSE(is_mainland_travel_permit_number("E53158095"));
  CHECK_FALSE(is_mainland_travel_permit_number("C5315809O"));  // no letter O
  CHECK(is_hk_macau_permit_number("H12345678"));
  CHECK(is_hk_macau_permit_number("M1234567801"));
  CHECK_FALSE(is_hk_macau_permit_number("K12345678"));
  CHECK_FALSE(is_hk_macau_permit_number("H1234567"));
  CHECK_FALSE(is_hk_macau_permit_number("H123456780"));
  CHECK(is_taiwan_permit_number("12345678"));
  CHECK(is_taiwan_permit_number("1234567801"));
  CHECK_FALSE(is_taiwan_permit_number("123456789"));
  CHECK_FALSE(is_taiwan_permit_number("T2345678"));
}

TEST_CASE("Single-character repair with check digits", "[validators][mrz][repair]") {
  // OCR reads the O-like 0 of the birth date as O, and a filler as K.
  std::string misread = kChnLine2;
  misread[14] = 'O';  // birth "900816" → "9O0816"
  const auto fixed = repair_td3_line2(misread);
  REQUIRE(fixed);
  CHECK(*fixed == kChnLine2);

  // K (value 20) and '<' (0) are equal mod 10: check digits cannot see that confusion, so
  // fillers read as K must be fixed structurally, not by repair.
  std::string filler = kIcaoLine2;
  filler[38] = 'K';
  CHECK(td3_line2_valid(filler));
  CHECK(repair_td3_line2(kIcaoLine2) == std::optional<std::string>(kIcaoLine2));

  std::string permit = kPermit;
  permit[14] = 'G';  // expiry 261219 → 2G1219
  CHECK(repair_travel_permit_line(permit) == std::optional<std::string>(kPermit));
  // In the number letters are allowed, so 5 → S there has two repairs (…5… and …D…): refused.
  permit = kPermit;
  permit[3] = 'S';
  CHECK_FALSE(repair_travel_permit_line(permit).has_value());

  // Two errors: nothing unique to return.
  std::string twice = kChnLine2;
  twice[14] = 'O';
  twice[22] = 'S';
  CHECK_FALSE(repair_td3_line2(twice).has_value());

  // The generic helper refuses when two candidates both pass.
  auto any_even = [](std::string_view s) { return (s[0] - '0') % 2 == 0; };
  auto alts = [](size_t, char) { return std::string("24"); };
  CHECK_FALSE(repair_single_error("1", any_even, alts).has_value());
  auto only_two = [](std::string_view s) { return s == "2"; };
  CHECK(repair_single_error("1", only_two, alts) == std::optional<std::string>("2"));
}
