// The answer to one upload, in plain words for the person holding the phone: a status, one
// headline sentence ("身份证国徽面已识别，有效期至 2035-03-17" / "请重拍：号码处反光") and the
// findings behind it. Headlines are data (templates/web/feedback.json), finding texts come
// from the message catalogue.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "beian/finding.h"
#include "beian/ocr/document.h"
#include "beian/photo.h"
#include "pipeline/server/upload_slots.h"

namespace beian::server {

// ok: accepted as it is. warning: accepted, but the person may want to retake (or a reviewer
// will look). retake: not usable, take it again. rejected: refused for this order (a signed
// document of another order, a forged code).
enum class UploadStatus { kOk, kWarning, kRetake, kRejected };
std::string_view to_string(UploadStatus s);   // "ok", "warning", "retake", "rejected"

struct UploadFeedback {
  UploadStatus status = UploadStatus::kRetake;
  std::string document_type;       // stable id of what was found; "" when nothing was
  std::string headline_zh;         // one sentence for the page
  std::vector<Finding> findings;   // errors first, then warnings, then information
  nlohmann::json details = nlohmann::json::object();  // fields read (personal numbers masked), photo checks, routing
};

// {"status","document_type","headline_zh","advice_zh":[...],"findings":[...],"details":{...}}
nlohmann::json to_json(const UploadFeedback& f);
UploadFeedback feedback_from_json(const nlohmann::json& j);

// The status that findings imply: any error → retake, any warning → warning, else ok.
UploadStatus status_for(const std::vector<Finding>& findings);

// Feedback for a document read into `slot` (its expected type, if any, is checked).
UploadFeedback feedback_for_document(const DocumentResult& result, const UploadSlot& slot);
// Feedback for a backdrop photo.
UploadFeedback feedback_for_photo(const PhotoResult& result, const std::string& file);
// Feedback from findings alone (returned documents, refusals): status from the findings
// unless `status` is given; the headline is `template_key` of feedback.json filled with
// {document} and {reason}.
UploadFeedback feedback_from_findings(std::vector<Finding> findings, DocumentType document,
                                      const std::string& template_key, std::optional<UploadStatus> status = {});

// English description of a document type ("the ID card's emblem side"), for English texts.
std::string english_name(DocumentType t);

// Orders findings errors first (stable within a severity).
void sort_by_severity(std::vector<Finding>& findings);

}  // namespace beian::server
