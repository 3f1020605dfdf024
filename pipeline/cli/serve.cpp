// `beian serve --listen 127.0.0.1:8080 --data DIR [--config FILE] [--dev]`: the upload service.
#include <csignal>
#include <iostream>

#include "beian/server.h"
#include "pipeline/base/log.h"
#include "pipeline/cli/command.h"

namespace beian::cli {
namespace {

struct ServeArgs {
  std::string listen;
  std::string data;
  std::string config;
  std::string public_url;
  bool dev = false;
};

UploadServer* g_server = nullptr;  // for the signal handler only

extern "C" void on_signal(int) {
  // UploadServer::stop() only flips an atomic and shuts the listening socket down.
  if (g_server) g_server->stop();
}

int run(const ServeArgs& args) {
  ServerOptions options;
  if (!args.config.empty()) {
    if (const std::string err = load_server_config(args.config, options); !err.empty()) {
      std::cerr << "beian serve: " << err << "\n";
      return kExitUsage;
    }
  }
  if (!args.listen.empty()) {
    if (const std::string err = parse_listen_address(args.listen, options); !err.empty()) {
      std::cerr << "beian serve: " << err << "\n";
      return kExitUsage;
    }
  }
  if (!args.data.empty()) options.data_dir = args.data;
  if (!args.public_url.empty()) options.public_url = args.public_url;
  if (args.dev) options.dev_mode = true;
  if (const std::string err = load_server_secrets_from_environment(options); !err.empty()) {
    std::cerr << "beian serve: " << err << "\n";
    return kExitUsage;
  }
  auto started = UploadServer::start(options);
  if (!started.value) {
    std::cerr << "beian serve: " << started.error << "\n";
    return kExitUsage;
  }
  g_server = started.value.get();
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  // Tests and scripts read this line to learn the port chosen for --listen HOST:0.
  std::cout << "listening on " << started.value->base_url() << std::endl;
  started.value->wait();
  g_server = nullptr;
  log().info("stopped");
  return kExitOk;
}

std::function<int()> setup(CLI::App& app, const GlobalOptions&) {
  auto args = std::make_shared<ServeArgs>();
  auto* cmd = app.add_subcommand(
      "serve",
      "Run the upload service: phones upload documents through signed, expiring links (QR codes)\n"
      "and get an answer within seconds; signed documents come back as scans and are filed by\n"
      "their QR code. Secrets come from the config file (token_secret_file, qr_secret_file,\n"
      "api_key_file) or the environment (BEIAN_TOKEN_SECRET[_FILE], BEIAN_QR_SECRET[_FILE],\n"
      "BEIAN_API_KEY[_FILE]). See docs/server.md.\n"
      "Exit: 0 stopped by a signal, 2 bad configuration or the port cannot be bound.");
  cmd->add_option("--listen", args->listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 = any free port)");
  cmd->add_option("--data", args->data, "Folder for the database and stored files (required unless in --config)");
  cmd->add_option("--config", args->config, "JSON configuration file (see docs/server.md)");
  cmd->add_option("--public-url", args->public_url, "Address phones use, for the links in QR codes (default http://HOST:PORT)");
  cmd->add_flag("--dev", args->dev,
                "Development mode: generate missing secrets into DATA/dev-secrets.json (never in production)");
  return [args] { return run(*args); };
}

BEIAN_REGISTER_COMMAND(60, setup);

}  // namespace
}  // namespace beian::cli
