// file_format: the file's format (detected by content) is one the provider accepts
// (value 1) or not (0). Parameter "accepted": the format ids allowed.
#include <algorithm>

#include "pipeline/photo/check.h"

namespace beian::photo {

Measurement measure_file_format(const PhotoContext& ctx, const CheckSettings& s) {
  Measurement m;
  const auto accepted = s.param_strings("accepted");
  m.value = std::find(accepted.begin(), accepted.end(), ctx.file.format) != accepted.end() ? 1.0 : 0.0;
  m.evidence.emplace_back("format", ctx.file.format);
  std::string list;
  for (const auto& a : accepted) list += (list.empty() ? "" : ", ") + a;
  m.evidence.emplace_back("accepted", list);
  return m;
}

}  // namespace beian::photo
