// The annotated image a reviewer looks at: the background mask tinted, the face box and eyes,
// and what each failed check points at (lines, regions), labelled with the check id.
#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "beian/photo.h"
#include "pipeline/photo/check.h"

namespace beian::photo {

struct CheckMarks {
  const PhotoCheck* check;        // the outcome (passed or not)
  const Measurement* measurement; // its lines and regions
};

// Draws on a copy of the analysis image. `marks` in report order.
cv::Mat annotate(const PhotoContext& ctx, const PhotoResult& result, const std::vector<CheckMarks>& marks);

}  // namespace beian::photo
