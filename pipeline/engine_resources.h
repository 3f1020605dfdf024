// The heavy, shared, thread-safe resources an Engine owns and its stages use (OCR engines,
// cascades, fonts). Created once per Engine; every member is safe to use from many threads.
#pragma once

#include <memory>

#include "beian/engine.h"
#include "beian/render/documents.h"
#include "ocr/recognizer.h"

namespace beian {

struct EngineResources {
  // Throws std::runtime_error (naming the file) when a data file or model cannot be loaded.
  explicit EngineResources(const EngineOptions& options);

  const EngineOptions& options;
  std::unique_ptr<ocr::Recognizer> recognizer;
  std::unique_ptr<render::DocumentRenderer> renderer;
};

}  // namespace beian
