// TLS on the listener, with certificates generated at test time by openssl.
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>

#include "server_fixture.h"

namespace biopolis::testing {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A CA and a server certificate for localhost / 127.0.0.1, signed by it.
bool MakeCertificates(const std::string& dir) {
  std::string cmd =
      "cd " + dir +
      " && openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=biopolis-test-ca -keyout ca.key -out ca.crt "
      ">/dev/null 2>&1"
      " && openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout server.key -out server.csr >/dev/null 2>&1"
      " && printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\\n' > ext.cnf"
      " && openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile ext.cnf "
      "-out server.crt >/dev/null 2>&1"
      " && openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=other-ca -keyout other.key -out other.crt "
      ">/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

// A client certificate for `cn` in DIR/NAME.crt and NAME.key, signed by the CA `ca` (ca or other).
bool MakeClientCertificate(const std::string& dir, const std::string& name, const std::string& cn,
                           const std::string& ca) {
  std::string cmd = "cd " + dir + " && openssl req -newkey rsa:2048 -nodes -subj /CN=" + cn + " -keyout " + name +
                    ".key -out " + name + ".csr >/dev/null 2>&1 && openssl x509 -req -in " + name + ".csr -CA " + ca +
                    ".crt -CAkey " + ca + ".key -CAcreateserial -days 2 -out " + name + ".crt >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

// A server on a free loopback port with TLS from the test certificates in
// db.dir(), `configure` applied on top, and an administrator key.
struct TlsServer {
  ManualClock clock{kStartTime};
  std::unique_ptr<BiopolisServer> server;
  std::string admin_secret;
  std::string target() const { return "localhost:" + std::to_string(server->port()); }
};

std::unique_ptr<TlsServer> StartTlsServer(const TempDb& db, const std::function<void(ServerOptions&)>& configure) {
  auto out = std::make_unique<TlsServer>();
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.db = db.path();
  options.tls_cert = db.dir() + "/server.crt";
  options.tls_key = db.dir() + "/server.key";
  options.rate_limit_per_second = 0;
  configure(options);
  EXPECT_TRUE(ValidateServerOptions(options).ok()) << ValidateServerOptions(options).ToString();
  auto server = BiopolisServer::Start(options, &out->clock);
  EXPECT_TRUE(server.ok()) << server.status().ToString();
  if (!server.ok()) return nullptr;
  out->server = std::move(*server);
  ApiKeyRecord k;
  k.display_name = "tls admin";
  k.role = Role::kAdmin;
  auto key = out->server->domain().keys.CreateDirect(k, "");
  EXPECT_TRUE(key.ok());
  out->admin_secret = key.ok() ? key->secret : "";
  return out;
}

TEST(TlsTest, TheListenerSpeaksTlsOnlyToClientsThatTrustItsCa) {
  TempDb db;
  ASSERT_TRUE(MakeCertificates(db.dir()));
  auto tls = StartTlsServer(db, [](ServerOptions&) {});
  ASSERT_NE(tls, nullptr);

  client::ClientOptions trusted;
  trusted.target = tls->target();
  trusted.api_key = tls->admin_secret;
  trusted.tls_root_certs = ReadAll(db.dir() + "/ca.crt");
  trusted.deadline = std::chrono::seconds(10);
  trusted.retry.max_attempts = 1;
  auto keys = client::Client(trusted).api_keys().List().All();
  ASSERT_TRUE(keys.ok()) << keys.error().ToString();
  EXPECT_EQ(keys->size(), 1u);

  client::ClientOptions plaintext = trusted;
  plaintext.tls_root_certs.clear();
  EXPECT_EQ(client::Client(plaintext).api_keys().List().All().error().code(), client::StatusCode::UNAVAILABLE);

  client::ClientOptions wrong_ca = trusted;
  wrong_ca.tls_root_certs = ReadAll(db.dir() + "/other.crt");
  EXPECT_EQ(client::Client(wrong_ca).api_keys().List().All().error().code(), client::StatusCode::UNAVAILABLE);
}

TEST(TlsTest, AVerifiedClientCertificateMappedToARoleAuthenticatesWithoutAKey) {
  TempDb db;
  ASSERT_TRUE(MakeCertificates(db.dir()));
  ASSERT_TRUE(MakeClientCertificate(db.dir(), "ministry", "ministry-backoffice", "ca"));
  ASSERT_TRUE(MakeClientCertificate(db.dir(), "stranger", "someone-else", "ca"));
  ASSERT_TRUE(MakeClientCertificate(db.dir(), "impostor", "ministry-backoffice", "other"));
  auto tls = StartTlsServer(db, [&db](ServerOptions& options) {
    options.tls_client_ca = db.dir() + "/ca.crt";
    ASSERT_TRUE(ParseCertificateRoles("ministry-backoffice=officer", options.client_certificate_roles).ok());
  });
  ASSERT_NE(tls, nullptr);

  auto client_with = [&](const std::string& cert, const std::string& api_key) {
    client::ClientOptions o;
    o.target = tls->target();
    o.api_key = api_key;
    o.tls_root_certs = ReadAll(db.dir() + "/ca.crt");
    if (!cert.empty()) {
      o.tls_client_cert = ReadAll(db.dir() + "/" + cert + ".crt");
      o.tls_client_key = ReadAll(db.dir() + "/" + cert + ".key");
    }
    o.deadline = std::chrono::seconds(10);
    o.retry.max_attempts = 1;
    return std::make_unique<client::Client>(o);
  };

  // The ministry's system: an officer by its certificate alone.
  auto ministry = client_with("ministry", "");
  v1::Organization org;
  org.set_inn("4345042753");
  org.set_ogrn("1024317979080");
  org.set_kpp("434501001");
  org.set_full_name("АО «ВБФК»");
  org.set_legal_address("Kirov");
  auto created = ministry->organizations().Create(org);
  ASSERT_TRUE(created.ok()) << created.error().ToString();
  EXPECT_EQ(ministry->api_keys().List().All().error().code(), client::StatusCode::PERMISSION_DENIED);
  auto audit = client_with("", tls->admin_secret)->audit().List().All();
  ASSERT_TRUE(audit.ok()) << audit.error().ToString();
  bool recorded = false;
  for (const auto& r : *audit) recorded = recorded || r.actor() == "certificates/ministry-backoffice";
  EXPECT_TRUE(recorded) << "the audit log names the certificate as the actor";

  // A certificate from the right CA with an unmapped name, and no key.
  auto stranger = client_with("stranger", "")->organizations().Get(created->name());
  EXPECT_EQ(stranger.code(), client::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(stranger.error().message().find("someone-else"), std::string::npos);
  // The mapped name on a certificate from another CA: refused at the handshake.
  EXPECT_EQ(client_with("impostor", "")->organizations().Get(created->name()).code(), client::StatusCode::UNAVAILABLE);
  // Without a certificate: a key still works, nothing else does.
  EXPECT_TRUE(client_with("", tls->admin_secret)->organizations().Get(created->name()).ok());
  EXPECT_EQ(client_with("", "")->organizations().Get(created->name()).code(), client::StatusCode::UNAUTHENTICATED);
}

TEST(TlsTest, CertificateRoleMappingsAreCheckedWhenTheConfigIsRead) {
  std::map<std::string, Role> roles;
  EXPECT_TRUE(ParseCertificateRoles(" ministry-backoffice = officer , audit-chamber=auditor", roles).ok());
  EXPECT_EQ(roles.at("ministry-backoffice"), Role::kOfficer);
  EXPECT_EQ(roles.at("audit-chamber"), Role::kAuditor);
  auto refused = [&roles](const std::string& text) {
    Status st = ParseCertificateRoles(text, roles);
    return st.ok() ? std::string("accepted") : st.field_violations().at(0).description;
  };
  EXPECT_EQ(refused("ministry=resident"), "`ministry=resident`: the role must be admin, officer or auditor");
  EXPECT_EQ(refused("a=officer, ministry"), "`ministry`: expected NAME=ROLE");
  EXPECT_EQ(refused("=officer"), "`=officer`: the certificate name is empty");
  EXPECT_EQ(refused("a=officer,a=auditor"), "`a=auditor`: the name is given twice");
  // In a config file the error names the file and line.
  TempDb db;
  const std::string conf = db.dir() + "/biopolisd.conf";
  std::ofstream(conf) << "listen = 127.0.0.1:0\nclient_certificate_roles = ministry=resident\n";
  ServerOptions from_file;
  Status loaded = LoadConfigFile(conf, from_file);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.field_violations().at(0).description.find(conf + ":2: `ministry=resident`"), std::string::npos)
      << loaded.field_violations().at(0).description;
  ServerOptions o;
  o.tls_client_ca = "/etc/ca.crt";
  EXPECT_EQ(ValidateServerOptions(o).field_violations().at(0).field, "tls_client_ca");
  o.tls_client_ca.clear();
  o.client_certificate_roles = {{"ministry", Role::kOfficer}};
  EXPECT_EQ(ValidateServerOptions(o).field_violations().at(0).field, "client_certificate_roles");
}

TEST(TlsTest, ANonLoopbackAddressNeedsTlsOrInsecure) {
  ServerOptions o;
  o.listen = "0.0.0.0:50051";
  EXPECT_EQ(ValidateServerOptions(o).field_violations().at(0).reason, "INSECURE_LISTEN");
  o.insecure = true;
  EXPECT_TRUE(ValidateServerOptions(o).ok());
  o.demo = true;
  EXPECT_EQ(ValidateServerOptions(o).field_violations().at(0).reason, "INSECURE_DEMO");
  o.demo = false;
  o.insecure = false;
  o.tls_cert = "/etc/x.crt";
  EXPECT_FALSE(ValidateServerOptions(o).ok());  // a certificate without its key
  o.tls_key = "/etc/x.key";
  EXPECT_TRUE(ValidateServerOptions(o).ok());
}

}  // namespace
}  // namespace biopolis::testing
