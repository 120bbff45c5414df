#include "services/api/request_limits.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include <vector>

namespace biopolis {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

int LimitOf(const FieldDescriptor& field) {
  const auto& limits = RepeatedFieldLimits();
  auto it = limits.find(field.full_name());
  return it == limits.end() ? kDefaultMaxRepeated : it->second;
}

Status Walk(const Message& message, const std::string& path, int depth) {
  if (depth > 32) {
    return Status::InvalidField(path, "nested too deeply", "TOO_DEEP");
  }
  const auto* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const std::string here = path.empty() ? field->name() : path + "." + field->name();
    if (field->is_repeated()) {
      const int count = reflection->FieldSize(message, field);
      const int limit = LimitOf(*field);
      if (count > limit) {
        return Status::InvalidField(
            here, "at most " + std::to_string(limit) + " elements are accepted, got " + std::to_string(count),
            "TOO_MANY_ELEMENTS");
      }
    }
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || field->is_map()) continue;
    if (field->is_repeated()) {
      const int count = reflection->FieldSize(message, field);
      for (int i = 0; i < count; ++i) {
        BIOPOLIS_RETURN_IF_ERROR(
            Walk(reflection->GetRepeatedMessage(message, field, i), here + "[" + std::to_string(i) + "]", depth + 1));
      }
    } else {
      BIOPOLIS_RETURN_IF_ERROR(Walk(reflection->GetMessage(message, field), here, depth + 1));
    }
  }
  return Status::Ok();
}

}  // namespace

const std::map<std::string, int>& RepeatedFieldLimits() {
  static const std::map<std::string, int> kLimits = {
      {"google.protobuf.FieldMask.paths", 64},
      {"biopolis.v1.Application.okved_codes", 20},
      {"biopolis.v1.Application.requested_plots", 20},
      {"biopolis.v1.SignAgreementRequest.commitments", 40},
      {"biopolis.v1.Resident.commitments", 40},
      {"biopolis.v1.WatchEventsRequest.resource_types", 20},
      {"biopolis.v1.Plot.predecessors", 32},
      {"biopolis.v1.Plot.successors", 32},
      {"biopolis.v1.RetirePlotRequest.successors", 32},
      {"biopolis.v1.ZonePolicy.allowed_okved_prefixes", 200},
      {"biopolis.v1.SupportMeasure.Eligibility.okved_prefixes", 200},
  };
  return kLimits;
}

Status CheckRepeatedFieldCounts(const Message& request) { return Walk(request, "", 0); }

}  // namespace biopolis
