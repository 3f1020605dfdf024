#include "ocr/validators/credit_code.h"

#include <array>

#include "ocr/validators/repair.h"

namespace beian::validators {
namespace {

constexpr std::array<int, 17> kUsccWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
constexpr std::array<int, 8> kOrgWeights = {3, 7, 9, 10, 5, 8, 4, 2};

// Value of a character in the credit-code alphabet, or -1.
int uscc_value(char c) {
  const size_t p = kUsccAlphabet.find(c);
  return p == std::string_view::npos ? -1 : static_cast<int>(p);
}

// Value of an organisation-code character: 0-9, A=10 ... Z=35, or -1.
int org_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

char org_code_check_char(std::string_view first8) {
  if (first8.size() != 8) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) {
    const int v = org_value(first8[i]);
    if (v < 0) return '\0';
    sum += v * kOrgWeights[i];
  }
  const int c = 11 - sum % 11;
  if (c == 10) return 'X';
  if (c == 11) return '0';
  return static_cast<char>('0' + c);
}

bool is_valid_org_code(std::string_view code) {
  std::string compact;
  if (code.size() == 10 && code[8] == '-') {
    compact = std::string(code.substr(0, 8)) + code[9];
  } else if (code.size() == 9) {
    compact = std::string(code);
  } else {
    return false;
  }
  const char expected = org_code_check_char(std::string_view(compact).substr(0, 8));
  return expected != '\0' && expected == compact[8];
}

char uscc_check_char(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    const int v = uscc_value(first17[i]);
    if (v < 0) return '\0';
    sum += v * kUsccWeights[i];
  }
  return kUsccAlphabet[(31 - sum % 31) % 31];
}

std::string_view to_string(UsccError e) {
  switch (e) {
    case UsccError::kOk: return "ok";
    case UsccError::kFormat: return "format";
    case UsccError::kCheckChar: return "check_char";
    case UsccError::kOrgCode: return "org_code";
  }
  return "format";
}

UsccCheck check_uscc(std::string_view code) {
  UsccCheck result;
  if (code.size() != 18) return result;
  for (char c : code) {
    if (uscc_value(c) < 0) return result;
  }
  // Characters 3-8 are an administrative division code (GB/T 2260): digits only. A letter
  // there is a misreading, however the check characters come out (a repair of 1 to L in the
  // region passed both checks on a clean certificate, fresh seed 113).
  if (!all_digits(code.substr(2, 6))) return result;
  UsccParts parts;
  parts.authority = code[0];
  parts.entity_type = code[1];
  parts.region = std::string(code.substr(2, 6));
  parts.org_code = std::string(code.substr(8, 9));
  parts.check = code[17];
  result.parts = parts;
  if (uscc_check_char(code.substr(0, 17)) != code[17]) {
    result.error = UsccError::kCheckChar;
  } else if (!is_valid_org_code(parts.org_code)) {
    result.error = UsccError::kOrgCode;
  } else {
    result.error = UsccError::kOk;
  }
  return result;
}

bool is_valid_uscc(std::string_view code) { return check_uscc(code).ok(); }

std::optional<std::string> repair_uscc(std::string_view code) {
  auto alternatives = [](size_t, char c) {
    std::string out;
    for (char alt : ocr_confusions(c)) {
      if (uscc_value(alt) >= 0) out += alt;
    }
    return out;
  };
  return repair_single_error(code, is_valid_uscc, alternatives);
}

std::string make_uscc(char authority, char entity_type, std::string_view region, std::string_view org8) {
  std::string first17;
  first17 += authority;
  first17 += entity_type;
  first17 += region;
  first17 += org8;
  first17 += org_code_check_char(org8);
  return first17 + uscc_check_char(first17);
}

char registration_number_check_digit(std::string_view first14) {
  if (first14.size() != 14 || !all_digits(first14)) return '\0';
  int p = 10;
  for (char c : first14) {
    int s = (p + (c - '0')) % 10;
    if (s == 0) s = 10;
    p = (2 * s) % 11;
  }
  // Valid when (p + d15) mod 10 == 1.
  return static_cast<char>('0' + (11 - p) % 10);
}

bool is_valid_registration_number(std::string_view number) {
  if (number.size() != 15 || !all_digits(number)) return false;
  return registration_number_check_digit(number.substr(0, 14)) == number[14];
}

}  // namespace beian::validators
