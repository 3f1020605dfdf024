// Province extras about people and papers (seed 001 其他材料; province-rules.md; the
// materials, out_of_province_ids, foreign_individuals and reminders sections of
// province_rules.json): extra materials with their conditions (an upload of the row's
// document type is looked for; materials beian cannot see are reported for review), IDs
// from another province, foreign individuals, and reminders the reviewer checks by eye.
#include <algorithm>

#include "pipeline/rules/rule_context.h"

namespace beian::rules {
namespace {

bool has_document(const RuleContext& ctx, DocumentType type, int website) {
  return std::any_of(ctx.documents.begin(), ctx.documents.end(), [&](const DocumentFacts& d) {
    return d.type() == type && (website == 0 || d.website == 0 || d.website == website);
  });
}

void material(RuleContext& ctx, const ProvinceMaterial& row, const Website* w, size_t index) {
  Evidence e = {{"province", row.province}, {"material_zh", row.material_zh}, {"material_en", row.material_en},
                {"applies_to", w ? w->name : ctx.order.subject.name}, {"source", row.source}, {"date", row.date}};
  const std::string pointer = w ? "/websites/" + std::to_string(index) : "";
  if (!row.document) {
    ctx.add("PROVINCE_MATERIAL_NEEDED", std::move(e), pointer);
    return;
  }
  if (has_document(ctx, *row.document, w ? static_cast<int>(index) + 1 : 0)) return;
  e.emplace_back("document_id", std::string(to_string(*row.document)));
  ctx.add("PROVINCE_MATERIAL_MISSING", std::move(e), pointer);
}

}  // namespace

void check_province_people(RuleContext& ctx) {
  const Order& o = ctx.order;
  const ProvinceTables& t = ctx.tables.provinces;

  if (ctx.filing_rule().materials)
    for (const auto* row : rows_for(t.materials, o.province)) {
      if (!row->per_website) {
        if (conditions_hold(row->when, ctx)) material(ctx, *row, nullptr, 0);
        continue;
      }
      for (size_t i = 0; i < o.websites.size(); ++i)
        if (conditions_hold(row->when, ctx, &o.websites[i])) material(ctx, *row, &o.websites[i], i);
    }

  if (!ctx.unit()) {
    for (const auto* row : rows_for(t.out_of_province_ids, o.province)) {
      if (row->accepted) continue;
      for (const Person* p : ctx.people()) {
        const std::string home = ctx.home_province(*p);
        if (!home.empty() && home != o.province)
          ctx.add("PROVINCE_OUT_OF_PROVINCE_ID_REJECTED",
                  {{"person", p->name}, {"home_province", home}, {"province", o.province}, {"source", row->source}, {"date", row->date}},
                  ctx.pointer_of(*p) + "/id_number");
      }
    }
    for (const auto* row : rows_for(t.foreign_individuals, o.province)) {
      if (row->accepted) continue;
      for (const Person* p : ctx.people())
        if (const Identity* id = ctx.tables.materials.identity(p->id_type); id && id->number == NumberFormat::kPassport)
          ctx.add("PROVINCE_FOREIGN_INDIVIDUAL_REJECTED",
                  {{"person", p->name}, {"province", o.province}, {"source", row->source}, {"date", row->date}},
                  ctx.pointer_of(*p) + "/id_type");
    }
  }

  for (const auto* row : rows_for(t.reminders, o.province))
    if (conditions_hold(row->when, ctx))
      ctx.add("PROVINCE_REMINDER",
              {{"province", row->province}, {"text_zh", row->text_zh}, {"text_en", row->text_en}, {"source", row->source}, {"date", row->date}});
}

}  // namespace beian::rules
