// biopolisctl's progress line for long operations (export, backup, the
// catch-up of a watch). Not thread-safe: one per operation, on its thread.
#pragma once

#include <string>

namespace biopolis::cli {

// A progress line on standard error, redrawn in place, only when standard
// error is a terminal (otherwise silent); Done() clears it.
class Progress {
 public:
  explicit Progress(std::string what);
  ~Progress();
  // "what: N items" (and the rate).
  void Count(long long n);
  // "what: N of TOTAL" with a bar.
  void Fraction(long long n, long long total);
  void Done();

 private:
  void Draw(const std::string& text);
  std::string what_;
  bool on_;
  bool drawn_ = false;
  long long last_drawn_ms_ = -1000;
  long long start_ms_;
};

}  // namespace biopolis::cli
