// Loading materials.json (certificates per unit nature, identity → document) and
// pre_approvals.json (前置审批 categories).
#include <algorithm>
#include <set>
#include <stdexcept>

#include "pipeline/base/text.h"
#include "pipeline/rules/rule_tables.h"
#include "pipeline/rules/table_reader.h"

namespace beian::rules {
namespace {

NumberFormat number_format(const std::string& id, const std::string& where) {
  if (id == "uscc") return NumberFormat::kUscc;
  if (id == "org_code") return NumberFormat::kOrgCode;
  if (id == "uscc_or_registration") return NumberFormat::kUsccOrRegistration;
  if (id == "resident_id") return NumberFormat::kResidentId;
  if (id == "hk_macau_permit") return NumberFormat::kHkMacauPermit;
  if (id == "taiwan_permit") return NumberFormat::kTaiwanPermit;
  if (id == "passport") return NumberFormat::kPassport;
  throw std::runtime_error(where + ": unknown number format '" + id +
                           "' (uscc, org_code, uscc_or_registration, resident_id, hk_macau_permit, taiwan_permit, passport)");
}

bool matches(std::string_view text, const std::string& name, const std::vector<std::string>& aliases) {
  const std::string key = normalize_for_compare(text);
  if (key == normalize_for_compare(name)) return true;
  return std::any_of(aliases.begin(), aliases.end(), [&](const auto& a) { return key == normalize_for_compare(a); });
}

// Rejects a name or alias that two rows share: a lookup must have one answer.
void unique_names(std::set<std::string>& seen, const std::string& name, const std::vector<std::string>& aliases,
                  const std::string& where) {
  for (const auto* n : {&name}) {
    if (!seen.insert(normalize_for_compare(*n)).second) throw std::runtime_error(where + ": '" + *n + "' is listed twice");
  }
  for (const auto& a : aliases)
    if (!seen.insert(normalize_for_compare(a)).second) throw std::runtime_error(where + ": '" + a + "' is listed twice");
}

}  // namespace

const UnitCertificate* MaterialTables::certificate(std::string_view name) const {
  for (const auto& c : unit_certificates)
    if (matches(name, c.name, c.aliases)) return &c;
  return nullptr;
}

const Nature* MaterialTables::nature(std::string_view name) const {
  for (const auto& n : natures)
    if (matches(name, n.nature, n.aliases)) return &n;
  return nullptr;
}

const Identity* MaterialTables::identity(std::string_view id_type) const {
  for (const auto& i : identities)
    if (matches(id_type, i.id_type, i.aliases)) return &i;
  return nullptr;
}

const PreApprovalCategory* PreApprovalTables::category(std::string_view name) const {
  for (const auto& c : categories)
    if (matches(name, c.name, c.aliases)) return &c;
  return nullptr;
}

bool PreApprovalTables::is_none(std::string_view value) const {
  const std::string key = normalize_for_compare(value);
  return key.empty() || std::any_of(none_values.begin(), none_values.end(),
                                    [&](const auto& v) { return normalize_for_compare(v) == key; });
}

MaterialTables load_material_tables() {
  const std::string file = "rules/materials.json";
  const auto doc = load_data_file(file);
  check_keys(doc, {"_source", "unit_certificates", "natures", "individual_nature", "identities", "required_uploads"},
             {"unit_certificates", "natures", "individual_nature", "identities", "required_uploads"}, at(file, ""));
  MaterialTables out;
  std::set<std::string> seen;
  const auto& certs = array_member(doc, "unit_certificates", at(file, ""));
  for (size_t i = 0; i < certs.size(); ++i) {
    const std::string w = at(file, "/unit_certificates/" + std::to_string(i));
    check_keys(certs[i], {"name", "aliases", "document", "number"}, {"name", "aliases", "document", "number"}, w);
    UnitCertificate c;
    c.name = get_value<std::string>(certs[i], "name", w);
    c.aliases = get_value<std::vector<std::string>>(certs[i], "aliases", w);
    c.document = document_type(get_value<std::string>(certs[i], "document", w), w);
    if (!is_unit_certificate(c.document)) throw std::runtime_error(w + ": '" + std::string(to_string(c.document)) + "' is not a unit certificate");
    c.number = number_format(get_value<std::string>(certs[i], "number", w), w);
    unique_names(seen, c.name, c.aliases, w);
    out.unit_certificates.push_back(std::move(c));
  }
  seen.clear();
  const auto& natures = array_member(doc, "natures", at(file, ""));
  for (size_t i = 0; i < natures.size(); ++i) {
    const std::string w = at(file, "/natures/" + std::to_string(i));
    check_keys(natures[i], {"nature", "aliases", "certificates", "source"}, {"nature", "aliases", "certificates", "source"}, w);
    Nature n;
    n.nature = get_value<std::string>(natures[i], "nature", w);
    n.aliases = get_value<std::vector<std::string>>(natures[i], "aliases", w);
    n.source = get_value<std::string>(natures[i], "source", w);
    for (const auto& c : get_value<std::vector<std::string>>(natures[i], "certificates", w)) {
      const UnitCertificate* cert = out.certificate(c);
      if (!cert) throw std::runtime_error(w + ": certificate '" + c + "' is not in unit_certificates");
      n.certificates.push_back(cert->name);
    }
    unique_names(seen, n.nature, n.aliases, w);
    out.natures.push_back(std::move(n));
  }
  const std::string iw = at(file, "/individual_nature");
  check_keys(doc.at("individual_nature"), {"nature", "source"}, {"nature", "source"}, iw);
  out.individual_nature = get_value<std::string>(doc.at("individual_nature"), "nature", iw);

  seen.clear();
  const auto& ids = array_member(doc, "identities", at(file, ""));
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string w = at(file, "/identities/" + std::to_string(i));
    check_keys(ids[i], {"identity_zh", "identity_en", "id_type", "aliases", "documents", "number", "source"},
               {"identity_zh", "identity_en", "id_type", "aliases", "documents", "number", "source"}, w);
    Identity id;
    id.identity_zh = get_value<std::string>(ids[i], "identity_zh", w);
    id.identity_en = get_value<std::string>(ids[i], "identity_en", w);
    id.id_type = get_value<std::string>(ids[i], "id_type", w);
    id.aliases = get_value<std::vector<std::string>>(ids[i], "aliases", w);
    for (const auto& d : get_value<std::vector<std::string>>(ids[i], "documents", w)) {
      id.documents.push_back(document_type(d, w));
      if (!is_personal_document(id.documents.back())) throw std::runtime_error(w + ": '" + d + "' is not a personal document");
    }
    if (id.documents.empty()) throw std::runtime_error(w + ": 'documents' must not be empty");
    id.number = number_format(get_value<std::string>(ids[i], "number", w), w);
    id.source = get_value<std::string>(ids[i], "source", w);
    unique_names(seen, id.id_type, id.aliases, w);
    out.identities.push_back(std::move(id));
  }

  const std::string rw = at(file, "/required_uploads");
  const auto& req = doc.at("required_uploads");
  check_keys(req, {"unit_certificate", "identity_documents", "portrait", "source"},
             {"unit_certificate", "identity_documents", "portrait", "source"}, rw);
  out.unit_certificate_required = get_value<bool>(req, "unit_certificate", rw);
  out.identity_roles = get_value<std::vector<std::string>>(req, "identity_documents", rw);
  out.portrait_roles = get_value<std::vector<std::string>>(req, "portrait", rw);
  out.required_source = get_value<std::string>(req, "source", rw);
  for (const auto* roles : {&out.identity_roles, &out.portrait_roles})
    for (const auto& r : *roles)
      if (r != "subject_owner" && r != "website_owner")
        throw std::runtime_error(rw + ": unknown role '" + r + "' (subject_owner, website_owner)");
  return out;
}

PreApprovalTables load_pre_approval_tables() {
  const std::string file = "rules/pre_approvals.json";
  const auto doc = load_data_file(file);
  check_keys(doc, {"_source", "none_values", "individuals_may_hold", "categories"},
             {"none_values", "individuals_may_hold", "categories"}, at(file, ""));
  PreApprovalTables out;
  out.none_values = get_value<std::vector<std::string>>(doc, "none_values", at(file, ""));
  const std::string iw = at(file, "/individuals_may_hold");
  check_keys(doc.at("individuals_may_hold"), {"value", "source"}, {"value", "source"}, iw);
  out.individuals_may_hold = get_value<bool>(doc.at("individuals_may_hold"), "value", iw);
  out.individuals_source = get_value<std::string>(doc.at("individuals_may_hold"), "source", iw);
  std::set<std::string> seen;
  const auto& cats = array_member(doc, "categories", at(file, ""));
  for (size_t i = 0; i < cats.size(); ++i) {
    const std::string w = at(file, "/categories/" + std::to_string(i));
    check_keys(cats[i], {"name", "aliases", "authority_zh", "authority_en", "keywords", "source"},
               {"name", "aliases", "authority_zh", "authority_en", "keywords", "source"}, w);
    PreApprovalCategory c;
    c.name = get_value<std::string>(cats[i], "name", w);
    c.aliases = get_value<std::vector<std::string>>(cats[i], "aliases", w);
    c.authority_zh = get_value<std::string>(cats[i], "authority_zh", w);
    c.authority_en = get_value<std::string>(cats[i], "authority_en", w);
    c.keywords = normalized(get_value<std::vector<std::string>>(cats[i], "keywords", w));
    c.source = get_value<std::string>(cats[i], "source", w);
    unique_names(seen, c.name, c.aliases, w);
    out.categories.push_back(std::move(c));
  }
  return out;
}

}  // namespace beian::rules
