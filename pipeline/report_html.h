// The human-readable pre-review report: one self-contained report.html per order (inline
// CSS, images as data: URIs, no scripts, no external references), what a reviewer opens
// first. It shows the verdict, every finding with its fix and evidence, each upload as an
// annotated thumbnail (border in the colour of its worst finding, its type and finding
// count drawn on it) with the fields its reader found and their confidence, and the
// stage timings.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "beian/order.h"
#include "beian/report.h"

namespace beian {

// The page for `report`. `images[i]` is the decoded image of report.uploads[i] (empty Mat
// when not loaded; shorter vectors are allowed).
std::string render_report_html(const OrderReport& report, const std::optional<Order>& order,
                               const std::vector<cv::Mat>& images);

// Writes OUT_DIR/report.html atomically. Throws std::runtime_error naming the path on an
// I/O failure.
void write_report_html(const OrderReport& report, const std::optional<Order>& order, const std::vector<cv::Mat>& images,
                       const std::filesystem::path& out_dir);

}  // namespace beian
