// A thin owner of one libharu document: one embedded font (a true subset of the document's
// CJK face), pages, text, strokes, vector checkboxes/ticks and filled squares.
//
// Coordinates are millimetres from the TOP-LEFT corner of the current page (the way layouts
// in templates/documents are written); the writer converts them to PDF points from the
// bottom-left. Text is UTF-8 and must be BMP-only and covered by the font: callers check
// coverage first (FontFace::covers) and report what cannot be drawn.
//
// Errors reported by libharu become std::runtime_error naming the operation and libharu's
// error and detail codes. Not thread-safe; use one PdfWriter per document and thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "render/font/font_face.h"

namespace beian::render {

struct PdfInfo {
  std::string title;
  std::string subject;
  std::string creator;
  std::string author;
  std::string keywords;
  // Creation date, China Standard Time.
  int year = 2000, month = 1, day = 1, hour = 0, minute = 0, second = 0;
};

struct RectMm {
  double x = 0, y = 0, w = 0, h = 0;  // top-left corner and size, mm
};

class PdfWriter {
 public:
  // Creates a document whose only font is the true subset of `face` holding `codepoints`.
  // The subset is written to a private temporary .ttf, loaded with embedding, and unlinked at
  // once (libharu keeps the file open until the document is saved).
  PdfWriter(const FontFace& face, const std::vector<char32_t>& codepoints);
  ~PdfWriter();
  PdfWriter(const PdfWriter&) = delete;
  PdfWriter& operator=(const PdfWriter&) = delete;

  void set_info(const PdfInfo& info);
  // Starts a new page (the current page from now on).
  void add_page(double width_mm, double height_mm);
  int page_count() const { return pages_; }

  // Draws `utf8` with its baseline at (x, baseline), size in points. `bold` strokes the
  // outlines as well as filling them (the font has no bold face).
  void text(double x, double baseline, double size_pt, std::string_view utf8, bool bold = false);
  void line(double x1, double y1, double x2, double y2, double width_pt);
  void rect(const RectMm& r, double width_pt);
  // A dashed horizontal line: the visible blank left for a missing value.
  void dashed_line(double x1, double x2, double y, double width_pt);
  // An empty square of side `size` whose top-left corner is (x, y); with a tick when `ticked`.
  void checkbox(double x, double y, double size, bool ticked);
  // Fills `r` with grey level `gray` (0 black .. 1 white), no outline.
  void fill_rect(const RectMm& r, double gray);
  // Fills every rectangle in black (one path, one fill): QR modules.
  void fill_rects(const std::vector<RectMm>& rects);

  // The finished PDF file, with a correct ToUnicode map appended (render/pdf/unicode_map.h).
  std::string save();

  // Size of the embedded font subset in bytes, as handed to libharu (before compression).
  size_t font_subset_bytes() const { return subset_bytes_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int pages_ = 0;
  size_t subset_bytes_ = 0;
};

}  // namespace beian::render
