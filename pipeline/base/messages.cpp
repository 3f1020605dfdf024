#include "pipeline/base/messages.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>

#include "pipeline/base/data_dir.h"

namespace beian {
namespace {

struct Message {
  Severity severity;
  std::string zh;
  std::string en;
};

struct Catalogue {
  std::map<std::string, Message, std::less<>> entries;
};

Catalogue load(const std::filesystem::path& dir) {
  Catalogue cat;
  std::map<std::string, std::string> origin;  // code → file, to name both files on a duplicate
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const auto doc = load_json_file(file);
    if (!doc.is_object()) throw std::runtime_error(file.string() + ": expected an object of codes");
    for (const auto& [code, entry] : doc.items()) {
      const std::string where = file.string() + ": " + code;
      if (origin.count(code))
        throw std::runtime_error(where + ": defined twice (also in " + origin[code] + ")");
      if (!entry.is_object()) throw std::runtime_error(where + ": expected an object");
      for (const auto& [key, value] : entry.items())
        if (key != "severity" && key != "zh" && key != "en" && key != "note")
          throw std::runtime_error(where + ": unknown key '" + key + "'");
      Message m;
      if (!entry.contains("severity") || !entry["severity"].is_string() ||
          !parse_severity(entry["severity"].get<std::string>(), &m.severity))
        throw std::runtime_error(where + ": severity must be info, warning or error");
      if (!entry.contains("zh") || !entry["zh"].is_string() || !entry.contains("en") || !entry["en"].is_string())
        throw std::runtime_error(where + ": needs zh and en texts");
      m.zh = entry["zh"];
      m.en = entry["en"];
      cat.entries.emplace(code, std::move(m));
      origin[code] = file.string();
    }
  }
  return cat;
}

std::once_flag g_once;
const Catalogue* g_catalogue = nullptr;

const Catalogue& catalogue() {
  std::call_once(g_once, [] { g_catalogue = new Catalogue(load(data_path("messages"))); });
  return *g_catalogue;
}

}  // namespace

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::kInfo: return "info";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "info";
}

bool parse_severity(std::string_view text, Severity* out) {
  if (text == "info") *out = Severity::kInfo;
  else if (text == "warning") *out = Severity::kWarning;
  else if (text == "error") *out = Severity::kError;
  else return false;
  return true;
}

bool has_error(const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.severity == Severity::kError; });
}

std::string fill_placeholders(std::string_view text, const Evidence& evidence) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      const size_t close = text.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view key = text.substr(i + 1, close - i - 1);
        auto it = std::find_if(evidence.begin(), evidence.end(), [&](const auto& kv) { return kv.first == key; });
        if (it != evidence.end()) {
          out += it->second;
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

void load_message_catalogue() { (void)catalogue(); }

bool has_message(std::string_view code) { return catalogue().entries.count(code) > 0; }

Finding make_finding(std::string_view code, Evidence evidence, std::string file, std::string field) {
  Finding f;
  f.code = std::string(code);
  f.file = std::move(file);
  f.field = std::move(field);
  const auto& entries = catalogue().entries;
  if (auto it = entries.find(code); it != entries.end()) {
    f.severity = it->second.severity;
    f.message_zh = fill_placeholders(it->second.zh, evidence);
    f.message_en = fill_placeholders(it->second.en, evidence);
  } else {
    spdlog::error("finding code {} is not in the message catalogue (templates/messages/)", code);
    f.severity = Severity::kWarning;
    f.message_zh = f.message_en = std::string(code);
  }
  f.evidence = std::move(evidence);
  return f;
}

}  // namespace beian
