#include "pipeline/base/data_dir.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace beian {
namespace {

std::mutex g_mutex;
std::filesystem::path g_override;

std::filesystem::path executable_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : exe.parent_path();
}

// The folder of the binary this code is linked into: libbeian.so for an installed library
// (so an installation finds its data wherever its prefix is), the executable otherwise.
std::filesystem::path own_binary_dir() {
  Dl_info info{};
  if (::dladdr(reinterpret_cast<void*>(&own_binary_dir), &info) && info.dli_fname)
    return std::filesystem::path(info.dli_fname).parent_path();
  return {};
}

std::filesystem::path find_data_dir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("BEIAN_DATA_DIR"); env && *env) return env;
  std::error_code ec;
  for (const auto& bin : {own_binary_dir(), executable_dir()}) {
    if (bin.empty()) continue;
    auto installed = bin / ".." / "share" / "beian" / "templates";
    if (fs::is_directory(installed, ec)) return fs::weakly_canonical(installed, ec);
  }
  if (fs::is_directory(BEIAN_SOURCE_DATA_DIR, ec)) return BEIAN_SOURCE_DATA_DIR;
  return BEIAN_INSTALL_DATA_DIR;
}

}  // namespace

std::filesystem::path data_dir() {
  std::lock_guard lock(g_mutex);
  if (g_override.empty()) g_override = find_data_dir();
  return g_override;
}

void set_data_dir(const std::filesystem::path& dir) {
  std::lock_guard lock(g_mutex);
  g_override = dir;
}

std::filesystem::path data_path(const std::filesystem::path& relative) { return data_dir() / relative; }

std::string read_file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path.string() + ": cannot open for reading");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw std::runtime_error(path.string() + ": read error");
  return ss.str();
}

nlohmann::json load_json_file(const std::filesystem::path& path) {
  const std::string text = read_file_bytes(path);
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(path.string() + ": invalid JSON at byte " + std::to_string(e.byte) + ": " +
                             e.what());
  }
}

}  // namespace beian
