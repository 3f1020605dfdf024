// Unit identifiers: the unified social credit code (统一社会信用代码, GB 32100-2015), the
// organisation code it embeds (组织机构代码, GB 11714-1997) and the old 15-digit business
// registration number (注册号, GS 15-2006). Pure functions, no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace beian::validators {

// The 31 characters a credit code may contain: 0-9 and A-Z without I O Z S V.
inline constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// ---- Organisation code (GB 11714): 8 characters (digits or A-Z) + check digit (0-9 or X).

// Check character for the first 8 characters: '0'-'9' or 'X'; '\0' when `first8` is not
// 8 characters of [0-9A-Z].
char org_code_check_char(std::string_view first8);

// True for a valid code written "XXXXXXXX-X" or "XXXXXXXXX" (upper-case).
bool is_valid_org_code(std::string_view code);

// ---- Unified social credit code (GB 32100): 18 characters of kUsccAlphabet.

// Check character for the first 17 characters, from kUsccAlphabet; '\0' when `first17` is
// not 17 alphabet characters.
char uscc_check_char(std::string_view first17);

enum class UsccError {
  kOk,
  kFormat,      // not 18 characters of the alphabet, or a region (3-8) that is not six digits
  kCheckChar,   // character 18 is not the GB 32100 check character
  kOrgCode,     // characters 9-17 are not a valid organisation code (second check)
};
std::string_view to_string(UsccError e);  // "ok", "format", "check_char", "org_code"

struct UsccParts {
  char authority = '\0';     // 登记管理部门: '1' 机构编制, '5' 民政, '9' 工商, 'Y' 其他, ...
  char entity_type = '\0';   // 机构类别 within the authority (e.g. '1' 企业 under '9')
  std::string region;        // 6-digit region code
  std::string org_code;      // 9 characters (8 + check), without the dash
  char check = '\0';
};

struct UsccCheck {
  UsccError error = UsccError::kFormat;
  std::optional<UsccParts> parts;  // filled whenever the format is right
  bool ok() const { return error == UsccError::kOk; }
};

// Checks format, the check character, then the embedded organisation code.
UsccCheck check_uscc(std::string_view code);
bool is_valid_uscc(std::string_view code);

// Repairs one misread character (look-alikes from ocr_confusions within kUsccAlphabet) when
// exactly one substitution passes both checks; `code` unchanged when already valid; nullopt
// when the checks cannot decide.
std::optional<std::string> repair_uscc(std::string_view code);

// Builds a valid credit code: authority + entity_type + region(6) + org8, completing the
// organisation code's check digit and the code's check character.
// REQUIRES: region is 6 digits; org8 is 8 characters of kUsccAlphabet.
std::string make_uscc(char authority, char entity_type, std::string_view region, std::string_view org8);

// ---- Registration number (GS 15-2006, ISO 7064 MOD 11,10): 15 digits.

// True for 15 digits whose last digit satisfies the MOD 11,10 check.
bool is_valid_registration_number(std::string_view number);

// The check digit completing 14 digits; '\0' when `first14` is not 14 digits.
char registration_number_check_digit(std::string_view first14);

}  // namespace beian::validators
