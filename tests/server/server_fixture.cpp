#include "tests/server/server_fixture.h"

#include <catch2/catch.hpp>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <spdlog/sinks/ostream_sink.h>

#include "pipeline/base/log.h"

namespace beian::test {

ServerFixture::ServerFixture(const std::function<void(ServerOptions&)>& adjust) {
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(log_text);
  log().sinks().push_back(sink);
  sink_ = sink;
  options.host = "127.0.0.1";
  options.port = 0;
  options.data_dir = data.path();
  options.token_secret = kTokenSecret;
  options.qr_secret = kQrSecret;
  options.api_key = kApiKey;
  options.threads = 8;
  options.engine.workers = 2;
  if (adjust) adjust(options);
  auto started = UploadServer::start(options);
  INFO(started.error);
  REQUIRE(started.value);
  server = std::move(started.value);
}

ServerFixture::~ServerFixture() {
  server.reset();
  auto& sinks = log().sinks();
  sinks.erase(std::remove(sinks.begin(), sinks.end(), sink_), sinks.end());
}

httplib::Client ServerFixture::client() const {
  httplib::Client c("127.0.0.1", server->port());
  c.set_read_timeout(120, 0);
  c.set_write_timeout(60, 0);
  return c;
}

nlohmann::json ServerFixture::create_order(const nlohmann::json& manifest) {
  auto r = client().Post("/api/orders", api_headers(), manifest.dump(), "application/json");
  REQUIRE(r);
  INFO(r->body);
  REQUIRE(r->status == 201);
  return nlohmann::json::parse(r->body);
}

nlohmann::json ServerFixture::create_link(const std::string& order_id, const std::string& role, int ttl_minutes) {
  const nlohmann::json body = {{"role", role}, {"ttl_minutes", ttl_minutes}};
  auto r = client().Post(("/api/orders/" + order_id + "/upload-links").c_str(), api_headers(), body.dump(), "application/json");
  REQUIRE(r);
  INFO(r->body);
  REQUIRE(r->status == 201);
  return nlohmann::json::parse(r->body);
}

httplib::Result ServerFixture::upload(const std::string& token, const std::string& slot, const std::string& bytes,
                                      const std::string& content_type) {
  const std::string path = "/u/" + token + "/files" + (slot.empty() ? "" : "?slot=" + slot);
  return client().Post(path.c_str(), bytes, content_type.c_str());
}

nlohmann::json test_manifest(const std::string& order_id, int websites, bool with_uploads) {
  nlohmann::json j = {
      {"schema", "beian.order/1"},
      {"order_id", order_id},
      {"filing_type", "首次备案"},
      {"province", "广东"},
      {"filing_date", "2026-11-22"},
      {"subject",
       {{"kind", "unit"},
        {"nature", "企业"},
        {"name", "深圳市样本网络科技有限公司"},
        {"certificate_type", "营业执照"},
        {"certificate_number", "91440300MA5G9K0T1R"},
        {"certificate_address", "深圳市南山区科技园样本路 8 号"},
        {"mailing_address", "深圳市南山区科技园样本路 8 号 1201 室"},
        {"legal_representative", "陈样本"}}},
      {"subject_owner",
       {{"name", "陈样本"}, {"id_type", "身份证"}, {"id_number", "440305199001010012"}, {"phone", "13800000000"},
        {"email", "owner@example.cn"}}},
      {"websites", nlohmann::json::array()}};
  for (int i = 1; i <= websites; ++i) {
    j["websites"].push_back(
        {{"name", "样本网络科技官网" + std::to_string(i)},
         {"domains", {"example" + std::to_string(i) + ".cn"}},
         {"service_content", "企业官网"},
         {"pre_approvals", nlohmann::json::array()},
         {"languages", {"中文简体"}},
         {"cloud_resource",
          {{"kind", "cvm"}, {"instance_id", "ins-7x2k9"}, {"billing", "monthly"}, {"purchased_months", 12},
           {"expires_on", "2027-10-31"}}},
         {"owner",
          {{"name", "林示例"}, {"id_type", "身份证"}, {"id_number", "440106199203150024"}, {"phone", "13900000000"},
           {"email", "web@example.cn"}}}});
  }
  if (with_uploads) {
    j["uploads"] = {{{"file", "licence.jpg"}, {"document", "business_licence"}},
                    {{"file", "a.jpg"}, {"document", "id_front"}, {"person", "subject_owner"}},
                    {{"file", "b.jpg"}, {"document", "id_back"}, {"person", "subject_owner"}},
                    {{"file", "c.jpg"}, {"document", "id_front"}, {"person", "website_owner"}, {"website", 1}},
                    {{"file", "d.jpg"}, {"document", "id_back"}, {"person", "website_owner"}, {"website", 1}},
                    {{"file", "e.jpg"}, {"document", "portrait"}, {"person", "website_owner"}, {"website", 1}}};
  }
  return j;
}

std::string synthetic_image(int seed, const std::string& ext, int width, int height) {
  cv::Mat img(height, width, CV_8UC3, cv::Scalar(235, 235, 235));
  cv::RNG rng(static_cast<uint64_t>(seed) * 7919 + 17);
  for (int i = 0; i < 12; ++i)
    cv::rectangle(img, cv::Rect(rng.uniform(0, width - 60), rng.uniform(0, height - 20), rng.uniform(20, 200), rng.uniform(4, 18)),
                  cv::Scalar(rng.uniform(0, 90), rng.uniform(0, 90), rng.uniform(0, 90)), cv::FILLED);
  cv::putText(img, "specimen " + std::to_string(seed), {20, height / 2}, cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(20, 20, 20), 2);
  std::vector<unsigned char> buf;
  cv::imencode(ext, img, buf);
  return std::string(buf.begin(), buf.end());
}

nlohmann::json body_json(const httplib::Result& r) {
  if (!r) return nlohmann::json::object();
  try {
    return nlohmann::json::parse(r->body);
  } catch (const std::exception&) {
    return nlohmann::json::object();
  }
}

}  // namespace beian::test
