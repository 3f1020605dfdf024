// The order service's use of beian, in a few lines: create one Engine, process an upload
// folder, look at the verdict. Exits non-zero when anything is off, so the install test fails.
#include <beian/engine.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: order_service UPLOAD_FOLDER OUT_FOLDER\n";
    return 2;
  }
  if (beian::version() != EXPECTED_VERSION) {
    std::cerr << "version mismatch: library " << beian::version() << ", package " << EXPECTED_VERSION << "\n";
    return 1;
  }
  auto engine = beian::Engine::create({});
  if (!engine.value) {
    std::cerr << "engine: " << engine.error << "\n";
    return 1;
  }
  const beian::OrderReport report = engine.value->process_folder(argv[1], argv[2]);
  std::cout << "order " << report.order_id << ": " << beian::to_string(report.verdict) << ", "
            << report.uploads.size() << " upload(s), " << report.count(beian::Severity::kError) << " error(s)\n";
  return report.processed ? 0 : 1;
}
