#include "progress.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

namespace biopolis::cli {
namespace {

long long NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Progress::Progress(std::string what) : what_(std::move(what)), on_(isatty(STDERR_FILENO) == 1), start_ms_(NowMs()) {}

Progress::~Progress() { Done(); }

void Progress::Draw(const std::string& text) {
  const long long now = NowMs();
  if (!on_ || now - last_drawn_ms_ < 100) return;  // at most ten redraws a second
  last_drawn_ms_ = now;
  std::cerr << "\r\033[K" << text << std::flush;
  drawn_ = true;
}

void Progress::Count(long long n) {
  const double seconds = static_cast<double>(NowMs() - start_ms_) / 1000.0;
  char rate[48] = "";
  if (seconds > 0.5) std::snprintf(rate, sizeof rate, " (%.0f/s)", static_cast<double>(n) / seconds);
  Draw(what_ + ": " + std::to_string(n) + rate);
}

void Progress::Fraction(long long n, long long total) {
  const int width = 30;
  const int filled =
      total > 0 ? static_cast<int>(std::min(1.0, static_cast<double>(n) / static_cast<double>(total)) * width) : 0;
  Draw(what_ + " [" + std::string(static_cast<std::size_t>(filled), '#') +
       std::string(static_cast<std::size_t>(width - filled), '.') + "] " + std::to_string(n) + "/" +
       std::to_string(total));
}

void Progress::Done() {
  if (on_ && drawn_) std::cerr << "\r\033[K" << std::flush;
  drawn_ = false;
  on_ = false;
}

}  // namespace biopolis::cli
