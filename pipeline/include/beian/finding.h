// Findings: what every stage, reader, checker and rule reports.
//
// A Finding is a plain value. Its code is stable (documented in docs/rules.md and the message
// catalogue under templates/messages/); its messages are filled from that catalogue, never
// written in code. Findings never carry a full ID or phone number: evidence values that
// would are masked by the code that creates them (see beian::mask_id_number).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace beian {

enum class Severity { kInfo, kWarning, kError };

// "info", "warning", "error".
std::string_view to_string(Severity s);
// Parses the above; returns false for anything else.
bool parse_severity(std::string_view text, Severity* out);

// Ordered name → value pairs: the measured values that justify a finding.
using Evidence = std::vector<std::pair<std::string, std::string>>;

struct Finding {
  std::string code;                   // stable identifier, e.g. "ID_CHECK_DIGIT"
  Severity severity = Severity::kInfo;
  std::string message_zh;             // what is wrong and how to fix it, Chinese
  std::string message_en;             // the same in English
  std::string file;                   // upload file it concerns (relative to the order folder); empty = order level
  std::string field;                  // canonical field name it concerns; empty = none
  Evidence evidence;                  // measured values
  std::string stage;                  // the stage that reported it (set by the stage runner)
};

// True when any finding has severity kError.
bool has_error(const std::vector<Finding>& findings);

}  // namespace beian
