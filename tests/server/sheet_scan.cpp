#include "tests/server/sheet_scan.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "pipeline/server/poppler_tools.h"

namespace beian::test {

SheetScan scan_sheet(ServerFixture& f, const std::string& order_id, int dpi) {
  auto c = f.client();
  auto list = body_json(c.Get(("/api/orders/" + order_id + "/documents").c_str(), f.api_headers()));
  std::string name;
  for (const auto& d : list["documents"])
    if (d["kind"] == "verification_sheet" && d["website"] == 1) name = d["name"];
  REQUIRE_FALSE(name.empty());
  auto pdf = c.Get(("/api/orders/" + order_id + "/documents/" + name).c_str(), f.api_headers());
  REQUIRE(pdf->status == 200);
  REQUIRE(pdf->body.rfind("%PDF", 0) == 0);
  TempDir dir;
  write_file(dir / "sheet.pdf", pdf->body);
  const auto rc = run_program({"/usr/bin/pdftoppm", "-r", std::to_string(dpi), "-png", "-f", "1", "-l", "1", "-singlefile",
                               (dir / "sheet.pdf").string(), (dir / "page").string()});
  REQUIRE(rc.exit_code == 0);
  SheetScan s;
  s.page = cv::imread((dir / "page.png").string(), cv::IMREAD_COLOR);
  REQUIRE_FALSE(s.page.empty());
  std::string why;
  const auto words = server::pdf_words(dir / "sheet.pdf", &why);
  REQUIRE(words);
  const double px = dpi / 25.4;
  for (const auto& w : words->front().words) {
    const cv::Rect r(static_cast<int>(w.x_min * px), static_cast<int>(w.y_min * px), static_cast<int>((w.x_max - w.x_min) * px),
                     static_cast<int>((w.y_max - w.y_min) * px));
    if (w.text.find("网站负责人签字") != std::string::npos) s.signature_label = r;
    if (w.text.find("单位公章") != std::string::npos) s.seal_label = r;
  }
  REQUIRE(s.signature_label.area() > 0);
  return s;
}

void draw_signature(cv::Mat& page, const cv::Rect& label, double px_per_mm) {
  std::vector<cv::Point> stroke;
  const cv::Point origin(label.x + static_cast<int>(5 * px_per_mm), label.y + label.height + static_cast<int>(4 * px_per_mm));
  for (int i = 0; i <= 120; ++i) {
    const double t = i / 120.0;
    stroke.emplace_back(origin.x + static_cast<int>(t * 40 * px_per_mm),
                        origin.y + static_cast<int>(std::sin(t * 18) * 3 * px_per_mm + std::cos(t * 7) * 1.5 * px_per_mm));
  }
  cv::polylines(page, stroke, false, cv::Scalar(90, 30, 20), std::max(2, static_cast<int>(0.5 * px_per_mm)), cv::LINE_AA);
  cv::line(page, origin + cv::Point(0, static_cast<int>(5 * px_per_mm)), origin + cv::Point(static_cast<int>(30 * px_per_mm), 0),
           cv::Scalar(90, 30, 20), std::max(2, static_cast<int>(0.5 * px_per_mm)), cv::LINE_AA);
}

void draw_seal(cv::Mat& page, const cv::Rect& label, double px_per_mm) {
  const cv::Point centre(label.x + label.width / 2, label.y + static_cast<int>(12 * px_per_mm));
  cv::circle(page, centre, static_cast<int>(19 * px_per_mm), cv::Scalar(40, 30, 210), static_cast<int>(1.2 * px_per_mm));
  cv::circle(page, centre, static_cast<int>(4 * px_per_mm), cv::Scalar(40, 30, 210), cv::FILLED);
  cv::putText(page, "SEAL", centre + cv::Point(-static_cast<int>(10 * px_per_mm), static_cast<int>(12 * px_per_mm)),
              cv::FONT_HERSHEY_SIMPLEX, px_per_mm * 0.6, cv::Scalar(40, 30, 210), static_cast<int>(0.6 * px_per_mm));
}

std::string jpeg(const cv::Mat& img) {
  std::vector<unsigned char> buf;
  cv::imencode(".jpg", img, buf, {cv::IMWRITE_JPEG_QUALITY, 90});
  return std::string(buf.begin(), buf.end());
}

}  // namespace beian::test
