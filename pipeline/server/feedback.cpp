#include "pipeline/server/feedback.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "beian/json.h"
#include "pipeline/base/data_file.h"
#include "pipeline/base/mask.h"
#include "pipeline/base/messages.h"

namespace beian::server {
namespace {

constexpr const char* kDataFile = "web/feedback.json";

struct FeedbackTexts {
  std::map<std::string, std::string> recognised;   // document type id → headline
  std::map<std::string, std::string> templates;    // recognised_default, photo_pass, ...
  std::set<std::string> masked_fields;
  std::map<std::string, std::string> english_names;
};

const FeedbackTexts& texts() {
  static const FeedbackTexts t = [] {
    const nlohmann::json j = load_data_file(kDataFile);
    const std::string file = kDataFile;
    check_keys(j,
               {"_comment", "recognised", "recognised_default", "photo_pass", "photo_review", "returned_filed", "warning",
                "retake", "rejected", "masked_fields", "english_names"},
               {"recognised", "recognised_default", "photo_pass", "photo_review", "returned_filed", "warning", "retake",
                "rejected", "masked_fields", "english_names"},
               file);
    FeedbackTexts out;
    for (const auto& [k, v] : j["recognised"].items()) {
      if (!parse_document_type(k)) throw std::runtime_error(file + ": recognised: unknown document type '" + k + "'");
      out.recognised[k] = get_value<std::string>(j["recognised"], k, file + ": recognised");
    }
    for (const char* key : {"recognised_default", "photo_pass", "photo_review", "returned_filed", "warning", "retake", "rejected"})
      out.templates[key] = get_value<std::string>(j, key, file);
    for (const auto& f : j["masked_fields"]) out.masked_fields.insert(f.get<std::string>());
    for (const auto& [k, v] : j["english_names"].items()) {
      if (!parse_document_type(k)) throw std::runtime_error(file + ": english_names: unknown document type '" + k + "'");
      out.english_names[k] = v.get<std::string>();
    }
    for (DocumentType t : all_document_types())
      if (!out.english_names.count(std::string(to_string(t))))
        throw std::runtime_error(file + ": english_names: missing '" + std::string(to_string(t)) + "'");
    return out;
  }();
  return t;
}

int severity_rank(Severity s) { return s == Severity::kError ? 0 : s == Severity::kWarning ? 1 : 2; }

// The first problem in plain words, for "请重拍：{reason}". Catalogue texts are whole
// sentences; the headline keeps the first one, without its closing full stop.
std::string first_reason(const std::vector<Finding>& findings, Severity at_least) {
  for (const auto& f : findings)
    if (severity_rank(f.severity) <= severity_rank(at_least)) {
      std::string s = f.message_zh;
      const size_t stop = s.find("。");
      if (stop != std::string::npos) s = s.substr(0, stop);
      return s;
    }
  return {};
}

std::string fill(const std::string& key, const Evidence& evidence) {
  return fill_placeholders(texts().templates.at(key), evidence);
}

}  // namespace

std::string_view to_string(UploadStatus s) {
  switch (s) {
    case UploadStatus::kOk: return "ok";
    case UploadStatus::kWarning: return "warning";
    case UploadStatus::kRetake: return "retake";
    case UploadStatus::kRejected: return "rejected";
  }
  return "retake";
}

std::string english_name(DocumentType t) { return texts().english_names.at(std::string(to_string(t))); }

void sort_by_severity(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) { return severity_rank(a.severity) < severity_rank(b.severity); });
}

UploadStatus status_for(const std::vector<Finding>& findings) {
  UploadStatus s = UploadStatus::kOk;
  for (const auto& f : findings) {
    if (f.severity == Severity::kError) return UploadStatus::kRetake;
    if (f.severity == Severity::kWarning) s = UploadStatus::kWarning;
  }
  return s;
}

nlohmann::json to_json(const UploadFeedback& f) {
  nlohmann::json advice = nlohmann::json::array();
  for (const auto& x : f.findings)
    if (x.severity != Severity::kInfo) advice.push_back(x.message_zh);
  nlohmann::json findings = f.findings;
  return {{"status", to_string(f.status)}, {"document_type", f.document_type}, {"headline_zh", f.headline_zh},
          {"advice_zh", advice},           {"findings", findings},             {"details", f.details}};
}

UploadFeedback feedback_from_json(const nlohmann::json& j) {
  UploadFeedback f;
  const std::string s = j.at("status").get<std::string>();
  f.status = s == "ok" ? UploadStatus::kOk : s == "warning" ? UploadStatus::kWarning : s == "rejected" ? UploadStatus::kRejected
                                                                                                       : UploadStatus::kRetake;
  f.document_type = j.at("document_type").get<std::string>();
  f.headline_zh = j.at("headline_zh").get<std::string>();
  f.findings = j.at("findings").get<std::vector<Finding>>();
  f.details = j.value("details", nlohmann::json::object());
  return f;
}

UploadFeedback feedback_for_document(const DocumentResult& result, const UploadSlot& slot) {
  UploadFeedback fb;
  fb.findings = result.findings;
  const DocumentType expected = slot.document;
  const std::string expected_zh(display_name_zh(expected));
  if (result.type == DocumentType::kUnknown || result.type == DocumentType::kNotDocument) {
    const bool any = expected != DocumentType::kUnknown;
    fb.findings.push_back(make_finding("SERVER_NOT_RECOGNISED",
                                       {{"expected", any ? expected_zh : std::string("证件")},
                                        {"expected_en", any ? english_name(expected) : std::string("a document")}},
                                       result.file));
  } else if (expected != DocumentType::kUnknown && result.type != expected) {
    fb.findings.push_back(make_finding("SERVER_WRONG_DOCUMENT",
                                       {{"found", std::string(display_name_zh(result.type))},
                                        {"found_en", english_name(result.type)},
                                        {"expected", expected_zh},
                                        {"expected_en", english_name(expected)}},
                                       result.file));
  }
  // A document read with not one field is no reading at all, whatever the type guess: the
  // person must retake it now, not learn it from the reviewer ("请留意" with twelve warnings
  // told nobody what to do).
  const bool any_field = std::any_of(result.fields.begin(), result.fields.end(),
                                     [](const auto& f) { return f.second.present(); });
  if (!any_field && result.type != DocumentType::kUnknown && result.type != DocumentType::kNotDocument)
    fb.findings.push_back(make_finding("SERVER_NOTHING_READ", {{"document", std::string(display_name_zh(result.type))},
                                                               {"document_en", english_name(result.type)}},
                                       result.file));
  sort_by_severity(fb.findings);
  fb.status = status_for(fb.findings);
  fb.document_type = std::string(to_string(result.type));

  // Fields for the page and the headline; personal numbers masked (the page may be seen by others).
  Evidence fields{{"document", std::string(display_name_zh(result.type))}};
  nlohmann::json shown = nlohmann::json::object();
  for (const auto& [name, value] : result.fields) {
    if (!value.present()) continue;
    const std::string v = texts().masked_fields.count(name) ? mask_id_number(value.value) : value.value;
    fields.emplace_back(name, v);
    shown[name] = {{"value", v}, {"confidence", value.confidence}};
  }
  fb.details["fields"] = shown;
  fb.details["type_confidence"] = result.type_confidence;

  if (fb.status == UploadStatus::kRetake) {
    fb.headline_zh = fill("retake", {{"reason", first_reason(fb.findings, Severity::kError)}});
    return fb;
  }
  std::string headline = texts().templates.at("recognised_default");
  const auto it = texts().recognised.find(fb.document_type);
  if (it != texts().recognised.end()) {
    // Use the specific headline only when every field it names was read.
    const std::string filled = fill_placeholders(it->second, fields);
    if (filled.find('{') == std::string::npos) headline = it->second;
  }
  fb.headline_zh = fill_placeholders(headline, fields);
  if (fb.status == UploadStatus::kWarning)
    fb.headline_zh += "；" + first_reason(fb.findings, Severity::kWarning);
  return fb;
}

UploadFeedback feedback_for_photo(const PhotoResult& result, const std::string& file) {
  UploadFeedback fb;
  fb.findings = photo_findings(result);
  for (auto& f : fb.findings)
    if (f.file.empty()) f.file = file;
  sort_by_severity(fb.findings);
  fb.document_type = "portrait";
  nlohmann::json checks = result.checks;
  fb.details["checks"] = checks;
  fb.details["verdict"] = to_string(result.verdict);
  std::string reasons;
  for (const auto& c : result.checks)
    if (!c.passed) reasons += (reasons.empty() ? "" : "；") + c.message_zh;
  switch (result.verdict) {
    case PhotoVerdict::kPass:
      fb.status = UploadStatus::kOk;
      fb.headline_zh = texts().templates.at("photo_pass");
      break;
    case PhotoVerdict::kReview:
      fb.status = UploadStatus::kWarning;
      fb.headline_zh = fill("photo_review", {{"reason", reasons}});
      break;
    case PhotoVerdict::kFail:
      fb.status = UploadStatus::kRetake;
      fb.headline_zh = fill("retake", {{"reason", reasons}});
      break;
  }
  return fb;
}

UploadFeedback feedback_from_findings(std::vector<Finding> findings, DocumentType document,
                                      const std::string& template_key, std::optional<UploadStatus> status) {
  UploadFeedback fb;
  sort_by_severity(findings);
  fb.findings = std::move(findings);
  fb.status = status ? *status : status_for(fb.findings);
  fb.document_type = document == DocumentType::kUnknown ? "" : std::string(to_string(document));
  const std::string key = fb.status == UploadStatus::kRetake && template_key != "rejected" ? "retake" : template_key;
  fb.headline_zh = fill(key, {{"document", std::string(display_name_zh(document))},
                              {"reason", first_reason(fb.findings, Severity::kWarning)}});
  return fb;
}

}  // namespace beian::server
