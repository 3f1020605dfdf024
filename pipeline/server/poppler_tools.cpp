#include "pipeline/server/poppler_tools.h"

#include <spawn.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <regex>
#include <vector>

#include <opencv2/imgcodecs.hpp>

extern char** environ;

namespace beian::server {
namespace {

constexpr double kMmPerPt = 25.4 / 72.0;

// Runs argv (argv[0] looked up in PATH) and returns its standard output; nullopt with *why
// when it cannot be started or exits with an error.
std::optional<std::string> run_capture(const std::vector<std::string>& argv, std::string* why) {
  int out[2];
  if (pipe(out) != 0) {
    *why = "pipe() failed";
    return std::nullopt;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (rc != 0) {
    close(out[0]);
    *why = argv[0] + " could not be started (is poppler-utils installed?)";
    return std::nullopt;
  }
  std::string text;
  char buf[65536];
  for (ssize_t n; (n = read(out[0], buf, sizeof buf)) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    text.append(buf, static_cast<size_t>(n));
  }
  close(out[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    *why = argv[0] + " failed on the document";
    return std::nullopt;
  }
  return text;
}

std::string unescape_html(std::string s) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : kEntities)
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) s.replace(at, std::strlen(from), to);
  return s;
}

}  // namespace

std::optional<std::vector<PdfPageWords>> pdf_words(const std::filesystem::path& pdf, std::string* why) {
  const auto html = run_capture({"pdftotext", "-q", "-bbox", pdf.string(), "-"}, why);
  if (!html) return std::nullopt;
  static const std::regex page_re(R"re(<page width="([0-9.]+)" height="([0-9.]+)">)re");
  static const std::regex word_re(
      R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
  std::vector<PdfPageWords> pages;
  // Split at each page start; words belong to the page before them.
  std::vector<std::pair<size_t, PdfPageWords>> starts;
  for (auto it = std::sregex_iterator(html->begin(), html->end(), page_re); it != std::sregex_iterator(); ++it) {
    PdfPageWords p;
    p.width = std::stod((*it)[1]) * kMmPerPt;
    p.height = std::stod((*it)[2]) * kMmPerPt;
    starts.emplace_back(static_cast<size_t>(it->position()), p);
  }
  for (size_t i = 0; i < starts.size(); ++i) {
    const size_t begin = starts[i].first;
    const size_t end = i + 1 < starts.size() ? starts[i + 1].first : html->size();
    PdfPageWords page = starts[i].second;
    const auto first = html->begin() + static_cast<long>(begin), last = html->begin() + static_cast<long>(end);
    for (auto it = std::sregex_iterator(first, last, word_re); it != std::sregex_iterator(); ++it) {
      PdfWord w;
      w.x_min = std::stod((*it)[1]) * kMmPerPt;
      w.y_min = std::stod((*it)[2]) * kMmPerPt;
      w.x_max = std::stod((*it)[3]) * kMmPerPt;
      w.y_max = std::stod((*it)[4]) * kMmPerPt;
      w.text = unescape_html((*it)[5]);
      page.words.push_back(std::move(w));
    }
    pages.push_back(std::move(page));
  }
  if (pages.empty()) {
    *why = "pdftotext found no pages";
    return std::nullopt;
  }
  return pages;
}

cv::Mat pdf_page_image(const std::filesystem::path& pdf, int page, int dpi, std::string* why) {
  const std::string n = std::to_string(page + 1);
  const auto pgm = run_capture({"pdftoppm", "-q", "-gray", "-r", std::to_string(dpi), "-f", n, "-l", n, pdf.string()}, why);
  if (!pgm) return {};
  const std::vector<unsigned char> bytes(pgm->begin(), pgm->end());
  cv::Mat img = cv::imdecode(bytes, cv::IMREAD_GRAYSCALE);
  if (img.empty()) *why = "pdftoppm gave no image";
  return img;
}

}  // namespace beian::server
