// ServerOptions from a configuration file and the environment (beian/server.h).
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "beian/server.h"
#include "pipeline/base/data_dir.h"
#include "pipeline/base/data_file.h"

namespace beian {
namespace {

// The contents of a secret file, one trailing newline removed; "" with *error on failure.
std::string read_secret_file(const std::filesystem::path& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path.string() + ": cannot read the secret file";
    return {};
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  if (!s.empty() && s.back() == '\n') s.pop_back();
  if (!s.empty() && s.back() == '\r') s.pop_back();
  if (s.empty()) *error = path.string() + ": the secret file is empty";
  return s;
}

// Fills `secret` from VAR or the file named by VAR_FILE when it is still empty.
std::string secret_from_environment(const char* var, std::string& secret) {
  if (!secret.empty()) return {};
  if (const char* v = std::getenv(var); v && *v) {
    secret = v;
    return {};
  }
  const std::string file_var = std::string(var) + "_FILE";
  if (const char* f = std::getenv(file_var.c_str()); f && *f) {
    std::string error;
    secret = read_secret_file(f, &error);
    if (!error.empty()) return file_var + ": " + error;
  }
  return {};
}

}  // namespace

std::string parse_listen_address(const std::string& text, ServerOptions& options) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    return "listen address '" + text + "' must be HOST:PORT, e.g. 127.0.0.1:8080";
  const std::string port = text.substr(colon + 1);
  if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535)
    return "listen address '" + text + "': port must be 0-65535";
  options.host = text.substr(0, colon);
  options.port = std::stoi(port);
  return {};
}

std::string load_server_config(const std::filesystem::path& file, ServerOptions& options) {
  const std::string where = file.string();
  try {
    // Same strictness as the data files: duplicate keys are errors too.
    const nlohmann::json j = load_data_file(std::filesystem::absolute(file));
    check_keys(j,
               {"listen", "data_dir", "public_url", "token_secret_file", "qr_secret_file", "api_key_file", "dev_mode",
                "link_ttl_minutes", "max_link_ttl_minutes", "max_upload_bytes", "max_megapixels", "uploads_per_minute",
                "upload_burst", "threads", "engine_workers"},
               {}, where);
    if (j.contains("listen")) {
      const std::string err = parse_listen_address(get_value<std::string>(j, "listen", where), options);
      if (!err.empty()) return where + ": " + err;
    }
    // Relative paths in the file are relative to the file's folder.
    const auto base = std::filesystem::absolute(file).parent_path();
    auto path_of = [&](const std::string& key) { return base / get_value<std::string>(j, key, where); };
    if (j.contains("data_dir")) options.data_dir = path_of("data_dir");
    if (j.contains("public_url")) options.public_url = get_value<std::string>(j, "public_url", where);
    std::string error;
    if (j.contains("token_secret_file")) options.token_secret = read_secret_file(path_of("token_secret_file"), &error);
    if (error.empty() && j.contains("qr_secret_file")) options.qr_secret = read_secret_file(path_of("qr_secret_file"), &error);
    if (error.empty() && j.contains("api_key_file")) options.api_key = read_secret_file(path_of("api_key_file"), &error);
    if (!error.empty()) return where + ": " + error;
    if (j.contains("dev_mode")) options.dev_mode = get_value<bool>(j, "dev_mode", where);
    if (j.contains("link_ttl_minutes")) options.link_ttl_minutes = get_value<int>(j, "link_ttl_minutes", where);
    if (j.contains("max_link_ttl_minutes")) options.max_link_ttl_minutes = get_value<int>(j, "max_link_ttl_minutes", where);
    if (j.contains("max_upload_bytes")) {
      const double v = get_value<double>(j, "max_upload_bytes", where);
      if (v < 1024) return where + ": 'max_upload_bytes' must be at least 1024";
      options.max_upload_bytes = static_cast<uint64_t>(v);
    }
    if (j.contains("max_megapixels")) options.max_megapixels = get_value<double>(j, "max_megapixels", where);
    if (j.contains("uploads_per_minute")) options.uploads_per_minute = get_value<double>(j, "uploads_per_minute", where);
    if (j.contains("upload_burst")) options.upload_burst = get_value<double>(j, "upload_burst", where);
    if (j.contains("threads")) options.threads = get_value<int>(j, "threads", where);
    if (j.contains("engine_workers")) options.engine.workers = get_value<int>(j, "engine_workers", where);
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

std::string load_server_secrets_from_environment(ServerOptions& options) {
  for (auto [var, secret] : {std::pair<const char*, std::string*>{"BEIAN_TOKEN_SECRET", &options.token_secret},
                             {"BEIAN_QR_SECRET", &options.qr_secret},
                             {"BEIAN_API_KEY", &options.api_key}}) {
    const std::string err = secret_from_environment(var, *secret);
    if (!err.empty()) return err;
  }
  return {};
}

}  // namespace beian
