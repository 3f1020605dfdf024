// Order and account limits (seed 001 备案限制; limits.json): websites per order, domains per
// website, one order in progress per account, one subject per account.
#include <algorithm>

#include "pipeline/rules/rule_context.h"

namespace beian::rules {

void check_limits(RuleContext& ctx) {
  const Order& o = ctx.order;
  const Limits& limits = ctx.tables.limits;
  if (static_cast<int>(o.websites.size()) > limits.websites_per_order)
    ctx.add("ORDER_TOO_MANY_WEBSITES",
            {{"count", std::to_string(o.websites.size())}, {"limit", std::to_string(limits.websites_per_order)}}, "/websites");
  for (size_t i = 0; i < o.websites.size(); ++i) {
    const Website& w = o.websites[i];
    if (static_cast<int>(w.domains.size()) > limits.domains_per_website)
      ctx.add("WEBSITE_TOO_MANY_DOMAINS",
              {{"website", w.name}, {"count", std::to_string(w.domains.size())}, {"limit", std::to_string(limits.domains_per_website)}},
              "/websites/" + std::to_string(i) + "/domains");
  }
  if (!o.account) return;
  const Account& a = *o.account;
  if (a.orders_in_progress + 1 > limits.orders_in_progress)
    ctx.add("ACCOUNT_ORDER_IN_PROGRESS",
            {{"in_progress", std::to_string(a.orders_in_progress)}, {"limit", std::to_string(limits.orders_in_progress)}},
            "/account/orders_in_progress");
  const bool known = std::any_of(a.subjects.begin(), a.subjects.end(), [&](const std::string& s) {
    return same_text(s, o.subject.name) || (!o.subject.certificate_number.empty() && id_key(s) == id_key(o.subject.certificate_number));
  });
  if (!known && static_cast<int>(a.subjects.size()) + 1 > limits.subjects_per_account)
    ctx.add("ACCOUNT_OTHER_SUBJECT",
            {{"subjects", std::to_string(a.subjects.size())}, {"limit", std::to_string(limits.subjects_per_account)}},
            "/account/subjects");
}

}  // namespace beian::rules
