// The layouts in templates/layouts: every file loads strictly, covers the canonical fields of
// its document, and the painter prints each field inside the box the readers will crop.
#include <catch2/catch.hpp>

#include <filesystem>

#include <opencv2/imgproc.hpp>

#include "ocr/layout/document_layout.h"
#include "pipeline/base/data_dir.h"
#include "samples/document_painter.h"
#include "samples/specimen_documents.h"
#include "tests/support/test_support.h"

using namespace beian;
using namespace beian::samples;

namespace {

// Share of pixels in `box` clearly darker than the card background.
double ink(const cv::Mat& image, const cv::Rect& box) {
  cv::Mat grey;
  cv::cvtColor(image(box), grey, cv::COLOR_BGR2GRAY);
  return cv::countNonZero(grey < 120) / static_cast<double>(box.area());
}

Person fixed_person() {
  Person p;
  p.name = "林示例";
  p.surname_pinyin = "LIN";
  p.given_pinyin = "SHILI";
  p.male = false;
  p.ethnicity = "汉";
  p.birth = Date{1992, 3, 15};
  p.region = "440106";
  p.address = "广东省广州市天河区科技路88号样本花园3栋2单元1201室";
  p.id_number = "440106199203150024";
  p.issuing_authority = "广州市公安局天河分局";
  p.id_valid_from = Date{2015, 3, 17};
  p.id_valid_until = Date{2025, 3, 17};
  return p;
}

}  // namespace

TEST_CASE("Every layout file loads and lies inside its canonical image", "[samples][layout]") {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(data_path("layouts"))) {
    INFO(entry.path().string());
    const auto layout = ocr::load_document_layout_file(entry.path().string());
    CHECK(layout.canonical.width > 0);
    CHECK(std::abs(layout.canonical.width / layout.width_mm - layout.canonical.height / layout.height_mm) < 0.1);
    ++count;
  }
  CHECK(count >= 9);
}

TEST_CASE("Layouts carry the canonical fields the readers crop", "[samples][layout]") {
  const std::vector<std::pair<DocumentType, std::vector<std::string>>> expected = {
      {DocumentType::kIdFront, {"name", "sex", "ethnicity", "birth_date", "address", "id_number"}},
      {DocumentType::kIdBack, {"issuing_authority", "valid_period"}},
      {DocumentType::kBusinessLicence,
       {"credit_code", "name", "type", "legal_representative", "registered_capital", "established_date", "business_term",
        "address", "business_scope", "registration_authority", "issue_date"}},
      {DocumentType::kPassport,
       {"document_number", "surname", "given_names", "birth_date", "sex", "expiry_date", "issuing_state", "mrz_line1", "mrz_line2"}},
      {DocumentType::kMainlandTravelPermit, {"document_number", "name", "birth_date", "sex", "valid_period", "mrz_line"}},
      {DocumentType::kTaiwanCompatriotPermit, {"document_number", "name", "birth_date", "sex", "valid_period"}},
      {DocumentType::kHkMacauHomeReturnPermit, {"document_number", "name", "birth_date", "sex", "valid_period"}},
  };
  for (const auto& [type, fields] : expected) {
    const auto& layout = ocr::document_layout(type);
    for (const auto& f : fields) {
      INFO(to_string(type) << "." << f);
      CHECK(layout.field(f) != nullptr);
    }
  }
  const auto& back = ocr::document_layout(DocumentType::kIdBack);
  CHECK(back.field("valid_period")->part("valid_from").has_value());
  CHECK(back.field("valid_period")->part("valid_until").has_value());
  CHECK(ocr::document_layout(DocumentType::kIdFront).area("portrait").has_value());
}

TEST_CASE("Findings name a field as the document prints it", "[samples][layout]") {
  const auto& licence = ocr::document_layout(DocumentType::kBusinessLicence);
  CHECK(licence.label_for("name") == "名称");                   // printed "名        称"
  CHECK(licence.label_for("business_term_until") == "营业期限");  // a part of business_term
  CHECK(licence.label_for("issue_date") == "发证日期");          // no label printed: display_name
  CHECK(licence.label_for("qr_credit_code") == "qr_credit_code"); // not on the layout
  const auto& back = ocr::document_layout(DocumentType::kIdBack);
  CHECK(back.label_for("valid_from") == "有效期限");
  CHECK(ocr::document_layout(DocumentType::kIdFront).label_for("id_number") == "公民身份号码");
}

TEST_CASE("Layout loader rejects unknown keys, naming them", "[samples][layout]") {
  test::TempDir dir;
  const auto file = dir / "id_front.json";
  test::write_file(file, R"({"document":"id_front","size_mm":[85.6,54],"canonical_px":[856,540],)"
                         R"("fields":[{"name":"name","box":[1,1,10,10],"font_px":20,"colour":"red"}]})");
  CHECK_THROWS_WITH(ocr::load_document_layout_file(file.string()), Catch::Contains("colour"));
  test::write_file(file, R"({"document":"id_front","size_mm":[85.6,54],"canonical_px":[856,540],)"
                         R"("fields":[{"name":"name","box":[850,1,100,10],"font_px":20}]})");
  CHECK_THROWS_WITH(ocr::load_document_layout_file(file.string()), Catch::Contains("outside"));
  test::write_file(file, R"({"document":"id_fronts","size_mm":[85.6,54],"canonical_px":[856,540],"fields":[]})");
  CHECK_THROWS_WITH(ocr::load_document_layout_file(file.string()), Catch::Contains("id_fronts"));
}

TEST_CASE("The painter prints each ID field inside its layout box", "[samples][layout]") {
  const auto& layout = ocr::document_layout(DocumentType::kIdFront);
  TextPainter painter;
  Random rng(1);
  const Specimen s = id_front_specimen(fixed_person(), cv::Mat());
  const cv::Mat card = paint_document(layout, s.content, 1.0, painter, rng);
  REQUIRE(card.size() == layout.canonical);
  DocumentContent empty;
  empty.type = DocumentType::kIdFront;
  Random rng2(1);
  const cv::Mat blank = paint_document(layout, empty, 1.0, painter, rng2);
  for (const char* field : {"name", "sex", "ethnicity", "address", "id_number"}) {
    INFO(field);
    const cv::Rect box = layout.field(field)->box;
    CHECK(ink(card, box) > 0.02);    // printed
    CHECK(ink(blank, box) < 0.002);  // nothing else there
  }
  for (const char* part : {"year", "month", "day"}) {
    INFO(part);
    CHECK(ink(card, *layout.field("birth_date")->part(part)) > 0.02);
  }
  // The address wraps onto a second line but stays inside its box.
  const cv::Rect address = layout.field("address")->box;
  const cv::Rect second_line(address.x, address.y + 46, address.width, 46);
  CHECK(ink(card, second_line) > 0.01);
  const cv::Rect below(address.x, address.y + address.height, address.width, 20);
  CHECK(ink(card, below) < 0.002);
}
