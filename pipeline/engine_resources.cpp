#include "pipeline/engine_resources.h"

#include <stdexcept>
#include <thread>

namespace beian {

EngineResources::EngineResources(const EngineOptions& o) : options(o) {
  ocr::RecognizerOptions ro;
  ro.max_engines = o.workers > 0 ? static_cast<size_t>(o.workers) : std::max(1u, std::thread::hardware_concurrency());
  ro.decode = {o.max_file_bytes, o.max_megapixels};
  if (o.today.valid()) ro.today = o.today;
  recognizer = std::make_unique<ocr::Recognizer>(ro);
  render::RenderOptions render_options;
  if (!o.qr_secret.empty()) render_options.qr_secret = o.qr_secret;
  auto created = render::DocumentRenderer::create(render_options);
  if (!created.value) throw std::runtime_error(created.error);
  renderer = std::move(created.value);
}

}  // namespace beian
