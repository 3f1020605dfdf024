// Writing output files atomically: readers see either the old file or the whole new one,
// never a half-written file, even if the process dies mid-write.
#pragma once

#include <filesystem>
#include <string_view>

namespace beian {

// Writes `bytes` to a temporary file in the same folder, flushes it to disk and renames it
// over `path`. Creates missing parent folders. Throws std::runtime_error naming the path.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

}  // namespace beian
