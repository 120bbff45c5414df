// Storage interfaces, one per aggregate. The rules see only these; the SQLite
// implementation lives in storage/sqlite/. A repository belongs to one
// Transaction and is used on that transaction's thread only.
//
// Failures of the storage itself (I/O, disk full, corruption) are thrown as
// StorageError and turned into a Status at the Store boundary, so the rules
// never handle them; absent rows are std::nullopt; constraint violations throw
// StorageError with the matching code (a backstop behind the rules' checks).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/list_query.h"
#include "model/api_key.h"
#include "model/application.h"
#include "model/document.h"
#include "model/journal.h"
#include "model/land.h"
#include "model/organization.h"
#include "model/policy.h"
#include "model/registry_extract.h"
#include "model/reporting.h"
#include "model/resident.h"
#include "model/service_desk.h"
#include "model/support.h"

namespace biopolis {

class StorageError : public std::runtime_error {
 public:
  StorageError(StatusCode code, const std::string& message, std::string reason)
      : std::runtime_error(message), code_(code), reason_(std::move(reason)) {}
  StatusCode code() const { return code_; }
  const std::string& reason() const { return reason_; }

 private:
  StatusCode code_;
  std::string reason_;
};

class OrganizationRepository {
 public:
  virtual ~OrganizationRepository() = default;
  virtual std::optional<OrganizationRecord> Get(std::int64_t id) = 0;
  virtual std::optional<OrganizationRecord> FindByInn(const std::string& inn) = 0;
  virtual std::optional<OrganizationRecord> FindByOgrn(const std::string& ogrn) = 0;
  // Fields: kind, inn, organization (id); order: create_time, full_name, inn.
  virtual Page<OrganizationRecord> List(const ListQuery& query) = 0;
  // Returns the new id.
  virtual std::int64_t Insert(const OrganizationRecord& record) = 0;
  // Overwrites the row with record.id.
  virtual void Update(const OrganizationRecord& record) = 0;
  // Insert and Update also append the row to the organization's history,
  // effective from the time of the change.

  // The organization as it stood at `as_of` (of its versions in effect by
  // then, the latest recorded), or nullopt when it was not yet registered.
  virtual std::optional<OrganizationRecord> GetAsOf(std::int64_t id, TimeMicros as_of) = 0;
};

class ApplicationRepository {
 public:
  virtual ~ApplicationRepository() = default;
  virtual std::optional<ApplicationRecord> Get(std::int64_t id) = 0;
  // The organization's application in a live state (DRAFT..APPROVED), if any.
  virtual std::optional<ApplicationRecord> FindLive(std::int64_t organization_id) = 0;
  // Fields: state, organization, planned_investment_kopecks, planned_jobs,
  // policy_version; order: create_time, update_time, planned_investment_kopecks, planned_jobs.
  virtual Page<ApplicationRecord> List(const ListQuery& query) = 0;
  // INFO_REQUESTED applications whose deadline is before `now`.
  virtual std::vector<ApplicationRecord> ListOverdueInfoRequests(TimeMicros now, int limit) = 0;
  virtual std::int64_t Insert(const ApplicationRecord& record) = 0;
  virtual void Update(const ApplicationRecord& record) = 0;
  virtual void Delete(std::int64_t id) = 0;
};

class ResidentRepository {
 public:
  virtual ~ResidentRepository() = default;
  virtual std::optional<ResidentRecord> Get(std::int64_t id) = 0;
  // The organization's entry that is not terminated, if any.
  virtual std::optional<ResidentRecord> FindCurrent(std::int64_t organization_id) = 0;
  // Fields: state, organization, registry_number; order: registry_number, create_time.
  virtual Page<ResidentRecord> List(const ListQuery& query) = 0;
  // Inserts the entry and its commitments; returns the new id.
  virtual std::int64_t Insert(const ResidentRecord& record) = 0;
  // Updates state and notice fields (commitments are fixed at registration).
  virtual void Update(const ResidentRecord& record) = 0;
  // Registry entries ever made in `year` (for numbering).
  virtual std::int64_t CountRegisteredInYear(int year) = 0;
  // Insert and Update also append the entry to its history, effective from
  // record.effective_time (or the change's time when 0).

  // The entry as it stood at `as_of` (of its versions in effect by then, the
  // latest recorded; the organization's name then), or nullopt when it was
  // not yet registered.
  virtual std::optional<ResidentVersionRecord> GetAsOf(std::int64_t id, TimeMicros as_of) = 0;
  // List() over the entries as they stood at `as_of`: the same fields and
  // orders, filters applied to the state then.
  virtual Page<ResidentRecord> ListAsOf(const ListQuery& query, TimeMicros as_of) = 0;
  // The entry's versions; order: version.
  virtual Page<ResidentVersionRecord> ListVersions(std::int64_t id, const ListQuery& query) = 0;
};

class RegistryExtractRepository {
 public:
  virtual ~RegistryExtractRepository() = default;
  virtual std::optional<RegistryExtractRecord> Get(std::int64_t id) = 0;
  // Fields: organization; order: issue_time.
  virtual Page<RegistryExtractRecord> List(const ListQuery& query) = 0;
  virtual std::int64_t Insert(const RegistryExtractRecord& record) = 0;
  // Extracts issued in `year` (for numbering).
  virtual std::int64_t CountIssuedInYear(int year) = 0;
};

class PolicyRepository {
 public:
  virtual ~PolicyRepository() = default;
  virtual std::optional<PolicyRecord> Get(std::int64_t version) = 0;
  // The version in force on `date`: the latest effective_from <= date, the
  // highest version among equals.
  virtual std::optional<PolicyRecord> InForceOn(const Date& date) = 0;
  // Order: version (descending).
  virtual Page<PolicyRecord> List(const ListQuery& query) = 0;
  virtual std::int64_t Insert(const PolicyRecord& record) = 0;
};

class PlotRepository {
 public:
  virtual ~PlotRepository() = default;
  // With lineage and the joined holder fields.
  virtual std::optional<PlotRecord> Get(std::int64_t id) = 0;
  // The plot (not retired) with this cadastral number, if any.
  virtual std::optional<PlotRecord> FindLiveByCadastralNumber(const std::string& number) = 0;
  // Fields: state, area_m2, power_kw, water_m3_per_day, gas_m3_per_hour,
  // sewage_m3_per_day, permitted_use, site, cadastral_number; order: area_m2,
  // create_time, power_kw. Lineage is not loaded.
  virtual Page<PlotRecord> List(const ListQuery& query) = 0;
  // RESERVED plots whose reservation expired before `now`.
  virtual std::vector<PlotRecord> ListExpiredReservations(TimeMicros now, int limit) = 0;
  // RESERVED plots held for `application_id`.
  virtual std::vector<PlotRecord> ListReservedFor(std::int64_t application_id) = 0;
  virtual std::int64_t Insert(const PlotRecord& record) = 0;
  // Updates every stored column of the row (not lineage).
  virtual void Update(const PlotRecord& record) = 0;
  virtual void AddLineage(std::int64_t predecessor_id, std::int64_t successor_id) = 0;
  // Totals by state, retired plots excluded; index = PlotState.
  virtual std::vector<LandTotals> TotalsByState() = 0;
};

class LeaseRepository {
 public:
  virtual ~LeaseRepository() = default;
  virtual std::optional<LeaseRecord> Get(std::int64_t id) = 0;
  // Fields: state, plot, resident, organization; order: create_time, end_date.
  virtual Page<LeaseRecord> List(const ListQuery& query) = 0;
  // ACTIVE leases whose end date is before `date`.
  virtual std::vector<LeaseRecord> ListEnded(const Date& date, int limit) = 0;
  virtual std::vector<LeaseRecord> ListActiveOfResident(std::int64_t resident_id) = 0;
  virtual std::int64_t Insert(const LeaseRecord& record) = 0;
  virtual void Update(const LeaseRecord& record) = 0;
};

class SupportRepository {
 public:
  virtual ~SupportRepository() = default;
  virtual std::optional<SupportMeasureRecord> GetMeasure(std::int64_t id) = 0;
  // Fields: kind; order: create_time, title. `open_on`: only measures open that day.
  virtual Page<SupportMeasureRecord> ListMeasures(const ListQuery& query, const std::optional<Date>& open_on) = 0;
  virtual std::int64_t InsertMeasure(const SupportMeasureRecord& record) = 0;
  // Updates the catalogue fields (not the committed and disbursed books).
  virtual void UpdateMeasure(const SupportMeasureRecord& record) = 0;
  // Adds `committed_delta` and `disbursed_delta` to the measure's books and the
  // organization's allocation; the database refuses a budget or cap overrun.
  virtual void Book(std::int64_t measure_id, std::int64_t organization_id, std::int64_t committed_delta,
                    std::int64_t disbursed_delta) = 0;
  // What the organization holds of the measure now (committed), kopecks.
  virtual std::int64_t CommittedTo(std::int64_t measure_id, std::int64_t organization_id) = 0;
  // With disbursements.
  virtual std::optional<SupportRequestRecord> GetRequest(std::int64_t id) = 0;
  // Fields: state, measure, resident, organization; order: create_time.
  virtual Page<SupportRequestRecord> ListRequests(const ListQuery& query) = 0;
  // Requests of the organization not yet closed, rejected or withdrawn.
  virtual std::vector<SupportRequestRecord> ListOpenRequestsOf(std::int64_t organization_id) = 0;
  virtual std::int64_t InsertRequest(const SupportRequestRecord& record) = 0;
  virtual void UpdateRequest(const SupportRequestRecord& record) = 0;
  virtual void AddDisbursement(std::int64_t request_id, const DisbursementRecord& disbursement,
                               TimeMicros create_time) = 0;
  // Requests of the measure by state; index = SupportRequestState.
  virtual std::vector<std::int64_t> CountRequestsByState(std::int64_t measure_id) = 0;
};

class ServiceDeskRepository {
 public:
  virtual ~ServiceDeskRepository() = default;
  virtual std::optional<ServiceTypeRecord> GetType(std::int64_t id) = 0;
  // Fields: category; order: create_time.
  virtual Page<ServiceTypeRecord> ListTypes(const ListQuery& query) = 0;
  virtual std::int64_t InsertType(const ServiceTypeRecord& record) = 0;
  virtual void UpdateType(const ServiceTypeRecord& record) = 0;
  virtual std::optional<ServiceRequestRecord> GetRequest(std::int64_t id) = 0;
  // Fields: state, service_type, organization, assignee; order: due_time,
  // create_time. `overdue_at`: only requests open (not paused) and due before it.
  virtual Page<ServiceRequestRecord> ListRequests(const ListQuery& query,
                                                  const std::optional<TimeMicros>& overdue_at) = 0;
  virtual std::int64_t InsertRequest(const ServiceRequestRecord& record) = 0;
  virtual void UpdateRequest(const ServiceRequestRecord& record) = 0;
  virtual std::int64_t AddMessage(const ServiceMessageRecord& message) = 0;
  // Order: id (oldest first).
  virtual Page<ServiceMessageRecord> ListMessages(std::int64_t request_id, const ListQuery& query) = 0;
  virtual ServiceDeskTotals Totals(TimeMicros now) = 0;
};

class ReportRepository {
 public:
  virtual ~ReportRepository() = default;
  virtual std::optional<ReportRecord> Get(std::int64_t id) = 0;
  // Fields: resident, organization, year, quarter, state; order: create_time, period.
  virtual Page<ReportRecord> List(const ListQuery& query) = 0;
  // The quarter's version in progress (draft, submitted or returned), if any.
  virtual std::optional<ReportRecord> FindInProgress(std::int64_t resident_id, int year, int quarter) = 0;
  // The highest version of the quarter, 0 when none.
  virtual int MaxVersion(std::int64_t resident_id, int year, int quarter) = 0;
  virtual std::int64_t Insert(const ReportRecord& record) = 0;
  virtual void Update(const ReportRecord& record) = 0;
  // From the current (highest accepted) version of each quarter up to and
  // including `year`/`quarter`.
  virtual AcceptedFigures Accepted(std::int64_t resident_id, int year, int quarter) = 0;
  // Quarters up to `last_period` (inclusive) without a filed report, of every
  // resident not terminated, from its registration quarter: one page in
  // (period, resident) order, sorted by "period" (the cursor's sort value is
  // the period, its id the resident's).
  virtual Page<OverdueQuarterRow> ListOverdue(const ListQuery& query, int last_period) = 0;
  // Zone aggregates: residents registered and quarters ended by `as_of`.
  virtual ZoneTotals Totals(const Date& as_of) = 0;
};

class ApiKeyRepository {
 public:
  virtual ~ApiKeyRepository() = default;
  virtual std::optional<ApiKeyRecord> Get(std::int64_t id) = 0;
  virtual std::optional<ApiKeyRecord> FindByHash(const std::string& key_hash) = 0;
  // Order: create_time (descending).
  virtual Page<ApiKeyRecord> List(const ListQuery& query) = 0;
  virtual std::int64_t Insert(const ApiKeyRecord& record) = 0;
  virtual void SetRevoked(std::int64_t id, TimeMicros when) = 0;
  virtual std::int64_t Count() = 0;
  // Keys whose key_prefix is `prefix`, neither revoked nor expired at `now`.
  virtual int CountLiveWithPrefix(const std::string& prefix, TimeMicros now) = 0;
};

// The audit log, the event log and the idempotency records.
class JournalRepository {
 public:
  virtual ~JournalRepository() = default;
  virtual std::int64_t AppendAudit(const AuditRecord& record) = 0;
  virtual std::int64_t AppendEvent(const EventRecord& record) = 0;
  // Fields: actor, action, resource, sequence; order: sequence.
  virtual Page<AuditRecord> ListAudit(const ListQuery& query) = 0;
  // Events after `sequence`, oldest first; `organization_id` > 0 keeps that
  // organization's only; non-empty `collections` keeps resources of those.
  virtual std::vector<EventRecord> EventsAfter(std::int64_t sequence, std::int64_t organization_id,
                                               const std::vector<std::string>& collections, int limit) = 0;
  virtual std::int64_t LastEventSequence() = 0;
  // The audit chain's head: the last record's sequence and hash (0 and "" when empty).
  virtual std::pair<std::int64_t, std::string> AuditHead() = 0;
  virtual std::optional<IdempotencyRecord> FindRequest(const std::string& principal, const std::string& request_id) = 0;
  virtual void SaveRequest(const IdempotencyRecord& record) = 0;
};

// Document bytes, kept per organization, one blob per distinct content. An
// upload streams into a staging blob chunk by chunk (each chunk its own small
// unit of work, so a large upload never holds the writer); the unit of work
// that records the document seals it, or drops it for an identical sealed blob
// the organization already has. Staging blobs are never referenced: an
// abandoned upload's are discarded, and at start-up all that remain are.
// The interface is storage-neutral (ids, sequence numbers and byte strings).
class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // A new empty staging blob of the organization; returns its id.
  virtual std::int64_t BeginStaging(std::int64_t organization_id, TimeMicros now) = 0;
  // Appends chunk `index` (0, 1, ... in order) to a staging blob and adds its
  // size to the blob's. False when the blob is not staging (discarded).
  virtual bool AppendChunk(std::int64_t blob_id, std::int64_t index, std::string_view bytes) = 0;
  virtual std::optional<BlobRecord> Get(std::int64_t blob_id) = 0;
  // The organization's sealed blob with this content, if any.
  virtual std::optional<BlobRecord> FindSealed(std::int64_t organization_id, const std::string& sha256) = 0;
  // Seals a staging blob as content `sha256` of type `content_type`.
  virtual void Seal(std::int64_t blob_id, const std::string& sha256, const std::string& content_type) = 0;
  // Deletes a staging blob and its chunks; false when there was none (absent or sealed).
  virtual bool DiscardStaging(std::int64_t blob_id) = 0;
  // Deletes every staging blob (start-up: uploads cut short by a crash);
  // returns how many.
  virtual std::int64_t DiscardAllStaging() = 0;
  // Chunk `index` of a blob; nullopt past its end.
  virtual std::optional<std::string> ReadChunk(std::int64_t blob_id, std::int64_t index) = 0;
  // Bytes the organization's blobs take, sealed and staging (its quota use).
  virtual std::int64_t BytesUsed(std::int64_t organization_id) = 0;
  // Deletes a sealed blob and its chunks when no document version refers to it.
  virtual void DeleteIfUnreferenced(std::int64_t blob_id) = 0;
};

class DocumentRepository {
 public:
  virtual ~DocumentRepository() = default;
  virtual std::optional<DocumentRecord> Get(std::int64_t id) = 0;
  // A parent's documents. Fields: kind, id; order: id.
  virtual Page<DocumentRecord> List(const DocumentParent& parent, const ListQuery& query) = 0;
  // Inserts the document and its first version (record.current); returns the id.
  virtual std::int64_t Insert(const DocumentRecord& record) = 0;
  // Adds a version and makes it the document's current one.
  virtual void AddVersion(const DocumentVersionRecord& version) = 0;
  virtual std::optional<DocumentVersionRecord> GetVersion(std::int64_t document_id, std::int32_t version) = 0;
  // Order: version.
  virtual Page<DocumentVersionRecord> ListVersions(std::int64_t document_id, const ListQuery& query) = 0;
  // Deletes the document and its versions; returns the blobs they referred to.
  virtual std::vector<std::int64_t> Delete(std::int64_t id) = 0;
  // The ids of a parent's documents.
  virtual std::vector<std::int64_t> IdsOf(const DocumentParent& parent) = 0;
  // The kinds among a parent's documents.
  virtual std::vector<DocumentKind> KindsOf(const DocumentParent& parent) = 0;
};

}  // namespace biopolis
