#include "beian/report.h"

#include <nlohmann/json.hpp>

#include "beian/json.h"

namespace beian {

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::kReady: return "ready";
    case Verdict::kFixFirst: return "fix_first";
    case Verdict::kNeedsReview: return "needs_review";
  }
  return "fix_first";
}

Verdict verdict_for(const std::vector<Finding>& findings) {
  bool warning = false;
  for (const auto& f : findings) {
    if (f.severity == Severity::kError) return Verdict::kFixFirst;
    warning |= f.severity == Severity::kWarning;
  }
  return warning ? Verdict::kNeedsReview : Verdict::kReady;
}

std::vector<Finding> OrderReport::all_findings() const {
  std::vector<Finding> all = findings;
  for (const auto& u : uploads)
    if (u.document) all.insert(all.end(), u.document->findings.begin(), u.document->findings.end());
  return all;
}

int OrderReport::count(Severity s) const {
  int n = 0;
  for (const auto& f : all_findings()) n += f.severity == s;
  return n;
}

void to_json(nlohmann::json& j, const UploadResult& u) {
  j = {{"file", u.file}, {"bytes", u.bytes}, {"sha256", u.sha256}, {"format", u.format},
       {"width", u.width}, {"height", u.height}, {"loaded", u.loaded}, {"expected", u.expected}};
  if (u.declared) j["declared"] = std::string(to_string(*u.declared));
  if (u.document) j["document"] = *u.document;
  if (u.photo) j["photo"] = *u.photo;
  if (!u.annotated.empty()) j["annotated"] = u.annotated;
}

void from_json(const nlohmann::json& j, UploadResult& u) {
  u = UploadResult{};
  u.file = j.at("file").get<std::string>();
  u.bytes = j.value("bytes", uint64_t{0});
  u.sha256 = j.value("sha256", "");
  u.format = j.value("format", "");
  u.width = j.value("width", 0);
  u.height = j.value("height", 0);
  u.loaded = j.value("loaded", false);
  u.expected = j.value("expected", false);
  if (j.contains("declared")) u.declared = parse_document_type(j["declared"].get<std::string>());
  if (j.contains("document")) u.document = j["document"].get<DocumentResult>();
  if (j.contains("photo")) u.photo = j["photo"].get<PhotoResult>();
  u.annotated = j.value("annotated", "");
}

void to_json(nlohmann::json& j, const OrderReport& r) {
  j = nlohmann::json::object();
  j["schema"] = "beian.report/1";
  j["order_id"] = r.order_id;
  j["folder"] = r.folder;
  j["processed"] = r.processed;
  j["verdict"] = std::string(to_string(r.verdict));
  j["counts"] = {{"error", r.count(Severity::kError)}, {"warning", r.count(Severity::kWarning)},
                 {"info", r.count(Severity::kInfo)}};
  j["findings"] = r.findings;
  j["uploads"] = r.uploads;
  auto& t = j["timings_ms"] = nlohmann::json::array();
  for (const auto& s : r.timings) t.push_back({{"stage", s.stage}, {"ms", s.ms}});
  j["outputs"] = r.outputs;
  j["input_fingerprint"] = r.input_fingerprint;
  j["beian_version"] = r.beian_version;
}

void from_json(const nlohmann::json& j, OrderReport& r) {
  r = OrderReport{};
  r.order_id = j.value("order_id", "");
  r.folder = j.value("folder", "");
  r.processed = j.value("processed", false);
  const std::string v = j.value("verdict", "fix_first");
  r.verdict = v == "ready" ? Verdict::kReady : v == "needs_review" ? Verdict::kNeedsReview : Verdict::kFixFirst;
  if (j.contains("findings")) r.findings = j["findings"].get<std::vector<Finding>>();
  if (j.contains("uploads")) r.uploads = j["uploads"].get<std::vector<UploadResult>>();
  if (j.contains("timings_ms"))
    for (const auto& t : j["timings_ms"]) r.timings.push_back({t.at("stage").get<std::string>(), t.at("ms").get<double>()});
  if (j.contains("outputs")) r.outputs = j["outputs"].get<std::vector<std::string>>();
  r.input_fingerprint = j.value("input_fingerprint", "");
  r.beian_version = j.value("beian_version", "");
}

}  // namespace beian
