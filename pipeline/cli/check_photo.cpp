// `beian check-photo IMAGE... [--profile NAME] [--json] [--annotate OUT.jpg]`: checks backdrop /
// verification photos against the filing requirements (beian/photo.h).
#include <algorithm>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "beian/photo.h"
#include "pipeline/base/atomic_file.h"
#include "pipeline/cli/command.h"

namespace beian::cli {
namespace {

struct CheckPhotoArgs {
  std::vector<std::string> images;
  std::string profile = "default";
  bool json = false;
  std::string annotate;
};

// OUT.jpg for one image; OUT-<image name>.jpg for each of several.
std::filesystem::path annotation_path(const std::string& out, const std::string& image, size_t count) {
  if (count == 1) return out;
  const std::filesystem::path base(out);
  return base.parent_path() / (base.stem().string() + "-" + std::filesystem::path(image).stem().string() +
                               (base.has_extension() ? base.extension().string() : ".jpg"));
}

void print_text(const PhotoResult& r) {
  std::printf("%s: %s\n", r.file.c_str(), std::string(to_string(r.verdict)).c_str());
  for (const auto& c : r.checks) {
    const char* mark = c.passed ? "ok  " : c.confidence >= 0.7 ? "FAIL" : "??  ";
    std::printf("  %s %-20s %10.3f  (limit %g, confidence %.2f)%s%s\n", mark, c.id.c_str(), c.value, c.threshold,
                c.confidence, c.passed ? "" : "  ", c.passed ? "" : c.message_en.c_str());
  }
  double total = 0;
  for (const auto& [step, ms] : r.timings_ms)
    if (step == "total") total = ms;
  std::printf("  (%.0f ms)\n", total);
}

int run(const CheckPhotoArgs& args) {
  const auto names = photo_profile_names();
  if (std::find(names.begin(), names.end(), args.profile) == names.end()) {
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    std::cerr << "beian check-photo: unknown profile '" << args.profile << "' (available: " << known << ")\n";
    return kExitUsage;
  }
  PhotoOptions options;
  options.profile = args.profile;
  options.annotate = !args.annotate.empty();
  nlohmann::json all = nlohmann::json::array();
  int exit_code = kExitOk;
  for (const auto& image : args.images) {
    PhotoReport report = check_photo_file(image, options);
    const PhotoCheck* readable = report.result.check("file_readable");
    if (readable && !readable->passed) exit_code = kExitFailed;
    if (options.annotate && !report.annotated_jpeg.empty()) {
      const auto path = annotation_path(args.annotate, image, args.images.size());
      write_file_atomic(path, report.annotated_jpeg);
      if (!args.json) std::printf("annotated: %s\n", path.string().c_str());
    }
    if (args.json) all.push_back(report.result);
    else print_text(report.result);
  }
  if (args.json) std::cout << (all.size() == 1 ? all[0] : all).dump(2) << "\n";
  return exit_code;
}

std::function<int()> setup(CLI::App& app, const GlobalOptions&) {
  auto args = std::make_shared<CheckPhotoArgs>();
  auto* cmd = app.add_subcommand(
      "check-photo",
      "Check backdrop / verification photos: one face, head complete, white plain background without\n"
      "wall corners, door gaps or clutter, exposure, colour, sharpness, size (docs/photo-checks.md).\n"
      "Verdict per photo: pass, fail, or review (a check that cannot be trusted fully failed).\n"
      "Exit: 0 every photo was checked (whatever its verdict), 1 some file could not be read,\n"
      "2 usage error or unknown profile.");
  cmd->add_option("IMAGE", args->images, "Photo files (JPEG, PNG, WebP, TIFF, BMP)")->required();
  cmd->add_option("-p,--profile", args->profile,
                  "Requirement profile: templates/photo/<NAME>.json (default: default = white wall; gansu = backdrop cloth)");
  cmd->add_flag("--json", args->json, "Print the result as JSON (one object, or an array for several photos)");
  cmd->add_option("--annotate", args->annotate,
                  "Write an annotated JPEG (face box, background mask, offending lines and regions); with several\n"
                  "photos, OUT-<photo name>.jpg each");
  return [args] { return run(*args); };
}

BEIAN_REGISTER_COMMAND(30, setup);

}  // namespace
}  // namespace beian::cli
