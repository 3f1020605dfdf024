// The one Catch2 main shared by every test executable (compiled once, in beian_test_support).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>

#include <opencv2/core/utility.hpp>

int main(int argc, char* argv[]) {
  // BEIAN_OPENCV_THREADS=1 (as for the beian CLI) makes OpenCV's parallel_for run in the calling thread. The
  // ThreadSanitizer build (scripts/tsan.sh) needs it: OpenCV hands work to TBB threads through
  // synchronisation TSan cannot see (neither is instrumented), so every parallel cv:: call
  // would be reported, hiding beian's own threads.
  if (const char* n = std::getenv("BEIAN_OPENCV_THREADS"); n && *n) cv::setNumThreads(std::atoi(n));
  return Catch::Session().run(argc, argv);
}
