// Subcommand registration for the `beian` CLI. Each subcommand lives in one file that wires
// its options to the Engine API and registers itself with a static BEIAN_REGISTER_COMMAND;
// main.cpp needs no change when a subcommand is added.
#pragma once

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

namespace beian::cli {

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;        // everything was processed (whatever its findings)
inline constexpr int kExitFailed = 1;    // some input could not be processed
inline constexpr int kExitUsage = 2;     // usage error or invalid input data (e.g. a bad manifest)

// Options every subcommand sees.
struct GlobalOptions {
  bool quiet = false;     // only errors on stderr
  bool verbose = false;   // debug logging
};

// Sets up a subcommand on `app` and returns the action that runs it (called after parsing
// when that subcommand was chosen). The action returns the process exit code.
using CommandSetup = std::function<std::function<int()>(CLI::App& app, const GlobalOptions& global)>;

struct CommandRegistration {
  CommandRegistration(int order, CommandSetup setup);
};

}  // namespace beian::cli

// `order` sorts the subcommands in --help.
#define BEIAN_CONCAT_INNER(a, b) a##b
#define BEIAN_CONCAT(a, b) BEIAN_CONCAT_INNER(a, b)
#define BEIAN_REGISTER_COMMAND(order, setup) \
  static const ::beian::cli::CommandRegistration BEIAN_CONCAT(beian_command_, __LINE__)(order, setup)
