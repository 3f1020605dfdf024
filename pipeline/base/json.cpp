#include "beian/json.h"

#include <nlohmann/json.hpp>

namespace beian {

void to_json(nlohmann::json& j, const Finding& f) {
  j = nlohmann::json::object();
  j["code"] = f.code;
  j["severity"] = std::string(to_string(f.severity));
  j["message_zh"] = f.message_zh;
  j["message_en"] = f.message_en;
  if (!f.file.empty()) j["file"] = f.file;
  if (!f.field.empty()) j["field"] = f.field;
  if (!f.evidence.empty()) {
    auto& ev = j["evidence"] = nlohmann::json::object();
    for (const auto& [k, v] : f.evidence) ev[k] = v;
  }
  if (!f.stage.empty()) j["stage"] = f.stage;
}

void from_json(const nlohmann::json& j, Finding& f) {
  f = Finding{};
  f.code = j.at("code").get<std::string>();
  if (!parse_severity(j.at("severity").get<std::string>(), &f.severity))
    throw nlohmann::json::other_error::create(501, "unknown severity", &j);
  f.message_zh = j.value("message_zh", "");
  f.message_en = j.value("message_en", "");
  f.file = j.value("file", "");
  f.field = j.value("field", "");
  f.stage = j.value("stage", "");
  if (j.contains("evidence"))
    for (const auto& [k, v] : j["evidence"].items()) f.evidence.emplace_back(k, v.is_string() ? v.get<std::string>() : v.dump());
}

void to_json(nlohmann::json& j, const Date& d) { j = d.valid() ? nlohmann::json(d.to_string()) : nlohmann::json(nullptr); }

void from_json(const nlohmann::json& j, Date& d) {
  d = Date{};
  if (j.is_string())
    if (auto p = Date::parse(j.get<std::string>())) d = *p;
}

}  // namespace beian
