// A checkout/return pool of TesseractEngine objects: each worker thread borrows one engine for
// the duration of one image and gives it back, so every engine is created once (loading the
// models costs ~0.3 s) and reused, and no engine is ever used by two threads at once.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ocr/engine/tesseract_engine.h"

namespace beian::ocr {

class OcrEnginePool {
 public:
  // `tessdata_dir`: where chi_sim/eng live (empty: Tesseract's default).
  // `max_engines`: upper bound on engines alive at once (0: the number of hardware threads);
  // a borrower waits when all are in use.
  OcrEnginePool(std::string tessdata_dir, size_t max_engines);
  OcrEnginePool(const OcrEnginePool&) = delete;
  OcrEnginePool& operator=(const OcrEnginePool&) = delete;

  // A borrowed engine; returned to the pool when the lease dies.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    TesseractEngine& engine() { return *engine_; }

   private:
    friend class OcrEnginePool;
    Lease(OcrEnginePool* pool, std::unique_ptr<TesseractEngine> engine);
    OcrEnginePool* pool_;
    std::unique_ptr<TesseractEngine> engine_;
  };

  // Borrows an idle engine, creating one if fewer than max_engines exist, else waits.
  // Throws std::runtime_error when a new engine's models cannot be loaded.
  Lease acquire();

  // Creates engines until `count` exist (bounded by max_engines), so the first images do
  // not pay the model loading time.
  void warm_up(size_t count);

  size_t engines_created() const;

 private:
  void give_back(std::unique_ptr<TesseractEngine> engine);

  const std::string tessdata_dir_;
  const size_t max_engines_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<TesseractEngine>> idle_;
  size_t created_ = 0;
};

}  // namespace beian::ocr
