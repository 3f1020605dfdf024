#include "ocr/validators/filing_number.h"

#include <regex>

namespace beian::validators {
namespace {

// The abbreviations of formats.md, as one regex alternation (UTF-8 bytes match literally).
constexpr const char* kProvinceAlternation =
    "京|津|冀|晋|蒙|辽|吉|黑|沪|苏|浙|皖|闽|赣|鲁|豫|鄂|湘|粤|桂|琼|渝|川|蜀|贵|黔|云|滇|藏|陕|甘|陇|青|宁|新";

}  // namespace

std::string IcpNumber::subject_number() const { return province_abbr + "ICP备" + serial + "号"; }

std::optional<IcpNumber> parse_icp_number(std::string_view text) {
  static const std::regex re(std::string("^(") + kProvinceAlternation +
                             ")ICP备([0-9]{8}|[0-9]{10})号(-([1-9][0-9]{0,2}))?$");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(text.begin(), text.end(), m, re)) return std::nullopt;
  IcpNumber n;
  n.province_abbr = m[1].str();
  n.serial = m[2].str();
  n.website_index = m[4].matched ? std::stoi(m[4].str()) : 0;
  return n;
}

bool is_valid_icp_number(std::string_view text) { return parse_icp_number(text).has_value(); }

bool is_icp_province_abbr(std::string_view abbr) {
  static const std::regex re(std::string("^(") + kProvinceAlternation + ")$");
  return std::regex_match(abbr.begin(), abbr.end(), re);
}

bool is_valid_auth_code(std::string_view code) {
  if (code.size() != 20) return false;
  for (char c : code) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!alnum) return false;
  }
  return true;
}

}  // namespace beian::validators
