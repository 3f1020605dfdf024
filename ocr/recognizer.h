// beian's OCR entry point: one call turns an uploaded image into a DocumentResult (type,
// fields with confidences, findings, timings). The pipeline's classify/read stages and the
// `beian extract` command call it; readers for new document types plug in through
// readers.cpp without touching this class.
//
// Thread safety: recognize() is const and may be called from any number of threads at once.
// Each call borrows one Tesseract engine set from an internal pool (created on first use,
// at most RecognizerOptions::max_engines, then reused) for its whole duration.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

#include "beian/date.h"
#include "beian/ocr/document.h"
#include "ocr/image/normalise.h"
#include "ocr/image_decode.h"

namespace beian::ocr {

class DocumentReader;
class OcrEnginePool;

struct RecognizerOptions {
  std::string tessdata_dir;       // where chi_sim/eng live; default "" = Tesseract's default folder
  size_t max_engines = 0;         // engines (one per concurrent call); default 0 = hardware threads
  size_t warm_engines = 0;        // engines created by the constructor; default 0 (created on demand)
  NormaliseOptions normalise;     // working-image size limits
  DecodeLimits decode;            // for recognize_bytes()
  std::optional<Date> today;      // reference date for expiry findings; default: Date::today() per call
};

class Recognizer {
 public:
  // Loads the readers' data (templates/ocr, templates/layouts) and, if asked, warms engines.
  // Throws std::runtime_error naming the file when a data file is missing or malformed, or
  // when the Tesseract models cannot be loaded.
  explicit Recognizer(RecognizerOptions options = {});
  ~Recognizer();
  Recognizer(const Recognizer&) = delete;
  Recognizer& operator=(const Recognizer&) = delete;

  // Recognises one decoded image (8-bit BGR, grey or BGRA; any size). `file` names the upload
  // in the result and its findings. `hint`: the type the caller expects (e.g. from the order
  // manifest or --type); the matching reader reads the image even when it looks unlike that
  // type, and a finding says so. Never throws for image content: bad input gives findings.
  DocumentResult recognize(const cv::Mat& image, const std::string& file,
                           std::optional<DocumentType> hint = {}) const;

  // Decodes uploaded bytes (EXIF orientation, size limits: ocr/image_decode.h) and recognises
  // them; undecodable input gives type unknown with the decoder's findings.
  DocumentResult recognize_bytes(std::string_view bytes, const std::string& file,
                                 std::optional<DocumentType> hint = {}) const;

  // Every type some reader can read, plus portrait and not_document (recognised here).
  std::vector<DocumentType> recognisable_types() const;

 private:
  RecognizerOptions options_;
  std::unique_ptr<OcrEnginePool> pool_;
  std::vector<std::unique_ptr<DocumentReader>> readers_;
};

}  // namespace beian::ocr
