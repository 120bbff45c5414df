// The reporting area's seam: what other areas may ask of it, inside their own
// unit of work (reads through the caller's transaction).
// The only reporting header another area includes.
#pragma once

#include <cstdint>

#include "core/date.h"
#include "model/reporting.h"
#include "storage/store.h"

namespace biopolis::reporting_seam {

// What a resident's accepted reports say up to the last quarter that ended
// on or before `date`: investment made (sum of the current versions) and
// jobs (of that quarter). Used by support eligibility.
AcceptedFigures FiguresAsOf(Transaction& tx, std::int64_t resident_id, const Date& date);

}  // namespace biopolis::reporting_seam
