#include "pipeline/server/mark_check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <mutex>

#include <opencv2/calib3d.hpp>
#include <opencv2/imgproc.hpp>

#include "pipeline/base/data_file.h"
#include "pipeline/base/messages.h"
#include "pipeline/server/poppler_tools.h"

namespace beian::server {
namespace {

constexpr const char* kDataFile = "web/return_marks.json";
constexpr int kReferenceDpi = 100;       // for finding the QR code on the rendered page
constexpr double kPxPerMm = 6.0;         // resolution at which areas are examined
constexpr double kPrintedMarginMm = 0.8; // printed words are masked with this margin

struct AreaRule {
  std::string id, kind, label, label_en;
  double dx = 0, dy = 0, w = 0, h = 0;
  bool unit_only = false;
};

struct MarkRules {
  double signature_ink = 0;
  double seal_red = 0;
  std::map<std::string, std::vector<AreaRule>> documents;
};

const MarkRules& rules() {
  static const MarkRules r = [] {
    const nlohmann::json j = load_data_file(kDataFile);
    const std::string file = kDataFile;
    check_keys(j, {"_comment", "thresholds", "documents"}, {"thresholds", "documents"}, file);
    MarkRules out;
    check_keys(j["thresholds"], {"signature_ink", "seal_red"}, {"signature_ink", "seal_red"}, file + ": thresholds");
    out.signature_ink = get_value<double>(j["thresholds"], "signature_ink", file);
    out.seal_red = get_value<double>(j["thresholds"], "seal_red", file);
    for (const auto& [kind, list] : j["documents"].items()) {
      for (size_t i = 0; i < list.size(); ++i) {
        const std::string where = file + ": documents/" + kind + "/" + std::to_string(i);
        const auto& a = list[i];
        check_keys(a, {"id", "kind", "label", "label_en", "dx", "dy", "w", "h", "unit_only"},
                   {"id", "kind", "label", "label_en", "dx", "dy", "w", "h"}, where);
        AreaRule rule{get_value<std::string>(a, "id", where), get_value<std::string>(a, "kind", where),
                      get_value<std::string>(a, "label", where), get_value<std::string>(a, "label_en", where),
                      get_value<double>(a, "dx", where), get_value<double>(a, "dy", where), get_value<double>(a, "w", where),
                      get_value<double>(a, "h", where), a.value("unit_only", false)};
        if (rule.kind != "signature" && rule.kind != "seal") throw std::runtime_error(where + ": kind must be signature or seal");
        if (rule.w <= 0 || rule.h <= 0) throw std::runtime_error(where + ": w and h must be positive");
        out.documents[kind].push_back(std::move(rule));
      }
    }
    return out;
  }();
  return r;
}

nlohmann::json rect_json(const RectMm& r) { return {r.x, r.y, r.w, r.h}; }
RectMm rect_from(const nlohmann::json& j) { return {j.at(0).get<double>(), j.at(1).get<double>(), j.at(2).get<double>(), j.at(3).get<double>()}; }

// The label's box: a word containing it, or two adjacent words on one line that together do
// (pdftotext splits words at spaces, which Chinese labels rarely contain).
std::optional<RectMm> find_label(const PdfPageWords& page, const std::string& label) {
  for (size_t i = 0; i < page.words.size(); ++i) {
    const auto& w = page.words[i];
    if (w.text.find(label) != std::string::npos) return RectMm{w.x_min, w.y_min, w.x_max - w.x_min, w.y_max - w.y_min};
    if (i + 1 < page.words.size()) {
      const auto& n = page.words[i + 1];
      if (std::abs(n.y_min - w.y_min) < 1.0 && (w.text + n.text).find(label) != std::string::npos)
        return RectMm{w.x_min, w.y_min, n.x_max - w.x_min, std::max(w.y_max, n.y_max) - w.y_min};
    }
  }
  return std::nullopt;
}

// An affine map from page millimetres to image pixels, from the QR code's four corners.
// A similarity (rotation, uniform scale, shift) is fitted: a 20 mm code is too small to
// estimate perspective reliably across a whole page.
std::optional<cv::Mat> page_to_image(const DocumentLayout& layout, const FoundQr& qr, std::string* why) {
  std::vector<cv::Point2f> page(layout.qr_corners.begin(), layout.qr_corners.end());
  std::vector<cv::Point2f> image(qr.corners.begin(), qr.corners.end());
  cv::Mat a = cv::estimateAffinePartial2D(page, image);
  if (a.empty()) {
    *why = "the QR code's position gives no page geometry";
    return std::nullopt;
  }
  const double side_mm = cv::norm(page[1] - page[0]);
  double worst = 0;
  for (size_t i = 0; i < 4; ++i) {
    const cv::Point2f p = page[i];
    const cv::Point2d mapped(a.at<double>(0, 0) * p.x + a.at<double>(0, 1) * p.y + a.at<double>(0, 2),
                             a.at<double>(1, 0) * p.x + a.at<double>(1, 1) * p.y + a.at<double>(1, 2));
    worst = std::max(worst, cv::norm(mapped - cv::Point2d(image[i])));
  }
  const double scale = std::hypot(a.at<double>(0, 0), a.at<double>(1, 0));  // px per mm
  // Corners more than a tenth of the code's side off: the photo is too oblique to trust.
  if (worst > 0.1 * side_mm * scale) {
    *why = "the page is photographed at too steep an angle";
    return std::nullopt;
  }
  if (scale * 25.4 < 60) {
    *why = "the scan's resolution is too low (" + std::to_string(static_cast<int>(scale * 25.4)) + " dpi)";
    return std::nullopt;
  }
  return a;
}

// The area, cut out of the image upright at kPxPerMm.
cv::Mat cut_area(const cv::Mat& image, const cv::Mat& page_to_px, const RectMm& r) {
  // crop (u, v) → page (r.x + u / s, r.y + v / s) → image.
  cv::Mat m = (cv::Mat_<double>(3, 3) << 1.0 / kPxPerMm, 0, r.x, 0, 1.0 / kPxPerMm, r.y, 0, 0, 1);
  cv::Mat a3 = cv::Mat::eye(3, 3, CV_64F);
  page_to_px.copyTo(a3(cv::Rect(0, 0, 3, 2)));
  const cv::Mat full = a3 * m;
  cv::Mat out;
  cv::warpAffine(image, out, full(cv::Rect(0, 0, 3, 2)), cv::Size(static_cast<int>(r.w * kPxPerMm), static_cast<int>(r.h * kPxPerMm)),
                 cv::INTER_AREA | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT, cv::Scalar(255, 255, 255));
  return out;
}

// Red ink (seals): hue near 0/180, clearly saturated, not black.
cv::Mat red_mask(const cv::Mat& bgr) {
  cv::Mat hsv, low, high;
  cv::cvtColor(bgr, hsv, cv::COLOR_BGR2HSV);
  cv::inRange(hsv, cv::Scalar(0, 70, 60), cv::Scalar(12, 255, 255), low);
  cv::inRange(hsv, cv::Scalar(165, 70, 60), cv::Scalar(180, 255, 255), high);
  return low | high;
}

// Handwriting in an area: dark pixels (against the local paper brightness, so shading in a
// photo does not count), minus printed words, minus ruled lines, minus red seal ink.
double handwriting_share(const cv::Mat& bgr, const std::vector<RectMm>& printed, const RectMm& area) {
  cv::Mat grey, background, norm;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  cv::morphologyEx(grey, background, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(15, 15)));
  grey.convertTo(grey, CV_32F);
  background.convertTo(background, CV_32F);
  norm = grey / cv::max(background, 1.0f);
  cv::Mat ink = norm < 0.6f;
  ink.convertTo(ink, CV_8U, 255);
  // Ruled lines and the blanks of the date line: long thin horizontal or vertical runs.
  const int run = static_cast<int>(6 * kPxPerMm);
  cv::Mat horizontal, vertical;
  cv::morphologyEx(ink, horizontal, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(run, 1)));
  cv::morphologyEx(ink, vertical, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, run)));
  ink.setTo(0, horizontal | vertical);
  ink.setTo(0, red_mask(bgr));
  for (const auto& p : printed) {
    const cv::Rect r(static_cast<int>((p.x - area.x - kPrintedMarginMm) * kPxPerMm),
                     static_cast<int>((p.y - area.y - kPrintedMarginMm) * kPxPerMm),
                     static_cast<int>((p.w + 2 * kPrintedMarginMm) * kPxPerMm),
                     static_cast<int>((p.h + 2 * kPrintedMarginMm) * kPxPerMm));
    const cv::Rect clipped = r & cv::Rect(0, 0, ink.cols, ink.rows);
    if (clipped.area() > 0) ink(clipped).setTo(0);
  }
  // Specks (scanner dust, JPEG noise) are not handwriting: drop components under ~0.5 mm².
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8);
  const int min_area = static_cast<int>(0.5 * kPxPerMm * kPxPerMm);
  double kept = 0;
  for (int i = 1; i < n; ++i)
    if (stats.at<int>(i, cv::CC_STAT_AREA) >= min_area) kept += stats.at<int>(i, cv::CC_STAT_AREA);
  return kept / std::max(1, ink.rows * ink.cols);
}

// 0 at the threshold, 1 at four times (or a quarter of) it.
double confidence_of(double value, double threshold) {
  if (threshold <= 0) return 0;
  const double ratio = std::max(value, threshold / 100) / threshold;
  return std::min(1.0, std::abs(std::log(ratio)) / std::log(4.0));
}

std::string two_decimals(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

nlohmann::json to_json(const DocumentLayout& l) {
  nlohmann::json areas = nlohmann::json::array();
  for (const auto& a : l.areas)
    areas.push_back({{"id", a.id}, {"kind", a.kind}, {"label_zh", a.label_zh}, {"label_en", a.label_en}, {"page", a.page},
                     {"rect", rect_json(a.area)}});
  nlohmann::json printed = nlohmann::json::array();
  for (const auto& page : l.printed) {
    nlohmann::json p = nlohmann::json::array();
    for (const auto& r : page) p.push_back(rect_json(r));
    printed.push_back(std::move(p));
  }
  nlohmann::json qr = nlohmann::json::array();
  for (const auto& c : l.qr_corners) qr.push_back({c.x, c.y});
  return {{"page_width", l.page_width}, {"page_height", l.page_height}, {"pages", l.pages}, {"qr_page", l.qr_page},
          {"qr_corners", qr},           {"areas", areas},               {"printed", printed}};
}

DocumentLayout layout_from_json(const nlohmann::json& j) {
  DocumentLayout l;
  l.page_width = j.at("page_width").get<double>();
  l.page_height = j.at("page_height").get<double>();
  l.pages = j.at("pages").get<int>();
  l.qr_page = j.at("qr_page").get<int>();
  for (size_t i = 0; i < 4; ++i)
    l.qr_corners[i] = cv::Point2f(j.at("qr_corners").at(i).at(0).get<float>(), j.at("qr_corners").at(i).at(1).get<float>());
  for (const auto& a : j.at("areas"))
    l.areas.push_back({a.at("id").get<std::string>(), a.at("kind").get<std::string>(), a.at("label_zh").get<std::string>(),
                       a.at("label_en").get<std::string>(), a.at("page").get<int>(), rect_from(a.at("rect"))});
  for (const auto& page : j.at("printed")) {
    l.printed.emplace_back();
    for (const auto& r : page) l.printed.back().push_back(rect_from(r));
  }
  return l;
}

std::optional<DocumentLayout> locate_marks(const std::filesystem::path& pdf, const std::string& kind, bool unit_subject,
                                           std::string* why) {
  const auto it = rules().documents.find(kind);
  if (it == rules().documents.end()) {
    *why = "no signature areas are defined for " + kind + " (" + kDataFile + ")";
    return std::nullopt;
  }
  const auto pages = pdf_words(pdf, why);
  if (!pages) return std::nullopt;
  DocumentLayout layout;
  layout.pages = static_cast<int>(pages->size());
  layout.page_width = pages->front().width;
  layout.page_height = pages->front().height;
  int marks_page = -1;
  for (const auto& rule : it->second) {
    if (rule.unit_only && !unit_subject) continue;
    for (size_t p = 0; p < pages->size(); ++p) {
      if (const auto label = find_label((*pages)[p], rule.label)) {
        layout.areas.push_back({rule.id, rule.kind, rule.label, rule.label_en, static_cast<int>(p),
                                {label->x + rule.dx, label->y + rule.dy, rule.w, rule.h}});
        marks_page = std::max(marks_page, static_cast<int>(p));
        break;
      }
    }
  }
  if (layout.areas.empty()) {
    *why = "none of the labels of " + kind + " was found in the PDF";
    return std::nullopt;
  }
  for (const auto& page : *pages) {
    layout.printed.emplace_back();
    for (const auto& w : page.words) layout.printed.back().push_back({w.x_min, w.y_min, w.x_max - w.x_min, w.y_max - w.y_min});
  }
  // The QR code as printed on the page that carries the marks.
  layout.qr_page = marks_page;
  const cv::Mat page = pdf_page_image(pdf, marks_page, kReferenceDpi, why);
  if (page.empty()) return std::nullopt;
  const auto codes = find_qr_codes(page);
  if (codes.empty()) {
    *why = "the rendered page's QR code could not be read back";
    return std::nullopt;
  }
  const double mm_per_px = 25.4 / kReferenceDpi;
  for (size_t i = 0; i < 4; ++i) layout.qr_corners[i] = codes.front().corners[i] * static_cast<float>(mm_per_px);
  return layout;
}

std::vector<MarkMeasurement> measure_marks(const cv::Mat& image, const FoundQr& qr, const DocumentLayout& layout,
                                           std::string* why) {
  const auto a = page_to_image(layout, qr, why);
  if (!a) return {};
  std::vector<MarkMeasurement> out;
  for (const auto& area : layout.areas) {
    MarkMeasurement m;
    m.area = area;
    const cv::Mat cut = cut_area(image, *a, area.area);
    if (area.kind == "seal") {
      m.value = cv::countNonZero(red_mask(cut)) / static_cast<double>(std::max(1, cut.rows * cut.cols));
      m.threshold = rules().seal_red;
    } else {
      static const std::vector<RectMm> none;
      const auto& printed = static_cast<size_t>(area.page) < layout.printed.size() ? layout.printed[area.page] : none;
      m.value = handwriting_share(cut, printed, area.area);
      m.threshold = rules().signature_ink;
    }
    m.found = m.value >= m.threshold;
    m.confidence = confidence_of(m.value, m.threshold);
    // A document of several pages carries the same code on every page: the scan may be of
    // another page than the one with the marks, so a missing mark is less certain.
    if (layout.pages > 1 && !m.found) m.confidence *= 0.5;
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<Finding> mark_findings(const std::vector<MarkMeasurement>& marks, const std::string& file) {
  std::vector<Finding> out;
  for (const auto& m : marks) {
    const bool seal = m.area.kind == "seal";
    const char* code = seal ? (m.found ? "SERVER_SEAL_FOUND" : "SERVER_SEAL_MISSING")
                            : (m.found ? "SERVER_SIGNATURE_FOUND" : "SERVER_SIGNATURE_MISSING");
    out.push_back(make_finding(code,
                               {{"area", m.area.label_zh},
                                {"area_en", m.area.label_en},
                                {"value", two_decimals(m.value * 100) + "%"},
                                {"threshold", two_decimals(m.threshold * 100) + "%"},
                                {"confidence", two_decimals(m.confidence)}},
                               file));
  }
  return out;
}

}  // namespace beian::server
