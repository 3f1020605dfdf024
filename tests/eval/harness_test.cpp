// The accuracy harness: normalisation, percentiles, and the table's numbers on a small
// generated set with deliberately wrong reader results injected.
#include <catch2/catch.hpp>

#include <map>

#include "pipeline/eval/harness.h"
#include "samples/generator.h"
#include "tests/support/test_support.h"

using namespace beian;
using namespace beian::eval;

TEST_CASE("Field normalisation: spacing, width and date forms", "[eval]") {
  CHECK(field_matches("name", "张三", " 张 三 "));
  CHECK(field_matches("name", "张三", "张　三"));  // ideographic space
  CHECK(field_matches("credit_code", "91110000600037341L", "９１１１００００６０００３７３４１ｌ"));
  CHECK(field_matches("birth_date", "1990-08-16", "1990年8月16日"));
  CHECK(field_matches("valid_until", "2035-03-17", "2035.03.17"));
  CHECK(field_matches("valid_until", "长期", " 长期"));
  CHECK(field_matches("address", "北京市（海淀区）", "北京市(海淀区)"));
  CHECK_FALSE(field_matches("valid_until", "2035-03-17", "2035-03-18"));
  CHECK_FALSE(field_matches("valid_until", "长期", "2035-03-17"));
  CHECK_FALSE(field_matches("name", "张三", "张二"));
  CHECK(normalise_field("issue_date", "２０２４年３月５日") == "2024-03-05");
  CHECK(normalise_field("name", "a b") == "AB");
}

TEST_CASE("Percentiles interpolate", "[eval]") {
  CHECK(percentile({}, 95) == 0);
  CHECK(percentile({5}, 95) == 5);
  CHECK(percentile({1, 2, 3, 4, 5}, 50) == Approx(3));
  CHECK(percentile({10, 20}, 95) == Approx(19.5));
  CHECK(percentile({3, 1, 2}, 100) == Approx(3));
}

TEST_CASE("Truth files: bad entries are named", "[eval]") {
  CHECK_THROWS_WITH(parse_truth("[1]", "t.json"), Catch::Contains("t.json"));
  CHECK_THROWS_WITH(parse_truth(R"({"images":[{"file":"a.jpg","type":"idcard","level":"clean"}]})", "t.json"),
                    Catch::Contains("idcard"));
  CHECK_THROWS_WITH(parse_truth(R"({"images":[{"file":"a.jpg","type":"id_front"}]})", "t.json"),
                    Catch::Contains("images[0]") && Catch::Contains("level"));
  CHECK_THROWS_WITH(parse_truth(R"({"images":[{"file":"a.jpg","type":"id_front","level":"clean","fields":{"name":1}}]})",
                                "t.json"),
                    Catch::Contains("name"));
}

TEST_CASE("The harness scores an injected reader exactly", "[eval]") {
  test::TempDir dir;
  samples::GeneratorOptions gen;
  gen.orders = 4;
  gen.jobs = 2;
  gen.order.seed = 21;
  gen.order.levels = {samples::Level::kClean};
  gen.order.portraits = false;
  gen.order.invalid_rate = 0;
  const auto summary = samples::generate_orders(gen, dir.path());
  Truth truth = load_truth(summary.truth);
  REQUIRE(truth.images.size() == static_cast<size_t>(summary.images));

  // Add an entry whose image does not exist: it must count as unreadable, not crash.
  TruthImage ghost = truth.images.front();
  ghost.file = "S0001/IMG_0000.jpg";
  truth.images.push_back(ghost);

  // An oracle that returns the truth (reformatted, as a reader would), except:
  //  - the first id_front's id_number is wrong with confidence 0.95 (a confident error),
  //  - the second id_front's name is missing,
  //  - the first image of all is classified as unknown.
  std::map<std::string, const TruthImage*> by_path;
  for (const auto& img : truth.images) by_path[(dir.path() / img.file).string()] = &img;
  int id_fronts_seen = 0;
  bool first = true;
  const Reader reader = [&](const std::filesystem::path& path) {
    const TruthImage& img = *by_path.at(path.string());
    DocumentResult r;
    r.type = first ? DocumentType::kUnknown : img.type;
    first = false;
    const bool id_front = img.type == DocumentType::kIdFront;
    const int nth_front = id_front ? ++id_fronts_seen : 0;
    for (const auto& [name, value] : img.fields) {
      std::string read = " " + value + " ";  // spacing must not matter
      if (nth_front == 1 && name == "id_number") read = value.substr(0, 17) + (value.back() == '1' ? '2' : '1');
      if (nth_front == 2 && name == "name") continue;
      r.set_field(name, FieldValue{read, 0.95, ""});
    }
    return r;
  };
  EvalOptions options;
  options.images_root = dir.path();
  const EvalReport report = evaluate(truth, reader, options);

  // Expected numbers, counted from the truth independently of the harness.
  const int n = static_cast<int>(truth.images.size());
  int fronts = 0;
  for (const auto& img : truth.images) fronts += img.type == DocumentType::kIdFront;
  REQUIRE(fronts >= 3);  // two injected errors + the ghost entry (a copy of the first image)
  CHECK(report.images == n);
  CHECK(report.type_correct == n - 2);  // the first image misclassified, the ghost unreadable
  // Not all right: the first image (type), the ghost, the first front (id number) and the
  // second front (name); when the first image is an id_front it is also the first front.
  const bool first_is_front = truth.images.front().type == DocumentType::kIdFront;
  CHECK(report.all_right == n - (first_is_front ? 3 : 4));

  const GroupScore* front_group = nullptr;
  for (const auto& g : report.groups) {
    if (g.type == DocumentType::kIdFront) front_group = &g;
    CHECK(g.level == "clean");
  }
  REQUIRE(front_group);
  CHECK(front_group->images == fronts);
  for (const auto& f : front_group->fields) {
    INFO(f.field);
    CHECK(f.total == fronts);
    if (f.field == "id_number") {
      CHECK(f.correct == fronts - 1 - (ghost.type == DocumentType::kIdFront ? 1 : 0));
      CHECK(f.confident_wrong == 1);
      // One wrong check digit, and all 18 characters of the ghost when it is a front.
      CHECK(f.truth_chars == 18L * fronts);
      CHECK(f.char_errors == 1 + (ghost.type == DocumentType::kIdFront ? 18 : 0));
      CHECK(f.cer() == Approx(static_cast<double>(f.char_errors) / f.truth_chars));
    } else if (f.field == "name") {
      CHECK(f.missing == 1 + (ghost.type == DocumentType::kIdFront ? 1 : 0));
      CHECK(f.correct == fronts - f.missing);
    } else {
      CHECK(f.correct == fronts - (ghost.type == DocumentType::kIdFront ? 1 : 0));
    }
  }
  REQUIRE(report.critical.size() == 2);
  CHECK(report.critical[0].field == "id_number");
  CHECK(report.critical[0].confident_wrong == 1);
  CHECK(report.critical[1].field == "credit_code");
  CHECK(report.critical[1].confident_wrong == 0);

  int unreadable = 0;
  for (const auto& g : report.groups) unreadable += g.unreadable;
  CHECK(unreadable == 1);

  // JSON and table carry the same numbers.
  const auto j = report.to_json();
  CHECK(j["images"] == n);
  CHECK(j["type_correct"] == n - 2);
  CHECK(j["confident_errors"][0]["confident_wrong"] == 1);
  const std::string table = report.to_table();
  CHECK(table.find("id_front / clean") != std::string::npos);
  CHECK(table.find("id_number            1 of ") != std::string::npos);
}
