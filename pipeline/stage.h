// The stage framework. An order flows through named stages (intake → read documents → check
// photos → apply rules → render → report); each stage is one small class behind this
// interface, adds typed findings to the order's report and never lets an exception escape:
// the runner turns one into a STAGE_FAILED finding and goes on with the next stage, so one
// broken upload or one failing check never loses the rest of the order.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

#include "beian/engine.h"
#include "beian/order.h"
#include "beian/report.h"

namespace beian {

// One file of the upload folder as it moves through the stages.
struct Upload {
  std::filesystem::path path;                 // full path
  size_t index = 0;                           // its UploadResult in OrderContext::report.uploads
  const ExpectedUpload* expected = nullptr;   // its manifest entry, if listed
  cv::Mat image;                              // 8-bit BGR with EXIF orientation applied; empty if not loaded
};

struct OrderContext {
  const EngineOptions& options;
  std::filesystem::path folder;
  std::filesystem::path output_dir;           // where the order's outputs go; empty = write nothing
  std::optional<Order> order;                 // unset when the manifest could not be read
  Date today;                                 // the day validity is judged against (filing date or processing day)
  std::vector<Upload> uploads;
  OrderReport report;

  UploadResult& result(const Upload& u) { return report.uploads[u.index]; }
  void add(Finding f) { report.findings.push_back(std::move(f)); }
};

class Stage {
 public:
  virtual ~Stage() = default;
  // Stable name, used in timings and findings ("intake", "read_documents", ...).
  virtual std::string_view name() const = 0;
  // Runs on one order. Thread-safe: one Stage object serves all orders concurrently.
  virtual void run(OrderContext& ctx) const = 0;
};

using StageList = std::vector<std::unique_ptr<const Stage>>;

// Runs every stage in order, timing each; exceptions become STAGE_FAILED findings.
void run_stages(const StageList& stages, OrderContext& ctx);

}  // namespace beian
