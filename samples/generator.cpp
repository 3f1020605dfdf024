#include "samples/generator.h"

#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "pipeline/base/atomic_file.h"

namespace beian::samples {

nlohmann::json truth_json(const std::vector<GeneratedOrder>& orders, uint64_t seed, const std::filesystem::path& out,
                          const std::filesystem::path& truth_dir) {
  const auto base = std::filesystem::weakly_canonical(truth_dir.empty() ? "." : truth_dir);
  const auto root = std::filesystem::weakly_canonical(out.empty() ? "." : out);
  nlohmann::json images = nlohmann::json::array();
  for (const auto& o : orders) {
    for (const auto& img : o.images) {
      nlohmann::json entry = {{"file", (root / o.order_id / img.file).lexically_relative(base).generic_string()},
                              {"order_id", o.order_id},
                              {"type", std::string(to_string(img.type))},
                              {"level", img.level},
                              {"variant", img.variant},
                              {"fields", img.fields}};
      if (!img.defect.empty()) entry["defect"] = img.defect;
      images.push_back(std::move(entry));
    }
  }
  return {{"generator", "beian-samples"}, {"seed", seed}, {"images", images}};
}

GeneratorSummary generate_orders(const GeneratorOptions& options, const std::filesystem::path& out) {
  std::vector<GeneratedOrder> orders(static_cast<size_t>(std::max(0, options.orders)));
  std::atomic<int> next{0};
  std::mutex error_mutex;
  std::exception_ptr error;
  auto work = [&] {
    TextPainter painter;  // one per thread: FreeType objects are not thread-safe
    for (int i; (i = next++) < options.orders;) {
      try {
        GeneratedOrder order = build_order(i, options.order, painter);
        const auto folder = out / order.order_id;
        write_file_atomic(folder / "order.json", order.manifest.dump(2) + "\n");
        for (auto& img : order.images) {
          write_file_atomic(folder / img.file,
                            std::string_view(reinterpret_cast<const char*>(img.bytes.data()), img.bytes.size()));
          img.bytes.clear();
          img.bytes.shrink_to_fit();
        }
        orders[static_cast<size_t>(i)] = std::move(order);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
        next = options.orders;
      }
    }
  };
  int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  jobs = std::max(1, std::min(jobs, options.orders));
  std::vector<std::thread> threads;
  for (int t = 1; t < jobs; ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  if (error) std::rethrow_exception(error);

  GeneratorSummary summary;
  summary.orders = options.orders;
  for (const auto& o : orders) summary.images += static_cast<int>(o.images.size());
  summary.truth = options.truth_path.empty() ? out / "truth.json" : options.truth_path;
  std::filesystem::create_directories(out);
  write_file_atomic(summary.truth,
                    truth_json(orders, options.order.seed, out, summary.truth.parent_path()).dump(1) + "\n");
  return summary;
}

}  // namespace beian::samples
