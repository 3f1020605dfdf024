#include "pipeline/eval/truth.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "pipeline/base/data_dir.h"

namespace beian::eval {

Truth parse_truth(const std::string& json_text, const std::string& source) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(source + ": not JSON: " + e.what());
  }
  if (!doc.is_object() || !doc.contains("images") || !doc.at("images").is_array()) {
    throw std::runtime_error(source + ": expected an object with an \"images\" array");
  }
  Truth truth;
  truth.generator = doc.value("generator", "");
  if (doc.contains("seed") && doc.at("seed").is_number_unsigned()) truth.seed = doc.at("seed").get<uint64_t>();
  size_t i = 0;
  for (const auto& entry : doc.at("images")) {
    const std::string where = source + ": images[" + std::to_string(i++) + "]";
    if (!entry.is_object()) throw std::runtime_error(where + ": not an object");
    for (const char* key : {"file", "type", "level"}) {
      if (!entry.contains(key) || !entry.at(key).is_string()) {
        throw std::runtime_error(where + ": missing string \"" + key + "\"");
      }
    }
    TruthImage image;
    image.file = entry.at("file").get<std::string>();
    const std::string type = entry.at("type").get<std::string>();
    const auto parsed = parse_document_type(type);
    if (!parsed) throw std::runtime_error(where + ": unknown document type \"" + type + "\"");
    image.type = *parsed;
    image.level = entry.at("level").get<std::string>();
    image.order_id = entry.value("order_id", "");
    image.variant = entry.value("variant", "valid");
    image.defect = entry.value("defect", "");
    if (entry.contains("fields")) {
      if (!entry.at("fields").is_object()) throw std::runtime_error(where + ": \"fields\" must be an object");
      for (const auto& [name, value] : entry.at("fields").items()) {
        if (!value.is_string()) throw std::runtime_error(where + ": field \"" + name + "\" must be a string");
        image.fields.emplace_back(name, value.get<std::string>());
      }
    }
    truth.images.push_back(std::move(image));
  }
  return truth;
}

Truth load_truth(const std::filesystem::path& path) { return parse_truth(read_file_bytes(path), path.string()); }

}  // namespace beian::eval
