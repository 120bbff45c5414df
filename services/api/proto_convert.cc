#include "services/api/proto_convert.h"

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

TimeMicros FromTimestamp(const google::protobuf::Timestamp& t) {
  return t.seconds() * kMicrosPerSecond + t.nanos() / 1000;
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
