#include "beian/ocr/document.h"

#include <algorithm>
#include <array>

namespace beian {
namespace {

struct TypeName {
  DocumentType type;
  std::string_view id;
  std::string_view zh;
};

constexpr std::array kTypes = {
    TypeName{DocumentType::kUnknown, "unknown", "无法识别"},
    TypeName{DocumentType::kIdFront, "id_front", "居民身份证（人像面）"},
    TypeName{DocumentType::kIdBack, "id_back", "居民身份证（国徽面）"},
    TypeName{DocumentType::kBusinessLicence, "business_licence", "营业执照"},
    TypeName{DocumentType::kOrgCodeCertificate, "org_code_certificate", "组织机构代码证书"},
    TypeName{DocumentType::kPublicInstitution, "public_institution_certificate", "事业单位法人证书"},
    TypeName{DocumentType::kSocialOrganisation, "social_organisation_certificate", "社会团体法人登记证书"},
    TypeName{DocumentType::kPrivateNonEnterprise, "private_non_enterprise_certificate", "民办非企业单位登记证书"},
    TypeName{DocumentType::kFoundation, "foundation_certificate", "基金会法人登记证书"},
    TypeName{DocumentType::kLawFirmLicence, "law_firm_licence", "律师事务所执业许可证"},
    TypeName{DocumentType::kUsccCertificate, "uscc_certificate", "统一社会信用代码证书"},
    TypeName{DocumentType::kPassport, "passport", "护照"},
    TypeName{DocumentType::kMainlandTravelPermit, "mainland_travel_permit", "往来港澳通行证"},
    TypeName{DocumentType::kHkMacauHomeReturnPermit, "hk_macau_permit", "港澳居民来往内地通行证"},
    TypeName{DocumentType::kTaiwanCompatriotPermit, "taiwan_permit", "台湾居民来往大陆通行证"},
    TypeName{DocumentType::kPortrait, "portrait", "网站负责人核验照片"},
    TypeName{DocumentType::kVerificationSheet, "verification_sheet", "网站备案信息真实性核验单"},
    TypeName{DocumentType::kCommitmentLetter, "commitment_letter", "网站备案承诺书"},
    TypeName{DocumentType::kAuthorisationLetter, "authorisation_letter", "授权书"},
    TypeName{DocumentType::kNotDocument, "not_document", "非证件图片"},
};

const TypeName& lookup(DocumentType t) {
  for (const auto& n : kTypes)
    if (n.type == t) return n;
  return kTypes[0];
}

}  // namespace

std::string_view to_string(DocumentType t) { return lookup(t).id; }
std::string_view display_name_zh(DocumentType t) { return lookup(t).zh; }

std::optional<DocumentType> parse_document_type(std::string_view id) {
  for (const auto& n : kTypes)
    if (n.id == id) return n.type;
  return std::nullopt;
}

const std::vector<DocumentType>& all_document_types() {
  static const std::vector<DocumentType> all = [] {
    std::vector<DocumentType> v;
    for (const auto& n : kTypes) v.push_back(n.type);
    return v;
  }();
  return all;
}

bool is_unit_certificate(DocumentType t) {
  switch (t) {
    case DocumentType::kBusinessLicence: case DocumentType::kOrgCodeCertificate:
    case DocumentType::kPublicInstitution: case DocumentType::kSocialOrganisation:
    case DocumentType::kPrivateNonEnterprise: case DocumentType::kFoundation:
    case DocumentType::kLawFirmLicence: case DocumentType::kUsccCertificate:
      return true;
    default:
      return false;
  }
}

bool is_personal_document(DocumentType t) {
  switch (t) {
    case DocumentType::kIdFront: case DocumentType::kIdBack: case DocumentType::kPassport:
    case DocumentType::kMainlandTravelPermit: case DocumentType::kHkMacauHomeReturnPermit:
    case DocumentType::kTaiwanCompatriotPermit:
      return true;
    default:
      return false;
  }
}

const FieldValue* DocumentResult::field(std::string_view name) const {
  auto it = std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.first == name; });
  return it == fields.end() ? nullptr : &it->second;
}

void DocumentResult::set_field(std::string name, FieldValue value) {
  auto it = std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.first == name; });
  if (it != fields.end()) it->second = std::move(value);
  else fields.emplace_back(std::move(name), std::move(value));
}

}  // namespace beian
