// UploadService: the operations of an upload link (/u/{token}/...): authorisation, the page's
// status, uploads (stored first, then processed) and crash recovery.
#include <chrono>

#include "ocr/image_decode.h"
#include "pipeline/base/data_dir.h"
#include "pipeline/base/log.h"
#include "pipeline/base/messages.h"
#include "pipeline/server/link_qr.h"
#include "pipeline/server/upload_service.h"
#include "pipeline/sha256.h"

namespace beian::server {
namespace {

// Echo a client-supplied slot id only when it looks like one.
std::string safe_echo(const std::string& s) {
  if (s.empty() || s.size() > 80) return "?";
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-')) return "?";
  return s;
}

nlohmann::json upload_reply_body(const UploadRow& row, const UploadFeedback& fb, const std::string& slot_label, double ms) {
  nlohmann::json j = to_json(fb);
  j["upload_id"] = row.id;
  j["slot"] = row.slot;
  j["slot_label_zh"] = slot_label;
  j["sha256"] = row.sha256;
  j["duplicate"] = row.duplicate_of.has_value();
  if (row.duplicate_of) j["duplicate_of"] = *row.duplicate_of;
  j["elapsed_ms"] = ms;
  return j;
}

}  // namespace

std::optional<UploadService::Authorised> UploadService::authorise(const std::string& token,
                                                                  const std::optional<std::string>& order_id,
                                                                  ApiReply* reply) {
  const TokenCheck check = signer_.verify(token, now_ms() / 1000);
  if (check.verdict == TokenVerdict::kMalformed || check.verdict == TokenVerdict::kForged) {
    // The claims of a token that fails its tag are not trusted, so not even they are logged.
    log().warn("upload link refused: {} token ({})", to_string(check.verdict), check.reason);
    store_.log_event("link_refused", "", "", std::string(to_string(check.verdict)) + ": " + check.reason);
    *reply = error_reply(401, make_finding("SERVER_LINK_INVALID"));
    return std::nullopt;
  }
  const UploadToken& t = check.token;
  if (check.verdict == TokenVerdict::kExpired) {
    log().warn("order {}: upload link {} refused: {}", t.order_id, t.link_id, check.reason);
    store_.log_event("link_refused", t.order_id, t.link_id, "expired: " + check.reason);
    *reply = error_reply(401, make_finding("SERVER_LINK_EXPIRED"));
    return std::nullopt;
  }
  const auto link = store_.find_link(t.link_id);
  if (!link || link->revoked || link->order_id != t.order_id || link->role != t.role.to_string()) {
    const std::string why = !link ? "unknown link" : link->revoked ? "revoked link" : "link does not match its record";
    log().warn("order {}: upload link {} refused: {}", t.order_id, t.link_id, why);
    store_.log_event("link_refused", t.order_id, t.link_id, why);
    *reply = error_reply(403, make_finding("SERVER_LINK_REVOKED"));
    return std::nullopt;
  }
  if (order_id && *order_id != t.order_id) {
    const std::string target = is_valid_order_id(*order_id) ? *order_id : "?";
    log().warn("order {}: upload link {} refused for order {}: it belongs to another order", t.order_id, t.link_id, target);
    store_.log_event("link_refused", t.order_id, t.link_id, "used for another order " + target);
    *reply = error_reply(403, make_finding("SERVER_LINK_OTHER_ORDER", {{"order", target}}));
    return std::nullopt;
  }
  return Authorised{t, *link};
}

OrderState UploadService::order_state(const Order& order) {
  OrderState s;
  s.order = &order;
  s.documents = store_.documents_of(order.order_id);
  std::vector<ReturnDocument> returns;
  for (const auto& d : s.documents) returns.push_back({d.kind, d.website});
  s.slots = upload_slots(order, returns);
  for (const auto& [slot, row] : current_uploads(store_.uploads_of(order.order_id)))
    if (row.status == "ok" || row.status == "warning") s.filled.insert(slot);
  return s;
}

nlohmann::json UploadService::slots_json(const Order& order, const UploadRole& role) {
  const OrderState state = order_state(order);
  const auto current = current_uploads(store_.uploads_of(order.order_id));
  nlohmann::json slots = nlohmann::json::array();
  int done = 0, total = 0;
  for (const auto& s : state.slots) {
    if (!role_grants(role, s)) continue;
    nlohmann::json j = {{"id", s.id},
                        {"label_zh", s.label_zh},
                        {"document", std::string(to_string(s.document))},
                        {"document_name_zh", std::string(display_name_zh(s.document))},
                        {"returned", s.returned},
                        {"status", "missing"}};
    const auto it = current.find(s.id);
    if (it != current.end() && !it->second.result_json.empty()) {
      const auto fb = nlohmann::json::parse(it->second.result_json);
      j["status"] = fb.at("status");
      j["upload_id"] = it->second.id;
      j["headline_zh"] = fb.at("headline_zh");
      j["advice_zh"] = fb.at("advice_zh");
    }
    ++total;
    done += j["status"] == "ok" || j["status"] == "warning";
    slots.push_back(std::move(j));
  }
  return {{"slots", slots}, {"done", done}, {"total", total}};
}

ApiReply UploadService::link_status(const std::string& token) {
  ApiReply r;
  const auto auth = authorise(token, std::nullopt, &r);
  if (!auth) return r;
  const auto order = load_order(auth->token.order_id);
  if (!order) return error_reply(404, make_finding("SERVER_ORDER_NOT_FOUND", {{"order", auth->token.order_id}}));
  r.body = slots_json(*order, auth->token.role);
  r.body["order_id"] = order->order_id;
  r.body["role"] = auth->token.role.to_string();
  r.body["role_label_zh"] = role_label_zh(auth->token.role);
  r.body["expires_unix"] = auth->token.expires;
  r.body["max_upload_bytes"] = options_.max_upload_bytes;
  return r;
}

ApiReply UploadService::link_qr(const std::string& token, const std::string& format) {
  ApiReply r;
  if (!authorise(token, std::nullopt, &r)) return r;
  const LinkQr qr = make_link_qr(base_url_ + "/u/" + token);
  r.bytes = format == "svg" ? qr.svg : qr.png;
  r.content_type = format == "svg" ? "image/svg+xml" : "image/png";
  return r;
}

ApiReply UploadService::upload(const std::string& token, const std::string& slot_param, std::string_view bytes,
                               const std::optional<std::string>& order_id) {
  const auto started = std::chrono::steady_clock::now();
  ApiReply r;
  const auto auth = authorise(token, order_id, &r);
  if (!auth) return r;
  const UploadToken& t = auth->token;

  const auto decision = limiter_.take(t.link_id);
  if (!decision.allowed) {
    log().warn("order {}: upload link {} rate-limited", t.order_id, t.link_id);
    r = error_reply(429, make_finding("SERVER_RATE_LIMITED", {{"seconds", std::to_string(decision.retry_after_seconds)}}));
    r.retry_after = decision.retry_after_seconds;
    return r;
  }
  if (bytes.empty()) return error_reply(400, make_finding("FILE_EMPTY"));
  if (bytes.size() > options_.max_upload_bytes)
    return error_reply(413, make_finding("SERVER_BODY_TOO_LARGE", {{"limit", std::to_string(options_.max_upload_bytes)}}));
  // The type is decided by the content, never by a name or a Content-Type header.
  const ocr::ImageProbe probe = ocr::probe_image(bytes);
  if (!probe.supported) return error_reply(415, make_finding("FILE_NOT_IMAGE", {{"detected", probe.format}}));
  const double megapixels = probe.width * static_cast<double>(probe.height) / 1e6;
  if (megapixels > options_.max_megapixels)
    return error_reply(413, make_finding("IMAGE_TOO_MANY_PIXELS", {{"width", std::to_string(probe.width)},
                                                                   {"height", std::to_string(probe.height)},
                                                                   {"megapixels", std::to_string(megapixels)},
                                                                   {"limit", std::to_string(options_.max_megapixels)}}));

  const auto order = load_order(t.order_id);
  if (!order) return error_reply(404, make_finding("SERVER_ORDER_NOT_FOUND", {{"order", t.order_id}}));
  const OrderState state = order_state(*order);
  const UploadSlot* slot = nullptr;
  if (!slot_param.empty() && slot_param != "auto") {
    slot = find_slot(state.slots, slot_param);
    if (!slot) return error_reply(404, make_finding("SERVER_SLOT_UNKNOWN", {{"slot", safe_echo(slot_param)}}));
    if (!role_grants(t.role, *slot)) {
      store_.log_event("slot_refused", t.order_id, t.link_id, "slot " + slot->id + " for role " + t.role.to_string());
      return error_reply(403, make_finding("SERVER_SLOT_FORBIDDEN", {{"role", role_label_zh(t.role)},
                                                                     {"role_en", t.role.to_string()},
                                                                     {"slot", slot->label_zh}}));
    }
  }

  // Store first: once the row is committed, nothing is lost whatever happens next.
  UploadRow row;
  row.order_id = t.order_id;
  row.link_id = t.link_id;
  row.slot = slot ? slot->id : "";
  row.sha256 = sha256_hex(bytes);
  row.bytes = static_cast<int64_t>(bytes.size());
  row.format = probe.format;
  row.width = probe.width;
  row.height = probe.height;
  row.blob = workspace_.store_blob(t.order_id, row.sha256, probe.format, bytes);
  row.received_ms = now_ms();
  row = store_.insert_upload(row);
  log().info("order {}: upload {} stored ({} bytes, {}, slot {}, link {})", t.order_id, row.id, row.bytes, row.format,
             row.slot.empty() ? "to route" : row.slot, t.link_id);

  if (row.duplicate_of) {
    const auto original = store_.find_upload(*row.duplicate_of);
    if (original && original->state == "processed" && !original->result_json.empty()) {
      UploadFeedback fb = feedback_from_json(nlohmann::json::parse(original->result_json));
      const UploadSlot* original_slot = find_slot(state.slots, original->slot);
      std::string status = "duplicate";
      std::string filed = original->slot;
      if (slot && original_slot && slot->id != original_slot->id) {
        fb = feedback_from_findings({make_finding("SERVER_DUPLICATE_OTHER_SLOT", {{"other", original_slot->label_zh},
                                                                                 {"other_en", original_slot->id},
                                                                                 {"expected", slot->label_zh},
                                                                                 {"expected_en", slot->id}})},
                                    slot->document, "retake");
        status = "retake";
        filed = slot->id;
      } else {
        fb.findings.push_back(make_finding("SERVER_DUPLICATE", {{"original", std::to_string(original->id)}}));
      }
      const std::string result = to_json(fb).dump();
      store_.finish_upload(row.id, "processed", status, filed, fb.document_type, result);
      row.slot = filed;
      const UploadSlot* shown = find_slot(state.slots, filed);
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      r.status = 200;
      r.body = upload_reply_body(row, fb, shown ? shown->label_zh : "", ms);
      return r;
    }
  }
  r = finish(row, state, t.role, bytes, slot);
  if (r.body.is_object())
    r.body["elapsed_ms"] = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return r;
}

// Processes a stored upload and records the outcome.
ApiReply UploadService::finish(const UploadRow& stored, const OrderState& state, const UploadRole& role,
                               std::string_view bytes, const UploadSlot* slot) {
  UploadRow row = stored;
  const std::string file = "upload-" + std::to_string(row.id) + "." + extension_for(row.format);
  ApiReply r;
  try {
    const ProcessedUpload p = processor_.process(state, role, slot, bytes, file);
    row.slot = p.slot;
    store_.finish_upload(row.id, "processed", std::string(to_string(p.feedback.status)), p.slot, p.feedback.document_type,
                         to_json(p.feedback).dump());
    log().info("order {}: upload {} → {} ({}, {})", row.order_id, row.id, p.slot.empty() ? "unfiled" : p.slot,
               to_string(p.feedback.status), p.feedback.document_type.empty() ? "-" : p.feedback.document_type);
    const UploadSlot* filed = find_slot(state.slots, p.slot);
    r.status = p.other_order ? 403 : p.feedback.status == UploadStatus::kRejected ? 422 : 201;
    r.body = upload_reply_body(row, p.feedback, filed ? filed->label_zh : "", 0);
  } catch (const std::exception& e) {
    log().error("order {}: upload {} stored but processing failed: {}", row.order_id, row.id, e.what());
    try {
      store_.finish_upload(row.id, "failed", "", row.slot, "", "");
    } catch (const std::exception&) {
      // The row stays "stored": recovery processes it at the next start either way.
    }
    r = error_reply(500, make_finding("SERVER_PROCESSING_FAILED", {{"reason", e.what()}}, file));
    r.body["upload_id"] = row.id;
  }
  return r;
}

int UploadService::recover_unfinished() {
  int done = 0;
  for (const auto& row : store_.unfinished_uploads()) {
    try {
      const auto order = load_order(row.order_id);
      if (!order) continue;
      const OrderState state = order_state(*order);
      const auto link = store_.find_link(row.link_id);
      const auto role = link ? UploadRole::parse(link->role).value_or(UploadRole{}) : UploadRole{};
      const std::string bytes = workspace_.read_blob(row.blob);
      const ApiReply r = finish(row, state, role, bytes, find_slot(state.slots, row.slot));
      log().info("order {}: upload {} recovered after a restart (HTTP {})", row.order_id, row.id, r.status);
      ++done;
    } catch (const std::exception& e) {
      log().error("order {}: upload {} could not be recovered: {}", row.order_id, row.id, e.what());
    }
  }
  return done;
}

}  // namespace beian::server
