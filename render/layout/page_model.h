// What the flow layout consumes and produces. Input: a document whose order data is already
// bound (pieces of text, checkboxes and blanks inside cells, rows and blocks). Output: pages
// of positioned drawing operations, in millimetres from the page's top-left corner.
//
// Keeping this model free of libharu lets the layout be tested on its own and lets the
// renderer collect every character a document uses before it cuts the font subset.
#pragma once

#include <string>
#include <vector>

namespace beian::render {

enum class Align { kLeft, kCenter, kRight };
enum class VAlign { kTop, kMiddle };

// One inline piece of a cell or paragraph.
struct Piece {
  enum class Kind { kText, kBox, kBlank };
  Kind kind = Kind::kText;
  std::u32string text;   // kText ('\n' forces a line break)
  bool ticked = false;   // kBox
  double width = 0.0;    // kBlank: length of the line, mm
  bool dashed = false;   // kBlank: dashed = a missing value; solid = to be filled in by hand
};

struct Cell {
  std::vector<Piece> pieces;
  double width = 0.0;           // mm; 0 = share what the row's other cells leave
  Align align = Align::kLeft;
  VAlign valign = VAlign::kMiddle;
  double size = 0.0;            // font size in points; 0 = the document's
  int indent = 0;               // first-line indent in ideographic spaces
  bool bold = false;
};

struct Row {
  std::vector<Cell> cells;
  double min_height = 0.0;      // mm
  double fill = 1.0;            // background grey (1 = white, none)
  bool border = true;
  bool keep_with_next = false;  // a section heading never ends a page
};

struct Block {
  enum class Kind { kParagraph, kTable, kSpacer };
  Kind kind = Kind::kParagraph;
  Cell paragraph;               // kParagraph (width ignored: the text width)
  std::vector<Row> rows;        // kTable
  double space_before = 0.0;    // mm
  double space_after = 0.0;     // mm
  double height = 0.0;          // kSpacer
};

struct PageSetup {
  double width = 210.0, height = 297.0;                   // mm (A4)
  double margin_top = 15, margin_right = 15, margin_bottom = 15, margin_left = 15;
  double size = 10.5;                                      // default font size, pt
  double line_spacing = 1.45;                              // line height / font size
  double cell_padding_x = 1.6, cell_padding_y = 1.2;       // mm
  double rule_width = 0.6;                                 // table rules, pt
  // Space reserved at the top of continuation pages (their header is drawn by the caller).
  double continuation_top = 0.0;
};

struct DrawOp {
  enum class Kind { kText, kRule, kRect, kFill, kBox, kBlank };
  Kind kind = Kind::kText;
  double x = 0, y = 0;          // kText: start of the baseline; others: top-left corner / start
  double w = 0, h = 0;          // kRule: end point is (x + w, y + h)
  double size = 0;              // kText: font size, pt
  std::u32string text;          // kText
  bool bold = false;            // kText
  bool ticked = false;          // kBox
  bool dashed = false;          // kBlank
  double gray = 1.0;            // kFill
};

struct LaidOutPage {
  std::vector<DrawOp> ops;
};

}  // namespace beian::render
