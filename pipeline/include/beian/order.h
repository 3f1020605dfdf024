// The order: what the provider's order service hands beian for one filing, read from the
// upload folder's order.json manifest (schema documented in docs/order-manifest.md).
// Plain values; parse_order_manifest() never throws for bad input.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "beian/date.h"
#include "beian/ocr/document.h"

namespace beian {

// Filing types (备案类型), seed 001. JSON uses the Chinese names.
enum class FilingType {
  kFirstFiling,     // 首次备案
  kAccessFiling,    // 接入备案
  kNewWebsite,      // 新增网站
  kChangeSubject,   // 变更主体
  kChangeWebsite,   // 变更网站
  kChangeAccess,    // 变更接入
  kCancelSubject,   // 注销主体
  kCancelWebsite,   // 注销网站
  kCancelAccess,    // 取消接入
};
std::string_view to_string(FilingType t);
std::optional<FilingType> parse_filing_type(std::string_view text);

enum class SubjectKind { kUnit, kIndividual };  // JSON: "unit" / "individual"

// A natural person in the filing: subject owner (主体负责人), website owner (网站负责人).
struct Person {
  std::string name;
  std::string id_type;     // 身份证, 护照, 港澳居民来往内地通行证, 台湾居民来往大陆通行证, ...
  std::string id_number;
  std::string phone;       // mobile
  std::string email;
  std::string landline;    // optional
};

// The filing subject (主办单位 / 主办者).
struct Subject {
  SubjectKind kind = SubjectKind::kIndividual;
  std::string nature;                // 主办单位性质: 企业, 政府机关, 事业单位, 社会团体, 民办非企业单位, 基金会, 律师执业机构, 个人, ...
  std::string name;                  // unit name, or the person's name for individuals
  std::string certificate_type;      // 营业执照, 事业单位法人证书, 身份证, ...
  std::string certificate_number;    // credit code, ID number, ...
  std::string certificate_address;   // 证件住址
  std::string mailing_address;       // 通信地址
  std::string legal_representative;  // 法定代表人 (units)
  std::string icp_number;            // existing subject ICP number (接入备案 / 新增网站)
  std::string remarks;
};

// The cloud resource a website is filed on (seed 002): cvm, lighthouse, serverless, clb, auth_code.
struct CloudResource {
  std::string kind;
  std::string instance_id;
  std::string billing;               // "monthly" (包年包月) or "postpaid" (按量计费)
  int purchased_months = 0;          // months bought including renewals
  Date expires_on;                   // invalid when not given
  std::string auth_code;             // kind == auth_code
  std::string auth_code_status;      // 未使用 / 使用中 / 已使用
};

// The domain's registered holder, when the order service knows it (domain real-name check).
struct DomainHolder {
  std::string name;
  std::string certificate_number;
};

struct Website {
  std::string name;
  std::vector<std::string> domains;
  std::string service_content;              // 网站服务内容
  std::vector<std::string> pre_approvals;   // 前置审批 categories, empty when none
  std::vector<std::string> languages;
  CloudResource cloud_resource;
  Person owner;                             // 网站负责人
  std::optional<DomainHolder> domain_holder;
  std::string icp_number;                   // existing website ICP number (接入备案)
  std::string remarks;
};

// A file the order expects in its upload folder.
struct ExpectedUpload {
  std::string file;                         // name inside the folder (no path separators)
  std::optional<DocumentType> document;     // what it should be; unset = let classification decide
  std::string person;                       // "subject_owner", "website_owner", "legal_representative", or ""
  int website = 0;                          // 1-based website index for website documents, 0 = none
};

// The account the order belongs to, when the order service supplies it (order limits).
struct Account {
  std::string id;
  int orders_in_progress = 0;               // other orders of this account still in progress
  std::vector<std::string> subjects;        // subjects already filed by this account
};

struct Order {
  std::string schema = "beian.order/1";
  std::string order_id;                     // [A-Za-z0-9_-]{1,64}; names the output folder
  FilingType filing_type = FilingType::kFirstFiling;
  std::string province;                     // short name: 广东, 北京, 内蒙古, ...
  Date filing_date;                         // invalid = the day of processing
  Subject subject;
  Person subject_owner;
  std::vector<Website> websites;
  std::vector<ExpectedUpload> uploads;
  std::optional<Account> account;
};

// One problem in a manifest: where (file and JSON pointer) and what.
struct ManifestError {
  std::string file;        // the manifest's path as given
  std::string json_path;   // JSON pointer, e.g. "/websites/1/domains/0"; "" for the whole document
  std::string message;     // what is wrong, in English

  // "FILE: /json/path: message"
  std::string to_string() const;
};

struct ParsedOrder {
  Order order;                          // meaningful only when errors is empty
  std::vector<ManifestError> errors;    // every problem found (not only the first)
  bool ok() const { return errors.empty(); }
};

// Parses a manifest. `source` names it in errors (usually its path). Unknown members are
// errors (a misspelt key must not be silently ignored); optional members may be omitted.
ParsedOrder parse_order_manifest(std::string_view json_text, std::string_view source);
// Reads and parses a manifest file; a missing or unreadable file is an error in the result.
ParsedOrder load_order_manifest(const std::string& path);

// The province short names accepted in manifests (templates/data/provinces.json), with their
// one-character abbreviation (粤) and GB/T 2260 two-digit code.
struct Province {
  std::string name;    // 广东
  std::string abbr;    // 粤 (first of the abbreviations)
  std::string code;    // "44"
};
const std::vector<Province>& provinces();
const Province* find_province(std::string_view name_or_abbr);

void to_json(nlohmann::json& j, const Order& o);
// Throws nlohmann::json::exception for malformed input; use parse_order_manifest for
// user-supplied manifests.
void from_json(const nlohmann::json& j, Order& o);

}  // namespace beian
