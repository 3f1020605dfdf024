// beian::UploadServer: the HTTP front of UploadService on cpp-httplib. Routing, transport
// limits, security headers, the static upload page, and request logging with tokens removed.
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <regex>
#include <thread>

#include "beian/server.h"
#include "pipeline/base/atomic_file.h"
#include "pipeline/base/data_dir.h"
#include "pipeline/base/log.h"
#include "pipeline/base/messages.h"
#include "pipeline/server/crypto.h"
#include "pipeline/server/http_lib.h"
#include "pipeline/server/upload_service.h"

namespace beian {
namespace {

using server::ApiReply;
using server::error_reply;

constexpr size_t kMaxJsonBody = 1024 * 1024;     // manifests and link requests
constexpr size_t kMultipartOverhead = 64 * 1024; // boundaries and part headers around one image

// The files the service serves besides the API: a fixed list, never a path from the request.
struct StaticFile {
  const char* url;
  const char* data_file;   // under templates/
  const char* content_type;
};
constexpr StaticFile kStaticFiles[] = {
    {"/static/upload.js", "web/upload.js", "text/javascript; charset=utf-8"},
    {"/static/upload.css", "web/upload.css", "text/css; charset=utf-8"},
};
constexpr const char* kUploadPage = "web/upload.html";

// Removes tokens from a path before it is logged: "/u/<token>/files" → "/u/…/files".
std::string redact_path(const std::string& path) {
  static const std::regex token_part("^/u/[^/]+");
  return std::regex_replace(path, token_part, "/u/…");
}

void send(httplib::Response& res, const ApiReply& reply) {
  res.status = reply.status;
  if (reply.retry_after > 0) res.set_header("Retry-After", std::to_string(reply.retry_after));
  if (!reply.download_name.empty())
    res.set_header("Content-Disposition", "attachment; filename=\"" + reply.download_name + "\"");
  if (!reply.content_type.empty()) res.set_content(reply.bytes, reply.content_type.c_str());
  else res.set_content(reply.body.dump(), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const Finding& f) { send(res, error_reply(status, f)); }

// Missing secrets in development mode: generated once, kept in DATA/dev-secrets.json (0600).
std::string fill_dev_secrets(ServerOptions& o) {
  namespace fs = std::filesystem;
  const fs::path file = o.data_dir / "dev-secrets.json";
  nlohmann::json j = nlohmann::json::object();
  std::error_code ec;
  if (fs::exists(file, ec)) {
    try {
      j = load_json_file(file);
    } catch (const std::exception& e) {
      return e.what();
    }
  }
  bool changed = false;
  for (auto [key, secret] : {std::pair<const char*, std::string*>{"token_secret", &o.token_secret},
                             {"qr_secret", &o.qr_secret},
                             {"api_key", &o.api_key}}) {
    if (!secret->empty()) continue;
    if (!j.contains(key)) {
      j[key] = server::to_hex(server::random_bytes(32));
      changed = true;
    }
    *secret = j[key].get<std::string>();
  }
  if (changed) {
    write_file_atomic(file, j.dump(2));
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ec);
  }
  log().warn("development mode: secrets missing from the configuration are taken from {} — never use this in production",
             file.string());
  return {};
}

std::string validate(ServerOptions& o) {
  if (o.data_dir.empty()) return "the data folder (--data) is required";
  std::error_code ec;
  std::filesystem::create_directories(o.data_dir, ec);
  if (ec) return o.data_dir.string() + ": cannot create the data folder: " + ec.message();
  if (o.dev_mode) {
    const std::string err = fill_dev_secrets(o);
    if (!err.empty()) return err;
  }
  if (o.token_secret.size() < server::TokenSigner::kMinSecretBytes)
    return "the upload-link secret (token_secret_file / BEIAN_TOKEN_SECRET) is missing or shorter than 32 bytes";
  if (o.qr_secret.size() < 16) return "the QR secret (qr_secret_file / BEIAN_QR_SECRET) is missing or shorter than 16 bytes";
  if (o.api_key.size() < 16) return "the API key (api_key_file / BEIAN_API_KEY) is missing or shorter than 16 bytes";
  if (o.port < 0 || o.port > 65535) return "port must be 0-65535";
  if (o.uploads_per_minute <= 0 || o.upload_burst < 1) return "uploads_per_minute must be > 0 and upload_burst >= 1";
  if (o.link_ttl_minutes < 1 || o.max_link_ttl_minutes < o.link_ttl_minutes)
    return "link_ttl_minutes must be >= 1 and <= max_link_ttl_minutes";
  if (o.threads < 1 || o.threads > 256) return "threads must be 1-256";
  o.engine.max_file_bytes = o.max_upload_bytes;
  o.engine.max_megapixels = o.max_megapixels;
  return {};
}

}  // namespace

struct UploadServer::Impl {
  ServerOptions options;
  std::unique_ptr<server::Store> store;
  std::unique_ptr<server::EngineAdapter> engine;
  std::unique_ptr<server::UploadService> service;
  httplib::Server http;
  std::map<std::string, std::pair<std::string, std::string>> static_files;  // url → (bytes, type)
  std::string upload_page;
  int port = 0;
  std::string base_url;
  std::thread listener;
  std::thread recovery;
  std::atomic<bool> stopped{false};
  std::mutex join_mutex;  // wait() may be called from several threads

  void routes();
  bool api_authorised(const httplib::Request& req, httplib::Response& res) {
    if (service->api_key_ok(req.get_header_value("Authorization"))) return true;
    log().warn("{} {}: refused, missing or wrong API key", req.method, redact_path(req.path));
    send_error(res, 401, make_finding("SERVER_UNAUTHORISED"));
    return false;
  }
};

namespace {

// The image of an upload request: a multipart form's "file" part, or the raw body.
std::string_view upload_bytes(const httplib::Request& req) {
  if (req.is_multipart_form_data()) {
    const auto it = req.files.find("file");
    return it == req.files.end() ? std::string_view() : std::string_view(it->second.content);
  }
  return req.body;
}

std::string upload_slot(const httplib::Request& req) {
  if (req.has_param("slot")) return req.get_param_value("slot");
  if (req.is_multipart_form_data()) {
    const auto it = req.files.find("slot");
    if (it != req.files.end()) return it->second.content;
  }
  return {};
}

}  // namespace

void UploadServer::Impl::routes() {
  auto& svc = *service;
  const std::string token = "([A-Za-z0-9_.-]{1,600})";
  const std::string order = "([A-Za-z0-9_-]{1,64})";

  http.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status":"ok"})", "application/json");
  });

  // The upload page: the same static HTML for every token; its script reads the token from
  // the address, so nothing from the request is ever written into the page.
  http.Get("/u/" + token, [this](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
                   "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    res.set_content(upload_page, "text/html; charset=utf-8");
  });
  http.Get("/u/" + token + "/status", [&svc](const httplib::Request& req, httplib::Response& res) {
    send(res, svc.link_status(req.matches[1]));
  });
  http.Get("/u/" + token + "/qr\\.(png|svg)", [&svc](const httplib::Request& req, httplib::Response& res) {
    send(res, svc.link_qr(req.matches[1], req.matches[2]));
  });
  http.Post("/u/" + token + "/files", [&svc](const httplib::Request& req, httplib::Response& res) {
    send(res, svc.upload(req.matches[1], upload_slot(req), upload_bytes(req)));
  });
  for (const auto& f : kStaticFiles) {
    http.Get(std::regex_replace(f.url, std::regex("\\."), "\\."), [this, url = std::string(f.url)](
                                                                       const httplib::Request&, httplib::Response& res) {
      const auto& [bytes, type] = static_files.at(url);
      res.set_content(bytes, type.c_str());
    });
  }

  // The provider's API (API key).
  http.Post("/api/orders", [this, &svc](const httplib::Request& req, httplib::Response& res) {
    if (!api_authorised(req, res)) return;
    if (req.body.size() > kMaxJsonBody)
      return send_error(res, 413, make_finding("SERVER_BODY_TOO_LARGE", {{"limit", std::to_string(kMaxJsonBody)}}));
    send(res, svc.create_order(req.body));
  });
  http.Get("/api/orders/" + order, [this, &svc](const httplib::Request& req, httplib::Response& res) {
    if (api_authorised(req, res)) send(res, svc.order_report(req.matches[1]));
  });
  http.Get("/api/orders/" + order + "/uploads", [this, &svc](const httplib::Request& req, httplib::Response& res) {
    if (api_authorised(req, res)) send(res, svc.order_uploads(req.matches[1]));
  });
  http.Post("/api/orders/" + order + "/upload-links", [this, &svc](const httplib::Request& req, httplib::Response& res) {
    if (!api_authorised(req, res)) return;
    if (req.body.size() > kMaxJsonBody)
      return send_error(res, 413, make_finding("SERVER_BODY_TOO_LARGE", {{"limit", std::to_string(kMaxJsonBody)}}));
    send(res, svc.create_link(req.matches[1], req.body));
  });
  http.Get("/api/orders/" + order + "/documents", [this, &svc](const httplib::Request& req, httplib::Response& res) {
    if (api_authorised(req, res)) send(res, svc.list_documents(req.matches[1]));
  });
  http.Get("/api/orders/" + order + "/documents/([A-Za-z0-9_.-]{1,100})",
           [this, &svc](const httplib::Request& req, httplib::Response& res) {
             if (api_authorised(req, res)) send(res, svc.get_document(req.matches[1], req.matches[2]));
           });
  // Uploads addressed to an order by a PC client: the upload token is the bearer credential,
  // and it must belong to this order.
  http.Post("/api/orders/" + order + "/files", [&svc](const httplib::Request& req, httplib::Response& res) {
    const std::string auth = req.get_header_value("Authorization");
    const std::string bearer = auth.rfind("Bearer ", 0) == 0 ? auth.substr(7) : "";
    send(res, svc.upload(bearer, upload_slot(req), upload_bytes(req), std::string(req.matches[1])));
  });

  http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    // cpp-httplib refuses a form-urlencoded body over 8 KB with 413 before any handler runs;
    // that is what `curl --data-binary` without a Content-Type sends. Say so, not "too large".
    const std::string type = req.get_header_value("Content-Type");
    if (res.status == 413 && (type.empty() || type.rfind("application/x-www-form-urlencoded", 0) == 0))
      send_error(res, 400, make_finding("SERVER_BAD_REQUEST", {{"reason", "send the image as multipart/form-data (field \"file\") or as the raw body with its image Content-Type, not form-urlencoded"}}));
    else if (res.status == 413)
      send_error(res, 413, make_finding("SERVER_BODY_TOO_LARGE", {{"limit", std::to_string(options.max_upload_bytes)}}));
    else if (res.status == 404) send_error(res, 404, make_finding("SERVER_NOT_FOUND"));
    else if (res.status >= 400 && res.status < 500)
      send_error(res, res.status, make_finding("SERVER_BAD_REQUEST", {{"reason", "HTTP " + std::to_string(res.status)}}));
  });
  http.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    log().error("{} {}: internal error: {}", req.method, redact_path(req.path), what);
    send_error(res, 500, make_finding("SERVER_INTERNAL"));
  });
  http.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
  });
  http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    log().debug("{} {} → {}", req.method, redact_path(req.path), res.status);
  });
}

UploadServer::Started UploadServer::start(const ServerOptions& given) {
  Started started;
  auto impl = std::make_unique<Impl>();
  impl->options = given;
  ServerOptions& o = impl->options;
  try {
    if (std::string err = validate(o); !err.empty()) {
      started.error = err;
      return started;
    }
    impl->store = std::make_unique<server::Store>(o.data_dir / "beian.db");
    auto engine = server::EngineAdapter::create(o.engine, o.qr_secret);
    if (!engine.value) {
      started.error = engine.error;
      return started;
    }
    impl->engine = std::move(engine.value);
    load_message_catalogue();
    impl->upload_page = read_file_bytes(data_path(kUploadPage));
    for (const auto& f : kStaticFiles) impl->static_files[f.url] = {read_file_bytes(data_path(f.data_file)), f.content_type};

    auto& http = impl->http;
    http.set_payload_max_length(o.max_upload_bytes + kMultipartOverhead);
    http.set_read_timeout(30, 0);   // a slow phone connection uploading a large photo
    http.set_write_timeout(30, 0);
    http.set_keep_alive_max_count(100);
    const int threads = o.threads;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    if (o.port == 0) {
      impl->port = http.bind_to_any_port(o.host);
      if (impl->port <= 0) {
        started.error = "cannot bind to " + o.host + " (any port)";
        return started;
      }
    } else {
      if (!http.bind_to_port(o.host, o.port)) {
        started.error = "cannot bind to " + o.host + ":" + std::to_string(o.port) + " (in use, or not a local address)";
        return started;
      }
      impl->port = o.port;
    }
    impl->base_url = o.public_url.empty() ? "http://" + o.host + ":" + std::to_string(impl->port) : o.public_url;
    while (!impl->base_url.empty() && impl->base_url.back() == '/') impl->base_url.pop_back();
    impl->service = std::make_unique<server::UploadService>(o, *impl->store, *impl->engine, impl->base_url);
    impl->routes();
    Impl* raw = impl.get();
    impl->listener = std::thread([raw] { raw->http.listen_after_bind(); });
    impl->recovery = std::thread([raw] {
      const int n = raw->service->recover_unfinished();
      if (n > 0) log().info("recovered {} upload(s) left unprocessed by an earlier run", n);
    });
    // Return once the server accepts requests.
    for (int i = 0; i < 500 && !http.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    log().info("serving on {}:{} (data {}, journal {})", o.host, impl->port, o.data_dir.string(), impl->store->journal_mode());
  } catch (const std::exception& e) {
    started.error = e.what();
    if (impl->listener.joinable()) {
      impl->http.stop();
      impl->listener.join();
    }
    if (impl->recovery.joinable()) impl->recovery.join();
    return started;
  }
  started.value.reset(new UploadServer(std::move(impl)));
  return started;
}

UploadServer::UploadServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

UploadServer::~UploadServer() {
  stop();
  wait();
  if (impl_->recovery.joinable()) impl_->recovery.join();
}

int UploadServer::port() const { return impl_->port; }
std::string UploadServer::base_url() const { return impl_->base_url; }

void UploadServer::stop() {
  if (!impl_->stopped.exchange(true)) impl_->http.stop();
}

void UploadServer::wait() {
  std::lock_guard lock(impl_->join_mutex);
  if (impl_->listener.joinable()) impl_->listener.join();
}

}  // namespace beian
