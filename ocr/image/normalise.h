// Normalising any decoded image into the working form every reader starts from: 8-bit BGR,
// longest side bounded, with its colour measured once (grey scans and black-and-white
// copies are a quality finding for identity documents).
#pragma once

#include <opencv2/core.hpp>

namespace beian::ocr {

struct NormaliseOptions {
  int max_side = 3200;   // longer images are shrunk (INTER_AREA) to this longest side; default 3200
};

struct NormalisedImage {
  cv::Mat bgr;                 // 8-bit, 3 channels; empty when the input was empty
  cv::Mat gray;                // the same, 8-bit grey
  double scale = 1.0;          // bgr size / input size
  bool input_was_grey = false; // the input had one channel
  // Colourfulness (Hasler & Süsstrunk, on 0-255 values) measured on a downscaled copy:
  // about 0 for grey images, < ~8 for a black-and-white copy photographed under tinted light,
  // 20+ for an ordinary colour photo of a card.
  double colourfulness = 0.0;
};

// Converts grey/BGRA/16-bit input to 8-bit BGR (alpha composited on white), shrinks it to
// options.max_side and measures colour. Never throws for image content.
NormalisedImage normalise_image(const cv::Mat& input, const NormaliseOptions& options = {});

// Hasler-Süsstrunk colourfulness of a BGR image (optionally within `mask`).
double colourfulness(const cv::Mat& bgr, const cv::Mat& mask = {});

}  // namespace beian::ocr
