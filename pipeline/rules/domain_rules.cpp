// Domains (seed 001 备案对象, seed 002 备案域名; domains.json): a valid domain name, a filable
// suffix, the first-level domain is what is filed, no domain twice in the order, suffixes
// reserved for some unit natures (gov.cn…), and the domain's real-name holder is the subject.
#include <algorithm>
#include <map>

#include "pipeline/base/mask.h"
#include "pipeline/base/text.h"
#include "pipeline/rules/rule_context.h"

namespace beian::rules {
namespace {

bool is_cjk(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

// Why one label is invalid, or "".
std::string label_problem(const std::string& label) {
  if (label.empty()) return "empty label (two dots in a row, or a leading dot)";
  const std::u32string u = utf8_to_u32(label);
  if (u.front() == U'-' || u.back() == U'-') return "a label starts or ends with '-'";
  for (char32_t c : u)
    if (!((c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9') || c == U'-' || is_cjk(c)))
      return "character '" + u32_to_utf8(std::u32string(1, c)) + "' is not allowed in a domain name";
  if (label.size() > 63) return "a label is longer than 63 characters";
  return {};
}

}  // namespace

DomainName parse_domain(std::string_view text, const DomainTables& tables) {
  DomainName out;
  std::string d = trim(to_halfwidth(text));
  std::transform(d.begin(), d.end(), d.begin(), [](unsigned char c) { return c < 0x80 ? std::tolower(c) : c; });
  if (!d.empty() && d.back() == '.') d.pop_back();
  out.domain = d;
  if (d.find("://") != std::string::npos) { out.problem = "write the domain without http:// or https://"; return out; }
  if (d.find_first_of("/:@?# ") != std::string::npos) { out.problem = "write the bare domain without path, port or spaces"; return out; }
  if (d.size() > 253) { out.problem = "longer than 253 characters"; return out; }
  if (tables.filable_suffixes.count(d)) { out.problem = "this is a suffix, not a domain"; return out; }
  const auto labels = split(d, '.');
  if (labels.size() < 2) { out.problem = "a domain needs at least two labels (name.suffix)"; return out; }
  for (const auto& l : labels)
    if (auto p = label_problem(l); !p.empty()) { out.problem = p; return out; }
  // The longest filable suffix that leaves a name label in front of it.
  for (size_t start = 1; start < labels.size(); ++start) {
    std::string suffix;
    for (size_t i = start; i < labels.size(); ++i) suffix += (i > start ? "." : "") + labels[i];
    if (tables.filable_suffixes.count(suffix)) {
      out.suffix = suffix;
      out.first_level = labels[start - 1] + "." + suffix;
      return out;
    }
  }
  return out;
}

void check_domains(RuleContext& ctx) {
  if (!ctx.filing_rule().website_rules) return;
  const Order& o = ctx.order;
  const std::string nature = ctx.nature();
  std::map<std::string, std::string> seen;  // first-level domain → website name
  for (size_t i = 0; i < o.websites.size(); ++i) {
    const Website& w = o.websites[i];
    const std::string base = "/websites/" + std::to_string(i);
    for (size_t j = 0; j < w.domains.size(); ++j) {
      const std::string pointer = base + "/domains/" + std::to_string(j);
      const DomainName d = parse_domain(w.domains[j], ctx.tables.domains);
      if (!d.problem.empty()) {
        ctx.add("DOMAIN_INVALID", {{"domain", w.domains[j]}, {"reason", d.problem}}, pointer);
        continue;
      }
      if (d.suffix.empty()) {
        ctx.add("DOMAIN_SUFFIX_NOT_FILABLE", {{"domain", w.domains[j]}, {"suffix", d.domain.substr(d.domain.rfind('.') + 1)}}, pointer);
        continue;
      }
      if (d.domain != d.first_level)
        ctx.add("DOMAIN_NOT_FIRST_LEVEL", {{"domain", w.domains[j]}, {"first_level", d.first_level}}, pointer);
      if (auto [it, inserted] = seen.emplace(d.first_level, w.name); !inserted)
        ctx.add("DOMAIN_DUPLICATE", {{"domain", d.first_level}, {"website", w.name}, {"other_website", it->second}}, pointer);
      for (const auto& r : ctx.tables.domains.restricted)
        if (r.suffix == d.suffix && std::none_of(r.natures.begin(), r.natures.end(), [&](const auto& n) { return same_text(n, nature); }))
          ctx.add("DOMAIN_SUFFIX_RESTRICTED",
                  {{"domain", w.domains[j]}, {"suffix", d.suffix}, {"nature", o.subject.nature.empty() ? nature : o.subject.nature},
                   {"source", r.source}},
                  pointer);
    }
    if (w.domain_holder) {
      const DomainHolder& h = *w.domain_holder;
      std::string differs;
      if (!same_text(h.name, o.subject.name)) differs = "name";
      if (!h.certificate_number.empty() && id_key(h.certificate_number) != id_key(o.subject.certificate_number))
        differs += differs.empty() ? "certificate_number" : ", certificate_number";
      if (!differs.empty())
        ctx.add("DOMAIN_HOLDER_MISMATCH",
                {{"website", w.name}, {"holder", h.name}, {"holder_number", mask_id_number(h.certificate_number)},
                 {"subject", o.subject.name}, {"differs", differs}},
                base + "/domain_holder");
    }
  }
}

}  // namespace beian::rules
