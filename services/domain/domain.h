// The whole gRPC-free domain of the registry, assembled over one Store and
// one Clock. The service layer holds one Domain and delegates to its parts.
// Thread-safety: safe for concurrent use.
#pragma once

#include "services/admin/api_key_manager.h"
#include "services/admin/backups.h"
#include "services/applications/application_workflow.h"
#include "services/audit/audit_log.h"
#include "services/documents/document_library.h"
#include "services/events/event_feed.h"
#include "services/extracts/registry_extracts.h"
#include "services/land/land_registry.h"
#include "services/organizations/organization_registry.h"
#include "services/policy/policy_book.h"
#include "services/reporting/reporting_office.h"
#include "services/reporting/zone_statistics.h"
#include "services/residents/public_registry.h"
#include "services/residents/resident_registry.h"
#include "services/service_desk/one_stop_shop.h"
#include "services/support/support_office.h"

namespace biopolis {

class Domain {
 private:
  // Declared first: the parts below are built from them.
  CommandRunner commands_;
  ListQueryParser lists_;
  DomainEnv env_;

 public:
  Domain(Store& store, const Clock& clock, DocumentLimits document_limits = {})
      : commands_(store, clock),
        lists_(store.ServerSecret()),
        env_{store, commands_, clock, lists_},
        keys(env_),
        organizations(env_),
        applications(env_),
        residents(env_),
        policies(env_),
        audit(env_),
        land(env_),
        support(env_),
        service_desk(env_),
        reporting(env_),
        statistics(env_),
        events(env_),
        backups(env_),
        documents(env_, document_limits),
        extracts(env_),
        public_registry(env_, extracts) {}

  ApiKeyManager keys;
  OrganizationRegistry organizations;
  ApplicationWorkflow applications;
  ResidentRegistry residents;
  PolicyBook policies;
  AuditLog audit;
  LandRegistry land;
  SupportOffice support;
  OneStopShop service_desk;
  ReportingOffice reporting;
  ZoneStatistics statistics;
  EventFeed events;
  Backups backups;
  DocumentLibrary documents;
  RegistryExtracts extracts;
  PublicRegistry public_registry;

  const Clock& clock() const { return env_.clock; }
  Store& store() { return env_.store; }
};

}  // namespace biopolis
