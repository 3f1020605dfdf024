// Hand-made orders and reader results for the rules tests: a complete unit order and a
// complete personal order that pass every rule (both filed in 北京, whose table rows add
// nothing), and helpers to look at findings.
#pragma once

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "beian/finding.h"
#include "beian/order.h"
#include "pipeline/rules/rules.h"

namespace beian::test {

inline const Date kFilingDate{2026, 11, 22};

// 北京样本网络科技有限公司, one website with a CVM, subject owner = legal representative,
// a separate website owner; uploads: licence, both owners' ID sides, the portrait.
Order unit_order();
// 张样本, personal filing, one website, the owner is the subject; ID sides and portrait.
Order individual_order();

// The declared uploads of an order (no reader results).
std::vector<rules::DocumentFacts> declared(const Order& order);

// A reader result of `type` with the given fields (confidence 0.95 each).
DocumentResult read_result(const std::string& file, DocumentType type,
                           std::initializer_list<std::pair<std::string, std::string>> fields);
// Attaches `result` to the document named `file`.
void attach(std::vector<rules::DocumentFacts>& docs, const DocumentResult& result);

// Runs the rules with the tables of the current data folder on kFilingDate.
std::vector<Finding> check(const Order& order);
std::vector<Finding> check(const Order& order, const std::vector<rules::DocumentFacts>& docs);

// Number of findings with `code`.
int count(const std::vector<Finding>& findings, const std::string& code);
// The first finding with `code` (REQUIREs one).
const Finding& first(const std::vector<Finding>& findings, const std::string& code);
// The evidence value `key` of a finding ("" when absent).
std::string evidence(const Finding& f, const std::string& key);
// "CODE1, CODE2, ..." for failure messages.
std::string codes(const std::vector<Finding>& findings);

// A valid resident ID number for a region, birth date and sequence.
std::string id_number(const std::string& region, const Date& birth, int sequence);

}  // namespace beian::test
