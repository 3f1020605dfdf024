// Finding and reading the machine-readable zone of a page: each document-shaped quad is
// rectified in its landscape orientations (all four for the whole image), MRZ lines are
// searched in the lower half, and the lines that match a format of templates/ocr/mrz.json
// (TD3: two lines of 44; the permit line: one of 30) are decoded with check-digit repair.
// The result is computed once per page and shared by the passport and permit readers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "ocr/mrz/mrz_decode.h"
#include "ocr/page_analysis.h"

namespace beian::ocr {

struct MrzZone {
  size_t quad_index = 0;          // into PageAnalysis::quads()
  int quarter_turns = 0;          // rectification turn that makes the document upright
  cv::Size view_size;             // size of the rectified view the zone was read in
  const MrzFormat* format = nullptr;
  std::vector<MrzLineGeometry> lines;  // the format's lines, top to bottom, view coordinates
  MrzDecoding decoding;
  double mean_score = 0;          // mean glyph score of the chosen characters

  // How sure the zone is what it claims to be (0..1): 0.99 when three or more check digits
  // hold as read (none repaired), else from the glyph scores and the share of checks holding.
  double confidence() const;
};

// The best zone of `page`, or nullopt when no MRZ of a known format is visible.
// Never throws for image content.
const std::optional<MrzZone>& find_mrz_zone(const PageAnalysis& page);

// The zone in the best-ranked outline of a passport page's shape (narrower than an ID card:
// templates/ocr/mrz.json cue_max_aspect), else in the whole image as it stands (upright
// only): the cheap first look of a passport classification. nullopt when neither shows a
// zone. Shares its work with find_mrz_zone(), which returns this zone when it is clear and
// verified.
const std::optional<MrzZone>& find_mrz_zone_in_best_outline(const PageAnalysis& page);

}  // namespace beian::ocr
