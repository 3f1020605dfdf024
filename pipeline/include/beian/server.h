// beian's upload service: applicants start on a PC, scan a QR code, take the photos on their
// phone and get an answer within seconds; the signed documents come back as scans and are
// filed by their QR code. See docs/server.md for the HTTP API.
//
//   beian::ServerOptions options = beian::load_server_config("beian-serve.json");  // or fill by hand
//   options.data_dir = "/var/lib/beian";
//   auto started = beian::UploadServer::start(options);   // check started.error
//   started.value->wait();                                 // until stop() or a signal
//
// Thread safety: start() may be called from any thread; stop() and port() from any thread,
// also while wait() blocks in another. Errors: start() never throws for bad configuration;
// it returns the reason, naming the setting or file at fault.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "beian/engine.h"

namespace beian {

struct ServerOptions {
  // Address to listen on. Default 127.0.0.1 (put a TLS reverse proxy in front for phones).
  std::string host = "127.0.0.1";
  // Port; 0 picks a free one (see UploadServer::port()). Default 8080.
  int port = 8080;
  // Folder for the database (beian.db, SQLite in WAL mode) and every stored file. Required.
  std::filesystem::path data_dir;
  // The address phones use, for the links inside QR codes. Default "" = http://host:port.
  std::string public_url;

  // Secrets (raw bytes). token_secret signs upload links (>= 32 bytes); qr_secret verifies the
  // QR codes printed on rendered documents (>= 16 bytes, the renderer's BEIAN_QR_SECRET);
  // api_key guards /api/* (sent as "Authorization: Bearer <key>", >= 16 bytes). All three are
  // required unless dev_mode. Default: empty.
  std::string token_secret;
  std::string qr_secret;
  std::string api_key;
  // Development mode: missing secrets are generated once and kept in DATA/dev-secrets.json
  // (mode 0600), and a warning says so at every start. Never for production. Default false.
  bool dev_mode = false;

  // Upload links: lifetime when the request names none, and the longest allowed.
  // Defaults 1440 minutes (one day) and 10080 (one week).
  int link_ttl_minutes = 1440;
  int max_link_ttl_minutes = 10080;
  // Largest accepted upload (the whole request body, bytes) and image size. Defaults 25 MB
  // and 40 megapixels (the Engine's limits).
  uint64_t max_upload_bytes = 25ull * 1024 * 1024;
  double max_megapixels = 40.0;
  // Per-link upload rate: tokens per minute and burst. Defaults 30 per minute, burst 10.
  double uploads_per_minute = 30.0;
  double upload_burst = 10.0;
  // HTTP worker threads. Default 8 (uploads wait on OCR; the Engine bounds the OCR workers).
  int threads = 8;

  // The Engine that reads documents, checks photos and renders PDFs.
  EngineOptions engine;
};

// Reads a JSON configuration file into `options` (members it names replace the defaults).
// Keys: listen ("host:port"), data_dir, public_url, token_secret_file, qr_secret_file,
// api_key_file, dev_mode, link_ttl_minutes, max_link_ttl_minutes, max_upload_bytes,
// max_megapixels, uploads_per_minute, upload_burst, threads, engine_workers.
// Unknown keys are errors. Returns "" on success, else the reason naming the file and key.
std::string load_server_config(const std::filesystem::path& file, ServerOptions& options);

// Fills empty secrets from the environment: BEIAN_TOKEN_SECRET / BEIAN_TOKEN_SECRET_FILE,
// BEIAN_QR_SECRET / BEIAN_QR_SECRET_FILE, BEIAN_API_KEY / BEIAN_API_KEY_FILE (a *_FILE variable
// names a file holding the secret; one trailing newline is removed). Returns "" or the reason.
std::string load_server_secrets_from_environment(ServerOptions& options);

// Parses "host:port" (IPv4 or a name; port 0-65535). Returns "" or the reason.
std::string parse_listen_address(const std::string& text, ServerOptions& options);

class UploadServer {
 public:
  struct Started {
    std::unique_ptr<UploadServer> value;  // null on failure
    std::string error;                    // why, naming the setting or file at fault
  };
  // Opens the database, loads the Engine, binds the port and starts serving in background
  // threads; returns once requests are accepted. Uploads stored but not processed by an earlier
  // run (a crash) are processed again in the background.
  static Started start(const ServerOptions& options);

  // Stops serving (waits for requests in progress) and closes the database.
  ~UploadServer();
  UploadServer(const UploadServer&) = delete;
  UploadServer& operator=(const UploadServer&) = delete;

  // The bound port (the chosen one when options.port was 0).
  int port() const;
  // "http://127.0.0.1:8080" (or options.public_url).
  std::string base_url() const;
  // Asks the server to stop; wait() then returns. Safe to call more than once.
  void stop();
  // Blocks until the server has stopped.
  void wait();

  struct Impl;

 private:
  explicit UploadServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace beian
