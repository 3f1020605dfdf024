#include "pipeline/rules/rules.h"

#include "pipeline/rules/rule_context.h"

namespace beian::rules {

DocumentType DocumentFacts::type() const {
  if (result && result->type != DocumentType::kUnknown) return result->type;
  return declared.value_or(DocumentType::kUnknown);
}

std::vector<DocumentFacts> facts_from_manifest(const Order& order) {
  std::vector<DocumentFacts> out;
  for (const auto& u : order.uploads) out.push_back({u.file, u.document, u.person, u.website, std::nullopt});
  return out;
}

std::vector<Finding> check_order(const Order& order, const std::vector<DocumentFacts>& documents, const Date& today) {
  return check_order(order, documents, today, *RuleTables::current());
}

std::vector<Finding> check_order(const Order& order, const std::vector<DocumentFacts>& documents, const Date& today,
                                 const RuleTables& tables) {
  RuleContext ctx(order, documents, today, tables);
  // Order of the families = order of the findings in the report: what the order is first,
  // then the websites, then the people and their papers.
  check_filing_type(ctx);
  check_limits(ctx);
  check_icp_numbers(ctx);
  check_website_names(ctx);
  check_domains(ctx);
  check_cloud_resources(ctx);
  check_pre_approvals(ctx);
  check_subject(ctx);
  check_materials(ctx);
  check_consistency(ctx);
  check_province(ctx);
  return std::move(ctx.findings);
}

}  // namespace beian::rules
