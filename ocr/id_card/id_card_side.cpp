#include "ocr/id_card/id_card_side.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ocr/fields/field_image.h"
#include "ocr/id_card/id_card_locator.h"
#include "ocr/id_card/id_card_settings.h"
#include "ocr/quality/card_quality.h"
#include "pipeline/base/messages.h"

namespace beian::ocr {
namespace {

cv::Size view_size() {
  const cv::Size c = id_card_view_size();
  const double s = id_card_settings().view_scale;
  return {cvRound(c.width * s), cvRound(c.height * s)};
}

// Confidence from the template match and its lead over the other side/orientation.
double confidence(double match, double runner_up, const IdCardClassifierSettings& s) {
  const double m = std::clamp((match - s.match_floor) / std::max(1e-6, s.match_full - s.match_floor), 0.0, 1.0);
  const double margin = match - runner_up;
  const double g = std::clamp(margin / std::max(1e-6, s.margin_full), 0.0, 1.0);
  double c = m * (0.6 + 0.4 * g);
  if (margin < s.min_margin) c *= 0.5;
  return std::clamp(c, 0.0, 0.99);
}

}  // namespace

std::vector<Classification> classify_id_card_side(const PageAnalysis& page, DocumentType side,
                                                  std::optional<DocumentType> forced) {
  const auto& ranking = rank_id_card_hypotheses(page);
  const IdCardHypothesis* h = ranking.best(side);
  Classification c;
  c.type = side;
  if (h) {
    // The strongest rival: any other side or orientation of the same quad.
    double rival = -1.0;
    for (const auto& o : ranking.hypotheses)
      if (o.quad_index == h->quad_index && (o.side != h->side || o.quarter_turns != h->quarter_turns))
        rival = std::max(rival, o.match);
    c.confidence = confidence(h->match, rival, id_card_settings().classifier);
    c.quad_index = h->quad_index;
    c.quarter_turns = h->quarter_turns;
  } else if (forced) {
    c.quad_index = page.quads().size() - 1;  // the whole image
    c.quarter_turns = landscape_turn(page.quads().back());
    c.confidence = 0.0;
  } else {
    return {};
  }
  c.view = page.view(c.quad_index, view_size(), c.quarter_turns);
  return {c};
}

std::vector<Classification> classify_id_card_side_by_cue(const PageAnalysis& page, DocumentType side) {
  if (!id_card_fits_outline(page)) return {};
  return classify_id_card_side(page, side, std::nullopt);
}

cv::Rect IdCardSide::box(std::string_view field) const {
  const LayoutField* f = layout.field(field);
  return f ? layout.scale(f->box, view.size()) : cv::Rect();
}

std::string IdCardSide::label(std::string_view field) const { return layout.label_for(field); }

int IdCardSide::min_line_height(std::string_view field) const {
  const LayoutField* f = layout.field(field);
  const double sy = static_cast<double>(view.rows) / layout.canonical.height;
  return f ? static_cast<int>(f->font_px * sy / 3) : 4;
}

TextFieldRead IdCardSide::read(TesseractEngine& engine, std::string_view field) const {
  const auto& settings = id_card_settings().fields.at(std::string(field));
  return read_text_field(engine, ink, box(field), settings, min_line_height(field));
}

IdCardSide prepare_id_card_side(const PageAnalysis& page, const Classification& classification) {
  // A glare spot on a laminated card covers a few words; their pale strokes are restored.
  IdCardSide side{document_layout(classification.type), classification.view,
                  ink_image(classification.view, /*restore_glare=*/true), {}, classification.confidence};
  side.result.file = page.file();
  side.result.type = classification.type;
  const auto& quad = page.quad(classification.quad_index);
  CardQualityInput input{page, quad, side.view, side.layout};
  side.result.findings = card_quality_findings(input);
  // How the card lay in the photo (the reader turned it upright): the direction of the
  // upright card's top edge in the image, to the nearest quarter turn. (A quad refined by
  // template alignment already lists its corners upright, so the turn alone does not say.)
  const int k = ((classification.quarter_turns % 4) + 4) % 4;
  const cv::Point2f top = quad.corners[(k + 1) % 4] - quad.corners[k];
  const double angle = std::atan2(top.y, top.x) * 180.0 / CV_PI;  // clockwise, image y down
  const int degrees = ((static_cast<int>(std::lround(angle / 90.0)) % 4 + 4) % 4) * 90;
  if (degrees != 0)
    side.result.findings.push_back(make_finding("OCR_ROTATED", {{"degrees", std::to_string(degrees)}}, page.file()));
  return side;
}

void finish_id_card_side(IdCardSide& side, bool content_confirmed) {
  DocumentResult& r = side.result;
  if (!content_confirmed) {
    r.type_confidence = std::min(side.claimed_confidence, id_card_settings().unconfirmed_type_confidence);
    r.findings.push_back(
        make_finding("OCR_TYPE_UNCONFIRMED", {{"document", std::string(display_name_zh(r.type))}}, r.file));
    // What was read on a side not confirmed to be this side is no surer than the side itself
    // (seed 81: a front on checkered cloth, its number and birth date unread, gave the number's
    // digits as its address at 0.99).
    for (auto& field : r.fields)
      if (field.second.present()) field.second.confidence = std::min(field.second.confidence, r.type_confidence);
  }
  const auto& glare = id_card_settings().under_glare;
  for (const auto& finding : r.findings) {
    if (finding.code != "OCR_GLARE" || finding.field.empty()) continue;
    if (std::find(glare.fields.begin(), glare.fields.end(), finding.field) == glare.fields.end()) continue;
    if (const FieldValue* v = r.field(finding.field); v && v->present() && v->confidence > glare.max_confidence) {
      FieldValue capped = *v;
      capped.confidence = glare.max_confidence;
      r.set_field(finding.field, capped);
    }
  }
  for (const auto& [field_name, value] : r.fields)
    if (!value.present())
      r.findings.push_back(make_finding("OCR_FIELD_UNREADABLE", {{"reason", value.missing_reason}, {"label", side.label(field_name)}},
                                        r.file, field_name));
}

FieldValue field_value(const std::string& value, double confidence, const std::string& missing_reason,
                       double min_confidence) {
  FieldValue f;
  if (value.empty()) {
    f.missing_reason = missing_reason.empty() ? "not found" : missing_reason;
    return f;
  }
  if (confidence < min_confidence) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "unreadable: recognition confidence %.3f is below %.2f", confidence, min_confidence);
    f.missing_reason = buf;
    return f;
  }
  f.value = value;
  f.confidence = confidence;
  return f;
}

}  // namespace beian::ocr
