#include "services/api/proto_convert.h"

#include <algorithm>

#include "core/etag.h"
#include "core/resource_name.h"

namespace biopolis {

void SetTimestamp(TimeMicros t, google::protobuf::Timestamp* out) {
  std::int64_t seconds = t / kMicrosPerSecond;
  std::int64_t micros = t % kMicrosPerSecond;
  if (micros < 0) {
    micros += kMicrosPerSecond;
    --seconds;
  }
  out->set_seconds(seconds);
  out->set_nanos(static_cast<std::int32_t>(micros * 1000));
}

namespace {
// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, as google.protobuf.Timestamp defines its range.
constexpr std::int64_t kMinTimestampSeconds = -62135596800;
constexpr std::int64_t kMaxTimestampSeconds = 253402300799;
}  // namespace

TimeMicros FromTimestamp(const google::protobuf::Timestamp& t) {
  const std::int64_t seconds = std::clamp(t.seconds(), kMinTimestampSeconds, kMaxTimestampSeconds);
  return seconds * kMicrosPerSecond + std::clamp(t.nanos(), 0, 999'999'999) / 1000;
}

Result<TimeMicros> ParseTimestamp(const google::protobuf::Timestamp& t, const std::string& field) {
  if (t.seconds() < kMinTimestampSeconds || t.seconds() > kMaxTimestampSeconds || t.nanos() < 0 ||
      t.nanos() > 999'999'999) {
    return Status::InvalidField(field, "is not a valid timestamp (years 1 to 9999, nanos 0 to 999999999)",
                                "INVALID_TIMESTAMP");
  }
  return FromTimestamp(t);
}

void SetDate(const Date& d, google::type::Date* out) {
  out->set_year(d.year);
  out->set_month(d.month);
  out->set_day(d.day);
}

Date FromDate(const google::type::Date& d) { return Date{d.year(), d.month(), d.day()}; }

Result<std::vector<std::int64_t>> ParseNames(const google::protobuf::RepeatedPtrField<std::string>& names,
                                             std::string_view collection, const std::string& field) {
  std::vector<std::int64_t> ids;
  FieldErrors errors;
  for (int i = 0; i < names.size(); ++i) {
    auto id = ParseName(names[i], collection, field + "[" + std::to_string(i) + "]");
    if (id.ok()) {
      ids.push_back(*id);
    } else {
      errors.Append(id.status().field_violations());
    }
  }
  if (!errors.empty()) return errors.ToStatus();
  return ids;
}

}  // namespace biopolis
