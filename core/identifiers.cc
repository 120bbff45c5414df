#include "core/identifiers.h"

#include <array>
#include <cstdint>

namespace biopolis {
namespace {

int Digit(char c) { return c - '0'; }

template <std::size_t N>
int WeightedCheck(std::string_view digits, const std::array<int, N>& weights) {
  int sum = 0;
  for (std::size_t i = 0; i < N; ++i) sum += weights[i] * Digit(digits[i]);
  return sum % 11 % 10;
}

// (number formed by the first `len` digits) mod `m`, without overflow worries.
std::uint64_t PrefixMod(std::string_view digits, std::size_t len, std::uint64_t m) {
  std::uint64_t r = 0;
  for (std::size_t i = 0; i < len; ++i) r = (r * 10 + static_cast<std::uint64_t>(Digit(digits[i]))) % m;
  return r;
}

}  // namespace

bool IsAllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

IdCheck CheckInn(std::string_view inn) {
  if (!IsAllDigits(inn)) return IdCheck::kBadFormat;
  if (inn.size() == 10) {
    static constexpr std::array<int, 9> kW = {2, 4, 10, 3, 5, 9, 4, 6, 8};
    return WeightedCheck(inn, kW) == Digit(inn[9]) ? IdCheck::kOk : IdCheck::kBadChecksum;
  }
  if (inn.size() == 12) {
    static constexpr std::array<int, 10> kW11 = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
    static constexpr std::array<int, 11> kW12 = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
    bool ok = WeightedCheck(inn, kW11) == Digit(inn[10]) && WeightedCheck(inn, kW12) == Digit(inn[11]);
    return ok ? IdCheck::kOk : IdCheck::kBadChecksum;
  }
  return IdCheck::kBadFormat;
}

IdCheck CheckOgrn(std::string_view ogrn) {
  if (ogrn.size() != 13 || !IsAllDigits(ogrn)) return IdCheck::kBadFormat;
  if (ogrn[0] != '1' && ogrn[0] != '5') return IdCheck::kBadFormat;
  int check = static_cast<int>(PrefixMod(ogrn, 12, 11) % 10);
  return check == Digit(ogrn[12]) ? IdCheck::kOk : IdCheck::kBadChecksum;
}

IdCheck CheckOgrnip(std::string_view ogrnip) {
  if (ogrnip.size() != 15 || !IsAllDigits(ogrnip)) return IdCheck::kBadFormat;
  if (ogrnip[0] != '3') return IdCheck::kBadFormat;
  // Remainders 10, 11 and 12 all map to their last digit (0, 1, 2).
  int check = static_cast<int>(PrefixMod(ogrnip, 14, 13) % 10);
  return check == Digit(ogrnip[14]) ? IdCheck::kOk : IdCheck::kBadChecksum;
}

IdCheck CheckKpp(std::string_view kpp) {
  if (kpp.size() != 9) return IdCheck::kBadFormat;
  for (std::size_t i = 0; i < 9; ++i) {
    char c = kpp[i];
    bool digit = c >= '0' && c <= '9';
    bool upper = c >= 'A' && c <= 'Z';
    if (i == 4 || i == 5) {
      if (!digit && !upper) return IdCheck::kBadFormat;
    } else if (!digit) {
      return IdCheck::kBadFormat;
    }
  }
  return IdCheck::kOk;
}

IdCheck CheckOkved(std::string_view code) {
  // Groups separated by dots: 2 digits, then up to two groups of 1-2 digits.
  std::size_t groups = 0;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = code.find('.', start);
    std::string_view part = code.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (!IsAllDigits(part)) return IdCheck::kBadFormat;
    if (groups == 0 ? part.size() != 2 : part.size() > 2) return IdCheck::kBadFormat;
    ++groups;
    if (groups > 3) return IdCheck::kBadFormat;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return IdCheck::kOk;
}

IdCheck CheckCadastralNumber(std::string_view number) {
  std::array<std::string_view, 4> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    std::size_t colon = number.find(':', start);
    if ((i < 3) == (colon == std::string_view::npos)) return IdCheck::kBadFormat;
    parts[i] = number.substr(start, i < 3 ? colon - start : std::string_view::npos);
    start = colon + 1;
  }
  for (auto p : parts) {
    if (!IsAllDigits(p)) return IdCheck::kBadFormat;
  }
  if (parts[0].size() != 2 || parts[1].size() != 2) return IdCheck::kBadFormat;
  if (parts[2].size() != 6 && parts[2].size() != 7) return IdCheck::kBadFormat;
  if (parts[3].size() > 12) return IdCheck::kBadFormat;
  return IdCheck::kOk;
}

bool OkvedHasPrefix(std::string_view code, std::string_view prefix) {
  if (prefix.empty() || code.size() < prefix.size()) return false;
  if (code.substr(0, prefix.size()) != prefix) return false;
  return code.size() == prefix.size() || code[prefix.size()] == '.';
}

}  // namespace biopolis
