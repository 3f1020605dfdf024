#include "pipeline/stages/intake_stage.h"

#include <algorithm>
#include <cctype>

#include "ocr/image_decode.h"
#include "pipeline/base/data_dir.h"
#include "pipeline/base/messages.h"
#include "pipeline/sha256.h"

namespace beian {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// The format a file name's extension claims, or "" for an extension that claims none.
std::string claimed_format(const std::filesystem::path& path) {
  const std::string ext = lower(path.extension().string());
  if (ext == ".jpg" || ext == ".jpeg" || ext == ".jfif") return "jpeg";
  if (ext == ".png") return "png";
  if (ext == ".webp") return "webp";
  if (ext == ".tif" || ext == ".tiff") return "tiff";
  if (ext == ".bmp") return "bmp";
  if (ext == ".gif") return "gif";
  if (ext == ".pdf") return "pdf";
  if (ext == ".heic" || ext == ".heif") return "heic";
  return "";
}

}  // namespace

void IntakeStage::run(OrderContext& ctx) const {
  namespace fs = std::filesystem;
  std::vector<fs::path> entries;
  std::error_code ec;
  for (fs::directory_iterator it(ctx.folder, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().filename() != "order.json") entries.push_back(it->path());
  std::sort(entries.begin(), entries.end());

  const ocr::DecodeLimits limits{ctx.options.max_file_bytes, ctx.options.max_megapixels};
  const bool has_upload_list = ctx.order && !ctx.order->uploads.empty();
  ctx.report.uploads.reserve(entries.size());

  for (const auto& path : entries) {
    const std::string name = path.filename().string();
    const auto status = fs::symlink_status(path, ec);
    if (!fs::is_regular_file(status)) {
      // Folders, links and devices are never followed: an upload is a plain file.
      const char* kind = fs::is_directory(status) ? "folder" : fs::is_symlink(status) ? "symbolic link" : "entry";
      ctx.add(make_finding("UPLOAD_NOT_A_FILE", {{"kind", kind}}, name));
      continue;
    }
    Upload upload;
    upload.path = path;
    upload.index = ctx.report.uploads.size();
    UploadResult result;
    result.file = name;
    if (ctx.order) {
      for (const auto& e : ctx.order->uploads)
        if (e.file == name) upload.expected = &e;
    }
    result.expected = upload.expected != nullptr || !has_upload_list;
    if (upload.expected) result.declared = upload.expected->document;
    if (!result.expected) ctx.add(make_finding("UPLOAD_UNEXPECTED", {}, name));

    std::string bytes;
    try {
      bytes = read_file_bytes(path);
    } catch (const std::exception& e) {
      ctx.add(make_finding("FILE_UNREADABLE", {{"reason", "permission denied or I/O error"}}, name));
      ctx.report.uploads.push_back(std::move(result));
      ctx.uploads.push_back(std::move(upload));
      continue;
    }
    result.bytes = bytes.size();
    if (!bytes.empty()) result.sha256 = sha256_hex(bytes);

    auto decoded = ocr::decode_image(bytes, name, limits);
    result.format = decoded.probe.format;
    if (decoded.ok()) {
      result.loaded = true;
      result.width = decoded.bgr.cols;
      result.height = decoded.bgr.rows;
      upload.image = std::move(decoded.bgr);
      const std::string claimed = claimed_format(path);
      if (!claimed.empty() && claimed != decoded.probe.format)
        ctx.add(make_finding("FILE_EXTENSION_MISMATCH",
                             {{"extension", lower(path.extension().string())}, {"detected", decoded.probe.format}}, name));
    } else if (result.expected) {
      for (auto& f : decoded.findings) ctx.add(std::move(f));
    }
    ctx.report.uploads.push_back(std::move(result));
    ctx.uploads.push_back(std::move(upload));
  }

  if (has_upload_list) {
    for (const auto& e : ctx.order->uploads) {
      const bool present = std::any_of(ctx.report.uploads.begin(), ctx.report.uploads.end(),
                                       [&](const UploadResult& u) { return u.file == e.file; });
      if (!present)
        ctx.add(make_finding("UPLOAD_MISSING",
                             {{"file", e.file},
                              {"document", e.document ? std::string(display_name_zh(*e.document)) : std::string("?")}},
                             e.file));
    }
  }
}

}  // namespace beian
