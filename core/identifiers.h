// Russian identifiers and codes, validated exactly (algorithms in
// shared/research/domain.md, section 1.11).
//
// Each check returns kOk, kBadFormat (wrong length or characters) or
// kBadChecksum (well-formed, wrong check digit). Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace biopolis {

enum class IdCheck { kOk, kBadFormat, kBadChecksum };

// INN of a legal entity (10 digits) or of an individual / entrepreneur (12).
IdCheck CheckInn(std::string_view inn);
// OGRN (13 digits, first digit 1 or 5) of a legal entity.
IdCheck CheckOgrn(std::string_view ogrn);
// OGRNIP (15 digits, first digit 3) of an individual entrepreneur.
IdCheck CheckOgrnip(std::string_view ogrnip);
// KPP: 4 digits, 2 digits or capital Latin letters, 3 digits. No checksum.
IdCheck CheckKpp(std::string_view kpp);
// OKVED2 code: NN, NN.N, NN.NN, NN.NN.N or NN.NN.NN.
IdCheck CheckOkved(std::string_view code);
// Cadastral number NN:NN:NNNNNN(N):N+.
IdCheck CheckCadastralNumber(std::string_view number);

// True when `code` equals `prefix` or continues it at a dot boundary
// ("21.20.1" starts with "21" and "21.20", not with "21.2").
bool OkvedHasPrefix(std::string_view code, std::string_view prefix);

bool IsAllDigits(std::string_view s);

}  // namespace biopolis
