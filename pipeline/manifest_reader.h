// A small reader for user-supplied JSON that records every problem with its JSON pointer
// instead of throwing: the order manifest parser is built on it.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "beian/order.h"

namespace beian {

class ManifestReader {
 public:
  ManifestReader(std::string source, std::vector<ManifestError>* errors) : source_(std::move(source)), errors_(errors) {}

  void error(const std::string& path, const std::string& message) const { errors_->push_back({source_, path, message}); }

  // Records an error for each member of `obj` not in `allowed`. Returns false if obj is not an object.
  bool check_object(const nlohmann::json& obj, const std::string& path, std::initializer_list<std::string_view> allowed) const;

  // Reads a string member. Missing: error when required, "" otherwise. Wrong type: error.
  std::string string(const nlohmann::json& obj, const std::string& path, std::string_view key, bool required) const;
  // Reads a non-negative integer member (0 when absent).
  int integer(const nlohmann::json& obj, const std::string& path, std::string_view key, bool required) const;
  // Reads an array of strings (empty when absent).
  std::vector<std::string> strings(const nlohmann::json& obj, const std::string& path, std::string_view key, bool required) const;
  // Reads a "YYYY-MM-DD" date member (invalid Date when absent).
  Date date(const nlohmann::json& obj, const std::string& path, std::string_view key, bool required) const;

  // The member, or nullptr (recording an error when required).
  const nlohmann::json* member(const nlohmann::json& obj, const std::string& path, std::string_view key, bool required) const;

 private:
  std::string source_;
  std::vector<ManifestError>* errors_;
};

// JSON pointer escaping of one reference token (~ → ~0, / → ~1).
std::string json_pointer_token(std::string_view key);

}  // namespace beian
