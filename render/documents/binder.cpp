#include "render/documents/binder.h"

#include <cstdio>

#include "pipeline/base/messages.h"
#include "pipeline/base/text.h"

namespace beian::render {
namespace {

std::string describe(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  std::string s;
  if (cp >= 0x20) append_utf8(s, cp);
  return s.empty() ? std::string(buf) : s + " (" + buf + ")";
}

}  // namespace

Binder::Binder(const FontFace& font, const BindSettings& settings, std::string document)
    : font_(font), settings_(settings), document_(std::move(document)) {}

void Binder::add_finding(const char* code, const std::string& field, const std::string& label, const std::string& chars) {
  if (!reported_.insert(std::string(code) + "|" + field).second) return;
  Evidence e{{"document", document_}, {"label", label}};
  if (!chars.empty()) e.emplace_back("characters", chars);
  findings_.push_back(make_finding(code, std::move(e), {}, field));
}

std::u32string Binder::printable(std::string_view utf8, const std::string& field, const std::string& label) {
  std::u32string out;
  std::string outside_bmp, not_in_font;
  for (char32_t cp : utf8_to_u32(utf8)) {
    if (cp == U'\n' || cp == U'\r' || cp == U'\t') cp = U' ';
    if (cp > 0xFFFF) {
      outside_bmp += (outside_bmp.empty() ? "" : ", ") + describe(cp);
      out += settings_.replacement;
    } else if (cp != U' ' && !font_.covers(cp)) {
      not_in_font += (not_in_font.empty() ? "" : ", ") + describe(cp);
      out += settings_.replacement;
    } else {
      out += cp;
    }
  }
  if (!outside_bmp.empty()) add_finding("RENDER_CHAR_OUTSIDE_BMP", field, label, outside_bmp);
  if (!not_in_font.empty()) add_finding("RENDER_CHAR_NOT_IN_FONT", field, label, not_in_font);
  return out;
}

void Binder::bind_text(const std::string& text, const OrderView& view, std::vector<Piece>& out) {
  size_t pos = 0;
  std::string literal;
  const auto flush_literal = [&] {
    if (literal.empty()) return;
    // Template text keeps its line breaks.
    std::u32string t;
    const auto lines = split(literal, '\n');
    for (size_t k = 0; k < lines.size(); ++k) {
      if (k) t += U'\n';
      t += printable(lines[k], "", "模板文字");
    }
    out.push_back({Piece::Kind::kText, t, false, 0.0, false});
    literal.clear();
  };
  while (pos < text.size()) {
    const size_t open = text.find('{', pos);
    const size_t close = open == std::string::npos ? std::string::npos : text.find('}', open);
    if (close == std::string::npos) {
      literal += text.substr(pos);
      break;
    }
    const std::string name = text.substr(open + 1, close - open - 1);
    literal += text.substr(pos, open - pos);
    pos = close + 1;
    if (!is_binding_name(name)) {
      literal += "{" + name + "}";
      continue;
    }
    flush_literal();
    const FieldInfo info = view.catalog().info(name);
    const std::string value = view.text(name);
    if (value.empty()) {
      out.push_back({Piece::Kind::kBlank, {}, false, settings_.missing_blank_width, true});
      if (!info.optional) add_finding("RENDER_FIELD_MISSING", view.concrete(name), info.label, "");
      continue;
    }
    for (const auto& v : view.values(name)) filled_.push_back(v);
    out.push_back({Piece::Kind::kText, printable(value, view.concrete(name), info.label), false, 0.0, false});
  }
  flush_literal();
}

Cell Binder::bind_cell(const CellSpec& spec, const OrderView& view) {
  Cell c;
  c.width = spec.width;
  c.align = spec.align;
  c.valign = spec.valign;
  c.size = spec.size;
  c.indent = spec.indent;
  c.bold = spec.bold;
  for (const auto& item : spec.content) {
    switch (item.kind) {
      case InlineSpec::Kind::kText:
        bind_text(item.text, view, c.pieces);
        break;
      case InlineSpec::Kind::kCheckbox: {
        const bool ticked = item.checked_if && view.holds(*item.checked_if);
        c.pieces.push_back({Piece::Kind::kBox, {}, ticked, 0.0, false});
        bind_text(item.text + " ", view, c.pieces);
        break;
      }
      case InlineSpec::Kind::kBlank:
        c.pieces.push_back({Piece::Kind::kBlank, {}, false, item.width, false});
        break;
    }
  }
  return c;
}

std::vector<Block> Binder::bind(const std::vector<BlockSpec>& specs, const OrderView& view) {
  std::vector<Block> blocks;
  for (const auto& spec : specs) {
    if (spec.when && !view.holds(*spec.when)) continue;
    Block b;
    b.kind = spec.kind;
    b.space_before = spec.space_before;
    b.space_after = spec.space_after;
    b.height = spec.height;
    if (spec.kind == Block::Kind::kParagraph) b.paragraph = bind_cell(spec.paragraph, view);
    for (const auto& row_spec : spec.rows) {
      const int repeats = row_spec.for_each.empty() ? 1 : view.website_count();
      for (int w = 1; w <= repeats; ++w) {
        const OrderView row_view = row_spec.for_each.empty() ? view : view.with_website(w);
        if (row_spec.when && !row_view.holds(*row_spec.when)) continue;
        Row row;
        row.min_height = row_spec.min_height;
        row.fill = row_spec.fill;
        row.border = row_spec.border;
        row.keep_with_next = row_spec.keep_with_next;
        for (const auto& cell : row_spec.cells) row.cells.push_back(bind_cell(cell, row_view));
        b.rows.push_back(std::move(row));
      }
    }
    blocks.push_back(std::move(b));
  }
  return blocks;
}

std::u32string Binder::bind_line(const std::string& text, const OrderView& view) {
  std::vector<Piece> pieces;
  bind_text(text, view, pieces);
  std::u32string out;
  for (const auto& p : pieces) out += p.kind == Piece::Kind::kText ? p.text : U"＿＿";
  return out;
}

}  // namespace beian::render
