#include "ocr/engine/engine_pool.h"

#include <algorithm>
#include <thread>

namespace beian::ocr {

OcrEnginePool::OcrEnginePool(std::string tessdata_dir, size_t max_engines)
    : tessdata_dir_(std::move(tessdata_dir)),
      max_engines_(max_engines ? max_engines : std::max(1u, std::thread::hardware_concurrency())) {}

OcrEnginePool::Lease::Lease(OcrEnginePool* pool, std::unique_ptr<TesseractEngine> engine)
    : pool_(pool), engine_(std::move(engine)) {}

OcrEnginePool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), engine_(std::move(other.engine_)) {
  other.pool_ = nullptr;
}

OcrEnginePool::Lease::~Lease() {
  if (pool_ && engine_) pool_->give_back(std::move(engine_));
}

OcrEnginePool::Lease OcrEnginePool::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty() || created_ < max_engines_; });
  if (!idle_.empty()) {
    auto engine = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(engine));
  }
  ++created_;  // reserve the slot, then load outside the lock (loading takes ~0.3 s)
  lock.unlock();
  try {
    return Lease(this, std::make_unique<TesseractEngine>(tessdata_dir_));
  } catch (...) {
    std::lock_guard relock(mutex_);
    --created_;
    available_.notify_one();
    throw;
  }
}

void OcrEnginePool::warm_up(size_t count) {
  std::vector<Lease> leases;
  count = std::min(count, max_engines_);
  while (engines_created() < count) leases.push_back(acquire());
}

size_t OcrEnginePool::engines_created() const {
  std::lock_guard lock(mutex_);
  return created_;
}

void OcrEnginePool::give_back(std::unique_ptr<TesseractEngine> engine) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(engine));
  }
  available_.notify_one();
}

}  // namespace beian::ocr
