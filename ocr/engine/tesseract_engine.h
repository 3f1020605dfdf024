// One set of long-lived Tesseract instances (chi_sim and eng) and the one call readers use:
// recognise a small grey image (a field crop) with a page-segmentation mode and an optional
// character whitelist.
//
// Thread safety: a TesseractEngine is used by one thread at a time (Tesseract instances are
// not re-entrant). Get one from OcrEnginePool, which hands each worker its own.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace tesseract { class TessBaseAPI; }

namespace beian::ocr {

enum class OcrLanguage {
  kChinese,   // chi_sim: Chinese text, also reads digits and OCR-B ID numbers well at 12-20 px
  kEnglish,   // eng: Latin letters and digits (credit codes, MRZ candidates)
};

enum class OcrLayout {
  kSingleLine,    // PSM 7: the crop holds exactly one text line
  kRawLine,       // PSM 13: one line, bypassing Tesseract's layout heuristics (steadier on
                  //   short Chinese lines: PSM 7 sometimes splits a character in two)
  kSingleWord,    // PSM 8
  kSingleBlock,   // PSM 6: one uniform block of lines
  kSparse,        // PSM 11: scattered text (classification probes)
};

struct OcrRequest {
  OcrLanguage language = OcrLanguage::kChinese;
  OcrLayout layout = OcrLayout::kSingleLine;
  std::string whitelist;          // characters allowed (UTF-8); empty = no restriction
  bool alternatives = false;      // collect the recogniser's alternative characters per symbol
};

// One recognised character with its confidence (0..1) and box in the input image.
struct OcrSymbol {
  std::string text;
  double confidence = 0.0;
  cv::Rect box;
  // Other characters the recogniser considered here, best first, with confidences (0..1);
  // filled only when OcrRequest::alternatives is set.
  std::vector<std::pair<std::string, double>> alternatives;
};

struct OcrText {
  std::string text;               // UTF-8, lines joined with '\n', no trailing newline
  double confidence = 0.0;        // mean symbol confidence, 0..1; 0 when nothing was read
  std::vector<OcrSymbol> symbols; // in reading order
};

class TesseractEngine {
 public:
  // Loads chi_sim and eng from `tessdata_dir` (empty: Tesseract's default folder).
  // Throws std::runtime_error naming the folder and language when a model cannot be loaded.
  explicit TesseractEngine(const std::string& tessdata_dir);
  ~TesseractEngine();
  TesseractEngine(const TesseractEngine&) = delete;
  TesseractEngine& operator=(const TesseractEngine&) = delete;

  // Recognises `image` (8-bit grey or BGR; dark text on a light background works best; the
  // caller adds the white margin). Never throws for image content: an empty image gives an
  // empty result.
  OcrText recognize(const cv::Mat& image, const OcrRequest& request);

  // True when `word` (UTF-8, Chinese) is in chi_sim's word list (the lstm-word-dawg of the
  // installed chi_sim.traineddata, ~59,000 words: 金融, 大厦, 商业; not 金豚, 太厦, 两业).
  // A single character is no word.
  bool is_word(const std::string& word) const;

 private:
  std::unique_ptr<tesseract::TessBaseAPI> chinese_;
  std::unique_ptr<tesseract::TessBaseAPI> english_;
};

}  // namespace beian::ocr
