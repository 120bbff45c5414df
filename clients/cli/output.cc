#include "output.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/json_util.h>

#include <iostream>

namespace biopolis::cli {
namespace {

// The proto's JSON with its own field names; `compact` for one table cell.
std::string Json(const google::protobuf::Message& m, bool compact = false) {
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = !compact;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(m, &out, options);
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// The columns shown per message type in table output.
std::vector<std::string> ColumnsOf(const google::protobuf::Descriptor* d) {
  const std::string& type = d->name();
  if (type == "Organization") return {"name", "inn", "ogrn", "kpp", "short_name"};
  if (type == "Application") return {"name", "state", "organization", "project_name", "planned_investment_kopecks"};
  if (type == "Resident") return {"name", "registry_number", "state", "organization", "organization_display_name"};
  if (type == "ZonePolicy") return {"name", "effective_from", "min_investment_kopecks", "info_request_days"};
  if (type == "ApiKey") return {"name", "role", "state", "organization", "display_name"};
  if (type == "Plot") return {"name", "cadastral_number", "state", "area_m2", "permitted_use", "site"};
  if (type == "Lease") return {"name", "plot", "resident", "state", "start_date", "end_date", "annual_rent_kopecks"};
  if (type == "SupportMeasure") return {"name", "kind", "title", "total_budget_kopecks", "committed_kopecks"};
  if (type == "SupportRequest") return {"name", "measure", "resident", "state", "requested_kopecks", "granted_kopecks"};
  if (type == "ServiceType") return {"name", "category", "title", "sla_working_days", "responsible_unit"};
  if (type == "ServiceRequest") return {"name", "state", "service_type", "organization", "due_time", "overdue"};
  if (type == "ServiceMessage") return {"create_time", "author", "from_resident", "text"};
  if (type == "Report") return {"name", "resident", "year", "quarter", "version", "state", "investment_kopecks"};
  if (type == "ResidentCompliance")
    return {"resident", "status", "investment_made_kopecks", "expected_investment_kopecks", "jobs"};
  if (type == "AuditRecord") return {"sequence", "create_time", "actor", "action", "resource", "summary"};
  return {"name"};
}

std::string FieldText(const google::protobuf::Message& m, const std::string& field_name) {
  const auto* field = m.GetDescriptor()->FindFieldByName(field_name);
  if (field == nullptr) return "";
  const auto* r = m.GetReflection();
  using FD = google::protobuf::FieldDescriptor;
  switch (field->cpp_type()) {
    case FD::CPPTYPE_STRING:
      return r->GetString(m, field);
    case FD::CPPTYPE_INT64:
      return std::to_string(r->GetInt64(m, field));
    case FD::CPPTYPE_INT32:
      return std::to_string(r->GetInt32(m, field));
    case FD::CPPTYPE_ENUM:
      return r->GetEnum(m, field)->name();
    case FD::CPPTYPE_BOOL:
      return r->GetBool(m, field) ? "true" : "false";
    case FD::CPPTYPE_DOUBLE: {
      double v = r->GetDouble(m, field);
      return v == 0 ? "" : std::to_string(v);
    }
    case FD::CPPTYPE_MESSAGE:
      return r->HasField(m, field) ? Json(r->GetMessage(m, field), /*compact=*/true) : "";
    default:
      return "";
  }
}

}  // namespace

int ExitCodeFor(client::StatusCode code) {
  switch (code) {
    case client::StatusCode::OK:
      return kExitOk;
    case client::StatusCode::INVALID_ARGUMENT:
    case client::StatusCode::OUT_OF_RANGE:
      return kExitInvalid;
    case client::StatusCode::NOT_FOUND:
      return kExitNotFound;
    case client::StatusCode::PERMISSION_DENIED:
    case client::StatusCode::UNAUTHENTICATED:
      return kExitDenied;
    case client::StatusCode::UNAVAILABLE:
    case client::StatusCode::DEADLINE_EXCEEDED:
      return kExitUnavailable;
    case client::StatusCode::FAILED_PRECONDITION:
    case client::StatusCode::ABORTED:
    case client::StatusCode::ALREADY_EXISTS:
      return kExitConflict;
    default:
      return kExitOther;
  }
}

void PrintMessage(const google::protobuf::Message& message, OutputFormat format) {
  if (format == OutputFormat::kJson) {
    std::cout << Json(message) << "\n";
    return;
  }
  const auto* d = message.GetDescriptor();
  const auto* r = message.GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const auto* f = d->field(i);
    if (f->is_repeated()) {
      if (r->FieldSize(message, f) == 0) continue;
      std::string joined;
      for (int k = 0; k < r->FieldSize(message, f); ++k) {
        if (!joined.empty()) joined += ", ";
        if (f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_STRING) {
          joined += r->GetRepeatedString(message, f, k);
        } else if (f->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
          joined += Json(r->GetRepeatedMessage(message, f, k), /*compact=*/true);
        }
      }
      std::cout << f->name() << ": " << joined << "\n";
      continue;
    }
    std::string text = FieldText(message, f->name());
    if (text.empty() || text == "0" || text.find("_UNSPECIFIED") != std::string::npos) continue;
    std::cout << f->name() << ": " << text << "\n";
  }
}

void PrintList(const std::vector<const google::protobuf::Message*>& items, OutputFormat format) {
  if (format == OutputFormat::kJson) {
    std::cout << "[";
    for (std::size_t i = 0; i < items.size(); ++i) std::cout << (i ? ",\n" : "\n") << Json(*items[i]);
    std::cout << (items.empty() ? "]\n" : "\n]\n");
    return;
  }
  if (items.empty()) {
    std::cout << "(none)\n";
    return;
  }
  std::vector<std::string> columns = ColumnsOf(items.front()->GetDescriptor());
  for (std::size_t c = 0; c < columns.size(); ++c) std::cout << (c ? "\t" : "") << columns[c];
  std::cout << "\n";
  for (const auto* item : items) {
    for (std::size_t c = 0; c < columns.size(); ++c) std::cout << (c ? "\t" : "") << FieldText(*item, columns[c]);
    std::cout << "\n";
  }
}

int ReportError(const client::Error& error) {
  std::cerr << "error: " << error.ToString() << "\n";
  for (const auto& p : error.precondition_violations()) {
    std::cerr << "  precondition " << p.type << " " << p.subject << ": " << p.description << "\n";
  }
  return ExitCodeFor(error.code());
}

}  // namespace biopolis::cli
