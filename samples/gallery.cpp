#include "samples/gallery.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/layout/document_layout.h"
#include "pipeline/base/atomic_file.h"
#include "samples/photograph.h"
#include "samples/portrait_specimen.h"
#include "samples/specimen_documents.h"

namespace beian::samples {
namespace {

// Shrinks and reduces to 32 levels per channel: noisy photographs then compress to a few
// tens of kilobytes as PNG.
std::string small_png(const cv::Mat& image, int max_side) {
  cv::Mat out;
  const double f = std::min(1.0, static_cast<double>(max_side) / std::max(image.cols, image.rows));
  cv::resize(image, out, cv::Size(), f, f, cv::INTER_AREA);
  out &= cv::Scalar(0xF8, 0xF8, 0xF8);
  std::vector<unsigned char> bytes;
  cv::imencode(".png", out, bytes, {cv::IMWRITE_PNG_COMPRESSION, 9});
  return std::string(bytes.begin(), bytes.end());
}

Specimen specimen_of(DocumentType type, IdentityFactory& ids) {
  const Person p = ids.person();
  switch (type) {
    case DocumentType::kIdFront: return id_front_specimen(p, cv::Mat());
    case DocumentType::kIdBack: return id_back_specimen(p);
    case DocumentType::kBusinessLicence:
    case DocumentType::kPublicInstitution:
    case DocumentType::kSocialOrganisation: return unit_certificate_specimen(ids.unit(type, p.name));
    case DocumentType::kPassport: return passport_specimen(p, ids.travel_document(p, type), cv::Mat());
    default: return permit_specimen(p, ids.travel_document(p, type), cv::Mat());
  }
}

}  // namespace

std::vector<std::filesystem::path> write_gallery(const std::filesystem::path& dir, uint64_t seed, int max_side) {
  static const DocumentType kTypes[] = {
      DocumentType::kIdFront,          DocumentType::kIdBack,
      DocumentType::kBusinessLicence,  DocumentType::kPublicInstitution,
      DocumentType::kSocialOrganisation, DocumentType::kPassport,
      DocumentType::kMainlandTravelPermit, DocumentType::kHkMacauHomeReturnPermit,
      DocumentType::kTaiwanCompatriotPermit};
  std::vector<std::filesystem::path> written;
  Random rng(seed);
  IdentityFactory ids(rng, Date{2026, 11, 22});
  TextPainter painter;
  for (DocumentType type : kTypes) {
    Specimen s = specimen_of(type, ids);
    const auto& layout = ocr::document_layout(type);
    const bool card = layout.width_mm < 100;
    if (card && type != DocumentType::kIdBack) s.content.pictures.emplace_back("portrait", card_portrait());
    const cv::Mat doc = paint_document(layout, s.content, card ? 2.0 : 1.0, painter, rng);
    for (Level level : all_levels()) {
      const Shot shot = photograph(doc, layout.width_mm, card, level, rng);
      const cv::Mat decoded = cv::imdecode(encode_jpeg(shot), cv::IMREAD_COLOR);  // show the JPEG artefacts too
      const auto file = dir / (std::string(to_string(type)) + "_" + std::string(to_string(level)) + ".png");
      write_file_atomic(file, small_png(decoded, max_side));
      written.push_back(file);
    }
  }
  for (PortraitDefect d : {PortraitDefect::kNone, PortraitDefect::kDoorGap, PortraitDefect::kClutter}) {
    const auto file = dir / ("portrait_" + std::string(to_string(d)) + ".png");
    write_file_atomic(file, small_png(make_portrait_specimen(d, seed), max_side * 3 / 4));
    written.push_back(file);
  }
  return written;
}

}  // namespace beian::samples
