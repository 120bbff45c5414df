// Lazy paging over a List method: iterate with a range-for; pages are
// fetched as the loop reaches them. An error ends the iteration and is kept
// in error().
//
//   auto apps = client.applications().List({.filter = "state = \"STATE_SUBMITTED\""});
//   for (const auto& app : apps) { ... }
//   if (apps.error()) { ... *apps.error() ... }
//
// Not thread-safe: one pager per thread.
#pragma once

#include <cstddef>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "biopolis/result.h"

namespace biopolis::client {

template <typename T>
class Pager {
  struct State;  // defined below; the iterator shares it

 public:
  struct PageData {
    std::vector<T> items;
    std::string next_page_token;
  };
  // Fetches the page at `page_token` ("" = first).
  using Fetch = std::function<Result<PageData>(const std::string& page_token)>;

  explicit Pager(Fetch fetch) : state_(std::make_shared<State>(std::move(fetch))) {}

  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;

    iterator() = default;
    reference operator*() const { return state_->page.items[index_]; }
    pointer operator->() const { return &state_->page.items[index_]; }
    iterator& operator++() {
      ++index_;
      if (index_ >= state_->page.items.size()) {
        index_ = 0;
        if (!state_->FetchNext()) state_ = nullptr;
      }
      return *this;
    }
    bool operator==(const iterator& other) const { return state_ == other.state_ && index_ == other.index_; }
    bool operator!=(const iterator& other) const { return !(*this == other); }

   private:
    friend class Pager;
    explicit iterator(std::shared_ptr<State> s) : state_(std::move(s)) {}
    std::shared_ptr<State> state_;
    std::size_t index_ = 0;
  };

  iterator begin() {
    if (!state_->started) {
      state_->started = true;
      if (!state_->FetchFirst()) return end();
    }
    return iterator(state_);
  }
  iterator end() { return iterator(); }

  // The error that ended the iteration, if any.
  const std::optional<Error>& error() const { return state_->error; }

  // Fetches every page; the first error is returned instead.
  Result<std::vector<T>> All() {
    std::vector<T> out;
    for (const auto& item : *this) out.push_back(item);
    if (state_->error) return *state_->error;
    return out;
  }

 private:
  struct State {
    explicit State(Fetch f) : fetch(std::move(f)) {}
    // Fetches pages until one has items; false at the end or on error.
    bool Load(const std::string& token) {
      std::string next = token;
      while (true) {
        auto r = fetch(next);
        if (!r.ok()) {
          error = r.error();
          return false;
        }
        page = std::move(*r);
        if (!page.items.empty()) return true;
        if (page.next_page_token.empty()) return false;
        next = page.next_page_token;
      }
    }
    bool FetchFirst() { return Load(""); }
    bool FetchNext() { return !page.next_page_token.empty() && Load(page.next_page_token); }

    Fetch fetch;
    PageData page;
    bool started = false;
    std::optional<Error> error;
  };

  std::shared_ptr<State> state_;
};

}  // namespace biopolis::client
