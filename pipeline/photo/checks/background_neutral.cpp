// background_neutral: chroma sqrt(a*² + b*²) of the background's median colour. White is
// neutral (≤ ~5); a yellowish wall measures about 20, a light-blue one 12-18.
#include <cmath>

#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_background_neutral(const PhotoContext& ctx, const CheckSettings& s) {
  if (ctx.original.empty() || ctx.background_fraction < s.param("min_background")) return not_measured();
  Measurement m;
  m.value = std::hypot(ctx.background_lab[1], ctx.background_lab[2]);
  m.evidence.emplace_back("a", std::to_string(static_cast<int>(std::lround(ctx.background_lab[1]))));
  m.evidence.emplace_back("b", std::to_string(static_cast<int>(std::lround(ctx.background_lab[2]))));
  return m;
}

}  // namespace beian::photo
