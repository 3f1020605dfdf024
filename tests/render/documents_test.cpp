// The documents end to end: which documents an order needs, size, metadata, the pdftotext
// round trip of every filled value, and the QR decoded from a 100 dpi raster and verified.
#include <catch2/catch.hpp>

#include <thread>

#include "beian/render/qr_payload.h"
#include "pipeline/base/text.h"
#include "tests/render/render_test_support.h"
#include "tests/support/test_support.h"

using namespace beian;
using namespace beian::render;

namespace {

// pdftotext -layout output (reading order: row by row, cell by cell) with all white space
// removed (a value may be wrapped over lines).
std::string compact_text(const std::filesystem::path& pdf) {
  const auto r = test::run_program({"/usr/bin/pdftotext", "-layout", "-enc", "UTF-8", pdf.string(), "-"});
  REQUIRE(r.exit_code == 0);
  std::string out;
  for (char32_t cp : utf8_to_u32(r.out))
    if (cp != U' ' && cp != U'\n' && cp != U'\t' && cp != U'\f' && cp != U'\u3000' && cp != U'\r') append_utf8(out, cp);
  return out;
}

std::string compact(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ') out += c;
  return out;
}

std::vector<std::string> codes(const RenderedDocument& d) {
  std::vector<std::string> out;
  for (const auto& f : d.findings) out.push_back(f.code);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("an order needs one sheet per website, one letter, and authorisations where the owner is not the legal representative",
          "[render][documents]") {
  const auto& r = test_renderer();
  auto order = sample_order();
  using R = DocumentRequest;
  CHECK(r.documents_for(order) == std::vector<R>{{"verification_sheet", 1}, {"verification_sheet", 2}, {"commitment_letter", 0},
                                                 {"authorisation_letter", 1}, {"authorisation_letter", 2}});
  order["websites"][0]["owner"]["name"] = "陈样本";  // the legal representative runs website 1 himself
  CHECK(r.documents_for(order) == std::vector<R>{{"verification_sheet", 1}, {"verification_sheet", 2}, {"commitment_letter", 0},
                                                 {"authorisation_letter", 2}});
  order["subject"]["kind"] = "individual";
  CHECK(r.documents_for(order) == std::vector<R>{{"verification_sheet", 1}, {"verification_sheet", 2}, {"commitment_letter", 0}});
  for (const char* cancellation : {"注销主体", "注销网站", "取消接入"}) {
    order["filing_type"] = cancellation;
    CHECK(r.documents_for(order).empty());
  }
  order["filing_type"] = "变更网站";
  CHECK(r.documents_for(order).size() == 3);
}

TEST_CASE("every document: small, one page, metadata set, every filled value extractable in order, QR verifies at 100 dpi",
          "[render][documents][roundtrip]") {
  const auto& r = test_renderer();
  const auto order = sample_order();
  const auto signer = QrSigner::create(kTestQrSecret);
  REQUIRE(signer);
  test::TempDir dir;
  for (const auto& request : r.documents_for(order)) {
    const auto doc = r.render({order, {}}, request);
    INFO(doc.file_name);
    CHECK(doc.findings.empty());
    REQUIRE(!doc.pdf.empty());
    CHECK(doc.pdf.size() <= 100 * 1024);
    CHECK(doc.pages == 1);
    const auto path = dir / doc.file_name;
    test::write_file(path, doc.pdf);

    const std::string info = pdf_info(path);
    CHECK(info.find("Title:") != std::string::npos);
    CHECK(info.find(request.kind == "verification_sheet" ? "网站备案信息真实性核验单"
                    : request.kind == "commitment_letter" ? "网站备案承诺书" : "授权书") != std::string::npos);
    CHECK(info.find("Creator:         beian") != std::string::npos);
    CHECK(info.find("CreationDate:") != std::string::npos);

    // Every filled value comes back, in reading order.
    const std::string text = compact_text(path);
    REQUIRE(doc.filled_values.size() >= 2);
    size_t from = 0;
    for (const auto& v : doc.filled_values) {
      INFO(v);
      const size_t at = text.find(compact(v), from);
      CHECK(at != std::string::npos);
      if (at != std::string::npos) from = at + compact(v).size();
    }

    const auto codes = decode_qr_codes(pdf_page_png(path, 1, 100));
    REQUIRE(codes.size() == 1);
    CHECK(codes[0] == doc.qr_text);
    const auto check = signer->verify(codes[0]);
    CHECK(check.verdict == QrVerdict::kOk);
    CHECK(check.payload == QrPayload{"R-0001", request.kind, request.website});
  }
}

TEST_CASE("the filled values are what the order says, per website", "[render][documents]") {
  const auto& r = test_renderer();
  const auto order = sample_order();
  const auto sheet2 = r.render({order, {}}, {"verification_sheet", 2});
  CHECK(sheet2.filled_values == std::vector<std::string>{"深圳市样本网络科技有限公司", "health-sample.cn", "R-0001", "2"});
  const auto letter = r.render({order, {}}, {"commitment_letter", 0});
  for (const char* v : {"深圳市样本网络科技有限公司", "营业执照", "91440300MA5G9K0T1R", "陈样本", "样本网络科技官网", "example.cn",
                        "example.com.cn", "林示例", "样本健康资讯", "health-sample.cn", "王护照"})
    CHECK(has(letter.filled_values, v));
  const auto auth = r.render({order, {}}, {"authorisation_letter", 2});
  for (const char* v : {"王护照", "护照", "E56124049", "样本健康资讯", "health-sample.cn", "陈样本", "13700000000", "首次备案"})
    CHECK(has(auth.filled_values, v));
  CHECK_FALSE(has(auth.filled_values, "林示例"));
}

TEST_CASE("a missing field is a visible dashed blank and a finding, never invented", "[render][documents][bad]") {
  const auto& r = test_renderer();
  auto order = sample_order();
  order["subject"].erase("name");
  order["websites"][0]["domains"] = nlohmann::json::array();
  const auto doc = r.render({order, {}}, {"verification_sheet", 1});
  REQUIRE(!doc.pdf.empty());
  std::vector<std::string> fields;
  for (const auto& f : doc.findings) {
    CHECK(f.code == "RENDER_FIELD_MISSING");
    CHECK(f.severity == Severity::kWarning);
    CHECK(f.file == "verification_sheet-1.pdf");
    fields.push_back(f.field);
  }
  CHECK(fields == std::vector<std::string>{"subject.name", "websites[0].domains"});
  CHECK(doc.findings[0].message_zh.find("网站主办者名称") != std::string::npos);
  test::TempDir dir;
  test::write_file(dir / "m.pdf", doc.pdf);
  const std::string text = compact_text(dir / "m.pdf");
  CHECK(text.find("深圳市样本") == std::string::npos);
  CHECK(text.find("example.cn") == std::string::npos);
  // Optional fields (a landline) never produce findings.
  CHECK_FALSE(has(codes(r.render({sample_order(), {}}, {"commitment_letter", 0})), "RENDER_FIELD_MISSING"));
}

TEST_CASE("200 domains continue onto further pages, every one of them extractable", "[render][documents][bad]") {
  const auto& r = test_renderer();
  auto order = sample_order();
  auto& domains = order["websites"][0]["domains"] = nlohmann::json::array();
  for (int i = 0; i < 200; ++i) domains.push_back("shop" + std::to_string(i) + ".example-domain-" + std::to_string(i % 7) + ".com.cn");
  const auto doc = r.render({order, {}}, {"verification_sheet", 1});
  CHECK(doc.findings.empty());
  CHECK(doc.pages >= 2);
  CHECK(doc.pdf.size() <= 100 * 1024);
  test::TempDir dir;
  test::write_file(dir / "d.pdf", doc.pdf);
  const std::string text = compact_text(dir / "d.pdf");
  for (const auto& d : domains) CHECK(text.find(d.get<std::string>()) != std::string::npos);
  CHECK(text.find("网站备案信息真实性核验单（续）") != std::string::npos);
  CHECK(text.find("共" + std::to_string(doc.pages) + "页") != std::string::npos);
  // The QR is on every page.
  for (int p = 1; p <= doc.pages; ++p) CHECK(decode_qr_codes(pdf_page_png(dir / "d.pdf", p, 100)).size() == 1);
  // The commitment letter lists them too.
  const auto letter = r.render({order, {}}, {"commitment_letter", 0});
  CHECK(letter.pages >= 2);
  CHECK(letter.pdf.size() <= 100 * 1024);
}

TEST_CASE("characters outside the font or the BMP are reported and marked, not dropped", "[render][documents][bad]") {
  const auto& r = test_renderer();
  auto order = sample_order();
  order["subject"]["name"] = "深圳市☑样本科技有限公司";            // U+2611: not in zenhei
  order["websites"][0]["owner"]["name"] = "林\U00020000示例";      // U+20000: CJK Extension B
  order["subject"]["legal_representative"] = "陈样本😀";            // emoji, outside the BMP
  const auto doc = r.render({order, {}}, {"authorisation_letter", 1});
  REQUIRE(!doc.pdf.empty());
  int outside = 0, not_in_font = 0;
  for (const auto& f : doc.findings) {
    INFO(f.code << " " << f.field);
    CHECK(f.severity == Severity::kError);
    std::string chars;
    for (const auto& [k, v] : f.evidence)
      if (k == "characters") chars = v;
    if (f.code == "RENDER_CHAR_OUTSIDE_BMP") {
      ++outside;
      CHECK((chars.find("U+20000") != std::string::npos || chars.find("U+1F600") != std::string::npos));
    } else {
      REQUIRE(f.code == "RENDER_CHAR_NOT_IN_FONT");
      ++not_in_font;
      CHECK(f.field == "subject.name");
      CHECK(chars.find("U+2611") != std::string::npos);
    }
  }
  CHECK(outside == 2);
  CHECK(not_in_font == 1);
  test::TempDir dir;
  test::write_file(dir / "c.pdf", doc.pdf);
  const std::string text = compact_text(dir / "c.pdf");
  CHECK(text.find("深圳市〓样本科技有限公司") != std::string::npos);
  CHECK(text.find("林〓示例") != std::string::npos);
}

TEST_CASE("bad requests are findings, not crashes", "[render][documents][bad]") {
  const auto& r = test_renderer();
  const auto order = sample_order();
  for (const DocumentRequest& bad : std::vector<DocumentRequest>{{"verification_sheet", 0}, {"verification_sheet", 3},
                                                                   {"commitment_letter", 1}, {"authorisation_letter", -1}}) {
    const auto doc = r.render({order, {}}, bad);
    CHECK(doc.pdf.empty());
    CHECK(codes(doc) == std::vector<std::string>{"RENDER_WEBSITE_INVALID"});
  }
  CHECK(codes(r.render({order, {}}, {"bank_statement", 0})) == std::vector<std::string>{"RENDER_DOCUMENT_UNKNOWN"});
  // An order that is not even an object still yields findings (every value missing).
  const auto doc = r.render({nlohmann::json::array(), {}}, {"commitment_letter", 0});
  CHECK(!doc.pdf.empty());
  CHECK(has(codes(doc), "RENDER_FIELD_MISSING"));
  CHECK(has(codes(doc), "RENDER_QR_UNAVAILABLE"));
}

TEST_CASE("province variants are data selected by the order's province and subject kind", "[render][documents][variants]") {
  const auto& r = test_renderer();
  test::TempDir dir;
  const auto text_of = [&](const nlohmann::json& order, const DocumentRequest& req) {
    const auto doc = r.render({order, {}}, req);
    test::write_file(dir / "v.pdf", doc.pdf);
    return compact_text(dir / "v.pdf");
  };
  auto order = sample_order();
  CHECK(text_of(order, {"commitment_letter", 0}).find("黑色签字笔") != std::string::npos);      // 广东: all
  CHECK(text_of(order, {"commitment_letter", 0}).find("手抄承诺") == std::string::npos);        // 广东: individuals only
  order["subject"]["kind"] = "individual";
  CHECK(text_of(order, {"commitment_letter", 0}).find("手抄承诺") != std::string::npos);
  CHECK(text_of(order, {"verification_sheet", 1}).find("手印") == std::string::npos);
  order["province"] = "江西";
  CHECK(text_of(order, {"verification_sheet", 1}).find("网站负责人手印") != std::string::npos);
  CHECK(text_of(order, {"commitment_letter", 0}).find("承诺人手印") != std::string::npos);
  CHECK(text_of(order, {"commitment_letter", 0}).find("黑色签字笔") == std::string::npos);
  order["province"] = "江苏";
  const std::string js = text_of(order, {"commitment_letter", 0});
  CHECK(js.find("ICP负责人）本人签字确认") != std::string::npos);
  CHECK(js.find("样本健康资讯：王护照") != std::string::npos);
}

TEST_CASE("one renderer serves several threads at once", "[render][documents][threads]") {
  const auto& r = test_renderer();
  const auto order = sample_order();
  const auto requests = r.documents_for(order);
  std::vector<RenderedDocument> expected;
  for (const auto& req : requests) expected.push_back(r.render({order, {}}, req));
  std::vector<std::vector<RenderedDocument>> got(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < got.size(); ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round)
        for (const auto& req : requests) got[t].push_back(r.render({order, {}}, req));
    });
  for (auto& th : threads) th.join();
  for (const auto& docs : got) {
    REQUIRE(docs.size() == 3 * requests.size());
    for (size_t i = 0; i < docs.size(); ++i) {
      const auto& e = expected[i % requests.size()];
      CHECK(docs[i].findings.empty());
      CHECK(docs[i].qr_text == e.qr_text);
      CHECK(docs[i].filled_values == e.filled_values);
      CHECK(docs[i].font_subset_bytes == e.font_subset_bytes);
      // Only the creation date in the metadata may differ.
      CHECK(docs[i].pdf.size() == Approx(e.pdf.size()).margin(8));
    }
  }
}
