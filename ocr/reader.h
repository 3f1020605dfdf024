// The interface every document reader implements (one reader per document type or family,
// zxing-cpp style): classify() says whether and how the page shows its document, read()
// turns that into a DocumentResult. Readers are listed in one place (readers.cpp); adding a
// document type means adding one reader there.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <opencv2/core.hpp>

#include "beian/date.h"
#include "beian/ocr/document.h"
#include "ocr/engine/tesseract_engine.h"
#include "ocr/page_analysis.h"

namespace beian::ocr {

class DocumentReader;

// Per-recognition services handed to readers: the borrowed OCR engine, the reference date
// for expiry checks, and the timing log that ends up in DocumentResult::timings_ms.
class OcrContext {
 public:
  OcrContext(TesseractEngine& engine, Date today) : engine_(engine), today_(today) {}
  TesseractEngine& engine() { return engine_; }
  const Date& today() const { return today_; }

  // Adds the time since the previous mark (or since construction) to step `name`.
  void mark(const std::string& name);
  const std::vector<std::pair<std::string, double>>& timings() const { return timings_; }

 private:
  TesseractEngine& engine_;
  Date today_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  std::vector<std::pair<std::string, double>> timings_;
};

// A reader's claim that the page shows one of its document types, with the upright view it
// will read from, so read() does not redo the work.
struct Classification {
  DocumentType type = DocumentType::kUnknown;
  double confidence = 0.0;            // 0..1
  const DocumentReader* reader = nullptr;
  size_t quad_index = 0;              // into PageAnalysis::quads()
  int quarter_turns = 0;              // rectification turn (see rectify_quad)
  cv::Mat view;                       // the rectified, upright document
  // Reader-specific evidence gathered while classifying (e.g. an OCR probe of a field),
  // as name → text, reused by read().
  std::vector<std::pair<std::string, std::string>> probes;
};

class DocumentReader {
 public:
  virtual ~DocumentReader() = default;

  // The types this reader can classify and read.
  virtual std::vector<DocumentType> types() const = 0;

  // Candidates among this reader's types, best first; empty when none fits. When `forced`
  // is set (the user said what the image is) the reader returns its best view of that type
  // even with low confidence. Never throws for image content.
  virtual std::vector<Classification> classify(const PageAnalysis& page, OcrContext& context,
                                               std::optional<DocumentType> forced) const = 0;

  // A claim from cheap cues alone (a printed code that verifies itself, not page OCR or
  // template alignment), asked of every reader before any classify(). A claim here at the
  // decisive confidence (templates/ocr/classifier.json) ends classification: no reader's
  // classify() is asked. Default: no claim. Never throws for image content.
  virtual std::vector<Classification> classify_by_cues(const PageAnalysis& page, OcrContext& context) const {
    return {};
  }

  // Reads the fields of `classification` (one this reader produced). Fields it cannot read
  // are missing with a reason; problems become findings. Never throws for image content.
  virtual DocumentResult read(const PageAnalysis& page, const Classification& classification,
                              OcrContext& context) const = 0;
};

}  // namespace beian::ocr
