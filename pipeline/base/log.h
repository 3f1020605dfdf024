// beian's logger. The library logs through one named logger ("beian") to standard error,
// so standard output stays clean for --json. Every message passes through
// mask_personal_numbers() before it is written: ID and phone numbers never reach a log.
#pragma once

#include <memory>

#include <spdlog/spdlog.h>

namespace beian {

// The "beian" logger (created on first use, level info, masked stderr sink).
spdlog::logger& log();

// Sets the level: "trace", "debug", "info", "warn", "error", "off".
void set_log_level(spdlog::level::level_enum level);

}  // namespace beian
