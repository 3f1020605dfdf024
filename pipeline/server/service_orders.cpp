// UploadService: the provider-facing operations (/api/*): orders, links, reports, documents.
#include <ctime>

#include "beian/json.h"
#include "pipeline/base/data_dir.h"
#include "pipeline/base/log.h"
#include "pipeline/base/messages.h"
#include "pipeline/server/crypto.h"
#include "pipeline/server/link_qr.h"
#include "pipeline/server/upload_service.h"

namespace beian::server {
namespace {

std::string iso_utc(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

ApiReply bad_request(const std::string& reason) {
  return error_reply(400, make_finding("SERVER_BAD_REQUEST", {{"reason", reason}}));
}

ApiReply order_not_found(const std::string& order_id) {
  // The id is echoed only when it is a valid id (never arbitrary client text).
  return error_reply(404, make_finding("SERVER_ORDER_NOT_FOUND", {{"order", is_valid_order_id(order_id) ? order_id : "?"}}));
}

}  // namespace

ApiReply error_reply(int status, const Finding& finding) {
  ApiReply r;
  r.status = status;
  nlohmann::json f = finding;
  r.body = {{"error", f}};
  return r;
}

UploadService::UploadService(const ServerOptions& options, Store& store, const EngineAdapter& engine, std::string base_url)
    : options_(options),
      store_(store),
      engine_(engine),
      base_url_(std::move(base_url)),
      signer_(TokenSigner::create(options.token_secret).value()),
      workspace_(options.data_dir, store, engine),
      processor_(engine, options.max_upload_bytes, options.max_megapixels),
      limiter_(options.uploads_per_minute, options.upload_burst) {}

bool UploadService::api_key_ok(std::string_view authorization) const {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.substr(0, kBearer.size()) != kBearer) return false;
  // Compare digests so the comparison's time does not even depend on the key's length.
  return constant_time_equal(hmac_sha256("api-key", authorization.substr(kBearer.size())),
                             hmac_sha256("api-key", options_.api_key));
}

std::optional<Order> UploadService::load_order(const std::string& order_id) {
  if (!is_valid_order_id(order_id)) return std::nullopt;
  const auto row = store_.find_order(order_id);
  if (!row) return std::nullopt;
  ParsedOrder parsed = parse_order_manifest(row->manifest_json, "order " + order_id);
  if (!parsed.ok()) throw std::runtime_error("stored manifest of order " + order_id + " no longer parses");
  return std::move(parsed.order);
}

nlohmann::json UploadService::link_json(const LinkRow& link, const std::string& token) {
  const std::string url = base_url_ + "/u/" + token;
  const LinkQr qr = make_link_qr(url);
  const auto role = UploadRole::parse(link.role).value_or(UploadRole{});
  return {{"link_id", link.link_id},
          {"order_id", link.order_id},
          {"role", link.role},
          {"role_label_zh", role_label_zh(role)},
          {"expires_at", iso_utc(link.expires)},
          {"token", token},
          {"url", url},
          {"qr_png_base64", base64_encode(qr.png)},
          {"qr_svg", qr.svg}};
}

ApiReply UploadService::create_order(const std::string& body) {
  ParsedOrder parsed = parse_order_manifest(body, "request body");
  if (!parsed.ok()) {
    ApiReply r;
    r.status = 422;
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& e : parsed.errors) errors.push_back({{"path", e.json_path.empty() ? "/" : e.json_path}, {"message", e.message}});
    r.body = {{"error", make_finding("SERVER_BAD_REQUEST", {{"reason", "invalid order manifest"}})}, {"errors", errors}};
    return r;
  }
  const Order& order = parsed.order;
  nlohmann::json manifest;
  to_json(manifest, order);
  if (!store_.insert_order({order.order_id, manifest.dump(), now_ms(), 0}))
    return error_reply(409, make_finding("SERVER_ORDER_EXISTS", {{"order", order.order_id}}));
  log().info("order {}: created ({} website(s))", order.order_id, order.websites.size());

  std::vector<Finding> render_findings;
  try {
    render_findings = workspace_.render_documents(order);
  } catch (const std::exception& e) {
    log().error("order {}: rendering failed: {}", order.order_id, e.what());
  }
  ApiReply link = create_link(order.order_id, R"({"role":"applicant"})");
  ApiReply r;
  r.status = 201;
  nlohmann::json docs = list_documents(order.order_id).body["documents"];
  nlohmann::json findings = render_findings;
  r.body = {{"order_id", order.order_id},
            {"report_url", "/api/orders/" + order.order_id},
            {"link", link.body},
            {"documents", docs},
            {"render_findings", findings}};
  return r;
}

ApiReply UploadService::create_link(const std::string& order_id, const std::string& body) {
  const auto order = load_order(order_id);
  if (!order) return order_not_found(order_id);
  nlohmann::json j;
  try {
    j = body.empty() ? nlohmann::json::object() : nlohmann::json::parse(body);
  } catch (const std::exception&) {
    return bad_request("the body is not JSON");
  }
  if (!j.is_object()) return bad_request("the body must be a JSON object");
  for (const auto& [k, v] : j.items())
    if (k != "role" && k != "ttl_minutes") return bad_request("unknown member '" + k + "' (allowed: role, ttl_minutes)");
  if (!j.contains("role") || !j["role"].is_string()) return bad_request("'role' (a string) is required");
  const auto role = UploadRole::parse(j["role"].get<std::string>());
  if (!role) return bad_request("unknown role (applicant, subject, subject_owner, legal_representative, website_owner:N)");
  if (role->kind == UploadRole::Kind::kWebsiteOwner && static_cast<size_t>(role->website) > order->websites.size())
    return bad_request("the order has " + std::to_string(order->websites.size()) + " website(s)");
  int ttl = options_.link_ttl_minutes;
  if (j.contains("ttl_minutes")) {
    if (!j["ttl_minutes"].is_number_integer()) return bad_request("'ttl_minutes' must be an integer");
    ttl = j["ttl_minutes"].get<int>();
    if (ttl < 1 || ttl > options_.max_link_ttl_minutes)
      return bad_request("'ttl_minutes' must be 1-" + std::to_string(options_.max_link_ttl_minutes));
  }
  LinkRow link{new_link_id(), order_id, role->to_string(), now_ms(), now_ms() / 1000 + int64_t{ttl} * 60, false};
  store_.insert_link(link);
  const std::string token = signer_.issue({order_id, *role, link.expires, link.link_id});
  log().info("order {}: upload link {} for {} (expires in {} min)", order_id, link.link_id, link.role, ttl);
  ApiReply r;
  r.status = 201;
  r.body = link_json(link, token);
  return r;
}

ApiReply UploadService::order_report(const std::string& order_id) {
  const auto order = load_order(order_id);
  if (!order) return order_not_found(order_id);
  ApiReply r;
  OrderReport report = workspace_.report(*order);
  to_json(r.body, report);
  return r;
}

ApiReply UploadService::order_uploads(const std::string& order_id) {
  const auto order = load_order(order_id);
  if (!order) return order_not_found(order_id);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& u : store_.uploads_of(order_id)) {
    nlohmann::json j = {{"upload_id", u.id},         {"slot", u.slot},     {"sha256", u.sha256},
                        {"bytes", u.bytes},          {"format", u.format}, {"state", u.state},
                        {"status", u.status},        {"document_type", u.document_type},
                        {"received_ms", u.received_ms}};
    if (u.duplicate_of) j["duplicate_of"] = *u.duplicate_of;
    if (!u.result_json.empty()) j["feedback"] = nlohmann::json::parse(u.result_json);
    list.push_back(std::move(j));
  }
  ApiReply r;
  r.body = {{"order_id", order_id}, {"uploads", list}};
  return r;
}

ApiReply UploadService::list_documents(const std::string& order_id) {
  if (!load_order(order_id)) return order_not_found(order_id);
  nlohmann::json docs = nlohmann::json::array();
  for (const auto& d : store_.documents_of(order_id))
    docs.push_back({{"name", d.name}, {"kind", d.kind}, {"website", d.website}, {"sha256", d.sha256},
                    {"url", "/api/orders/" + order_id + "/documents/" + d.name}});
  ApiReply r;
  r.body = {{"order_id", order_id}, {"documents", docs}};
  return r;
}

ApiReply UploadService::get_document(const std::string& order_id, const std::string& name) {
  if (!load_order(order_id)) return order_not_found(order_id);
  const auto path = workspace_.document_file(order_id, name);
  if (!path) return error_reply(404, make_finding("SERVER_DOCUMENT_NOT_FOUND", {{"name", "?"}}));
  ApiReply r;
  r.bytes = read_file_bytes(*path);
  r.content_type = "application/pdf";
  r.download_name = name;
  return r;
}

}  // namespace beian::server
