#include "pipeline/stages/render_stage.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "pipeline/base/atomic_file.h"
#include "pipeline/base/text.h"

namespace beian {
namespace {

// The OCR field holding a document's own number.
const char* number_field(DocumentType t) {
  switch (t) {
    case DocumentType::kIdFront: return "id_number";
    case DocumentType::kPassport: return "document_number";
    case DocumentType::kBusinessLicence:
    case DocumentType::kUsccCertificate: return "credit_code";
    default: return nullptr;
  }
}

// True when some upload declared for `person` (and `website`, for website owners) was read
// as a document whose number field equals `number`.
bool read_back(const OrderContext& ctx, const std::string& person, int website, const std::string& number) {
  if (number.empty()) return false;
  for (const auto& u : ctx.uploads) {
    if (!u.expected || u.expected->person != person) continue;
    if (person == "website_owner" && u.expected->website != website) continue;
    const auto& doc = ctx.report.uploads[u.index].document;
    if (!doc) continue;
    const char* field = number_field(doc->type);
    const FieldValue* v = field ? doc->field(field) : nullptr;
    if (v && v->present() && normalize_for_compare(v->value) == normalize_for_compare(number)) return true;
  }
  return false;
}

// The unit certificate uploads carry no person; they are matched by type alone.
bool unit_certificate_read_back(const OrderContext& ctx, const std::string& number) {
  for (const auto& u : ctx.uploads) {
    const auto& doc = ctx.report.uploads[u.index].document;
    if (!doc || !is_unit_certificate(doc->type)) continue;
    const char* field = number_field(doc->type);
    const FieldValue* v = field ? doc->field(field) : nullptr;
    if (v && v->present() && normalize_for_compare(v->value) == normalize_for_compare(number)) return true;
  }
  return false;
}

}  // namespace

std::set<std::string> verified_items(const OrderContext& ctx, int website) {
  std::set<std::string> items;
  if (!ctx.order || website < 1 || website > static_cast<int>(ctx.order->websites.size())) return items;
  const Order& o = *ctx.order;
  const bool subject_ok = o.subject.kind == SubjectKind::kUnit
                              ? unit_certificate_read_back(ctx, o.subject.certificate_number)
                              : read_back(ctx, "subject_owner", 0, o.subject.certificate_number);
  if (subject_ok && read_back(ctx, "subject_owner", 0, o.subject_owner.id_number) &&
      read_back(ctx, "website_owner", website, o.websites[website - 1].owner.id_number))
    items.insert("id_numbers");
  return items;
}

void RenderStage::run(OrderContext& ctx) const {
  if (!ctx.order || ctx.output_dir.empty()) return;  // nothing to fill in, or nowhere to write
  const nlohmann::json order = *ctx.order;
  for (const auto& request : renderer_.documents_for(order)) {
    const auto doc = renderer_.render({order, verified_items(ctx, request.website)}, request);
    for (const auto& f : doc.findings) ctx.add(f);
    if (doc.pdf.empty()) continue;
    write_file_atomic(ctx.output_dir / doc.file_name, doc.pdf);
    ctx.report.outputs.push_back(doc.file_name);
  }
}

}  // namespace beian
