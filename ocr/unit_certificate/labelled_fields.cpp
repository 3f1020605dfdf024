#include "ocr/unit_certificate/labelled_fields.h"

#include <algorithm>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/fields/field_image.h"
#include "ocr/fields/printed_dates.h"
#include "ocr/fields/small_marks.h"
#include "ocr/fields/text_clean.h"
#include "ocr/validators/address_prefix.h"
#include "pipeline/base/data_file.h"
#include "pipeline/base/text.h"

namespace beian::ocr {
namespace {

// Largest blank gap (× character height) inside a code, and inside a text value.
constexpr double kCodeGap = 0.7;
constexpr double kTextGap = 2.5;

std::string spaceless(const std::string& s) {
  std::string out;
  for (char32_t c : utf8_to_u32(s))
    if (c != ' ' && c != 0x3000) append_utf8(out, c);
  return out;
}

// Labels read at their layout boxes (moved by `offset`, the misalignment measured on labels
// already found), as symbols in view coordinates. `only`: the fields to read (empty = all).
std::vector<OcrSymbol> read_layout_labels(TesseractEngine& engine, const cv::Mat& ink, const DocumentLayout& layout,
                                          const TextFieldSettings& settings, cv::Point offset,
                                          const std::vector<std::string>& only) {
  std::vector<OcrSymbol> symbols;
  const double sy = static_cast<double>(ink.rows) / layout.canonical.height;
  for (const auto& f : layout.fields) {
    if (f.label.empty() || f.label_box.empty()) continue;
    if (!only.empty() && std::find(only.begin(), only.end(), f.name) == only.end()) continue;
    const cv::Rect box = layout.scale(f.label_box, ink.size()) + offset;
    const cv::Rect search(box.x - settings.margin_x, box.y - settings.margin_y, box.width + 2 * settings.margin_x,
                          box.height + 2 * settings.margin_y);
    // Two lines: the search may catch the edge of a neighbouring row first.
    for (const auto& line : find_text_lines(ink, search, std::max(4, static_cast<int>(f.font_px * sy / 2)), 0, 2)) {
      auto text = read_line(engine, ink, line, settings);
      for (auto& s : text.symbols) symbols.push_back(std::move(s));
    }
  }
  return symbols;
}

// The median displacement of found labels from their layout boxes.
cv::Point layout_offset(const DocumentLayout& layout, const std::vector<FoundLabel>& found, cv::Size size) {
  std::vector<int> dx, dy;
  for (const auto& l : found) {
    const LayoutField* f = layout.field(l.field);
    if (!f || f->label_box.empty()) continue;
    const cv::Rect expected = layout.scale(f->label_box, size);
    dx.push_back(l.box.x - expected.x);
    dy.push_back(l.box.y + l.box.height / 2 - (expected.y + expected.height / 2));
  }
  if (dx.empty()) return {};
  std::nth_element(dx.begin(), dx.begin() + dx.size() / 2, dx.end());
  std::nth_element(dy.begin(), dy.begin() + dy.size() / 2, dy.end());
  return {dx[dx.size() / 2], dy[dy.size() / 2]};
}

// The found labels that sit where the layout, moved by `offset`, puts them (within half a
// label height): labels read in a wrong place (one misread character matches elsewhere) do not.
std::vector<FoundLabel> labels_agreeing(const DocumentLayout& layout, const std::vector<FoundLabel>& found, cv::Size size,
                                        cv::Point offset) {
  std::vector<FoundLabel> out;
  for (const auto& l : found) {
    const LayoutField* f = layout.field(l.field);
    if (!f || f->label_box.empty()) continue;
    const cv::Rect expected = layout.scale(f->label_box, size) + offset;
    const double tolerance = 0.5 * expected.height;
    if (std::abs(l.box.x - expected.x) <= tolerance &&
        std::abs(l.box.y + l.box.height / 2 - (expected.y + expected.height / 2)) <= tolerance)
      out.push_back(l);
  }
  return out;
}

// The labels of `layout` not in `found`, placed where the layout (moved by `offset`) prints
// them, as tall as their glyphs.
std::vector<FoundLabel> layout_implied_labels(const DocumentLayout& layout, const std::vector<FoundLabel>& found,
                                              cv::Size size, cv::Point offset) {
  std::vector<FoundLabel> out;
  const double sy = static_cast<double>(size.height) / layout.canonical.height;
  for (const auto& f : layout.fields) {
    if (f.label_box.empty()) continue;
    if (std::any_of(found.begin(), found.end(), [&](const FoundLabel& l) { return l.field == f.name; })) continue;
    const cv::Rect box = layout.scale(f.label_box, size) + offset;
    const int h = std::max(4, static_cast<int>(f.font_px * sy));
    FoundLabel l;
    l.field = f.name;
    l.box = cv::Rect(box.x, box.y + (box.height - h) / 2, box.width, h) & cv::Rect(cv::Point(), size);
    if (!l.box.empty()) out.push_back(l);
  }
  return out;
}

// The whole page read sparsely at a reduced width, symbols mapped back to view coordinates.
std::vector<OcrSymbol> read_sparse_page(TesseractEngine& engine, const cv::Mat& ink, int width) {
  const double scale = std::min(1.0, static_cast<double>(width) / ink.cols);
  cv::Mat small;
  cv::resize(ink, small, cv::Size(), scale, scale, cv::INTER_AREA);
  OcrRequest request;
  request.language = OcrLanguage::kChinese;
  request.layout = OcrLayout::kSparse;
  auto text = engine.recognize(small, request);
  for (auto& s : text.symbols)
    s.box = cv::Rect(cvRound(s.box.x / scale), cvRound(s.box.y / scale), cvRound(s.box.width / scale),
                     cvRound(s.box.height / scale));
  return std::move(text.symbols);
}

// The region a value may occupy after (or under) its label: up to the next label on the
// label's row, down to the next label below in the same column.
cv::Rect value_region(const FoundLabel& label, const std::vector<FoundLabel>& labels, const cv::Size& page,
                      int max_lines, bool below) {
  const cv::Rect& l = label.box;
  const double h = l.height;
  int column_end = static_cast<int>(page.width * 0.97);
  for (const auto& o : labels) {
    const int overlap = std::min(o.box.br().y, l.br().y) - std::max(o.box.y, l.y);
    if (o.box.x > l.br().x && overlap > 0.3 * h) column_end = std::min(column_end, static_cast<int>(o.box.x - 0.5 * h));
  }
  const int top = below ? static_cast<int>(l.br().y + 0.1 * h) : static_cast<int>(l.y - 0.4 * h);
  int bottom = static_cast<int>(l.y + (max_lines * 1.6 + 0.4) * h) + (below ? static_cast<int>(1.2 * h) : 0);
  for (const auto& o : labels) {
    if (&o == &label || o.box.y <= l.br().y - 0.2 * h) continue;
    if (o.box.br().x < l.x - 2 * h || o.box.x >= column_end) continue;  // another column
    bottom = std::min(bottom, static_cast<int>(o.box.y - 0.25 * h));
  }
  const int left = below ? static_cast<int>(l.x - 1.0 * h) : static_cast<int>(l.br().x + 0.15 * h);
  const int right = below ? std::min(column_end, static_cast<int>(l.x + 1.7 * l.width + 2 * h)) : column_end;
  return cv::Rect(cv::Point(left, top), cv::Point(right, bottom)) & cv::Rect(0, 0, page.width, page.height);
}

// `line` cut at the first run of ink-free columns wider than `max_gap` (what follows is
// something else: the page title next to the credit code, a stamp), re-tightened vertically.
cv::Rect cut_at_gap(const cv::Mat& ink, const cv::Rect& line, double max_gap) {
  const cv::Mat mask = ink_mask(ink, line);
  cv::Mat columns;
  cv::reduce(mask, columns, 0, cv::REDUCE_MAX, CV_8U);
  int end = line.width, last_ink = -1, run = 0;
  for (int x = 0; x < columns.cols; ++x) {
    if (columns.at<uchar>(0, x)) {
      last_ink = x;
      run = 0;
    } else if (last_ink >= 0 && ++run > max_gap) {
      end = last_ink + 1;
      break;
    }
  }
  if (last_ink < 0) return line;
  cv::Mat rows;
  cv::reduce(mask(cv::Rect(0, 0, end, mask.rows)), rows, 1, cv::REDUCE_MAX, CV_8U);
  int top = 0, bottom = rows.rows - 1;
  while (top < bottom && !rows.at<uchar>(top, 0)) ++top;
  while (bottom > top && !rows.at<uchar>(bottom, 0)) --bottom;
  return cv::Rect(line.x, line.y + top, end, bottom - top + 1);
}

}  // namespace

LabelledReadSettings parse_labelled_read_settings(const nlohmann::json& j, const std::string& where) {
  for (const char* key :
       {"label_pass", "min_layout_labels", "min_agreeing_labels", "retry_text_heights", "sparse_width", "fields"})
    if (!j.contains(key)) throw std::runtime_error(where + ": missing key '" + key + "'");
  LabelledReadSettings s;
  s.label_pass = parse_text_field_settings(j.at("label_pass"), where + " label_pass");
  s.min_layout_labels = get_value<double>(j, "min_layout_labels", where);
  s.sparse_width = get_value<int>(j, "sparse_width", where);
  s.min_agreeing_labels = get_value<int>(j, "min_agreeing_labels", where);
  if (j.contains("min_labels_in_place")) s.min_labels_in_place = get_value<int>(j, "min_labels_in_place", where);
  s.retry_text_heights = get_value<std::vector<double>>(j, "retry_text_heights", where);
  for (const auto& [name, f] : j.at("fields").items()) {
    const std::string w = where + " fields." + name;
    check_keys(f, {"labels", "max_lines", "value_below", "ocr"}, {"labels", "ocr"}, w);
    LabelledField field;
    field.spec.field = name;
    field.spec.labels = get_value<std::vector<std::string>>(f, "labels", w);
    if (f.contains("max_lines")) field.spec.max_lines = get_value<int>(f, "max_lines", w);
    if (f.contains("value_below")) field.spec.value_below = get_value<bool>(f, "value_below", w);
    field.ocr = parse_text_field_settings(f.at("ocr"), w + ".ocr");
    s.fields.push_back(std::move(field));
  }
  return s;
}

FieldReading read_value_region(TesseractEngine& engine, const cv::Mat& ink, const cv::Rect& region, double h,
                               int max_lines, const TextFieldSettings& settings, double max_gap) {
  FieldReading out;
  out.region = region;
  if (region.width < h || region.height < 0.5 * h) {
    out.missing_reason = "no room for a value after its label";
    return out;
  }
  const auto lines = find_text_lines(ink, region, std::max(4, static_cast<int>(0.4 * h)), 1.45 * h, max_lines + 2);
  cv::Rect previous;
  for (const auto& found : lines) {
    cv::Rect line = cut_at_gap(ink, found, max_gap * h);
    // A closing full stop (。) is a thin ring that the line finder's speck filter drops, so
    // the line box ends at the last character before it and the crop cut the mark off:
    // leave room for one trailing punctuation mark (less than the gap that ends a value).
    if (max_gap > 1.0) line.width = std::min(line.width + static_cast<int>(0.6 * h), region.br().x - line.x);
    if (!previous.empty()) {
      // A wrapped line sits right under the previous one and starts where it started.
      if (line.y - previous.br().y > 1.0 * h || std::abs(line.x - out.lines.front().x) > 2.0 * h) break;
    }
    if (static_cast<int>(out.lines.size()) >= max_lines) break;
    for (auto& s : read_located_lines(engine, ink, {line}, settings)) {
      if (trim(s.text).empty()) continue;
      out.text += s.text;
      out.symbols.push_back(std::move(s));
    }
    out.lines.push_back(line);
    previous = line;
  }
  // Each line's glyphs were checked alone; numbers run on from one line to the next (18|层109室)
  // and so do words (商|务楼): both are checked once the value is read whole.
  if (out.lines.size() > 1) out.symbols = check_number_words(ink, out.lines, std::move(out.symbols), settings.glyph_check);
  out.symbols = check_words(ink, out.lines, std::move(out.symbols), settings.glyph_check, dictionary_of(engine));
  out.text.clear();
  for (const auto& s : out.symbols) out.text += s.text;
  out.text = spaceless(out.text);
  out.confidence = field_confidence(out.symbols, settings);
  if (out.text.empty()) out.missing_reason = lines.empty() ? "no printed value after its label" : "the value could not be recognised";
  return out;
}

const cv::Mat& GlareViews::mask() {
  if (!mask_) {
    mask_ = glare_mask(view_);
    found_ = !mask_->empty() && cv::countNonZero(*mask_) > 0;
  }
  return *mask_;
}

bool GlareViews::found() {
  mask();
  return found_;
}

const cv::Mat& GlareViews::restored() {
  if (restored_.empty()) restored_ = ink_image(view_, true);
  return restored_;
}

cv::Rect GlareViews::line_across(const FieldReading& field) {
  if (field.lines.size() != 1 || !found()) return {};
  const cv::Rect& line = field.lines.front();
  const cv::Rect across = line_across_glare(restored(), mask(), line, field.region, field.label_box.height);
  return across == line ? cv::Rect() : across;
}

std::optional<TermByShape> term_by_shape_on_page(const cv::Mat& ink, GlareViews& glare, const FieldReading& reading,
                                                 const DateShapeSettings& settings, const Date& earliest,
                                                 const Date& latest, const Date& expected_from) {
  if (reading.lines.size() != 1) return std::nullopt;
  const cv::Rect& line = reading.lines.front();
  const int h = reading.label_box.height;
  if (auto term = term_by_shape(ink, line, settings, earliest, latest, h, expected_from)) return term;
  if (!glare.found()) return std::nullopt;
  if (const cv::Rect across = glare.line_across(reading); !across.empty())
    if (auto term = term_by_shape(glare.restored(), across, settings, earliest, latest, h, expected_from, glare.mask()))
      return term;
  // The end under the spot, the start before it: the start alone, from the line's first cells
  // (a zero-padded date is about 7.4 em wide, its digits' ink about 0.75 em tall).
  constexpr int kDateWidthInLineHeights = 10;
  const cv::Rect start(line.x, line.y, std::min(line.width, kDateWidthInLineHeights * line.height), line.height);
  if (const auto from = date_by_shape(glare.restored(), start, settings, earliest, latest, h, expected_from, {reading.text},
                                      glare.mask()))
    return TermByShape{*from, std::nullopt, false};
  return std::nullopt;
}

AmountValue amount_on_page(const cv::Mat& ink, GlareViews& glare, const FieldReading& reading,
                           const CapitalGrammar& grammar) {
  AmountValue amount = amount_value(reading.symbols, reading.confidence, grammar, ink, reading.lines);
  if (!amount.text.empty() || reading.symbols.empty()) return amount;
  if (const cv::Rect across = glare.line_across(reading); !across.empty())
    if (std::string text = capital_by_printed_layout(glare.restored(), across, reading.symbols, grammar, glare.mask());
        !text.empty())
      amount = {std::move(text), grammar.shapes.layout.confidence, ""};
  return amount;
}

FieldReading reread_lines(TesseractEngine& engine, const cv::Mat& ink, const FieldReading& first,
                          const TextFieldSettings& settings) {
  FieldReading out = first;
  out.text.clear();
  out.symbols.clear();
  for (const auto& line : first.lines)
    for (const auto& s : read_line(engine, ink, line, settings).symbols) {
      if (trim(s.text).empty()) continue;
      out.text += s.text;
      out.symbols.push_back(s);
    }
  out.text = spaceless(out.text);
  out.confidence = field_confidence(out.symbols, settings);
  return out;
}

LabelledReading read_labelled_fields(TesseractEngine& engine, const cv::Mat& ink, const DocumentLayout* layout,
                                     const LabelledReadSettings& settings) {
  LabelledReading out;
  std::vector<LabelSpec> specs;
  for (const auto& f : settings.fields) specs.push_back(f.spec);
  auto merge = [&](std::vector<FoundLabel> more) {
    for (auto& l : more)
      if (std::none_of(out.labels.begin(), out.labels.end(), [&](const FoundLabel& o) { return o.field == l.field; }))
        out.labels.push_back(std::move(l));
  };
  if (layout) {
    auto symbols = read_layout_labels(engine, ink, *layout, settings.label_pass, {}, {});
    out.labels = LabelledPage(symbols).find_labels(specs);
    // Labels missed at their boxes: once more where the found ones say the layout really is.
    std::vector<std::string> missing;
    for (const auto& f : layout->fields)
      if (!f.label.empty() && std::none_of(out.labels.begin(), out.labels.end(), [&](const FoundLabel& l) { return l.field == f.name; }))
        missing.push_back(f.name);
    const cv::Point offset = layout_offset(*layout, out.labels, ink.size());
    if (!missing.empty() && !out.labels.empty() && (std::abs(offset.x) > 4 || std::abs(offset.y) > 4)) {
      // Read on their own: the first reading of a misplaced box (half a label, cut by the
      // box edge) would otherwise interleave with the second in one line.
      const LabelledPage again(read_layout_labels(engine, ink, *layout, settings.label_pass, offset, missing));
      merge(again.find_labels(specs));
    }
    out.used_layout = out.labels.size() >= settings.min_layout_labels * specs.size();
    // Labels too blurred or small to read (a distant photo) are where the layout puts them
    // once enough labels read at their places confirm the layout (and where it lies), or
    // enough sit exactly where it puts them (min_labels_in_place: the outline placed them).
    const cv::Point moved = layout_offset(*layout, out.labels, ink.size());
    std::optional<cv::Point> confirmed;
    const auto in_place = labels_agreeing(*layout, out.labels, ink.size(), {});
    if (static_cast<int>(labels_agreeing(*layout, out.labels, ink.size(), moved).size()) >= settings.min_agreeing_labels)
      confirmed = moved;
    else if (settings.min_labels_in_place > 0 && static_cast<int>(in_place.size()) >= settings.min_labels_in_place)
      confirmed = layout_offset(*layout, in_place, ink.size());
    if (confirmed) {
      out.used_layout = true;
      for (auto& l : layout_implied_labels(*layout, out.labels, ink.size(), *confirmed)) out.labels.push_back(std::move(l));
    }
  }
  if (!out.used_layout) merge(LabelledPage(read_sparse_page(engine, ink, settings.sparse_width)).find_labels(specs));
  // The labels of a page share one type size. A label box much taller than their median (a
  // layout-implied box, or one that took in a mark above or below) would set the value's
  // line height, pitch and region from the wrong size (seed 80: 经营范围 at 74 px among
  // 29-32 px labels lost the scope's first line): it is narrowed about its centre.
  std::vector<int> heights;
  for (const auto& l : out.labels) heights.push_back(l.box.height);
  std::sort(heights.begin(), heights.end());
  const int typical = heights.empty() ? 0 : heights[heights.size() / 2];
  for (auto& l : out.labels)
    if (typical > 0 && l.box.height > 1.5 * typical) {
      l.box.y += (l.box.height - typical) / 2;
      l.box.height = typical;
    }
  for (const auto& field : settings.fields) {
    const auto label = std::find_if(out.labels.begin(), out.labels.end(),
                                    [&](const FoundLabel& l) { return l.field == field.spec.field; });
    FieldReading reading;
    if (label == out.labels.end()) {
      reading.missing_reason = "its label was not found on the page";
    } else {
      const double h = label->box.height;
      const int lines = field.spec.max_lines;
      if (field.spec.value_below) {
        reading = read_value_region(engine, ink, value_region(*label, out.labels, ink.size(), 1, true), h, 1, field.ocr,
                                    kCodeGap);
        if (reading.text.empty())
          reading = read_value_region(engine, ink, value_region(*label, out.labels, ink.size(), 1, false), h, 1,
                                      field.ocr, kCodeGap);
      } else {
        reading = read_value_region(engine, ink, value_region(*label, out.labels, ink.size(), lines, false), h, lines,
                                    field.ocr, kTextGap);
      }
      reading.label_box = label->box;
    }
    out.fields[field.spec.field] = std::move(reading);
  }
  return out;
}

std::string clean_value_text(const std::string& text) {
  std::string t = trim(text);
  for (bool again = true; again;) {
    again = false;
    for (const char* junk : {"：", ":", "“", "”", "\"", "'", "|", "_"}) {
      const std::string j(junk);
      if (t.rfind(j, 0) == 0) t = t.substr(j.size()), again = true;
    }
  }
  // Chinese running text ends with 。, never with a comma: a final full stop read as "." or
  // as a comma (a small ring on a blurred photo) is the full stop.
  std::u32string u = utf8_to_u32(chinese_punctuation(t));
  const auto closing = [](char32_t c) { return c == U'.' || c == U'，' || c == U'、' || c == U'。'; };
  size_t marks = 0;
  while (marks < u.size() && closing(u[u.size() - 1 - marks])) ++marks;
  if (marks >= 1 && marks <= 2 && u.size() > marks && (is_cjk(u[u.size() - 1 - marks]) || u[u.size() - 1 - marks] == U'）')) {
    u.resize(u.size() - marks);
    u.push_back(U'。');
  }
  return u32_to_utf8(u);
}

std::string running_text_value(const cv::Mat& ink, const FieldReading& reading) {
  std::string symbols;
  for (const auto& s : reading.symbols) symbols += s.text;
  // The marks are settled on the symbols' boxes: only when the text is made of those symbols
  // (a reading whose text was assembled otherwise keeps its text).
  if (reading.lines.empty() || spaceless(symbols) != reading.text) return clean_value_text(reading.text);
  return clean_value_text(settle_small_marks(ink, reading.symbols, reading.lines));
}

double address_confidence(const std::string& text, double confidence, const LabelledReadSettings& settings) {
  if (!has_stray_marks(text)) return confidence;
  for (const auto& f : settings.fields)
    if (f.spec.field == "address" && f.ocr.weakest_cap > 0) return std::min(confidence, f.ocr.weakest_cap);
  return confidence;
}

AddressValue address_value(const FieldReading& reading, const LabelledReadSettings& settings) {
  const std::string text = validators::repair_address_prefix(clean_value_text(reading.text)).text;
  std::string kept;
  for (char32_t c : utf8_to_u32(text))
    if (c != U'？' && c != U'?') append_utf8(kept, c);
  return {kept, address_confidence(text, reading.confidence, settings)};
}

AddressValue address_region_by_shape(const cv::Mat& ink, const FieldReading& reading, AddressValue value,
                                     const std::string& region, const ShapeChoiceSettings& settings) {
  if (settings.fonts.empty() || reading.lines.empty() || region.empty() || value.text.rfind(region, 0) == 0) return value;
  // The characters the recogniser placed on the first line; the value may hold a few more or
  // fewer at its opening (address_value's prefix repair), where the region is.
  const cv::Rect& first = reading.lines.front();
  size_t on_first = 0, read = 0;
  for (const auto& symbol : reading.symbols) {
    const size_t n = utf8_to_u32(spaceless(symbol.text)).size();
    read += n;
    const int cy = symbol.box.y + symbol.box.height / 2;
    if (reading.lines.size() == 1 || (cy >= first.y && cy < first.br().y)) on_first += n;
  }
  const std::u32string text = utf8_to_u32(value.text), name = utf8_to_u32(region);
  const long shift = static_cast<long>(text.size()) - static_cast<long>(read);
  const long first_chars = static_cast<long>(on_first) + shift;
  if (on_first == 0 || first_chars <= static_cast<long>(name.size()) + 1 || first_chars > static_cast<long>(text.size()))
    return value;
  const size_t k = static_cast<size_t>(first_chars);
  std::vector<std::string> lines{u32_to_utf8(text.substr(0, k))};
  std::vector<size_t> replaced{0};
  for (size_t n = name.size() - 1; n <= name.size() + 1; ++n) {
    if (n >= k) break;
    lines.push_back(u32_to_utf8(name + text.substr(n, k - n)));
    replaced.push_back(n);
  }
  // The line found may start a character late, the first one faded (广 of 广东省 under a
  // glare's edge): the region without its first character, on the line as found.
  for (size_t n = name.size() - 2; name.size() > 2 && n <= name.size(); ++n) {
    if (n >= k) break;
    lines.push_back(u32_to_utf8(name.substr(1) + text.substr(n, k - n)));
    replaced.push_back(n);
  }
  const auto scores = shape_scores(ink, first, lines, settings.fonts);
  // The best opening with the region, weighed against the reading; a reading that opens with
  // no listed region as deep as the code's cannot be what is printed.
  size_t best = 0;
  for (size_t i = 1; i < scores.size(); ++i)
    if (best == 0 || scores[i] > scores[best]) best = i;
  const bool listed = utf8_to_u32(validators::repair_address_prefix(value.text).prefix).size() >= name.size();
  const double min_margin = listed ? settings.min_margin : settings.unlisted_min_margin.value_or(settings.min_margin);
  if (best == 0 || scores[best] < settings.min_match || (scores[best] - scores[0]) * static_cast<double>(k) < min_margin)
    return value;
  value.text = u32_to_utf8(name + text.substr(replaced[best]));
  value.confidence = std::min(value.confidence, settings.confidence);
  return value;
}

std::string person_name_text(const std::string& text) { return trim_name_marks(clean_value_text(text)); }

namespace {

// The lines under `anchor`'s value where an unlabelled date is printed.
std::vector<cv::Rect> lines_below(const cv::Mat& ink, const FieldReading& anchor) {
  cv::Rect region;
  double h = ink.rows * 0.03;
  if (!anchor.label_box.empty()) {
    const cv::Rect& l = anchor.label_box;
    h = l.height;
    const int top = anchor.lines.empty() ? l.br().y : anchor.lines.back().br().y;
    region = cv::Rect(cv::Point(static_cast<int>(l.x - 2 * h), static_cast<int>(top + 0.2 * h)),
                      cv::Point(static_cast<int>(ink.cols * 0.97), static_cast<int>(top + 4.5 * h)));
  } else {
    region = cv::Rect(ink.cols / 2, static_cast<int>(ink.rows * 0.7), ink.cols / 2 - ink.cols / 30, ink.rows / 5);
  }
  region &= cv::Rect(0, 0, ink.cols, ink.rows);
  return find_text_lines(ink, region, std::max(4, static_cast<int>(0.4 * h)), 1.5 * h, 3);
}

}  // namespace

FieldReading read_date_below(TesseractEngine& engine, const cv::Mat& ink, const FieldReading& anchor,
                             const TextFieldSettings& settings, const std::vector<double>& retry_text_heights,
                             const Date& earliest, const Date& latest, std::vector<std::string>* readings) {
  FieldReading out;
  const auto lines = lines_below(ink, anchor);
  std::vector<double> heights{settings.text_height};
  heights.insert(heights.end(), retry_text_heights.begin(), retry_text_heights.end());
  for (const double height : heights) {
    TextFieldSettings at = settings;
    at.text_height = height;
    for (const auto& line : lines) {
      const auto text = read_line(engine, ink, line, at);
      if (readings) readings->push_back(text.text);
      const auto d = parse_cn_date(text.text);
      // A date the licence cannot bear (2074 read for 2024 on a small photo) is no reading.
      if (d && (!earliest.valid() || *d >= earliest) && (!latest.valid() || *d <= latest)) {
        out.text = d->to_string();
        out.confidence = text.confidence;
        out.lines.push_back(line);
        return out;
      }
    }
  }
  out.missing_reason = "no date was found under the registration authority";
  return out;
}

FieldReading read_issue_date(TesseractEngine& engine, const std::vector<cv::Mat>& images, const FieldReading& anchor,
                             const TextFieldSettings& settings, const std::vector<double>& retry_text_heights,
                             const DateShapeSettings& shapes, const Date& earliest, const Date& latest,
                             const Date& expected) {
  FieldReading first;
  std::vector<std::string> readings;  // what the recogniser made of the lines: digits to agree with
  for (size_t i = 0; i < images.size(); ++i) {
    FieldReading date = read_date_below(engine, images[i], anchor, settings, retry_text_heights, earliest, latest, &readings);
    if (!date.text.empty()) {
      // Read under the seal, a date can be misread by a digit (2022-12-12 for the validity's
      // 2022-12-14): when it differs from the date expected, and its line's shapes show
      // the expected one, the two readings agree on that.
      if (expected.valid() && date.text != expected.to_string() && date.lines.size() == 1)
        if (const auto d = date_by_shape(images[i], date.lines.front(), shapes, earliest, latest, anchor.label_box.height,
                                         expected, readings);
            d && *d == expected) {
          date.text = d->to_string();
          date.confidence = shapes.confidence;
        }
      return date;
    }
    if (i == 0) first = std::move(date);
  }
  // No line reads as a date: the seal's ring through the digits. By the digits' shapes.
  for (const auto& image : images)
    for (const auto& line : lines_below(image, anchor))
      if (const auto d = date_by_shape(image, line, shapes, earliest, latest, anchor.label_box.height, expected, readings)) {
        FieldReading out;
        out.text = d->to_string();
        out.confidence = shapes.confidence;
        out.lines.push_back(line);
        return out;
      }
  return first;
}

cv::Rect line_on_label_row(const cv::Mat& ink, const cv::Rect& line, const cv::Rect& label) {
  const int h = label.height;
  if (h <= 0 || line.height <= 1.6 * h || line.y > label.y + h / 2) return line;
  const cv::Mat mask = ink_mask(ink, line);
  cv::Mat rows;
  cv::reduce(mask / 255, rows, 1, cv::REDUCE_SUM, CV_32S);
  int cut = -1;
  for (int y = std::max(1, label.br().y - h / 5 - line.y); y < line.height - h / 2; ++y)
    if (cut < 0 || rows.at<int>(y, 0) < rows.at<int>(cut, 0)) cut = y;
  if (cut < 0) return line;
  std::vector<cv::Point> points;
  cv::findNonZero(mask.rowRange(0, cut), points);
  if (points.empty()) return line;
  const cv::Rect box = cv::boundingRect(points);
  return cv::Rect(line.x, line.y + box.y, line.width, box.height);
}

RegistrationAuthority read_registration_authority(TesseractEngine& engine, const std::vector<cv::Mat>& images,
                                                  const LabelledReadSettings& settings, const FieldReading& found,
                                                  const std::string& credit_code, const AuthoritySettings& authority,
                                                  const std::string& address) {
  auto known = [&](const std::string& t) { return snap_authority(keep_cjk(t), credit_code, authority, address).has_value(); };
  RegistrationAuthority out;
  // The authority's line alone, when the date under it joined it.
  FieldReading first = found;
  if (first.lines.size() == 1 && !first.label_box.empty()) {
    const cv::Rect row = line_on_label_row(images.front(), first.lines.front(), first.label_box);
    if (row != first.lines.front()) {
      for (const auto& f : settings.fields)
        if (f.spec.field == "registration_authority") {
          first.lines = {row};
          first = reread_lines(engine, images.front(), first, f.ocr);
        }
    }
  }
  out.reading = validated_reading(engine, images.front(), settings, "registration_authority", first, known, true);
  out.name = authority_reading(clean_value_text(out.reading.text), out.reading.confidence, credit_code, authority, address);
  // Too garbled to snap by its characters (a small photo, the seal over it): by its shapes.
  if (!known(out.reading.text) && out.reading.lines.size() == 1)
    if (const auto by_shape = authority_by_shape(images, out.reading.lines.front(), credit_code, authority, address))
      out.name = {*by_shape, authority.shape.confidence};
  return out;
}

}  // namespace beian::ocr
