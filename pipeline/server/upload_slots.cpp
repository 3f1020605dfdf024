#include "pipeline/server/upload_slots.h"

#include <map>
#include <mutex>
#include <stdexcept>

#include "pipeline/base/data_file.h"

namespace beian::server {
namespace {

constexpr const char* kDataFile = "web/upload_slots.json";

struct SlotTables {
  std::map<std::string, std::string> persons;                        // person → label ({website} placeholder)
  std::map<std::string, std::vector<DocumentType>> identity_documents;  // id_type → documents
  std::map<std::string, DocumentType> subject_certificates;          // certificate_type → document
  std::vector<std::string> portrait_for;                             // persons who upload a portrait
};

DocumentType document_of(const nlohmann::json& j, const std::string& where) {
  if (!j.is_string()) throw std::runtime_error(where + ": expected a document type id");
  const auto t = parse_document_type(j.get<std::string>());
  if (!t) throw std::runtime_error(where + ": unknown document type '" + j.get<std::string>() + "'");
  return *t;
}

SlotTables load_tables() {
  const nlohmann::json j = load_data_file(kDataFile);
  const std::string file = kDataFile;
  check_keys(j, {"_comment", "persons", "identity_documents", "subject_certificates", "portrait_for"},
             {"persons", "identity_documents", "subject_certificates", "portrait_for"}, file);
  SlotTables t;
  check_keys(j["persons"], {"applicant", "subject", "subject_owner", "legal_representative", "website_owner"},
             {"applicant", "subject", "subject_owner", "legal_representative", "website_owner"}, file + ": persons");
  for (const auto& [k, v] : j["persons"].items()) t.persons[k] = get_value<std::string>(j["persons"], k, file + ": persons");
  for (const auto& [k, v] : j["identity_documents"].items()) {
    if (!v.is_array() || v.empty()) throw std::runtime_error(file + ": identity_documents/" + k + ": expected a non-empty array");
    for (const auto& d : v) t.identity_documents[k].push_back(document_of(d, file + ": identity_documents/" + k));
  }
  for (const auto& [k, v] : j["subject_certificates"].items())
    t.subject_certificates[k] = document_of(v, file + ": subject_certificates/" + k);
  for (const auto& p : j["portrait_for"]) {
    const std::string person = p.get<std::string>();
    if (person != "subject_owner" && person != "website_owner" && person != "legal_representative")
      throw std::runtime_error(file + ": portrait_for: unknown person '" + person + "'");
    t.portrait_for.push_back(person);
  }
  return t;
}

const SlotTables& tables() {
  static const SlotTables t = load_tables();
  return t;
}

std::string replace_all(std::string text, const std::string& key, const std::string& value) {
  for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
    text.replace(at, key.size(), value);
  return text;
}

std::string person_label(const std::string& person, int website) {
  const auto& persons = tables().persons;
  const auto it = persons.find(person.empty() ? "subject" : person);
  return replace_all(it == persons.end() ? person : it->second, "{website}", std::to_string(website));
}

UploadSlot make_slot(DocumentType document, const std::string& person, int website, bool returned) {
  UploadSlot s;
  s.id = slot_id(document, person, website);
  s.document = document;
  s.person = person;
  s.website = website;
  s.returned = returned;
  const std::string who = returned ? (website > 0 ? "网站" + std::to_string(website) : std::string()) : person_label(person, website);
  s.label_zh = (who.empty() ? "" : who + " · ") + std::string(display_name_zh(document));
  return s;
}

void add_person(std::vector<UploadSlot>& slots, const Person& p, const std::string& person, int website) {
  const auto& ids = tables().identity_documents;
  const auto it = ids.find(p.id_type);
  // An id_type the table does not know still needs some identity document: let
  // classification decide what it is.
  if (it == ids.end()) slots.push_back(make_slot(DocumentType::kUnknown, person, website, false));
  else
    for (DocumentType d : it->second) slots.push_back(make_slot(d, person, website, false));
  for (const auto& who : tables().portrait_for)
    if (who == person) slots.push_back(make_slot(DocumentType::kPortrait, person, website, false));
}

std::vector<UploadSlot> derived_slots(const Order& order) {
  std::vector<UploadSlot> slots;
  if (order.subject.kind == SubjectKind::kUnit) {
    const auto& certs = tables().subject_certificates;
    const auto it = certs.find(order.subject.certificate_type);
    slots.push_back(make_slot(it == certs.end() ? DocumentType::kUnknown : it->second, "", 0, false));
  }
  add_person(slots, order.subject_owner, "subject_owner", 0);
  for (size_t i = 0; i < order.websites.size(); ++i)
    add_person(slots, order.websites[i].owner, "website_owner", static_cast<int>(i + 1));
  return slots;
}

}  // namespace

std::string slot_id(DocumentType document, const std::string& person, int website) {
  std::string id(to_string(document));
  if (!person.empty()) id += "." + person;
  if (website > 0) id += "." + std::to_string(website);
  return id;
}

std::vector<UploadSlot> upload_slots(const Order& order, const std::vector<ReturnDocument>& rendered) {
  std::vector<UploadSlot> slots;
  if (order.uploads.empty()) {
    slots = derived_slots(order);
  } else {
    for (const auto& u : order.uploads)
      slots.push_back(make_slot(u.document.value_or(DocumentType::kUnknown), u.person, u.website, false));
  }
  for (const auto& r : rendered) {
    const auto t = parse_document_type(r.kind);
    if (t) slots.push_back(make_slot(*t, "", r.website, true));
  }
  // The same document listed twice for one person keeps one slot per listing: number the
  // repeats so every slot id stays unique.
  std::map<std::string, int> seen;
  for (auto& s : slots)
    if (const int n = ++seen[s.id]; n > 1) s.id += "-" + std::to_string(n);
  return slots;
}

bool role_grants(const UploadRole& role, const UploadSlot& slot) {
  using K = UploadRole::Kind;
  if (role.kind == K::kApplicant) return true;
  if (slot.returned) return false;
  if (role.kind == K::kSubject) return slot.person.empty();
  if (role.kind == K::kWebsiteOwner) return slot.person == "website_owner" && slot.website == role.website;
  return slot.person == role.person();
}

std::string role_label_zh(const UploadRole& role) {
  using K = UploadRole::Kind;
  switch (role.kind) {
    case K::kApplicant: return tables().persons.at("applicant");
    case K::kSubject: return tables().persons.at("subject");
    default: return person_label(std::string(role.person()), role.website);
  }
}

const UploadSlot* find_slot(const std::vector<UploadSlot>& slots, const std::string& id) {
  for (const auto& s : slots)
    if (s.id == id) return &s;
  return nullptr;
}

}  // namespace beian::server
