#include "ocr/engine/tesseract_engine.h"

#include <algorithm>
#include <mutex>
#include <stdexcept>

#include <leptonica/allheaders.h>
#include <omp.h>
#include <opencv2/imgproc.hpp>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

namespace beian::ocr {
namespace {

std::unique_ptr<tesseract::TessBaseAPI> load(const std::string& dir, const char* language) {
  // One load at a time in the process: "debug_file" is one of Tesseract's global parameters
  // (shared by every TessBaseAPI), so two pool slots loading at once wrote the same global
  // std::string (found by ThreadSanitizer, scripts/tsan.sh). Loading is rare (once per worker).
  static std::mutex load_mutex;
  std::lock_guard lock(load_mutex);
  // Leptonica reports on stderr what Tesseract meets on tiny or blank field crops ("Error in
  // boxClipToRectangle: box outside rectangle", fourteen of them for one licence photographed
  // small); the field's reading says what came of it. Process-wide, like the messages.
  setMsgSeverity(L_SEVERITY_NONE);
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  // Silence Tesseract's own stderr chatter ("Invalid resolution", "Empty page"): our
  // results carry confidences and findings instead.
  api->SetVariable("debug_file", "/dev/null");
  if (api->Init(dir.empty() ? nullptr : dir.c_str(), language, tesseract::OEM_LSTM_ONLY) != 0)
    throw std::runtime_error("cannot load the Tesseract model '" + std::string(language) + "' from " +
                             (dir.empty() ? std::string("the default tessdata folder") : dir));
  api->SetVariable("debug_file", "/dev/null");
  // Field crops are small and never inverted; skipping the inversion retry halves the time
  // of lines Tesseract finds hard.
  api->SetVariable("tessedit_do_invert", "0");
  return api;
}

tesseract::PageSegMode psm(OcrLayout layout) {
  switch (layout) {
    case OcrLayout::kSingleLine: return tesseract::PSM_SINGLE_LINE;
    case OcrLayout::kRawLine: return tesseract::PSM_RAW_LINE;
    case OcrLayout::kSingleWord: return tesseract::PSM_SINGLE_WORD;
    case OcrLayout::kSingleBlock: return tesseract::PSM_SINGLE_BLOCK;
    case OcrLayout::kSparse: return tesseract::PSM_SPARSE_TEXT;
  }
  return tesseract::PSM_SINGLE_LINE;
}

}  // namespace

TesseractEngine::TesseractEngine(const std::string& tessdata_dir)
    : chinese_(load(tessdata_dir, "chi_sim")), english_(load(tessdata_dir, "eng")) {}

TesseractEngine::~TesseractEngine() {
  if (chinese_) chinese_->End();
  if (english_) english_->End();
}

bool TesseractEngine::is_word(const std::string& word) const {
  // Tesseract takes any single character of its character set for a valid word.
  const auto characters = std::count_if(word.begin(), word.end(), [](char c) { return (c & 0xC0) != 0x80; });
  return chinese_ && characters >= 2 && chinese_->IsValidWord(word.c_str()) != 0;
}

OcrText TesseractEngine::recognize(const cv::Mat& image, const OcrRequest& request) {
  OcrText out;
  if (image.empty() || image.cols < 4 || image.rows < 4) return out;
  cv::Mat gray;
  if (image.channels() == 3) cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
  else if (image.channels() == 4) cv::cvtColor(image, gray, cv::COLOR_BGRA2GRAY);
  else gray = image;
  if (gray.depth() != CV_8U) gray.convertTo(gray, CV_8U);
  if (!gray.isContinuous()) gray = gray.clone();

  // Tesseract's LSTM runs its four gates as OpenMP parallel sections with an explicit team
  // size (so omp_set_num_threads has no effect). On a field crop the team's hand-offs cost
  // more than they save, and every worker of a pool would start its own team on cores the
  // workers already fill (bench_ocr_id_card: fronts' field reading 281 -> 83 ms wall). With
  // no active levels allowed, every region runs on the thread that enters it; the setting is
  // process-wide in libgomp and nothing else here uses OpenMP (OpenCV runs on TBB).
  omp_set_max_active_levels(0);
  tesseract::TessBaseAPI& api = request.language == OcrLanguage::kChinese ? *chinese_ : *english_;
  api.SetPageSegMode(psm(request.layout));
  api.SetVariable("tessedit_char_whitelist", request.whitelist.c_str());
  api.SetVariable("lstm_choice_mode", request.alternatives ? "2" : "0");
  api.SetImage(gray.data, gray.cols, gray.rows, 1, static_cast<int>(gray.step));
  api.SetSourceResolution(300);
  if (api.Recognize(nullptr) != 0) {
    api.Clear();
    return out;
  }

  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  double confidence_sum = 0.0;
  if (it) {
    const auto level = tesseract::RIL_SYMBOL;
    bool first = true;
    do {
      std::unique_ptr<char[]> text(it->GetUTF8Text(level));
      if (!text || text[0] == 0) continue;
      if (!first) {
        if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) out.text += '\n';
        else if (it->IsAtBeginningOf(tesseract::RIL_WORD)) out.text += ' ';
      }
      first = false;
      OcrSymbol symbol;
      symbol.text = text.get();
      symbol.confidence = std::clamp(it->Confidence(level) / 100.0, 0.0, 1.0);
      int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
      if (it->BoundingBox(level, &x0, &y0, &x1, &y1)) symbol.box = cv::Rect(x0, y0, x1 - x0, y1 - y0);
      if (request.alternatives) {
        tesseract::ChoiceIterator choice(*it);
        do {
          const char* alt = choice.GetUTF8Text();
          if (alt && *alt) symbol.alternatives.emplace_back(alt, std::clamp(choice.Confidence() / 100.0, 0.0, 1.0));
        } while (choice.Next());
      }
      out.text += symbol.text;
      confidence_sum += symbol.confidence;
      out.symbols.push_back(std::move(symbol));
    } while (it->Next(level));
  }
  if (!out.symbols.empty()) out.confidence = confidence_sum / out.symbols.size();
  api.Clear();
  return out;
}

}  // namespace beian::ocr
