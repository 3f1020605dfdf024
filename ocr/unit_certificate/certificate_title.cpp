#include "ocr/unit_certificate/certificate_title.h"

#include <algorithm>
#include <stdexcept>

#include <opencv2/imgproc.hpp>

#include "ocr/fields/field_image.h"
#include "ocr/fields/text_clean.h"
#include "ocr/locate/document_quad.h"
#include "pipeline/base/data_file.h"
#include "pipeline/base/text.h"

namespace beian::ocr {
namespace {

const std::string kWhere = "templates/ocr/unit_certificate.json";

UnitCertificateSettings load() {
  const auto j = load_data_file("ocr/unit_certificate.json");
  check_keys(j,
             {"description", "page_aspect", "max_quads", "analysis_width", "min_title_height", "title_ocr",
              "min_title_similarity", "cue_page_aspect", "cue_card_aspect", "cue_card_overlap", "cue_min_similarity", "enclosed_outline", "titles", "view_width", "label_pass",
              "min_layout_labels", "min_agreeing_labels", "min_labels_in_place", "retry_text_heights", "sparse_width", "fields",
              "issue_date_ocr", "date_shapes", "term_ends", "authority", "sponsor", "name_parts", "address_region", "title_cue_confidence", "glare_retry_similarity"},
             {"page_aspect", "max_quads", "analysis_width", "min_title_height", "title_ocr", "min_title_similarity",
              "cue_page_aspect", "cue_card_aspect", "cue_min_similarity", "titles"},
             kWhere);
  UnitCertificateSettings s;
  // A [min, max] pair of `key`.
  const auto range = [&](const char* key, double& min, double& max) {
    const auto pair = get_value<std::vector<double>>(j, key, kWhere);
    if (pair.size() != 2) throw std::runtime_error(kWhere + ": '" + key + "' takes two numbers");
    min = pair[0];
    max = pair[1];
  };
  range("page_aspect", s.min_page_aspect, s.max_page_aspect);
  s.max_quads = static_cast<size_t>(get_value<int>(j, "max_quads", kWhere));
  s.analysis_width = get_value<int>(j, "analysis_width", kWhere);
  s.min_title_height = get_value<double>(j, "min_title_height", kWhere);
  s.title_ocr = parse_text_field_settings(j.at("title_ocr"), kWhere + " title_ocr");
  s.min_title_similarity = get_value<double>(j, "min_title_similarity", kWhere);
  if (j.contains("glare_retry_similarity")) s.glare_retry_similarity = get_value<double>(j, "glare_retry_similarity", kWhere);
  range("cue_page_aspect", s.cue_min_aspect, s.cue_max_aspect);
  range("cue_card_aspect", s.cue_card_min_aspect, s.cue_card_max_aspect);
  if (j.contains("cue_card_overlap")) s.cue_card_overlap = get_value<double>(j, "cue_card_overlap", kWhere);
  s.cue_min_similarity = get_value<double>(j, "cue_min_similarity", kWhere);
  if (j.contains("enclosed_outline")) range("enclosed_outline", s.enclosed_below, s.enclosed_min);
  for (const auto& [id, titles] : j.at("titles").items()) {
    const auto type = parse_document_type(id);
    if (!type || !is_unit_certificate(*type)) throw std::runtime_error(kWhere + " titles: '" + id + "' is not a unit certificate type");
    s.titles[*type] = get_value<std::vector<std::string>>(j.at("titles"), id, kWhere + " titles");
  }
  return s;
}

// The title line of an upright page view: the row of the tallest glyph blobs in its upper
// 45%, as a box; empty when no glyphs are tall enough.
cv::Rect title_row(const cv::Mat& ink, double min_height) {
  const cv::Rect upper(0, 0, ink.cols, static_cast<int>(ink.rows * 0.45));
  cv::Mat mask = ink(upper) < 140;
  // Join the strokes of one character (bold titles are still several components).
  const int join = std::max(3, static_cast<int>(min_height / 4));
  cv::dilate(mask, mask, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(join, join)));
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  std::vector<cv::Rect> glyphs;
  for (int i = 1; i < n; ++i) {
    const cv::Rect b(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                     stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    // Character-like: tall enough (not a rule), not a frame, not a thin stroke. Wide is
    // fine: a bold title set tight (社会团体法人登记证书) joins into one blob per run of
    // characters, and dropping those left the row at 社会.
    if (b.height < min_height || b.height > 4 * min_height || b.width < 0.3 * b.height) continue;
    glyphs.push_back(b);
  }
  if (glyphs.empty()) return {};
  // The tallest glyph seeds the row; glyphs overlapping its band and of similar height join.
  const auto seed = *std::max_element(glyphs.begin(), glyphs.end(), [](const auto& a, const auto& b) { return a.height < b.height; });
  cv::Rect row = seed;
  for (const auto& g : glyphs) {
    const int overlap = std::min(g.br().y, seed.br().y) - std::max(g.y, seed.y);
    if (overlap > 0.6 * seed.height && g.height > 0.6 * seed.height) row |= g;
  }
  return row;
}

// Reads the title row of outline `i` in both landscape turns (with `restore_glare`, from an
// ink image with the text under glare restored); a reading that matches one of the titles at
// least min_title_similarity, and better than `best` does, becomes `best`. Returns the
// closest any reading came to a title.
double read_title(const PageAnalysis& page, TesseractEngine& engine, size_t i, std::optional<CertificateTitle>& best,
                  bool restore_glare = false) {
  const auto& s = unit_certificate_settings();
  const auto& q = page.quads()[i];
  const cv::Size size(s.analysis_width, static_cast<int>(s.analysis_width / q.aspect));
  double closest = 0;
  for (int turn : {landscape_turn(q), landscape_turn(q) + 2}) {
    const cv::Mat ink = ink_image(page.view(i, size, turn), restore_glare);
    const cv::Rect row = title_row(ink, s.min_title_height * size.height);
    if (row.empty()) continue;
    const auto read = read_line(engine, ink, row, s.title_ocr);
    const std::string text = keep_cjk(read.text);
    for (const auto& [type, titles] : s.titles)
      for (const auto& title : titles) {
        const double sim = title_similarity(text, title);
        closest = std::max(closest, sim);
        if (sim >= s.min_title_similarity && (!best || sim > best->similarity))
          best = CertificateTitle{type, i, turn, size, row, text, sim};
      }
  }
  return closest;
}

std::optional<CertificateTitle> search(const PageAnalysis& page, TesseractEngine& engine) {
  const auto& s = unit_certificate_settings();
  const auto& quads = page.quads();
  const auto page_aspect = [&](const DocumentQuad& q) {
    return q.whole_image || (q.aspect >= s.min_page_aspect && q.aspect <= s.max_page_aspect);
  };
  std::optional<CertificateTitle> best;
  size_t tried = 0;
  std::vector<std::pair<size_t, double>> closest;  // per outline tried, how close its title read
  for (size_t i = 0; i < quads.size() && tried < s.max_quads; ++i) {
    if (!page_aspect(quads[i])) continue;
    ++tried;
    closest.emplace_back(i, read_title(page, engine, i, best));
    if (best && best->similarity > 0.99) break;
  }
  // No title anywhere, but one came close: a glare spot may have taken some of its characters
  // (照 of 营业执照 left). Only then: with a title found, a restored reading of another outline
  // (the page's printed frame) must not displace it.
  if (!best && s.glare_retry_similarity > 0)
    for (const auto& [i, close] : closest)
      if (close >= s.glare_retry_similarity) read_title(page, engine, i, best, true);
  // On a checkered cloth, outlines that take in a strip of cloth outrank the page's own and
  // still show the title whole; read through them, every value sits off its place (seed 103
  // S0044: the address read the term's line). The page's own outline is the one with the
  // page inside all its sides.
  if (best && quads[best->quad_index].enclosure < s.enclosed_below) {
    std::optional<size_t> enclosed;
    // The largest: the page's printed frame is enclosed too, inside the page.
    for (size_t i = 0; i < quads.size(); ++i)
      if (i != best->quad_index && !quads[i].whole_image && page_aspect(quads[i]) &&
          quads[i].enclosure >= s.enclosed_min && (!enclosed || quads[i].area_fraction > quads[*enclosed].area_fraction))
        enclosed = i;
    if (enclosed) {
      std::optional<CertificateTitle> there;
      read_title(page, engine, *enclosed, there);
      if (there && there->similarity >= best->similarity) best = there;
    }
  }
  return best;
}

}  // namespace

const UnitCertificateSettings& unit_certificate_settings() {
  static const UnitCertificateSettings s = load();
  return s;
}

const CertificateTitle* title_cue(const PageAnalysis& page, TesseractEngine& engine) {
  const auto& s = unit_certificate_settings();
  const auto& quads = page.quads();
  // A card photographed in perspective also yields looser outlines of the card with a
  // page-like aspect (1.38-1.48); a better-ranked card-shaped outline over most of the same
  // area shows them for what they are.
  auto loose_card_outline = [&](size_t i) {
    const cv::Rect2f r = cv::boundingRect(std::vector<cv::Point2f>(quads[i].corners.begin(), quads[i].corners.end()));
    for (size_t k = 0; k < i; ++k) {
      if (quads[k].whole_image || quads[k].aspect < s.cue_card_min_aspect || quads[k].aspect > s.cue_card_max_aspect) continue;
      const cv::Rect2f c = cv::boundingRect(std::vector<cv::Point2f>(quads[k].corners.begin(), quads[k].corners.end()));
      const double overlap = (r & c).area() / std::max(1e-6, static_cast<double>((r | c).area()));
      if (overlap > s.cue_card_overlap) return true;
    }
    return false;
  };
  auto page_shaped = [&](size_t i) {
    return i < quads.size() && !quads[i].whole_image && quads[i].aspect >= s.cue_min_aspect &&
           quads[i].aspect <= s.cue_max_aspect && !loose_card_outline(i);
  };
  // Among the outlines the title search tries (a checkered cloth's squares may outrank the page).
  bool any = false;
  size_t tried = 0;
  for (size_t i = 0; i < quads.size() && tried < s.max_quads && !any; ++i) {
    if (!quads[i].whole_image && (quads[i].aspect < s.min_page_aspect || quads[i].aspect > s.max_page_aspect)) continue;
    ++tried;
    any = page_shaped(i);
  }
  if (!any) return nullptr;
  const auto& title = find_certificate_title(page, engine);
  return title && page_shaped(title->quad_index) && title->similarity >= s.cue_min_similarity ? &*title : nullptr;
}

double title_similarity(const std::string& read, const std::string& title) {
  const std::string a = keep_cjk(read), b = keep_cjk(title);
  const size_t n = std::max(utf8_length(a), utf8_length(b));
  return n ? std::clamp(1.0 - static_cast<double>(edit_distance(a, b)) / n, 0.0, 1.0) : 0.0;
}

const std::optional<CertificateTitle>& find_certificate_title(const PageAnalysis& page, TesseractEngine& engine) {
  return page.shared<std::optional<CertificateTitle>>("certificate_title", [&] { return search(page, engine); });
}

}  // namespace beian::ocr
