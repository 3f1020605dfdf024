// The SQLite store: WAL mode, transactional writes under concurrency, duplicates, recovery.
#include <catch2/catch.hpp>

#include <set>
#include <thread>

#include "pipeline/server/rate_limiter.h"
#include "pipeline/server/store.h"
#include "tests/support/test_support.h"

using namespace beian::server;

namespace {

UploadRow upload(const std::string& order, const std::string& sha, const std::string& slot = "id_front") {
  UploadRow r;
  r.order_id = order;
  r.link_id = "0123456789abcdef";
  r.slot = slot;
  r.sha256 = sha;
  r.bytes = 10;
  r.format = "png";
  r.blob = "orders/" + order + "/files/" + sha + ".png";
  r.received_ms = now_ms();
  return r;
}

std::string fake_sha(int i) {
  std::string s = std::to_string(i);
  return std::string(64 - s.size(), '0') + s;
}

}  // namespace

TEST_CASE("the store runs in WAL mode and keeps orders unique", "[server][store]") {
  beian::test::TempDir dir;
  Store store(dir / "beian.db");
  CHECK(store.journal_mode() == "wal");
  CHECK(store.insert_order({"A1", "{}", now_ms(), 0}));
  CHECK_FALSE(store.insert_order({"A1", "{\"other\":1}", now_ms(), 0}));
  CHECK(store.find_order("A1")->manifest_json == "{}");
  CHECK_FALSE(store.find_order("B1").has_value());
  CHECK_THROWS(store.insert_upload(upload("B1", fake_sha(1))));  // unknown order: rolled back
  CHECK(store.uploads_of("B1").empty());
}

TEST_CASE("parallel uploads to one order are all recorded, each once", "[server][store]") {
  beian::test::TempDir dir;
  Store store(dir / "beian.db");
  REQUIRE(store.insert_order({"A1", "{}", now_ms(), 0}));
  constexpr int kThreads = 8, kEach = 25;
  std::vector<std::thread> threads;
  std::vector<std::vector<int64_t>> ids(kThreads);
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) ids[t].push_back(store.insert_upload(upload("A1", fake_sha(t * 1000 + i))).id);
    });
  for (auto& th : threads) th.join();
  const auto rows = store.uploads_of("A1");
  REQUIRE(rows.size() == kThreads * kEach);
  std::set<int64_t> unique;
  for (const auto& v : ids) unique.insert(v.begin(), v.end());
  CHECK(unique.size() == kThreads * kEach);
  // Each row holds exactly what its writer sent.
  for (const auto& r : rows) {
    const int n = std::stoi(r.sha256);
    CHECK(std::count(ids[n / 1000].begin(), ids[n / 1000].end(), r.id) == 1);
  }
  CHECK(store.find_order("A1")->revision == kThreads * kEach);
}

TEST_CASE("the same bytes twice are recognised and unfinished uploads are listed for recovery", "[server][store]") {
  beian::test::TempDir dir;
  Store store(dir / "beian.db");
  REQUIRE(store.insert_order({"A1", "{}", now_ms(), 0}));
  REQUIRE(store.insert_order({"A2", "{}", now_ms(), 0}));
  const auto first = store.insert_upload(upload("A1", fake_sha(7)));
  const auto second = store.insert_upload(upload("A1", fake_sha(7), "id_back"));
  const auto other_order = store.insert_upload(upload("A2", fake_sha(7)));
  CHECK_FALSE(first.duplicate_of.has_value());
  REQUIRE(second.duplicate_of.has_value());
  CHECK(*second.duplicate_of == first.id);
  CHECK_FALSE(other_order.duplicate_of.has_value());  // duplicates are per order

  CHECK(store.unfinished_uploads().size() == 3);
  store.finish_upload(first.id, "processed", "ok", "id_front", "id_front", "{}");
  store.finish_upload(second.id, "failed", "", "id_back", "", "");
  const auto left = store.unfinished_uploads();
  REQUIRE(left.size() == 2);
  CHECK(left[0].id == second.id);
  CHECK(store.find_upload(first.id)->status == "ok");

  // Reopening sees everything committed.
  Store again(dir / "beian.db");
  CHECK(again.uploads_of("A1").size() == 2);
  again.log_event("link_refused", "", "", "forged: integrity tag does not match");
  CHECK(again.events("link_refused").size() == 1);
}

TEST_CASE("the rate limiter allows a burst, then one upload per refill", "[server][rate]") {
  RateLimiter limiter(60.0, 3.0);  // one a second, burst 3
  const auto t0 = RateLimiter::Clock::now();
  for (int i = 0; i < 3; ++i) CHECK(limiter.take("link", t0).allowed);
  const auto refused = limiter.take("link", t0);
  CHECK_FALSE(refused.allowed);
  CHECK(refused.retry_after_seconds == 1);
  CHECK(limiter.take("other-link", t0).allowed);  // per key
  CHECK_FALSE(limiter.take("link", t0 + std::chrono::milliseconds(500)).allowed);
  CHECK(limiter.take("link", t0 + std::chrono::milliseconds(1100)).allowed);
  CHECK_FALSE(limiter.take("link", t0 + std::chrono::milliseconds(1200)).allowed);
  // Tokens never exceed the burst, however long the pause.
  const auto later = t0 + std::chrono::hours(1);
  for (int i = 0; i < 3; ++i) CHECK(limiter.take("link", later).allowed);
  CHECK_FALSE(limiter.take("link", later).allowed);
}
