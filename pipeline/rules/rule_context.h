// What every rule family sees: the order, the documents, the filing date, the tables, and
// the findings it adds to; plus the derived facts several families share (whose document
// is this, is the subject owner the legal representative, where is a person's ID from).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "beian/finding.h"
#include "pipeline/rules/rule_tables.h"
#include "pipeline/rules/rules.h"

namespace beian::rules {

class RuleContext {
 public:
  RuleContext(const Order& order, const std::vector<DocumentFacts>& documents, const Date& today,
              const RuleTables& tables);

  const Order& order;
  const std::vector<DocumentFacts>& documents;
  const Date today;
  const RuleTables& tables;
  std::vector<Finding> findings;

  // Adds a finding about the manifest: file "order.json", field = JSON pointer.
  void add(std::string_view code, Evidence evidence, std::string pointer = {});
  // Adds a finding about an upload: file = its name, field = canonical field name.
  void add_for_file(std::string_view code, Evidence evidence, const std::string& file, std::string field = {});

  bool unit() const { return order.subject.kind == SubjectKind::kUnit; }
  // True for a unit whose registered name marks it as national-level (website_names.json).
  bool national_unit() const;
  // The subject's nature as the table names it ("" when unknown to the table).
  std::string nature() const;
  int total_domains() const;
  const FilingTypeRule& filing_rule() const;

  // The person a document belongs to: by its declared role and website, else by the ID
  // number its reader found. nullptr when it cannot be told.
  const Person* person_of(const DocumentFacts& doc) const;
  // JSON pointer of a person in the manifest ("/subject_owner", "/websites/0/owner").
  std::string pointer_of(const Person& person) const;
  // Every distinct person of the order (subject owner first, then website owners), with
  // website owners identical to an earlier person (same ID number) left out.
  std::vector<const Person*> people() const;

  // The legal representative's name: the manifest's, else the one read from the licence.
  std::string legal_representative() const;
  // The province (short name) a person's resident ID places them in: the address read from
  // their ID card when there is one, else the ID number's first two digits. Empty when the
  // person holds no resident ID or the region is unknown.
  std::string home_province(const Person& person) const;
  // True when the website's name does not relate to the unit's name (website_names.json).
  bool name_unrelated_to_unit(const Website& website) const;

  // The first value read for `field` from documents of `type` (optionally of one person),
  // with the file it came from; nullopt when no reader found it.
  struct Read {
    std::string value;
    std::string file;
  };
  std::optional<Read> read_field(DocumentType type, std::string_view field, const Person* person = nullptr) const;
};

// Rule families, one file each. Each adds its findings to the context.
void check_filing_type(RuleContext& ctx);     // filing_type_rules.cpp
void check_limits(RuleContext& ctx);          // limit_rules.cpp
void check_website_names(RuleContext& ctx);   // name_rules.cpp
void check_domains(RuleContext& ctx);         // domain_rules.cpp
void check_cloud_resources(RuleContext& ctx); // cloud_rules.cpp
void check_icp_numbers(RuleContext& ctx);     // icp_rules.cpp
void check_subject(RuleContext& ctx);         // subject_rules.cpp
void check_materials(RuleContext& ctx);       // material_rules.cpp
void check_pre_approvals(RuleContext& ctx);   // pre_approval_rules.cpp
void check_province(RuleContext& ctx);        // province_rules.cpp (calls the next one)
void check_province_people(RuleContext& ctx); // province_people_rules.cpp: materials, IDs, reminders
void check_consistency(RuleContext& ctx);     // consistency_rules.cpp

// Shared comparisons.
bool same_text(std::string_view a, std::string_view b);       // equal after normalize_for_compare
std::string id_key(std::string_view id_number);               // trimmed, half-width, upper-case
// True when `conditions` hold for the order (and for `website` when given: its domains, its owner).
bool conditions_hold(const Conditions& conditions, const RuleContext& ctx, const Website* website = nullptr);
// True when a website name relates to the unit's name: it shares a run of min_shared_chars
// characters with the unit's distinctive part (the name without leading place names,
// bracketed parts and generic words), or abbreviates it (name_rules.cpp).
// A domain as filed: the first-level domain (one label + a filable suffix) it belongs to.
// `problem` is set (and the rest empty) when the text is no valid domain name; `suffix` is
// empty when the suffix is not filable (domain_rules.cpp).
struct DomainName {
  std::string domain;       // lower-case, trimmed
  std::string first_level;  // "example.com.cn"
  std::string suffix;       // "com.cn"
  std::string problem;      // why it is invalid, English, for the evidence
};
DomainName parse_domain(std::string_view text, const DomainTables& tables);
bool relates_to_unit(std::string_view website_name, std::string_view unit_name, const NameTables& names);

}  // namespace beian::rules
