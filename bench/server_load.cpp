// Load test of the upload service on loopback: starts a real server (in this process, on a
// free 127.0.0.1 port, with a temporary data folder), creates an order and one upload link per
// client, then C clients upload images as fast as the answers come back, for at most S seconds
// and N uploads. Prints uploads/s and latency percentiles.
//
//   build/bench/bench_server_load [--clients 8] [--seconds 10] [--max-uploads 2000]
//                                 [--slot business_licence|portrait.website_owner.1] [--kb 60]
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "beian/server.h"
#include "pipeline/base/log.h"
#include "pipeline/server/http_lib.h"
#include "samples/portrait_specimen.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Args {
  int clients = 8;
  int seconds = 10;
  int max_uploads = 2000;
  std::string slot = "business_licence";
  int kb = 60;   // approximate size of the document images
};

Args parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--clients") a.clients = std::clamp(std::atoi(v.c_str()), 1, 64);
    else if (k == "--seconds") a.seconds = std::clamp(std::atoi(v.c_str()), 1, 120);
    else if (k == "--max-uploads") a.max_uploads = std::clamp(std::atoi(v.c_str()), 1, 100000);
    else if (k == "--slot") a.slot = v;
    else if (k == "--kb") a.kb = std::clamp(std::atoi(v.c_str()), 5, 5000);
    else {
      std::fprintf(stderr, "unknown option %s\n", k.c_str());
      std::exit(2);
    }
  }
  return a;
}

// A JPEG document-like picture of roughly `kb` kilobytes; different for every n (so no upload
// is a duplicate).
std::string document_image(int n, int kb) {
  const int w = static_cast<int>(std::sqrt(kb * 1024.0 * 6.0)), h = w * 2 / 3;
  cv::Mat img(h, w, CV_8UC3);
  cv::RNG rng(static_cast<uint64_t>(n) + 1);
  rng.fill(img, cv::RNG::NORMAL, cv::Scalar(230, 230, 230), cv::Scalar(10, 10, 10));  // paper grain
  for (int i = 0; i < 40; ++i)
    cv::rectangle(img, cv::Rect(rng.uniform(0, w - 40), rng.uniform(0, h - 12), rng.uniform(20, w / 3), rng.uniform(3, 12)),
                  cv::Scalar(rng.uniform(0, 80), rng.uniform(0, 80), rng.uniform(0, 80)), cv::FILLED);
  cv::putText(img, "upload " + std::to_string(n), {20, h / 2}, cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar(10, 10, 10), 3);
  std::vector<unsigned char> buf;
  cv::imencode(".jpg", img, buf, {cv::IMWRITE_JPEG_QUALITY, 85});
  return std::string(buf.begin(), buf.end());
}

nlohmann::json manifest() {
  return {{"order_id", "LOAD1"},
          {"filing_type", "首次备案"},
          {"province", "广东"},
          {"subject",
           {{"kind", "unit"}, {"name", "深圳市样本网络科技有限公司"}, {"certificate_type", "营业执照"},
            {"certificate_number", "91440300MA5G9K0T1R"}, {"legal_representative", "陈样本"}}},
          {"subject_owner", {{"name", "陈样本"}, {"id_type", "身份证"}, {"id_number", "440305199001010012"}}},
          {"websites",
           {{{"name", "样本官网"},
             {"domains", {"example.cn"}},
             {"owner", {{"name", "林示例"}, {"id_type", "身份证"}, {"id_number", "440106199203150024"}}}}}}};
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5))];
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = parse(argc, argv);
  beian::set_log_level(spdlog::level::warn);
  const auto data = std::filesystem::temp_directory_path() / ("beian-load-" + std::to_string(::getpid()));
  beian::ServerOptions o;
  o.host = "127.0.0.1";
  o.port = 0;
  o.data_dir = data;
  o.token_secret = "load-test-token-secret-0123456789abcdef";
  o.qr_secret = "load-test-qr-secret-0123";
  o.api_key = "load-test-api-key-0123456789";
  o.uploads_per_minute = 1e6;  // measure the service, not the rate limit
  o.upload_burst = 1e6;
  o.threads = std::max(8, args.clients);
  auto started = beian::UploadServer::start(o);
  if (!started.value) {
    std::fprintf(stderr, "cannot start: %s\n", started.error.c_str());
    return 1;
  }
  const int port = started.value->port();
  httplib::Client admin("127.0.0.1", port);
  admin.set_read_timeout(120, 0);
  const httplib::Headers key{{"Authorization", "Bearer " + o.api_key}};
  auto created = admin.Post("/api/orders", key, manifest().dump(), "application/json");
  if (!created || created->status != 201) {
    std::fprintf(stderr, "order creation failed\n");
    return 1;
  }
  std::vector<std::string> tokens;
  for (int c = 0; c < args.clients; ++c) {
    auto r = admin.Post("/api/orders/LOAD1/upload-links", key, R"({"role":"applicant"})", "application/json");
    tokens.push_back(nlohmann::json::parse(r->body)["token"]);
  }

  // Portraits are prepared before timing (generated specimens, varied by seed); document images
  // are drawn by each client just before its request (outside the measured latency), so every
  // upload is new (a duplicate would be answered from the first result).
  const bool portrait = args.slot.rfind("portrait", 0) == 0;
  std::vector<std::string> portraits;
  for (int i = 0; portrait && i < std::min(args.max_uploads, 64); ++i) {
    std::vector<unsigned char> buf;
    cv::Mat img = beian::samples::make_portrait_specimen(beian::samples::PortraitDefect::kNone, static_cast<uint64_t>(i) + 1);
    cv::imencode(".jpg", img, buf);
    portraits.emplace_back(buf.begin(), buf.end());
  }

  std::atomic<int> next{0};
  std::mutex mutex;
  std::vector<double> latencies;
  std::map<int, int> statuses;
  double body_bytes = 0;
  const auto deadline = Clock::now() + std::chrono::seconds(args.seconds);
  const auto t0 = Clock::now();
  std::vector<std::thread> clients;
  for (int c = 0; c < args.clients; ++c)
    clients.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_read_timeout(120, 0);
      const std::string path = "/u/" + tokens[c] + "/files?slot=" + args.slot;
      while (Clock::now() < deadline) {
        const int n = next++;
        if (n >= args.max_uploads) break;
        // Portraits repeat after 64: those later uploads measure the duplicate path.
        const std::string body = portrait ? portraits[n % portraits.size()] : document_image(n, args.kb);
        const auto start = Clock::now();
        auto r = client.Post(path.c_str(), body, "image/jpeg");
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        std::lock_guard lock(mutex);
        latencies.push_back(ms);
        body_bytes += static_cast<double>(body.size());
        ++statuses[r ? r->status : -1];
      }
    });
  for (auto& t : clients) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();

  std::printf("upload service load test on 127.0.0.1 (%u cores): %d clients, slot %s, %s, mean body %.0f KB\n",
              std::thread::hardware_concurrency(), args.clients, args.slot.c_str(),
              portrait ? "1080x1080 portrait JPEGs" : "document-like JPEGs",
              latencies.empty() ? 0.0 : body_bytes / latencies.size() / 1024.0);
  std::printf("uploads: %zu in %.1f s = %.1f uploads/s\n", latencies.size(), seconds, latencies.size() / seconds);
  std::printf("latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f\n", percentile(latencies, 0.5), percentile(latencies, 0.9),
              percentile(latencies, 0.99), percentile(latencies, 1.0));
  std::printf("HTTP statuses:");
  for (const auto& [s, n] : statuses) std::printf(" %d×%d", s, n);
  std::printf("\n");
  started.value.reset();
  std::error_code ec;
  std::filesystem::remove_all(data, ec);
  return statuses.count(-1) || statuses.count(500) ? 1 : 0;
}
