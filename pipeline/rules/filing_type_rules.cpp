// Filing type consistency (seed 001 备案类型): what the order says it is (首次备案, 接入备案,
// 新增网站, 变更…, 注销…) against what it carries (ICP numbers, websites, cloud resources),
// as the table filing_types.json prescribes per type.
#include "pipeline/base/text.h"
#include "pipeline/rules/rule_context.h"

namespace beian::rules {
namespace {

bool has_text(const std::string& s) { return !trim(s).empty(); }

// The adding filing type the order's numbers point to (seed 001 definitions): no subject
// number → 首次备案; a subject number and every website numbered → 接入备案; a subject number
// and no website numbered → 新增网站; a mixture needs two orders.
std::string suggested_type(const Order& o) {
  if (!has_text(o.subject.icp_number)) return "首次备案";
  size_t numbered = 0;
  for (const auto& w : o.websites) numbered += has_text(w.icp_number);
  if (numbered == 0) return "新增网站";
  if (numbered == o.websites.size()) return "接入备案";
  return "接入备案 + 新增网站";
}

}  // namespace

void check_filing_type(RuleContext& ctx) {
  const Order& o = ctx.order;
  const FilingTypeRule& rule = ctx.filing_rule();
  const std::string type(to_string(o.filing_type));
  const std::string suggested = suggested_type(o);

  if (rule.websites == Need::kRequired && o.websites.empty()) ctx.add("FILING_WEBSITES_MISSING", {{"filing_type", type}}, "/websites");
  if (rule.websites == Need::kForbidden && !o.websites.empty())
    ctx.add("FILING_WEBSITES_UNEXPECTED", {{"filing_type", type}}, "/websites");

  const bool subject_numbered = has_text(o.subject.icp_number);
  if (rule.subject_icp == Need::kRequired && !subject_numbered)
    ctx.add("FILING_SUBJECT_ICP_MISSING", {{"filing_type", type}, {"suggested", suggested}}, "/subject/icp_number");
  if (rule.subject_icp == Need::kForbidden && subject_numbered)
    ctx.add("FILING_SUBJECT_ICP_UNEXPECTED", {{"filing_type", type}, {"icp_number", o.subject.icp_number}, {"suggested", suggested}},
            "/subject/icp_number");

  for (size_t i = 0; i < o.websites.size(); ++i) {
    const Website& w = o.websites[i];
    const std::string base = "/websites/" + std::to_string(i);
    const bool numbered = has_text(w.icp_number);
    if (rule.website_icp == Need::kRequired && !numbered)
      ctx.add("FILING_WEBSITE_ICP_MISSING", {{"filing_type", type}, {"website", w.name}, {"suggested", suggested}},
              base + "/icp_number");
    if (rule.website_icp == Need::kForbidden && numbered)
      ctx.add("FILING_WEBSITE_ICP_UNEXPECTED",
              {{"filing_type", type}, {"website", w.name}, {"icp_number", w.icp_number}, {"suggested", suggested}},
              base + "/icp_number");
    if (rule.cloud_resource == Need::kRequired && w.cloud_resource.kind.empty())
      ctx.add("FILING_CLOUD_RESOURCE_MISSING", {{"filing_type", type}, {"website", w.name}}, base + "/cloud_resource");
  }
}

}  // namespace beian::rules
