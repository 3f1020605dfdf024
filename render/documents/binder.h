// Binds a template to one order: placeholders become the order's values, checkboxes are
// ticked by their conditions, rows repeat per website, conditional blocks and rows are kept
// or dropped. Everything that cannot be printed faithfully is reported, never invented or
// silently dropped:
//   - a missing required value → a dashed blank line + RENDER_FIELD_MISSING;
//   - a character the font lacks → the replacement mark 〓 + RENDER_CHAR_NOT_IN_FONT;
//   - a character outside the BMP (libharu draws only the BMP) → 〓 + RENDER_CHAR_OUTSIDE_BMP.
// Each problem is reported once per document and field.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "beian/finding.h"
#include "render/documents/order_view.h"
#include "render/documents/template_model.h"
#include "render/font/font_face.h"
#include "render/layout/page_model.h"

namespace beian::render {

struct BindSettings {
  double missing_blank_width = 28.0;  // mm of dashed line for a missing value
  char32_t replacement = U'〓';        // drawn for a character that cannot be printed
};

class Binder {
 public:
  // `document` names the document in findings (e.g. "网站备案信息真实性核验单（网站 1）").
  Binder(const FontFace& font, const BindSettings& settings, std::string document);

  std::vector<Block> bind(const std::vector<BlockSpec>& blocks, const OrderView& view);
  // A one-line text (header, footer) with placeholders; a missing value prints as "＿＿".
  std::u32string bind_line(const std::string& text, const OrderView& view);

  std::vector<Finding> take_findings() { return std::move(findings_); }
  // Every order value placed in the document (for round-trip checks).
  const std::vector<std::string>& filled_values() const { return filled_; }

 private:
  Cell bind_cell(const CellSpec& spec, const OrderView& view);
  void bind_text(const std::string& text, const OrderView& view, std::vector<Piece>& out);
  std::u32string printable(std::string_view utf8, const std::string& field, const std::string& label);
  void add_finding(const char* code, const std::string& field, const std::string& label, const std::string& chars);

  const FontFace& font_;
  BindSettings settings_;
  std::string document_;
  std::vector<Finding> findings_;
  std::set<std::string> reported_;   // code + field
  std::vector<std::string> filled_;
};

}  // namespace beian::render
