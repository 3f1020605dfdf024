// Turning a rectified document view into crops Tesseract reads well: an "ink" image in which
// printed black text is dark and coloured labels, security patterns and tinted paper fade
// out; text lines located inside a layout box (the rectification is good to about 1% of the
// card width, so text is found, not assumed); and line crops scaled to the text height each
// field reads best at, with a white margin.
#pragma once

#include <vector>

#include <opencv2/core.hpp>

namespace beian::ocr {

// 8-bit grey of a BGR view where black ink is dark and colour is light: the maximum over
// B, G, R (blue labels and the pale pattern become light), then stretched so the paper is
// ~255 and the darkest text ~0 (illumination gradients flattened by a large-scale background
// estimate).
//
// `restore_glare`: text under a compact glare spot, left pale grey on clipped paper, is
// stretched back to ink by its strokes' local contrast (see field_image.cpp). For cards,
// whose spots cover a few words; on the hard level's low-resolution pages it lost more than
// it restored (seed 84 certificates: 15 -> 9 of 44 fields).
cv::Mat ink_image(const cv::Mat& bgr, bool restore_glare = false);

// Where a glare spot washes out the paper of BGR view `bgr` (255; 0 elsewhere), as
// ink_image's restore_glare finds it: the paper brightening clearly above the page's typical
// paper and above the paper around it. Empty for an empty view.
cv::Mat glare_mask(const cv::Mat& bgr);

// `line` (one text line found on `ink`) continued left and right inside `region` across the
// glare of `glare` (glare_mask): a line is found up to the spot, where its strokes fade to
// nothing, though it goes on beyond it. A side goes on through columns with ink, columns at
// least half of whose rows in the line are glare, and ink-free gaps of at most `max_gap` px,
// and ends at its last ink; it is continued only when it crossed glare. `line` itself when
// no side reaches glare.
cv::Rect line_across_glare(const cv::Mat& ink, const cv::Mat& glare, const cv::Rect& line, const cv::Rect& region,
                           int max_gap);

// The bounding box of the pixels darker than mid-grey in 8-bit `grey` (dark ink on light
// paper; a glyph rendered black on white); empty when there are none.
cv::Rect dark_ink_box(const cv::Mat& grey);

// Binary mask (255 = ink) of `ink` inside `region`: pixels clearly darker than the local
// paper.
cv::Mat ink_mask(const cv::Mat& ink, const cv::Rect& region);

// Text lines inside `region` of `ink`, top to bottom, each the tight box of its ink (in
// `ink` coordinates). Lines shorter than min_height are noise; a band taller than
// 1.6 × line_pitch is split at its weakest rows. At most max_lines are returned.
// With follow_ink, a line whose ink reaches the left or right side of `region` is followed
// beyond it along its ink until a gap of half its height (a value printed a little outside
// its layout box; where a label sits closer to its value than that, the label is taken too).
std::vector<cv::Rect> find_text_lines(const cv::Mat& ink, const cv::Rect& region, int min_height,
                                      double line_pitch, int max_lines, bool follow_ink = false);

// `line` (in `ink` coordinates) without what lies beyond a gap wider than `max_gap` px: it
// starts at its first inked run at least half the line's height wide (a sliver of a
// neighbouring label farther left is passed over) and ends where that run (joined over gaps up
// to max_gap) ends, when more than max_gap of the line is left after it. What lies beyond such
// a gap is not the value of a short field (a shaded card's background waves beside 汉 were
// read 二). Unchanged when no run is that wide.
cv::Rect end_at_gap(const cv::Mat& ink, const cv::Rect& line, int max_gap);

// The crop of `ink` at `region` (clipped to the image), contrast-stretched so its darkest
// ink is black, resized by `scale`; empty when the region lies outside the image.
cv::Mat crop_for_ocr(const cv::Mat& ink, const cv::Rect& region, double scale);

// The crop of `ink` around `line`, scaled so the line is `text_height` pixels tall, with a
// white border of `pad` pixels (what Tesseract's line mode expects); contrast as crop_for_ocr.
cv::Mat line_for_ocr(const cv::Mat& ink, const cv::Rect& line, double text_height, int pad = 12);

}  // namespace beian::ocr
