// The SDK across what happens to a server in production: restarts while a
// watch is open, calls made while it is down, the caller's own cancellation.
#include <gtest/gtest.h>

#include <future>
#include <set>
#include <thread>

#include "server_fixture.h"

namespace biopolis::testing {
namespace {

class SdkResilienceTest : public ServerFixture {};

const char* const kInns[][2] = {{"4345042753", "1024317979080"},
                                {"4345695985", "1024366201166"},
                                {"4345610903", "1024320244189"},
                                {"4345212878", "1024326984923"}};

// Every event arrives once, in order, across repeated restarts (the server
// stopping answers open streams CANCELLED or UNAVAILABLE; both reconnect).
TEST_F(SdkResilienceTest, AWatchSurvivesRepeatedRestartsAndDeliversEveryEventOnceInOrder) {
  auto stream = auditor().events().Watch();
  std::vector<std::string> created;
  std::promise<std::vector<v1::Event>> got;
  std::mutex mu;
  std::string last_wanted;
  std::thread reader([&] {
    std::vector<v1::Event> events;
    v1::Event e;
    while (stream->Next(&e)) {
      events.push_back(e);
      std::lock_guard<std::mutex> lock(mu);
      if (!last_wanted.empty() && e.resource() == last_wanted) break;
    }
    got.set_value(events);
  });
  for (const auto& pair : kInns) {
    std::string org = CreateOrganization(pair[0], pair[1]);
    ASSERT_FALSE(org.empty());
    created.push_back(org);
    RestartServer();
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    last_wanted = created.back();
  }
  auto future = got.get_future();
  if (future.wait_for(std::chrono::seconds(60)) != std::future_status::ready) stream->Cancel();
  reader.join();
  auto events = future.get();
  ASSERT_FALSE(events.empty()) << (stream->error() ? stream->error()->ToString() : "");
  // The auditor sees every event: sequences 1, 2, 3, ... with no gap and no repeat.
  for (std::size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].sequence(), static_cast<std::int64_t>(i + 1));
  std::set<std::string> seen;
  for (const auto& e : events) seen.insert(e.resource());
  for (const auto& org : created) EXPECT_EQ(seen.count(org), 1u) << org;
}

// A call made while the server is down succeeds once it is back (within the
// default 30 s retry budget), with no error seen by the caller.
TEST_F(SdkResilienceTest, ACallMadeWhileTheServerIsDownSucceedsWhenItReturns) {
  const int port = server_->port();
  server_.reset();
  auto pending = std::async(std::launch::async, [&] { return officer().policies().Get(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  ServerOptions options = options_;
  options.listen = "127.0.0.1:" + std::to_string(port);
  auto restarted = BiopolisServer::Start(options, &clock_);
  ASSERT_TRUE(restarted.ok()) << restarted.status().ToString();
  server_ = std::move(*restarted);
  auto result = pending.get();
  EXPECT_TRUE(result.ok()) << result.error().ToString();
}

TEST_F(SdkResilienceTest, TheCallersOwnCancelIsADistinctErrorAndHoldsBeforeTheFirstNext) {
  auto stream = auditor().events().Watch();
  stream->Cancel();  // before the stream is even opened
  v1::Event e;
  EXPECT_FALSE(stream->Next(&e));
  ASSERT_TRUE(stream->error().has_value());
  EXPECT_EQ(stream->error()->code(), client::StatusCode::CANCELLED);
  EXPECT_EQ(stream->error()->reason(), client::EventStream::kCancelledByCaller);

  // A cancel while the stream waits to reconnect ends its backoff at once.
  auto waiting =
      auditor().events().Watch({.after_sequence = 0, .start_at_now = true, .resource_types = {}, .max_reconnects = 0});
  server_.reset();  // nothing to connect to: Next() keeps reconnecting
  auto next = std::async(std::launch::async, [&] { return waiting->Next(&e); });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const auto cancelled_at = std::chrono::steady_clock::now();
  waiting->Cancel();
  EXPECT_FALSE(next.get());
  EXPECT_LT(std::chrono::steady_clock::now() - cancelled_at, std::chrono::seconds(3));
  EXPECT_EQ(waiting->error()->reason(), client::EventStream::kCancelledByCaller);
}

}  // namespace
}  // namespace biopolis::testing

namespace biopolis::testing {
namespace {

// The SDK's Result: a value or an error, never an OK error alone; a missed
// check throws instead of reading an empty value.
TEST(SdkResultTest, AnOkErrorIsRefusedAndAMissedCheckThrows) {
  client::Result<int> from_ok_error = client::Error(client::StatusCode::OK, "nothing");
  EXPECT_FALSE(from_ok_error.ok());
  EXPECT_EQ(from_ok_error.code(), client::StatusCode::INTERNAL);

  client::Result<int> failed = client::Error(client::StatusCode::NOT_FOUND, "applications/7");
  EXPECT_THROW((void)failed.value(), std::logic_error);
  EXPECT_THROW((void)*failed, std::logic_error);

  client::Result<int> fine = 7;
  ASSERT_TRUE(fine.ok());
  EXPECT_EQ(*fine, 7);
  EXPECT_EQ(fine.code(), client::StatusCode::OK);
}

}  // namespace
}  // namespace biopolis::testing
