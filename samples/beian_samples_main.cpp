// beian-samples: writes specimen filing orders with their truth (see docs/samples.md).
//   beian-samples --orders 20 --out /tmp/s --seed 7 [--levels clean,photo,hard]
#include <chrono>
#include <iostream>

#include <CLI/CLI.hpp>

#include "pipeline/base/text.h"
#include "samples/gallery.h"
#include "samples/generator.h"

int main(int argc, char** argv) {
  using namespace beian::samples;
  CLI::App app{"beian-samples — generates specimen ICP filing orders (样本/SPECIMEN documents, verification\n"
               "photos, order.json) and truth.json for `beian eval`. Deterministic for a seed.\n"
               "Exit codes: 0 ok, 1 failed, 2 usage error."};
  GeneratorOptions options;
  std::string out, levels = "clean,photo,hard", date, gallery;
  uint64_t seed = 1;
  app.add_option("--orders", options.orders, "Number of orders")->check(CLI::Range(1, 100000))->capture_default_str();
  app.add_option("--out", out, "Output folder for the orders and truth.json");
  std::string truth;
  app.add_option("--truth", truth, "Where to write truth.json (default OUT/truth.json); image paths are relative to it");
  app.add_option("--gallery", gallery, "Instead of orders, write one small PNG per document type and level to this folder");
  app.add_option("--seed", seed, "Random seed")->capture_default_str();
  app.add_option("--levels", levels, "Degradation levels used in turn: clean, photo, hard")->capture_default_str();
  app.add_option("--date", date, "Latest filing date YYYY-MM-DD (default 2026-11-22); documents are valid on it");
  app.add_option("--invalid-rate", options.order.invalid_rate, "Share of orders with one invalid variant")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  app.add_flag("--no-portraits", [&](int64_t) { options.order.portraits = false; }, "Leave out verification photos");
  app.add_option("--jobs", options.jobs, "Worker threads (0 = all cores)")->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (out.empty() == gallery.empty()) {
    std::cerr << "beian-samples: give exactly one of --out or --gallery (see --help)\n";
    return 2;
  }
  options.order.seed = seed;
  options.truth_path = truth;
  options.order.levels.clear();
  for (const auto& name : beian::split(levels, ',')) {
    const auto level = parse_level(beian::trim(name));
    if (!level) {
      std::cerr << "beian-samples: unknown level '" << name << "' (use clean, photo, hard)\n";
      return 2;
    }
    options.order.levels.push_back(*level);
  }
  if (!date.empty()) {
    const auto d = beian::Date::parse(date);
    if (!d) {
      std::cerr << "beian-samples: --date '" << date << "' is not a date (YYYY-MM-DD)\n";
      return 2;
    }
    options.order.reference = *d;
  }
  try {
    if (!gallery.empty()) {
      const auto files = write_gallery(gallery, seed);
      std::cout << "wrote " << files.size() << " preview images to " << gallery << "\n";
      return 0;
    }
    const auto start = std::chrono::steady_clock::now();
    const GeneratorSummary s = generate_orders(options, out);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "wrote " << s.orders << " orders, " << s.images << " images and " << s.truth.string() << " in "
              << seconds << " s\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "beian-samples: " << e.what() << "\n";
    return 1;
  }
}
