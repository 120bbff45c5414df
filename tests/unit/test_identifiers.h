// Valid identifiers for tests that need many organizations: a 10-digit INN
// and a 13-digit OGRN with correct check digits, from a counter.
#pragma once

#include <cstdio>
#include <string>

namespace biopolis::testing {

inline std::string InnFor(int n) {
  char base[10];
  std::snprintf(base, sizeof base, "43%07d", n);
  const int w[] = {2, 4, 10, 3, 5, 9, 4, 6, 8};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += w[i] * (base[i] - '0');
  return std::string(base) + std::to_string(sum % 11 % 10);
}

inline std::string OgrnFor(int n) {
  char base[13];
  std::snprintf(base, sizeof base, "10243%07d", n);
  unsigned long long v = std::stoull(base);
  return std::string(base) + std::to_string(v % 11 % 10);
}

}  // namespace biopolis::testing
