// The Transaction of both SQL backends: the repositories bound to one
// connection (SQLite or PostgreSQL), for the duration of one unit of work.
#pragma once

#include "storage/sql/sql_api_key_repository.h"
#include "storage/sql/sql_application_repository.h"
#include "storage/sql/sql_blob_store.h"
#include "storage/sql/sql_connection.h"
#include "storage/sql/sql_document_repository.h"
#include "storage/sql/sql_journal_repository.h"
#include "storage/sql/sql_lease_repository.h"
#include "storage/sql/sql_organization_repository.h"
#include "storage/sql/sql_plot_repository.h"
#include "storage/sql/sql_policy_repository.h"
#include "storage/sql/sql_registry_extract_repository.h"
#include "storage/sql/sql_report_repository.h"
#include "storage/sql/sql_resident_repository.h"
#include "storage/sql/sql_service_desk_repository.h"
#include "storage/sql/sql_support_repository.h"
#include "storage/store.h"

namespace biopolis {

class SqlTransaction final : public Transaction {
 public:
  explicit SqlTransaction(SqlConnection& db)
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
  SqlOrganizationRepository organizations_;
  SqlApplicationRepository applications_;
  SqlResidentRepository residents_;
  SqlPolicyRepository policies_;
  SqlApiKeyRepository api_keys_;
  SqlJournalRepository journal_;
  SqlPlotRepository plots_;
  SqlLeaseRepository leases_;
  SqlSupportRepository support_;
  SqlServiceDeskRepository service_desk_;
  SqlReportRepository reports_;
  SqlBlobStore blobs_;
  SqlDocumentRepository documents_;
  SqlRegistryExtractRepository extracts_;
};

}  // namespace biopolis
