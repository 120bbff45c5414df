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
  ListParams p = params;
  p.order_by.clear();
  const std::string scope = "ListAuditRecords|" + caller.principal;
  auto query = env_.lists.Parse(kSpec, p, scope);
  if (!query.ok()) return query.status();
  auto page = ReadValue<Page<AuditRecord>>(
      env_.store, [&](Transaction& tx) -> Result<Page<AuditRecord>> { return tx.journal().ListAudit(*query); });
  if (page.ok()) env_.lists.FinishPage(*page, p, scope);
  return page;
}

}  // namespace biopolis
