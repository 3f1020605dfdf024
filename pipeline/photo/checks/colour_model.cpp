// colour_model: colour components stored in the file: 3 for an ordinary colour photo (RGB /
// YCbCr), 1 for greyscale, 4 for CMYK (a print file, whose colours browsers and reviewers'
// tools show wrongly). Not measured when the format does not say.
#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_colour_model(const PhotoContext& ctx, const CheckSettings&) {
  if (ctx.file.components == 0) return not_measured();
  Measurement m;
  m.value = ctx.file.components;
  m.evidence.emplace_back("model", ctx.file.components == 4   ? "CMYK"
                                   : ctx.file.components == 1 ? "greyscale"
                                                              : "RGB");
  return m;
}

}  // namespace beian::photo
