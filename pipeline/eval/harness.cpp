#include "pipeline/eval/harness.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>

#include "beian/date.h"
#include "pipeline/base/text.h"

namespace beian::eval {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool is_date_field(std::string_view field) {
  return ends_with(field, "_date") || ends_with(field, "_from") || ends_with(field, "_until");
}

int level_rank(const std::string& level) {
  if (level == "clean") return 0;
  if (level == "photo") return 1;
  if (level == "hard") return 2;
  return 3;
}

int type_rank(DocumentType t) {
  const auto& all = all_document_types();
  return static_cast<int>(std::find(all.begin(), all.end(), t) - all.begin());
}

// Scores of one group being accumulated.
struct Accumulator {
  GroupScore score;
  std::vector<double> times;
  std::map<std::string, size_t> field_index;

  FieldScore& field(const std::string& name) {
    auto [it, inserted] = field_index.emplace(name, score.fields.size());
    if (inserted) score.fields.push_back(FieldScore{name});
    return score.fields[it->second];
  }
};

void score_field(FieldScore& f, const FieldValue* read, const std::string& truth, double confident) {
  ++f.total;
  const std::string expected = normalise_field(f.field, truth);
  f.truth_chars += static_cast<long>(utf8_length(expected));
  if (!read || !read->present()) {
    ++f.missing;
    f.char_errors += static_cast<long>(utf8_length(expected));
    return;
  }
  f.char_errors += edit_distance(expected, normalise_field(f.field, read->value));
  if (field_matches(f.field, truth, read->value)) {
    ++f.correct;
  } else if (read->confidence >= confident) {
    ++f.confident_wrong;
  }
}

std::string pct(int n, int total) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%5.1f%%", total ? 100.0 * n / total : 0.0);
  return buf;
}

nlohmann::json field_json(const FieldScore& f) {
  return {{"field", f.field},     {"total", f.total}, {"correct", f.correct},
          {"missing", f.missing}, {"rate", f.rate()}, {"confident_wrong", f.confident_wrong},
          {"cer", f.cer()}};
}

}  // namespace

std::string normalise_field(std::string_view field, std::string_view value) {
  const std::string trimmed = trim(value);
  if (is_date_field(field)) {
    if (normalize_for_compare(trimmed) == "长期") return "长期";
    if (const auto d = Date::parse(normalize_for_compare(trimmed))) return d->to_string();
  }
  return normalize_for_compare(trimmed);
}

bool field_matches(std::string_view field, std::string_view truth, std::string_view read) {
  return normalise_field(field, truth) == normalise_field(field, read);
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const double rank = std::clamp(p, 0.0, 100.0) / 100.0 * (values.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(rank)), hi = static_cast<size_t>(std::ceil(rank));
  return values[lo] + (values[hi] - values[lo]) * (rank - lo);
}

EvalReport evaluate(const Truth& truth, const Reader& reader, const EvalOptions& options) {
  EvalReport report;
  report.confident = options.confident;
  std::map<std::pair<int, std::pair<int, std::string>>, Accumulator> groups;
  std::vector<FieldScore> critical;
  for (const auto& name : options.critical_fields) critical.push_back(FieldScore{name});
  std::vector<double> all_times;

  for (const TruthImage& image : truth.images) {
    const std::filesystem::path path =
        std::filesystem::path(image.file).is_absolute() ? std::filesystem::path(image.file) : options.images_root / image.file;
    DocumentResult result;
    bool readable = std::filesystem::is_regular_file(path);
    const auto start = std::chrono::steady_clock::now();
    if (readable) {
      try {
        result = reader(path);
      } catch (...) {
        readable = false;
        result = DocumentResult{};
      }
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

    Accumulator& acc = groups[{type_rank(image.type), {level_rank(image.level), image.level}}];
    acc.score.type = image.type;
    acc.score.level = image.level;
    ++acc.score.images;
    if (!readable) ++acc.score.unreadable;
    const bool type_ok = result.type == image.type;
    if (type_ok) ++acc.score.type_correct;
    bool all_right = type_ok;
    for (const auto& [name, value] : image.fields) {
      const FieldValue* read = result.field(name);
      FieldScore& f = acc.field(name);
      const int before = f.correct;
      score_field(f, read, value, options.confident);
      all_right = all_right && f.correct > before;
      for (auto& c : critical) {
        if (c.field == name) score_field(c, read, value, options.confident);
      }
    }
    if (all_right) ++acc.score.all_right;
    acc.times.push_back(ms);
    all_times.push_back(ms);
  }

  for (auto& [key, acc] : groups) {
    if (!acc.times.empty()) {
      acc.score.mean_ms = std::accumulate(acc.times.begin(), acc.times.end(), 0.0) / acc.times.size();
      acc.score.p95_ms = percentile(acc.times, 95);
    }
    report.images += acc.score.images;
    report.type_correct += acc.score.type_correct;
    report.all_right += acc.score.all_right;
    report.groups.push_back(std::move(acc.score));
  }
  if (!all_times.empty()) {
    report.mean_ms = std::accumulate(all_times.begin(), all_times.end(), 0.0) / all_times.size();
    report.p95_ms = percentile(all_times, 95);
  }
  report.critical = std::move(critical);
  return report;
}

nlohmann::json EvalReport::to_json() const {
  nlohmann::json groups_json = nlohmann::json::array();
  for (const auto& g : groups) {
    nlohmann::json fields_json = nlohmann::json::array();
    for (const auto& f : g.fields) fields_json.push_back(field_json(f));
    groups_json.push_back({{"type", std::string(to_string(g.type))},
                           {"level", g.level},
                           {"images", g.images},
                           {"type_correct", g.type_correct},
                           {"type_accuracy", g.images ? static_cast<double>(g.type_correct) / g.images : 0.0},
                           {"all_fields_right", g.all_right},
                           {"all_fields_right_rate", g.images ? static_cast<double>(g.all_right) / g.images : 0.0},
                           {"unreadable", g.unreadable},
                           {"mean_ms", g.mean_ms},
                           {"p95_ms", g.p95_ms},
                           {"fields", fields_json}});
  }
  nlohmann::json critical_json = nlohmann::json::array();
  for (const auto& c : critical) critical_json.push_back(field_json(c));
  return {{"schema", "beian.eval/1"},
          {"truth", truth_file},
          {"images", images},
          {"type_correct", type_correct},
          {"type_accuracy", images ? static_cast<double>(type_correct) / images : 0.0},
          {"all_fields_right", all_right},
          {"all_fields_right_rate", images ? static_cast<double>(all_right) / images : 0.0},
          {"mean_ms", mean_ms},
          {"p95_ms", p95_ms},
          {"confident_threshold", confident},
          {"confident_errors", critical_json},
          {"groups", groups_json}};
}

std::string EvalReport::to_table() const {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "beian eval: %d images (%s)\n", images, truth_file.c_str());
  out += line;
  std::snprintf(line, sizeof line, "%-44s %5s %8s %8s %9s %9s\n", "type / level, then fields", "n", "type ok", "all ok",
                "mean ms", "p95 ms");
  out += line;
  for (const auto& g : groups) {
    const std::string head = std::string(to_string(g.type)) + " / " + g.level;
    std::snprintf(line, sizeof line, "%-44s %5d %8s %8s %9.0f %9.0f\n", head.c_str(), g.images,
                  pct(g.type_correct, g.images).c_str(), pct(g.all_right, g.images).c_str(), g.mean_ms, g.p95_ms);
    out += line;
    for (const auto& f : g.fields) {
      std::snprintf(line, sizeof line, "    %-40s %5d %8s   missing %d, confidently wrong %d, CER %.1f%%\n", f.field.c_str(),
                    f.total, pct(f.correct, f.total).c_str(), f.missing, f.confident_wrong, 100.0 * f.cer());
      out += line;
    }
    if (g.unreadable) {
      std::snprintf(line, sizeof line, "    (%d image(s) missing or unreadable)\n", g.unreadable);
      out += line;
    }
  }
  std::snprintf(line, sizeof line, "%-44s %5d %8s %8s %9.0f %9.0f\n", "all", images, pct(type_correct, images).c_str(),
                pct(all_right, images).c_str(), mean_ms, p95_ms);
  out += line;
  std::snprintf(line, sizeof line, "\nWrong value returned with confidence >= %.2f (the worst error):\n", confident);
  out += line;
  for (const auto& c : critical) {
    std::snprintf(line, sizeof line, "    %-20s %d of %d (%s)\n", c.field.c_str(), c.confident_wrong, c.total,
                  pct(c.confident_wrong, c.total).c_str());
    out += line;
  }
  return out;
}

}  // namespace beian::eval
