// JSON forms of beian's value types (nlohmann::json ADL hooks). One to_json/from_json per
// type; the CLI's --json output, report.json and the HTTP API all use these.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "beian/date.h"
#include "beian/finding.h"

namespace beian {

// {"code","severity","message_zh","message_en","file"?,"field"?,"evidence"?,"stage"?}
// (optional members are omitted when empty).
void to_json(nlohmann::json& j, const Finding& f);
// Throws nlohmann::json::exception on a malformed finding.
void from_json(const nlohmann::json& j, Finding& f);

// "YYYY-MM-DD" (null when invalid).
void to_json(nlohmann::json& j, const Date& d);
void from_json(const nlohmann::json& j, Date& d);

}  // namespace beian
