#include "tests/rules/rules_fixture.h"

#include <catch2/catch.hpp>

#include "ocr/validators/credit_code.h"
#include "ocr/validators/id_number.h"

namespace beian::test {

std::string id_number(const std::string& region, const Date& birth, int sequence) {
  return validators::make_id_number(region, birth, sequence);
}

Order unit_order() {
  Order o;
  o.order_id = "U0001";
  o.filing_type = FilingType::kFirstFiling;
  o.province = "北京";
  o.filing_date = kFilingDate;
  o.subject.kind = SubjectKind::kUnit;
  o.subject.nature = "企业";
  o.subject.name = "北京样本网络科技有限公司";
  o.subject.certificate_type = "营业执照";
  o.subject.certificate_number = validators::make_uscc('9', '1', "110108", "MA01BCDE");
  o.subject.certificate_address = "北京市海淀区样本路8号";
  o.subject.mailing_address = "北京市海淀区样本路8号1201室";
  o.subject.legal_representative = "陈样本";
  o.subject_owner = {"陈样本", "身份证", id_number("110108", {1980, 5, 1}, 11), "13800000000", "owner@example.cn", ""};
  Website w;
  w.name = "样本网络科技官网";
  w.domains = {"example.cn", "example.com.cn"};
  w.service_content = "企业官网";
  w.languages = {"中文简体"};
  w.cloud_resource.kind = "cvm";
  w.cloud_resource.instance_id = "ins-7x2k9";
  w.cloud_resource.billing = "monthly";
  w.cloud_resource.purchased_months = 12;
  w.cloud_resource.expires_on = {2027, 10, 31};
  w.owner = {"林示例", "身份证", id_number("110105", {1992, 3, 15}, 24), "13900000000", "web@example.cn", ""};
  w.domain_holder = DomainHolder{o.subject.name, o.subject.certificate_number};
  o.websites.push_back(w);
  o.uploads = {
      {"licence.jpg", DocumentType::kBusinessLicence, "", 0},
      {"owner_front.jpg", DocumentType::kIdFront, "subject_owner", 0},
      {"owner_back.jpg", DocumentType::kIdBack, "subject_owner", 0},
      {"web_front.jpg", DocumentType::kIdFront, "website_owner", 1},
      {"web_back.jpg", DocumentType::kIdBack, "website_owner", 1},
      {"portrait.jpg", DocumentType::kPortrait, "website_owner", 1},
  };
  return o;
}

Order individual_order() {
  Order o;
  o.order_id = "P0001";
  o.filing_type = FilingType::kFirstFiling;
  o.province = "北京";
  o.filing_date = kFilingDate;
  o.subject.kind = SubjectKind::kIndividual;
  o.subject.nature = "个人";
  o.subject.name = "张样本";
  o.subject.certificate_type = "身份证";
  o.subject.certificate_number = id_number("110101", {1995, 7, 9}, 35);
  o.subject.certificate_address = "北京市东城区示例胡同3号";
  o.subject.mailing_address = "北京市东城区示例胡同3号";
  o.subject_owner = {"张样本", "身份证", o.subject.certificate_number, "13700000000", "zhang@example.cn", ""};
  Website w;
  w.name = "小张的摄影作品展";
  w.domains = {"zhangphoto.cn"};
  w.service_content = "博客/个人空间";
  w.remarks = "个人摄影作品展示，不涉及经营性内容";
  w.cloud_resource.kind = "lighthouse";
  w.cloud_resource.instance_id = "lhins-9k2";
  w.cloud_resource.billing = "monthly";
  w.cloud_resource.purchased_months = 12;
  w.cloud_resource.expires_on = {2027, 6, 30};
  w.owner = o.subject_owner;
  o.websites.push_back(w);
  o.uploads = {
      {"front.jpg", DocumentType::kIdFront, "subject_owner", 0},
      {"back.jpg", DocumentType::kIdBack, "subject_owner", 0},
      {"portrait.jpg", DocumentType::kPortrait, "website_owner", 1},
  };
  return o;
}

std::vector<rules::DocumentFacts> declared(const Order& order) { return rules::facts_from_manifest(order); }

DocumentResult read_result(const std::string& file, DocumentType type,
                           std::initializer_list<std::pair<std::string, std::string>> fields) {
  DocumentResult r;
  r.file = file;
  r.type = type;
  r.type_confidence = 0.97;
  for (const auto& [name, value] : fields) r.set_field(name, FieldValue{value, 0.95, ""});
  return r;
}

void attach(std::vector<rules::DocumentFacts>& docs, const DocumentResult& result) {
  for (auto& d : docs)
    if (d.file == result.file) {
      d.result = result;
      return;
    }
  FAIL("no document named " << result.file);
}

std::vector<Finding> check(const Order& order) { return check(order, declared(order)); }

std::vector<Finding> check(const Order& order, const std::vector<rules::DocumentFacts>& docs) {
  return rules::check_order(order, docs, kFilingDate);
}

int count(const std::vector<Finding>& findings, const std::string& code) {
  int n = 0;
  for (const auto& f : findings) n += f.code == code;
  return n;
}

const Finding& first(const std::vector<Finding>& findings, const std::string& code) {
  for (const auto& f : findings)
    if (f.code == code) return f;
  FAIL("no finding " << code << " among: " << codes(findings));
  throw std::logic_error("unreachable");
}

std::string evidence(const Finding& f, const std::string& key) {
  for (const auto& [k, v] : f.evidence)
    if (k == key) return v;
  return {};
}

std::string codes(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings) out += (out.empty() ? "" : ", ") + f.code;
  return out.empty() ? "(none)" : out;
}

}  // namespace beian::test
