// bench_ocr_id_card: time per ID card photo through the whole recogniser (normalise, locate,
// classify, read every field), single thread, after warm-up, on generated specimen cards
// photographed at the photo level and scaled to a 2000×1500 phone photo; prints the mean,
// median and worst ms per card for fronts and backs (wall clock and this thread's CPU time:
// on a shared machine the CPU time is the honest figure), the mean of each step (wall), and
// the peak RSS of the worker: the cards are held as JPEG bytes (as uploads arrive) and each is
// decoded just before it is read (decoding is timed apart), and the peak is reset once the
// inputs are made, so it is one worker's own peak, not the generator's or 26 decoded photos'.
//
//   build-*/bench/bench_ocr_id_card [--cards N] [--seed S] [--level clean|photo|hard]
//
// The target: ≤ 400 ms per card, ≤ 300 MB peak per worker.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <malloc.h>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/layout/document_layout.h"
#include "ocr/recognizer.h"
#include "samples/document_painter.h"
#include "samples/identity.h"
#include "samples/photograph.h"
#include "samples/specimen_documents.h"

namespace {

using namespace beian;

// A memory figure of this process from /proc/self/status ("VmHWM:" the peak resident set,
// "VmRSS:" the current one), MB.
double status_mb(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string key;
  while (status >> key) {
    if (key == field) {
      double kb = 0;
      status >> kb;
      return kb / 1024.0;
    }
    status.ignore(1 << 12, '\n');
  }
  return 0;
}

double peak_rss_mb() { return status_mb("VmHWM:"); }
double current_rss_mb() { return status_mb("VmRSS:"); }

struct Card {
  DocumentType type;
  std::vector<unsigned char> jpeg;  // 2000×1500, as uploaded
};

// Resets the peak RSS (VmHWM) to the current RSS (Linux 4.0+); false when not allowed.
bool reset_peak_rss() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  clear.flush();
  return static_cast<bool>(clear);
}

std::vector<Card> make_cards(int n, uint64_t seed, samples::Level level) {
  samples::Random rng(seed);
  samples::IdentityFactory ids(rng, Date{2026, 11, 22});
  samples::TextPainter painter;
  std::vector<Card> cards;
  for (int i = 0; i < n; ++i) {
    const samples::Person p = ids.person();
    const bool front = i % 2 == 0;
    samples::Specimen s = front ? samples::id_front_specimen(p, samples::card_portrait()) : samples::id_back_specimen(p);
    const auto& layout = ocr::document_layout(front ? DocumentType::kIdFront : DocumentType::kIdBack);
    const cv::Mat doc = samples::paint_document(layout, s.content, 2.0, painter, rng);
    const samples::Shot shot = samples::photograph(doc, layout.width_mm, true, level, rng);
    cv::Mat decoded = cv::imdecode(samples::encode_jpeg(shot), cv::IMREAD_COLOR);
    cv::Mat photo;
    const bool portrait = decoded.rows > decoded.cols;
    cv::resize(decoded, photo, portrait ? cv::Size(1500, 2000) : cv::Size(2000, 1500), 0, 0, cv::INTER_CUBIC);
    std::vector<unsigned char> jpeg;
    cv::imencode(".jpg", photo, jpeg, {cv::IMWRITE_JPEG_QUALITY, 90});
    cards.push_back({front ? DocumentType::kIdFront : DocumentType::kIdBack, std::move(jpeg)});
  }
  return cards;
}

// CPU time of this thread, ms: on a shared machine the wall time also counts other processes.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

constexpr int kWarmUpCards = 6;

int main(int argc, char** argv) {
  int n = 20;
  uint64_t seed = 404;
  samples::Level level = samples::Level::kPhoto;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--cards" && i + 1 < argc) n = std::max(2, std::atoi(argv[++i]));
    else if (a == "--seed" && i + 1 < argc) seed = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--level" && i + 1 < argc && samples::parse_level(argv[i + 1])) level = *samples::parse_level(argv[++i]);
    else {
      std::fprintf(stderr, "usage: %s [--cards N] [--seed S] [--level clean|photo|hard]\n", argv[0]);
      return 2;
    }
  }
  const auto cards = make_cards(n, seed, level);
  const auto warm_up_cards = make_cards(kWarmUpCards, seed + 1, level);
  const double rss_generating = peak_rss_mb();
  malloc_trim(0);  // the generator's freed working memory back to the system
  const bool peak_reset = reset_peak_rss();
  const double rss_inputs = current_rss_mb();

  ocr::RecognizerOptions options;
  options.max_engines = 1;
  options.today = Date{2026, 11, 22};
  ocr::Recognizer recognizer(options);
  // Warm-up on other cards: the engines, the rendered alignment templates, the data files and
  // the glyph check's vocabulary index (built the first time a character is in doubt).
  for (const auto& card : warm_up_cards) recognizer.recognize(cv::imdecode(card.jpeg, cv::IMREAD_COLOR), "warmup.jpg");

  std::map<DocumentType, std::vector<double>> ms, cpu;
  std::map<DocumentType, std::map<std::string, double>> steps;  // per true type: a front's steps differ from a back's
  int right_type = 0;
  double decode_ms = 0;
  for (size_t i = 0; i < cards.size(); ++i) {
    const auto d0 = std::chrono::steady_clock::now();
    const cv::Mat photo = cv::imdecode(cards[i].jpeg, cv::IMREAD_COLOR);
    const auto t0 = std::chrono::steady_clock::now();
    decode_ms += std::chrono::duration<double, std::milli>(t0 - d0).count();
    const double c0 = thread_cpu_ms();
    const DocumentResult r = recognizer.recognize(photo, "card.jpg");
    const double elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    ms[cards[i].type].push_back(elapsed);
    cpu[cards[i].type].push_back(thread_cpu_ms() - c0);
    right_type += r.type == cards[i].type;
    for (const auto& [step, t] : r.timings_ms)
      if (step != "total") steps[cards[i].type][step] += t;
  }
  std::printf("bench_ocr_id_card: %zu cards (level %s, 2000x1500), single thread, after warm-up\n", cards.size(),
              std::string(samples::to_string(level)).c_str());
  std::vector<double> all;
  for (const auto& [type, v] : ms) {
    double sum = 0;
    for (double x : v) sum += x;
    double cpu_sum = 0;
    for (double x : cpu[type]) cpu_sum += x;
    std::printf("  %-9s wall mean %7.1f ms  median %7.1f ms  worst %7.1f ms | cpu mean %7.1f ms median %7.1f ms  (%zu cards)\n",
                std::string(to_string(type)).c_str(), sum / v.size(), median(v), *std::max_element(v.begin(), v.end()),
                cpu_sum / v.size(), median(cpu[type]), v.size());
    all.insert(all.end(), v.begin(), v.end());
  }
  double total = 0;
  for (double x : all) total += x;
  std::vector<double> all_cpu;
  for (const auto& [type, v] : cpu) all_cpu.insert(all_cpu.end(), v.begin(), v.end());
  double total_cpu = 0;
  for (double x : all_cpu) total_cpu += x;
  std::printf("  all       wall mean %7.1f ms  median %7.1f ms | cpu mean %7.1f ms median %7.1f ms  (target <= 400)\n",
              total / all.size(), median(all), total_cpu / all_cpu.size(), median(all_cpu));
  for (const auto& [type, per_step] : steps) {
    std::printf("  %s steps (mean ms):", std::string(to_string(type)).c_str());
    for (const auto& [step, t] : per_step) std::printf(" %s %.1f", step.c_str(), t / ms[type].size());
    std::printf("\n");
  }
  std::printf("  JPEG decoding (not in the times above): mean %.1f ms\n", decode_ms / cards.size());
  std::printf("  classified right: %d/%zu\n", right_type, cards.size());
  if (peak_reset)
    std::printf("  worker peak RSS %.0f MB (target <= 300; before the first card %.0f MB: the inputs as JPEG and the "
                "generator's fonts; generating peaked at %.0f MB)\n",
                peak_rss_mb(), rss_inputs, rss_generating);
  else
    std::printf("  peak RSS %.0f MB, including generating the inputs (the peak could not be reset)\n", peak_rss_mb());
  return 0;
}
