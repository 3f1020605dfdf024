// Processing one stored upload: what is it, is it good enough, and where is it filed.
//   - a backdrop photo slot: the photo checker;
//   - a document slot: classify + read with the slot's type as hint, then check the type;
//   - a signed document coming back (or an upload without a slot that carries a beian QR
//     code): the code's integrity tag is verified, the scan routed to its order and website,
//     and its signature and seal areas examined;
//   - an upload without a slot and without a code: classified, then filed under the first
//     slot of that type the link may fill.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "beian/order.h"
#include "pipeline/server/engine_adapter.h"
#include "pipeline/server/feedback.h"
#include "pipeline/server/qr_finder.h"
#include "pipeline/server/store.h"
#include "pipeline/server/upload_slots.h"
#include "pipeline/server/upload_token.h"

namespace beian::server {

struct ProcessedUpload {
  UploadFeedback feedback;
  std::string slot;         // the slot it is filed under ("" when it fits none)
  bool other_order = false; // a signed document of another order (the HTTP answer is 403)
};

// What the processor needs to know about the order beyond the manifest.
struct OrderState {
  const Order* order = nullptr;
  std::vector<UploadSlot> slots;
  std::set<std::string> filled;                   // slots that already hold an accepted upload
  std::vector<RenderedDocumentRow> documents;     // rendered documents (with their layouts)
};

class UploadProcessor {
 public:
  UploadProcessor(const EngineAdapter& engine, uint64_t max_bytes, double max_megapixels)
      : engine_(engine), max_bytes_(max_bytes), max_megapixels_(max_megapixels) {}

  // `slot`: the slot the upload was sent to, or nullptr to route it. `file` names the upload
  // in findings. Never throws for bad content (it becomes feedback); may throw for internal
  // failures (the caller records those).
  ProcessedUpload process(const OrderState& state, const UploadRole& role, const UploadSlot* slot,
                          std::string_view bytes, const std::string& file) const;

 private:
  ProcessedUpload process_return(const OrderState& state, const UploadRole& role, const cv::Mat& image,
                                 const FoundQr& qr, const std::string& file) const;
  const EngineAdapter& engine_;
  uint64_t max_bytes_;
  double max_megapixels_;
};

}  // namespace beian::server
