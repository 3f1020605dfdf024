// The flow layout: blocks stacked down the page, table rows growing with their content, rows
// that do not fit moved to the next page, and rows taller than a page (200 domains) split
// line by line across pages. Text is wrapped with break_lines() using FontFace widths.
#pragma once

#include <vector>

#include "render/font/font_face.h"
#include "render/layout/page_model.h"

namespace beian::render {

// Lays `blocks` out on pages of `setup`. Always returns at least one page. Pure function of
// its inputs; thread-safe.
std::vector<LaidOutPage> layout_document(const std::vector<Block>& blocks, const PageSetup& setup,
                                         const FontFace& font);

// Millimetres per point.
inline constexpr double kMmPerPt = 25.4 / 72.0;

}  // namespace beian::render
