#include "ocr/business_licence/licence_fields.h"

#include <cstdio>

#include "ocr/validators/credit_code.h"
#include "pipeline/base/text.h"

namespace beian::ocr {
namespace {

// Runs of ASCII digits in `text`, in order.
std::vector<std::string> digit_runs(const std::string& text) {
  std::vector<std::string> runs;
  std::string run;
  for (char c : to_halfwidth(text) + " ") {
    if (c >= '0' && c <= '9') {
      run += c;
    } else if (!run.empty()) {
      runs.push_back(run);
      run.clear();
    }
  }
  return runs;
}

}  // namespace

std::optional<Date> parse_cn_date(const std::string& text) {
  const auto runs = digit_runs(text);
  for (size_t i = 0; i + 2 < runs.size(); ++i) {
    if (runs[i].size() == 4 && runs[i + 1].size() <= 2 && runs[i + 2].size() <= 2) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%s%02d%02d", runs[i].c_str(), std::stoi(runs[i + 1]), std::stoi(runs[i + 2]));
      if (auto d = Date::parse(buf)) return d;
    }
  }
  for (const auto& r : runs)
    if (r.size() == 8)
      if (auto d = Date::parse(r)) return d;
  return std::nullopt;
}

TermReading parse_term(const std::string& text) {
  TermReading t;
  const std::string sep = "至";
  const auto at = text.find(sep);
  const std::string first = at == std::string::npos ? text : text.substr(0, at);
  const std::string second = at == std::string::npos ? "" : text.substr(at + sep.size());
  t.from = parse_cn_date(first);
  if (second.find("长期") != std::string::npos || second.find("不约定") != std::string::npos ||
      (at == std::string::npos && text.find("长期") != std::string::npos))
    t.open_ended = true;
  else
    t.until = parse_cn_date(second);
  // Without 至 (misread), two dates in a row are still from and until.
  if (at == std::string::npos && !t.open_ended) {
    const auto runs = digit_runs(text);
    if (runs.size() >= 6) {
      std::string rest;
      for (size_t i = 3; i < runs.size(); ++i) rest += runs[i] + "-";
      t.until = parse_cn_date(rest);
    }
  }
  return t;
}

std::string code_characters(const std::string& text) {
  std::string out;
  for (char c : to_halfwidth(text)) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I') c = '1';
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) out += c;
  }
  return out;
}

CodeReading resolve_credit_code(const std::vector<std::string>& candidates) {
  CodeReading out;
  for (const auto& raw : candidates) {
    const std::string c = code_characters(raw);
    if (c.size() == 18 && validators::is_valid_uscc(c)) return {c, true, false};
    if (c.size() == 15 && validators::is_valid_registration_number(c)) return {c, true, false};
  }
  for (const auto& raw : candidates) {
    const std::string c = code_characters(raw);
    if (c.size() != 18) continue;
    if (auto repaired = validators::repair_uscc(c)) return {*repaired, true, true};
  }
  // Nothing verifies: report the most plausible reading unchecked (the caller withholds it).
  for (const auto& raw : candidates) {
    const std::string c = code_characters(raw);
    if (c.size() == 18 || c.size() == 15) return {c, false, false};
  }
  return out;
}

}  // namespace beian::ocr
