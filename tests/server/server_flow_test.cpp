// The service end to end over real HTTP: parallel uploads to one order, duplicates, crash
// recovery, the live report, rendered documents and returned signed scans routed by their
// QR code (a rendered PDF rasterised with pdftoppm, signed and stamped by drawing on it).
#include <catch2/catch.hpp>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <set>
#include <thread>

#include "beian/render/qr_payload.h"
#include "pipeline/server/poppler_tools.h"
#include "pipeline/server/qr_finder.h"
#include "render/qr/qr_code.h"
#include "pipeline/server/store.h"
#include "pipeline/sha256.h"
#include "tests/server/server_fixture.h"
#include "tests/server/sheet_scan.h"

using namespace beian;
using namespace beian::test;

namespace {

void generous_limits(ServerOptions& o) {
  o.uploads_per_minute = 6000;
  o.upload_burst = 200;
}

}  // namespace

TEST_CASE("parallel uploads to one order never lose or mix files", "[server][flow]") {
  ServerFixture f(generous_limits);
  f.create_order(test_manifest("P1", 2));
  const std::string token = f.create_link("P1", "applicant")["token"];
  constexpr int kThreads = 12;
  std::vector<std::string> sent(kThreads), answered(kThreads);
  std::vector<int> status(kThreads, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&, i] {
      sent[i] = synthetic_image(100 + i, i % 2 ? ".jpg" : ".png");
      auto r = f.upload(token, i % 2 ? "id_front.website_owner.2" : "business_licence", sent[i]);
      if (!r) return;
      status[i] = r->status;
      answered[i] = body_json(r).value("sha256", "");
    });
  for (auto& t : threads) t.join();
  for (int i = 0; i < kThreads; ++i) {
    CHECK(status[i] == 201);
    CHECK(answered[i] == sha256_hex(sent[i]));
  }
  auto list = body_json(f.client().Get("/api/orders/P1/uploads", f.api_headers()));
  REQUIRE(list["uploads"].size() == kThreads);
  std::set<std::string> stored;
  for (const auto& u : list["uploads"]) {
    stored.insert(u["sha256"].get<std::string>());
    CHECK(u["state"] == "processed");
  }
  for (const auto& s : sent) CHECK(stored.count(sha256_hex(s)) == 1);
  // Every blob on disk holds exactly the bytes its name says.
  int blobs = 0;
  for (const auto& e : std::filesystem::directory_iterator(f.data.path() / "orders" / "P1" / "files")) {
    CHECK(sha256_hex(read_file(e.path())) == e.path().stem().string());
    ++blobs;
  }
  CHECK(blobs == kThreads);
}

TEST_CASE("a duplicate upload is recognised and answered from the first", "[server][flow]") {
  ServerFixture f(generous_limits);
  f.create_order(test_manifest("D1"));
  const std::string token = f.create_link("D1", "applicant")["token"];
  const std::string image = synthetic_image(7);
  auto first = body_json(f.upload(token, "id_front.subject_owner", image));
  REQUIRE(first["duplicate"] == false);
  auto again = f.upload(token, "id_front.subject_owner", image);
  CHECK(again->status == 200);
  auto second = body_json(again);
  CHECK(second["duplicate"] == true);
  CHECK(second["duplicate_of"] == first["upload_id"]);
  CHECK(second["headline_zh"] == first["headline_zh"]);
  // The same photo offered for another slot: the person is told it was used already.
  auto elsewhere = body_json(f.upload(token, "id_back.subject_owner", image));
  CHECK(elsewhere["status"] == "retake");
  CHECK(elsewhere["findings"][0]["code"] == "SERVER_DUPLICATE_OTHER_SLOT");
  // One file on disk for the three uploads.
  int blobs = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(f.data.path() / "orders" / "D1" / "files")) ++blobs;
  CHECK(blobs == 1);
}

TEST_CASE("an upload stored but never processed is processed at the next start", "[server][flow]") {
  TempDir data;
  std::string image = synthetic_image(31);
  int64_t id = 0;
  {
    ServerFixture f([&](ServerOptions& o) { o.data_dir = data.path(); });
    f.create_order(test_manifest("Z1"));
    f.create_link("Z1", "applicant");
  }
  {
    // What a crash between "stored" and "processed" leaves behind.
    server::Store store(data / "beian.db");
    const std::string sha = sha256_hex(image);
    write_file(data / "orders" / "Z1" / "files" / (sha + ".png"), image);
    server::UploadRow row;
    row.order_id = "Z1";
    row.link_id = "0000000000000000";
    row.slot = "business_licence";
    row.sha256 = sha;
    row.bytes = static_cast<int64_t>(image.size());
    row.format = "png";
    row.blob = "orders/Z1/files/" + sha + ".png";
    row.received_ms = server::now_ms();
    id = store.insert_upload(row).id;
  }
  ServerFixture f([&](ServerOptions& o) { o.data_dir = data.path(); });
  std::string state;
  for (int i = 0; i < 300 && state != "processed"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    // Keep the parsed body alive while iterating over it.
    const nlohmann::json list = body_json(f.client().Get("/api/orders/Z1/uploads", f.api_headers()));
    for (const auto& u : list.value("uploads", nlohmann::json::array()))
      if (u["upload_id"] == id) state = u["state"];
  }
  CHECK(state == "processed");
  CHECK(f.log_text.str().find("recovered") != std::string::npos);
}

TEST_CASE("the live report lists what is missing and follows the uploads", "[server][flow]") {
  ServerFixture f(generous_limits);
  const auto created = f.create_order(test_manifest("L1", 1, true));
  CHECK(created["link"]["role"] == "applicant");
  CHECK(created["link"]["qr_svg"].get<std::string>().rfind("<svg", 0) == 0);
  auto c = f.client();
  auto r1 = body_json(c.Get("/api/orders/L1", f.api_headers()));
  CHECK(r1["order_id"] == "L1");
  int missing = 0;
  for (const auto& x : r1["findings"]) missing += x["code"] == "UPLOAD_MISSING";
  CHECK(missing >= 6);  // the six listed uploads (and the documents to sign back)
  const std::string token = created["link"]["token"];
  REQUIRE(f.upload(token, "business_licence", synthetic_image(41))->status == 201);
  auto r2 = body_json(c.Get("/api/orders/L1", f.api_headers()));
  int missing2 = 0;
  for (const auto& x : r2["findings"]) missing2 += x["code"] == "UPLOAD_MISSING";
  CHECK(missing2 == missing - 1);
  bool listed = false;
  for (const auto& u : r2["uploads"]) listed = listed || u["file"] == "business_licence.png";
  CHECK(listed);
  auto png = c.Get(("/u/" + token + "/qr.png").c_str());
  CHECK(png->status == 200);
  CHECK(png->body.substr(1, 3) == "PNG");
}

TEST_CASE("a signed verification sheet comes back, is routed by its QR code and checked", "[server][flow][returned]") {
  ServerFixture f(generous_limits);
  f.create_order(test_manifest("S1"));
  f.create_order(test_manifest("S2"));
  const std::string token = f.create_link("S1", "applicant")["token"];
  constexpr int kDpi = 150;
  const double px_per_mm = kDpi / 25.4;
  SheetScan scan = scan_sheet(f, "S1", kDpi);

  SECTION("signed and stamped: filed under website 1") {
    draw_signature(scan.page, scan.signature_label, px_per_mm);
    REQUIRE(scan.seal_label.area() > 0);
    draw_seal(scan.page, scan.seal_label, px_per_mm);
    auto r = f.upload(token, "", jpeg(scan.page));
    REQUIRE(r);
    INFO(r->body);
    CHECK(r->status == 201);
    auto b = body_json(r);
    CHECK(b["slot"] == "verification_sheet.1");
    CHECK(b["status"] == "ok");
    CHECK(b["details"]["qr"]["order_id"] == "S1");
    int found = 0;
    for (const auto& m : b["details"]["marks"]) found += m["found"].get<bool>();
    CHECK(found == 2);
    // The page now shows it done.
    bool done = false;
    const nlohmann::json status = body_json(f.client().Get(("/u/" + token + "/status").c_str()));
    for (const auto& s : status.value("slots", nlohmann::json::array()))
      if (s["id"] == "verification_sheet.1") done = s["status"] == "ok";
    CHECK(done);
  }
  SECTION("unsigned: filed, but the signature is asked for") {
    auto b = body_json(f.upload(token, "verification_sheet.1", jpeg(scan.page)));
    INFO(b.dump());
    CHECK(b["slot"] == "verification_sheet.1");
    CHECK(b["status"] == "retake");
    std::set<std::string> codes;
    for (const auto& x : b["findings"]) codes.insert(x["code"]);
    CHECK(codes.count("SERVER_SIGNATURE_MISSING") == 1);
    CHECK(codes.count("SERVER_SEAL_MISSING") == 1);
  }
  SECTION("the sheet of another order is refused with 403") {
    SheetScan other = scan_sheet(f, "S2", kDpi);
    draw_signature(other.page, other.signature_label, px_per_mm);
    auto r = f.upload(token, "", jpeg(other.page));
    CHECK(r->status == 403);
    CHECK(body_json(r)["findings"][0]["code"] == "SERVER_QR_OTHER_ORDER");
  }
  SECTION("a QR code signed with another secret is refused as forged") {
    // Paint a code of the same order, document and website, signed with a wrong secret, over
    // the real one.
    draw_signature(scan.page, scan.signature_label, px_per_mm);
    const auto codes = server::find_qr_codes(scan.page);
    REQUIRE(codes.size() == 1);
    const cv::Rect box = cv::boundingRect(std::vector<cv::Point2f>(codes[0].corners.begin(), codes[0].corners.end()));
    const auto wrong = render::QrSigner::create("a-wrong-secret-0123456789").value();
    const render::QrModules qr = render::encode_qr(wrong.encode({"S1", "verification_sheet", 1}), "M");
    scan.page(box).setTo(cv::Scalar(255, 255, 255));
    const double m = static_cast<double>(box.width) / qr.size;
    for (int y = 0; y < qr.size; ++y)
      for (int x = 0; x < qr.size; ++x)
        if (qr.at(x, y))
          cv::rectangle(scan.page, cv::Rect(box.x + static_cast<int>(x * m), box.y + static_cast<int>(y * m),
                                            static_cast<int>(m + 1), static_cast<int>(m + 1)),
                        cv::Scalar(0, 0, 0), cv::FILLED);
    auto r = f.upload(token, "", jpeg(scan.page));
    CHECK(r->status == 422);
    CHECK(body_json(r)["findings"][0]["code"] == "SERVER_QR_FORGED");
    CHECK(body_json(r)["status"] == "rejected");
  }
}
