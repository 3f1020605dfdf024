// 前置审批 (seed 003 §15, seed 001 单位备案 其他材料, seed 002 步骤4; pre_approvals.json):
// declared categories must be known, individuals cannot hold approvals, a declared category
// needs the authority's approval document, and content that looks like a category that was
// not declared is flagged for review.
#include <algorithm>

#include "pipeline/base/text.h"
#include "pipeline/rules/rule_context.h"

namespace beian::rules {

void check_pre_approvals(RuleContext& ctx) {
  if (!ctx.filing_rule().website_rules) return;
  const PreApprovalTables& t = ctx.tables.pre_approvals;
  for (size_t i = 0; i < ctx.order.websites.size(); ++i) {
    const Website& w = ctx.order.websites[i];
    const std::string base = "/websites/" + std::to_string(i) + "/pre_approvals";
    std::vector<const PreApprovalCategory*> declared;
    for (size_t j = 0; j < w.pre_approvals.size(); ++j) {
      const std::string& value = w.pre_approvals[j];
      if (t.is_none(value)) continue;
      const PreApprovalCategory* c = t.category(value);
      const std::string pointer = base + "/" + std::to_string(j);
      if (!c) {
        std::string known;
        for (const auto& k : t.categories) known += (known.empty() ? "" : "、") + k.name;
        ctx.add("PRE_APPROVAL_UNKNOWN", {{"website", w.name}, {"category", value}, {"known", known}}, pointer);
        continue;
      }
      declared.push_back(c);
      if (!ctx.unit() && !t.individuals_may_hold)
        ctx.add("PRE_APPROVAL_INDIVIDUAL", {{"website", w.name}, {"category", c->name}, {"source", t.individuals_source}}, pointer);
      else
        ctx.add("PRE_APPROVAL_DOCUMENT_NEEDED",
                {{"website", w.name}, {"category", c->name}, {"authority_zh", c->authority_zh}, {"authority_en", c->authority_en}},
                pointer);
    }
    const std::string text = normalize_for_compare(w.name + " " + w.service_content);
    for (const auto& c : t.categories) {
      if (std::find(declared.begin(), declared.end(), &c) != declared.end()) continue;
      for (const auto& kw : c.keywords)
        if (!kw.empty() && text.find(kw) != std::string::npos) {
          ctx.add("PRE_APPROVAL_SUSPECTED",
                  {{"website", w.name}, {"category", c.name}, {"keyword", kw}, {"authority_zh", c.authority_zh},
                   {"authority_en", c.authority_en}},
                  base);
          break;
        }
    }
  }
}

}  // namespace beian::rules
