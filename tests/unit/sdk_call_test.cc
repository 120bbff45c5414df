// The SDK's call mechanics without a server: a gMock Connection scripts the
// answers (testing::MockConnection, the double shipped to SDK users) and the
// tests check what the service clients do on top — request ids kept across
// retries, what is retried and what is not, RetryInfo honoured, per-call
// options reaching the wire, cancellation cutting a backoff, pagers yielding
// errors as elements, and the watch resuming after the last sequence.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "biopolis/applications.h"
#include "biopolis/backups.h"
#include "biopolis/client.h"
#include "biopolis/documents.h"
#include "biopolis/events.h"
#include "biopolis/organizations.h"
#include "biopolis/testing/mock_connection.h"

namespace biopolis::client {
namespace {

using ::testing::_;
using ::testing::ByMove;
using ::testing::DoAll;
using testing::FailWith;
using testing::FakeClientStream;
using ::testing::Invoke;
using testing::MockConnection;
using testing::RequestAs;
using testing::RespondWith;
using ::testing::Return;
using ::testing::StrictMock;

namespace m = v1::methods;

ClientOptions FastRetries() {
  ClientOptions o;
  o.api_key = "bpk_test";
  o.retry.initial_backoff = std::chrono::milliseconds(1);
  o.retry.max_backoff = std::chrono::milliseconds(4);
  o.retry.total_budget = std::chrono::milliseconds(5000);
  return o;
}

v1::Application App(const std::string& name) {
  v1::Application a;
  a.set_name(name);
  return a;
}

TEST(SdkCallTest, AMutationIsRetriedOnUnavailableWithTheSameRequestId) {
  auto mock = std::make_shared<StrictMock<MockConnection>>();
  std::vector<std::string> ids;
  auto record = [&](std::string_view, const google::protobuf::Message& req, google::protobuf::Message*,
                    const CallContext&) { ids.push_back(RequestAs<v1::SubmitApplicationRequest>(req).request_id()); };
  EXPECT_CALL(*mock, Unary(std::string_view(m::kSubmitApplication), _, _, _))
      .WillOnce(DoAll(Invoke(record), Return(Error(StatusCode::UNAVAILABLE, "restarting"))))
      .WillOnce(DoAll(Invoke(record), Return(Error(StatusCode::DEADLINE_EXCEEDED, "slow"))))
      .WillOnce(DoAll(Invoke(record), Invoke(RespondWith(App("applications/7")))));
  Applications apps(mock, FastRetries());
  auto r = apps.Submit("applications/7");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->name(), "applications/7");
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[0].size(), 36u);  // a UUID was filled in
  EXPECT_EQ(ids[1], ids[0]);
  EXPECT_EQ(ids[2], ids[0]);
}

TEST(SdkCallTest, ACallersRequestIdIsSentAsGiven) {
  auto mock = std::make_shared<StrictMock<MockConnection>>();
  EXPECT_CALL(*mock, Unary(std::string_view(m::kSubmitApplication), _, _, _))
      .WillOnce([](std::string_view, const google::protobuf::Message& req, google::protobuf::Message* out,
                   const CallContext&) -> std::optional<Error> {
        EXPECT_EQ(RequestAs<v1::SubmitApplicationRequest>(req).request_id(), "my-id");
        EXPECT_EQ(RequestAs<v1::SubmitApplicationRequest>(req).etag(), "\"e1\"");
        out->CopyFrom(App("applications/7"));
        return std::nullopt;
      });
  Applications apps(mock, FastRetries());
  EXPECT_TRUE(apps.Submit("applications/7", "\"e1\"", "my-id").ok());
}

TEST(SdkCallTest, WhatIsNotRetried) {
  auto mock = std::make_shared<StrictMock<MockConnection>>();
  // A stale etag, a wrong state, a refusal: one attempt each.
  EXPECT_CALL(*mock, Unary(std::string_view(m::kSubmitApplication), _, _, _))
      .WillOnce(FailWith(Error(StatusCode::ABORTED, "stale").WithReason("STALE_ETAG")))
      .WillOnce(FailWith(Error(StatusCode::FAILED_PRECONDITION, "state").WithReason("WRONG_STATE")))
      .WillOnce(FailWith(Error(StatusCode::RESOURCE_EXHAUSTED, "full").WithReason("DATABASE_FULL")));
  // CreateBackup carries no request_id: never retried, even on UNAVAILABLE.
  EXPECT_CALL(*mock, Unary(std::string_view(m::kCreateBackup), _, _, _))
      .WillOnce(FailWith(Error(StatusCode::UNAVAILABLE, "restarting")));
  Applications apps(mock, FastRetries());
  EXPECT_EQ(apps.Submit("applications/7").code(), StatusCode::ABORTED);
  EXPECT_EQ(apps.Submit("applications/7").error().reason(), "WRONG_STATE");
  EXPECT_EQ(apps.Submit("applications/7").error().reason(), "DATABASE_FULL");
  Backups backups(mock, FastRetries());
  EXPECT_EQ(backups.Create("/var/backups/b.db").code(), StatusCode::UNAVAILABLE);
}

TEST(SdkCallTest, RateLimitedIsRetriedNoSoonerThanTheServerAsks) {
  auto mock = std::make_shared<StrictMock<MockConnection>>();
  EXPECT_CALL(*mock, Unary(std::string_view(m::kGetApplication), _, _, _))
      .WillOnce(FailWith(Error(StatusCode::RESOURCE_EXHAUSTED, "slow down")
                             .WithReason("RATE_LIMITED")
                             .WithRetryDelay(std::chrono::milliseconds(120))))
      .WillOnce(RespondWith(App("applications/1")));
  Applications apps(mock, FastRetries());
  const auto start = std::chrono::steady_clock::now();
  auto r = apps.Get("applications/1");
  const auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_GE(waited, std::chrono::milliseconds(120));
}

TEST(SdkCallTest, RetriesStopAtTheBudgetOrTheAttemptLimit) {
  auto mock = std::make_shared<StrictMock<MockConnection>>();
  EXPECT_CALL(*mock, Unary(_, _, _, _)).Times(3).WillRepeatedly(FailWith(Error(StatusCode::UNAVAILABLE, "down")));
  ClientOptions o = FastRetries();
  o.retry.max_attempts = 3;
  Applications apps(mock, o);
  EXPECT_EQ(apps.Get("applications/1").code(), StatusCode::UNAVAILABLE);
}

TEST(SdkCallTest, PerCallOptionsReachTheConnection) {
  auto mock = std::make_shared<StrictMock<MockConnection>>();
  int key_calls = 0;
  ClientOptions o = FastRetries();
  o.api_key_provider = [&key_calls] { return "bpk_rotated_" + std::to_string(++key_calls); };
  EXPECT_CALL(*mock, Unary(std::string_view(m::kGetApplication), _, _, _))
      .WillOnce([](std::string_view, const google::protobuf::Message&, google::protobuf::Message*,
                   const CallContext& context) -> std::optional<Error> {
        EXPECT_TRUE(context.deadline.has_value());
        const auto left = *context.deadline - std::chrono::system_clock::now();
        EXPECT_GT(left, std::chrono::milliseconds(1000));
        EXPECT_LE(left, std::chrono::milliseconds(2000));
        using Pair = std::pair<std::string, std::string>;
        EXPECT_THAT(context.metadata, ::testing::Contains(Pair("authorization", "Bearer bpk_rotated_1")));
        EXPECT_THAT(context.metadata, ::testing::Contains(Pair("x-correlation-id", "erp-42")));
        return Error(StatusCode::UNAVAILABLE, "once");
      })
      .WillOnce([](std::string_view, const google::protobuf::Message&, google::protobuf::Message* out,
                   const CallContext& context) -> std::optional<Error> {
        using Pair = std::pair<std::string, std::string>;
        // The provider is asked again for each attempt.
        EXPECT_THAT(context.metadata, ::testing::Contains(Pair("authorization", "Bearer bpk_rotated_2")));
        out->CopyFrom(App("applications/1"));
        return std::nullopt;
      });
  Applications apps(mock, o);
  auto fast = apps.With({.deadline = std::chrono::seconds(2), .metadata = {{"x-correlation-id", "erp-42"}}});
  EXPECT_TRUE(fast.Get("applications/1").ok());
}

TEST(SdkCallTest, CancellingCutsABackoffSleepAndIsADistinctError) {
  auto mock = std::make_shared<MockConnection>();
  EXPECT_CALL(*mock, Unary(_, _, _, _)).WillRepeatedly(FailWith(Error(StatusCode::UNAVAILABLE, "down")));
  ClientOptions o = FastRetries();
  o.retry.initial_backoff = std::chrono::seconds(20);  // a long sleep after the first failure
  o.retry.max_backoff = std::chrono::seconds(20);
  o.retry.total_budget = std::chrono::seconds(60);
  CancellationToken token;
  Applications apps = Applications(mock, o).With({.cancel = token});
  std::thread canceller([token]() mutable {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    token.Cancel();
  });
  const auto start = std::chrono::steady_clock::now();
  auto r = apps.Get("applications/1");
  canceller.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(r.code(), StatusCode::CANCELLED);
  EXPECT_EQ(r.error().reason(), kCancelledByCaller);
  // A cancelled token stays cancelled: no attempt at all.
  EXPECT_EQ(apps.Get("applications/1").error().reason(), kCancelledByCaller);
}

TEST(SdkCallTest, APagerYieldsAFailedPageAsAnErrorElementThenEnds) {
  auto mock = std::make_shared<StrictMock<MockConnection>>();
  v1::ListOrganizationsResponse first;
  first.add_organizations()->set_name("organizations/1");
  first.add_organizations()->set_name("organizations/2");
  first.set_next_page_token("t2");
  EXPECT_CALL(*mock, Unary(std::string_view(m::kListOrganizations), _, _, _))
      .WillOnce([&first](std::string_view, const google::protobuf::Message& req, google::protobuf::Message* out,
                         const CallContext&) -> std::optional<Error> {
        const auto& list = RequestAs<v1::ListOrganizationsRequest>(req);
        EXPECT_EQ(list.page_size(), 2);
        EXPECT_EQ(list.order_by(), "inn");
        EXPECT_EQ(list.page_token(), "");
        out->CopyFrom(first);
        return std::nullopt;
      })
      .WillOnce(FailWith(Error(StatusCode::PERMISSION_DENIED, "revoked")));
  Organizations orgs(mock, FastRetries());
  std::vector<std::string> names;
  std::optional<Error> failed;
  for (const auto& org : orgs.List(ListOptions().OrderBy("inn").PageSize(2))) {
    if (!org) {
      failed = org.error();
      continue;
    }
    names.push_back(org->name());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"organizations/1", "organizations/2"}));
  ASSERT_TRUE(failed.has_value());
  EXPECT_EQ(failed->code(), StatusCode::PERMISSION_DENIED);
}

TEST(SdkCallTest, AllReturnsTheFirstErrorInsteadOfAShortList) {
  auto mock = std::make_shared<StrictMock<MockConnection>>();
  EXPECT_CALL(*mock, Unary(std::string_view(m::kListApplications), _, _, _))
      .WillOnce(FailWith(Error(StatusCode::UNAUTHENTICATED, "no key")));
  Applications apps(mock, FastRetries());
  auto all = apps.List().All();
  EXPECT_EQ(all.code(), StatusCode::UNAUTHENTICATED);
}

std::unique_ptr<ServerStream> Stream(std::vector<std::int64_t> sequences, std::optional<Error> end,
                                     std::int64_t start_after) {
  std::vector<std::unique_ptr<google::protobuf::Message>> events;
  for (auto s : sequences) {
    auto e = std::make_unique<v1::Event>();
    e->set_sequence(s);
    events.push_back(std::move(e));
  }
  return std::make_unique<testing::FakeServerStream>(
      std::move(events), std::move(end),
      std::map<std::string, std::string>{{"biopolis-start-after", std::to_string(start_after)}});
}

TEST(SdkCallTest, AWatchResumesAfterTheLastDeliveredSequenceWhateverEndedIt) {
  auto mock = std::make_shared<StrictMock<MockConnection>>();
  std::vector<std::int64_t> resumed_after;
  auto opened = [&](std::string_view, const google::protobuf::Message& req, const CallContext& context) {
    EXPECT_FALSE(context.deadline.has_value());  // a watch has no deadline
    resumed_after.push_back(RequestAs<v1::WatchEventsRequest>(req).after_sequence());
  };
  EXPECT_CALL(*mock, OpenServerStream(std::string_view(m::kWatchEvents), _, _))
      .WillOnce(DoAll(Invoke(opened), Return(ByMove(Stream({5, 6}, Error(StatusCode::UNAVAILABLE, "restart"), 4)))))
      .WillOnce(DoAll(Invoke(opened), Return(ByMove(Stream({7}, Error(StatusCode::CANCELLED, "stopping"), 6)))))
      .WillOnce(DoAll(Invoke(opened), Return(ByMove(Stream({8}, std::nullopt, 7)))))
      .WillOnce(DoAll(Invoke(opened), Return(ByMove(Stream({}, Error(StatusCode::PERMISSION_DENIED, "revoked"), 8)))));
  Events events(mock, FastRetries());
  auto stream = events.Watch({.after_sequence = 4});
  std::vector<std::int64_t> got;
  v1::Event e;
  while (stream->Next(&e)) got.push_back(e.sequence());
  EXPECT_EQ(got, (std::vector<std::int64_t>{5, 6, 7, 8}));
  EXPECT_EQ(resumed_after, (std::vector<std::int64_t>{4, 6, 7, 8}));
  ASSERT_TRUE(stream->error().has_value());
  EXPECT_EQ(stream->error()->code(), StatusCode::PERMISSION_DENIED);  // permanent: the end
}

TEST(SdkCallTest, AClientOverAMockConnectionServesEveryService) {
  auto mock = std::make_shared<StrictMock<MockConnection>>();
  EXPECT_CALL(*mock, Unary(std::string_view(m::kGetApplication), _, _, _)).WillOnce(RespondWith(App("applications/3")));
  Client client(mock, FastRetries());
  auto got = client.applications().Get("applications/3");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name(), "applications/3");
}

TEST(SdkCallTest, StatusCodesAreNamedAndNumberedAsGoogleRpcCode) {
  EXPECT_STREQ(StatusCodeName(StatusCode::OK), "OK");
  EXPECT_STREQ(StatusCodeName(StatusCode::NOT_FOUND), "NOT_FOUND");
  EXPECT_STREQ(StatusCodeName(StatusCode::UNAUTHENTICATED), "UNAUTHENTICATED");
  EXPECT_EQ(static_cast<int>(StatusCode::UNAUTHENTICATED), 16);
  EXPECT_STREQ(StatusCodeName(static_cast<StatusCode>(99)), "UNKNOWN");
  Error e = Error(StatusCode::INVALID_ARGUMENT, "bad").WithReason("X").WithMetadata("field", "inn");
  EXPECT_EQ(e.domain(), "biopolis.v1");
  EXPECT_EQ(e.metadata().at("field"), "inn");
}

// An upload from a seekable source is hashed first and sent again in full on
// a retryable failure, with the same request_id and hash, so the server
// stores it once; a download that failed after writing bytes is not retried.
TEST(SdkCallTest, AnUploadIsResentWholeWithTheSameRequestIdAndHash) {
  auto conn = std::make_shared<StrictMock<MockConnection>>();
  std::vector<std::vector<std::string>> attempts(2);
  v1::Document stored;
  stored.set_name("applications/3/documents/1");
  int attempt = 0;
  EXPECT_CALL(*conn, OpenClientStream(m::kUploadDocument, _, _))
      .Times(2)
      .WillRepeatedly(Invoke([&](std::string_view, google::protobuf::Message* response, const CallContext&) {
        const int n = attempt++;
        std::optional<Error> end;
        if (n == 0) end = Error(StatusCode::UNAVAILABLE, "connection reset");
        return std::make_unique<FakeClientStream>(response, end, &stored, true, &attempts[n]);
      }));
  Documents docs(conn, FastRetries());
  const std::string bytes = "%PDF-1.4\n" + std::string(2'500'000, 'x');
  std::istringstream in(bytes);
  auto doc = docs.Upload("applications/3", v1::Document::KIND_BUSINESS_PLAN, in, "plan.pdf");
  ASSERT_TRUE(doc.ok()) << doc.error().ToString();
  EXPECT_EQ(doc->name(), "applications/3/documents/1");
  std::string request_id;
  for (const auto& written : attempts) {
    ASSERT_EQ(written.size(), 4u);  // metadata, then 3 chunks of at most 1 MiB
    v1::UploadDocumentRequest first;
    ASSERT_TRUE(first.ParseFromString(written[0]));
    ASSERT_TRUE(first.has_metadata());
    EXPECT_EQ(first.metadata().expected_sha256().size(), 64u);
    if (request_id.empty()) request_id = first.metadata().request_id();
    EXPECT_EQ(first.metadata().request_id(), request_id);
    std::string sent;
    for (std::size_t i = 1; i < written.size(); ++i) {
      v1::UploadDocumentRequest chunk;
      ASSERT_TRUE(chunk.ParseFromString(written[i]));
      EXPECT_LE(chunk.chunk().size(), Documents::kChunkBytes);
      sent += chunk.chunk();
    }
    EXPECT_EQ(sent, bytes);  // the whole file again, from the start
  }
  EXPECT_FALSE(request_id.empty());
}

TEST(SdkCallTest, ADownloadIsNotRetriedOnceBytesWereWritten) {
  auto conn = std::make_shared<StrictMock<MockConnection>>();
  std::vector<std::unique_ptr<google::protobuf::Message>> messages;
  auto meta = std::make_unique<v1::DownloadDocumentResponse>();
  meta->mutable_metadata()->set_size_bytes(10);
  messages.push_back(std::move(meta));
  auto chunk = std::make_unique<v1::DownloadDocumentResponse>();
  chunk->set_chunk("hello");
  messages.push_back(std::move(chunk));
  EXPECT_CALL(*conn, OpenServerStream(m::kDownloadDocument, _, _))
      .WillOnce(Return(ByMove(std::make_unique<testing::FakeServerStream>(
          std::move(messages), Error(StatusCode::UNAVAILABLE, "connection reset")))));
  Documents docs(conn, FastRetries());
  std::ostringstream out;
  auto version = docs.Download("applications/3/documents/1", out);
  ASSERT_FALSE(version.ok());
  EXPECT_EQ(version.code(), StatusCode::UNAVAILABLE);
  EXPECT_EQ(out.str(), "hello");
}

}  // namespace
}  // namespace biopolis::client
