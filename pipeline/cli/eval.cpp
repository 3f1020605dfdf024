// `beian eval TRUTH.json [--images DIR] [--json]`: scores the readers against a truth file
// written by beian-samples (docs/samples.md) through the Engine API.
#include <iostream>

#include "beian/engine.h"
#include "pipeline/base/data_dir.h"
#include "pipeline/cli/command.h"
#include "pipeline/eval/harness.h"

namespace beian::cli {
namespace {

struct EvalArgs {
  std::string truth;
  std::string images;
  bool json = false;
  double confident = 0.9;
};

int run(const EvalArgs& args) {
  eval::Truth truth;
  try {
    truth = eval::load_truth(args.truth);
  } catch (const std::exception& e) {
    std::cerr << "beian eval: " << e.what() << "\n";
    return kExitUsage;
  }
  auto created = Engine::create(EngineOptions{});
  if (!created.value) {
    std::cerr << "beian eval: " << created.error << "\n";
    return kExitFailed;
  }
  const Engine& engine = *created.value;
  eval::EvalOptions options;
  options.images_root =
      args.images.empty() ? std::filesystem::path(args.truth).parent_path() : std::filesystem::path(args.images);
  options.confident = args.confident;
  const eval::Reader reader = [&engine](const std::filesystem::path& image) {
    return engine.read_document(read_file_bytes(image), image.filename().string());
  };
  eval::EvalReport report = eval::evaluate(truth, reader, options);
  report.truth_file = args.truth;
  if (args.json) {
    std::cout << report.to_json().dump(2) << "\n";
  } else {
    std::cout << report.to_table();
  }
  int unreadable = 0;
  for (const auto& g : report.groups) unreadable += g.unreadable;
  if (unreadable > 0) {
    std::cerr << "beian eval: " << unreadable << " image(s) listed in the truth could not be read\n";
    return kExitFailed;
  }
  return kExitOk;
}

std::function<int()> setup(CLI::App& app, const GlobalOptions&) {
  auto args = std::make_shared<EvalArgs>();
  auto* cmd = app.add_subcommand(
      "eval",
      "Accuracy of the readers on specimens with known truth (beian-samples' truth.json):\n"
      "per document type x level, each field's exact-match rate after normalisation, the share\n"
      "of documents with every field right, type-classification accuracy, mean/p95 time per image,\n"
      "and how often an ID number or credit code is returned wrong with high confidence.\n"
      "Exit: 0 evaluated, 1 some listed image could not be read, 2 usage error or invalid truth file.");
  cmd->add_option("TRUTH", args->truth, "truth.json written by beian-samples")->required();
  cmd->add_option("--images", args->images, "Folder the truth's image paths are relative to (default: the truth file's folder)");
  cmd->add_flag("--json", args->json, "Print the report as JSON (schema beian.eval/1) instead of a table");
  cmd->add_option("--confident", args->confident, "Confidence from which a wrong value counts as a confident error")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  return [args] { return run(*args); };
}

BEIAN_REGISTER_COMMAND(70, setup);

}  // namespace
}  // namespace beian::cli
