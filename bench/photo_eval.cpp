// bench_photo_eval: the photo checker on the labelled set (bench/photo_labelled_set.h); prints
// per defect class how many were caught, per check its detections, misses and false alarms,
// and the time per photo.
//
//   build-*/bench/bench_photo_eval [--seeds N] [--faces DIR] [--defects a,b] [--dump DIR] [--verbose]
//
// --faces defaults to ../shared/faces beside the checkout (skipped when absent). Single thread.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <cstring>
#include <map>
#include <set>

#include <opencv2/core/utility.hpp>

#include "beian/photo.h"
#include "bench/photo_labelled_set.h"
#include "pipeline/base/atomic_file.h"
#include "pipeline/base/text.h"

namespace {

using beian::photo_eval::LabelledPhoto;

struct ClassStats {
  int n = 0, caught = 0, flagged = 0, passed = 0, review = 0, failed = 0;
};
struct CheckStats {
  int expected = 0, detections = 0, false_alarms = 0, also_fired = 0;
};

bool is_pass_case(const LabelledPhoto& p) { return p.expected.empty(); }

// CPU time of this thread, ms. On a machine shared with other builds the wall time per photo
// swings with the load; the thread's CPU time much less, so both are reported.
double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

void print_distribution(const char* what, std::vector<double> v) {
  if (v.empty()) return;
  std::sort(v.begin(), v.end());
  double sum = 0;
  for (double t : v) sum += t;
  std::printf("%s: mean %.1f ms, median %.1f, p95 %.1f, max %.1f (n=%zu)\n", what, sum / v.size(), v[v.size() / 2],
              v[v.size() * 95 / 100], v.back(), v.size());
}

}  // namespace

int main(int argc, char** argv) {
  int seeds = 10;
  std::filesystem::path faces = beian::data_dir() / ".." / ".." / "shared" / "faces";
  std::filesystem::path dump;
  std::vector<beian::samples::PortraitDefect> defects;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--seeds" && i + 1 < argc) seeds = std::atoi(argv[++i]);
    else if (a == "--faces" && i + 1 < argc) faces = argv[++i];
    else if (a == "--dump" && i + 1 < argc) dump = argv[++i];
    else if (a == "--verbose") verbose = true;
    else if (a == "--defects" && i + 1 < argc) {
      for (const auto& id : beian::split(argv[++i], ',')) {
        auto d = beian::samples::parse_portrait_defect(id);
        if (!d) { std::fprintf(stderr, "unknown defect %s\n", id.c_str()); return 2; }
        defects.push_back(*d);
      }
    } else {
      std::fprintf(stderr, "usage: %s [--seeds N] [--faces DIR] [--defects a,b] [--dump DIR] [--verbose]\n", argv[0]);
      return 2;
    }
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(faces, ec)) {
    std::fprintf(stderr, "shared faces not found at %s: astronaut specimens only\n", faces.string().c_str());
    faces.clear();
  }
  cv::setNumThreads(1);
  // Profiles, messages, cascades and the cloth profile's OCR engine are loaded by first, untimed
  // photos (the target is for a warm process).
  beian::check_photo_bytes(beian::photo_eval::encode_jpeg(beian::samples::make_portrait_specimen(
                               beian::samples::PortraitDefect::kNone, 99)),
                           "warm-up");
  beian::PhotoOptions cloth;
  cloth.profile = "gansu";
  beian::check_photo_bytes(beian::photo_eval::encode_jpeg(beian::samples::make_portrait_specimen(
                               beian::samples::PortraitDefect::kBackdropCloth, 99)),
                           "warm-up-cloth", cloth);

  std::map<std::string, ClassStats> classes;           // source-independent: per label
  std::map<std::string, std::map<std::string, ClassStats>> by_source;
  std::map<std::string, CheckStats> checks;
  std::vector<double> times, cpu_times;
  std::map<std::string, std::vector<double>> step_times;  // per step and per check, ms
  beian::photo_eval::for_each_labelled_photo(seeds, faces, defects, [&](const LabelledPhoto& p) {
    beian::PhotoOptions options;
    options.profile = p.profile;
    options.annotate = !dump.empty();
    const double cpu_start = thread_cpu_ms();
    const beian::PhotoReport report = beian::check_photo_bytes(p.bytes, p.name, options);
    cpu_times.push_back(thread_cpu_ms() - cpu_start);
    const beian::PhotoResult& r = report.result;
    for (const auto& [step, ms] : r.timings_ms) {
      if (step == "total") times.push_back(ms);
      step_times[step].push_back(ms);
    }
    std::set<std::string> failed;
    for (const auto& c : r.checks)
      if (!c.passed) failed.insert(c.id);
    bool caught = false;
    for (const auto& e : p.expected) caught = caught || failed.count(e);
    for (ClassStats* s : {&classes[p.label], &by_source[p.source][p.label]}) {
      ++s->n;
      s->caught += caught;
      s->flagged += r.verdict != beian::PhotoVerdict::kPass;
      s->passed += r.verdict == beian::PhotoVerdict::kPass;
      s->review += r.verdict == beian::PhotoVerdict::kReview;
      s->failed += r.verdict == beian::PhotoVerdict::kFail;
    }
    for (const auto& e : p.expected) {
      ++checks[e].expected;
      checks[e].detections += failed.count(e) ? 1 : 0;
    }
    for (const auto& f : failed) {
      if (is_pass_case(p)) ++checks[f].false_alarms;
      else if (std::find(p.expected.begin(), p.expected.end(), f) == p.expected.end()) ++checks[f].also_fired;
    }
    const bool wrong = is_pass_case(p) ? r.verdict != beian::PhotoVerdict::kPass : !caught;
    if (verbose || wrong) {
      std::string list;
      for (const auto& c : r.checks)
        if (!c.passed) list += " " + c.id + "=" + std::to_string(c.value).substr(0, 6);
      std::printf("%s %-34s %-7s%s\n", wrong ? "!!" : "  ", p.name.c_str(), std::string(to_string(r.verdict)).c_str(),
                  list.c_str());
    }
    if (!dump.empty() && wrong && !report.annotated_jpeg.empty()) {
      std::string file = p.name;
      std::replace(file.begin(), file.end(), '/', '_');
      beian::write_file_atomic(dump / (file + ".jpg"), report.annotated_jpeg);
    }
  });

  std::printf("\nPer class (caught = an expected check failed; pass cases: verdicts)\n");
  std::printf("%-20s %5s %7s %7s %6s %6s %6s\n", "class", "n", "caught", "rate", "pass", "review", "fail");
  for (const auto& [label, s] : classes) {
    const bool pass_case = label == "none" || label == "backdrop_cloth";
    std::printf("%-20s %5d %7s %6.0f%% %6d %6d %6d\n", label.c_str(), s.n, pass_case ? "-" : std::to_string(s.caught).c_str(),
                100.0 * (pass_case ? s.passed : s.caught) / std::max(1, s.n), s.passed, s.review, s.failed);
  }
  std::printf("\nPer source: pass cases passed / n, defects caught / n\n");
  for (const auto& [source, labels] : by_source) {
    int pn = 0, pp = 0, dn = 0, dc = 0;
    for (const auto& [label, s] : labels) {
      if (label == "none" || label == "backdrop_cloth") { pn += s.n; pp += s.passed; }
      else { dn += s.n; dc += s.caught; }
    }
    std::printf("  %-12s pass %d/%d   defects caught %d/%d\n", source.c_str(), pp, pn, dc, dn);
  }
  std::printf("\nPer check (detections/misses on the photos that expect it; false alarms on pass cases)\n");
  std::printf("%-20s %9s %11s %7s %12s %10s\n", "check", "expected", "detections", "misses", "false_alarms", "also_fired");
  for (const auto& [id, s] : checks)
    std::printf("%-20s %9d %11d %7d %12d %10d\n", id.c_str(), s.expected, s.detections, s.expected - s.detections,
                s.false_alarms, s.also_fired);
  std::sort(times.begin(), times.end());
  // Where the time goes: steps and checks taking at least 1 ms on average.
  std::printf("\nTime per step (ms): mean, median, p95\n");
  for (auto& [step, v] : step_times) {
    double sum = 0;
    for (double t : v) sum += t;
    std::sort(v.begin(), v.end());
    if (sum / v.size() < 1.0) continue;
    std::printf("  %-28s %7.1f %7.1f %7.1f\n", step.c_str(), sum / v.size(), v[v.size() / 2], v[v.size() * 95 / 100]);
  }
  std::printf("\n");
  print_distribution("Time per photo (decode + checks, single thread)", times);
  print_distribution("CPU time per photo (this thread)", cpu_times);
  return 0;
}
