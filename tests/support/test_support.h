// Helpers shared by the test executables.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace beian::test {

// A fresh empty folder under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// Result of running a program: exit code and captured output.
struct RunResult {
  int exit_code = -1;
  std::string out;   // standard output
  std::string err;   // standard error
};

// Runs `argv` (argv[0] is the program path) with no shell, capturing stdout and stderr.
RunResult run_program(const std::vector<std::string>& argv);

// The built `beian` CLI, and the source tree root.
std::string cli_path();
std::filesystem::path source_dir();

// The shared real-face folder (../shared/faces next to the checkout), or empty when absent.
std::filesystem::path shared_faces_dir();

// Writes bytes to a file (not atomically; tests only).
void write_file(const std::filesystem::path& path, const std::string& bytes);
std::string read_file(const std::filesystem::path& path);

}  // namespace beian::test
