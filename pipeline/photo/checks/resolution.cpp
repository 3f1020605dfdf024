// resolution: the shorter side of the image in pixels.
#include <algorithm>

#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_resolution(const PhotoContext& ctx, const CheckSettings&) {
  if (ctx.original.empty()) return not_measured();
  Measurement m;
  m.value = std::min(ctx.original.cols, ctx.original.rows);
  m.evidence.emplace_back("width", std::to_string(ctx.original.cols));
  m.evidence.emplace_back("height", std::to_string(ctx.original.rows));
  return m;
}

}  // namespace beian::photo
