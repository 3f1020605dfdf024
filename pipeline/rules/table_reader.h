// Small helpers shared by the rule-table loaders: every error names the file and the JSON
// path ("rules/limits.json: /limits/websites_per_order: missing key 'value'").
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "beian/order.h"
#include "pipeline/base/data_file.h"

namespace beian::rules {

// "<file>: <pointer>".
inline std::string at(std::string_view file, std::string_view pointer) {
  return std::string(file) + ": " + std::string(pointer.empty() ? "/" : pointer);
}

// object[key] as an array of objects, or throws naming `where`.
const nlohmann::json& array_member(const nlohmann::json& object, const std::string& key, const std::string& where);

// A province short name or abbreviation → the manifest's short name; throws naming `where`.
std::string province_name(const std::string& text, const std::string& where);

// A filing type name → FilingType; throws naming `where`.
FilingType filing_type(const std::string& text, const std::string& where);

// A document type id → DocumentType; throws naming `where`.
DocumentType document_type(const std::string& id, const std::string& where);

// "YYYY-MM-DD" → Date; throws naming `where`.
Date date_value(const std::string& text, const std::string& where);

// normalize_for_compare of each string.
std::vector<std::string> normalized(const std::vector<std::string>& words);

}  // namespace beian::rules
