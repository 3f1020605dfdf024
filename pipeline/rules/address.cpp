#include "pipeline/rules/address.h"

#include "ocr/validators/regions.h"
#include "pipeline/base/text.h"

namespace beian::rules {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return !prefix.empty() && text.substr(0, prefix.size()) == prefix;
}

// The province the address starts with and the rest of the address after it.
const validators::Province* leading_province(const std::string& a, std::string* rest) {
  for (const auto& p : validators::RegionTable::get().provinces())
    for (const auto* name : {&p.name, &p.short_name}) {
      const std::string key = normalize_for_compare(*name);
      if (starts_with(a, key)) {
        *rest = a.substr(key.size());
        return &p;
      }
    }
  return nullptr;
}

// The listed prefecture the text starts with (its full name, e.g. "深圳市"), with its province code.
std::string leading_prefecture(const std::string& text, std::string* province_code) {
  const auto& regions = validators::RegionTable::get();
  for (const auto& code : regions.county_codes()) {
    auto r = regions.lookup(code);
    if (!r || r->prefecture.empty()) continue;
    std::u32string u = utf8_to_u32(r->prefecture);
    const std::string full = normalize_for_compare(r->prefecture);
    const std::string bare = u.size() > 2 && u.back() == U'市' ? normalize_for_compare(u32_to_utf8(u.substr(0, u.size() - 1))) : full;
    if (starts_with(text, full) || starts_with(text, bare)) {
      *province_code = code.substr(0, 2);
      return r->prefecture;
    }
  }
  return {};
}

}  // namespace

std::string province_of_code(std::string_view code) {
  if (code.size() < 2) return {};
  const auto* p = validators::RegionTable::get().province(code.substr(0, 2));
  return p && !p->icp_abbr.empty() ? p->short_name : std::string();
}

std::string province_of_address(std::string_view address) {
  const std::string a = normalize_for_compare(address);
  std::string rest;
  if (const auto* p = leading_province(a, &rest)) return p->short_name;
  std::string code;
  if (!leading_prefecture(a, &code).empty()) return province_of_code(code);
  return {};
}

std::string city_of_address(std::string_view address) {
  const std::string a = normalize_for_compare(address);
  std::string rest = a;
  const auto* p = leading_province(a, &rest);
  // The four municipalities are cities themselves.
  if (p && utf8_to_u32(p->name).back() == U'市') return p->name;
  std::string code;
  std::string city = leading_prefecture(rest, &code);
  if (!city.empty()) return city;
  // An unlisted city: the text up to the first 市/州/盟 within the first six characters.
  const std::u32string u = utf8_to_u32(rest);
  for (size_t i = 1; i < u.size() && i < 6; ++i)
    if (u[i] == U'市' || u[i] == U'州' || u[i] == U'盟') return u32_to_utf8(u.substr(0, i + 1));
  return {};
}

}  // namespace beian::rules
