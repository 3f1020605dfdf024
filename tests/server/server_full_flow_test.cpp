// The whole flow of issue 9 over real HTTP, with generated specimens (beian-samples): create
// the order, get the owner's link, upload the ID card front and back and the backdrop photo
// and read the answers, download the rendered verification sheet, "print" it (pdftoppm),
// sign and stamp it, upload the scan and see it filed under its website, then read the live
// report.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "samples/order_builder.h"
#include "samples/text_painter.h"
#include "tests/server/server_fixture.h"
#include "tests/server/sheet_scan.h"

using namespace beian;
using namespace beian::test;

namespace {

// A generated order (clean document images, no invalid variant) whose uploads include an ID
// card front and back and a backdrop photo.
samples::GeneratedOrder order_with_id_card_and_photo() {
  samples::TextPainter painter;
  samples::OrderOptions options;
  options.levels = {samples::Level::kClean};
  options.invalid_rate = 0.0;
  for (uint64_t seed = 1; seed < 40; ++seed) {
    options.seed = seed;
    samples::GeneratedOrder order = samples::build_order(0, options, painter);
    std::set<DocumentType> types;
    for (const auto& image : order.images) types.insert(image.type);
    if (types.count(DocumentType::kIdFront) && types.count(DocumentType::kIdBack) && types.count(DocumentType::kPortrait))
      return order;
  }
  FAIL("no generated order with an ID card and a backdrop photo in 40 seeds");
  return {};
}

// The role whose link uploads a manifest entry, and its slot id.
std::pair<std::string, std::string> role_and_slot(const nlohmann::json& upload) {
  const std::string person = upload.value("person", "");
  const int website = upload.value("website", 0);
  const std::string role = person.empty() ? "subject" : person == "website_owner" ? "website_owner:" + std::to_string(website) : person;
  std::string slot = upload.value("document", "unknown");
  if (!person.empty()) slot += "." + person;
  if (website > 0) slot += "." + std::to_string(website);
  return {role, slot};
}

}  // namespace

TEST_CASE("the whole flow: phone uploads with answers, then the signed sheet comes back and is filed", "[server][flow][full]") {
  const samples::GeneratedOrder generated = order_with_id_card_and_photo();
  ServerFixture f([](ServerOptions& o) {
    o.uploads_per_minute = 600;
    o.upload_burst = 50;
  });
  const auto created = f.create_order(generated.manifest);
  const std::string order_id = created["order_id"];
  REQUIRE(order_id == generated.order_id);
  CHECK_FALSE(created["documents"].empty());

  // Phone uploads: each person's ID card sides and the backdrop photo, through their own link.
  std::map<std::string, std::string> tokens;  // role → token
  int answered = 0;
  for (const auto& upload : generated.manifest.at("uploads")) {
    const std::string document = upload.value("document", "");
    if (document != "id_front" && document != "id_back" && document != "portrait") continue;
    const auto [role, slot] = role_and_slot(upload);
    if (!tokens.count(role)) tokens[role] = f.create_link(order_id, role)["token"];
    const samples::GeneratedImage* image = nullptr;
    for (const auto& i : generated.images)
      if (i.file == upload.at("file").get<std::string>()) image = &i;
    REQUIRE(image);
    auto r = f.upload(tokens[role], slot, std::string(image->bytes.begin(), image->bytes.end()), "image/jpeg");
    REQUIRE(r);
    INFO(slot << ": " << r->body);
    CHECK(r->status == 201);
    auto answer = body_json(r);  // not const: a missing member reads as null
    CHECK(answer["slot"] == slot);
    CHECK(answer["document_type"] == document);
    CHECK_FALSE(answer["headline_zh"].get<std::string>().empty());
    CHECK(answer["status"] != "rejected");
    if (answer["status"] == "ok") CHECK(answer["advice_zh"].empty());
    else CHECK_FALSE(answer["advice_zh"].empty());  // a retake or warning always says why
    ++answered;
  }
  CHECK(answered >= 3);

  // The page of the first link lists those uploads with their answers.
  const auto& [first_role, first_token] = *tokens.begin();
  auto status = body_json(f.client().Get(("/u/" + first_token + "/status").c_str()));
  CHECK(status["role"] == first_role);
  for (const auto& s : status.value("slots", nlohmann::json::array())) {
    const std::string document = s["document"];
    if (document == "id_front" || document == "id_back" || document == "portrait") CHECK(s["status"] != "missing");
  }

  // The signed sheet: downloaded, printed (rasterised), signed (and stamped for a unit), scanned.
  constexpr int kDpi = 150;
  const double px_per_mm = kDpi / 25.4;
  SheetScan scan = scan_sheet(f, order_id, kDpi);
  draw_signature(scan.page, scan.signature_label, px_per_mm);
  const bool unit = generated.manifest.at("subject").at("kind") == "unit";
  if (unit) {
    REQUIRE(scan.seal_label.area() > 0);
    draw_seal(scan.page, scan.seal_label, px_per_mm);
  }
  const std::string applicant = created["link"]["token"];
  auto returned = f.upload(applicant, "", jpeg(scan.page), "image/jpeg");
  REQUIRE(returned);
  INFO(returned->body);
  CHECK(returned->status == 201);
  auto filed = body_json(returned);
  CHECK(filed["slot"] == "verification_sheet.1");
  CHECK(filed["status"] == "ok");
  CHECK(filed["details"]["qr"]["order_id"] == order_id);

  // The live report has every uploaded file and no longer misses the sheet.
  auto report = body_json(f.client().Get(("/api/orders/" + order_id).c_str(), f.api_headers()));
  CHECK(report["order_id"] == order_id);
  std::set<std::string> files;
  for (const auto& u : report.value("uploads", nlohmann::json::array())) files.insert(u.value("file", ""));
  CHECK(files.count("verification_sheet.1.jpg") == 1);
  for (const auto& x : report.value("findings", nlohmann::json::array()))
    if (x["code"] == "UPLOAD_MISSING") CHECK(x.dump().find("verification_sheet.1") == std::string::npos);
}
