// background_white: median CIELAB lightness L* (0-100) of the background. A white wall under
// normal light measures about 90-98; a light-grey studio backdrop 78-86.
#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_background_white(const PhotoContext& ctx, const CheckSettings& s) {
  if (ctx.original.empty() || ctx.background_fraction < s.param("min_background")) return not_measured();
  Measurement m;
  m.value = ctx.background_lab[0];
  return m;
}

}  // namespace beian::photo
