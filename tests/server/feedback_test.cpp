// The one-line answer an upload gets: what status and headline a reader's result turns into.
#include <catch2/catch.hpp>

#include <algorithm>

#include "pipeline/server/feedback.h"
#include "pipeline/server/upload_slots.h"

using namespace beian;
using namespace beian::server;

namespace {

UploadSlot id_front_slot() {
  UploadSlot slot;
  slot.id = "id_front.subject_owner";
  slot.document = DocumentType::kIdFront;
  slot.person = "subject_owner";
  return slot;
}

bool has_code(const UploadFeedback& f, const std::string& code) {
  return std::any_of(f.findings.begin(), f.findings.end(), [&](const Finding& x) { return x.code == code; });
}

}  // namespace

TEST_CASE("a card read with no field at all asks for a retake, not for attention", "[server][feedback]") {
  DocumentResult r;
  r.file = "IMG_0001.jpg";
  r.type = DocumentType::kIdFront;
  r.type_confidence = 0.6;
  for (const char* name : {"name", "sex", "id_number"}) r.set_field(name, FieldValue{"", 0.0, "not found"});
  const UploadFeedback f = feedback_for_document(r, id_front_slot());
  CHECK(f.status == UploadStatus::kRetake);
  CHECK(has_code(f, "SERVER_NOTHING_READ"));
  CHECK(f.headline_zh.rfind("请重拍", 0) == 0);
  INFO(f.headline_zh);
  CHECK(f.headline_zh.find("已识别") == std::string::npos);
}

TEST_CASE("a card with its fields read is recognised, with the number masked", "[server][feedback]") {
  DocumentResult r;
  r.file = "IMG_0001.jpg";
  r.type = DocumentType::kIdFront;
  r.type_confidence = 0.97;
  r.set_field("name", FieldValue{"钱明浩", 0.95, ""});
  r.set_field("id_number", FieldValue{"230102196903231554", 0.99, ""});
  const UploadFeedback f = feedback_for_document(r, id_front_slot());
  CHECK(f.status == UploadStatus::kOk);
  CHECK_FALSE(has_code(f, "SERVER_NOTHING_READ"));
  INFO(f.headline_zh);
  CHECK(f.headline_zh.find("钱明浩") != std::string::npos);
  CHECK(f.headline_zh.find("230102196903231554") == std::string::npos);
}
