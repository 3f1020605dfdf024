// Required uploads (seed 001 备案材料: 单位证件 必需, 负责人个人身份证件 必需; seed 002 步骤4:
// 网站负责人 证件人像面/国徽面/视频核身; materials.json): the unit certificate that fits the
// subject's certificate type, each person's identity documents for their identity (ID card
// both sides, permit, 台胞证 or passport), and the website owners' portraits. Listed uploads
// that are absent are the intake stage's UPLOAD_MISSING and are not reported again here.
#include <algorithm>

#include "pipeline/rules/rule_context.h"

namespace beian::rules {
namespace {

struct Materials {
  RuleContext& ctx;
  // Uploads whose type nobody decided yet (not declared, not read): they may be anything.
  bool undecided = false;

  // True when the document belongs to `p` (by role, website or the ID number read).
  bool belongs(const DocumentFacts& d, const Person& p) const {
    const Person* owner = ctx.person_of(d);
    return owner && (owner == &p || (!p.id_number.empty() && id_key(owner->id_number) == id_key(p.id_number)));
  }

  const DocumentFacts* find(DocumentType t, const Person* p) const {
    for (const auto& d : ctx.documents)
      if (d.type() == t && (!p || belongs(d, *p))) return &d;
    // An upload of the right type that names nobody may well be this person's.
    if (p)
      for (const auto& d : ctx.documents)
        if (d.type() == t && !ctx.person_of(d) && d.person.empty()) return &d;
    return nullptr;
  }

  void missing(DocumentType t, const Person* p, const std::string& role, const std::string& pointer) {
    Evidence e = {{"document", std::string(display_name_zh(t))}, {"document_id", std::string(to_string(t))},
                  {"person", p ? p->name : ctx.order.subject.name}, {"role", role}};
    ctx.add(undecided ? "MATERIAL_UNCONFIRMED" : "MATERIAL_MISSING", std::move(e), pointer);
  }

  void unit_certificate() {
    const Subject& s = ctx.order.subject;
    const MaterialTables& m = ctx.tables.materials;
    std::vector<DocumentType> accepted;
    if (const UnitCertificate* c = m.certificate(s.certificate_type)) accepted.push_back(c->document);
    else if (const Nature* n = m.nature(s.nature))
      for (const auto& name : n->certificates) accepted.push_back(m.certificate(name)->document);
    if (accepted.empty()) return;  // unknown type and nature: reported by the subject rules
    for (auto t : accepted)
      if (find(t, nullptr)) return;
    for (const auto& d : ctx.documents)
      if (is_unit_certificate(d.type())) {
        ctx.add_for_file("MATERIAL_WRONG_CERTIFICATE",
                         {{"found", std::string(display_name_zh(d.type()))}, {"expected", std::string(display_name_zh(accepted.front()))},
                          {"certificate_type", s.certificate_type}},
                         d.file);
        return;
      }
    missing(accepted.front(), nullptr, "subject", "/subject/certificate_type");
  }

  void identity_documents(const Person& p, const std::string& role) {
    const Identity* identity = ctx.tables.materials.identity(p.id_type);
    if (!identity) return;  // PERSON_ID_TYPE_NOT_ACCEPTED
    std::vector<DocumentType> absent;
    for (auto t : identity->documents)
      if (!find(t, &p)) absent.push_back(t);
    if (absent.empty()) return;
    // A personal document of another kind for this person: the wrong document, not a missing one.
    for (const auto& d : ctx.documents)
      if (is_personal_document(d.type()) && belongs(d, p) &&
          std::find(identity->documents.begin(), identity->documents.end(), d.type()) == identity->documents.end()) {
        ctx.add_for_file("MATERIAL_WRONG_IDENTITY_DOCUMENT",
                         {{"person", p.name}, {"id_type", identity->id_type}, {"found", std::string(display_name_zh(d.type()))},
                          {"expected", std::string(display_name_zh(absent.front()))}},
                         d.file);
        return;
      }
    for (auto t : absent) missing(t, &p, role, ctx.pointer_of(p));
  }
};

// The people a role names: the subject owner, or every website owner (each person once).
std::vector<std::pair<const Person*, std::string>> people_of(const RuleContext& ctx, const std::string& role) {
  std::vector<std::pair<const Person*, std::string>> out;
  if (role == "subject_owner") out.emplace_back(&ctx.order.subject_owner, role);
  if (role == "website_owner")
    for (const auto& w : ctx.order.websites) {
      const bool seen = std::any_of(out.begin(), out.end(), [&](const auto& e) { return id_key(e.first->id_number) == id_key(w.owner.id_number); });
      if (!seen) out.emplace_back(&w.owner, role);
    }
  return out;
}

}  // namespace

void check_materials(RuleContext& ctx) {
  if (!ctx.filing_rule().materials) return;
  Materials m{ctx};
  m.undecided = std::any_of(ctx.documents.begin(), ctx.documents.end(),
                            [](const DocumentFacts& d) { return d.type() == DocumentType::kUnknown && !d.result; });
  const MaterialTables& t = ctx.tables.materials;
  if (ctx.unit() && t.unit_certificate_required) m.unit_certificate();
  std::vector<std::string> checked;  // ID numbers already judged (a person may hold two roles)
  for (const auto& role : t.identity_roles)
    for (const auto& [person, r] : people_of(ctx, role)) {
      const std::string key = id_key(person->id_number);
      if (std::find(checked.begin(), checked.end(), key) != checked.end()) continue;
      checked.push_back(key);
      m.identity_documents(*person, r);
    }
  for (const auto& role : t.portrait_roles)
    for (const auto& [person, r] : people_of(ctx, role))
      if (!m.find(DocumentType::kPortrait, person)) m.missing(DocumentType::kPortrait, person, r, ctx.pointer_of(*person));
}

}  // namespace beian::rules
