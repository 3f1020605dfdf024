#include "ocr/mrz/mrz_zone.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "ocr/locate/document_quad.h"

namespace beian::ocr {
namespace {

// Passport data pages are 125 × 88 mm (1.42), cards 85.6 × 54 mm (1.585); photos of them
// in perspective stretch that a little.
constexpr double kMinAspect = 1.2, kMaxAspect = 1.9;

// Ranks zones: verified check digits first, then glyph agreement.
double rank(const MrzZone& z) {
  const size_t checks = z.format->checks.size();
  const double passing = checks ? 1.0 - static_cast<double>(z.decoding.failed_checks.size()) / checks : 1.0;
  return passing * 2.0 + z.mean_score;
}

// Cells a found line may have beyond its format's length: a page edge or a mark right beside
// the zone joins its row (a clean passport on a pale background: 45 cells for 44).
constexpr int kMaxExtraCells = 2;

// The lowest run of consecutive lines whose lengths are the format's (or up to kMaxExtraCells
// longer, read at each offset, the best decoding kept), read and decoded.
std::optional<MrzZone> decode_in_view(const cv::Mat& grey, const std::vector<MrzLineGeometry>& lines,
                                      const MrzFormat& format) {
  const size_t n = format.lines.size();
  if (lines.size() < n) return std::nullopt;
  for (size_t end = lines.size(); end >= n; --end) {
    const size_t begin = end - n;
    bool fits = true;
    for (size_t k = 0; k < n && fits; ++k) {
      const int extra = lines[begin + k].char_count - static_cast<int>(format.lines[k].size());
      fits = extra >= 0 && extra <= kMaxExtraCells;
    }
    if (!fits) continue;
    // Each line read once at each of its offsets; then every combination of offsets decoded
    // (at most 3 × 3 for two lines; one when the lengths fit).
    std::vector<std::vector<MrzLineGeometry>> geometry(n);
    std::vector<std::vector<MrzLineReading>> reading(n);
    for (size_t k = 0; k < n; ++k) {
      const int length = static_cast<int>(format.lines[k].size());
      for (int first = 0; first <= lines[begin + k].char_count - length; ++first) {
        geometry[k].push_back(lines[begin + k].cells(first, length));
        reading[k].push_back(read_mrz_line(grey, geometry[k].back(), OcrbMatcher::get()));
      }
    }
    std::vector<size_t> offsets(n, 0);
    std::optional<MrzZone> best;
    while (true) {
      MrzZone zone;
      zone.format = &format;
      std::vector<MrzLineReading> readings;
      for (size_t k = 0; k < n; ++k) {
        zone.lines.push_back(geometry[k][offsets[k]]);
        readings.push_back(reading[k][offsets[k]]);
      }
      zone.decoding = decode_mrz(format, readings, mrz_settings());
      double sum = 0;
      size_t count = 0;
      for (const auto& scores : zone.decoding.scores)
        for (float s : scores) sum += s, ++count;
      zone.mean_score = count ? sum / count : 0;
      if (!best || rank(zone) > rank(*best)) best = std::move(zone);
      size_t k = 0;
      while (k < n && ++offsets[k] == geometry[k].size()) offsets[k++] = 0;
      if (k == n) break;
    }
    return best;
  }
  return std::nullopt;
}

// The best zone in quad `i`'s view turned by `turn` quarter turns (landscape_turn(quad) + 1
// or + 3: portrait); nullopt when it shows none. Computed once per quad and turn.
const std::optional<MrzZone>& search_view(const PageAnalysis& page, size_t i, int turn) {
  const std::string key = "mrz_zone." + std::to_string(i) + "." + std::to_string(turn);
  return page.shared<std::optional<MrzZone>>(key, [&]() -> std::optional<MrzZone> {
    const auto& settings = mrz_settings();
    const auto& q = page.quads()[i];
    const bool portrait = (turn - landscape_turn(q)) % 2 != 0;
    const int w = settings.view_width;
    const int h = static_cast<int>(std::lround(portrait ? w * q.aspect : w / q.aspect));
    const cv::Size size(w, h);
    const cv::Mat& view = page.view(i, size, turn);
    cv::Mat grey;
    cv::cvtColor(view, grey, cv::COLOR_BGR2GRAY);
    // An MRZ is printed in the lower part of the document; one at the top is upside down.
    // Lines are looked for below 0.35 of the height only (those centred above 0.45 are
    // dropped; the margin keeps a line's ink whole), which spares a third of the search.
    const int top = static_cast<int>(0.35 * h);
    auto lines = find_mrz_lines(grey.rowRange(top, grey.rows), settings);
    for (auto& line : lines) {
      line.box.y += top;
      line.baseline_at_0 += top;
    }
    lines.erase(std::remove_if(lines.begin(), lines.end(),
                               [&](const MrzLineGeometry& l) { return l.box.y + l.box.height / 2 < 0.45 * h; }),
                lines.end());
    std::optional<MrzZone> best;
    for (const char* name : {"td3", "travel_permit"}) {
      auto zone = decode_in_view(grey, lines, mrz_format(name));
      if (!zone) continue;
      zone->quad_index = i;
      zone->quarter_turns = turn;
      zone->view_size = size;
      if (!best || rank(*zone) > rank(*best)) best = std::move(zone);
    }
    return best;
  });
}

bool clear_and_verified(const std::optional<MrzZone>& zone) {
  return zone && zone->decoding.checks_ok() && zone->mean_score > 0.75;
}

// The best zone in quad `i`, in its landscape orientations (all four for the whole image);
// nullopt when the quad is not document-shaped or shows no zone. Computed once per quad.
const std::optional<MrzZone>& search_quad(const PageAnalysis& page, size_t i) {
  return page.shared<std::optional<MrzZone>>("mrz_zone." + std::to_string(i), [&]() -> std::optional<MrzZone> {
    const auto& q = page.quads()[i];
    if (!q.whole_image && (q.aspect < kMinAspect || q.aspect > kMaxAspect)) return std::nullopt;
    const int landscape = landscape_turn(q);
    std::vector<int> turns{landscape, landscape + 2};
    if (q.whole_image) turns = {landscape, landscape + 2, landscape + 1, (landscape + 3) % 4};
    std::optional<MrzZone> best;
    for (int turn : turns) {
      const auto& zone = search_view(page, i, turn);
      if (zone && (!best || rank(*zone) > rank(*best))) best = zone;
      if (clear_and_verified(best)) break;
    }
    return best;
  });
}

// The passport classification's cheap first look (find_mrz_zone_in_best_outline).
const std::optional<MrzZone>& cue_zone(const PageAnalysis& page) {
  static const std::optional<MrzZone> none;
  const auto& quads = page.quads();
  // The best outline of a passport's shape, not simply the best outline: on patterned cloth a
  // wider rectangle of the pattern can rank first (bench passport photos: 1 of 6 paid 0.8 s of
  // ID alignment for it), and searching one outline costs the same whichever it is.
  const auto& settings = mrz_settings();
  for (size_t i = 0; i < quads.size(); ++i)
    if (!quads[i].whole_image && quads[i].aspect >= kMinAspect && quads[i].aspect <= settings.cue_max_aspect) {
      const auto& zone = search_quad(page, i);
      if (zone) return zone;
      if (quads[i].edge_support >= settings.cue_page_min_edge_support &&
          quads[i].area_fraction >= settings.cue_page_min_area_fraction)
        return none;  // surely the page, and it shows no zone
      break;
    }
  // A scan of the page alone on pale paper shows no outline of its own, or the outline of
  // something on it (bench clean passports: 1 in 3 ranked the portrait's box first, and the
  // page was found only after every reader's classification, 1.9 s): the whole image,
  // upright only (one line search; turned pages are left to the full search).
  for (size_t i = 0; i < quads.size(); ++i)
    if (quads[i].whole_image) return search_view(page, i, landscape_turn(quads[i]));
  return none;
}

std::optional<MrzZone> search(const PageAnalysis& page) {
  // The classification's cue looked first; a clear, verified zone it found in an outline is
  // as good as any. One it found in the whole image is not: a card's outline gives its
  // reader the layout the whole image does not (permits' names and sexes), so the outlines
  // are searched first as ever (the whole image's upright view is not searched twice).
  if (const auto& cue = cue_zone(page); clear_and_verified(cue) && !page.quads()[cue->quad_index].whole_image)
    return cue;
  std::optional<MrzZone> best;
  for (size_t i = 0; i < page.quads().size(); ++i) {
    const auto& zone = search_quad(page, i);
    if (zone && (!best || rank(*zone) > rank(*best))) best = zone;
    if (clear_and_verified(best)) return best;
  }
  return best;
}

}  // namespace

double MrzZone::confidence() const {
  if (!format) return 0;
  const size_t checks = format->checks.size();
  const double passing = checks ? 1.0 - static_cast<double>(decoding.failed_checks.size()) / checks : 1.0;
  // The right number of regularly spaced OCR-B glyphs is already strong evidence of an MRZ;
  // verified check digits make it near certain: clear glyphs with every check holding reach
  // 0.99, a claim decisive enough that the recognizer asks no other reader (no other document
  // prints a zone whose check digits hold).
  // Three or more check digits holding as read, none repaired, are as decisive on a soft
  // photo as on a clear one: their chance agreement is ~1e-3 or less, while soft glyphs (a
  // hard passport photo's mean score ~0.77) kept the claim at 0.98 and made every other
  // reader classify the page too (1.8 s of ID alignment and licence title OCR).
  if (checks >= 3 && decoding.failed_checks.empty() && decoding.repaired_checks.empty()) return 0.99;
  const double glyphs = std::clamp((mean_score - 0.4) / 0.4, 0.0, 1.0);
  return std::clamp(0.45 + 0.3 * glyphs + 0.24 * passing, 0.0, 0.99);
}

const std::optional<MrzZone>& find_mrz_zone(const PageAnalysis& page) {
  return page.shared<std::optional<MrzZone>>("mrz_zone", [&] { return search(page); });
}

const std::optional<MrzZone>& find_mrz_zone_in_best_outline(const PageAnalysis& page) { return cue_zone(page); }

}  // namespace beian::ocr

