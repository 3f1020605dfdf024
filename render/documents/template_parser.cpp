#include <algorithm>
#include <stdexcept>

#include "pipeline/base/data_file.h"
#include "render/documents/template_model.h"

namespace beian::render {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& where, const std::string& what) { throw std::runtime_error(where + ": " + what); }

std::string str(const json& j, const char* key, const std::string& where, std::string fallback = {}) {
  if (!j.contains(key)) return fallback;
  if (!j[key].is_string()) fail(where, std::string("'") + key + "' must be a string");
  return j[key].get<std::string>();
}

double num(const json& j, const char* key, const std::string& where, double fallback, double lo, double hi) {
  if (!j.contains(key)) return fallback;
  if (!j[key].is_number()) fail(where, std::string("'") + key + "' must be a number");
  const double v = j[key].get<double>();
  if (v < lo || v > hi) fail(where, std::string("'") + key + "' must be within " + std::to_string(lo) + " and " + std::to_string(hi));
  return v;
}

bool flag(const json& j, const char* key, const std::string& where, bool fallback) {
  if (!j.contains(key)) return fallback;
  if (!j[key].is_boolean()) fail(where, std::string("'") + key + "' must be true or false");
  return j[key].get<bool>();
}

std::vector<std::string> str_list(const json& j, const char* key, const std::string& where) {
  std::vector<std::string> out;
  if (!j.contains(key)) return out;
  const json& v = j[key];
  if (v.is_string()) return {v.get<std::string>()};
  if (!v.is_array()) fail(where, std::string("'") + key + "' must be a string or a list of strings");
  for (const auto& item : v) {
    if (!item.is_string()) fail(where, std::string("'") + key + "' must hold strings only");
    out.push_back(item.get<std::string>());
  }
  return out;
}

Align parse_align(const std::string& s, const std::string& where) {
  if (s.empty() || s == "left") return Align::kLeft;
  if (s == "center") return Align::kCenter;
  if (s == "right") return Align::kRight;
  fail(where, "'align' must be left, center or right, not '" + s + "'");
}

std::optional<Condition> optional_condition(const json& j, const char* key, const std::string& where) {
  if (!j.contains(key)) return std::nullopt;
  return parse_condition(j[key], where + "." + key);
}

CellSpec parse_cell(const json& j, const std::string& where) {
  CellSpec c;
  if (j.is_string() || j.is_array()) {  // shorthand: just the content
    c.content = parse_content(j, where);
    return c;
  }
  check_keys(j, {"content", "width", "align", "valign", "size", "indent", "bold"}, {"content"}, where);
  c.content = parse_content(j["content"], where + ".content");
  c.width = num(j, "width", where, 0.0, 0.0, 1000.0);
  c.align = parse_align(str(j, "align", where), where);
  const std::string valign = str(j, "valign", where, "middle");
  if (valign != "middle" && valign != "top") fail(where, "'valign' must be top or middle");
  c.valign = valign == "top" ? VAlign::kTop : VAlign::kMiddle;
  c.size = num(j, "size", where, 0.0, 0.0, 72.0);
  c.indent = static_cast<int>(num(j, "indent", where, 0, 0, 8));
  c.bold = flag(j, "bold", where, false);
  return c;
}

}  // namespace

Condition parse_condition(const json& j, const std::string& where) {
  check_keys(j, {"field", "fields", "equals", "in", "not_in", "subject_kind", "verified", "differs", "provinces"}, {},
             where);
  Condition c;
  c.fields = str_list(j, "fields", where);
  for (auto& f : str_list(j, "field", where)) c.fields.push_back(f);
  c.in = str_list(j, "in", where);
  for (auto& v : str_list(j, "equals", where)) c.in.push_back(v);
  c.not_in = str_list(j, "not_in", where);
  c.subject_kind = str(j, "subject_kind", where);
  if (!c.subject_kind.empty() && c.subject_kind != "unit" && c.subject_kind != "individual")
    fail(where, "'subject_kind' must be unit or individual");
  c.verified = str(j, "verified", where);
  c.differs = str_list(j, "differs", where);
  if (!c.differs.empty() && c.differs.size() != 2) fail(where, "'differs' must name exactly two fields");
  c.provinces = str_list(j, "provinces", where);
  if ((!c.in.empty() || !c.not_in.empty()) && c.fields.empty()) fail(where, "'equals'/'in'/'not_in' need 'field' or 'fields'");
  if (!c.fields.empty() && c.in.empty() && c.not_in.empty()) fail(where, "'field(s)' need 'equals', 'in' or 'not_in'");
  if (c.fields.empty() && c.subject_kind.empty() && c.verified.empty() && c.differs.empty() && c.provinces.empty())
    fail(where, "empty condition");
  return c;
}

std::vector<InlineSpec> parse_content(const json& j, const std::string& where) {
  std::vector<InlineSpec> items;
  if (j.is_string()) {
    items.push_back({InlineSpec::Kind::kText, j.get<std::string>(), std::nullopt, 0.0});
    return items;
  }
  if (!j.is_array()) fail(where, "content must be a string or a list");
  for (size_t i = 0; i < j.size(); ++i) {
    const json& item = j[i];
    const std::string at = where + "[" + std::to_string(i) + "]";
    if (item.is_string()) {
      items.push_back({InlineSpec::Kind::kText, item.get<std::string>(), std::nullopt, 0.0});
    } else if (item.is_object() && item.contains("checkbox")) {
      check_keys(item, {"checkbox", "checked_if"}, {}, at);
      InlineSpec s{InlineSpec::Kind::kCheckbox, str(item, "checkbox", at), optional_condition(item, "checked_if", at), 0.0};
      items.push_back(std::move(s));
    } else if (item.is_object() && item.contains("blank")) {
      check_keys(item, {"blank"}, {}, at);
      items.push_back({InlineSpec::Kind::kBlank, {}, std::nullopt, num(item, "blank", at, 0.0, 1.0, 300.0)});
    } else {
      fail(at, "an item is a string, {\"checkbox\": ...} or {\"blank\": mm}");
    }
  }
  return items;
}

RowSpec parse_row(const json& j, const std::string& where) {
  check_keys(j, {"id", "when", "for_each", "cells", "min_height", "fill", "border", "keep_with_next"}, {"cells"}, where);
  RowSpec r;
  r.id = str(j, "id", where);
  r.when = optional_condition(j, "when", where);
  r.for_each = str(j, "for_each", where);
  if (!r.for_each.empty() && r.for_each != "websites") fail(where, "'for_each' can only be \"websites\"");
  if (!j["cells"].is_array() || j["cells"].empty()) fail(where, "'cells' must be a non-empty list");
  for (size_t i = 0; i < j["cells"].size(); ++i)
    r.cells.push_back(parse_cell(j["cells"][i], where + ".cells[" + std::to_string(i) + "]"));
  r.min_height = num(j, "min_height", where, 0.0, 0.0, 280.0);
  r.fill = num(j, "fill", where, 1.0, 0.0, 1.0);
  r.border = flag(j, "border", where, true);
  r.keep_with_next = flag(j, "keep_with_next", where, false);
  return r;
}

BlockSpec parse_block(const json& j, const std::string& where) {
  BlockSpec b;
  if (!j.is_object()) fail(where, "a block must be an object");
  const std::string type = str(j, "type", where);
  if (type == "paragraph") {
    check_keys(j, {"id", "when", "type", "content", "align", "size", "indent", "bold", "space_before", "space_after"},
               {"content"}, where);
    b.kind = Block::Kind::kParagraph;
    json cell = j;
    for (const char* k : {"id", "when", "type", "space_before", "space_after"}) cell.erase(k);
    b.paragraph = parse_cell(cell, where);
  } else if (type == "table") {
    check_keys(j, {"id", "when", "type", "rows", "space_before", "space_after"}, {"rows"}, where);
    b.kind = Block::Kind::kTable;
    if (!j["rows"].is_array()) fail(where, "'rows' must be a list");
    for (size_t i = 0; i < j["rows"].size(); ++i)
      b.rows.push_back(parse_row(j["rows"][i], where + ".rows[" + std::to_string(i) + "]"));
  } else if (type == "spacer") {
    check_keys(j, {"id", "when", "type", "height"}, {"height"}, where);
    b.kind = Block::Kind::kSpacer;
    b.height = num(j, "height", where, 0.0, 0.0, 280.0);
  } else {
    fail(where, "'type' must be paragraph, table or spacer, not '" + type + "'");
  }
  b.id = str(j, "id", where);
  b.when = optional_condition(j, "when", where);
  b.space_before = num(j, "space_before", where, 0.0, 0.0, 100.0);
  b.space_after = num(j, "space_after", where, 0.0, 0.0, 100.0);
  return b;
}

DocumentTemplate parse_template(const json& j, const std::string& where) {
  check_keys(j, {"kind", "title", "subject", "page", "qr", "continued_title", "footer", "footer_size", "blocks"},
             {"kind", "title", "page", "blocks"}, where);
  DocumentTemplate t;
  t.kind = str(j, "kind", where);
  t.title = str(j, "title", where);
  t.subject = str(j, "subject", where);
  t.continued_title = str(j, "continued_title", where);
  t.footer = str(j, "footer", where);
  t.footer_size = num(j, "footer_size", where, 7.5, 4.0, 20.0);

  const json& p = j["page"];
  const std::string pw = where + ".page";
  check_keys(p, {"width", "height", "margins", "size", "line_spacing", "cell_padding", "rule_width", "continuation_top"},
             {}, pw);
  PageSetup& s = t.page;
  s.width = num(p, "width", pw, 210.0, 50.0, 1000.0);
  s.height = num(p, "height", pw, 297.0, 50.0, 1000.0);
  if (p.contains("margins")) {
    const json& m = p["margins"];
    if (!m.is_array() || m.size() != 4 || !std::all_of(m.begin(), m.end(), [](const json& v) { return v.is_number(); }))
      fail(pw, "'margins' must be [top, right, bottom, left] in mm");
    s.margin_top = m[0], s.margin_right = m[1], s.margin_bottom = m[2], s.margin_left = m[3];
  }
  s.size = num(p, "size", pw, 10.5, 4.0, 40.0);
  s.line_spacing = num(p, "line_spacing", pw, 1.45, 1.0, 3.0);
  if (p.contains("cell_padding")) {
    const json& c = p["cell_padding"];
    if (!c.is_array() || c.size() != 2 || !c[0].is_number() || !c[1].is_number())
      fail(pw, "'cell_padding' must be [horizontal, vertical] in mm");
    s.cell_padding_x = c[0], s.cell_padding_y = c[1];
  }
  s.rule_width = num(p, "rule_width", pw, 0.6, 0.1, 3.0);
  s.continuation_top = num(p, "continuation_top", pw, 0.0, 0.0, 100.0);

  if (j.contains("qr")) {
    const json& q = j["qr"];
    check_keys(q, {"side", "right", "top"}, {}, where + ".qr");
    t.qr.side = num(q, "side", where + ".qr", 20.0, 10.0, 100.0);
    t.qr.right = num(q, "right", where + ".qr", 10.0, 0.0, 500.0);
    t.qr.top = num(q, "top", where + ".qr", 8.0, 0.0, 500.0);
  }
  // Continuation pages start their content below the QR code and its quiet zone.
  if (s.margin_top + s.continuation_top < t.qr.top + t.qr.side + kQrQuietZoneMm)
    fail(where, "page.margins[0] + page.continuation_top must leave the QR code (qr.top + qr.side) and " +
                    std::to_string(kQrQuietZoneMm) + " mm of quiet zone free");
  if (!j["blocks"].is_array()) fail(where, "'blocks' must be a list");
  for (size_t i = 0; i < j["blocks"].size(); ++i)
    t.blocks.push_back(parse_block(j["blocks"][i], where + ".blocks[" + std::to_string(i) + "]"));
  return t;
}

}  // namespace beian::render
