// The byte limits (UTF-8) of the API's free-text fields, by kind of text: the
// one place the numbers are written. Every text field's validation uses one
// of them through FieldErrors::CheckText (core/status.h), and the proto
// comments state them.
#pragma once

#include <cstddef>

namespace biopolis::text_limits {

inline constexpr std::size_t kCode = 64;          // agreement numbers, SHA-256 hex digests
inline constexpr std::size_t kFileName = 255;     // an uploaded document's file name (ext4's NAME_MAX)
inline constexpr std::size_t kEmail = 254;        // an e-mail address (RFC 5321's path limit)
inline constexpr std::size_t kLabel = 200;        // key and short names, sites, contact persons, references
inline constexpr std::size_t kTitle = 300;        // titles, project names, responsible units
inline constexpr std::size_t kName = 500;         // organizations' full names, legal addresses
inline constexpr std::size_t kLegalBasis = 1000;  // a support measure's legal basis
inline constexpr std::size_t kReason = 5000;      // reasons, comments, notes, purposes, policy descriptions
inline constexpr std::size_t kText = 20000;       // long text: descriptions, justifications, answers, messages

}  // namespace biopolis::text_limits
