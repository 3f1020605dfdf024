// What the licence/passport suites share: a specimen painted as the generator paints it (so a
// test can damage the paper before the photo is taken) and photographed at a level.
#pragma once

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "ocr/layout/document_layout.h"
#include "samples/document_painter.h"
#include "samples/photograph.h"
#include "samples/specimen_documents.h"

namespace beian::test {

struct Shot {
  nlohmann::json truth;  // canonical field → value
  cv::Mat image;         // the upload, decoded from its JPEG
};

// The document of `s` as printed (paper, before any photo), at the generator's scale.
inline cv::Mat paint_specimen(const samples::Specimen& s, samples::Random& rng) {
  static samples::TextPainter painter;
  const auto& layout = ocr::document_layout(s.content.type);
  return samples::paint_document(layout, s.content, layout.width_mm < 150 ? 2.0 : 1.0, painter, rng);
}

// `doc` (a painting of `s`, possibly altered) photographed at `level`.
inline Shot photograph_painted(const samples::Specimen& s, const cv::Mat& doc, samples::Level level, samples::Random& rng) {
  const auto& layout = ocr::document_layout(s.content.type);
  const samples::Shot shot = samples::photograph(doc, layout.width_mm, layout.width_mm < 100, level, rng);
  return {s.fields, cv::imdecode(samples::encode_jpeg(shot), cv::IMREAD_COLOR)};
}

// Paints `s` as the generator does and photographs it at `level`.
inline Shot photograph_specimen(const samples::Specimen& s, samples::Level level, samples::Random& rng) {
  const cv::Mat doc = paint_specimen(s, rng);
  return photograph_painted(s, doc, level, rng);
}

}  // namespace beian::test
