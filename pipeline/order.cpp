#include "beian/order.h"

#include <array>
#include <mutex>
#include <regex>
#include <set>

#include "pipeline/base/data_dir.h"
#include "pipeline/manifest_reader.h"

namespace beian {
namespace {

constexpr std::array<std::pair<FilingType, std::string_view>, 9> kFilingTypes = {{
    {FilingType::kFirstFiling, "首次备案"},   {FilingType::kAccessFiling, "接入备案"},
    {FilingType::kNewWebsite, "新增网站"},    {FilingType::kChangeSubject, "变更主体"},
    {FilingType::kChangeWebsite, "变更网站"}, {FilingType::kChangeAccess, "变更接入"},
    {FilingType::kCancelSubject, "注销主体"}, {FilingType::kCancelWebsite, "注销网站"},
    {FilingType::kCancelAccess, "取消接入"},
}};

const std::set<std::string_view> kCloudKinds = {"cvm", "lighthouse", "serverless", "clb", "auth_code"};
const std::set<std::string_view> kPersonRoles = {"subject_owner", "website_owner", "legal_representative"};

bool valid_order_id(const std::string& id) {
  static const std::regex re("^[A-Za-z0-9_-]{1,64}$");
  return std::regex_match(id, re);
}

Person parse_person(const ManifestReader& r, const nlohmann::json& j, const std::string& path) {
  Person p;
  if (!r.check_object(j, path, {"name", "id_type", "id_number", "phone", "email", "landline"})) return p;
  p.name = r.string(j, path, "name", true);
  p.id_type = r.string(j, path, "id_type", true);
  p.id_number = r.string(j, path, "id_number", true);
  p.phone = r.string(j, path, "phone", false);
  p.email = r.string(j, path, "email", false);
  p.landline = r.string(j, path, "landline", false);
  return p;
}

Subject parse_subject(const ManifestReader& r, const nlohmann::json& j, const std::string& path) {
  Subject s;
  if (!r.check_object(j, path, {"kind", "nature", "name", "certificate_type", "certificate_number",
                                "certificate_address", "mailing_address", "legal_representative", "icp_number",
                                "remarks"}))
    return s;
  const std::string kind = r.string(j, path, "kind", true);
  if (kind == "unit") s.kind = SubjectKind::kUnit;
  else if (kind == "individual") s.kind = SubjectKind::kIndividual;
  else if (!kind.empty()) r.error(path + "/kind", "expected \"unit\" or \"individual\", found \"" + kind + "\"");
  s.nature = r.string(j, path, "nature", false);
  s.name = r.string(j, path, "name", true);
  s.certificate_type = r.string(j, path, "certificate_type", true);
  s.certificate_number = r.string(j, path, "certificate_number", true);
  s.certificate_address = r.string(j, path, "certificate_address", false);
  s.mailing_address = r.string(j, path, "mailing_address", false);
  s.legal_representative = r.string(j, path, "legal_representative", false);
  s.icp_number = r.string(j, path, "icp_number", false);
  s.remarks = r.string(j, path, "remarks", false);
  return s;
}

CloudResource parse_cloud(const ManifestReader& r, const nlohmann::json& j, const std::string& path) {
  CloudResource c;
  if (!r.check_object(j, path, {"kind", "instance_id", "billing", "purchased_months", "expires_on", "auth_code",
                                "auth_code_status"}))
    return c;
  c.kind = r.string(j, path, "kind", true);
  if (!c.kind.empty() && !kCloudKinds.count(c.kind))
    r.error(path + "/kind", "unknown cloud resource kind \"" + c.kind + "\" (cvm, lighthouse, serverless, clb, auth_code)");
  c.instance_id = r.string(j, path, "instance_id", false);
  c.billing = r.string(j, path, "billing", false);
  if (!c.billing.empty() && c.billing != "monthly" && c.billing != "postpaid")
    r.error(path + "/billing", "expected \"monthly\" or \"postpaid\", found \"" + c.billing + "\"");
  c.purchased_months = r.integer(j, path, "purchased_months", false);
  c.expires_on = r.date(j, path, "expires_on", false);
  c.auth_code = r.string(j, path, "auth_code", c.kind == "auth_code");
  c.auth_code_status = r.string(j, path, "auth_code_status", false);
  return c;
}

Website parse_website(const ManifestReader& r, const nlohmann::json& j, const std::string& path) {
  Website w;
  if (!r.check_object(j, path, {"name", "domains", "service_content", "pre_approvals", "languages", "cloud_resource",
                                "owner", "domain_holder", "icp_number", "remarks"}))
    return w;
  w.name = r.string(j, path, "name", true);
  w.domains = r.strings(j, path, "domains", true);
  if (const auto* d = r.member(j, path, "domains", false); d && d->is_array() && d->empty())
    r.error(path + "/domains", "a website needs at least one domain");
  w.service_content = r.string(j, path, "service_content", false);
  w.pre_approvals = r.strings(j, path, "pre_approvals", false);
  w.languages = r.strings(j, path, "languages", false);
  if (const auto* c = r.member(j, path, "cloud_resource", false)) w.cloud_resource = parse_cloud(r, *c, path + "/cloud_resource");
  if (const auto* o = r.member(j, path, "owner", true)) w.owner = parse_person(r, *o, path + "/owner");
  if (const auto* h = r.member(j, path, "domain_holder", false)) {
    const std::string hp = path + "/domain_holder";
    if (r.check_object(*h, hp, {"name", "certificate_number"}))
      w.domain_holder = DomainHolder{r.string(*h, hp, "name", true), r.string(*h, hp, "certificate_number", false)};
  }
  w.icp_number = r.string(j, path, "icp_number", false);
  w.remarks = r.string(j, path, "remarks", false);
  return w;
}

ExpectedUpload parse_upload(const ManifestReader& r, const nlohmann::json& j, const std::string& path, size_t websites) {
  ExpectedUpload u;
  if (!r.check_object(j, path, {"file", "document", "person", "website"})) return u;
  u.file = r.string(j, path, "file", true);
  if (u.file.find('/') != std::string::npos || u.file.find('\\') != std::string::npos || u.file == "." || u.file == "..")
    r.error(path + "/file", "must be a plain file name inside the upload folder, found \"" + u.file + "\"");
  const std::string doc = r.string(j, path, "document", false);
  if (!doc.empty()) {
    u.document = parse_document_type(doc);
    if (!u.document) r.error(path + "/document", "unknown document type \"" + doc + "\"");
  }
  u.person = r.string(j, path, "person", false);
  if (!u.person.empty() && !kPersonRoles.count(u.person))
    r.error(path + "/person", "expected subject_owner, website_owner or legal_representative, found \"" + u.person + "\"");
  u.website = r.integer(j, path, "website", false);
  if (u.website > 0 && static_cast<size_t>(u.website) > websites)
    r.error(path + "/website", "website " + std::to_string(u.website) + " does not exist (the order has " +
                                   std::to_string(websites) + ")");
  return u;
}

}  // namespace

std::string_view to_string(FilingType t) {
  for (const auto& [type, name] : kFilingTypes)
    if (type == t) return name;
  return "首次备案";
}

std::optional<FilingType> parse_filing_type(std::string_view text) {
  for (const auto& [type, name] : kFilingTypes)
    if (name == text) return type;
  return std::nullopt;
}

std::string ManifestError::to_string() const {
  return file + ": " + (json_path.empty() ? std::string("(document)") : json_path) + ": " + message;
}

const std::vector<Province>& provinces() {
  static const std::vector<Province> list = [] {
    std::vector<Province> out;
    const auto doc = load_json_file(data_path("data/provinces.json"));
    for (const auto& p : doc.at("provinces"))
      out.push_back({p.at("name").get<std::string>(), p.at("abbr").at(0).get<std::string>(), p.at("code").get<std::string>()});
    return out;
  }();
  return list;
}

const Province* find_province(std::string_view text) {
  static const auto full_names = [] {
    std::vector<std::pair<std::string, std::string>> names;  // full/abbr → short
    const auto doc = load_json_file(data_path("data/provinces.json"));
    for (const auto& p : doc.at("provinces")) {
      names.emplace_back(p.at("full").get<std::string>(), p.at("name").get<std::string>());
      for (const auto& a : p.at("abbr")) names.emplace_back(a.get<std::string>(), p.at("name").get<std::string>());
    }
    return names;
  }();
  std::string_view name = text;
  for (const auto& [alias, short_name] : full_names)
    if (alias == text) name = short_name;
  for (const auto& p : provinces())
    if (p.name == name) return &p;
  return nullptr;
}

ParsedOrder parse_order_manifest(std::string_view json_text, std::string_view source) {
  ParsedOrder result;
  ManifestReader r(std::string(source), &result.errors);
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error& e) {
    r.error("", "not valid JSON (byte " + std::to_string(e.byte) + "): " + std::string(e.what()));
    return result;
  }
  const std::string root;
  if (!r.check_object(doc, root, {"schema", "order_id", "filing_type", "province", "filing_date", "subject",
                                  "subject_owner", "websites", "uploads", "account"}))
    return result;
  Order& o = result.order;
  if (const auto* s = r.member(doc, root, "schema", false)) {
    if (!s->is_string() || s->get<std::string>() != "beian.order/1")
      r.error("/schema", "unsupported schema " + s->dump() + " (this beian reads \"beian.order/1\")");
  }
  o.order_id = r.string(doc, root, "order_id", true);
  if (!o.order_id.empty() && !valid_order_id(o.order_id))
    r.error("/order_id", "must be 1-64 letters, digits, '-' or '_' (it names the output folder), found \"" + o.order_id + "\"");
  const std::string type = r.string(doc, root, "filing_type", true);
  if (!type.empty()) {
    if (auto t = parse_filing_type(type)) o.filing_type = *t;
    else r.error("/filing_type", "unknown filing type \"" + type + "\" (首次备案, 接入备案, 新增网站, 变更主体, 变更网站, 变更接入, 注销主体, 注销网站, 取消接入)");
  }
  const std::string province = r.string(doc, root, "province", true);
  if (!province.empty()) {
    if (const Province* p = find_province(province)) o.province = p->name;
    else r.error("/province", "unknown province \"" + province + "\"");
  }
  o.filing_date = r.date(doc, root, "filing_date", false);
  if (const auto* s = r.member(doc, root, "subject", true)) o.subject = parse_subject(r, *s, "/subject");
  if (const auto* s = r.member(doc, root, "subject_owner", true)) o.subject_owner = parse_person(r, *s, "/subject_owner");
  if (const auto* w = r.member(doc, root, "websites", true)) {
    if (!w->is_array()) r.error("/websites", "expected an array of websites, found " + std::string(w->type_name()));
    else
      for (size_t i = 0; i < w->size(); ++i) o.websites.push_back(parse_website(r, (*w)[i], "/websites/" + std::to_string(i)));
  }
  if (const auto* u = r.member(doc, root, "uploads", false)) {
    if (!u->is_array()) r.error("/uploads", "expected an array of uploads, found " + std::string(u->type_name()));
    else {
      std::set<std::string> seen;
      for (size_t i = 0; i < u->size(); ++i) {
        const std::string path = "/uploads/" + std::to_string(i);
        o.uploads.push_back(parse_upload(r, (*u)[i], path, o.websites.size()));
        if (!o.uploads.back().file.empty() && !seen.insert(o.uploads.back().file).second)
          r.error(path + "/file", "file \"" + o.uploads.back().file + "\" is listed twice");
      }
    }
  }
  if (const auto* a = r.member(doc, root, "account", false)) {
    if (r.check_object(*a, "/account", {"id", "orders_in_progress", "subjects"})) {
      Account acc;
      acc.id = r.string(*a, "/account", "id", false);
      acc.orders_in_progress = r.integer(*a, "/account", "orders_in_progress", false);
      acc.subjects = r.strings(*a, "/account", "subjects", false);
      o.account = std::move(acc);
    }
  }
  return result;
}

ParsedOrder load_order_manifest(const std::string& path) {
  std::string text;
  try {
    text = read_file_bytes(path);
  } catch (const std::exception& e) {
    ParsedOrder r;
    r.errors.push_back({path, "", "cannot read the manifest"});
    return r;
  }
  return parse_order_manifest(text, path);
}

// ---- JSON form (round trip of a valid order) ----

namespace {
nlohmann::json person_json(const Person& p) {
  nlohmann::json j = {{"name", p.name}, {"id_type", p.id_type}, {"id_number", p.id_number}};
  if (!p.phone.empty()) j["phone"] = p.phone;
  if (!p.email.empty()) j["email"] = p.email;
  if (!p.landline.empty()) j["landline"] = p.landline;
  return j;
}
void put_if(nlohmann::json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}
}  // namespace

void to_json(nlohmann::json& j, const Order& o) {
  j = nlohmann::json::object();
  j["schema"] = o.schema;
  j["order_id"] = o.order_id;
  j["filing_type"] = std::string(to_string(o.filing_type));
  j["province"] = o.province;
  if (o.filing_date.valid()) j["filing_date"] = o.filing_date.to_string();
  auto& s = j["subject"] = nlohmann::json::object();
  s["kind"] = o.subject.kind == SubjectKind::kUnit ? "unit" : "individual";
  put_if(s, "nature", o.subject.nature);
  s["name"] = o.subject.name;
  s["certificate_type"] = o.subject.certificate_type;
  s["certificate_number"] = o.subject.certificate_number;
  put_if(s, "certificate_address", o.subject.certificate_address);
  put_if(s, "mailing_address", o.subject.mailing_address);
  put_if(s, "legal_representative", o.subject.legal_representative);
  put_if(s, "icp_number", o.subject.icp_number);
  put_if(s, "remarks", o.subject.remarks);
  j["subject_owner"] = person_json(o.subject_owner);
  auto& ws = j["websites"] = nlohmann::json::array();
  for (const auto& w : o.websites) {
    nlohmann::json wj = {{"name", w.name}, {"domains", w.domains}};
    put_if(wj, "service_content", w.service_content);
    if (!w.pre_approvals.empty()) wj["pre_approvals"] = w.pre_approvals;
    if (!w.languages.empty()) wj["languages"] = w.languages;
    if (!w.cloud_resource.kind.empty()) {
      const auto& c = w.cloud_resource;
      nlohmann::json cj = {{"kind", c.kind}};
      put_if(cj, "instance_id", c.instance_id);
      put_if(cj, "billing", c.billing);
      if (c.purchased_months) cj["purchased_months"] = c.purchased_months;
      if (c.expires_on.valid()) cj["expires_on"] = c.expires_on.to_string();
      put_if(cj, "auth_code", c.auth_code);
      put_if(cj, "auth_code_status", c.auth_code_status);
      wj["cloud_resource"] = cj;
    }
    wj["owner"] = person_json(w.owner);
    if (w.domain_holder) {
      wj["domain_holder"] = {{"name", w.domain_holder->name}};
      put_if(wj["domain_holder"], "certificate_number", w.domain_holder->certificate_number);
    }
    put_if(wj, "icp_number", w.icp_number);
    put_if(wj, "remarks", w.remarks);
    ws.push_back(std::move(wj));
  }
  if (!o.uploads.empty()) {
    auto& us = j["uploads"] = nlohmann::json::array();
    for (const auto& u : o.uploads) {
      nlohmann::json uj = {{"file", u.file}};
      if (u.document) uj["document"] = std::string(to_string(*u.document));
      put_if(uj, "person", u.person);
      if (u.website) uj["website"] = u.website;
      us.push_back(std::move(uj));
    }
  }
  if (o.account) {
    j["account"] = {{"id", o.account->id}, {"orders_in_progress", o.account->orders_in_progress},
                    {"subjects", o.account->subjects}};
  }
}

void from_json(const nlohmann::json& j, Order& o) {
  ParsedOrder p = parse_order_manifest(j.dump(), "order");
  if (!p.ok()) throw nlohmann::json::other_error::create(501, p.errors.front().to_string(), &j);
  o = std::move(p.order);
}

}  // namespace beian
