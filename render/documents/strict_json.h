// Strict reading of the render data files (templates/documents/*.json): a key defined twice
// in one object or a key the reader does not know is an error naming the file and the key,
// so a misspelt setting never silently falls back to a default.
//
// (ocr/data_file.h does the same for the OCR data; render cannot depend on beian::ocr.)
#pragma once

#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace beian::render {

// Parses the JSON file at `path`. Throws std::runtime_error naming the file on a parse error
// or a duplicate key.
nlohmann::json load_strict_json(const std::filesystem::path& path);

// Throws std::runtime_error "<where>: unknown key '<k>'" for a key outside `allowed`, and
// "<where>: missing key '<k>'" for an absent key of `required`. Keys starting with '_' are
// comments and always allowed. REQUIRES: object.is_object() (else throws "<where>: expected
// an object").
void check_keys(const nlohmann::json& object, std::initializer_list<std::string_view> allowed,
                std::initializer_list<std::string_view> required, const std::string& where);

}  // namespace beian::render
