// The photo checker's entry points (beian/photo.h): decode, prepare the shared context once,
// run the profile's checks, compare each raw value with its threshold, fill the messages and
// decide the verdict.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>

#include <opencv2/imgcodecs.hpp>

#include "beian/photo.h"
#include "ocr/image_decode.h"
#include "pipeline/base/data_dir.h"
#include "pipeline/base/log.h"
#include "pipeline/base/messages.h"
#include "pipeline/photo/annotate.h"
#include "pipeline/photo/check.h"
#include "pipeline/photo/context.h"

namespace beian {
namespace {

using photo::Compare;
using photo::Measurement;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// Numbers as people read them: integers plainly, others with three significant digits.
std::string format_number(double v) {
  char buf[32];
  if (std::abs(v - std::round(v)) < 1e-9 && std::abs(v) < 1e12)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else if (std::abs(v) >= 100)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else if (std::abs(v) >= 10)
    std::snprintf(buf, sizeof buf, "%.1f", v);
  else if (std::abs(v) >= 1)
    std::snprintf(buf, sizeof buf, "%.2f", v);
  else
    std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

std::string code_for(std::string_view id) {
  std::string code = "PHOTO_";
  for (char c : id) code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return code;
}

bool compare(Compare how, double value, double threshold) {
  switch (how) {
    case Compare::kAtLeast: return value >= threshold;
    case Compare::kAtMost: return value <= threshold;
    case Compare::kEqual: return std::abs(value - threshold) < 1e-9;
  }
  return false;
}

PhotoCheck outcome(const photo::CheckDefinition& def, const photo::CheckSettings& settings, const Measurement& m) {
  PhotoCheck c;
  c.id = std::string(def.id);
  c.value = m.value;
  c.threshold = settings.threshold;
  c.passed = compare(def.compare, m.value, settings.threshold);
  c.confidence = m.confidence;
  Evidence evidence{{"value", format_number(m.value)}, {"threshold", format_number(settings.threshold)}};
  evidence.insert(evidence.end(), m.evidence.begin(), m.evidence.end());
  const Finding text = make_finding(code_for(def.id) + (c.passed ? "_OK" : ""), evidence);
  c.message_zh = text.message_zh;
  c.message_en = text.message_en;
  return c;
}

PhotoVerdict verdict_of(const std::vector<PhotoCheck>& checks, double fail_confidence) {
  PhotoVerdict v = PhotoVerdict::kPass;
  for (const auto& c : checks) {
    if (c.passed) continue;
    if (c.confidence >= fail_confidence) return PhotoVerdict::kFail;
    v = PhotoVerdict::kReview;
  }
  return v;
}

}  // namespace

PhotoReport check_photo_bytes(std::string_view bytes, const std::string& file, const PhotoOptions& options) {
  const auto start = Clock::now();
  const photo::PhotoProfile& profile = photo::load_profile(options.profile);
  photo::PhotoContext ctx;
  ctx.profile = &profile;
  ctx.file.name = file;
  ctx.file.bytes = bytes.size();

  auto t = Clock::now();
  ocr::DecodedImage decoded = ocr::decode_image(bytes, file);
  ctx.file.format = decoded.probe.format;
  ctx.file.components = decoded.probe.components;
  if (!decoded.ok()) {
    ctx.file.decode_problem = decoded.findings.empty() ? std::string("not decodable") : decoded.findings.front().message_en;
  }
  ctx.timings_ms.emplace_back("decode", ms_since(t));
  if (decoded.ok()) photo::prepare_context(ctx, decoded.bgr);

  PhotoReport report;
  PhotoResult& result = report.result;
  result.file = file;
  std::vector<Measurement> measurements;
  measurements.reserve(profile.checks.size());
  t = Clock::now();
  for (const auto& settings : profile.checks) {
    const photo::CheckDefinition* def = photo::find_check(settings.id);
    const auto check_start = Clock::now();
    Measurement m = def->measure(ctx, settings);
    ctx.timings_ms.emplace_back("check." + settings.id, ms_since(check_start));
    if (!m.measured) continue;
    result.checks.push_back(outcome(*def, settings, m));
    measurements.push_back(std::move(m));
    // Without a readable image nothing else can be measured.
    if (settings.id == "file_readable" && !result.checks.back().passed) break;
  }
  result.timings_ms = ctx.timings_ms;
  result.timings_ms.emplace_back("checks", ms_since(t));
  result.verdict = verdict_of(result.checks, profile.fail_confidence);

  if (options.annotate && !ctx.bgr.empty()) {
    t = Clock::now();
    std::vector<photo::CheckMarks> marks;
    for (size_t i = 0; i < result.checks.size(); ++i) marks.push_back({&result.checks[i], &measurements[i]});
    std::vector<uint8_t> jpeg;
    cv::imencode(".jpg", photo::annotate(ctx, result, marks), jpeg, {cv::IMWRITE_JPEG_QUALITY, 88});
    report.annotated_jpeg.assign(jpeg.begin(), jpeg.end());
    result.timings_ms.emplace_back("annotate", ms_since(t));
  }
  result.timings_ms.emplace_back("total", ms_since(start));
  log().debug("photo {}: {} ({} checks)", file, to_string(result.verdict), result.checks.size());
  return report;
}

PhotoReport check_photo_file(const std::filesystem::path& path, const PhotoOptions& options) {
  std::string bytes;
  try {
    bytes = read_file_bytes(path);
  } catch (const std::exception& e) {
    // An unreadable file is a failed file_readable check, like an undecodable one.
    photo::load_profile(options.profile);   // an unknown profile still throws
    PhotoReport report;
    report.result.file = path.string();
    PhotoCheck c;
    c.id = "file_readable";
    c.threshold = 1;
    const Finding text = make_finding("PHOTO_FILE_READABLE", {{"value", "0"}, {"threshold", "1"}, {"reason", e.what()}});
    c.message_zh = text.message_zh;
    c.message_en = text.message_en;
    report.result.checks.push_back(c);
    report.result.verdict = PhotoVerdict::kFail;
    return report;
  }
  return check_photo_bytes(bytes, path.string(), options);
}

std::vector<Finding> photo_findings(const PhotoResult& result, const std::string& profile) {
  std::vector<Finding> findings;
  const double fail_confidence = photo::load_profile(profile).fail_confidence;
  for (const auto& c : result.checks) {
    if (c.passed) continue;
    Finding f;
    f.code = code_for(c.id);
    f.severity = c.confidence >= fail_confidence ? Severity::kError : Severity::kWarning;
    f.message_zh = c.message_zh;
    f.message_en = c.message_en;
    f.file = result.file;
    f.evidence = {{"value", format_number(c.value)}, {"threshold", format_number(c.threshold)},
                  {"confidence", format_number(c.confidence)}};
    findings.push_back(std::move(f));
  }
  return findings;
}

std::vector<std::string> photo_profile_names() { return photo::profile_names(); }

}  // namespace beian
