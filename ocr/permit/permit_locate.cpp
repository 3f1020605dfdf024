#include "ocr/permit/permit_locate.h"

#include <algorithm>
#include <map>
#include <tuple>

#include <opencv2/imgproc.hpp>

#include "ocr/fields/field_image.h"
#include "ocr/fields/text_clean.h"
#include "ocr/fields/text_field.h"
#include "ocr/layout/document_layout.h"
#include "ocr/locate/document_quad.h"
#include "ocr/locate/layout_template.h"
#include "ocr/mrz/mrz_lines.h"
#include "ocr/permit/permit_settings.h"
#include "ocr/unit_certificate/certificate_title.h"
#include "pipeline/base/text.h"

namespace beian::ocr {
namespace {

// The best reading of `reading` under one of `format`'s patterns of its length.
std::pair<std::string, double> decode_number(const MrzLineReading& reading, const PermitNumberFormat& format) {
  std::pair<std::string, double> best{"", -1.0};
  for (const auto& pattern : format.patterns) {
    if (pattern.size() != reading.cells.size()) continue;
    std::string text;
    double sum = 0;
    for (size_t i = 0; i < pattern.size(); ++i) {
      char chosen = '?';
      float score = -2.f;
      for (char c : format.classes.at(pattern[i])) {
        const auto pos = kMrzAlphabet.find(c);
        if (pos != std::string_view::npos && reading.cells[i][pos] > score) score = reading.cells[i][pos], chosen = c;
      }
      text += chosen;
      sum += score;
    }
    const double mean = sum / pattern.size();
    if (mean > best.second) best = {text, mean};
  }
  return best;
}

// The number's search box of `type` in a view of `size`.
cv::Rect number_box(DocumentType type, cv::Size size) {
  const auto& s = permit_settings();
  const DocumentLayout& layout = document_layout(type);
  const LayoutField* f = layout.field("document_number");
  if (!f) return {};
  cv::Rect box = layout.scale(f->box, size);
  return cv::Rect(box.x - s.number_margin_x, box.y - s.number_margin_y, box.width + 2 * s.number_margin_x,
                  box.height + 2 * s.number_margin_y);
}

std::optional<MrzLineReading> number_reading(const cv::Mat& grey, const cv::Rect& box) {
  if (box.empty()) return std::nullopt;
  const auto row = find_ocrb_row(grey, box, 6);
  if (!row) return std::nullopt;
  return read_mrz_line(grey, *row, OcrbMatcher::get());
}

std::optional<PermitHypothesis> search(const PageAnalysis& page, TesseractEngine& engine) {
  const auto& s = permit_settings();
  const auto& quads = page.quads();
  const cv::Size size = permit_view_size();
  std::optional<PermitHypothesis> best;
  // Each type's best number reading on the outline and turn finally chosen, for the title to
  // decide between (the permits share a layout; one's number box can catch most of another's
  // number: a 港澳居民来往内地通行证's M82600512 read as a Taiwan permit's 8 digits).
  std::map<DocumentType, std::pair<std::string, double>> numbers;
  std::map<std::tuple<size_t, int, DocumentType>, std::pair<std::string, double>> readings;
  size_t tried = 0;
  for (size_t i = 0; i < quads.size() && tried < s.max_quads; ++i) {
    const auto& q = quads[i];
    if (!q.whole_image && (q.aspect < s.min_card_aspect || q.aspect > s.max_card_aspect)) continue;
    ++tried;
    for (int turn : {landscape_turn(q), landscape_turn(q) + 2}) {
      cv::Mat grey;
      cv::cvtColor(page.view(i, size, turn), grey, cv::COLOR_BGR2GRAY);
      // The permits print their numbers in the same place: read each distinct box once.
      std::vector<std::pair<cv::Rect, std::optional<MrzLineReading>>> read_boxes;
      for (auto type : permit_types()) {
        const cv::Rect box = number_box(type, size);
        auto it = std::find_if(read_boxes.begin(), read_boxes.end(), [&](const auto& r) { return r.first == box; });
        if (it == read_boxes.end()) it = read_boxes.insert(read_boxes.end(), {box, number_reading(grey, box)});
        if (!it->second) continue;
        const auto [number, score] = decode_number(*it->second, s.number_formats.at(type));
        if (number.empty() || score < s.min_number_score) continue;
        readings[{i, turn, type}] = {number, score};
        if (!best || score > best->number_score) {
          best = PermitHypothesis{type, i, turn, number, score, 0, 0};
        }
      }
    }
  }
  if (!best) return best;
  for (const auto& [key, reading] : readings)
    if (std::get<0>(key) == best->quad_index && std::get<1>(key) == best->quarter_turns) numbers[std::get<2>(key)] = reading;
  // A flat scan gives the whole image, a faint edge an imprecise outline; either puts the
  // values off their layout boxes (a name half outside its box was not found at all). The
  // outline is aligned with the printed labels when it does not already fit them.
  const AlignmentTemplate& labels = layout_template(best->type);
  const double match = template_match(page, best->quad_index, best->quarter_turns, labels);
  if (match < s.align_below) {
    const Alignment a = align_to_template(page, best->quad_index, best->quarter_turns, labels);
    if (a.match > match) {
      DocumentQuad refined = quad_from_corners(a.corners, page.bgr().size());
      refined.edge_support = page.quad(best->quad_index).edge_support;
      const size_t index = page.add_quad(refined);
      if (template_match(page, index, 0, labels) > match) {
        best->quad_index = index;
        best->quarter_turns = 0;
        best->aligned = true;
      }
    }
  }
  // The title, read once, confirms (or contradicts) the type the number suggested.
  const DocumentLayout& layout = document_layout(best->type);
  const cv::Mat ink = ink_image(page.view(best->quad_index, size, best->quarter_turns));
  cv::Rect title_box;
  for (const auto& t : layout.texts)
    if (t.text == s.titles.at(best->type)) title_box = layout.scale(t.box, size);
  if (!title_box.empty()) {
    const auto read = read_text_field(engine, ink, title_box, s.title_ocr, title_box.height / 3);
    const std::string text = keep_cjk(read.text);
    double best_similarity = -1;
    DocumentType titled = best->type;
    for (auto type : permit_types()) {
      const double sim = title_similarity(text, s.titles.at(type));
      if (sim > best_similarity) best_similarity = sim, titled = type;
    }
    best->title_similarity = title_similarity(text, s.titles.at(best->type));
    // Another permit's title fits better: when that permit's own number was read there too,
    // it is that permit; else the number alone cannot be trusted.
    if (best->title_similarity + 1e-9 < best_similarity) {
      auto other = numbers.find(titled);
      if (other == numbers.end()) {
        // Not read before the outline was aligned: its box, on the aligned view.
        cv::Mat grey;
        cv::cvtColor(page.view(best->quad_index, size, best->quarter_turns), grey, cv::COLOR_BGR2GRAY);
        if (const auto reading = number_reading(grey, number_box(titled, size))) {
          const auto decoded = decode_number(*reading, s.number_formats.at(titled));
          if (!decoded.first.empty() && decoded.second >= s.min_number_score) other = numbers.emplace(titled, decoded).first;
        }
      }
      if (other != numbers.end()) {
        best->type = titled;
        best->number = other->second.first;
        best->number_score = other->second.second;
        best->title_similarity = best_similarity;
      } else if (s.title_overrules > 0 && best_similarity >= s.title_overrules) {
        // A title read this well names the permit; its number, unreadable in that permit's
        // format, is the reader's to withhold, not a reason to take another permit's.
        best->type = titled;
        best->number.clear();
        best->number_score = 0;
        best->title_similarity = best_similarity;
      } else {
        best->title_similarity *= 0.5;
      }
    }
  }
  const double number = std::clamp((best->number_score - 0.5) / 0.35, 0.0, 1.0);
  best->confidence = std::clamp(0.3 + 0.3 * number + 0.38 * best->title_similarity, 0.0, 0.97);
  return best;
}

}  // namespace

cv::Size permit_view_size() { return document_layout(DocumentType::kMainlandTravelPermit).canonical; }

std::pair<std::string, double> read_permit_number(const cv::Mat& grey, DocumentType type) {
  const auto reading = number_reading(grey, number_box(type, grey.size()));
  if (!reading) return {"", -1.0};
  return decode_number(*reading, permit_settings().number_formats.at(type));
}

const std::optional<PermitHypothesis>& locate_permit(const PageAnalysis& page, TesseractEngine& engine) {
  return page.shared<std::optional<PermitHypothesis>>("permit_hypothesis", [&] { return search(page, engine); });
}

}  // namespace beian::ocr
