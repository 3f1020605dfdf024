// `beian extract IMAGE... [--type auto|id_front|id_back|...] [--json]`: classifies and reads
// each image through the Engine API and prints, per image, the document result
// {"file","type","type_confidence","fields","findings","timings_ms"} — the same object the
// read stage stores in report.json.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "beian/engine.h"
#include "beian/json.h"
#include "pipeline/base/data_dir.h"
#include "pipeline/cli/command.h"

namespace beian::cli {
namespace {

struct ExtractArgs {
  std::vector<std::string> images;
  std::string type = "auto";
  bool json = false;
};

void print_text(const DocumentResult& r) {
  std::printf("%s: %s (%s, confidence %.2f)\n", r.file.c_str(), std::string(display_name_zh(r.type)).c_str(),
              std::string(to_string(r.type)).c_str(), r.type_confidence);
  for (const auto& [name, value] : r.fields) {
    if (value.present()) std::printf("  %-20s %s  (%.2f)\n", name.c_str(), value.value.c_str(), value.confidence);
    else std::printf("  %-20s -  (%s)\n", name.c_str(), value.missing_reason.c_str());
  }
  for (const auto& f : r.findings)
    std::printf("  [%s] %s%s%s\n", std::string(to_string(f.severity)).c_str(), f.code.c_str(),
                f.field.empty() ? "" : (" " + f.field).c_str(), (": " + f.message_zh).c_str());
  for (const auto& [step, ms] : r.timings_ms)
    if (step == "total") std::printf("  %.0f ms\n", ms);
  std::fflush(stdout);
}

int run(const ExtractArgs& args) {
  std::optional<DocumentType> hint;
  if (args.type != "auto") {
    hint = parse_document_type(args.type);
    if (!hint) {
      std::cerr << "beian extract: unknown --type '" << args.type << "'\n";
      return kExitUsage;
    }
  }
  auto created = Engine::create(EngineOptions{});
  if (!created.value) {
    std::cerr << "beian extract: " << created.error << "\n";
    return kExitFailed;
  }
  const Engine& engine = *created.value;
  nlohmann::json all = nlohmann::json::array();
  bool failed = false;
  for (const auto& image : args.images) {
    std::string bytes;
    try {
      bytes = read_file_bytes(image);
    } catch (const std::exception& e) {
      std::cerr << "beian extract: " << e.what() << "\n";
      failed = true;
      continue;
    }
    const DocumentResult r = engine.read_document(bytes, std::filesystem::path(image).filename().string(), hint);
    // An image that could not even be decoded counts as not processed.
    for (const auto& f : r.findings)
      failed = failed || f.code.rfind("FILE_", 0) == 0 || f.code == "IMAGE_TOO_MANY_PIXELS";
    if (args.json) all.push_back(r);
    else print_text(r);
  }
  if (args.json) std::cout << (all.size() == 1 ? all[0] : all).dump(2) << "\n";
  return failed ? kExitFailed : kExitOk;
}

std::function<int()> setup(CLI::App& app, const GlobalOptions&) {
  auto args = std::make_shared<ExtractArgs>();
  auto* cmd = app.add_subcommand(
      "extract",
      "Classify and read document images (ID card sides and the other supported documents).\n"
      "Prints each image's type, fields with confidences, findings and timings.");
  cmd->add_option("images", args->images, "Image files (JPEG, PNG, WebP, TIFF, BMP)")->required();
  cmd->add_option("--type", args->type,
                  "What the images are: auto (classify), id_front, id_back, or any other document type id")
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "Print JSON (one object per image; an array for several images)");
  return [args] { return run(*args); };
}

BEIAN_REGISTER_COMMAND(25, setup);

}  // namespace
}  // namespace beian::cli
