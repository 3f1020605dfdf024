#include "pipeline/server/upload_processor.h"

#include "ocr/image_decode.h"
#include "pipeline/base/log.h"
#include "pipeline/base/messages.h"
#include "pipeline/server/mark_check.h"

namespace beian::server {
namespace {

constexpr std::string_view kQrPrefix = "BEIAN1|";

const FoundQr* beian_code(const std::vector<FoundQr>& codes) {
  for (const auto& c : codes)
    if (c.text.compare(0, kQrPrefix.size(), kQrPrefix) == 0) return &c;
  return nullptr;
}

ProcessedUpload rejected(Finding f, DocumentType document) {
  ProcessedUpload out;
  out.feedback = feedback_from_findings({std::move(f)}, document, "rejected", UploadStatus::kRejected);
  return out;
}

}  // namespace

ProcessedUpload UploadProcessor::process(const OrderState& state, const UploadRole& role, const UploadSlot* slot,
                                         std::string_view bytes, const std::string& file) const {
  // Returned documents and unrouted uploads are looked at for a beian QR code first.
  if (!slot || slot->returned) {
    const ocr::DecodedImage decoded = ocr::decode_image(bytes, file, {max_bytes_, max_megapixels_});
    if (!decoded.ok()) {
      ProcessedUpload out;
      out.feedback = feedback_from_findings(decoded.findings, DocumentType::kUnknown, "retake");
      out.slot = slot ? slot->id : "";
      return out;
    }
    const auto codes = find_qr_codes(decoded.bgr);
    if (const FoundQr* qr = beian_code(codes)) return process_return(state, role, decoded.bgr, *qr, file);
    if (slot) {
      ProcessedUpload out;
      out.feedback = feedback_from_findings({make_finding("SERVER_QR_MISSING", {}, file)}, slot->document, "retake");
      out.slot = slot->id;
      return out;
    }
  }

  if (slot && slot->document == DocumentType::kPortrait) {
    ProcessedUpload out;
    out.feedback = feedback_for_photo(engine_.check_photo(bytes, file), file);
    out.slot = slot->id;
    return out;
  }

  const std::optional<DocumentType> hint =
      slot && slot->document != DocumentType::kUnknown ? std::optional(slot->document) : std::nullopt;
  const DocumentResult result = engine_.read_document(bytes, file, hint);
  if (slot) {
    ProcessedUpload out;
    out.feedback = feedback_for_document(result, *slot);
    out.slot = slot->id;
    return out;
  }

  // No slot given: file it under a slot of the type found that this link may fill, preferring
  // one still empty.
  const UploadSlot* target = nullptr;
  for (const auto& s : state.slots) {
    if (s.returned || !role_grants(role, s) || s.document != result.type) continue;
    if (!target || (state.filled.count(target->id) && !state.filled.count(s.id))) target = &s;
  }
  ProcessedUpload out;
  if (target) {
    out.feedback = feedback_for_document(result, *target);
    out.slot = target->id;
    return out;
  }
  UploadSlot none;  // the expected type is unknown: only "not recognised" can be said
  out.feedback = feedback_for_document(result, none);
  if (out.feedback.status != UploadStatus::kRetake) {
    out.feedback = feedback_from_findings(
        {make_finding("SERVER_NOT_EXPECTED",
                      {{"document", std::string(display_name_zh(result.type))}, {"document_en", english_name(result.type)}},
                      file)},
        result.type, "retake");
  }
  return out;
}

ProcessedUpload UploadProcessor::process_return(const OrderState& state, const UploadRole& role, const cv::Mat& image,
                                                const FoundQr& qr, const std::string& file) const {
  const render::QrCheck check = engine_.qr_signer().verify(qr.text);
  if (check.verdict == render::QrVerdict::kMalformed)
    return rejected(make_finding("SERVER_QR_INVALID", {{"reason", check.reason}}, file), DocumentType::kUnknown);
  if (check.verdict == render::QrVerdict::kForged) {
    log().warn("order {}: returned scan {} carries a forged or altered QR code", state.order->order_id, file);
    return rejected(make_finding("SERVER_QR_FORGED", {}, file), DocumentType::kUnknown);
  }
  const auto& payload = check.payload;
  const auto document = parse_document_type(payload.document).value_or(DocumentType::kUnknown);
  if (payload.order_id != state.order->order_id) {
    log().warn("order {}: returned scan {} belongs to order {}", state.order->order_id, file, payload.order_id);
    ProcessedUpload out = rejected(
        make_finding("SERVER_QR_OTHER_ORDER", {{"qr_order", payload.order_id}, {"order", state.order->order_id}}, file),
        document);
    out.other_order = true;
    return out;
  }
  const std::string id = slot_id(document, "", payload.website);
  const UploadSlot* slot = find_slot(state.slots, id);
  if (document == DocumentType::kUnknown || !slot || !slot->returned)
    return rejected(make_finding("SERVER_QR_UNKNOWN_DOCUMENT",
                                 {{"document", payload.document}, {"website", std::to_string(payload.website)}}, file),
                    document);
  if (!role_grants(role, *slot))
    return rejected(make_finding("SERVER_SLOT_FORBIDDEN",
                                 {{"role", role_label_zh(role)}, {"role_en", role.to_string()}, {"slot", slot->label_zh}}, file),
                    document);

  std::vector<Finding> findings;
  nlohmann::json marks = nlohmann::json::array();
  const RenderedDocumentRow* rendered = nullptr;
  for (const auto& d : state.documents)
    if (d.kind == payload.document && d.website == payload.website) rendered = &d;
  std::string why;
  if (!rendered || rendered->layout_json.empty()) {
    why = "no layout recorded for this document";
  } else {
    const DocumentLayout layout = layout_from_json(nlohmann::json::parse(rendered->layout_json));
    const auto measured = measure_marks(image, qr, layout, &why);
    for (const auto& m : measured)
      marks.push_back({{"area", m.area.id}, {"kind", m.area.kind}, {"value", m.value}, {"threshold", m.threshold},
                       {"found", m.found}, {"confidence", m.confidence}});
    auto f = mark_findings(measured, file);
    findings.insert(findings.end(), f.begin(), f.end());
  }
  if (!why.empty()) findings.push_back(make_finding("SERVER_MARKS_UNCHECKED", {{"reason", why}}, file));
  const std::string website = std::to_string(payload.website);
  findings.push_back(make_finding("SERVER_RETURN_FILED",
                                  {{"document", std::string(display_name_zh(document))},
                                   {"document_en", english_name(document)},
                                   {"website", website},
                                   {"order", payload.order_id}},
                                  file));
  ProcessedUpload out;
  out.feedback = feedback_from_findings(std::move(findings), document, "returned_filed");
  out.feedback.details["qr"] = {{"order_id", payload.order_id}, {"document", payload.document}, {"website", payload.website}};
  out.feedback.details["marks"] = marks;
  out.slot = slot->id;
  return out;
}

}  // namespace beian::server
