// The pre-review rules: everything a provider's first reviewer (初审) checks by machine, run
// on the order manifest plus whatever the readers found in the uploads. Each rule adds
// findings with a stable code, the evidence and the fix (texts in
// templates/messages/rules.json); tables live in templates/rules/*.json. Every code, its
// source and its tables are listed in docs/rules.md.
//
//   std::vector<beian::rules::DocumentFacts> docs = beian::rules::facts_from_manifest(order);
//   auto findings = beian::rules::check_order(order, docs, today);
//   beian::Verdict v = beian::verdict_for(findings);
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "beian/date.h"
#include "beian/finding.h"
#include "beian/ocr/document.h"
#include "beian/order.h"

namespace beian::rules {

struct RuleTables;

// One upload as the rules see it: what the manifest says it is and whose it is, and what the
// readers found in it (when they ran).
struct DocumentFacts {
  std::string file;                        // upload file name
  std::optional<DocumentType> declared;    // the manifest's declared type
  std::string person;                      // subject_owner, website_owner, legal_representative or ""
  int website = 0;                         // 1-based website index, 0 = none
  std::optional<DocumentResult> result;    // the readers' result; unset when not read

  // The classified type when a reader recognised it, otherwise the declared one, otherwise kUnknown.
  DocumentType type() const;
};

// The facts the manifest alone gives: one per listed upload, without reader results.
std::vector<DocumentFacts> facts_from_manifest(const Order& order);

// Runs every rule on the order. `today` is the day validity is judged against (the filing
// date). Never throws for bad input: problems of the order are findings. Throws
// std::runtime_error only when the rule tables cannot be loaded (naming the file).
std::vector<Finding> check_order(const Order& order, const std::vector<DocumentFacts>& documents, const Date& today);
// The same with explicit tables.
std::vector<Finding> check_order(const Order& order, const std::vector<DocumentFacts>& documents, const Date& today,
                                 const RuleTables& tables);

}  // namespace beian::rules
