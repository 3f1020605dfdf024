// Turning uploaded bytes into an image the readers can use, safely: the format is detected
// by content (never by file name), the pixel dimensions are read from the header before any
// decoding (so a decompression bomb is refused without allocating it), and the decoded image
// has its EXIF orientation applied.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

#include "beian/finding.h"

namespace beian::ocr {

// What the first bytes say.
struct ImageProbe {
  std::string format = "unknown";   // jpeg, png, webp, tiff, bmp (supported); gif, pdf, heic, zip, text, unknown
  bool supported = false;           // one of the supported raster formats
  int width = 0;                    // from the header, before EXIF orientation; 0 when unknown
  int height = 0;
  int components = 0;               // colour components: JPEG 1 grey / 3 YCbCr / 4 CMYK; PNG 1 grey, 3 colour; 0 unknown
  bool truncated = false;           // a JPEG without its end-of-image marker, or a header cut short
};

ImageProbe probe_image(std::string_view bytes);

struct DecodeLimits {
  uint64_t max_bytes = 25ull * 1024 * 1024;  // default 25 MB (provider upload limits are 2-4 MB; be lenient)
  double max_megapixels = 40.0;              // default 40 MP (a 2-3× margin over current phone cameras)
};

struct DecodedImage {
  cv::Mat bgr;                     // 8-bit BGR, EXIF orientation applied; empty when not decoded
  ImageProbe probe;
  std::vector<Finding> findings;   // FILE_EMPTY, FILE_TOO_LARGE, FILE_NOT_IMAGE, IMAGE_TOO_MANY_PIXELS, FILE_CORRUPT
  bool ok() const { return !bgr.empty(); }
};

// Decodes `bytes` (the content of upload `file`, used to name it in findings).
// Never throws for bad input: every problem is a finding and the image stays empty.
DecodedImage decode_image(std::string_view bytes, const std::string& file, const DecodeLimits& limits = {});

}  // namespace beian::ocr
