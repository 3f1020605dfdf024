// bench_licence_passport: speed and accuracy of the licence, unit-certificate, passport and
// permit readers on specimens generated in-process (samples library), one thread, warm.
// Prints per document type × level the mean/max milliseconds per document (the first
// document of each type is a warm-up and not timed) in wall time and in the recognising
// thread's CPU time (the number to compare on a shared machine), the fields read right /
// wrong / missing, and at the end the peak resident set size.
//
//   build-*/bench/bench_licence_passport [--n N] [--types licence,certificate,passport,permit]
//                                        [--levels clean,photo,hard] [--seed S] [--verbose]
//                                        [--dump DIR]
//
// Targets (issue 5): licence ≤ 1.5 s per 2000×1500 photo, passport ≤ 500 ms.
#include <sys/resource.h>
#include <time.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "ocr/layout/document_layout.h"
#include "ocr/recognizer.h"
#include "pipeline/base/text.h"
#include "pipeline/eval/harness.h"
#include "samples/document_painter.h"
#include "samples/identity.h"
#include "samples/photograph.h"
#include "samples/specimen_documents.h"

using namespace beian;

namespace {

const Date kToday{2026, 11, 22};

struct Generated {
  DocumentType type;
  nlohmann::json truth;
  cv::Mat image;
};

// One specimen of `kind` ("licence", "certificate", "passport", "permit") at `level`.
Generated generate(const std::string& kind, samples::Level level, uint64_t seed) {
  samples::Random rng(seed);
  samples::IdentityFactory ids(rng, kToday);
  static samples::TextPainter painter;
  const samples::Person p = ids.person();
  samples::Specimen s;
  if (kind == "licence") {
    s = samples::unit_certificate_specimen(ids.unit(DocumentType::kBusinessLicence, p.name));
  } else if (kind == "certificate") {
    const DocumentType t = seed % 2 ? DocumentType::kPublicInstitution : DocumentType::kSocialOrganisation;
    s = samples::unit_certificate_specimen(ids.unit(t, p.name));
  } else if (kind == "passport") {
    s = samples::passport_specimen(p, ids.travel_document(p, DocumentType::kPassport), samples::card_portrait());
  } else {
    static const DocumentType permits[] = {DocumentType::kHkMacauHomeReturnPermit, DocumentType::kMainlandTravelPermit,
                                           DocumentType::kTaiwanCompatriotPermit};
    s = samples::permit_specimen(p, ids.travel_document(p, permits[seed % 3]), samples::card_portrait());
  }
  const auto& layout = ocr::document_layout(s.content.type);
  const bool card = layout.width_mm < 100;
  const cv::Mat doc = samples::paint_document(layout, s.content, layout.width_mm < 150 ? 2.0 : 1.0, painter, rng);
  const samples::Shot shot = samples::photograph(doc, layout.width_mm, card, level, rng);
  return {s.content.type, s.fields, cv::imdecode(samples::encode_jpeg(shot), cv::IMREAD_COLOR)};
}

struct Stats {
  int docs = 0, typed = 0, timed = 0;
  double ms_sum = 0, ms_max = 0;
  double cpu_ms_sum = 0;  // this thread's CPU time: comparable on a shared, loaded machine
  std::map<std::string, std::array<int, 3>> fields;  // right, wrong, missing
  std::map<std::string, double> step_ms;              // recognizer timings, summed over timed documents
};

double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

long peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  int n = 6;
  uint64_t seed = 100;
  std::vector<std::string> kinds{"licence", "certificate", "passport", "permit"};
  std::vector<samples::Level> levels{samples::Level::kClean, samples::Level::kPhoto, samples::Level::kHard};
  bool verbose = false;
  std::filesystem::path dump;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--n" && i + 1 < argc) n = std::atoi(argv[++i]);
    else if (a == "--seed" && i + 1 < argc) seed = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--types" && i + 1 < argc) kinds = split(argv[++i], ',');
    else if (a == "--levels" && i + 1 < argc) {
      levels.clear();
      for (const auto& id : split(argv[++i], ',')) {
        const auto l = samples::parse_level(id);
        if (!l) { std::fprintf(stderr, "unknown level %s\n", id.c_str()); return 2; }
        levels.push_back(*l);
      }
    } else if (a == "--verbose") verbose = true;
    else if (a == "--dump" && i + 1 < argc) dump = argv[++i];
    else {
      std::fprintf(stderr,
                   "usage: %s [--n N] [--types licence,certificate,passport,permit] [--levels clean,photo,hard] "
                   "[--seed S] [--verbose] [--dump DIR]\n",
                   argv[0]);
      return 2;
    }
  }
  if (!dump.empty()) std::filesystem::create_directories(dump);

  ocr::RecognizerOptions options;
  options.max_engines = 1;
  options.warm_engines = 1;
  options.today = kToday;
  const ocr::Recognizer recognizer(options);

  std::map<std::pair<std::string, std::string>, Stats> table;
  for (const auto& kind : kinds) {
    bool warmed = false;
    for (const auto level : levels) {
      Stats& st = table[{kind, std::string(samples::to_string(level))}];
      for (int k = 0; k < n; ++k) {
        // Far-apart seeds: SpecimenRandom streams of neighbouring seeds are shifted copies.
        const uint64_t s = seed * 7919 + 1000003 * static_cast<uint64_t>(level) + 104729 * static_cast<uint64_t>(k);
        const Generated g = generate(kind, level, s);
        const std::string name = kind + "_" + std::string(samples::to_string(level)) + "_" + std::to_string(s) + ".jpg";
        if (!dump.empty()) cv::imwrite((dump / (name.substr(0, name.size() - 4) + ".png")).string(), g.image);
        const auto t0 = std::chrono::steady_clock::now();
        const double cpu0 = thread_cpu_ms();
        const DocumentResult r = recognizer.recognize(g.image, name);
        const double cpu_ms = thread_cpu_ms() - cpu0;
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        ++st.docs;
        if (warmed) {
          ++st.timed;
          st.ms_sum += ms;
          st.cpu_ms_sum += cpu_ms;
          st.ms_max = std::max(st.ms_max, ms);
          for (const auto& [step, step_ms] : r.timings_ms) st.step_ms[step] += step_ms;
        }
        warmed = true;
        if (r.type == g.type) ++st.typed;
        for (const auto& [field, truth] : g.truth.items()) {
          const std::string want = truth.get<std::string>();
          const FieldValue* f = r.field(field);
          const int slot = !f || !f->present() ? 2 : eval::field_matches(field, want, f->value) ? 0 : 1;
          ++st.fields[field][static_cast<size_t>(slot)];
          if (verbose && slot != 0)
            std::printf("  %s %s: want '%s' got '%s'%s\n", name.c_str(), field.c_str(), want.c_str(),
                        f && f->present() ? f->value.c_str() : "", f && !f->present() ? (" (" + f->missing_reason + ")").c_str() : "");
        }
        if (verbose && r.type != g.type)
          std::printf("  %s: classified %s\n", name.c_str(), std::string(to_string(r.type)).c_str());
      }
    }
  }

  std::printf("%-12s %-6s %5s %6s %9s %9s %9s  fields right/wrong/missing\n", "type", "level", "docs", "typed", "mean ms",
              "max ms", "cpu ms");
  for (const auto& [key, st] : table) {
    std::printf("%-12s %-6s %5d %6d %9.0f %9.0f %9.0f ", key.first.c_str(), key.second.c_str(), st.docs, st.typed,
                st.timed ? st.ms_sum / st.timed : 0.0, st.ms_max, st.timed ? st.cpu_ms_sum / st.timed : 0.0);
    int right = 0, all = 0;
    for (const auto& [field, c] : st.fields) right += c[0], all += c[0] + c[1] + c[2];
    std::printf(" %d/%d\n", right, all);
    for (const auto& [field, c] : st.fields)
      if (c[0] != c[0] + c[1] + c[2]) std::printf("%22s %-24s %d/%d/%d\n", "", field.c_str(), c[0], c[1], c[2]);
    if (verbose && st.timed) {
      std::printf("%22s ms per step:", "");
      for (const auto& [step, ms] : st.step_ms) std::printf(" %s %.0f", step.c_str(), ms / st.timed);
      std::printf("\n");
    }
  }
  std::printf("peak RSS %.0f MB\n", peak_rss_kb() / 1024.0);
  return 0;
}
