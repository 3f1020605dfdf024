#include <nlohmann/json.hpp>

#include "beian/json.h"
#include "beian/ocr/document.h"

namespace beian {

void to_json(nlohmann::json& j, const FieldValue& v) {
  j = nlohmann::json::object();
  if (v.present()) {
    j["value"] = v.value;
    j["confidence"] = v.confidence;
  } else {
    j["value"] = nullptr;
    j["confidence"] = 0.0;
    j["missing_reason"] = v.missing_reason;
  }
}

void from_json(const nlohmann::json& j, FieldValue& v) {
  v = FieldValue{};
  if (j.contains("value") && j["value"].is_string()) v.value = j["value"].get<std::string>();
  v.confidence = j.value("confidence", 0.0);
  v.missing_reason = j.value("missing_reason", "");
}

void to_json(nlohmann::json& j, const DocumentResult& r) {
  j = nlohmann::json::object();
  j["file"] = r.file;
  j["type"] = std::string(to_string(r.type));
  j["type_confidence"] = r.type_confidence;
  auto& fields = j["fields"] = nlohmann::json::object();
  for (const auto& [name, value] : r.fields) fields[name] = value;
  j["findings"] = r.findings;
  auto& t = j["timings_ms"] = nlohmann::json::object();
  for (const auto& [step, ms] : r.timings_ms) t[step] = ms;
}

void from_json(const nlohmann::json& j, DocumentResult& r) {
  r = DocumentResult{};
  r.file = j.value("file", "");
  r.type = parse_document_type(j.value("type", "unknown")).value_or(DocumentType::kUnknown);
  r.type_confidence = j.value("type_confidence", 0.0);
  if (j.contains("fields"))
    for (const auto& [name, value] : j["fields"].items()) r.fields.emplace_back(name, value.get<FieldValue>());
  if (j.contains("findings")) r.findings = j["findings"].get<std::vector<Finding>>();
  if (j.contains("timings_ms"))
    for (const auto& [step, ms] : j["timings_ms"].items()) r.timings_ms.emplace_back(step, ms.get<double>());
}

}  // namespace beian
