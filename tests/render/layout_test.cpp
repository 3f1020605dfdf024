// The flow layout on the real templates: nothing drawn outside the page's text area or over
// the QR code's quiet zone, tall rows split across pages, checkboxes ticked exactly where
// the order (or a verified item, when enabled) says so.
#include <catch2/catch.hpp>

#include "pipeline/base/data_dir.h"
#include "pipeline/base/text.h"
#include "render/documents/binder.h"
#include "pipeline/base/data_file.h"
#include "render/documents/variants.h"
#include "render/layout/flow_layout.h"
#include "tests/render/render_test_support.h"

using namespace beian;
using namespace beian::render;

namespace {

struct Loaded {
  FieldCatalog catalog;
  std::map<std::string, DocumentTemplate> templates;
  std::vector<Variant> variants;
};

const Loaded& loaded() {
  static const Loaded l = [] {
    Loaded l;
    const auto dir = data_path("documents");
    l.catalog = parse_field_catalog(load_strict_json(dir / "fields.json"), "fields.json");
    for (const char* kind : {"verification_sheet", "commitment_letter", "authorisation_letter"})
      l.templates.emplace(kind, parse_template(load_strict_json(dir / (std::string(kind) + ".json")), kind));
    l.variants = parse_variants(load_strict_json(dir / "variants.json"), "variants.json", l.templates);
    return l;
  }();
  return l;
}

struct Bound {
  DocumentTemplate t;
  std::vector<Block> blocks;
  std::vector<LaidOutPage> pages;
};

Bound bind_document(const nlohmann::json& order, const std::string& kind, int website,
           const std::set<std::string>* verified = nullptr, bool pretick = false) {
  const OrderView view(order, website, loaded().catalog, verified, pretick);
  Bound b;
  b.t = with_variants(loaded().templates.at(kind), loaded().variants, view);
  Binder binder(test_font(), BindSettings{}, kind);
  b.blocks = binder.bind(b.t.blocks, view);
  b.pages = layout_document(b.blocks, b.t.page, test_font());
  return b;
}

// The labels that follow ticked (or all) checkboxes, in order.
std::vector<std::string> box_labels(const std::vector<Block>& blocks, bool ticked_only) {
  std::vector<std::string> out;
  const auto scan = [&](const Cell& c) {
    for (size_t i = 0; i + 1 < c.pieces.size(); ++i)
      if (c.pieces[i].kind == Piece::Kind::kBox && (!ticked_only || c.pieces[i].ticked))
        out.push_back(trim(u32_to_utf8(c.pieces[i + 1].text)));
  };
  for (const auto& b : blocks) {
    scan(b.paragraph);
    for (const auto& r : b.rows)
      for (const auto& c : r.cells) scan(c);
  }
  return out;
}

void check_page_geometry(const Bound& b) {
  const PageSetup& s = b.t.page;
  const double qr_left = s.width - b.t.qr.right - b.t.qr.side - kQrQuietZoneMm;
  const double qr_bottom = b.t.qr.top + b.t.qr.side + kQrQuietZoneMm;
  for (size_t p = 0; p < b.pages.size(); ++p) {
    for (const auto& op : b.pages[p].ops) {
      INFO("page " << p + 1 << " op at " << op.x << "," << op.y << " text " << u32_to_utf8(op.text));
      const double right = op.kind == DrawOp::Kind::kText ? op.x + test_font().text_width(op.text, op.size) * kMmPerPt
                                                          : op.x + op.w;
      const double top = op.kind == DrawOp::Kind::kText ? op.y - op.size * kMmPerPt : op.y;
      const double bottom = op.kind == DrawOp::Kind::kText ? op.y + 0.3 * op.size * kMmPerPt : op.y + op.h;
      CHECK(op.x >= s.margin_left - 1e-6);
      CHECK(right <= s.width - s.margin_right + 1e-6);
      CHECK(top >= s.margin_top - 1e-6);
      CHECK(bottom <= s.height - s.margin_bottom + 1e-6);
      CHECK_FALSE((right > qr_left && top < qr_bottom));  // clear of the QR code and its quiet zone
    }
  }
}

nlohmann::json with_domains(int n) {
  auto order = sample_order();
  auto& d = order["websites"][0]["domains"] = nlohmann::json::array();
  for (int i = 0; i < n; ++i) d.push_back("www" + std::to_string(i) + ".a-rather-long-domain-name.com.cn");
  return order;
}

}  // namespace

TEST_CASE("every template stays inside its text area and clear of the QR, also when content runs over pages",
          "[render][layout]") {
  for (const char* kind : {"verification_sheet", "commitment_letter", "authorisation_letter"}) {
    for (int domains : {1, 40, 200}) {
      for (const char* province : {"广东", "江西", "江苏", "北京"}) {
        for (const char* subject : {"unit", "individual"}) {
          auto order = with_domains(domains);
          order["province"] = province;
          order["subject"]["kind"] = subject;
          INFO(kind << " " << domains << " domains " << province << " " << subject);
          const auto b = bind_document(order, kind, std::string(kind) == "commitment_letter" ? 0 : 1);
          check_page_geometry(b);
          if (domains == 1 && std::string(province) == "北京") CHECK(b.pages.size() == 1);
          if (domains == 200 && std::string(kind) != "authorisation_letter") CHECK(b.pages.size() >= 2);
        }
      }
    }
  }
}

TEST_CASE("a row taller than a page is split line by line, nothing lost", "[render][layout]") {
  const auto b = bind_document(with_domains(200), "verification_sheet", 1);
  std::u32string all;
  for (const auto& p : b.pages)
    for (const auto& op : p.ops)
      if (op.kind == DrawOp::Kind::kText) all += op.text;
  const std::string text = u32_to_utf8(all);
  for (int i = 0; i < 200; ++i) CHECK(text.find("www" + std::to_string(i) + ".a-rather-long-domain-name.com.cn") != std::string::npos);
  // The first page is filled: the domain row does not just move to page 2.
  CHECK(b.pages.size() == 3);
}

TEST_CASE("certificate, type and pre-approval boxes are ticked from the order, checker boxes never by default",
          "[render][layout]") {
  auto order = sample_order();
  CHECK(box_labels(bind_document(order, "verification_sheet", 1).blocks, true) ==
        std::vector<std::string>{"单位", "工商营业执照", "身份证"});
  // Website 2: owner with a passport; pre-approvals 医疗保健 and an unlisted category (其他).
  CHECK(box_labels(bind_document(order, "verification_sheet", 2).blocks, true) ==
        std::vector<std::string>{"单位", "工商营业执照", "身份证", "护照", "医疗保健", "其他"});
  order["subject"]["certificate_type"] = "民办非企业单位登记证书";
  CHECK(box_labels(bind_document(order, "verification_sheet", 1).blocks, true) == std::vector<std::string>{"单位", "其他", "身份证"});
  order["subject"]["kind"] = "individual";
  order["subject"]["certificate_type"] = "身份证";
  CHECK(box_labels(bind_document(order, "verification_sheet", 1).blocks, true) == std::vector<std::string>{"个人", "身份证"});
  // The sheet has every box of the official form.
  const auto all = box_labels(bind_document(order, "verification_sheet", 1).blocks, false);
  CHECK(std::count(all.begin(), all.end(), "是") == 13);
  CHECK(std::count(all.begin(), all.end(), "否") == 13);
  CHECK(all.size() == 2 + 6 + 6 + 26 + 9);  // 类型, 单位证件, 个人证件, 13 是/否 pairs, 前置审批类别
}

TEST_CASE("verified items pre-tick the checker's 是 only when enabled, and only those items", "[render][layout]") {
  const auto order = sample_order();
  const std::set<std::string> verified{"id_numbers", "owner_phone"};
  const auto count_yes = [](const std::vector<std::string>& labels) { return std::count(labels.begin(), labels.end(), "是"); };
  CHECK(count_yes(box_labels(bind_document(order, "verification_sheet", 1, &verified, false).blocks, true)) == 0);
  CHECK(count_yes(box_labels(bind_document(order, "verification_sheet", 1, &verified, true).blocks, true)) == 1);  // owner_phone is not an item the sheet lets the pipeline vouch for
  const std::set<std::string> none;
  CHECK(count_yes(box_labels(bind_document(order, "verification_sheet", 1, &none, true).blocks, true)) == 0);
  const auto no = box_labels(bind_document(order, "verification_sheet", 1, &verified, true).blocks, true);
  CHECK(std::count(no.begin(), no.end(), "否") == 0);
}
