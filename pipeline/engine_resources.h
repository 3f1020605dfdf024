// The heavy, shared, thread-safe resources an Engine owns and its stages use (OCR engines,
// cascades, fonts). Created once per Engine.
#pragma once

#include "beian/engine.h"

namespace beian {

struct EngineResources {
  explicit EngineResources(const EngineOptions& o) : options(o) {}
  const EngineOptions& options;
};

}  // namespace beian
