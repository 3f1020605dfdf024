// file_readable: the upload decodes into an image (value 1) or not (0; evidence says why).
#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_file_readable(const PhotoContext& ctx, const CheckSettings&) {
  Measurement m;
  m.value = ctx.original.empty() ? 0.0 : 1.0;
  m.evidence.emplace_back("reason", ctx.file.decode_problem);
  return m;
}

}  // namespace beian::photo
