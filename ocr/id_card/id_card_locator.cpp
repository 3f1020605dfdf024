#include "ocr/id_card/id_card_locator.h"

#include <algorithm>
#include <cmath>

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/layout/document_layout.h"

namespace beian::ocr {
namespace {

constexpr int kMatchScale = 4;           // templates are compared at 1/4 of the canonical size
constexpr double kCardAspect = 85.6 / 54.0;

// The fixed-text template of one side: expected darkness and the pixels that count (value
// boxes and picture areas vary from card to card and are left out).
struct SideTemplate {
  DocumentType side;
  cv::Mat expected;  // CV_32F, small size, blurred ink 0..1
  cv::Mat counted;   // CV_8U mask
};

cv::Mat blur_small(const cv::Mat& ink_canonical) {
  cv::Mat small;
  cv::resize(ink_canonical, small, cv::Size(ink_canonical.cols / kMatchScale, ink_canonical.rows / kMatchScale), 0, 0,
             cv::INTER_AREA);
  cv::GaussianBlur(small, small, {0, 0}, 1.5);
  return small;
}

SideTemplate render_template(DocumentType side) {
  const DocumentLayout& layout = document_layout(side);
  auto font = cv::freetype::createFreeType2();
  font->loadFontData("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0);
  cv::Mat ink(layout.canonical, CV_8UC3, cv::Scalar::all(0));  // freetype draws on 8UC3 only
  cv::Mat counted(layout.canonical, CV_8U, cv::Scalar(255));
  auto draw = [&](const std::string& text, const cv::Rect& box, double px, const std::string& align) {
    int baseline = 0;
    const cv::Size size = font->getTextSize(text, static_cast<int>(px), -1, &baseline);
    int x = box.x;
    if (align == "center") x = box.x + (box.width - size.width) / 2;
    if (align == "right") x = box.x + box.width - size.width;
    font->putText(ink, text, {x, box.y + (box.height + size.height) / 2}, static_cast<int>(px), cv::Scalar::all(255), -1,
                  cv::LINE_AA, true);
  };
  for (const auto& t : layout.texts) {
    // The SPECIMEN mark is red and not on real cards: leave its box out.
    if (layout.color(t.color) == layout.color("mark")) {
      counted(t.box & cv::Rect({}, layout.canonical)).setTo(0);
      continue;
    }
    draw(t.text, t.box, t.font_px, t.align);
  }
  for (const auto& f : layout.fields) {
    if (!f.label.empty()) draw(f.label, f.label_box, 0.8 * f.label_box.height, "left");
    cv::Rect value = f.box;
    value.x -= 6, value.y -= 6, value.width += 12, value.height += 12;
    counted(value & cv::Rect({}, layout.canonical)).setTo(0);
  }
  for (const auto& [name, area] : layout.areas) counted(area & cv::Rect({}, layout.canonical)).setTo(0);
  SideTemplate t{side, {}, {}};
  cv::Mat grey, f;
  cv::cvtColor(ink, grey, cv::COLOR_BGR2GRAY);
  grey.convertTo(f, CV_32F, 1.0 / 255);
  t.expected = blur_small(f);
  cv::resize(counted, t.counted, t.expected.size(), 0, 0, cv::INTER_NEAREST);
  return t;
}

const std::vector<SideTemplate>& templates() {
  static const std::vector<SideTemplate> all = {render_template(DocumentType::kIdFront),
                                                render_template(DocumentType::kIdBack)};
  return all;
}

// Darkness of a rectified view relative to its paper, blurred like the templates.
cv::Mat observed_ink(const cv::Mat& view) {
  cv::Mat gray, paper, f;
  cv::cvtColor(view, gray, cv::COLOR_BGR2GRAY);
  cv::morphologyEx(gray, paper, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {15, 15}));
  cv::GaussianBlur(paper, paper, {0, 0}, 6);
  gray.convertTo(f, CV_32F);
  cv::Mat p;
  paper.convertTo(p, CV_32F);
  cv::max(p, 1.0, p);
  cv::Mat darkness = 1.0 - f / p;
  cv::max(darkness, 0.0, darkness);
  return blur_small(darkness);
}

double masked_ncc(const cv::Mat& a, const cv::Mat& b, const cv::Mat& mask) {
  cv::Scalar ma, sa, mb, sb;
  cv::meanStdDev(a, ma, sa, mask);
  cv::meanStdDev(b, mb, sb, mask);
  if (sa[0] < 1e-6 || sb[0] < 1e-6) return 0.0;
  cv::Mat prod = (a - ma[0]).mul(b - mb[0]);
  const double n = cv::countNonZero(mask);
  return cv::mean(prod, mask)[0] * n / n / (sa[0] * sb[0]);
}

bool card_shaped(const DocumentQuad& q) {
  const double ratio = q.aspect / kCardAspect;
  if (ratio < 0.82 || ratio > 1.22) return false;
  return q.whole_image || q.edge_support >= 0.45;
}

IdCardRanking compute_ranking(const PageAnalysis& page) {
  IdCardRanking ranking;
  const cv::Size view_size = id_card_view_size();
  const cv::Size small(view_size.width / 2, view_size.height / 2);
  const auto& quads = page.quads();
  int considered = 0;
  for (size_t i = 0; i < quads.size(); ++i) {
    // The best few outlined quads, and always the whole image (a scan cropped to the card).
    if (!card_shaped(quads[i]) || (considered >= 3 && !quads[i].whole_image)) continue;
    ++considered;
    const int base = landscape_turn(quads[i]);
    for (int turn : {base, base + 2}) {
      const cv::Mat ink = observed_ink(page.view(i, small, turn));
      cv::Mat ink_full;
      cv::resize(ink, ink_full, templates()[0].expected.size(), 0, 0, cv::INTER_AREA);
      for (const auto& t : templates()) {
        IdCardHypothesis h;
        h.side = t.side;
        h.quad_index = i;
        h.quarter_turns = turn % 4;
        h.match = masked_ncc(ink_full, t.expected, t.counted);
        ranking.hypotheses.push_back(h);
      }
    }
  }
  std::sort(ranking.hypotheses.begin(), ranking.hypotheses.end(),
            [](const auto& a, const auto& b) { return a.match > b.match; });
  if (!ranking.hypotheses.empty()) {
    const auto& top = ranking.hypotheses.front();
    for (const auto& h : ranking.hypotheses)
      if (h.quad_index == top.quad_index && (h.side != top.side || h.quarter_turns != top.quarter_turns)) {
        ranking.runner_up = h.match;
        break;
      }
  }
  return ranking;
}

}  // namespace

const IdCardHypothesis* IdCardRanking::best(DocumentType side) const {
  for (const auto& h : hypotheses)
    if (h.side == side) return &h;
  return nullptr;
}

cv::Size id_card_view_size() { return document_layout(DocumentType::kIdFront).canonical; }

const IdCardRanking& rank_id_card_hypotheses(const PageAnalysis& page) {
  templates();  // render once, outside any page
  return page.shared<IdCardRanking>("id_card.ranking", [&] { return compute_ranking(page); });
}

}  // namespace beian::ocr
