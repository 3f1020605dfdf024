// The message catalogue: every finding code with its severity and its Chinese and English
// text, kept as data in templates/messages/*.json (one file per area, merged; a code defined
// twice is an error). Texts may contain {name} placeholders filled from the evidence.
//
//   templates/messages/intake.json:
//   { "FILE_UNREADABLE": { "severity": "error",
//                          "zh": "文件无法读取：{reason}", "en": "File cannot be read: {reason}" } }
#pragma once

#include <string>
#include <string_view>

#include "beian/finding.h"

namespace beian {

// Builds a finding for `code` from the catalogue.
// REQUIRES: code exists in the catalogue. An unknown code is a programming error: it is
// logged and the finding carries the code as its message, so nothing is lost.
// Thread-safe; the catalogue is loaded once, on first use, from data_dir()/messages.
Finding make_finding(std::string_view code, Evidence evidence = {}, std::string file = {},
                     std::string field = {});

// True when the catalogue defines `code`.
bool has_message(std::string_view code);

// Replaces {key} in `text` with the evidence value of that key; unknown keys stay as they are.
std::string fill_placeholders(std::string_view text, const Evidence& evidence);

// Loads the catalogue now, throwing std::runtime_error (naming the file and the code) when a
// file is malformed, an entry lacks severity/zh/en, or a code is defined twice.
void load_message_catalogue();

}  // namespace beian
