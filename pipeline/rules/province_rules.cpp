// Province rules about the order itself (province_rules.json sections limits,
// service_content, domain_suffixes, same_city_addresses, remarks_statements), the filing
// province against the unit certificate (seed 002 步骤1: 备案省份选择与单位证件一致), and the
// national baseline that a personal website's remarks describe its content
// (province-rules.md, U). Then the rules about people and papers (province_people_rules.cpp).
#include <algorithm>

#include "ocr/validators/credit_code.h"
#include "pipeline/base/text.h"
#include "pipeline/rules/address.h"
#include "pipeline/rules/rule_context.h"

namespace beian::rules {
namespace {

bool listed(const std::vector<std::string>& list, const std::string& value) {
  return std::any_of(list.begin(), list.end(), [&](const auto& v) { return same_text(v, value); });
}

std::string joined(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : "、") + s;
  return out;
}

void limits(RuleContext& ctx) {
  const Order& o = ctx.order;
  for (const auto* row : rows_for(ctx.tables.provinces.limits, o.province)) {
    if (!conditions_hold(row->when, ctx)) continue;
    auto over = [&](const char* what_zh, const char* what_en, int count, int limit, const std::string& pointer) {
      if (limit > 0 && count > limit)
        ctx.add("PROVINCE_LIMIT_EXCEEDED",
                {{"province", o.province}, {"what_zh", what_zh}, {"what_en", what_en}, {"count", std::to_string(count)},
                 {"limit", std::to_string(limit)}, {"source", row->source}, {"date", row->date}},
                pointer);
    };
    over("本次网站数", "websites in this order", static_cast<int>(o.websites.size()), row->max_websites, "/websites");
    over("本次域名数", "domains in this order", ctx.total_domains(), row->max_domains, "/websites");
    for (size_t i = 0; i < o.websites.size(); ++i)
      over(("网站“" + o.websites[i].name + "”的域名数").c_str(), ("domains of website " + o.websites[i].name).c_str(),
           static_cast<int>(o.websites[i].domains.size()), row->max_domains_per_website, "/websites/" + std::to_string(i) + "/domains");
  }
}

void service_content(RuleContext& ctx) {
  const Order& o = ctx.order;
  for (const auto* row : rows_for(ctx.tables.provinces.service_content, o.province)) {
    if (row->subject_kind && *row->subject_kind != o.subject.kind) continue;
    for (size_t i = 0; i < o.websites.size(); ++i) {
      const std::string& content = o.websites[i].service_content;
      if (trim(content).empty()) continue;
      const bool bad = (!row->allowed.empty() && !listed(row->allowed, content)) || listed(row->forbidden, content);
      if (bad)
        ctx.add("PROVINCE_SERVICE_CONTENT_NOT_ALLOWED",
                {{"website", o.websites[i].name}, {"content", content}, {"province", o.province},
                 {"allowed", row->allowed.empty() ? "-" : joined(row->allowed)}, {"forbidden", row->forbidden.empty() ? "-" : joined(row->forbidden)},
                 {"source", row->source}},
                "/websites/" + std::to_string(i) + "/service_content");
    }
  }
}

void domain_suffixes(RuleContext& ctx) {
  const Order& o = ctx.order;
  if (!ctx.filing_rule().website_rules) return;
  for (const auto* row : rows_for(ctx.tables.provinces.domain_suffixes, o.province)) {
    if (!conditions_hold(row->when, ctx)) continue;
    for (size_t i = 0; i < o.websites.size(); ++i)
      for (size_t j = 0; j < o.websites[i].domains.size(); ++j) {
        const DomainName d = parse_domain(o.websites[i].domains[j], ctx.tables.domains);
        if (d.suffix.empty()) continue;  // invalid or not filable: reported by the domain rules
        const std::string tld = d.suffix.substr(d.suffix.rfind('.') == std::string::npos ? 0 : d.suffix.rfind('.') + 1);
        if ((!row->allowed.empty() && !listed(row->allowed, tld)) || listed(row->forbidden, tld))
          ctx.add("PROVINCE_DOMAIN_SUFFIX_NOT_ALLOWED",
                  {{"domain", o.websites[i].domains[j]}, {"suffix", tld}, {"province", o.province}, {"source", row->source}},
                  "/websites/" + std::to_string(i) + "/domains/" + std::to_string(j));
      }
  }
}

void same_city(RuleContext& ctx) {
  const Subject& s = ctx.order.subject;
  const auto rows = rows_for(ctx.tables.provinces.same_city_addresses, ctx.order.province);
  if (rows.empty() || trim(s.certificate_address).empty() || trim(s.mailing_address).empty()) return;
  const std::string a = city_of_address(s.certificate_address);
  const std::string b = city_of_address(s.mailing_address);
  if (!a.empty() && !b.empty() && !same_text(a, b))
    ctx.add("PROVINCE_ADDRESS_CROSS_CITY",
            {{"certificate_city", a}, {"mailing_city", b}, {"province", ctx.order.province}, {"source", rows.front()->source}},
            "/subject/mailing_address");
}

void remarks(RuleContext& ctx) {
  const Order& o = ctx.order;
  for (const auto* row : rows_for(ctx.tables.provinces.remarks_statements, o.province))
    for (size_t i = 0; i < o.websites.size(); ++i)
      if (conditions_hold(row->when, ctx, &o.websites[i]) &&
          normalize_for_compare(o.websites[i].remarks).find(normalize_for_compare(row->text)) == std::string::npos)
        ctx.add("PROVINCE_REMARKS_STATEMENT_MISSING",
                {{"website", o.websites[i].name}, {"text", row->text}, {"province", o.province}, {"source", row->source}},
                "/websites/" + std::to_string(i) + "/remarks");
  if (!ctx.unit() && ctx.filing_rule().website_rules)
    for (size_t i = 0; i < o.websites.size(); ++i)
      if (trim(o.websites[i].remarks).empty())
        ctx.add("WEBSITE_REMARKS_MISSING", {{"website", o.websites[i].name}}, "/websites/" + std::to_string(i) + "/remarks");
}

// The unit certificate's province: its address (read from the certificate, else the
// manifest's), else the region inside the credit code.
void subject_province(RuleContext& ctx) {
  if (!ctx.unit()) return;
  const Subject& s = ctx.order.subject;
  std::string province, basis;
  for (const auto& d : ctx.documents)
    if (d.result && is_unit_certificate(d.result->type))
      if (const FieldValue* v = d.result->field("address"); v && v->present() && province.empty()) {
        province = province_of_address(v->value);
        basis = v->value;
      }
  if (province.empty() && !trim(s.certificate_address).empty()) {
    province = province_of_address(s.certificate_address);
    basis = s.certificate_address;
  }
  if (province.empty()) {
    const auto check = validators::check_uscc(id_key(s.certificate_number));
    if (check.ok() && check.parts) {
      province = province_of_code(check.parts->region);
      basis = s.certificate_number;
    }
  }
  if (!province.empty() && province != ctx.order.province)
    ctx.add("SUBJECT_PROVINCE_MISMATCH", {{"province", ctx.order.province}, {"certificate_province", province}, {"basis", basis}},
            "/province");
}

}  // namespace

void check_province(RuleContext& ctx) {
  subject_province(ctx);
  limits(ctx);
  service_content(ctx);
  domain_suffixes(ctx);
  same_city(ctx);
  remarks(ctx);
  check_province_people(ctx);
}

}  // namespace beian::rules
