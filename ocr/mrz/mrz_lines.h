// Finding machine-readable-zone lines in an upright document view and reading them cell by
// cell with the OCR-B matcher. MRZ lines are long rows of equally spaced, equally tall glyphs:
// the finder keeps rows whose glyph centres fit a straight line of constant pitch, so a row
// of Chinese text or a table rule is not mistaken for one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "ocr/mrz/ocrb_matcher.h"

namespace beian::ocr {

// One MRZ line's geometry in the view it was found in.
struct MrzLineGeometry {
  cv::Rect box;            // the glyphs' bounding box
  int char_count = 0;      // cells from the first to the last glyph
  double first_centre = 0; // x of cell 0's centre
  double pitch = 0;        // cell 0's width
  // Cell i is centred at first_centre + i × pitch + i² × pitch_change: a zone photographed at
  // an angle and rectified from an outline that is not quite the page's keeps some
  // perspective, and its pitch then grows or shrinks steadily along the line (0 when the
  // cells are equally wide).
  double pitch_change = 0;
  double baseline_at_0 = 0, baseline_slope = 0;  // baseline y = baseline_at_0 + slope × x
  double cap_height = 0;   // at cell 0; it scales with the pitch along the line
  double fit_residual = 0; // RMS distance of glyph centres from their cells, × pitch (0 = perfect)

  double centre_x(double i) const { return first_centre + i * pitch + i * i * pitch_change; }
  double pitch_at(double i) const { return pitch + 2 * i * pitch_change; }
  MrzCell cell(int i) const;
  // The same line narrowed to `count` cells starting at its cell `first` (box cut to match).
  MrzLineGeometry cells(int first, int count) const;
};

// Candidate lines, top to bottom. `grey`: 8-bit upright view, dark text on light.
// Never throws for image content.
std::vector<MrzLineGeometry> find_mrz_lines(const cv::Mat& grey, const MrzSettings& settings);

// The one row of OCR-B glyphs inside `region` of `grey` (a printed document number: short,
// possibly letter-spaced), with at least `min_chars` glyphs; nullopt when there is none.
std::optional<MrzLineGeometry> find_ocrb_row(const cv::Mat& grey, const cv::Rect& region, int min_chars);

// The glyph scores of every cell of a line.
struct MrzLineReading {
  std::vector<GlyphScores> cells;
  std::string best_text() const;     // the best-scoring glyph per cell
  double mean_best_score() const;    // mean over cells of the best score
};

MrzLineReading read_mrz_line(const cv::Mat& grey, const MrzLineGeometry& line, const OcrbMatcher& matcher);

}  // namespace beian::ocr
