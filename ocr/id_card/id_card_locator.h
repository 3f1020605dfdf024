// Finding a resident ID card, either side, upright, in a page: every card-shaped quad is
// rectified in its two landscape orientations and compared with the printed fixed text of
// both layouts (labels, titles: where ink must and must not be), rendered once from
// templates/layouts/id_front.json and id_back.json. The ranking is shared by the front and
// back readers through PageAnalysis::shared.
#pragma once

#include <vector>

#include <opencv2/core.hpp>

#include "beian/ocr/document.h"
#include "ocr/page_analysis.h"

namespace beian::ocr {

// One way of seeing an ID card in the page.
struct IdCardHypothesis {
  DocumentType side = DocumentType::kIdFront;  // kIdFront or kIdBack
  size_t quad_index = 0;                       // PageAnalysis::quad() index (refined quads are added)
  int quarter_turns = 0;                       // rectification turn that makes it upright
  double match = 0.0;                          // template correlation, -1..1
};

struct IdCardRanking {
  // Best first; at most a few quads × 2 orientations × 2 sides.
  std::vector<IdCardHypothesis> hypotheses;
  // Best hypothesis of the given side, or nullptr.
  const IdCardHypothesis* best(DocumentType side) const;
};

// Whether an outline of `page` fits a side's printed text as it is, before any alignment:
// the cheap first step of the ranking (~25 ms on a 2000×1500 photo), computed once per page.
bool id_card_fits_outline(const PageAnalysis& page);

// The ranking for `page`, computed once per page (thread-safe across pages).
const IdCardRanking& rank_id_card_hypotheses(const PageAnalysis& page);

// The canonical view size of the ID card layouts (856×540).
cv::Size id_card_view_size();

}  // namespace beian::ocr
