// What the upload service learns from a rendered PDF through poppler-utils (pdftotext,
// pdftoppm; Debian package poppler-utils): the printed words with their boxes, and a page as
// an image. Run as child processes with fixed arguments (no shell); only paths the service
// made itself are passed.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace beian::server {

struct PdfWord {
  std::string text;
  double x_min = 0, y_min = 0, x_max = 0, y_max = 0;  // millimetres from the page's top-left corner
};

struct PdfPageWords {
  double width = 0, height = 0;   // millimetres
  std::vector<PdfWord> words;
};

// Every page's words (pdftotext -bbox). nullopt with *why when pdftotext fails or is missing.
std::optional<std::vector<PdfPageWords>> pdf_words(const std::filesystem::path& pdf, std::string* why);

// Page `page` (0-based) rendered in grey at `dpi` (pdftoppm). Empty with *why on failure.
cv::Mat pdf_page_image(const std::filesystem::path& pdf, int page, int dpi, std::string* why);

}  // namespace beian::server
