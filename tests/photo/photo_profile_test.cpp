// Profiles load strictly: every check has its messages, a derived profile inherits and
// overrides, and a misspelt key, unknown check or unknown parameter is an error naming it.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "beian/photo.h"
#include "pipeline/base/data_dir.h"
#include "pipeline/base/messages.h"
#include "pipeline/photo/check.h"
#include "pipeline/photo/profile.h"
#include "tests/support/test_support.h"

using namespace beian::test;

TEST_CASE("every registered check has a fail and a pass message", "[photo]") {
  beian::load_message_catalogue();
  for (const auto& def : beian::photo::check_definitions()) {
    std::string code = "PHOTO_";
    for (char c : def.id) code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    INFO(code);
    CHECK(beian::has_message(code));
    CHECK(beian::has_message(code + "_OK"));
  }
}

TEST_CASE("the default and gansu profiles load; gansu swaps the white-wall checks for the cloth", "[photo]") {
  const auto names = beian::photo_profile_names();
  CHECK(std::find(names.begin(), names.end(), "default") != names.end());
  CHECK(std::find(names.begin(), names.end(), "gansu") != names.end());
  const auto& def = beian::photo::load_profile("default");
  CHECK(def.find("background_white"));
  CHECK_FALSE(def.find("cloth_slogan"));
  CHECK(def.find("face_size")->threshold == 90);
  const auto& gansu = beian::photo::load_profile("gansu");
  CHECK_FALSE(gansu.find("background_white"));
  CHECK(gansu.find("cloth_slogan"));
  CHECK(gansu.find("face_size")->threshold == 90);   // inherited
  CHECK(gansu.cloth_slogan == "共同营造 健康诚信 网络环境");
  for (const auto& c : def.checks) CHECK_FALSE(c.source.empty());
}

TEST_CASE("an unknown profile name is refused with the available ones", "[photo]") {
  try {
    beian::photo::load_profile("shanghai-blue");
    FAIL("expected std::invalid_argument");
  } catch (const std::invalid_argument& e) {
    CHECK(std::string(e.what()).find("shanghai-blue") != std::string::npos);
    CHECK(std::string(e.what()).find("default") != std::string::npos);
  }
}

namespace {

// Writes templates/photo/<name>.json = default.json changed by `edit`, in a temporary data
// folder, and returns the load error.
std::string load_error(const std::string& name, const std::function<void(nlohmann::json&)>& edit) {
  TempDir dir;
  const auto original = beian::data_dir();
  std::filesystem::copy(original / "messages", dir / "messages");
  std::filesystem::create_directories(dir / "photo");
  std::filesystem::copy(original / "photo" / "default.json", dir / "photo" / "default.json");
  nlohmann::json j = nlohmann::json::parse(read_file(original / "photo" / "default.json"));
  edit(j);
  write_file(dir / "photo" / (name + ".json"), j.dump(1));
  beian::set_data_dir(dir.path());
  std::string error;
  try {
    beian::photo::load_profile(name);
  } catch (const std::exception& e) {
    error = e.what();
  }
  beian::set_data_dir(original);
  return error;
}

}  // namespace

TEST_CASE("malformed profiles are refused naming the key", "[photo]") {
  CHECK_THAT(load_error("bad_key", [](nlohmann::json& j) { j["checks"]["face_size"]["treshold"] = 80; }),
             Catch::Contains("treshold"));
  CHECK_THAT(load_error("bad_check", [](nlohmann::json& j) { j["checks"]["ear_size"] = j["checks"]["face_size"]; }),
             Catch::Contains("ear_size"));
  CHECK_THAT(load_error("bad_param", [](nlohmann::json& j) { j["checks"]["sharpness"]["params"]["norm_height"] = 1; }),
             Catch::Contains("norm_height"));
  CHECK_THAT(load_error("missing_param", [](nlohmann::json& j) { j["checks"]["sharpness"]["params"].erase("norm_width"); }),
             Catch::Contains("norm_width"));
  CHECK_THAT(load_error("bad_preprocess", [](nlohmann::json& j) { j["preprocess"]["work_size"] = 1; }),
             Catch::Contains("work_size"));
  CHECK_THAT(load_error("bad_disable", [](nlohmann::json& j) {
               j = {{"extends", "default"}, {"description", "x"}, {"checks", {{"no_such", {{"enabled", false}}}}}};
             }),
             Catch::Contains("no_such"));
}

TEST_CASE("a key defined twice in a profile is refused", "[photo]") {
  TempDir dir;
  const auto original = beian::data_dir();
  std::filesystem::copy(original / "messages", dir / "messages");
  std::filesystem::create_directories(dir / "photo");
  std::filesystem::copy(original / "photo" / "default.json", dir / "photo" / "default.json");
  write_file(dir / "photo" / "twice.json",
             R"({"extends": "default", "description": "a", "description": "b", "checks": {}})");
  beian::set_data_dir(dir.path());
  std::string error;
  try {
    beian::photo::load_profile("twice");
  } catch (const std::exception& e) {
    error = e.what();
  }
  beian::set_data_dir(original);
  CHECK_THAT(error, Catch::Contains("description"));
}
