// The registration authority printed on a licence or certificate (登记机关, 发证机关) is named
// after the region that registered the unit — the region the credit code carries in its
// characters 3-8 — plus the kind of authority ("北京市丰台区" + "市场监督管理局", "济南市" +
// "民政局"). Those few names are the closed list a blurred reading is snapped to.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace beian::ocr {

struct AuthoritySettings {
  std::vector<std::string> suffixes;  // "suffixes": kinds of authority, "市场监督管理局", ...
  double max_edit_share = 0.25;       // "max_edit_share": most edits per character of the name
  double repaired_confidence = 0.85;  // "repaired_confidence": most a snapped name is trusted
};

// Parses {"suffixes", "max_edit_share", "repaired_confidence"}; throws naming `where` and the key.
AuthoritySettings parse_authority_settings(const nlohmann::json& j, const std::string& where);

// Every suffix after each name of the code's region: its province, prefecture, and
// prefecture (or municipality) with county. Empty when `credit_code` is no 18-character code
// or its region is not in the (partial) region table.
std::vector<std::string> authority_names(const std::string& credit_code, const std::vector<std::string>& suffixes);

struct AuthorityName {
  std::string value;  // a name of authority_names
  int edits = 0;      // characters changed from the reading
};

// `reading` snapped to the nearest of the code's authority names when that one is unique and
// at most max_edit_share × its length away; nullopt otherwise (the reading stays as read: the
// authority may be one the list does not know).
std::optional<AuthorityName> snap_authority(const std::string& reading, const std::string& credit_code,
                                            const AuthoritySettings& settings);

// The authority as read (`text`, cleaned, with its `confidence`), replaced by its snapped name
// when snap_authority finds one (confidence then at most repaired_confidence if characters
// changed). `credit_code` may be empty (nothing to snap to).
struct AuthorityReading {
  std::string text;
  double confidence = 0;
};
AuthorityReading authority_reading(const std::string& text, double confidence, const std::string& credit_code,
                                   const AuthoritySettings& settings);

// A closed list a field's reading is snapped to (a licence's company type, 类型).
struct NameListSettings {
  std::vector<std::string> names;     // "names"
  double max_edit_share = 0.25;       // "max_edit_share": most edits per character of the reading
  double repaired_confidence = 0.85;  // "repaired_confidence": most a snapped reading is trusted
};

// Parses {"names", "max_edit_share", "repaired_confidence"} (and "description").
NameListSettings parse_name_list_settings(const nlohmann::json& j, const std::string& where);

// `text` (with `confidence`) replaced by the unique nearest of `list.names`, compared on their
// Chinese characters, at most max_edit_share × the reading's length away (confidence then at
// most repaired_confidence if characters changed); else as read.
AuthorityReading snap_to_name_list(const std::string& text, double confidence, const NameListSettings& list);

}  // namespace beian::ocr
