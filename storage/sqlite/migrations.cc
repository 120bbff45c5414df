#include "storage/sqlite/migrations.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <string>
#include <vector>

#include "storage/repositories.h"

namespace biopolis {
namespace {

// Never edit a migration that has shipped; add a new one.
const std::vector<std::string>& Migrations() {
  static const std::vector<std::string> kMigrations = {
      // 1: the foundation: organizations, policy, applications, registry,
      // keys, audit, events, idempotency.
      R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value BLOB NOT NULL
) STRICT;

CREATE TABLE organizations (
  id             INTEGER PRIMARY KEY,
  kind           INTEGER NOT NULL CHECK (kind IN (1, 2)),
  inn            TEXT NOT NULL UNIQUE CHECK (length(inn) IN (10, 12)),
  ogrn           TEXT NOT NULL UNIQUE CHECK (length(ogrn) IN (13, 15)),
  kpp            TEXT NOT NULL,
  full_name      TEXT NOT NULL CHECK (full_name <> ''),
  short_name     TEXT NOT NULL,
  legal_address  TEXT NOT NULL,
  contact_person TEXT NOT NULL,
  contact_email  TEXT NOT NULL,
  contact_phone  TEXT NOT NULL,
  create_time    INTEGER NOT NULL,
  update_time    INTEGER NOT NULL,
  version        INTEGER NOT NULL CHECK (version > 0),
  CHECK ((kind = 1 AND length(inn) = 10 AND length(ogrn) = 13 AND length(kpp) = 9) OR
         (kind = 2 AND length(inn) = 12 AND length(ogrn) = 15 AND kpp = ''))
) STRICT;
CREATE INDEX organizations_by_create_time ON organizations (create_time, id);
CREATE INDEX organizations_by_full_name ON organizations (full_name, id);

CREATE TABLE policies (
  version                   INTEGER PRIMARY KEY,
  effective_from            TEXT NOT NULL,
  min_investment_kopecks    INTEGER NOT NULL CHECK (min_investment_kopecks >= 0),
  min_investment_3y_kopecks INTEGER NOT NULL CHECK (min_investment_3y_kopecks >= 0),
  allowed_okved_prefixes    TEXT NOT NULL,
  info_request_days         INTEGER NOT NULL CHECK (info_request_days BETWEEN 1 AND 365),
  description               TEXT NOT NULL,
  create_time               INTEGER NOT NULL
) STRICT;
CREATE INDEX policies_by_effective_from ON policies (effective_from, version);

CREATE TABLE applications (
  id                            INTEGER PRIMARY KEY,
  organization_id               INTEGER NOT NULL REFERENCES organizations (id),
  state                         INTEGER NOT NULL CHECK (state BETWEEN 1 AND 10),
  project_name                  TEXT NOT NULL,
  project_description           TEXT NOT NULL,
  okved_codes                   TEXT NOT NULL,
  planned_investment_kopecks    INTEGER NOT NULL CHECK (planned_investment_kopecks >= 0),
  planned_investment_3y_kopecks INTEGER NOT NULL CHECK (planned_investment_3y_kopecks >= 0),
  planned_jobs                  INTEGER NOT NULL CHECK (planned_jobs >= 0),
  requested_land_area_m2        INTEGER NOT NULL CHECK (requested_land_area_m2 >= 0),
  planned_start_date            TEXT NOT NULL,
  planned_completion_date       TEXT NOT NULL,
  policy_version                INTEGER REFERENCES policies (version),
  info_request_text             TEXT NOT NULL,
  info_request_deadline         INTEGER NOT NULL,
  info_response_text            TEXT NOT NULL,
  expert_opinion                INTEGER NOT NULL CHECK (expert_opinion BETWEEN 0 AND 2),
  expert_opinion_summary        TEXT NOT NULL,
  approval_comment              TEXT NOT NULL,
  rejection_ground              INTEGER NOT NULL CHECK (rejection_ground BETWEEN 0 AND 5),
  rejection_explanation         TEXT NOT NULL,
  withdrawal_reason             TEXT NOT NULL,
  resident_id                   INTEGER REFERENCES residents (id),
  submit_time                   INTEGER NOT NULL,
  create_time                   INTEGER NOT NULL,
  update_time                   INTEGER NOT NULL,
  version                       INTEGER NOT NULL CHECK (version > 0),
  -- a submitted application has been checked under a policy version
  CHECK (state IN (1, 8) OR policy_version IS NOT NULL),
  CHECK ((state = 10) = (resident_id IS NOT NULL))
) STRICT;
-- One live application (DRAFT..APPROVED) per organization.
CREATE UNIQUE INDEX applications_one_live_per_organization
  ON applications (organization_id) WHERE state BETWEEN 1 AND 6;
CREATE INDEX applications_by_create_time ON applications (create_time, id);
CREATE INDEX applications_by_update_time ON applications (update_time, id);
CREATE INDEX applications_by_state ON applications (state, create_time, id);
CREATE INDEX applications_by_organization ON applications (organization_id, create_time, id);
CREATE INDEX applications_by_investment ON applications (planned_investment_kopecks, id);
CREATE INDEX applications_by_jobs ON applications (planned_jobs, id);
CREATE INDEX applications_info_deadline ON applications (info_request_deadline) WHERE state = 4;

CREATE TABLE residents (
  id                      INTEGER PRIMARY KEY,
  organization_id         INTEGER NOT NULL REFERENCES organizations (id),
  application_id          INTEGER NOT NULL UNIQUE REFERENCES applications (id),
  registry_number         TEXT NOT NULL UNIQUE,
  registration_year       INTEGER NOT NULL,
  agreement_number        TEXT NOT NULL CHECK (agreement_number <> ''),
  agreement_date          TEXT NOT NULL,
  registration_date       TEXT NOT NULL,
  state                   INTEGER NOT NULL CHECK (state BETWEEN 1 AND 3),
  violation_description   TEXT NOT NULL,
  violation_cure_by       TEXT NOT NULL,
  violation_issue_time    INTEGER NOT NULL,
  violation_cure_time     INTEGER NOT NULL,
  violation_cure_note     TEXT NOT NULL,
  termination_ground      INTEGER NOT NULL CHECK (termination_ground BETWEEN 0 AND 4),
  termination_date        TEXT NOT NULL,
  termination_explanation TEXT NOT NULL,
  create_time             INTEGER NOT NULL,
  update_time             INTEGER NOT NULL,
  version                 INTEGER NOT NULL CHECK (version > 0),
  CHECK ((state = 3) = (termination_ground <> 0))
) STRICT;
-- An organization holds at most one registry entry that is not terminated.
CREATE UNIQUE INDEX residents_one_current_per_organization
  ON residents (organization_id) WHERE state <> 3;
CREATE INDEX residents_by_state ON residents (state, registry_number, id);
CREATE INDEX residents_by_create_time ON residents (create_time, id);
CREATE INDEX residents_by_year ON residents (registration_year);

CREATE TABLE commitments (
  resident_id        INTEGER NOT NULL REFERENCES residents (id),
  due_date           TEXT NOT NULL,
  investment_kopecks INTEGER NOT NULL CHECK (investment_kopecks >= 0),
  jobs               INTEGER NOT NULL CHECK (jobs >= 0),
  PRIMARY KEY (resident_id, due_date)
) STRICT, WITHOUT ROWID;

CREATE TABLE api_keys (
  id              INTEGER PRIMARY KEY,
  display_name    TEXT NOT NULL CHECK (display_name <> ''),
  role            INTEGER NOT NULL CHECK (role BETWEEN 1 AND 4),
  organization_id INTEGER REFERENCES organizations (id),
  key_hash        TEXT NOT NULL UNIQUE,
  key_prefix      TEXT NOT NULL,
  expire_time     INTEGER NOT NULL,
  create_time     INTEGER NOT NULL,
  revoke_time     INTEGER NOT NULL,
  CHECK ((role = 3) = (organization_id IS NOT NULL))
) STRICT;
CREATE INDEX api_keys_by_create_time ON api_keys (create_time, id);

CREATE TABLE audit_log (
  sequence    INTEGER PRIMARY KEY AUTOINCREMENT,
  actor       TEXT NOT NULL,
  actor_role  INTEGER NOT NULL,
  action      TEXT NOT NULL,
  resource    TEXT NOT NULL,
  request_id  TEXT NOT NULL,
  summary     TEXT NOT NULL,
  create_time INTEGER NOT NULL
) STRICT;
CREATE INDEX audit_by_resource ON audit_log (resource, sequence);
CREATE INDEX audit_by_actor ON audit_log (actor, sequence);
CREATE INDEX audit_by_action ON audit_log (action, sequence);

CREATE TABLE events (
  sequence        INTEGER PRIMARY KEY AUTOINCREMENT,
  type            TEXT NOT NULL,
  resource        TEXT NOT NULL,
  organization_id INTEGER NOT NULL,
  summary         TEXT NOT NULL,
  create_time     INTEGER NOT NULL
) STRICT;

CREATE TABLE idempotency (
  principal   TEXT NOT NULL,
  request_id  TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  response    BLOB NOT NULL,
  create_time INTEGER NOT NULL,
  PRIMARY KEY (principal, request_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX idempotency_by_time ON idempotency (create_time);

-- The audit log is append-only.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
)sql",
      // 2: land plots, reservations and leases; reservation length in the policy;
      // the plots an application asks for.
      R"sql(
ALTER TABLE policies ADD COLUMN reservation_days INTEGER NOT NULL DEFAULT 90
  CHECK (reservation_days BETWEEN 1 AND 730);
ALTER TABLE applications ADD COLUMN requested_plots TEXT NOT NULL DEFAULT '';

CREATE TABLE plots (
  id                      INTEGER PRIMARY KEY,
  cadastral_number        TEXT NOT NULL,
  site                    TEXT NOT NULL CHECK (site <> ''),
  area_m2                 INTEGER NOT NULL CHECK (area_m2 > 0),
  permitted_use           INTEGER NOT NULL CHECK (permitted_use BETWEEN 1 AND 5),
  power_kw                INTEGER NOT NULL CHECK (power_kw >= 0),
  water_m3_per_day        INTEGER NOT NULL CHECK (water_m3_per_day >= 0),
  gas_m3_per_hour         INTEGER NOT NULL CHECK (gas_m3_per_hour >= 0),
  sewage_m3_per_day       INTEGER NOT NULL CHECK (sewage_m3_per_day >= 0),
  has_location            INTEGER NOT NULL CHECK (has_location IN (0, 1)),
  latitude                REAL NOT NULL,
  longitude               REAL NOT NULL,
  notes                   TEXT NOT NULL,
  state                   INTEGER NOT NULL CHECK (state BETWEEN 1 AND 5),
  block_reason            TEXT NOT NULL,
  reserved_application_id INTEGER REFERENCES applications (id),
  reserve_time            INTEGER NOT NULL,
  reservation_expire_time INTEGER NOT NULL,
  create_time             INTEGER NOT NULL,
  update_time             INTEGER NOT NULL,
  version                 INTEGER NOT NULL CHECK (version > 0),
  -- Reserved exactly when held for an application: one plot, one holder.
  CHECK ((state = 2) = (reserved_application_id IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX plots_cadastral_number_live ON plots (cadastral_number) WHERE state <> 5;
CREATE INDEX plots_by_state_area ON plots (state, area_m2, id);
CREATE INDEX plots_by_area ON plots (area_m2, id);
CREATE INDEX plots_by_state_power ON plots (state, power_kw, id);
CREATE INDEX plots_by_power ON plots (power_kw, id);
CREATE INDEX plots_by_state_create_time ON plots (state, create_time, id);
CREATE INDEX plots_by_create_time ON plots (create_time, id);
CREATE INDEX plots_reservation_expiry ON plots (reservation_expire_time) WHERE state = 2;
CREATE INDEX plots_by_reserved_application ON plots (reserved_application_id) WHERE state = 2;

CREATE TABLE plot_lineage (
  predecessor_id INTEGER NOT NULL REFERENCES plots (id),
  successor_id   INTEGER NOT NULL REFERENCES plots (id),
  PRIMARY KEY (predecessor_id, successor_id),
  CHECK (predecessor_id <> successor_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX plot_lineage_by_successor ON plot_lineage (successor_id, predecessor_id);

CREATE TABLE leases (
  id                  INTEGER PRIMARY KEY,
  plot_id             INTEGER NOT NULL REFERENCES plots (id),
  resident_id         INTEGER NOT NULL REFERENCES residents (id),
  organization_id     INTEGER NOT NULL REFERENCES organizations (id),
  start_date          TEXT NOT NULL,
  end_date            TEXT NOT NULL,
  annual_rent_kopecks INTEGER NOT NULL CHECK (annual_rent_kopecks >= 0),
  agreement_number    TEXT NOT NULL,
  state               INTEGER NOT NULL CHECK (state BETWEEN 1 AND 3),
  termination_reason  TEXT NOT NULL,
  end_of_use_date     TEXT NOT NULL,
  create_time         INTEGER NOT NULL,
  update_time         INTEGER NOT NULL,
  version             INTEGER NOT NULL CHECK (version > 0),
  CHECK (end_date > start_date)
) STRICT;
-- One active lease per plot, whatever the rules do.
CREATE UNIQUE INDEX leases_one_active_per_plot ON leases (plot_id) WHERE state = 1;
CREATE INDEX leases_by_create_time ON leases (create_time, id);
CREATE INDEX leases_by_end_date ON leases (end_date, id);
CREATE INDEX leases_by_resident ON leases (resident_id, create_time, id);
CREATE INDEX leases_by_organization ON leases (organization_id, create_time, id);
CREATE INDEX leases_active_by_end_date ON leases (end_date) WHERE state = 1;
)sql",
      // 3: support measures and requests; the one-stop shop.
      R"sql(
CREATE TABLE support_measures (
  id                          INTEGER PRIMARY KEY,
  kind                        INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 7),
  title                       TEXT NOT NULL CHECK (title <> ''),
  description                 TEXT NOT NULL,
  legal_basis                 TEXT NOT NULL,
  require_active_status       INTEGER NOT NULL CHECK (require_active_status IN (0, 1)),
  min_investment_made_kopecks INTEGER NOT NULL CHECK (min_investment_made_kopecks >= 0),
  okved_prefixes              TEXT NOT NULL,
  require_no_open_violation   INTEGER NOT NULL CHECK (require_no_open_violation IN (0, 1)),
  open_from                   TEXT NOT NULL,
  open_until                  TEXT NOT NULL,
  total_budget_kopecks        INTEGER NOT NULL CHECK (total_budget_kopecks >= 0),
  cap_per_resident_kopecks    INTEGER NOT NULL CHECK (cap_per_resident_kopecks >= 0),
  committed_kopecks           INTEGER NOT NULL DEFAULT 0,
  disbursed_kopecks           INTEGER NOT NULL DEFAULT 0,
  create_time                 INTEGER NOT NULL,
  update_time                 INTEGER NOT NULL,
  version                     INTEGER NOT NULL CHECK (version > 0),
  -- The books: never more committed than the budget, never more paid than committed.
  CHECK (committed_kopecks >= 0 AND committed_kopecks <= total_budget_kopecks),
  CHECK (disbursed_kopecks >= 0 AND disbursed_kopecks <= committed_kopecks)
) STRICT;
CREATE INDEX support_measures_by_create_time ON support_measures (create_time, id);
CREATE INDEX support_measures_by_kind ON support_measures (kind, create_time, id);

-- What each organization holds of each measure (committed kopecks).
CREATE TABLE support_allocations (
  measure_id        INTEGER NOT NULL REFERENCES support_measures (id),
  organization_id   INTEGER NOT NULL REFERENCES organizations (id),
  committed_kopecks INTEGER NOT NULL CHECK (committed_kopecks >= 0),
  PRIMARY KEY (measure_id, organization_id)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER support_allocations_cap_insert BEFORE INSERT ON support_allocations
WHEN (SELECT cap_per_resident_kopecks FROM support_measures WHERE id = NEW.measure_id) > 0
 AND NEW.committed_kopecks > (SELECT cap_per_resident_kopecks FROM support_measures WHERE id = NEW.measure_id)
BEGIN SELECT RAISE(ABORT, 'support cap per resident exceeded'); END;
CREATE TRIGGER support_allocations_cap_update BEFORE UPDATE ON support_allocations
WHEN (SELECT cap_per_resident_kopecks FROM support_measures WHERE id = NEW.measure_id) > 0
 AND NEW.committed_kopecks > (SELECT cap_per_resident_kopecks FROM support_measures WHERE id = NEW.measure_id)
BEGIN SELECT RAISE(ABORT, 'support cap per resident exceeded'); END;

CREATE TABLE support_requests (
  id                INTEGER PRIMARY KEY,
  measure_id        INTEGER NOT NULL REFERENCES support_measures (id),
  resident_id       INTEGER NOT NULL REFERENCES residents (id),
  organization_id   INTEGER NOT NULL REFERENCES organizations (id),
  requested_kopecks INTEGER NOT NULL CHECK (requested_kopecks >= 0),
  purpose           TEXT NOT NULL,
  justification     TEXT NOT NULL,
  state             INTEGER NOT NULL CHECK (state BETWEEN 1 AND 9),
  info_request      TEXT NOT NULL,
  info_response     TEXT NOT NULL,
  granted_kopecks   INTEGER NOT NULL CHECK (granted_kopecks >= 0),
  disbursed_kopecks INTEGER NOT NULL CHECK (disbursed_kopecks >= 0),
  decision_reason   TEXT NOT NULL,
  submit_time       INTEGER NOT NULL,
  create_time       INTEGER NOT NULL,
  update_time       INTEGER NOT NULL,
  version           INTEGER NOT NULL CHECK (version > 0),
  CHECK (disbursed_kopecks <= granted_kopecks)
) STRICT;
CREATE INDEX support_requests_by_create_time ON support_requests (create_time, id);
CREATE INDEX support_requests_by_measure ON support_requests (measure_id, state);
CREATE INDEX support_requests_by_organization ON support_requests (organization_id, create_time, id);
CREATE INDEX support_requests_by_state ON support_requests (state, create_time, id);

CREATE TABLE support_disbursements (
  id             INTEGER PRIMARY KEY,
  request_id     INTEGER NOT NULL REFERENCES support_requests (id),
  amount_kopecks INTEGER NOT NULL CHECK (amount_kopecks > 0),
  date           TEXT NOT NULL,
  reference      TEXT NOT NULL,
  create_time    INTEGER NOT NULL
) STRICT;
CREATE INDEX support_disbursements_by_request ON support_disbursements (request_id, id);

CREATE TABLE service_types (
  id               INTEGER PRIMARY KEY,
  title            TEXT NOT NULL CHECK (title <> ''),
  description      TEXT NOT NULL,
  category         INTEGER NOT NULL CHECK (category BETWEEN 1 AND 7),
  responsible_unit TEXT NOT NULL CHECK (responsible_unit <> ''),
  sla_working_days INTEGER NOT NULL CHECK (sla_working_days BETWEEN 1 AND 365),
  inactive         INTEGER NOT NULL CHECK (inactive IN (0, 1)),
  create_time      INTEGER NOT NULL,
  update_time      INTEGER NOT NULL,
  version          INTEGER NOT NULL CHECK (version > 0)
) STRICT;
CREATE INDEX service_types_by_create_time ON service_types (create_time, id);

CREATE TABLE service_requests (
  id                  INTEGER PRIMARY KEY,
  service_type_id     INTEGER NOT NULL REFERENCES service_types (id),
  organization_id     INTEGER NOT NULL REFERENCES organizations (id),
  description         TEXT NOT NULL CHECK (description <> ''),
  state               INTEGER NOT NULL CHECK (state BETWEEN 1 AND 7),
  assignee            TEXT NOT NULL,
  due_time            INTEGER NOT NULL,
  paused_at           INTEGER NOT NULL,
  outcome             TEXT NOT NULL,
  resolve_time        INTEGER NOT NULL,
  resolved_within_sla INTEGER NOT NULL CHECK (resolved_within_sla IN (0, 1)),
  create_time         INTEGER NOT NULL,
  update_time         INTEGER NOT NULL,
  version             INTEGER NOT NULL CHECK (version > 0),
  -- The clock is paused exactly while waiting for the resident.
  CHECK ((state = 3) = (paused_at <> 0))
) STRICT;
CREATE INDEX service_requests_by_due_time ON service_requests (due_time, id);
CREATE INDEX service_requests_by_create_time ON service_requests (create_time, id);
CREATE INDEX service_requests_by_state_due ON service_requests (state, due_time, id);
CREATE INDEX service_requests_by_organization ON service_requests (organization_id, due_time, id);
CREATE INDEX service_requests_by_assignee ON service_requests (assignee, due_time, id);

CREATE TABLE service_messages (
  id            INTEGER PRIMARY KEY,
  request_id    INTEGER NOT NULL REFERENCES service_requests (id),
  author        TEXT NOT NULL,
  from_resident INTEGER NOT NULL CHECK (from_resident IN (0, 1)),
  text          TEXT NOT NULL CHECK (text <> ''),
  create_time   INTEGER NOT NULL
) STRICT;
CREATE INDEX service_messages_by_request ON service_messages (request_id, id);
)sql",
      // 4: periodic reports; report due days and compliance tolerance in the policy.
      R"sql(
ALTER TABLE policies ADD COLUMN report_due_days INTEGER NOT NULL DEFAULT 30
  CHECK (report_due_days BETWEEN 1 AND 365);
ALTER TABLE policies ADD COLUMN compliance_tolerance_percent INTEGER NOT NULL DEFAULT 20
  CHECK (compliance_tolerance_percent BETWEEN 0 AND 100);

CREATE TABLE reports (
  id                        INTEGER PRIMARY KEY,
  resident_id               INTEGER NOT NULL REFERENCES residents (id),
  organization_id           INTEGER NOT NULL REFERENCES organizations (id),
  year                      INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  quarter                   INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  version                   INTEGER NOT NULL CHECK (version >= 1),
  state                     INTEGER NOT NULL CHECK (state BETWEEN 1 AND 4),
  investment_kopecks        INTEGER NOT NULL CHECK (investment_kopecks >= 0),
  capex_kopecks             INTEGER NOT NULL CHECK (capex_kopecks >= 0),
  jobs_at_period_end        INTEGER NOT NULL CHECK (jobs_at_period_end >= 0),
  revenue_kopecks           INTEGER NOT NULL CHECK (revenue_kopecks >= 0),
  taxes_paid_kopecks        INTEGER NOT NULL CHECK (taxes_paid_kopecks >= 0),
  tax_benefits_used_kopecks INTEGER NOT NULL CHECK (tax_benefits_used_kopecks >= 0),
  return_comment            TEXT NOT NULL,
  corrects_id               INTEGER REFERENCES reports (id),
  submit_time               INTEGER NOT NULL,
  accept_time               INTEGER NOT NULL,
  create_time               INTEGER NOT NULL,
  update_time               INTEGER NOT NULL,
  row_version               INTEGER NOT NULL CHECK (row_version > 0),
  period                    INTEGER GENERATED ALWAYS AS (year * 4 + quarter - 1) STORED,
  CHECK (capex_kopecks <= investment_kopecks),
  UNIQUE (resident_id, year, quarter, version)
) STRICT;
-- At most one version of a quarter in progress.
CREATE UNIQUE INDEX reports_one_in_progress ON reports (resident_id, year, quarter) WHERE state <> 3;
CREATE INDEX reports_accepted ON reports (resident_id, state, period, version);
CREATE INDEX reports_by_create_time ON reports (create_time, id);
CREATE INDEX reports_by_period ON reports (period, id);
CREATE INDEX reports_by_state ON reports (state, create_time, id);
CREATE INDEX events_by_organization ON events (organization_id, sequence);
-- Accepted versions never change.
CREATE TRIGGER reports_accepted_immutable BEFORE UPDATE ON reports WHEN OLD.state = 3
BEGIN SELECT RAISE(ABORT, 'an accepted report never changes'); END;
)sql",
      // 5: the audit log becomes a hash chain. Hashes are written once (the
      // server fills those of older records at start); nothing else changes.
      R"sql(
ALTER TABLE audit_log ADD COLUMN previous_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN OLD.hash <> '' OR NEW.sequence <> OLD.sequence OR NEW.actor <> OLD.actor OR NEW.actor_role <> OLD.actor_role
  OR NEW.action <> OLD.action OR NEW.resource <> OLD.resource OR NEW.request_id <> OLD.request_id
  OR NEW.summary <> OLD.summary OR NEW.create_time <> OLD.create_time
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
)sql",
      // 6: indexes that let a resident's own lists (narrowed by organization)
      // and the selective filters read a page in list order instead of scanning
      // the table in that order or sorting every match (the plan test walks
      // every List filter at its default order).
      R"sql(
CREATE INDEX reports_by_organization ON reports (organization_id, create_time, id);
CREATE INDEX reports_by_resident ON reports (resident_id, create_time, id);
CREATE INDEX residents_by_organization ON residents (organization_id, registry_number, id);
CREATE INDEX leases_by_plot ON leases (plot_id, create_time, id);
CREATE INDEX support_requests_by_resident ON support_requests (resident_id, create_time, id);
CREATE INDEX support_requests_by_measure_time ON support_requests (measure_id, create_time, id);
CREATE INDEX service_requests_by_type ON service_requests (service_type_id, due_time, id);
CREATE INDEX plots_by_cadastral_number ON plots (cadastral_number, id);
)sql",
      // 7: the one List order without an index (support measures by title):
      // the page after a cursor seeks instead of sorting the whole catalogue
      // (the plan test walks every order of every List with a cursor).
      R"sql(
CREATE INDEX support_measures_by_title ON support_measures (title, id);
)sql",
      // 8: documents. Bytes live in blobs (one per distinct content per
      // organization) cut into chunk rows of at most 1 MiB, so neither an
      // upload nor a download ever holds a whole file; a blob is staging
      // (sealed = 0) while its upload streams in and is never referenced then.
      // Chunks are a rowid table: WITHOUT ROWID suits small rows only.
      R"sql(
CREATE TABLE blobs (
  id INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL,
  sealed INTEGER NOT NULL DEFAULT 0,
  sha256 TEXT NOT NULL DEFAULT '',
  size_bytes INTEGER NOT NULL DEFAULT 0,
  chunk_count INTEGER NOT NULL DEFAULT 0,
  content_type TEXT NOT NULL DEFAULT '',
  create_time INTEGER NOT NULL
);
CREATE UNIQUE INDEX blobs_by_content ON blobs (organization_id, sha256) WHERE sealed = 1;
CREATE INDEX blobs_staging ON blobs (id) WHERE sealed = 0;
CREATE INDEX blobs_by_organization ON blobs (organization_id);
CREATE TABLE blob_chunks (
  id INTEGER PRIMARY KEY,
  blob_id INTEGER NOT NULL,
  chunk_index INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE UNIQUE INDEX blob_chunks_by_blob ON blob_chunks (blob_id, chunk_index);
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  parent_type INTEGER NOT NULL,
  parent_id INTEGER NOT NULL,
  organization_id INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  current_version INTEGER NOT NULL,
  create_time INTEGER NOT NULL
);
CREATE INDEX documents_by_parent ON documents (parent_type, parent_id, id);
CREATE TABLE document_versions (
  document_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  blob_id INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  PRIMARY KEY (document_id, version)
);
CREATE INDEX document_versions_by_blob ON document_versions (blob_id);
ALTER TABLE policies ADD COLUMN required_application_documents TEXT NOT NULL DEFAULT '';
ALTER TABLE support_measures ADD COLUMN required_documents TEXT NOT NULL DEFAULT '';
)sql",
      // 9: the registry's history. Every change to a registry entry or an
      // organization appends a version: its content, the time it took effect
      // (a termination takes effect on its date) and the time it was
      // recorded; versions are never changed. Existing rows become their first
      // versions: an organization's current row from its creation (earlier
      // names are not known to the database); a registry entry's state at
      // registration (ACTIVE, no notice: every entry starts so) from its
      // creation and, when it changed since, its current row from the time
      // that change took effect (the termination date, the last notice's
      // issue or cure time: the times the audit log recorded).
      R"sql(
CREATE TABLE organization_versions (
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  version         INTEGER NOT NULL,
  effective_time  INTEGER NOT NULL,
  record_time     INTEGER NOT NULL,
  kind            INTEGER NOT NULL,
  inn             TEXT NOT NULL,
  ogrn            TEXT NOT NULL,
  kpp             TEXT NOT NULL,
  full_name       TEXT NOT NULL,
  short_name      TEXT NOT NULL,
  legal_address   TEXT NOT NULL,
  contact_person  TEXT NOT NULL,
  contact_email   TEXT NOT NULL,
  contact_phone   TEXT NOT NULL,
  create_time     INTEGER NOT NULL,
  update_time     INTEGER NOT NULL,
  PRIMARY KEY (organization_id, version)
) STRICT;
CREATE INDEX organization_versions_by_effect ON organization_versions (organization_id, effective_time, version);
CREATE TRIGGER organization_versions_no_update BEFORE UPDATE ON organization_versions
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER organization_versions_no_delete BEFORE DELETE ON organization_versions
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;

CREATE TABLE resident_versions (
  resident_id             INTEGER NOT NULL REFERENCES residents (id),
  version                 INTEGER NOT NULL,
  effective_time          INTEGER NOT NULL,
  record_time             INTEGER NOT NULL,
  organization_id         INTEGER NOT NULL,
  application_id          INTEGER NOT NULL,
  registry_number         TEXT NOT NULL,
  agreement_number        TEXT NOT NULL,
  agreement_date          TEXT NOT NULL,
  registration_date       TEXT NOT NULL,
  state                   INTEGER NOT NULL,
  violation_description   TEXT NOT NULL,
  violation_cure_by       TEXT NOT NULL,
  violation_issue_time    INTEGER NOT NULL,
  violation_cure_time     INTEGER NOT NULL,
  violation_cure_note     TEXT NOT NULL,
  termination_ground      INTEGER NOT NULL,
  termination_date        TEXT NOT NULL,
  termination_explanation TEXT NOT NULL,
  create_time             INTEGER NOT NULL,
  update_time             INTEGER NOT NULL,
  PRIMARY KEY (resident_id, version)
) STRICT;
CREATE INDEX resident_versions_by_effect ON resident_versions (resident_id, effective_time, version);
-- The registry as of a date filtered by state: candidates in registry order.
CREATE INDEX resident_versions_by_state ON resident_versions (state, registry_number, resident_id);
CREATE TRIGGER resident_versions_no_update BEFORE UPDATE ON resident_versions
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER resident_versions_no_delete BEFORE DELETE ON resident_versions
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;

INSERT INTO organization_versions
SELECT id, version, create_time, update_time, kind, inn, ogrn, kpp, full_name, short_name, legal_address,
       contact_person, contact_email, contact_phone, create_time, update_time
FROM organizations;

INSERT INTO resident_versions
SELECT id, 1, create_time, create_time, organization_id, application_id, registry_number, agreement_number,
       agreement_date, registration_date, 1, '', '', 0, 0, '', 0, '', '', create_time, create_time
FROM residents WHERE version > 1;

INSERT INTO resident_versions
SELECT id, version,
       CASE WHEN version = 1 THEN create_time
            WHEN state = 3 THEN max((unixepoch(termination_date) - 10800) * 1000000, create_time)
            WHEN state = 2 THEN violation_issue_time
            WHEN violation_cure_time > 0 THEN violation_cure_time
            ELSE update_time END,
       update_time, organization_id, application_id, registry_number, agreement_number, agreement_date,
       registration_date, state, violation_description, violation_cure_by, violation_issue_time,
       violation_cure_time, violation_cure_note, termination_ground, termination_date, termination_explanation,
       create_time, update_time
FROM residents;
)sql",
      // 10: issued registry extracts, with the signed bytes as issued.
      R"sql(
CREATE TABLE registry_extracts (
  id              INTEGER PRIMARY KEY,
  number          TEXT NOT NULL UNIQUE,
  year            INTEGER NOT NULL,
  subject         TEXT NOT NULL,
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  as_of           INTEGER NOT NULL,
  issue_time      INTEGER NOT NULL,
  issued_by       TEXT NOT NULL,
  key_id          TEXT NOT NULL,
  content         BLOB NOT NULL,
  signature       TEXT NOT NULL
) STRICT;
CREATE INDEX registry_extracts_by_year ON registry_extracts (year);
CREATE INDEX registry_extracts_by_time ON registry_extracts (issue_time, id);
CREATE INDEX registry_extracts_by_organization ON registry_extracts (organization_id, issue_time, id);
CREATE TRIGGER registry_extracts_no_update BEFORE UPDATE ON registry_extracts
BEGIN SELECT RAISE(ABORT, 'issued extracts never change'); END;
)sql",
  };
  return kMigrations;
}

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(Migrations().size()); }

void ApplyMigrations(SQLite::Database& db, int target) {
  int current = db.execAndGet("PRAGMA user_version").getInt();
  if (current > LatestSchemaVersion()) {
    throw StorageError(StatusCode::kFailedPrecondition,
                       "database schema version " + std::to_string(current) + " is newer than this server (" +
                           std::to_string(LatestSchemaVersion()) + "); upgrade biopolisd",
                       "SCHEMA_TOO_NEW");
  }
  for (int v = current; v < std::min(target, LatestSchemaVersion()); ++v) {
    SQLite::Transaction tx(db);
    db.exec(Migrations()[static_cast<std::size_t>(v)]);
    db.exec("PRAGMA user_version = " + std::to_string(v + 1));
    tx.commit();
  }
}

}  // namespace biopolis
