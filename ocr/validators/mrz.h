// Machine-readable zones (ICAO Doc 9303) and the travel-permit number formats:
// the passport data page (TD3, 2 lines of 44), the mainland-issued 往来港澳通行证's single
// 30-character line, and the printed numbers of 港澳居民来往内地通行证 / 台湾居民来往大陆通行证.
// Pure functions, no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "beian/date.h"

namespace beian::validators {

// ICAO character value: 0-9 as is, A=10 ... Z=35, '<' = 0; -1 for anything else.
int mrz_char_value(char c);

// ICAO 7-3-1 check digit of `field` ('0'-'9'); '\0' when it holds a non-MRZ character.
char mrz_check_digit(std::string_view field);

// A six-digit YYMMDD MRZ date. Two-digit years are resolved against `pivot`: birth dates take
// the latest century not after pivot; expiry dates take the earliest century not more than
// 50 years before pivot. nullopt when not a calendar date.
std::optional<Date> mrz_birth_date(std::string_view yymmdd, const Date& pivot);
std::optional<Date> mrz_expiry_date(std::string_view yymmdd, const Date& pivot);
// YYMMDD of a date.
std::string mrz_date(const Date& d);

// ---- Passport TD3.
struct Td3 {
  std::string document_type;    // "P" (+ optional subtype letter, '<' removed)
  std::string issuing_state;    // 3 letters, e.g. "CHN"
  std::string surname;          // MRZ letters, '<' between words turned into spaces
  std::string given_names;
  std::string document_number;  // filler '<' removed
  std::string nationality;
  std::string birth_yymmdd;
  char sex = '<';               // 'M', 'F' or '<'
  std::string expiry_yymmdd;
  std::string optional_data;    // personal number, '<' removed
  // Each check digit as verified (a date field must also be six digits).
  bool number_ok = false, birth_ok = false, expiry_ok = false, optional_ok = false,
       composite_ok = false;
  bool line1_ok = false;        // line 1 is 44 MRZ characters starting with 'P'

  bool valid() const {
    return line1_ok && number_ok && birth_ok && expiry_ok && optional_ok && composite_ok;
  }
};

// Parses both lines (each must be 44 characters; returns nullopt otherwise or when a line
// holds a non-MRZ character). Check digits are verified, not enforced: see Td3::valid().
std::optional<Td3> parse_td3(std::string_view line1, std::string_view line2);

// True when a TD3 line 2 has 44 characters, digit dates, a sex of M/F/< and every check digit
// right.
bool td3_line2_valid(std::string_view line2);

// The two TD3 lines for the given data (names in MRZ letters, spaces allowed; truncated to fit).
struct Td3Data {
  std::string issuing_state = "CHN";
  std::string surname, given_names;
  std::string document_number;   // up to 9 characters
  std::string nationality = "CHN";
  Date birth;
  char sex = '<';
  Date expiry;
  std::string optional_data;     // up to 14 characters
};
std::pair<std::string, std::string> make_td3(const Td3Data& data);

// ---- 往来港澳通行证 (mainland residents), one line of 30:
// "CS" + number(9) + check + '<' + expiry YYMMDD + check + '<' + birth YYMMDD + check + '<' +
// composite (over number+check, expiry+check, birth+check).
struct TravelPermitLine {
  std::string document_type;    // "CS"
  std::string document_number;  // 9 characters, e.g. "C53158095"
  std::string expiry_yymmdd;
  std::string birth_yymmdd;
  bool number_ok = false, expiry_ok = false, birth_ok = false, composite_ok = false;
  bool valid() const { return number_ok && expiry_ok && birth_ok && composite_ok; }
};
std::optional<TravelPermitLine> parse_travel_permit_line(std::string_view line);
std::string make_travel_permit_line(std::string_view number9, const Date& expiry, const Date& birth);

// ---- Printed permit numbers.
// 往来港澳通行证 (mainland-issued, current format): 'C' + 8 characters of [0-9A-Z] (no I/O).
bool is_mainland_travel_permit_number(std::string_view number);
// 港澳居民来往内地通行证: 'H' or 'M' + 8 digits, optionally + a 2-digit issue count.
bool is_hk_macau_permit_number(std::string_view number);
// 台湾居民来往大陆通行证: 8 digits, optionally + a 2-digit issue count.
bool is_taiwan_permit_number(std::string_view number);

// repair_single_error with ocr_confusions as alternatives, for a TD3 line 2 and for the
// 30-character permit line.
std::optional<std::string> repair_td3_line2(std::string_view line2);
std::optional<std::string> repair_travel_permit_line(std::string_view line);

}  // namespace beian::validators
