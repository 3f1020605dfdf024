// The rule tables: everything a rule compares against that may change without a code change
// (limits, word lists, filable suffixes, certificates per unit nature, province extras...).
// Loaded from templates/rules/*.json; each file is documented in docs/rules.md.
//
// Loading is strict: a duplicate key, an unknown key, a missing key, a value of the wrong
// type, an unknown province, document type, filing type or number format is a
// std::runtime_error naming the file and the JSON path, never a silent default.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "beian/date.h"
#include "beian/ocr/document.h"
#include "beian/order.h"

namespace beian::rules {

// ---- limits.json
struct Limits {
  int websites_per_order = 0;
  int domains_per_website = 0;
  int orders_in_progress = 0;        // orders an account may have in progress, this one included
  int subjects_per_account = 0;
  int website_name_min_chars = 0;
  int document_min_valid_months = 0; // ID cards, licences: valid at least this long after filing
  // A reading that differs from the manifest is an error only at or above this OCR
  // confidence; below it the mismatch asks for review (READ_MISMATCH_UNCERTAIN).
  double mismatch_min_read_confidence = 0.0;
  // A name read within this many characters of the manifest's also asks for review.
  int mismatch_review_max_edits = 0;
  std::map<std::string, std::string> sources;  // limit name → source
};

// ---- website_names.json
struct Word {
  std::string word;     // as written in the table
  std::string key;      // normalize_for_compare(word)
  std::string source;
};
struct NameTables {
  std::vector<Word> restricted_prefixes;
  std::vector<std::string> national_unit_name_prefixes;  // normalised
  std::vector<Word> sensitive_words;
  std::u32string allowed_symbols;
  std::vector<Word> personal_forbidden_words;
  std::vector<std::string> place_names;     // normalised; provinces, regions.json prefectures, extras; longest first
  std::vector<std::string> generic_words;   // normalised; longest first
  int min_shared_chars = 2;
  std::vector<std::string> personal_name_suffixes;  // normalised
};

// ---- domains.json
struct RestrictedSuffix {
  std::string suffix;
  std::vector<std::string> natures;  // natures that may use it (empty: nobody)
  std::string source;
};
struct DomainTables {
  std::set<std::string> filable_suffixes;   // lower-case, no leading dot
  std::vector<RestrictedSuffix> restricted;
};

// ---- cloud_resources.json
struct CloudKind {
  std::vector<std::string> billing;  // allowed billing modes; empty = not checked
  int min_purchased_months = 0;
  int min_remaining_months = 0;
  std::string requirement_zh, requirement_en, source;
};
struct CloudTables {
  std::map<std::string, CloudKind> kinds;   // cvm, lighthouse, serverless, clb, auth_code
  std::vector<std::string> usable_statuses, known_statuses;
  std::string auth_code_source;
  std::map<std::string, std::vector<std::string>> instance_id_prefixes;  // kind → prefixes
  std::vector<std::string> no_auth_code_kinds;   // kinds whose servers cannot issue codes
};

// ---- filing_types.json
enum class Need { kRequired, kForbidden, kOptional };
struct FilingTypeRule {
  Need websites = Need::kOptional, subject_icp = Need::kOptional, website_icp = Need::kOptional,
       cloud_resource = Need::kOptional;
  bool website_rules = true;  // website name and domain rules apply (websites filed or changed)
  bool materials = true;      // identity and certificate uploads are judged for this type
  std::string source;
};

// ---- materials.json
enum class NumberFormat { kUscc, kOrgCode, kUsccOrRegistration, kResidentId, kHkMacauPermit, kTaiwanPermit, kPassport };
struct UnitCertificate {
  std::string name;
  std::vector<std::string> aliases;
  DocumentType document = DocumentType::kUnknown;
  NumberFormat number = NumberFormat::kUscc;
};
struct Nature {
  std::string nature;
  std::vector<std::string> aliases;
  std::vector<std::string> certificates;  // canonical certificate names
  std::string source;
};
struct Identity {
  std::string identity_zh, identity_en, id_type;
  std::vector<std::string> aliases;
  std::vector<DocumentType> documents;   // all of them are needed (ID card: both sides)
  NumberFormat number = NumberFormat::kResidentId;
  std::string source;
};
struct MaterialTables {
  std::vector<UnitCertificate> unit_certificates;
  std::vector<Nature> natures;
  std::string individual_nature;          // 个人
  std::vector<Identity> identities;
  bool unit_certificate_required = true;
  std::vector<std::string> identity_roles;  // subject_owner, website_owner
  std::vector<std::string> portrait_roles;  // website_owner
  std::string required_source;

  const UnitCertificate* certificate(std::string_view name_or_alias) const;
  const Nature* nature(std::string_view name_or_alias) const;
  const Identity* identity(std::string_view id_type_or_alias) const;
};

// ---- pre_approvals.json
struct PreApprovalCategory {
  std::string name;
  std::vector<std::string> aliases;
  std::string authority_zh, authority_en;
  std::vector<std::string> keywords;   // normalised
  std::string source;
};
struct PreApprovalTables {
  std::vector<std::string> none_values;
  bool individuals_may_hold = false;
  std::string individuals_source;
  std::vector<PreApprovalCategory> categories;

  const PreApprovalCategory* category(std::string_view name_or_alias) const;
  bool is_none(std::string_view value) const;
};

// ---- province_rules.json
// When a province row applies. Unset members do not restrict.
struct Conditions {
  std::optional<SubjectKind> subject_kind;
  std::vector<std::string> natures;
  std::vector<FilingType> filing_types;
  int min_domains = 0;     // order total; the website's own with scope website
  int min_websites = 0;
  bool owner_out_of_province = false;
  bool subject_owner_not_legal_rep = false;
  bool website_owner_not_legal_rep = false;
  bool website_name_unrelated = false;
  Date effective_from;     // invalid = always
};
struct ProvinceRow {
  std::string province;    // short name (广东)
  std::string source, date, note;
};
struct ProvinceMaterial : ProvinceRow {
  bool per_website = false;
  std::string material_zh, material_en;
  std::optional<DocumentType> document;   // set: an upload of this type is looked for
  Conditions when;
};
struct ProvinceAcceptance : ProvinceRow {
  bool accepted = true;
};
struct ProvinceLimit : ProvinceRow {
  Conditions when;
  int max_websites = 0, max_domains = 0, max_domains_per_website = 0;  // 0 = no limit
};
struct ProvinceServiceContent : ProvinceRow {
  std::optional<SubjectKind> subject_kind;
  std::vector<std::string> allowed, forbidden;
};
struct ProvinceDomainSuffix : ProvinceRow {
  Conditions when;
  std::vector<std::string> allowed, forbidden;
};
struct ProvinceRemark : ProvinceRow {
  Conditions when;
  std::string text;
};
struct ProvinceOwnerMayDiffer : ProvinceRow {
  bool must_equal_website_owner = true;
};
struct ProvinceReminder : ProvinceRow {
  Conditions when;
  std::string text_zh, text_en;
};
struct ProvinceTables {
  std::vector<ProvinceMaterial> materials;
  std::vector<ProvinceAcceptance> out_of_province_ids;
  std::vector<ProvinceAcceptance> foreign_individuals;
  std::vector<ProvinceLimit> limits;
  std::vector<ProvinceServiceContent> service_content;
  std::vector<ProvinceDomainSuffix> domain_suffixes;
  std::vector<ProvinceRow> name_must_relate_to_unit;
  std::vector<ProvinceRow> same_city_addresses;
  std::vector<ProvinceRemark> remarks_statements;
  std::vector<ProvinceOwnerMayDiffer> subject_owner_may_differ;
  std::vector<ProvinceRow> unique_website_names;
  std::vector<ProvinceReminder> reminders;
};

// The rows of `rows` for one province.
template <typename Row>
std::vector<const Row*> rows_for(const std::vector<Row>& rows, std::string_view province) {
  std::vector<const Row*> out;
  for (const auto& r : rows)
    if (r.province == province) out.push_back(&r);
  return out;
}

struct RuleTables {
  Limits limits;
  NameTables names;
  DomainTables domains;
  CloudTables cloud;
  std::map<FilingType, FilingTypeRule> filing_types;   // every filing type
  MaterialTables materials;
  PreApprovalTables pre_approvals;
  ProvinceTables provinces;

  // Loads every table from data_dir()/rules/. Throws std::runtime_error naming the file and
  // the JSON path of the first problem.
  static RuleTables load();
  // The tables of the current data_dir(), loaded on first use and again whenever
  // data_dir() changes (so a test can point set_data_dir() at a modified copy). Thread-safe.
  static std::shared_ptr<const RuleTables> current();
};

// Loaders of the individual files (rule_tables.cpp, material_tables.cpp, province_tables.cpp).
Limits load_limits();
NameTables load_name_tables();
DomainTables load_domain_tables();
CloudTables load_cloud_tables();
std::map<FilingType, FilingTypeRule> load_filing_types();
MaterialTables load_material_tables();
PreApprovalTables load_pre_approval_tables();
ProvinceTables load_province_tables();

}  // namespace beian::rules
