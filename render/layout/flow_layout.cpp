#include "render/layout/flow_layout.h"

#include <algorithm>
#include <cmath>

#include "render/layout/line_breaker.h"

namespace beian::render {
namespace {

constexpr double kEps = 1e-6;
constexpr double kBoxScale = 0.78;     // checkbox side / font size
constexpr double kBoxGap = 0.3;        // space after a checkbox / font size
constexpr double kBaselineRise = 0.36; // baseline below the line's centre / font size (CJK glyph centre)

// One cell's text broken into lines.
struct CellText {
  const Cell* cell = nullptr;
  double x = 0, width = 0;   // cell box
  double size = 0;           // pt
  double line_h = 0;         // mm
  std::vector<Atom> atoms;
  std::vector<const Piece*> owner;  // piece of each atom
  std::vector<LineSpan> lines;

  double height_of(size_t first, size_t count) const { return std::min(count, lines.size() - std::min(first, lines.size())) * line_h; }
};

class Layouter {
 public:
  Layouter(const PageSetup& s, const FontFace& f) : setup_(s), font_(f) { new_page(true); }

  void add_block(const Block& b) {
    y_ += b.space_before;
    switch (b.kind) {
      case Block::Kind::kSpacer:
        y_ += b.height;
        break;
      case Block::Kind::kParagraph: {
        Row row;
        row.cells.push_back(b.paragraph);
        row.border = false;
        place_row(row, nullptr, /*pad=*/false);
        break;
      }
      case Block::Kind::kTable:
        for (size_t i = 0; i < b.rows.size(); ++i)
          place_row(b.rows[i], i + 1 < b.rows.size() ? &b.rows[i + 1] : nullptr, true);
        break;
    }
    y_ += b.space_after;
  }

  std::vector<LaidOutPage> finish() { return std::move(pages_); }

 private:
  double content_left() const { return setup_.margin_left; }
  double content_width() const { return setup_.width - setup_.margin_left - setup_.margin_right; }
  double bottom() const { return setup_.height - setup_.margin_bottom; }
  double top(bool first) const { return setup_.margin_top + (first ? 0.0 : setup_.continuation_top); }
  bool page_empty() const { return y_ <= page_top_ + kEps; }

  void new_page(bool first = false) {
    pages_.emplace_back();
    page_top_ = top(first);
    y_ = page_top_;
  }

  std::vector<CellText> prepare(const Row& row, bool pad) const {
    std::vector<CellText> cells(row.cells.size());
    double fixed = 0;
    int flexible = 0;
    for (const auto& c : row.cells) {
      if (c.width > 0) fixed += c.width; else ++flexible;
    }
    const double total = content_width();
    const double scale = fixed > total ? total / fixed : 1.0;
    const double share = flexible ? std::max(0.0, total - fixed * scale) / flexible : 0.0;
    double x = content_left();
    const double pad_x = pad ? setup_.cell_padding_x : 0.0;
    for (size_t i = 0; i < row.cells.size(); ++i) {
      const Cell& c = row.cells[i];
      CellText& t = cells[i];
      t.cell = &c;
      t.x = x;
      t.width = c.width > 0 ? c.width * scale : share;
      if (i + 1 == row.cells.size()) t.width = content_left() + total - x;  // absorb rounding
      x += t.width;
      t.size = c.size > 0 ? c.size : setup_.size;
      const double size_mm = t.size * kMmPerPt;
      t.line_h = size_mm * setup_.line_spacing;
      for (int k = 0; k < c.indent; ++k) {
        t.atoms.push_back({Atom::Kind::kChar, U'\u3000', size_mm});
        t.owner.push_back(nullptr);
      }
      for (const Piece& p : c.pieces) {
        switch (p.kind) {
          case Piece::Kind::kText:
            for (char32_t cp : p.text) {
              if (cp == U'\n') t.atoms.push_back({Atom::Kind::kNewline, 0, 0});
              else t.atoms.push_back({Atom::Kind::kChar, cp, font_.advance_permille(cp) * size_mm / 1000.0});
              t.owner.push_back(&p);
            }
            break;
          case Piece::Kind::kBox:
            t.atoms.push_back({Atom::Kind::kBox, 0, size_mm * (kBoxScale + kBoxGap)});
            t.owner.push_back(&p);
            break;
          case Piece::Kind::kBlank:
            t.atoms.push_back({Atom::Kind::kBlank, 0, p.width});
            t.owner.push_back(&p);
            break;
        }
      }
      t.lines = break_lines(t.atoms, std::max(1.0, t.width - 2 * pad_x));
    }
    return cells;
  }

  // Height of a row fragment showing `count` lines of every cell from `first`.
  double fragment_height(const std::vector<CellText>& cells, const std::vector<size_t>& first, size_t count,
                         double pad_y) const {
    double h = 0;
    for (size_t i = 0; i < cells.size(); ++i) h = std::max(h, cells[i].height_of(first[i], count));
    return h + 2 * pad_y;
  }

  size_t max_remaining(const std::vector<CellText>& cells, const std::vector<size_t>& first) const {
    size_t n = 0;
    for (size_t i = 0; i < cells.size(); ++i) n = std::max(n, cells[i].lines.size() - std::min(first[i], cells[i].lines.size()));
    return n;
  }

  void place_row(const Row& row, const Row* next, bool pad) {
    if (row.cells.empty()) return;
    auto cells = prepare(row, pad);
    const double pad_y = pad ? setup_.cell_padding_y : 0.0;
    std::vector<size_t> first(cells.size(), 0);
    const double page_room = bottom() - top(false);
    while (true) {
      const size_t remaining = max_remaining(cells, first);
      const bool whole = std::all_of(first.begin(), first.end(), [](size_t f) { return f == 0; });
      double need = fragment_height(cells, first, remaining, pad_y);
      if (whole) need = std::max(need, row.min_height);
      double keep = 0;
      if (row.keep_with_next && next) keep = std::max(next->min_height, setup_.size * kMmPerPt * setup_.line_spacing + 2 * pad_y);
      const double avail = bottom() - y_;
      if (need + keep <= avail + kEps) {
        draw_fragment(row, cells, first, remaining, need, pad, pad_y, /*last=*/true);
        y_ += need;
        return;
      }
      if (!page_empty() && need + keep <= page_room + kEps) {
        new_page();
        continue;
      }
      // Split: as many lines as fit here (at least one on an empty page).
      size_t fit = 0;
      while (fit < remaining && fragment_height(cells, first, fit + 1, pad_y) <= avail + kEps) ++fit;
      if (fit == 0) {
        if (!page_empty()) {
          new_page();
          continue;
        }
        fit = 1;
      }
      if (fit >= remaining) {  // only the keep-with-next margin did not fit: draw it whole
        draw_fragment(row, cells, first, remaining, need, pad, pad_y, true);
        y_ += need;
        return;
      }
      draw_fragment(row, cells, first, fit, avail, pad, pad_y, false);
      for (size_t i = 0; i < cells.size(); ++i) first[i] = std::min(cells[i].lines.size(), first[i] + fit);
      new_page();
    }
  }

  void draw_fragment(const Row& row, const std::vector<CellText>& cells, const std::vector<size_t>& first,
                     size_t count, double height, bool pad, double pad_y, bool last) {
    auto& ops = pages_.back().ops;
    const double pad_x = pad ? setup_.cell_padding_x : 0.0;
    for (const auto& c : cells) {
      if (row.fill < 1.0) {
        DrawOp f;
        f.kind = DrawOp::Kind::kFill;
        f.x = c.x, f.y = y_, f.w = c.width, f.h = height, f.gray = row.fill;
        ops.push_back(f);
      }
    }
    for (size_t i = 0; i < cells.size(); ++i) {
      const CellText& c = cells[i];
      const size_t from = std::min(first[i], c.lines.size());
      const size_t to = std::min(c.lines.size(), from + count);
      const double text_h = (to - from) * c.line_h;
      double line_top = y_ + pad_y;
      if (c.cell->valign == VAlign::kMiddle && last) line_top = y_ + (height - text_h) / 2;
      for (size_t k = from; k < to; ++k, line_top += c.line_h) draw_line(c, c.lines[k], line_top, pad_x);
      if (row.border) {
        DrawOp r;
        r.kind = DrawOp::Kind::kRect;
        r.x = c.x, r.y = y_, r.w = c.width, r.h = height;
        ops.push_back(r);
      }
    }
  }

  void draw_line(const CellText& c, const LineSpan& line, double line_top, double pad_x) {
    auto& ops = pages_.back().ops;
    const double size_mm = c.size * kMmPerPt;
    const double inner = c.width - 2 * pad_x;
    double x = c.x + pad_x;
    if (c.cell->align == Align::kCenter) x += std::max(0.0, (inner - line.width) / 2);
    if (c.cell->align == Align::kRight) x += std::max(0.0, inner - line.width);
    const double centre = line_top + c.line_h / 2;
    const double baseline = centre + kBaselineRise * size_mm;
    DrawOp text;
    auto flush = [&] {
      if (!text.text.empty()) ops.push_back(text);
      text = DrawOp{};
    };
    for (size_t i = line.begin; i < line.end; ++i) {
      const Atom& a = c.atoms[i];
      if (a.kind == Atom::Kind::kChar) {
        if (text.text.empty()) {
          text.kind = DrawOp::Kind::kText;
          text.x = x, text.y = baseline, text.size = c.size, text.bold = c.cell->bold;
        }
        text.text += a.cp;
      } else {
        flush();
        const Piece* p = c.owner[i];
        DrawOp op;
        if (a.kind == Atom::Kind::kBox) {
          const double side = size_mm * kBoxScale;
          op.kind = DrawOp::Kind::kBox;
          op.x = x, op.y = centre - side / 2, op.w = op.h = side, op.ticked = p && p->ticked;
        } else {
          op.kind = DrawOp::Kind::kBlank;
          op.x = x, op.y = baseline + 0.6, op.w = a.width, op.dashed = p && p->dashed;
        }
        ops.push_back(op);
      }
      x += a.width;
    }
    flush();
  }

  const PageSetup& setup_;
  const FontFace& font_;
  std::vector<LaidOutPage> pages_;
  double y_ = 0;
  double page_top_ = 0;
};

}  // namespace

std::vector<LaidOutPage> layout_document(const std::vector<Block>& blocks, const PageSetup& setup,
                                         const FontFace& font) {
  Layouter layouter(setup, font);
  for (const auto& b : blocks) layouter.add_block(b);
  return layouter.finish();
}

}  // namespace beian::render
