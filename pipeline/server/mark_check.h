// Signatures and seals on a returned document. When a document is rendered, the areas where
// the applicant signs and stamps are located in the PDF itself (by their printed labels, as
// listed in templates/web/return_marks.json); when its scan comes back, the page is located
// from the QR code and each area is examined with classical image analysis: handwriting =
// dark strokes that are neither printed text nor ruled lines; a seal = red ink.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include "beian/finding.h"
#include "pipeline/server/qr_finder.h"

namespace beian::server {

struct RectMm {
  double x = 0, y = 0, w = 0, h = 0;  // millimetres from the page's top-left corner
};

struct MarkArea {
  std::string id;         // "owner_signature", "unit_seal", ...
  std::string kind;       // "signature" or "seal"
  std::string label_zh;   // the printed label that names the area (for messages)
  std::string label_en;
  int page = 0;           // 0-based
  RectMm area;            // where the mark must be
};

// What the scan analysis needs to know about one rendered document.
struct DocumentLayout {
  double page_width = 0, page_height = 0;   // mm
  int pages = 0;
  int qr_page = 0;                          // the page whose QR corners are below (the marks' page)
  std::array<cv::Point2f, 4> qr_corners{};  // mm: top-left, top-right, bottom-right, bottom-left
  std::vector<MarkArea> areas;
  std::vector<std::vector<RectMm>> printed;  // per page: every printed word's box (masked out)
};

nlohmann::json to_json(const DocumentLayout& l);
DocumentLayout layout_from_json(const nlohmann::json& j);

// Locates the QR code and the mark areas of a rendered PDF (kind as in render/documents.h).
// `unit_subject`: the order's subject is a unit (seal areas apply to units only). Returns
// nullopt with *why when the PDF cannot be analysed (poppler-utils missing, label not found).
std::optional<DocumentLayout> locate_marks(const std::filesystem::path& pdf, const std::string& kind, bool unit_subject,
                                           std::string* why);

// One area's measurement on a scan.
struct MarkMeasurement {
  MarkArea area;
  double value = 0;        // signature: handwriting pixels / area pixels; seal: red pixels / area pixels
  double threshold = 0;
  bool found = false;
  double confidence = 0;   // 0..1, how far the value lies from the threshold, reduced for photos
};

// Measures every area of `layout` on `image` (8-bit BGR), locating the page from `qr` (the
// document's code found in the image). Empty with *why when the page cannot be located.
std::vector<MarkMeasurement> measure_marks(const cv::Mat& image, const FoundQr& qr, const DocumentLayout& layout,
                                           std::string* why);

// The findings the measurements imply (SERVER_SIGNATURE_MISSING / _FOUND, SERVER_SEAL_MISSING /
// _FOUND), naming `file`.
std::vector<Finding> mark_findings(const std::vector<MarkMeasurement>& marks, const std::string& file);

}  // namespace beian::server
