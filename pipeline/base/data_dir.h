// Locating and loading beian's data files (templates/: layouts, rule tables, thresholds,
// message texts).
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace beian {

// The templates folder. Looked up, first match wins:
//   1. the BEIAN_DATA_DIR environment variable;
//   2. ../share/beian/templates next to libbeian.so or the running executable (an installed beian);
//   3. the source tree's templates/ (a build-tree binary);
//   4. <install prefix>/share/beian/templates.
// set_data_dir() overrides all of them (the Engine's options do this).
std::filesystem::path data_dir();
void set_data_dir(const std::filesystem::path& dir);

// data_dir() / relative.
std::filesystem::path data_path(const std::filesystem::path& relative);

// Reads and parses a JSON file. Throws std::runtime_error naming the file and the parse
// position on failure. Data files are trusted configuration, so errors are exceptions here;
// callers at the edges turn them into findings or exit codes.
nlohmann::json load_json_file(const std::filesystem::path& path);

// Reads a whole file as bytes. Throws std::runtime_error naming the file.
std::string read_file_bytes(const std::filesystem::path& path);

}  // namespace beian
