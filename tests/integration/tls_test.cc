// TLS on the listener, with certificates generated at test time by openssl.
#include <cstdlib>
#include <fstream>
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

TEST(TlsTest, TheListenerSpeaksTlsOnlyToClientsThatTrustItsCa) {
  TempDb db;
  ASSERT_TRUE(MakeCertificates(db.dir()));
  ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.db = db.path();
  options.tls_cert = db.dir() + "/server.crt";
  options.tls_key = db.dir() + "/server.key";
  options.rate_limit_per_second = 0;
  ManualClock clock(kStartTime);
  auto server = BiopolisServer::Start(options, &clock);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  ApiKeyRecord k;
  k.display_name = "tls admin";
  k.role = Role::kAdmin;
  auto key = (*server)->domain().keys.CreateDirect(k, "");
  ASSERT_TRUE(key.ok());
  const std::string target = "localhost:" + std::to_string((*server)->port());

  client::ClientOptions trusted;
  trusted.target = target;
  trusted.api_key = key->secret;
  trusted.tls_root_certs = ReadAll(db.dir() + "/ca.crt");
  trusted.deadline = std::chrono::seconds(10);
  trusted.retry.max_attempts = 1;
  auto keys = client::Client(trusted).api_keys().List().All();
  ASSERT_TRUE(keys.ok()) << keys.error().ToString();
  EXPECT_EQ(keys->size(), 1u);

  client::ClientOptions plaintext = trusted;
  plaintext.tls_root_certs.clear();
  EXPECT_EQ(client::Client(plaintext).api_keys().List().All().error().code(), grpc::StatusCode::UNAVAILABLE);

  client::ClientOptions wrong_ca = trusted;
  wrong_ca.tls_root_certs = ReadAll(db.dir() + "/other.crt");
  EXPECT_EQ(client::Client(wrong_ca).api_keys().List().All().error().code(), grpc::StatusCode::UNAVAILABLE);
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
