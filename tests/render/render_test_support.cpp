#include "tests/render/render_test_support.h"

#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

namespace beian::render {

const FontFace& test_font() {
  static const auto face = FontFace::load("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0);
  return *face;
}

std::string pdf_text(const std::filesystem::path& pdf) {
  const auto r = test::run_program({"/usr/bin/pdftotext", "-layout", "-enc", "UTF-8", pdf.string(), "-"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

std::string pdf_info(const std::filesystem::path& pdf) {
  const auto r = test::run_program({"/usr/bin/pdfinfo", "-enc", "UTF-8", pdf.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

std::filesystem::path pdf_page_png(const std::filesystem::path& pdf, int page, int dpi) {
  const auto prefix = pdf.parent_path() / (pdf.stem().string() + "-p" + std::to_string(page));
  const auto r = test::run_program({"/usr/bin/pdftoppm", "-gray", "-png", "-singlefile", "-r", std::to_string(dpi),
                                    "-f", std::to_string(page), "-l", std::to_string(page), pdf.string(),
                                    prefix.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return prefix.string() + ".png";
}

}  // namespace beian::render

#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>
#include <opencv2/imgcodecs.hpp>

namespace beian::render {

std::vector<std::string> decode_qr_codes(const std::filesystem::path& png) {
  const cv::Mat grey = cv::imread(png.string(), cv::IMREAD_GRAYSCALE);
  REQUIRE_FALSE(grey.empty());
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  const auto results = ZXing::ReadBarcodes(
      ZXing::ImageView(grey.data, grey.cols, grey.rows, ZXing::ImageFormat::Lum, static_cast<int>(grey.step)), hints);
  std::vector<std::string> texts;
  for (const auto& r : results)
    if (r.isValid()) texts.push_back(r.text());
  return texts;
}

}  // namespace beian::render

namespace beian::render {

const DocumentRenderer& test_renderer() {
  static const auto created = [] {
    RenderOptions options;
    options.qr_secret = kTestQrSecret;
    return DocumentRenderer::create(options);
  }();
  INFO(created.error);
  REQUIRE(created.value);
  return *created.value;
}

nlohmann::json sample_order() {
  return nlohmann::json::parse(R"({
    "schema": "beian.order/1",
    "order_id": "R-0001",
    "filing_type": "首次备案",
    "province": "广东",
    "filing_date": "2026-11-22",
    "subject": {"kind": "unit", "nature": "企业", "name": "深圳市样本网络科技有限公司",
                "certificate_type": "营业执照", "certificate_number": "91440300MA5G9K0T1R",
                "certificate_address": "深圳市南山区科技园样本路 8 号",
                "mailing_address": "深圳市南山区科技园样本路 8 号 1201 室", "legal_representative": "陈样本"},
    "subject_owner": {"name": "陈样本", "id_type": "身份证", "id_number": "440305199001010012",
                      "phone": "13800000000", "email": "owner@example.cn"},
    "websites": [
      {"name": "样本网络科技官网", "domains": ["example.cn", "example.com.cn"], "service_content": "企业官网",
       "pre_approvals": [], "languages": ["中文简体"],
       "cloud_resource": {"kind": "cvm", "instance_id": "ins-7x2k9", "billing": "monthly", "purchased_months": 12,
                          "expires_on": "2027-10-31"},
       "owner": {"name": "林示例", "id_type": "身份证", "id_number": "440106199203150024",
                 "phone": "13900000000", "email": "web@example.cn"}},
      {"name": "样本健康资讯", "domains": ["health-sample.cn"], "service_content": "医疗保健资讯",
       "pre_approvals": ["医疗保健", "网络出版"],
       "cloud_resource": {"kind": "cvm", "instance_id": "ins-8y3m1", "billing": "monthly", "purchased_months": 12},
       "owner": {"name": "王护照", "id_type": "护照", "id_number": "E56124049",
                 "phone": "13700000000", "email": "health@example.cn"}}
    ]
  })");
}

}  // namespace beian::render
