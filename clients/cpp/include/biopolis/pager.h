// Lazy paging over a List method: iterate with a range-for; pages are fetched
// as the loop reaches them. Each element is a Result<T>: a failed page fetch
// yields one element holding the error, and the iteration ends after it, so
// an error cannot pass for an empty list.
//
//   for (const auto& app : applications.List(ListOptions().Filter("state = \"STATE_SUBMITTED\""))) {
//     if (!app) { std::cerr << app.error().ToString() << "\n"; break; }
//     std::cout << app->name() << "\n";
//   }
//
// A pager keeps what it needs of its client alive (it may outlive the
// Client). Not thread-safe: one pager per thread.
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
    using value_type = Result<T>;
    using difference_type = std::ptrdiff_t;
    using pointer = const Result<T>*;
    using reference = const Result<T>&;

    iterator() = default;
    reference operator*() const { return state_->items[index_]; }
    pointer operator->() const { return &state_->items[index_]; }
    iterator& operator++() {
      ++index_;
      if (index_ >= state_->items.size()) {
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
      if (!state_->Load("")) return end();
    }
    return state_->items.empty() ? end() : iterator(state_);
  }
  iterator end() { return iterator(); }

  // The error that ended the iteration, if any (also yielded as the last element).
  const std::optional<Error>& error() const { return state_->error; }

  // Fetches every page; the first error is returned instead.
  Result<std::vector<T>> All() {
    std::vector<T> out;
    for (const auto& item : *this) {
      if (!item) return item.error();
      out.push_back(*item);
    }
    return out;
  }

 private:
  struct State {
    explicit State(Fetch f) : fetch(std::move(f)) {}
    // Fetches pages from `token` until one has items, or an error (one
    // element holding it); false at the end.
    bool Load(const std::string& token) {
      items.clear();
      std::string next = token;
      while (true) {
        auto r = fetch(next);
        if (!r.ok()) {
          error = r.error();
          next_page_token.clear();
          items.emplace_back(r.error());
          return true;
        }
        next_page_token = r->next_page_token;
        for (auto& item : r->items) items.emplace_back(std::move(item));
        if (!items.empty()) return true;
        if (next_page_token.empty()) return false;
        next = next_page_token;
      }
    }
    bool FetchNext() { return !next_page_token.empty() && Load(next_page_token); }

    Fetch fetch;
    std::vector<Result<T>> items;
    std::string next_page_token;
    bool started = false;
    std::optional<Error> error;
  };

  std::shared_ptr<State> state_;
};

}  // namespace biopolis::client
