// The result of processing one order: what report.json holds, what the Engine returns and
// what GET /api/orders/{id} serves. Plain values with one to_json/from_json each.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "beian/finding.h"
#include "beian/ocr/document.h"
#include "beian/photo.h"

namespace beian {

// One file found in the upload folder.
struct UploadResult {
  std::string file;                         // name inside the folder
  uint64_t bytes = 0;
  std::string sha256;                       // hex digest of the file's bytes ("" when unreadable)
  std::string format;                       // detected by content: jpeg, png, webp, tiff, bmp, pdf, ... or "unknown"
  int width = 0;                            // pixels after EXIF orientation (0 when not decoded)
  int height = 0;
  bool loaded = false;                      // decoded into an image the later stages can use
  bool expected = false;                    // listed in the manifest's uploads
  std::optional<DocumentType> declared;     // the type the manifest declares for it
  std::optional<DocumentResult> document;   // what the readers found (when they ran)
  std::optional<PhotoResult> photo;         // the photo checks, for portraits (when they ran)
  std::string annotated;                    // output file with the annotated photo, "" when none
};

struct StageTiming {
  std::string stage;
  double ms = 0.0;
};

// Overall verdict for the provider: ready to submit, fix first (errors), needs human review
// (warnings or checks that could not decide).
enum class Verdict { kReady, kFixFirst, kNeedsReview };
std::string_view to_string(Verdict v);   // "ready", "fix_first", "needs_review"

struct OrderReport {
  std::string order_id;                     // from the manifest ("" when it could not be read)
  std::string folder;                       // the upload folder as given
  bool processed = false;                   // false: the order could not be processed (see findings)
  Verdict verdict = Verdict::kFixFirst;
  std::vector<Finding> findings;            // order-level findings and those of stages (each names its file)
  std::vector<UploadResult> uploads;        // one per file in the folder, in name order
  std::vector<StageTiming> timings;         // per stage, in run order
  std::vector<std::string> outputs;         // files written into the order's output folder
  std::string input_fingerprint;            // hash of the folder's file names, sizes and times (resume)
  std::string beian_version;
  bool reused = false;                      // read back from an earlier run (resume); not serialised

  // Every finding of the order: order-level ones plus those inside document results.
  std::vector<Finding> all_findings() const;
  // Counts over all_findings().
  int count(Severity s) const;
};

// The verdict that a set of findings implies (any error → fix_first; any warning → needs_review).
Verdict verdict_for(const std::vector<Finding>& findings);

void to_json(nlohmann::json& j, const UploadResult& u);
void from_json(const nlohmann::json& j, UploadResult& u);
void to_json(nlohmann::json& j, const OrderReport& r);
void from_json(const nlohmann::json& j, OrderReport& r);

}  // namespace beian
