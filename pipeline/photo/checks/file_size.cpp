// file_size: the file's size in MB (1 MB = 1 048 576 bytes).
#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_file_size(const PhotoContext& ctx, const CheckSettings&) {
  Measurement m;
  m.value = static_cast<double>(ctx.file.bytes) / (1024.0 * 1024.0);
  return m;
}

}  // namespace beian::photo
