// JSON forms of the photo checker's results (beian/photo.h).
#include <nlohmann/json.hpp>

#include "beian/photo.h"

namespace beian {

std::string_view to_string(PhotoVerdict v) {
  switch (v) {
    case PhotoVerdict::kPass: return "pass";
    case PhotoVerdict::kFail: return "fail";
    case PhotoVerdict::kReview: return "review";
  }
  return "fail";
}

bool parse_photo_verdict(std::string_view text, PhotoVerdict* out) {
  for (PhotoVerdict v : {PhotoVerdict::kPass, PhotoVerdict::kFail, PhotoVerdict::kReview}) {
    if (to_string(v) == text) {
      *out = v;
      return true;
    }
  }
  return false;
}

const PhotoCheck* PhotoResult::check(std::string_view id) const {
  for (const auto& c : checks)
    if (c.id == id) return &c;
  return nullptr;
}

void to_json(nlohmann::json& j, const PhotoCheck& c) {
  j = nlohmann::json{{"id", c.id},
                     {"value", c.value},
                     {"threshold", c.threshold},
                     {"passed", c.passed},
                     {"confidence", c.confidence},
                     {"message_zh", c.message_zh},
                     {"message_en", c.message_en}};
}

void from_json(const nlohmann::json& j, PhotoCheck& c) {
  j.at("id").get_to(c.id);
  j.at("value").get_to(c.value);
  j.at("threshold").get_to(c.threshold);
  j.at("passed").get_to(c.passed);
  j.at("confidence").get_to(c.confidence);
  j.at("message_zh").get_to(c.message_zh);
  j.at("message_en").get_to(c.message_en);
}

void to_json(nlohmann::json& j, const PhotoResult& r) {
  nlohmann::json timings = nlohmann::json::object();
  for (const auto& [step, ms] : r.timings_ms) timings[step] = ms;
  j = nlohmann::json{{"file", r.file}, {"verdict", to_string(r.verdict)}, {"checks", r.checks}, {"timings_ms", timings}};
}

void from_json(const nlohmann::json& j, PhotoResult& r) {
  j.at("file").get_to(r.file);
  const std::string verdict = j.at("verdict").get<std::string>();
  if (!parse_photo_verdict(verdict, &r.verdict))
    throw nlohmann::json::other_error::create(501, "unknown photo verdict '" + verdict + "'", &j);
  j.at("checks").get_to(r.checks);
  r.timings_ms.clear();
  for (const auto& [step, ms] : j.at("timings_ms").items()) r.timings_ms.emplace_back(step, ms.get<double>());
}

}  // namespace beian
