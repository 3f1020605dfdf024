#include "pipeline/rules/rule_context.h"

#include <algorithm>

#include "pipeline/base/messages.h"
#include "pipeline/base/text.h"
#include "pipeline/rules/address.h"

namespace beian::rules {

bool same_text(std::string_view a, std::string_view b) { return normalize_for_compare(a) == normalize_for_compare(b); }

std::string id_key(std::string_view id_number) {
  std::string s = trim(to_halfwidth(id_number));
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

RuleContext::RuleContext(const Order& o, const std::vector<DocumentFacts>& d, const Date& t, const RuleTables& tb)
    : order(o), documents(d), today(t), tables(tb) {}

void RuleContext::add(std::string_view code, Evidence evidence, std::string pointer) {
  findings.push_back(make_finding(code, std::move(evidence), "order.json", std::move(pointer)));
}

void RuleContext::add_for_file(std::string_view code, Evidence evidence, const std::string& file, std::string field) {
  findings.push_back(make_finding(code, std::move(evidence), file, std::move(field)));
}

bool RuleContext::national_unit() const {
  if (!unit()) return false;
  const std::string name = normalize_for_compare(order.subject.name);
  for (const auto& p : tables.names.national_unit_name_prefixes)
    if (name.rfind(p, 0) == 0) return true;
  return false;
}

std::string RuleContext::nature() const {
  if (!unit()) return tables.materials.individual_nature;
  const Nature* n = tables.materials.nature(order.subject.nature);
  return n ? n->nature : std::string();
}

int RuleContext::total_domains() const {
  int n = 0;
  for (const auto& w : order.websites) n += static_cast<int>(w.domains.size());
  return n;
}

const FilingTypeRule& RuleContext::filing_rule() const { return tables.filing_types.at(order.filing_type); }

const Person* RuleContext::person_of(const DocumentFacts& doc) const {
  if (doc.person == "subject_owner") return &order.subject_owner;
  if (doc.person == "website_owner") {
    if (doc.website >= 1 && static_cast<size_t>(doc.website) <= order.websites.size())
      return &order.websites[doc.website - 1].owner;
    if (doc.website == 0 && order.websites.size() == 1) return &order.websites[0].owner;
  }
  if (doc.person.empty() && doc.result) {
    for (const char* field : {"id_number", "document_number"})
      if (const FieldValue* v = doc.result->field(field); v && v->present()) {
        const std::string key = id_key(v->value);
        if (id_key(order.subject_owner.id_number) == key) return &order.subject_owner;
        for (const auto& w : order.websites)
          if (id_key(w.owner.id_number) == key) return &w.owner;
      }
  }
  return nullptr;
}

std::string RuleContext::pointer_of(const Person& person) const {
  if (&person == &order.subject_owner) return "/subject_owner";
  for (size_t i = 0; i < order.websites.size(); ++i)
    if (&person == &order.websites[i].owner) return "/websites/" + std::to_string(i) + "/owner";
  return {};
}

std::vector<const Person*> RuleContext::people() const {
  std::vector<const Person*> out = {&order.subject_owner};
  for (const auto& w : order.websites) {
    const bool seen = std::any_of(out.begin(), out.end(), [&](const Person* p) {
      return !w.owner.id_number.empty() && id_key(p->id_number) == id_key(w.owner.id_number);
    });
    if (!seen) out.push_back(&w.owner);
  }
  return out;
}

std::string RuleContext::legal_representative() const {
  if (!order.subject.legal_representative.empty()) return order.subject.legal_representative;
  for (const auto& d : documents)
    if (d.result && is_unit_certificate(d.result->type))
      if (const FieldValue* v = d.result->field("legal_representative"); v && v->present()) return v->value;
  return {};
}

std::string RuleContext::home_province(const Person& person) const {
  const Identity* identity = tables.materials.identity(person.id_type);
  if (!identity || identity->number != NumberFormat::kResidentId) return {};
  if (auto address = read_field(DocumentType::kIdFront, "address", &person))
    if (std::string p = province_of_address(address->value); !p.empty()) return p;
  return province_of_code(id_key(person.id_number));
}

bool RuleContext::name_unrelated_to_unit(const Website& website) const {
  return unit() && !national_unit() && !relates_to_unit(website.name, order.subject.name, tables.names);
}

std::optional<RuleContext::Read> RuleContext::read_field(DocumentType type, std::string_view field,
                                                         const Person* person) const {
  for (const auto& d : documents) {
    if (!d.result || d.result->type != type) continue;
    if (person && person_of(d) != person) continue;
    if (const FieldValue* v = d.result->field(field); v && v->present()) return Read{v->value, d.file};
  }
  return std::nullopt;
}

bool conditions_hold(const Conditions& c, const RuleContext& ctx, const Website* website) {
  const Order& o = ctx.order;
  if (c.subject_kind && *c.subject_kind != o.subject.kind) return false;
  if (!c.natures.empty()) {
    const std::string nature = ctx.nature();
    if (std::none_of(c.natures.begin(), c.natures.end(), [&](const auto& n) { return same_text(n, nature); })) return false;
  }
  if (!c.filing_types.empty() &&
      std::find(c.filing_types.begin(), c.filing_types.end(), o.filing_type) == c.filing_types.end())
    return false;
  const int domains = website ? static_cast<int>(website->domains.size()) : ctx.total_domains();
  if (c.min_domains > 0 && domains < c.min_domains) return false;
  if (c.min_websites > 0 && static_cast<int>(o.websites.size()) < c.min_websites) return false;
  if (c.effective_from.valid() && ctx.today < c.effective_from) return false;
  if (c.owner_out_of_province) {
    const auto people = ctx.people();
    if (std::none_of(people.begin(), people.end(), [&](const Person* p) {
          const std::string home = ctx.home_province(*p);
          return !home.empty() && home != o.province;
        }))
      return false;
  }
  const std::string legal = ctx.legal_representative();
  if (c.subject_owner_not_legal_rep && (!ctx.unit() || legal.empty() || same_text(o.subject_owner.name, legal)))
    return false;
  if (c.website_owner_not_legal_rep && (!website || !ctx.unit() || legal.empty() || same_text(website->owner.name, legal)))
    return false;
  if (c.website_name_unrelated && (!website || !ctx.name_unrelated_to_unit(*website))) return false;
  return true;
}

}  // namespace beian::rules
