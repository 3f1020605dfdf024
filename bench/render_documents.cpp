// Rendering speed and size: `bench_render_documents [--order order.json] [--rounds N]`.
// Prints the one-off cost of loading the templates and font, then per document kind the
// median and 95th-percentile time per document (after font loading) and the PDF size, plus
// the size of the same verification sheet with the whole font embedded the naive way.
// Targets (issue 7): <= 50 ms and <= 100 KB per document.
#include <hpdf.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "beian/order.h"
#include "beian/render/documents.h"

namespace {

using Clock = std::chrono::steady_clock;

// A representative order: a unit with two websites, the second with 10 domains.
nlohmann::json built_in_order() {
  nlohmann::json o = {{"order_id", "BENCH-0001"}, {"filing_type", "首次备案"}, {"province", "浙江"}};
  o["subject"] = {{"kind", "unit"}, {"name", "杭州示例数字科技股份有限公司"}, {"certificate_type", "营业执照"},
                  {"certificate_number", "91330106MA2B0EXA5X"}, {"legal_representative", "赵示例"}};
  o["subject_owner"] = {{"name", "赵示例"}, {"id_type", "身份证"}, {"id_number", "330106198805050011"},
                        {"phone", "13600000000"}, {"email", "zhao@example.cn"}};
  nlohmann::json domains = nlohmann::json::array();
  for (int i = 0; i < 10; ++i) domains.push_back("brand" + std::to_string(i) + ".example.com.cn");
  o["websites"] = {{{"name", "示例数字科技官网"}, {"domains", {"example-digital.cn"}},
                    {"owner", {{"name", "钱网管"}, {"id_type", "身份证"}, {"id_number", "330106199107070022"},
                               {"phone", "13500000000"}}}},
                   {{"name", "示例品牌商城"}, {"domains", domains}, {"pre_approvals", {"文化"}},
                    {"owner", {{"name", "孙运营"}, {"id_type", "护照"}, {"id_number", "E12345678"},
                               {"phone", "13400000000"}}}}};
  return o;
}

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// CPU time of this thread in ms: unlike wall time it is not inflated when other processes
// compete for the cores.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct Stats {
  double median = 0, p95 = 0, max = 0;
};

Stats stats(std::vector<double> t) {
  std::sort(t.begin(), t.end());
  return {t[t.size() / 2], t[std::min(t.size() - 1, t.size() * 95 / 100)], t.back()};
}

// The verification sheet's text set in the whole zenhei font, embedded by libharu directly.
size_t naive_embedding_bytes(const std::string& text) {
  HPDF_Doc pdf = HPDF_New(nullptr, nullptr);
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCurrentEncoder(pdf, "UTF-8");
  const char* name = HPDF_LoadTTFontFromFile2(pdf, "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, HPDF_TRUE);
  size_t size = 0;
  if (name) {
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, HPDF_GetFont(pdf, name, "UTF-8"), 10);
    HPDF_Page_TextOut(page, 40, 700, text.c_str());
    HPDF_Page_EndText(page);
    HPDF_SaveToStream(pdf);
    size = HPDF_GetStreamSize(pdf);
  }
  HPDF_Free(pdf);
  return size;
}

}  // namespace

int main(int argc, char** argv) {
  std::string order_path;
  int rounds = 40;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--order") order_path = argv[i + 1];
    else if (a == "--rounds") rounds = std::max(1, std::atoi(argv[i + 1]));
  }
  nlohmann::json order = built_in_order();
  if (!order_path.empty()) {
    const auto parsed = beian::load_order_manifest(order_path);
    if (!parsed.ok()) {
      std::fprintf(stderr, "%s\n", parsed.errors.front().to_string().c_str());
      return 2;
    }
    order = parsed.order;
  }

  const auto t0 = Clock::now();
  beian::render::RenderOptions options;
  options.qr_secret = "bench-secret-0123456789abcdef";
  auto created = beian::render::DocumentRenderer::create(options);
  if (!created.value) {
    std::fprintf(stderr, "%s\n", created.error.c_str());
    return 1;
  }
  const double load_ms = ms_since(t0);
  const auto& renderer = *created.value;
  const auto requests = renderer.documents_for(order);

  std::map<std::string, std::vector<double>> times, cpu_times;
  std::map<std::string, size_t> sizes;
  std::map<std::string, size_t> subsets;
  std::string sheet_text;
  for (int r = 0; r < rounds; ++r) {
    for (const auto& req : requests) {
      const double cpu0 = thread_cpu_ms();
      const auto doc = renderer.render({order, {}}, req);
      cpu_times[doc.file_name].push_back(thread_cpu_ms() - cpu0);
      times[doc.file_name].push_back(doc.ms);
      sizes[doc.file_name] = doc.pdf.size();
      subsets[doc.file_name] = doc.font_subset_bytes;
      if (r == 0 && req.kind == "verification_sheet")
        for (const auto& v : doc.filled_values) sheet_text += v;
    }
  }
  std::printf("templates + font loaded in %.1f ms (once per process)\n", load_ms);
  std::printf("%-28s %9s %9s %9s %9s %10s %12s\n", "document", "median_ms", "p95_ms", "max_ms", "cpu_ms", "pdf_bytes",
              "subset_bytes");
  bool ok = true;
  for (auto& [name, t] : times) {
    const Stats wall = stats(t), cpu = stats(cpu_times[name]);
    std::printf("%-28s %9.1f %9.1f %9.1f %9.1f %10zu %12zu\n", name.c_str(), wall.median, wall.p95, wall.max, cpu.median,
                sizes[name], subsets[name]);
    ok = ok && cpu.median <= 50.0 && sizes[name] <= 100 * 1024;
  }
  std::printf("naive embedding (whole zenhei face, libharu 2.3 half-subset): %zu bytes for one page of text\n",
              naive_embedding_bytes("网站备案信息真实性核验单" + sheet_text));
  std::printf("targets (median CPU time <= 50 ms, <= 100 KB): %s\n", ok ? "met" : "NOT met");
  return ok ? 0 : 1;
}
