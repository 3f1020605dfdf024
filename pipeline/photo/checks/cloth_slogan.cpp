// cloth_slogan (backdrop-cloth profiles): share of the profile's cloth_slogan characters read
// (in order, longest common subsequence) by Tesseract chi_sim in the band above the head —
// from the top of the photo down to the crown, or to min_band of the height when no face was
// found. Spaces and punctuation do not count.
#include <algorithm>
#include <memory>
#include <mutex>
#include <string>

#include <opencv2/imgproc.hpp>

#include "ocr/engine/engine_pool.h"
#include "pipeline/base/text.h"
#include "pipeline/photo/check.h"

namespace beian::photo {
namespace {

// The checker's own small pool: created on first use by a cloth profile (loading chi_sim costs
// ~0.3 s per engine), then reused by every thread.
ocr::OcrEnginePool& slogan_engines() {
  static ocr::OcrEnginePool pool("", 2);
  return pool;
}

std::u32string letters(std::string_view text) {
  std::u32string out;
  for (char32_t c : utf8_to_u32(normalize_for_compare(text)))
    if (c >= 0x4E00 && c <= 0x9FFF) out.push_back(c);   // CJK ideographs only
  return out;
}

size_t common_subsequence(const std::u32string& a, const std::u32string& b) {
  std::vector<size_t> prev(b.size() + 1, 0), cur(b.size() + 1, 0);
  for (char32_t ca : a) {
    for (size_t j = 1; j <= b.size(); ++j) cur[j] = ca == b[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], cur[j - 1]);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

Measurement measure_cloth_slogan(const PhotoContext& ctx, const CheckSettings& s) {
  if (ctx.original.empty()) return not_measured();
  const std::u32string expected = letters(ctx.profile->cloth_slogan);
  if (expected.empty()) return not_measured();
  int bottom = static_cast<int>(s.param("min_band") * ctx.grey.rows);
  if (ctx.face) bottom = std::max(bottom, static_cast<int>(ctx.face->crown_y));
  bottom = std::clamp(bottom, 1, ctx.grey.rows);
  cv::Mat band;
  cv::copyMakeBorder(ctx.grey(cv::Rect(0, 0, ctx.grey.cols, bottom)), band, 10, 10, 10, 10, cv::BORDER_REPLICATE);
  ocr::OcrRequest request;
  request.language = ocr::OcrLanguage::kChinese;
  request.layout = ocr::OcrLayout::kSingleBlock;
  auto lease = slogan_engines().acquire();
  const ocr::OcrText read = lease.engine().recognize(band, request);
  Measurement m;
  m.value = static_cast<double>(common_subsequence(expected, letters(read.text))) / expected.size();
  m.evidence.emplace_back("read", read.text);
  m.evidence.emplace_back("slogan", ctx.profile->cloth_slogan);
  m.regions.emplace_back(0, 0, ctx.grey.cols, bottom);
  m.confidence = 0.8;
  return m;
}

}  // namespace beian::photo
