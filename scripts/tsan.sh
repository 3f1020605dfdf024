#!/usr/bin/env bash
# A dedicated ThreadSanitizer build (build-tsan/) running the concurrency tests: the Engine
# from 8 threads and the batch over parallel orders. Slow (a full instrumented build); not
# part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBEIAN_SANITIZE_THREAD=ON -DBEIAN_BUILD_BENCH=OFF >/dev/null
cmake --build build-tsan -j"$(nproc)" --target test_engine test_pipeline beian
# OpenCV's own parallel_for runs on TBB worker threads whose hand-offs TSan cannot see (TBB and
# OpenCV are not instrumented): every cv:: call would be reported. The test main and the beian
# CLI then set cv::setNumThreads(1), which keeps the report to beian's own threads, what this
# build checks.
export BEIAN_OPENCV_THREADS=1
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/scripts/tsan-suppressions.txt"
build-tsan/tests/test_engine
build-tsan/tests/test_pipeline "[process]"
echo "ThreadSanitizer: no data races reported"
