// One small preview PNG per document type and degradation level (docs/img/), so the
// documentation shows exactly what the generator makes. Deterministic for a seed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace beian::samples {

// Writes <dir>/<type>_<level>.png for every generated document type and level, plus
// portrait_<defect>.png for a passing photo and two defects; returns the files written.
// Images are at most `max_side` pixels and colour-reduced to stay small.
std::vector<std::filesystem::path> write_gallery(const std::filesystem::path& dir, uint64_t seed, int max_side = 420);

}  // namespace beian::samples
