#include "ocr/id_card/id_card_locator.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "ocr/layout/document_layout.h"
#include "ocr/locate/layout_template.h"

namespace beian::ocr {
namespace {

constexpr double kCardAspect = 85.6 / 54.0;
constexpr size_t kAligned = 3;  // hypotheses refined by template alignment
// Below this unaligned match no outline shows a card clearly: the whole image is searched
// too (a flat scan where the card's pale edge on the white bed was not found, and where an
// outline found inside the card - its portrait - misleads the ranking).
constexpr double kClearOutline = 0.45;
// At or above this unaligned match the outline already fits the printed text: only the
// leader is aligned (for a precise reading); aligning its rivals too would not change the
// decision and cost most of the ranking's time.
constexpr double kAlignedAlready = 0.6;

constexpr DocumentType kSides[] = {DocumentType::kIdFront, DocumentType::kIdBack};

// Quads searched whole by template alignment when no outline shows a card clearly.
bool always_aligned(const DocumentQuad& q) { return q.whole_image || q.enclosure >= QuadFinderOptions{}.min_enclosure; }

// An outline of card proportions with the card's edge along most of it, or with the
// document inside all its sides (a card on a checked cloth, whose light squares meet the
// card's edge with little contrast: edge support 0.24 on seed 89).
bool card_shaped(const DocumentQuad& q) {
  const double ratio = q.aspect / kCardAspect;
  if (ratio < 0.8 || ratio > 1.25) return false;
  return always_aligned(q) || q.edge_support >= 0.3;
}

bool by_match(const IdCardHypothesis& a, const IdCardHypothesis& b) { return a.match > b.match; }

// Every card-shaped outline's hypotheses scored as outlined, best first (no alignment).
IdCardRanking unaligned_ranking(const PageAnalysis& page) {
  IdCardRanking ranking;
  const auto& quads = page.quads();
  int considered = 0;
  for (size_t i = 0; i < quads.size(); ++i) {
    // The best few outlined quads, and always the whole image (a scan cropped to the card,
    // or a flat scan on a page where alignment finds the card) and a quad with the document
    // inside all its sides (the card on a patterned cloth, behind quads of the pattern).
    if (!card_shaped(quads[i]) || (considered >= 4 && !always_aligned(quads[i]))) continue;
    ++considered;
    const int base = landscape_turn(quads[i]);
    for (int turn : {base, base + 2})
      for (DocumentType side : kSides)
        ranking.hypotheses.push_back({side, i, turn % 4, template_match(page, i, turn, layout_template(side))});
  }
  std::sort(ranking.hypotheses.begin(), ranking.hypotheses.end(), by_match);
  return ranking;
}

const IdCardRanking& shared_unaligned_ranking(const PageAnalysis& page) {
  return page.shared<IdCardRanking>("id_card.unaligned_ranking", [&] { return unaligned_ranking(page); });
}

IdCardRanking compute_ranking(const PageAnalysis& page) {
  IdCardRanking ranking = shared_unaligned_ranking(page);
  const auto& quads = page.quads();
  // Refine the leading hypotheses' outlines by aligning them with their template: a faint or
  // partly hidden card edge gives an imprecise quad, a flat scan gives only the whole image.
  std::vector<size_t> to_align;
  const bool fits = !ranking.hypotheses.empty() && ranking.hypotheses.front().match >= kAlignedAlready;
  for (size_t k = 0; k < std::min(fits ? size_t{1} : kAligned, ranking.hypotheses.size()); ++k) to_align.push_back(k);
  // When no outline shows a card clearly, the whole image is searched (kClearOutline), and
  // so is every quad with the document inside all its sides: its outline is the document's,
  // if imprecise (a card's edge against a patterned cloth is only partly a strong edge).
  if (ranking.hypotheses.empty() || ranking.hypotheses.front().match < kClearOutline)
    for (size_t k = 0; k < ranking.hypotheses.size(); ++k)
      if (always_aligned(quads[ranking.hypotheses[k].quad_index]) &&
          std::find(to_align.begin(), to_align.end(), k) == to_align.end())
        to_align.push_back(k);
  std::vector<IdCardHypothesis> added;
  for (size_t k : to_align) {
    IdCardHypothesis& h = ranking.hypotheses[k];
    const Alignment a = align_to_template(page, h.quad_index, h.quarter_turns, layout_template(h.side));
    if (a.match <= h.match + 0.02) continue;
    DocumentQuad refined = quad_from_corners(a.corners, page.bgr().size());
    refined.edge_support = page.quad(h.quad_index).edge_support;
    const size_t index = page.add_quad(refined);
    const double match = template_match(page, index, 0, layout_template(h.side));
    if (match <= h.match) continue;
    // The other side/orientation of the refined outline, so rivals stay comparable.
    for (DocumentType side : kSides)
      for (int turn : {0, 2})
        if (side != h.side || turn != 0)
          added.push_back({side, index, turn, template_match(page, index, turn, layout_template(side))});
    h = {h.side, index, 0, match};
    // Aligned, it fits its printed text, and its rivals on the refined outline are scored:
    // the hypotheses ranked below it are not aligned too (each alignment costs ~100 ms).
    if (match >= kAlignedAlready) break;
  }
  ranking.hypotheses.insert(ranking.hypotheses.end(), added.begin(), added.end());
  std::sort(ranking.hypotheses.begin(), ranking.hypotheses.end(), by_match);
  return ranking;
}

}  // namespace

const IdCardHypothesis* IdCardRanking::best(DocumentType side) const {
  for (const auto& h : hypotheses)
    if (h.side == side) return &h;
  return nullptr;
}

cv::Size id_card_view_size() { return document_layout(DocumentType::kIdFront).canonical; }

bool id_card_fits_outline(const PageAnalysis& page) {
  const auto& ranking = shared_unaligned_ranking(page);
  return !ranking.hypotheses.empty() && ranking.hypotheses.front().match >= kAlignedAlready;
}

const IdCardRanking& rank_id_card_hypotheses(const PageAnalysis& page) {
  return page.shared<IdCardRanking>("id_card.ranking", [&] { return compute_ranking(page); });
}

}  // namespace beian::ocr
