// Website names (seed 001 网站命名要求, seed 003 §14, province-rules.md Website-name rules;
// tables in website_names.json): length, special symbols, pure digits / pure Latin,
// sensitive words, 中国/中华/…/place-name prefixes for non-national units, personal sites
// named after a domain or a person or using organisation words, unit sites unrelated to
// the unit's name.
#include <algorithm>
#include <set>

#include "pipeline/base/text.h"
#include "pipeline/rules/rule_context.h"

namespace beian::rules {
namespace {

bool is_cjk(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x2FA1F);
}
bool is_latin(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }
bool contains(std::string_view text, std::string_view part) { return !part.empty() && text.find(part) != std::string_view::npos; }

// The unit name's distinctive part: bracketed parts removed, leading place names stripped,
// generic words removed, only letters and digits kept.
std::u32string distinctive_part(std::string_view unit_name, const NameTables& names, bool strip_places) {
  std::u32string u;
  int depth = 0;
  for (char32_t c : utf8_to_u32(normalize_for_compare(unit_name))) {
    if (c == U'(') ++depth;
    else if (c == U')') depth = std::max(0, depth - 1);
    else if (depth == 0) u += c;
  }
  std::string s = u32_to_utf8(u);
  for (bool stripped = strip_places; stripped;) {
    stripped = false;
    for (const auto& place : names.place_names)
      if (starts_with(s, place) && s.size() > place.size()) {
        s.erase(0, place.size());
        stripped = true;
        break;
      }
  }
  for (const auto& g : names.generic_words)
    for (size_t pos; (pos = s.find(g)) != std::string::npos;) s.erase(pos, g.size());
  std::u32string out;
  for (char32_t c : utf8_to_u32(s))
    if (is_cjk(c) || is_latin(c) || is_digit(c)) out += c;
  return out;
}

// True when `run` abbreviates `full`: a subsequence of it starting at its first character
// (北大 for 北京大学) that keeps at least one character of the distinctive part `core`, so a
// bare place name (北京) is no abbreviation.
bool abbreviates(std::u32string_view run, std::u32string_view full, std::u32string_view core) {
  if (run.empty() || full.empty() || run[0] != full[0]) return false;
  size_t j = 1;
  for (size_t i = 1; i < run.size(); ++i) {
    while (j < full.size() && full[j] != run[i]) ++j;
    if (j == full.size()) return false;
    ++j;
  }
  for (char32_t c : run)
    if (core.find(c) != std::u32string_view::npos) return true;
  return false;
}

}  // namespace

bool relates_to_unit(std::string_view website_name, std::string_view unit_name, const NameTables& names) {
  const size_t k = static_cast<size_t>(names.min_shared_chars);
  const std::u32string full = distinctive_part(unit_name, names, false);
  std::u32string core = distinctive_part(unit_name, names, true);
  if (core.size() < k) core = full;
  if (core.size() < k) return true;  // nothing distinctive to relate to: cannot judge
  const std::u32string site = utf8_to_u32(normalize_for_compare(website_name));
  for (size_t i = 0; i + k <= core.size(); ++i)
    if (site.find(core.substr(i, k)) != std::u32string::npos) return true;
  for (size_t p = 0; p + k <= site.size(); ++p)
    if (abbreviates(std::u32string_view(site).substr(p, k), full, core)) return true;
  return false;
}

void check_website_names(RuleContext& ctx) {
  if (!ctx.filing_rule().website_rules) return;
  const Order& o = ctx.order;
  const NameTables& names = ctx.tables.names;
  const bool national = ctx.national_unit();
  const std::string subject = normalize_for_compare(o.subject.name);

  for (size_t i = 0; i < o.websites.size(); ++i) {
    const Website& w = o.websites[i];
    const std::string pointer = "/websites/" + std::to_string(i) + "/name";
    const std::string key = normalize_for_compare(w.name);
    const std::u32string chars = utf8_to_u32(key);

    if (static_cast<int>(chars.size()) < ctx.tables.limits.website_name_min_chars)
      ctx.add("NAME_TOO_SHORT",
              {{"name", w.name}, {"length", std::to_string(chars.size())}, {"min", std::to_string(ctx.tables.limits.website_name_min_chars)}},
              pointer);

    std::string symbols;
    for (char32_t c : utf8_to_u32(to_halfwidth(trim(w.name))))
      if (!is_cjk(c) && !is_latin(c) && !is_digit(c) && names.allowed_symbols.find(c) == std::u32string::npos &&
          symbols.find(u32_to_utf8(std::u32string(1, c))) == std::string::npos)
        append_utf8(symbols, c);
    if (!symbols.empty()) ctx.add("NAME_SPECIAL_SYMBOL", {{"name", w.name}, {"symbols", symbols == " " ? "(space)" : symbols}}, pointer);

    const bool any_cjk = std::any_of(chars.begin(), chars.end(), is_cjk);
    const bool any_latin = std::any_of(chars.begin(), chars.end(), is_latin);
    const bool only_digits = !chars.empty() && std::all_of(chars.begin(), chars.end(), is_digit);
    const bool only_latin = any_latin && std::all_of(chars.begin(), chars.end(), [](char32_t c) { return is_latin(c) || is_digit(c); });
    if (only_digits) ctx.add("NAME_ONLY_DIGITS", {{"name", w.name}}, pointer);
    else if (only_latin && !any_cjk) ctx.add("NAME_ONLY_LATIN", {{"name", w.name}}, pointer);

    std::set<std::string> reported;  // a word reported once per name, under its strongest code
    for (const auto& word : names.sensitive_words)
      if (contains(key, word.key) && reported.insert(word.key).second)
        ctx.add("NAME_SENSITIVE_WORD", {{"name", w.name}, {"word", word.word}, {"source", word.source}}, pointer);

    if (!national) {
      for (const auto& word : names.restricted_prefixes) {
        if (reported.count(word.key) || !contains(key, word.key)) continue;
        // A unit whose registered name itself carries the word may use it (the name was approved).
        if (ctx.unit() && contains(subject, word.key)) continue;
        reported.insert(word.key);
        ctx.add(starts_with(key, word.key) ? "NAME_FORBIDDEN_PREFIX" : "NAME_RESTRICTED_WORD",
                {{"name", w.name}, {"word", word.word}, {"source", word.source}}, pointer);
      }
      for (const auto& place : names.place_names)
        if (starts_with(key, place)) {
          if (!contains(subject, place)) ctx.add("NAME_PLACE_PREFIX", {{"name", w.name}, {"place", place}}, pointer);
          break;
        }
    }

    if (!ctx.unit()) {
      for (const auto& d : w.domains) {
        const std::string dk = normalize_for_compare(d);
        const std::string label = dk.substr(0, dk.find('.'));
        std::string undotted = dk;
        undotted.erase(std::remove(undotted.begin(), undotted.end(), '.'), undotted.end());
        if (!dk.empty() && (key == dk || key == label || key == undotted)) {
          ctx.add("NAME_IS_DOMAIN", {{"name", w.name}, {"domain", d}}, pointer);
          break;
        }
      }
      std::vector<std::string> people = {o.subject.name, o.subject_owner.name};
      for (const auto& other : o.websites) people.push_back(other.owner.name);
      for (const auto& person : people) {
        const std::string pk = normalize_for_compare(person);
        if (pk.empty()) continue;
        bool named = key == pk;
        for (const auto& suffix : names.personal_name_suffixes) named = named || key == pk + suffix;
        if (named) {
          ctx.add("NAME_IS_PERSON_NAME", {{"name", w.name}}, pointer);
          break;
        }
      }
      for (const auto& word : names.personal_forbidden_words)
        if (contains(key, word.key) && reported.insert(word.key).second)
          ctx.add("NAME_PERSONAL_FORBIDDEN_WORD", {{"name", w.name}, {"word", word.word}, {"source", word.source}}, pointer);
    } else if (ctx.name_unrelated_to_unit(w)) {
      const auto rows = rows_for(ctx.tables.provinces.name_must_relate_to_unit, o.province);
      if (!rows.empty())
        ctx.add("NAME_MUST_RELATE_TO_UNIT",
                {{"name", w.name}, {"unit", o.subject.name}, {"province", o.province}, {"source", rows.front()->source}}, pointer);
      else
        ctx.add("NAME_UNRELATED_TO_UNIT", {{"name", w.name}, {"unit", o.subject.name}}, pointer);
    }
  }

  // Provinces where one subject's websites may not share a name.
  if (auto rows = rows_for(ctx.tables.provinces.unique_website_names, o.province); !rows.empty()) {
    std::set<std::string> seen;
    for (size_t i = 0; i < o.websites.size(); ++i)
      if (!seen.insert(normalize_for_compare(o.websites[i].name)).second)
        ctx.add("PROVINCE_DUPLICATE_WEBSITE_NAME",
                {{"name", o.websites[i].name}, {"province", o.province}, {"source", rows.front()->source}},
                "/websites/" + std::to_string(i) + "/name");
  }
}

}  // namespace beian::rules
