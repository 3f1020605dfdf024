#include "pipeline/stages/photo_stage.h"

#include "beian/photo.h"
#include "pipeline/base/atomic_file.h"

namespace beian {
namespace {

bool is_portrait(const UploadResult& r) {
  return r.declared == DocumentType::kPortrait || (!r.declared && r.document && r.document->type == DocumentType::kPortrait);
}

}  // namespace

void PhotoStage::run(OrderContext& ctx) const {
  PhotoOptions options;
  options.annotate = !ctx.output_dir.empty();
  for (const auto& upload : ctx.uploads) {
    UploadResult& result = ctx.result(upload);
    if (!result.loaded || !is_portrait(result)) continue;
    PhotoReport report = check_photo_file(upload.path, options);
    report.result.file = result.file;   // named as in the upload folder, like every finding
    for (auto& f : photo_findings(report.result, options.profile)) ctx.add(std::move(f));
    if (!report.annotated_jpeg.empty()) {
      const std::string name = "photo-" + std::filesystem::path(result.file).stem().string() + ".jpg";
      write_file_atomic(ctx.output_dir / name, report.annotated_jpeg);
      ctx.report.outputs.push_back(name);
      result.annotated = name;
    }
    result.photo = std::move(report.result);
  }
}

}  // namespace beian
