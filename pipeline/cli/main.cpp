// The `beian` CLI: global options, then one subcommand (each in its own file).
#include <algorithm>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <vector>

#include <opencv2/core/utility.hpp>

#include "beian/version.h"
#include "pipeline/base/log.h"
#include "pipeline/cli/command.h"

namespace beian::cli {
namespace {

std::vector<std::pair<int, CommandSetup>>& registry() {
  static std::vector<std::pair<int, CommandSetup>> commands;
  return commands;
}

}  // namespace

CommandRegistration::CommandRegistration(int order, CommandSetup setup) {
  registry().emplace_back(order, std::move(setup));
}

}  // namespace beian::cli

int main(int argc, char** argv) {
  using namespace beian::cli;
  CLI::App app{
      "beian — pre-review of China ICP website-filing (网站备案) materials.\n"
      "Reads ID cards, licences, passports and permits, checks backdrop photos, applies the\n"
      "filing rules and renders the documents to sign.\n\n"
      "Exit codes: 0 = processed (whatever the findings), 1 = some input could not be processed,\n"
      "2 = usage error or invalid input data.\n"
      "Environment: BEIAN_OPENCV_THREADS=N caps the threads OpenCV uses inside one document\n"
      "(default: OpenCV's choice, or 1 when `process` runs several orders at once)."};
  // Read before any image work. scripts/tsan.sh sets it to 1: OpenCV's TBB hand-offs are
  // invisible to ThreadSanitizer.
  if (const char* n = std::getenv("BEIAN_OPENCV_THREADS"); n && *n) cv::setNumThreads(std::max(0, std::atoi(n)));
  app.set_version_flag("--version", std::string("beian ") + BEIAN_VERSION_STRING);
  GlobalOptions global;
  app.add_flag("-q,--quiet", global.quiet, "Log errors only");
  app.add_flag("-v,--verbose", global.verbose, "Log debug details");
  app.require_subcommand(1);

  auto& commands = registry();
  std::stable_sort(commands.begin(), commands.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::function<int()>> actions;
  std::vector<CLI::App*> subs;
  for (auto& [order, setup] : commands) {
    const size_t before = app.get_subcommands({}).size();
    actions.push_back(setup(app, global));
    auto all = app.get_subcommands({});
    subs.push_back(all.size() > before ? all.back() : nullptr);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  beian::set_log_level(global.quiet ? spdlog::level::err : global.verbose ? spdlog::level::debug : spdlog::level::info);
  for (size_t i = 0; i < subs.size(); ++i) {
    if (subs[i] && subs[i]->parsed()) {
      try {
        return actions[i]();
      } catch (const std::exception& e) {
        std::cerr << "beian: " << e.what() << "\n";
        return kExitFailed;
      }
    }
  }
  return kExitUsage;
}
