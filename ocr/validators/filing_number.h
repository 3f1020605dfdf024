// Numbers of the filing system itself: the ICP filing number (ICP备案号) and the filing
// authorisation code (备案授权码). Pure functions, no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace beian::validators {

// A parsed ICP filing number: subject number "京ICP备11018762号" or website number
// "京ICP备11018762号-11".
struct IcpNumber {
  std::string province_abbr;  // "京", "粤", ...
  std::string serial;         // 8 (older) or 10 digits (newer, year first)
  int website_index = 0;      // the "-N" suffix; 0 for a subject number
  bool is_website() const { return website_index > 0; }
  // The subject number this one belongs to ("京ICP备11018762号").
  std::string subject_number() const;
};

// Strict form: ^(京|津|…|新)ICP备(\d{8}|\d{10})号(-[1-9]\d{0,2})?$. Rejects 京ICP证… (an
// operating licence), 公网安备… (police filing) and anything with extra spaces; callers
// normalise OCR text (to_halfwidth, trim) first.
std::optional<IcpNumber> parse_icp_number(std::string_view text);
bool is_valid_icp_number(std::string_view text);

// True when `abbr` is one of the province abbreviations used in ICP numbers.
bool is_icp_province_abbr(std::string_view abbr);

// 备案授权码: exactly 20 ASCII letters or digits.
bool is_valid_auth_code(std::string_view code);

}  // namespace beian::validators
