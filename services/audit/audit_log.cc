#include "services/audit/audit_log.h"

namespace biopolis {

Result<Page<AuditRecord>> AuditLog::List(const Caller& caller, const ListParams& params) {
  static const ListSpec kSpec{{{"actor", FieldType::kString, {}, ""},
                               {"action", FieldType::kString, {}, ""},
                               {"resource", FieldType::kString, {}, ""},
                               {"sequence", FieldType::kInt, {}, ""}},
                              {"sequence"},
                              "sequence",
                              false};
  return ReadPage<AuditRecord>(env_, caller, "ListAuditRecords", kSpec, params, ListVisibility::kEveryone,
                               [](Transaction& tx, const ListQuery& q) { return tx.journal().ListAudit(q); });
}

}  // namespace biopolis
