#include "pipeline/base/log.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <mutex>

#include "pipeline/base/mask.h"

namespace beian {
namespace {

// Wraps the stderr sink and masks personal numbers in the formatted message.
class MaskingSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  MaskingSink() : inner_(std::make_shared<spdlog::sinks::stderr_color_sink_mt>()) {
    inner_->set_pattern("%^[%H:%M:%S.%e] %l%$ %v");
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    const std::string masked = mask_personal_numbers(std::string_view(msg.payload.data(), msg.payload.size()));
    spdlog::details::log_msg copy(msg.time, msg.source, msg.logger_name, msg.level, masked);
    inner_->log(copy);
  }
  void flush_() override { inner_->flush(); }

 private:
  std::shared_ptr<spdlog::sinks::stderr_color_sink_mt> inner_;
};

std::shared_ptr<spdlog::logger> make_logger() {
  auto logger = std::make_shared<spdlog::logger>("beian", std::make_shared<MaskingSink>());
  logger->set_level(spdlog::level::info);
  return logger;
}

}  // namespace

spdlog::logger& log() {
  static std::shared_ptr<spdlog::logger> logger = make_logger();
  return *logger;
}

void set_log_level(spdlog::level::level_enum level) { log().set_level(level); }

}  // namespace beian
