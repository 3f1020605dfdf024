#include "ocr/image_decode.h"

#include <cstdio>
#include <cstring>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "pipeline/base/messages.h"

namespace beian::ocr {
namespace {

uint32_t be16(const unsigned char* p) { return (uint32_t(p[0]) << 8) | p[1]; }
uint32_t be32(const unsigned char* p) { return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3]; }
uint32_t le16(const unsigned char* p) { return (uint32_t(p[1]) << 8) | p[0]; }
uint32_t le32(const unsigned char* p) { return (uint32_t(p[3]) << 24) | (uint32_t(p[2]) << 16) | (uint32_t(p[1]) << 8) | p[0]; }

void probe_jpeg(const unsigned char* d, size_t n, ImageProbe& p) {
  size_t i = 2;
  while (i + 4 <= n) {
    if (d[i] != 0xFF) { ++i; continue; }
    const unsigned char marker = d[i + 1];
    if (marker == 0xFF) { ++i; continue; }
    if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { i += 2; continue; }
    if (marker == 0xD9 || marker == 0xDA) break;  // end of image / start of scan: no frame header before
    const uint32_t len = be16(d + i + 2);
    const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof && i + 9 <= n) {
      p.height = static_cast<int>(be16(d + i + 5));
      p.width = static_cast<int>(be16(d + i + 7));
      if (i + 10 <= n) p.components = d[i + 9];
      break;
    }
    i += 2 + len;
  }
  // The end-of-image marker, allowing trailing padding some cameras append.
  size_t end = n;
  while (end > 2 && (d[end - 1] == 0x00 || d[end - 1] == 0xFF) && !(d[end - 2] == 0xFF && d[end - 1] == 0xD9)) --end;
  p.truncated = !(end >= 2 && d[end - 2] == 0xFF && d[end - 1] == 0xD9);
}

void probe_tiff(const unsigned char* d, size_t n, bool little, ImageProbe& p) {
  auto u16 = [&](size_t o) { return little ? le16(d + o) : be16(d + o); };
  auto u32 = [&](size_t o) { return little ? le32(d + o) : be32(d + o); };
  const size_t ifd = u32(4);
  if (ifd + 2 > n) { p.truncated = true; return; }
  const size_t count = u16(ifd);
  for (size_t k = 0; k < count; ++k) {
    const size_t e = ifd + 2 + 12 * k;
    if (e + 12 > n) { p.truncated = true; return; }
    const uint32_t tag = u16(e), type = u16(e + 2);
    const uint32_t value = type == 3 ? u16(e + 8) : u32(e + 8);
    if (tag == 256) p.width = static_cast<int>(value);
    if (tag == 257) p.height = static_cast<int>(value);
  }
}

void probe_webp(const unsigned char* d, size_t n, ImageProbe& p) {
  if (n < 30) { p.truncated = true; return; }
  if (!std::memcmp(d + 12, "VP8 ", 4)) {
    p.width = static_cast<int>(le16(d + 26) & 0x3FFF);
    p.height = static_cast<int>(le16(d + 28) & 0x3FFF);
  } else if (!std::memcmp(d + 12, "VP8L", 4)) {
    const uint32_t bits = le32(d + 21);
    p.width = static_cast<int>((bits & 0x3FFF) + 1);
    p.height = static_cast<int>(((bits >> 14) & 0x3FFF) + 1);
  } else if (!std::memcmp(d + 12, "VP8X", 4)) {
    p.width = static_cast<int>((d[24] | (d[25] << 8) | (d[26] << 16)) + 1);
    p.height = static_cast<int>((d[27] | (d[28] << 8) | (d[29] << 16)) + 1);
  }
}

std::string fmt_double(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace

ImageProbe probe_image(std::string_view bytes) {
  ImageProbe p;
  const auto* d = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  auto starts = [&](const char* magic, size_t len, size_t at = 0) { return n >= at + len && !std::memcmp(d + at, magic, len); };
  if (starts("\xFF\xD8\xFF", 3)) {
    p.format = "jpeg";
    p.supported = true;
    probe_jpeg(d, n, p);
  } else if (starts("\x89PNG\r\n\x1a\n", 8)) {
    p.format = "png";
    p.supported = true;
    if (n >= 24) { p.width = static_cast<int>(be32(d + 16)); p.height = static_cast<int>(be32(d + 20)); }
    else p.truncated = true;
    if (n >= 26) p.components = (d[25] & 2) ? 3 : 1;   // colour type bit 1: colour (RGB or palette)
  } else if (starts("RIFF", 4) && starts("WEBP", 4, 8)) {
    p.format = "webp";
    p.supported = true;
    probe_webp(d, n, p);
  } else if (starts("II*\0", 4) || starts("MM\0*", 4)) {
    p.format = "tiff";
    p.supported = true;
    probe_tiff(d, n, d[0] == 'I', p);
  } else if (starts("BM", 2) && n >= 26) {
    p.format = "bmp";
    p.supported = true;
    p.width = static_cast<int>(le32(d + 18));
    const int32_t h = static_cast<int32_t>(le32(d + 22));
    p.height = h < 0 ? -h : h;
  } else if (starts("GIF8", 4)) {
    p.format = "gif";
  } else if (starts("%PDF", 4)) {
    p.format = "pdf";
  } else if (starts("ftyp", 4, 4) && (starts("heic", 4, 8) || starts("heix", 4, 8) || starts("mif1", 4, 8) || starts("heif", 4, 8))) {
    p.format = "heic";
  } else if (starts("PK\x03\x04", 4)) {
    p.format = "zip";
  } else if (n > 0) {
    size_t printable = 0;
    const size_t look = std::min<size_t>(n, 512);
    for (size_t i = 0; i < look; ++i) printable += (d[i] >= 0x20 || d[i] == '\n' || d[i] == '\r' || d[i] == '\t');
    if (printable == look) p.format = "text";
  }
  return p;
}

DecodedImage decode_image(std::string_view bytes, const std::string& file, const DecodeLimits& limits) {
  DecodedImage out;
  if (bytes.empty()) {
    out.findings.push_back(make_finding("FILE_EMPTY", {}, file));
    return out;
  }
  if (bytes.size() > limits.max_bytes) {
    out.findings.push_back(make_finding(
        "FILE_TOO_LARGE", {{"bytes", std::to_string(bytes.size())}, {"limit", std::to_string(limits.max_bytes)}}, file));
    return out;
  }
  out.probe = probe_image(bytes);
  if (!out.probe.supported) {
    out.findings.push_back(make_finding("FILE_NOT_IMAGE", {{"detected", out.probe.format}}, file));
    return out;
  }
  const double mp = double(out.probe.width) * double(out.probe.height) / 1e6;
  if (mp > limits.max_megapixels) {
    out.findings.push_back(make_finding("IMAGE_TOO_MANY_PIXELS",
                                        {{"width", std::to_string(out.probe.width)},
                                         {"height", std::to_string(out.probe.height)},
                                         {"megapixels", fmt_double(mp, 1)},
                                         {"limit", fmt_double(limits.max_megapixels, 0)}},
                                        file));
    return out;
  }
  if (out.probe.truncated || out.probe.width <= 0 || out.probe.height <= 0) {
    out.findings.push_back(make_finding("FILE_CORRUPT", {{"detected", out.probe.format}}, file));
    return out;
  }
  cv::Mat decoded;
  try {
    const cv::Mat buf(1, static_cast<int>(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data()));
    decoded = cv::imdecode(buf, cv::IMREAD_COLOR);  // applies EXIF orientation; 16-bit → 8-bit; grey → BGR
  } catch (const cv::Exception&) {
    decoded.release();
  }
  if (decoded.empty()) {
    out.findings.push_back(make_finding("FILE_CORRUPT", {{"detected", out.probe.format}}, file));
    return out;
  }
  out.bgr = decoded;
  return out;
}

}  // namespace beian::ocr
