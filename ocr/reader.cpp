#include "ocr/reader.h"

namespace beian::ocr {

void OcrContext::mark(const std::string& name) {
  const auto now = std::chrono::steady_clock::now();
  const double ms = std::chrono::duration<double, std::milli>(now - last_).count();
  last_ = now;
  for (auto& [step, total] : timings_)
    if (step == name) {
      total += ms;
      return;
    }
  timings_.emplace_back(name, ms);
}

}  // namespace beian::ocr
