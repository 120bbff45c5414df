// The Transaction of the SQLite backend: the repositories bound to one
// connection, for the duration of one unit of work.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include "storage/sqlite/sqlite_api_key_repository.h"
#include "storage/sqlite/sqlite_application_repository.h"
#include "storage/sqlite/sqlite_blob_store.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_document_repository.h"
#include "storage/sqlite/sqlite_journal_repository.h"
#include "storage/sqlite/sqlite_lease_repository.h"
#include "storage/sqlite/sqlite_organization_repository.h"
#include "storage/sqlite/sqlite_plot_repository.h"
#include "storage/sqlite/sqlite_policy_repository.h"
#include "storage/sqlite/sqlite_registry_extract_repository.h"
#include "storage/sqlite/sqlite_report_repository.h"
#include "storage/sqlite/sqlite_resident_repository.h"
#include "storage/sqlite/sqlite_service_desk_repository.h"
#include "storage/sqlite/sqlite_support_repository.h"
#include "storage/store.h"

namespace biopolis {

class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(SqliteConnection& db)
      : organizations_(db),
        applications_(db),
        residents_(db),
        policies_(db),
        api_keys_(db),
        journal_(db),
        plots_(db),
        leases_(db),
        support_(db),
        service_desk_(db),
        reports_(db),
        blobs_(db),
        documents_(db),
        extracts_(db) {}

  OrganizationRepository& organizations() override { return organizations_; }
  ApplicationRepository& applications() override { return applications_; }
  ResidentRepository& residents() override { return residents_; }
  PolicyRepository& policies() override { return policies_; }
  ApiKeyRepository& api_keys() override { return api_keys_; }
  JournalRepository& journal() override { return journal_; }
  PlotRepository& plots() override { return plots_; }
  LeaseRepository& leases() override { return leases_; }
  SupportRepository& support() override { return support_; }
  ServiceDeskRepository& service_desk() override { return service_desk_; }
  ReportRepository& reports() override { return reports_; }
  BlobStore& blobs() override { return blobs_; }
  DocumentRepository& documents() override { return documents_; }
  RegistryExtractRepository& extracts() override { return extracts_; }

 private:
  SqliteOrganizationRepository organizations_;
  SqliteApplicationRepository applications_;
  SqliteResidentRepository residents_;
  SqlitePolicyRepository policies_;
  SqliteApiKeyRepository api_keys_;
  SqliteJournalRepository journal_;
  SqlitePlotRepository plots_;
  SqliteLeaseRepository leases_;
  SqliteSupportRepository support_;
  SqliteServiceDeskRepository service_desk_;
  SqliteReportRepository reports_;
  SqliteBlobStore blobs_;
  SqliteDocumentRepository documents_;
  SqliteRegistryExtractRepository extracts_;
};

}  // namespace biopolis
