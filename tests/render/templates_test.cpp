// The data files are read strictly: unknown keys, duplicate keys, bad bindings and variants
// that name missing elements are errors naming the file and the place.
#include <catch2/catch.hpp>

#include "render/documents/order_view.h"
#include "pipeline/base/data_file.h"
#include "render/documents/variants.h"
#include "tests/support/test_support.h"

using namespace beian;
using namespace beian::render;
using nlohmann::json;

namespace {
json minimal_template() {
  return json::parse(R"({"kind": "k", "title": "标题", "page": {"continuation_top": 20},
                         "blocks": [{"id": "t", "type": "table", "rows": [{"id": "r", "cells": ["{subject.name}"]}]}]})");
}
}  // namespace

TEST_CASE("a minimal template parses; unknown or mistyped keys are rejected with their place", "[render][templates]") {
  CHECK_NOTHROW(parse_template(minimal_template(), "k.json"));
  auto t = minimal_template();
  t["blocks"][0]["rows"][0]["celss"] = json::array();
  CHECK_THROWS_WITH(parse_template(t, "k.json"), Catch::Contains("k.json.blocks[0].rows[0]: unknown key 'celss'"));
  t = minimal_template();
  t["page"]["size"] = "big";
  CHECK_THROWS_WITH(parse_template(t, "k.json"), Catch::Contains("'size' must be a number"));
  t = minimal_template();
  t["blocks"][0]["type"] = "image";
  CHECK_THROWS_WITH(parse_template(t, "k.json"), Catch::Contains("'type' must be paragraph, table or spacer"));
  t = minimal_template();
  t["page"]["continuation_top"] = 0;
  CHECK_THROWS_WITH(parse_template(t, "k.json"), Catch::Contains("QR code"));
  CHECK_THROWS_WITH(parse_condition(json::parse(R"({"field": "subject.kind"})"), "c"), Catch::Contains("need 'equals'"));
  CHECK_THROWS_WITH(parse_condition(json::parse(R"({"subject_kind": "company"})"), "c"), Catch::Contains("unit or individual"));
  CHECK_THROWS_WITH(parse_condition(json::object(), "c"), Catch::Contains("empty condition"));
}

TEST_CASE("a key defined twice is an error naming the file and the key", "[render][templates]") {
  test::TempDir dir;
  test::write_file(dir / "dup.json", R"({"a": 1, "b": {"c": 1, "c": 2}})");
  CHECK_THROWS_WITH(load_strict_json(dir / "dup.json"), Catch::Contains("dup.json") && Catch::Contains("'c' is defined twice"));
  test::write_file(dir / "ok.json", R"({"a": {"c": 1}, "b": {"c": 2}})");
  CHECK_NOTHROW(load_strict_json(dir / "ok.json"));
  test::write_file(dir / "bad.json", R"({"a": )");
  CHECK_THROWS_WITH(load_strict_json(dir / "bad.json"), Catch::Contains("bad.json: invalid JSON"));
}

TEST_CASE("binding names and their resolution", "[render][templates]") {
  for (const char* ok : {"subject.name", "websites[i].domains", "websites[0].owner.name", "order_id"}) CHECK(is_binding_name(ok));
  for (const char* bad : {"", "subject.", ".name", "websites[].x", "websites[j].x", "Subject", "a..b", "page number"})
    CHECK_FALSE(is_binding_name(bad));
  FieldCatalog cat = parse_field_catalog(json::parse(R"({"fields": {"websites[i].domains": {"label": "域名", "join": "; "}},
      "derived": {"subject.self": {"from": "subject.kind", "map": {"unit": "本单位"}}}})"), "f");
  const json order = json::parse(R"({"subject": {"kind": "unit", "name": "  甲公司 "},
      "websites": [{"domains": ["a.cn", " ", "b.cn"]}, {"domains": []}], "n": 5})");
  const OrderView v(order, 1, cat, nullptr, false);
  CHECK(v.values("subject.name") == std::vector<std::string>{"甲公司"});
  CHECK(v.text("websites[i].domains") == "a.cn; b.cn");
  CHECK(v.with_website(2).values("websites[i].domains").empty());
  CHECK(v.values("websites[1].domains").empty());
  CHECK(v.values("websites[5].domains").empty());
  CHECK(v.values("subject.self") == std::vector<std::string>{"本单位"});
  CHECK(v.values("n") == std::vector<std::string>{"5"});
  CHECK(v.values("subject") .empty());  // an object is not a printable value
  CHECK(v.concrete("websites[i].domains") == "websites[0].domains");
  Condition differs;
  differs.differs = {"subject.name", "subject.kind"};
  CHECK(v.holds(differs));
  CHECK_THROWS_WITH(parse_field_catalog(json::parse(R"({"fields": {"a b": {"label": "x"}}})"), "f.json"),
                    Catch::Contains("not a binding name"));
}

TEST_CASE("variants are checked against the templates they edit", "[render][templates]") {
  std::map<std::string, DocumentTemplate> templates{{"k", parse_template(minimal_template(), "k.json")}};
  const auto variant = [](const std::string& body) {
    return json::parse(R"({"variants": [{"id": "v", "source": "s", "date": "2024", "document": "k",
                          "when": {"provinces": ["广东"]}, )" + body + "}]}");
  };
  CHECK_NOTHROW(parse_variants(variant(R"("insert_after": "r", "rows": [{"cells": ["x"]}])"), "v.json", templates));
  CHECK_THROWS_WITH(parse_variants(variant(R"("insert_after": "nope", "rows": [{"cells": ["x"]}])"), "v.json", templates),
                    Catch::Contains("(v): no block or row with id 'nope'"));
  CHECK_THROWS_WITH(parse_variants(variant(R"("insert_after": "r", "blocks": [{"type": "spacer", "height": 1}])"), "v.json",
                                   templates),
                    Catch::Contains("after a row insert 'rows'"));
  CHECK_THROWS_WITH(parse_variants(variant(R"("remove": "r", "insert_after": "t")"), "v.json", templates),
                    Catch::Contains("exactly one"));
  auto bad_doc = variant(R"("remove": "r")");
  bad_doc["variants"][0]["document"] = "other";
  CHECK_THROWS_WITH(parse_variants(bad_doc, "v.json", templates), Catch::Contains("unknown document 'other'"));

  const auto vars = parse_variants(variant(R"("remove": "r")"), "v.json", templates);
  FieldCatalog cat;
  const json gd = json::parse(R"({"province": "广东"})"), bj = json::parse(R"({"province": "北京"})");
  CHECK(with_variants(templates.at("k"), vars, OrderView(gd, 0, cat, nullptr, false)).blocks[0].rows.empty());
  CHECK(with_variants(templates.at("k"), vars, OrderView(bj, 0, cat, nullptr, false)).blocks[0].rows.size() == 1);
}
