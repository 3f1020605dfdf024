// Upload slots: the documents an order expects, each for one person (and website), which the
// upload page lists and an upload is filed under. Taken from the manifest's "uploads" list when
// it has one; otherwise derived from the order with templates/web/upload_slots.json (identity
// documents per id_type, the subject's certificate, a portrait per website owner). Signed
// documents coming back (verification sheet, commitment letter, ...) get one slot per rendered
// document.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "beian/ocr/document.h"
#include "beian/order.h"
#include "pipeline/server/upload_token.h"

namespace beian::server {

struct UploadSlot {
  std::string id;             // "id_front.website_owner.1", "business_licence", "verification_sheet.1"
  DocumentType document = DocumentType::kUnknown;  // kUnknown: classification decides
  std::string person;         // manifest person: subject_owner, website_owner, legal_representative, or ""
  int website = 0;            // 1-based website index, 0 = none
  bool returned = false;      // a rendered document coming back signed (routed by its QR code)
  std::string label_zh;       // "网站1负责人 · 居民身份证（国徽面）"
};

// A rendered document the order has (kind and website), for its return slot.
struct ReturnDocument {
  std::string kind;
  int website = 0;
};

// The slots of `order`, in a stable order: the manifest's uploads (or the derived list), then
// one return slot per rendered document. Throws std::runtime_error naming the data file when
// templates/web/upload_slots.json is malformed.
std::vector<UploadSlot> upload_slots(const Order& order, const std::vector<ReturnDocument>& rendered);

// The slot id of a document for a person and website (the same spelling upload_slots uses).
std::string slot_id(DocumentType document, const std::string& person, int website);

// True when a link for `role` may upload into `slot`: applicant links may upload anything;
// the others only their own person's (and website's) documents, never signed returns.
bool role_grants(const UploadRole& role, const UploadSlot& slot);

// "网站2负责人", "主办单位", ... (for the page's heading).
std::string role_label_zh(const UploadRole& role);

// The slot called `id` in `slots`, or nullptr.
const UploadSlot* find_slot(const std::vector<UploadSlot>& slots, const std::string& id);

}  // namespace beian::server
