// The bounds of the API's numbers that recur across areas: one place for
// them. The rules check them; services/api/request_limits.cc states them per
// proto field (NumericFieldRanges, compared with the proto comments).
#pragma once

#include <cstdint>

namespace biopolis::value_limits {

// Any amount of money, in kopecks: 10^15 (10 trillion roubles).
inline constexpr std::int64_t kMaxKopecks = 1'000'000'000'000'000;
// Any count of jobs.
inline constexpr std::int32_t kMaxJobs = 1'000'000;

}  // namespace biopolis::value_limits
