#include "pipeline/stages/rules_stage.h"

#include <algorithm>

#include "pipeline/rules/rule_tables.h"
#include "pipeline/rules/rules.h"

namespace beian {

RulesStage::RulesStage() : tables_(rules::RuleTables::current()) {}

void RulesStage::run(OrderContext& ctx) const {
  if (!ctx.order) return;  // the manifest could not be read: nothing to judge
  std::vector<rules::DocumentFacts> facts;
  for (const auto& upload : ctx.uploads) {
    const UploadResult& r = ctx.result(upload);
    if (!r.expected) continue;  // not filing material (UPLOAD_UNEXPECTED)
    rules::DocumentFacts f;
    f.file = r.file;
    f.declared = r.declared;
    if (upload.expected) {
      f.person = upload.expected->person;
      f.website = upload.expected->website;
    }
    f.result = r.document;
    facts.push_back(std::move(f));
  }
  // Listed uploads that are absent still count as listed: the intake stage reported them
  // (UPLOAD_MISSING) and the material rules must not report them a second time.
  for (const auto& e : ctx.order->uploads)
    if (std::none_of(facts.begin(), facts.end(), [&](const auto& f) { return f.file == e.file; }))
      facts.push_back({e.file, e.document, e.person, e.website, std::nullopt});
  for (auto& f : rules::check_order(*ctx.order, facts, ctx.today, *tables_)) ctx.add(std::move(f));
}

}  // namespace beian
