#include "pipeline/report_html.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "pipeline/base/atomic_file.h"
#include "pipeline/base/data_file.h"

namespace beian {
namespace {

using Labels = std::map<std::string, std::pair<std::string, std::string>>;  // key → (zh, en)

Labels load_labels() {
  const std::string file = "rules/report_html.json";
  const auto doc = load_data_file(file);
  check_keys(doc, {"_source", "labels"}, {"labels"}, file);
  Labels out;
  for (const auto& [key, v] : doc.at("labels").items()) {
    const std::string w = file + ": /labels/" + key;
    check_keys(v, {"zh", "en"}, {"zh", "en"}, w);
    out[key] = {get_value<std::string>(v, "zh", w), get_value<std::string>(v, "en", w)};
  }
  return out;
}

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string base64(const std::vector<uchar>& bytes) {
  static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    const uint32_t n = (bytes[i] << 16) | (i + 1 < bytes.size() ? bytes[i + 1] << 8 : 0) | (i + 2 < bytes.size() ? bytes[i + 2] : 0);
    out += table[(n >> 18) & 63];
    out += table[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? table[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? table[n & 63] : '=';
  }
  return out;
}

class Page {
 public:
  explicit Page(Labels labels) : labels_(std::move(labels)) {}
  std::string html;

  // "中文<br><small>English</small>" for a label key.
  std::string label(const std::string& key) const {
    auto it = labels_.find(key);
    if (it == labels_.end()) return escape(key);
    return escape(it->second.first) + "<br><small>" + escape(it->second.second) + "</small>";
  }
  std::string inline_label(const std::string& key) const {
    auto it = labels_.find(key);
    return it == labels_.end() ? escape(key) : escape(it->second.first) + " · " + escape(it->second.second);
  }
  void add(std::string_view s) { html += s; }

 private:
  Labels labels_;
};

Severity worst(const std::vector<const Finding*>& findings) {
  Severity s = Severity::kInfo;
  for (const auto* f : findings) s = std::max(s, f->severity);
  return s;
}

// The thumbnail with its annotation: a border in the colour of the worst finding and a
// caption with the recognised type and the number of findings, as a JPEG data URI.
std::string annotated_thumbnail(const cv::Mat& image, const UploadResult& u, const std::vector<const Finding*>& findings) {
  if (image.empty()) return {};
  cv::Mat thumb;
  const double scale = std::min(1.0, 560.0 / std::max(image.cols, image.rows));
  cv::resize(image, thumb, cv::Size(), scale, scale, cv::INTER_AREA);
  const cv::Scalar colour = findings.empty()                     ? cv::Scalar(80, 160, 60)
                            : worst(findings) == Severity::kError   ? cv::Scalar(40, 40, 210)
                            : worst(findings) == Severity::kWarning ? cv::Scalar(20, 150, 240)
                                                                    : cv::Scalar(80, 160, 60);
  cv::rectangle(thumb, {0, 0}, {thumb.cols - 1, thumb.rows - 1}, colour, 6);
  const std::string type = u.document ? std::string(to_string(u.document->type)) : std::string("not read");
  const std::string caption = type + "  |  " + std::to_string(findings.size()) + " finding(s)";
  int baseline = 0;
  const cv::Size size = cv::getTextSize(caption, cv::FONT_HERSHEY_SIMPLEX, 0.5, 1, &baseline);
  cv::rectangle(thumb, {6, 6}, {14 + size.width, 16 + size.height}, colour, cv::FILLED);
  cv::putText(thumb, caption, {10, 10 + size.height}, cv::FONT_HERSHEY_SIMPLEX, 0.5, cv::Scalar(255, 255, 255), 1, cv::LINE_AA);
  std::vector<uchar> jpeg;
  if (!cv::imencode(".jpg", thumb, jpeg, {cv::IMWRITE_JPEG_QUALITY, 80})) return {};
  return "data:image/jpeg;base64," + base64(jpeg);
}

std::string severity_label(const Page& page, Severity s) {
  return page.label(s == Severity::kError ? "severity_error" : s == Severity::kWarning ? "severity_warning" : "severity_info");
}

void findings_table(Page& page, const std::vector<Finding>& findings) {
  page.add("<section><h2>" + page.inline_label("findings") + "</h2>");
  if (findings.empty()) {
    page.add("<p class=\"ok\">" + page.inline_label("no_findings") + "</p></section>");
    return;
  }
  page.add("<table class=\"findings\"><tr><th>#</th><th>" + page.label("severity") + "</th><th>" + page.label("code") + "</th><th>" +
           page.label("where") + "</th><th>" + page.label("message") + "</th><th>" + page.label("evidence") + "</th></tr>");
  std::vector<const Finding*> sorted;
  for (const auto& f : findings) sorted.push_back(&f);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Finding* a, const Finding* b) { return a->severity > b->severity; });
  int n = 0;
  for (const Finding* f : sorted) {
    const std::string sev(to_string(f->severity));
    page.add("<tr class=\"" + sev + "\"><td>" + std::to_string(++n) + "</td><td>" + severity_label(page, f->severity) + "</td><td><code>" +
             escape(f->code) + "</code></td><td>" + (f->file.empty() ? page.inline_label("order_level") : escape(f->file)) +
             (f->field.empty() ? "" : "<br><code>" + escape(f->field) + "</code>") + "</td><td>" + escape(f->message_zh) +
             "<br><small>" + escape(f->message_en) + "</small></td><td><dl>");
    for (const auto& [k, v] : f->evidence) page.add("<dt>" + escape(k) + "</dt><dd>" + escape(v) + "</dd>");
    page.add("</dl></td></tr>");
  }
  page.add("</table></section>");
}

void upload_cards(Page& page, const OrderReport& report, const std::vector<Finding>& all, const std::vector<cv::Mat>& images) {
  page.add("<section><h2>" + page.inline_label("uploads") + "</h2>");
  for (size_t i = 0; i < report.uploads.size(); ++i) {
    const UploadResult& u = report.uploads[i];
    std::vector<const Finding*> mine;
    for (const auto& f : all)
      if (f.file == u.file) mine.push_back(&f);
    const std::string sev = mine.empty() ? "ok" : std::string(to_string(worst(mine)));
    page.add("<div class=\"upload " + sev + "\"><div class=\"thumb\">");
    const std::string uri = i < images.size() ? annotated_thumbnail(images[i], u, mine) : std::string();
    page.add(uri.empty() ? "<p>" + page.inline_label("no_image") + "</p>" : "<img alt=\"" + escape(u.file) + "\" src=\"" + uri + "\">");
    page.add("</div><div class=\"about\"><h3>" + escape(u.file) + "</h3><p>" + escape(u.format) + " · " + std::to_string(u.width) + "×" +
             std::to_string(u.height) + " · " + std::to_string(u.bytes) + " B</p><p>" + page.inline_label("declared") + ": " +
             (u.declared ? escape(display_name_zh(*u.declared)) : std::string("—")) + "<br>" + page.inline_label("recognised") + ": ");
    if (!u.document) {
      page.add(page.inline_label("not_read") + "</p>");
    } else {
      const DocumentResult& d = *u.document;
      page.add(escape(display_name_zh(d.type)) + " (" + std::to_string(static_cast<int>(d.type_confidence * 100 + 0.5)) + "%)</p>");
      if (!d.fields.empty()) {
        page.add("<table class=\"fields\"><tr><th>" + page.label("field") + "</th><th>" + page.label("value") + "</th><th>" +
                 page.label("confidence") + "</th></tr>");
        for (const auto& [name, v] : d.fields) {
          const int pct = static_cast<int>(v.confidence * 100 + 0.5);
          const std::string cls = !v.present() ? "missing" : pct < 60 ? "low" : "";
          page.add("<tr class=\"" + cls + "\"><td><code>" + escape(name) + "</code></td><td>" +
                   (v.present() ? escape(v.value) : "<em>" + escape(v.missing_reason) + "</em>") + "</td><td><span class=\"bar\"><span style=\"width:" +
                   std::to_string(pct) + "%\"></span></span> " + std::to_string(pct) + "%</td></tr>");
        }
        page.add("</table>");
      }
    }
    if (!mine.empty()) {
      page.add("<ul>");
      for (const auto* f : mine) page.add("<li class=\"" + std::string(to_string(f->severity)) + "\"><code>" + escape(f->code) + "</code> " + escape(f->message_zh) + "</li>");
      page.add("</ul>");
    }
    page.add("</div></div>");
  }
  page.add("</section>");
}

constexpr const char* kStyle =
    "body{font-family:'Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif;margin:2em auto;max-width:1200px;color:#222}"
    "h1{margin-bottom:.2em}small{color:#666}code{font-size:.9em}"
    ".verdict{display:inline-block;padding:.4em 1em;border-radius:6px;color:#fff;font-size:1.3em;font-weight:bold}"
    ".v-ready{background:#3c9a3c}.v-fix_first{background:#c62828}.v-needs_review{background:#ef8c00}.v-not_processed{background:#555}"
    "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}"
    "tr.error td:nth-child(2){color:#c62828;font-weight:bold}tr.warning td:nth-child(2){color:#ef8c00;font-weight:bold}"
    "dl{margin:0}dt{font-size:.8em;color:#666}dd{margin:0 0 .3em 0;word-break:break-all}"
    ".upload{display:flex;gap:1em;border:1px solid #ddd;border-left:6px solid #3c9a3c;margin:1em 0;padding:.6em}"
    ".upload.error{border-left-color:#c62828}.upload.warning{border-left-color:#ef8c00}"
    ".thumb img{max-width:560px;height:auto}.about{flex:1}tr.missing td{color:#999}tr.low td{background:#fff6e0}"
    ".bar{display:inline-block;width:60px;height:8px;background:#eee}.bar span{display:block;height:8px;background:#3c7ac6}"
    "li.error{color:#c62828}li.warning{color:#b56a00}.ok{color:#3c9a3c}";

}  // namespace

std::string render_report_html(const OrderReport& report, const std::optional<Order>& order, const std::vector<cv::Mat>& images) {
  Page page(load_labels());
  const std::vector<Finding> all = report.all_findings();
  const std::string verdict = report.processed ? std::string(to_string(report.verdict)) : "not_processed";
  page.add("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + page.inline_label("title") + " " +
           escape(report.order_id) + "</title><style>" + kStyle + "</style></head><body><header><h1>" + page.inline_label("title") +
           " — " + escape(report.order_id.empty() ? report.folder : report.order_id) + "</h1>");
  page.add("<p><span class=\"verdict v-" + verdict + "\">" +
           page.inline_label(report.processed ? "verdict_" + verdict : "not_processed") + "</span></p>");
  page.add("<table class=\"facts\">");
  auto fact = [&](const char* key, const std::string& value) {
    page.add("<tr><th>" + page.label(key) + "</th><td>" + escape(value) + "</td></tr>");
  };
  if (order) {
    fact("filing_type", std::string(to_string(order->filing_type)));
    fact("province", order->province);
    fact("filing_date", order->filing_date.valid() ? order->filing_date.to_string() : "—");
    fact("subject", order->subject.name);
    std::string sites;
    for (const auto& w : order->websites) {
      std::string domains;
      for (const auto& d : w.domains) domains += (domains.empty() ? "" : ", ") + d;
      sites += (sites.empty() ? "" : "; ") + w.name + " (" + domains + ")";
    }
    fact("websites", sites.empty() ? "—" : sites);
  }
  fact("counts", std::to_string(report.count(Severity::kError)) + " / " + std::to_string(report.count(Severity::kWarning)) + " / " +
                     std::to_string(report.count(Severity::kInfo)));
  page.add("</table></header>");
  findings_table(page, all);
  upload_cards(page, report, all, images);
  page.add("<section><h2>" + page.inline_label("timings") + "</h2><table><tr><th>" + page.label("stage") + "</th><th>" +
           page.label("milliseconds") + "</th></tr>");
  for (const auto& t : report.timings)
    page.add("<tr><td>" + escape(t.stage) + "</td><td>" + std::to_string(static_cast<long>(t.ms + 0.5)) + "</td></tr>");
  page.add("</table></section><footer><small>" + page.inline_label("generated_by") + ": beian " + escape(report.beian_version) +
           "</small></footer></body></html>\n");
  return std::move(page.html);
}

void write_report_html(const OrderReport& report, const std::optional<Order>& order, const std::vector<cv::Mat>& images,
                       const std::filesystem::path& out_dir) {
  write_file_atomic(out_dir / "report.html", render_report_html(report, order, images));
}

}  // namespace beian
