// The order manifest parser: good manifests parse completely; every bad one is rejected with
// the file, the JSON path and what is wrong.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "beian/order.h"

using beian::parse_order_manifest;

namespace {

nlohmann::json good_manifest() {
  return nlohmann::json::parse(R"({
    "schema": "beian.order/1", "order_id": "A-001", "filing_type": "首次备案", "province": "广东省",
    "filing_date": "2026-11-22",
    "subject": {"kind": "unit", "nature": "企业", "name": "深圳市样本科技有限公司", "certificate_type": "营业执照",
                "certificate_number": "91440300MA5F00000X", "certificate_address": "深圳市南山区样本路1号",
                "mailing_address": "深圳市南山区样本路1号101室", "legal_representative": "李四"},
    "subject_owner": {"name": "李四", "id_type": "身份证", "id_number": "110102199101010078", "phone": "13812345678", "email": "li@example.cn"},
    "websites": [{"name": "样本科技官网", "domains": ["example.cn", "example.com.cn"], "service_content": "企业官网",
                  "pre_approvals": [], "languages": ["中文简体"],
                  "cloud_resource": {"kind": "cvm", "instance_id": "ins-1", "billing": "monthly", "purchased_months": 12, "expires_on": "2027-11-01"},
                  "owner": {"name": "王五", "id_type": "身份证", "id_number": "360426199101010071", "phone": "13900000000"}}],
    "uploads": [{"file": "IMG_1.jpg", "document": "business_licence"},
                {"file": "IMG_2.jpg", "document": "id_front", "person": "website_owner", "website": 1}],
    "account": {"id": "acc-1", "orders_in_progress": 0, "subjects": []}
  })");
}

// The single error of parsing `j`, which must fail with exactly one.
beian::ManifestError only_error(const nlohmann::json& j) {
  auto parsed = parse_order_manifest(j.dump(), "uploads/A-001/order.json");
  REQUIRE_FALSE(parsed.ok());
  REQUIRE(parsed.errors.size() == 1);
  return parsed.errors.front();
}

}  // namespace

TEST_CASE("a complete manifest parses into the order model", "[manifest]") {
  auto parsed = parse_order_manifest(good_manifest().dump(), "order.json");
  REQUIRE(parsed.ok());
  const auto& o = parsed.order;
  CHECK(o.order_id == "A-001");
  CHECK(o.filing_type == beian::FilingType::kFirstFiling);
  CHECK(o.province == "广东");  // full name normalised to the short name
  CHECK(o.filing_date == beian::Date{2026, 11, 22});
  CHECK(o.subject.kind == beian::SubjectKind::kUnit);
  CHECK(o.subject.legal_representative == "李四");
  REQUIRE(o.websites.size() == 1);
  CHECK(o.websites[0].domains == std::vector<std::string>{"example.cn", "example.com.cn"});
  CHECK(o.websites[0].cloud_resource.purchased_months == 12);
  CHECK(o.websites[0].cloud_resource.expires_on == beian::Date{2027, 11, 1});
  CHECK(o.websites[0].owner.id_number == "360426199101010071");
  REQUIRE(o.uploads.size() == 2);
  CHECK(o.uploads[1].document == beian::DocumentType::kIdFront);
  CHECK(o.uploads[1].website == 1);
  REQUIRE(o.account);
}

TEST_CASE("an order survives a JSON round trip", "[manifest]") {
  auto first = parse_order_manifest(good_manifest().dump(), "order.json");
  REQUIRE(first.ok());
  const nlohmann::json again = first.order;
  auto second = parse_order_manifest(again.dump(), "again");
  REQUIRE(second.ok());
  CHECK(nlohmann::json(second.order) == again);
}

TEST_CASE("bad manifests name the file, the JSON path and the problem", "[manifest]") {
  auto j = good_manifest();
  SECTION("misspelt member") {
    j["websites"][0]["domians"] = j["websites"][0]["domains"];
    const auto e = only_error(j);
    CHECK(e.file == "uploads/A-001/order.json");
    CHECK(e.json_path == "/websites/0/domians");
    CHECK_THAT(e.message, Catch::Contains("unknown member"));
  }
  SECTION("wrong type") {
    j["websites"][0]["domains"][1] = 42;
    const auto e = only_error(j);
    CHECK(e.json_path == "/websites/0/domains/1");
    CHECK_THAT(e.message, Catch::Contains("expected a string"));
  }
  SECTION("missing required member") {
    j["subject_owner"].erase("id_number");
    CHECK(only_error(j).json_path == "/subject_owner/id_number");
  }
  SECTION("unknown filing type") {
    j["filing_type"] = "备案";
    CHECK(only_error(j).json_path == "/filing_type");
  }
  SECTION("unknown province") {
    j["province"] = "火星";
    CHECK(only_error(j).json_path == "/province");
  }
  SECTION("impossible date") {
    j["filing_date"] = "2026-02-30";
    CHECK_THAT(only_error(j).message, Catch::Contains("YYYY-MM-DD"));
  }
  SECTION("order id that could escape the output folder") {
    j["order_id"] = "../etc";
    CHECK(only_error(j).json_path == "/order_id");
  }
  SECTION("upload with a path") {
    j["uploads"][0]["file"] = "../../secret.jpg";
    CHECK(only_error(j).json_path == "/uploads/0/file");
  }
  SECTION("upload for a website that does not exist") {
    j["uploads"][1]["website"] = 3;
    CHECK(only_error(j).json_path == "/uploads/1/website");
  }
  SECTION("unknown document type") {
    j["uploads"][0]["document"] = "driving_licence";
    CHECK(only_error(j).json_path == "/uploads/0/document");
  }
  SECTION("a file listed twice") {
    j["uploads"][1]["file"] = "IMG_1.jpg";
    CHECK(only_error(j).json_path == "/uploads/1/file");
  }
  SECTION("a website without domains") {
    j["websites"][0]["domains"] = nlohmann::json::array();
    CHECK(only_error(j).json_path == "/websites/0/domains");
  }
}

TEST_CASE("several problems are all reported, not only the first", "[manifest]") {
  auto j = good_manifest();
  j.erase("province");
  j["subject"]["kind"] = "company";
  j["websites"][0]["cloud_resource"]["billing"] = "yearly";
  auto parsed = parse_order_manifest(j.dump(), "order.json");
  REQUIRE(parsed.errors.size() == 3);
  CHECK(parsed.errors[0].json_path == "/province");
  CHECK(parsed.errors[1].json_path == "/subject/kind");
  CHECK(parsed.errors[2].json_path == "/websites/0/cloud_resource/billing");
}

TEST_CASE("text that is not JSON is reported with its position", "[manifest]") {
  auto parsed = parse_order_manifest("{\"order_id\": \"A\",", "x/order.json");
  REQUIRE(parsed.errors.size() == 1);
  CHECK(parsed.errors[0].json_path.empty());
  CHECK_THAT(parsed.errors[0].to_string(), Catch::StartsWith("x/order.json: (document): not valid JSON"));
}

TEST_CASE("a missing manifest file is an error, not an exception", "[manifest]") {
  auto parsed = beian::load_order_manifest("/nonexistent/order.json");
  REQUIRE(parsed.errors.size() == 1);
  CHECK(parsed.errors[0].file == "/nonexistent/order.json");
}
