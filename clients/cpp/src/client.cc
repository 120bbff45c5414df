#include "biopolis/client.h"

#include "biopolis/biopolis.h"

namespace biopolis::client {

Client::Client(ClientOptions options) : Client(MakeGrpcConnection(options), options) {}

Client::Client(std::shared_ptr<Connection> connection, ClientOptions options)
    : connection_(std::move(connection)),
      organizations_(std::make_unique<Organizations>(connection_, options)),
      applications_(std::make_unique<Applications>(connection_, options)),
      residents_(std::make_unique<Residents>(connection_, options)),
      policies_(std::make_unique<Policies>(connection_, options)),
      api_keys_(std::make_unique<ApiKeys>(connection_, options)),
      backups_(std::make_unique<Backups>(connection_, options)),
      audit_(std::make_unique<Audit>(connection_, options)),
      land_(std::make_unique<Land>(connection_, options)),
      support_(std::make_unique<Support>(connection_, options)),
      service_desk_(std::make_unique<ServiceDesk>(connection_, options)),
      reporting_(std::make_unique<Reporting>(connection_, options)),
      events_(std::make_unique<Events>(connection_, options)),
      documents_(std::make_unique<Documents>(connection_, options)),
      extracts_(std::make_unique<RegistryExtracts>(connection_, options)),
      public_registry_(std::make_unique<PublicRegistry>(connection_, options)),
      signing_keys_(std::make_unique<SigningKeyAdmin>(connection_, options)) {}

Client::~Client() = default;

}  // namespace biopolis::client
