#include "ocr/layout/document_layout.h"

#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "pipeline/base/data_dir.h"
#include "pipeline/base/data_file.h"

namespace beian::ocr {
namespace {

using nlohmann::json;

cv::Rect parse_rect(const json& j, const std::string& where) {
  if (!j.is_array() || j.size() != 4) throw std::runtime_error(where + ": expected [x, y, width, height]");
  for (const auto& v : j) {
    if (!v.is_number()) throw std::runtime_error(where + ": expected numbers");
  }
  return {j[0].get<int>(), j[1].get<int>(), j[2].get<int>(), j[3].get<int>()};
}

cv::Scalar parse_colour(const json& j, const std::string& where) {
  // "#RRGGBB"
  if (!j.is_string()) throw std::runtime_error(where + ": expected \"#RRGGBB\"");
  const std::string s = j.get<std::string>();
  if (s.size() != 7 || s[0] != '#') throw std::runtime_error(where + ": expected \"#RRGGBB\", got \"" + s + "\"");
  const unsigned long v = std::stoul(s.substr(1), nullptr, 16);
  return cv::Scalar(v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF);
}

void check_font(const std::string& font, const std::string& where) {
  if (font != "zh" && font != "ocrb") throw std::runtime_error(where + ": font must be \"zh\" or \"ocrb\"");
}

LayoutText parse_text(const json& j, const std::string& where) {
  check_keys(j, {"text", "box", "font", "font_px", "color", "bold", "align"}, {"text", "box", "font_px"}, where);
  LayoutText t;
  t.text = get_value<std::string>(j, "text", where);
  t.box = parse_rect(j.at("box"), where + ".box");
  if (j.contains("font")) t.font = get_value<std::string>(j, "font", where);
  check_font(t.font, where);
  t.font_px = get_value<double>(j, "font_px", where);
  if (j.contains("color")) t.color = get_value<std::string>(j, "color", where);
  if (j.contains("bold")) t.bold = get_value<bool>(j, "bold", where);
  if (j.contains("align")) t.align = get_value<std::string>(j, "align", where);
  if (t.align != "left" && t.align != "center" && t.align != "right") {
    throw std::runtime_error(where + ": align must be left, center or right");
  }
  return t;
}

LayoutField parse_field(const json& j, const std::string& where) {
  check_keys(j,
             {"name", "label", "label_box", "box", "font", "font_px", "lines", "line_px", "tracking_px", "color",
              "bold", "parts", "display_name"},
             {"name", "box", "font_px"}, where);
  LayoutField f;
  f.name = get_value<std::string>(j, "name", where);
  if (j.contains("label")) f.label = get_value<std::string>(j, "label", where);
  if (j.contains("label_box")) f.label_box = parse_rect(j.at("label_box"), where + ".label_box");
  if (j.contains("display_name")) f.display_name = get_value<std::string>(j, "display_name", where);
  if (!f.label.empty() && f.label_box.empty()) throw std::runtime_error(where + ": a label needs a label_box");
  f.box = parse_rect(j.at("box"), where + ".box");
  if (j.contains("font")) f.font = get_value<std::string>(j, "font", where);
  check_font(f.font, where);
  f.font_px = get_value<double>(j, "font_px", where);
  if (j.contains("lines")) f.lines = get_value<int>(j, "lines", where);
  f.line_px = j.contains("line_px") ? get_value<double>(j, "line_px", where) : f.font_px * 1.3;
  if (j.contains("tracking_px")) f.tracking_px = get_value<double>(j, "tracking_px", where);
  if (j.contains("color")) f.color = get_value<std::string>(j, "color", where);
  if (j.contains("bold")) f.bold = get_value<bool>(j, "bold", where);
  if (j.contains("parts")) {
    if (!j.at("parts").is_object()) throw std::runtime_error(where + ".parts: expected an object");
    for (const auto& [name, rect] : j.at("parts").items()) {
      f.parts.emplace_back(name, parse_rect(rect, where + ".parts." + name));
    }
  }
  if (f.lines < 1) throw std::runtime_error(where + ": lines must be >= 1");
  return f;
}

}  // namespace

std::optional<cv::Rect> LayoutField::part(std::string_view part_name) const {
  for (const auto& [n, r] : parts) {
    if (n == part_name) return r;
  }
  return std::nullopt;
}

const LayoutField* DocumentLayout::field(std::string_view name) const {
  for (const auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string DocumentLayout::label_for(std::string_view name) const {
  const LayoutField* f = field(name);
  for (size_t i = 0; !f && i < fields.size(); ++i)
    for (const auto& [part, box] : fields[i].parts)
      if (name == part || name == fields[i].name + "_" + part) f = &fields[i];
  if (!f) return std::string(name);
  std::string label;
  for (const char c : f->label)
    if (c != ' ') label += c;
  if (label.empty()) label = f->display_name;
  return label.empty() ? std::string(name) : label;
}

std::optional<cv::Rect> DocumentLayout::area(std::string_view name) const {
  for (const auto& [n, r] : areas) {
    if (n == name) return r;
  }
  return std::nullopt;
}

cv::Scalar DocumentLayout::color(std::string_view name) const {
  for (const auto& [n, c] : colors) {
    if (n == name) return c;
  }
  return cv::Scalar(0, 0, 0);
}

cv::Rect DocumentLayout::scale(const cv::Rect& r, cv::Size size) const {
  const double sx = static_cast<double>(size.width) / canonical.width;
  const double sy = static_cast<double>(size.height) / canonical.height;
  const int x0 = static_cast<int>(std::lround(r.x * sx)), y0 = static_cast<int>(std::lround(r.y * sy));
  const int x1 = static_cast<int>(std::lround((r.x + r.width) * sx));
  const int y1 = static_cast<int>(std::lround((r.y + r.height) * sy));
  return {x0, y0, x1 - x0, y1 - y0};
}

DocumentLayout load_document_layout_file(const std::string& path) {
  const json doc = load_data_file(path);
  const std::string where = path;
  check_keys(doc, {"document", "description", "size_mm", "canonical_px", "colors", "fields", "texts", "areas"},
             {"document", "size_mm", "canonical_px", "fields"}, where);
  DocumentLayout layout;
  const std::string id = get_value<std::string>(doc, "document", where);
  const auto type = parse_document_type(id);
  if (!type) throw std::runtime_error(where + ": unknown document \"" + id + "\"");
  layout.type = *type;
  const auto size = get_value<std::vector<double>>(doc, "size_mm", where);
  const auto px = get_value<std::vector<double>>(doc, "canonical_px", where);
  if (size.size() != 2 || px.size() != 2 || size[0] <= 0 || size[1] <= 0 || px[0] < 1 || px[1] < 1) {
    throw std::runtime_error(where + ": size_mm and canonical_px must be [width, height] > 0");
  }
  layout.width_mm = size[0];
  layout.height_mm = size[1];
  layout.canonical = cv::Size(static_cast<int>(px[0]), static_cast<int>(px[1]));
  if (doc.contains("colors")) {
    if (!doc.at("colors").is_object()) throw std::runtime_error(where + ": colors must be an object");
    for (const auto& [name, c] : doc.at("colors").items()) {
      layout.colors.emplace_back(name, parse_colour(c, where + ": colors." + name));
    }
  }
  const cv::Rect page(0, 0, layout.canonical.width, layout.canonical.height);
  auto inside = [&](const cv::Rect& r, const std::string& what) {
    if ((r & page) != r) throw std::runtime_error(where + ": " + what + " lies outside the canonical image");
  };
  int i = 0;
  for (const auto& f : doc.at("fields")) {
    const std::string w = where + ": fields[" + std::to_string(i++) + "]";
    LayoutField field = parse_field(f, w);
    if (layout.field(field.name)) throw std::runtime_error(w + ": field \"" + field.name + "\" defined twice");
    inside(field.box, field.name + ".box");
    layout.fields.push_back(std::move(field));
  }
  i = 0;
  if (doc.contains("texts")) {
    for (const auto& t : doc.at("texts")) {
      LayoutText text = parse_text(t, where + ": texts[" + std::to_string(i++) + "]");
      inside(text.box, "text \"" + text.text + "\"");
      layout.texts.push_back(std::move(text));
    }
  }
  if (doc.contains("areas")) {
    if (!doc.at("areas").is_object()) throw std::runtime_error(where + ": areas must be an object");
    for (const auto& [name, rect] : doc.at("areas").items()) {
      layout.areas.emplace_back(name, parse_rect(rect, where + ": areas." + name));
      inside(layout.areas.back().second, "area " + name);
    }
  }
  return layout;
}

bool has_document_layout(DocumentType type) {
  return std::filesystem::exists(data_path("layouts/" + std::string(to_string(type)) + ".json"));
}

const DocumentLayout& document_layout(DocumentType type) {
  static std::mutex mutex;
  static std::map<DocumentType, std::unique_ptr<DocumentLayout>> cache;
  std::lock_guard lock(mutex);
  auto& slot = cache[type];
  if (!slot) {
    slot = std::make_unique<DocumentLayout>(
        load_document_layout_file(data_path("layouts/" + std::string(to_string(type)) + ".json").string()));
  }
  return *slot;
}

}  // namespace beian::ocr
