#include "pipeline/engine_resources.h"

#include <stdexcept>
#include <thread>

#include <opencv2/core.hpp>

namespace beian {

namespace {

// OpenCV creates the operators behind matrix expressions (Mat::eye, Mat::zeros, A + B, ...)
// on first use and publishes them through a plain pointer (double-checked locking). Two
// threads making their first expression at once race on it; ThreadSanitizer reported it when
// `beian process` started two orders together. Making one of each kind here, in the thread
// that creates the Engine, publishes them before any worker runs.
void initialise_opencv_expressions() {
  const cv::Mat a = cv::Mat::eye(3, 3, CV_64F), b = cv::Mat::zeros(3, 3, CV_64F), c = cv::Mat::ones(3, 3, CV_64F);
  const cv::Mat sum = a + b * 2.0 - c, scaled = 0.5 * sum, product = a * c, inverse = (a + c).inv(),
                transposed = a.t(), compared = a > b, absolute = cv::abs(b - c);
  (void)scaled, (void)product, (void)inverse, (void)transposed, (void)compared, (void)absolute;
}

}  // namespace

EngineResources::EngineResources(const EngineOptions& o) : options(o) {
  initialise_opencv_expressions();
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
