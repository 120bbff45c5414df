#include <condition_variable>
#include <map>
#include <mutex>

#include "biopolis/options.h"

namespace biopolis::client {

struct CancellationToken::Registration::State {
  std::mutex mu;
  std::condition_variable cv;
  bool cancelled = false;
  std::uint64_t next_id = 1;
  // Run under `mu`, so that once a Registration is destroyed its callback
  // is not running and never will.
  std::map<std::uint64_t, std::function<void()>> callbacks;
};

CancellationToken::CancellationToken() : state_(std::make_shared<Registration::State>()) {}

void CancellationToken::Cancel() {
  {
    std::lock_guard<std::mutex> lock(state_->mu);
    if (state_->cancelled) return;
    state_->cancelled = true;
    for (auto& [id, callback] : state_->callbacks) callback();
  }
  state_->cv.notify_all();
}

bool CancellationToken::cancelled() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->cancelled;
}

CancellationToken::Registration CancellationToken::OnCancel(std::function<void()> on_cancel) const {
  Registration r;
  std::lock_guard<std::mutex> lock(state_->mu);
  if (state_->cancelled) {
    on_cancel();
    return r;
  }
  r.state_ = state_;
  r.id_ = state_->next_id++;
  state_->callbacks.emplace(r.id_, std::move(on_cancel));
  return r;
}

bool CancellationToken::SleepFor(std::chrono::milliseconds d) const {
  std::unique_lock<std::mutex> lock(state_->mu);
  return !state_->cv.wait_for(lock, d, [this] { return state_->cancelled; });
}

CancellationToken::Registration::Registration(Registration&& other) noexcept
    : state_(std::move(other.state_)), id_(other.id_) {}

CancellationToken::Registration& CancellationToken::Registration::operator=(Registration&& other) noexcept {
  if (this != &other) {
    Release();
    state_ = std::move(other.state_);
    id_ = other.id_;
  }
  return *this;
}

CancellationToken::Registration::~Registration() { Release(); }

void CancellationToken::Registration::Release() {
  if (!state_) return;
  std::lock_guard<std::mutex> lock(state_->mu);
  state_->callbacks.erase(id_);
  state_.reset();
}

}  // namespace biopolis::client
