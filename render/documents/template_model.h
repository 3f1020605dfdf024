// The document layouts of templates/documents/ as data structures, before any order is bound.
// The JSON format is documented in docs/rendering.md; every parse function rejects unknown
// keys and wrong types with an error naming the file and the JSON location.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "render/layout/page_model.h"

namespace beian::render {

// A test on the order. Every part that is set must hold (AND). Field values are the present
// (non-empty) values of the bindings; a list binding contributes all its items.
struct Condition {
  std::vector<std::string> fields;       // bindings tested by equals / in / not_in
  std::vector<std::string> in;           // true when some value is in this list ("equals" is a 1-item in)
  std::vector<std::string> not_in;       // true when some value is outside this list
  std::string subject_kind;              // "unit" / "individual": the order's subject kind must match
  std::string verified;                  // a checker item: true only when pre-ticking is enabled and the pipeline verified it
  std::vector<std::string> differs;      // two bindings whose (normalised) values are both present and differ
  std::vector<std::string> provinces;    // the order's province is one of these
};

// One inline item of a cell or paragraph.
struct InlineSpec {
  enum class Kind { kText, kCheckbox, kBlank };
  Kind kind = Kind::kText;
  std::string text;                      // kText: literal with {binding} placeholders; kCheckbox: its label
  std::optional<Condition> checked_if;   // kCheckbox: ticked when this holds (never ticked without it)
  double width = 0.0;                    // kBlank: mm
};

struct CellSpec {
  std::vector<InlineSpec> content;
  double width = 0.0;
  Align align = Align::kLeft;
  VAlign valign = VAlign::kMiddle;
  double size = 0.0;
  int indent = 0;
  bool bold = false;
};

struct RowSpec {
  std::string id;
  std::optional<Condition> when;
  std::string for_each;                  // "websites": the row repeats once per website (websites[i] bound)
  std::vector<CellSpec> cells;
  double min_height = 0.0;
  double fill = 1.0;
  bool border = true;
  bool keep_with_next = false;
};

struct BlockSpec {
  std::string id;
  std::optional<Condition> when;
  Block::Kind kind = Block::Kind::kParagraph;
  CellSpec paragraph;
  std::vector<RowSpec> rows;
  double space_before = 0.0, space_after = 0.0, height = 0.0;
};

// White space kept around the QR code (at least 4 modules for a version-4 code of 19 mm).
inline constexpr double kQrQuietZoneMm = 2.5;

struct QrPlacement {
  double side = 20.0;   // mm, without quiet zone
  double right = 10.0;  // distance of its right edge from the page's right edge, mm
  double top = 8.0;     // distance of its top edge from the page's top edge, mm
};

struct DocumentTemplate {
  std::string kind;               // stable id, e.g. "verification_sheet"
  std::string title;              // PDF title (also the file's purpose)
  std::string subject;            // PDF subject
  PageSetup page;
  QrPlacement qr;
  std::string continued_title;    // header of pages 2.. (placeholders allowed)
  std::string footer;             // every page; {page} {pages} and bindings allowed
  double footer_size = 7.5;
  std::vector<BlockSpec> blocks;
};

// Parsers. `where` names the file (and location) for errors; they throw std::runtime_error.
Condition parse_condition(const nlohmann::json& j, const std::string& where);
std::vector<InlineSpec> parse_content(const nlohmann::json& j, const std::string& where);
RowSpec parse_row(const nlohmann::json& j, const std::string& where);
BlockSpec parse_block(const nlohmann::json& j, const std::string& where);
DocumentTemplate parse_template(const nlohmann::json& j, const std::string& where);

}  // namespace beian::render
