#include "ocr/classify/non_document.h"

#include <algorithm>
#include <cstdio>

#include <opencv2/imgproc.hpp>

#include "pipeline/base/data_file.h"
#include "pipeline/base/messages.h"

namespace beian::ocr {
namespace {

std::string fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace

NonDocumentSettings load_non_document_settings() {
  const auto j = load_data_file("ocr/classifier.json");
  const std::string where = "templates/ocr/classifier.json";
  check_keys(j,
             {"accept_confidence", "portrait_min_face_fraction", "portrait_full_face_fraction",
              "document_edge_support", "document_min_area", "uncertain_claim", "decisive_confidence",
              "portrait_over_claim_below", "portrait_over_claim_sure"},
             {"accept_confidence", "uncertain_claim", "portrait_min_face_fraction", "portrait_full_face_fraction",
              "document_edge_support", "document_min_area"},
             where);
  NonDocumentSettings s;
  s.accept_confidence = get_value<double>(j, "accept_confidence", where);
  s.portrait_min_face_fraction = get_value<double>(j, "portrait_min_face_fraction", where);
  s.portrait_full_face_fraction = get_value<double>(j, "portrait_full_face_fraction", where);
  s.document_edge_support = get_value<double>(j, "document_edge_support", where);
  s.document_min_area = get_value<double>(j, "document_min_area", where);
  s.uncertain_claim = get_value<double>(j, "uncertain_claim", where);
  if (j.contains("decisive_confidence")) s.decisive_confidence = get_value<double>(j, "decisive_confidence", where);
  if (j.contains("portrait_over_claim_below"))
    s.portrait_over_claim_below = get_value<double>(j, "portrait_over_claim_below", where);
  if (j.contains("portrait_over_claim_sure")) s.portrait_over_claim_sure = get_value<double>(j, "portrait_over_claim_sure", where);
  return s;
}

NonDocumentVerdict classify_non_document(const PageAnalysis& page, const NonDocumentSettings& settings,
                                         const Classification* best_claim) {
  NonDocumentVerdict v;
  const auto& file = page.file();
  if (page.blank()) {
    v.type = DocumentType::kNotDocument;
    v.confidence = 0.95;
    v.findings.push_back(make_finding("OCR_IMAGE_BLANK", {}, file));
    return v;
  }
  const double image_area = static_cast<double>(page.bgr().cols) * page.bgr().rows;
  const auto& faces = page.faces();
  const double face_fraction = faces.empty() ? 0.0 : faces.front().area() / image_area;
  // A face printed on a card lies inside a clearly outlined document quad.
  bool inside_document = false;
  if (!faces.empty()) {
    const cv::Point2f centre(faces.front().x + faces.front().width / 2.f, faces.front().y + faces.front().height / 2.f);
    for (const auto& q : page.quads()) {
      if (q.whole_image || q.edge_support < settings.document_edge_support || q.area_fraction < settings.document_min_area)
        continue;
      std::vector<cv::Point2f> poly(q.corners.begin(), q.corners.end());
      if (cv::pointPolygonTest(poly, centre, false) > 0 && face_fraction < 0.25 * q.area_fraction) inside_document = true;
    }
  }
  if (face_fraction >= settings.portrait_min_face_fraction && !inside_document) {
    v.type = DocumentType::kPortrait;
    v.confidence = std::clamp(0.6 + 0.4 * (face_fraction - settings.portrait_min_face_fraction) /
                                        std::max(1e-6, settings.portrait_full_face_fraction - settings.portrait_min_face_fraction),
                              0.6, 0.98);
    v.findings.push_back(make_finding("OCR_PORTRAIT", {{"face_fraction", fixed(face_fraction, 3)}}, file));
    return v;
  }
  // A reader saw something like its document but not clearly enough: say so, do not guess.
  if (best_claim && best_claim->confidence >= settings.uncertain_claim) {
    v.type = DocumentType::kUnknown;
    v.confidence = 0.0;
    v.findings.push_back(make_finding("OCR_TYPE_UNCERTAIN",
                                      {{"closest_type", std::string(display_name_zh(best_claim->type))},
                                       {"closest_confidence", fixed(best_claim->confidence, 2)}},
                                      file));
    return v;
  }
  v.type = DocumentType::kNotDocument;
  v.confidence = best_claim ? std::clamp(1.0 - best_claim->confidence, 0.5, 0.9) : 0.9;
  v.findings.push_back(make_finding("OCR_NOT_DOCUMENT", {}, file));
  return v;
}

}  // namespace beian::ocr
