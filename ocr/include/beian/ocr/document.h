// What a reader returns for one uploaded image: its document type, each field as value +
// confidence (or missing with a reason), findings and timings. Plain values, serialised by
// beian/json.h with the canonical field names (see docs/samples.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "beian/finding.h"

namespace beian {

// Every kind of upload beian knows. The string ids (to_string) are stable: they appear in
// order manifests, report.json, truth.json and the HTTP API.
enum class DocumentType {
  kUnknown,                 // "unknown": could not be classified
  kIdFront,                 // "id_front": 居民身份证 人像面
  kIdBack,                  // "id_back": 居民身份证 国徽面
  kBusinessLicence,         // "business_licence": 营业执照
  kOrgCodeCertificate,      // "org_code_certificate": 组织机构代码证书
  kPublicInstitution,       // "public_institution_certificate": 事业单位法人证书
  kSocialOrganisation,      // "social_organisation_certificate": 社会团体法人登记证书
  kPrivateNonEnterprise,    // "private_non_enterprise_certificate": 民办非企业单位登记证书
  kFoundation,              // "foundation_certificate": 基金会法人登记证书
  kLawFirmLicence,          // "law_firm_licence": 律师事务所执业许可证
  kUsccCertificate,         // "uscc_certificate": 统一社会信用代码证书
  kPassport,                // "passport": 护照 data page
  kMainlandTravelPermit,    // "mainland_travel_permit": 往来港澳通行证 (issued to mainland residents)
  kHkMacauHomeReturnPermit, // "hk_macau_permit": 港澳居民来往内地通行证
  kTaiwanCompatriotPermit,  // "taiwan_permit": 台湾居民来往大陆通行证
  kPortrait,                // "portrait": the owner's verification/backdrop photo
  kVerificationSheet,       // "verification_sheet": 网站备案信息真实性核验单 (signed scan)
  kCommitmentLetter,        // "commitment_letter": 网站备案承诺书 (signed scan)
  kAuthorisationLetter,     // "authorisation_letter": 授权书 (signed scan)
  kNotDocument,             // "not_document": a photo or screenshot that is none of the above
};

std::string_view to_string(DocumentType t);
// Parses a stable id; returns nullopt for an unknown id.
std::optional<DocumentType> parse_document_type(std::string_view id);
// Chinese display name, e.g. "居民身份证（人像面）".
std::string_view display_name_zh(DocumentType t);
// All types, in declaration order.
const std::vector<DocumentType>& all_document_types();
// True for the unit certificates (licence and the other unit certificates).
bool is_unit_certificate(DocumentType t);
// True for the personal identity documents (ID card sides, passport, permits).
bool is_personal_document(DocumentType t);

// One field as read. A field that could not be read has an empty value, confidence 0 and a
// missing_reason; a reader never fills in a guess.
struct FieldValue {
  std::string value;           // normalised value (dates "YYYY-MM-DD", ID numbers upper-case)
  double confidence = 0.0;     // 0..1
  std::string missing_reason;  // why the value is empty, when it is

  bool present() const { return !value.empty(); }
};

struct DocumentResult {
  std::string file;                                          // upload file name
  DocumentType type = DocumentType::kUnknown;
  double type_confidence = 0.0;                              // 0..1
  std::vector<std::pair<std::string, FieldValue>> fields;    // canonical names, reading order
  std::vector<Finding> findings;                             // validation and quality findings
  std::vector<std::pair<std::string, double>> timings_ms;    // step → milliseconds

  // The field called `name`, or nullptr.
  const FieldValue* field(std::string_view name) const;
  // Sets (or replaces) a field.
  void set_field(std::string name, FieldValue value);
};

// {"value","confidence"} or {"value":null,"confidence":0,"missing_reason"}.
void to_json(nlohmann::json& j, const FieldValue& v);
void from_json(const nlohmann::json& j, FieldValue& v);
// {"file","type","type_confidence","fields":{name:FieldValue...},"findings":[...],"timings_ms":{...}}
void to_json(nlohmann::json& j, const DocumentResult& r);
void from_json(const nlohmann::json& j, DocumentResult& r);

}  // namespace beian
