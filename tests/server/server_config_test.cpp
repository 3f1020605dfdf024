// Configuration: the config file (strict keys, relative paths, secret files), the listen
// address, refusing to start without secrets, development secrets, and `beian serve`.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include "beian/server.h"
#include "pipeline/server/http_lib.h"
#include "tests/server/server_fixture.h"

using namespace beian;
using namespace beian::test;

TEST_CASE("the config file sets options, resolves paths and reads secret files", "[server][config]") {
  TempDir dir;
  write_file(dir / "token.secret", std::string(40, 't') + "\n");
  write_file(dir / "qr.secret", std::string(20, 'q'));
  write_file(dir / "api.key", std::string(24, 'k'));
  write_file(dir / "serve.json", R"({"listen": "127.0.0.1:0", "data_dir": "data", "token_secret_file": "token.secret",
    "qr_secret_file": "qr.secret", "api_key_file": "api.key", "uploads_per_minute": 5, "upload_burst": 2,
    "max_upload_bytes": 2000000, "link_ttl_minutes": 30, "engine_workers": 1})");
  ServerOptions o;
  REQUIRE(load_server_config(dir / "serve.json", o) == "");
  CHECK(o.host == "127.0.0.1");
  CHECK(o.port == 0);
  CHECK(o.data_dir == std::filesystem::absolute(dir / "data"));
  CHECK(o.token_secret == std::string(40, 't'));  // trailing newline removed
  CHECK(o.qr_secret == std::string(20, 'q'));
  CHECK(o.api_key == std::string(24, 'k'));
  CHECK(o.uploads_per_minute == 5);
  CHECK(o.upload_burst == 2);
  CHECK(o.max_upload_bytes == 2000000);
  CHECK(o.link_ttl_minutes == 30);
  CHECK(o.engine.workers == 1);

  // It starts, and the secrets it read are the ones in use (the API key opens the API).
  auto started = UploadServer::start(o);
  INFO(started.error);
  REQUIRE(started.value);
  httplib::Client c("127.0.0.1", started.value->port());
  CHECK(c.Get("/api/orders/X1", {{"Authorization", "Bearer " + std::string(24, 'k')}})->status == 404);
  CHECK(c.Get("/api/orders/X1", {{"Authorization", "Bearer wrong-key-0123456789"}})->status == 401);
  CHECK(std::filesystem::exists(dir / "data" / "beian.db"));
}

TEST_CASE("config mistakes are named", "[server][config]") {
  TempDir dir;
  ServerOptions o;
  write_file(dir / "a.json", R"({"listn": "127.0.0.1:8080"})");
  CHECK(load_server_config(dir / "a.json", o).find("unknown key 'listn'") != std::string::npos);
  write_file(dir / "b.json", R"({"listen": "127.0.0.1:8080", "listen": "127.0.0.1:9090"})");
  CHECK(load_server_config(dir / "b.json", o).find("'listen' is defined twice") != std::string::npos);
  write_file(dir / "c.json", R"({"token_secret_file": "missing.secret"})");
  CHECK(load_server_config(dir / "c.json", o).find("missing.secret") != std::string::npos);
  write_file(dir / "d.json", R"({"threads": "many"})");
  CHECK(load_server_config(dir / "d.json", o).find("'threads'") != std::string::npos);
  CHECK(parse_listen_address("127.0.0.1", o).find("HOST:PORT") != std::string::npos);
  CHECK(parse_listen_address("127.0.0.1:99999", o).find("0-65535") != std::string::npos);
  CHECK(parse_listen_address("127.0.0.1:80x", o) != "");
  CHECK(parse_listen_address("127.0.0.1:8081", o) == "");
  CHECK(o.port == 8081);
}

TEST_CASE("without secrets the service refuses to start, except in development mode", "[server][config]") {
  TempDir dir;
  ServerOptions o;
  o.port = 0;
  o.data_dir = dir / "data";
  auto refused = UploadServer::start(o);
  CHECK_FALSE(refused.value);
  CHECK(refused.error.find("upload-link secret") != std::string::npos);
  o.token_secret = std::string(40, 't');
  o.api_key = std::string(20, 'k');
  auto no_qr = UploadServer::start(o);
  CHECK(no_qr.error.find("QR secret") != std::string::npos);

  ServerOptions dev;
  dev.port = 0;
  dev.data_dir = dir / "dev";
  dev.dev_mode = true;
  std::string token;
  {
    auto started = UploadServer::start(dev);
    INFO(started.error);
    REQUIRE(started.value);
    const auto secrets = nlohmann::json::parse(read_file(dir / "dev" / "dev-secrets.json"));
    struct stat st {};
    REQUIRE(::stat((dir / "dev" / "dev-secrets.json").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    httplib::Client c("127.0.0.1", started.value->port());
    const httplib::Headers key{{"Authorization", "Bearer " + secrets["api_key"].get<std::string>()}};
    auto created = c.Post("/api/orders", key, test_manifest("DEV1").dump(), "application/json");
    REQUIRE(created->status == 201);
    token = nlohmann::json::parse(created->body)["link"]["token"];
  }
  // A restart keeps the generated secrets: links handed out before still work.
  auto again = UploadServer::start(dev);
  REQUIRE(again.value);
  httplib::Client c("127.0.0.1", again.value->port());
  CHECK(c.Get(("/u/" + token + "/status").c_str())->status == 200);
}

TEST_CASE("beian serve explains a missing secret and exits with 2", "[server][config][cli]") {
  TempDir dir;
  const auto r = run_program({cli_path(), "serve", "--listen", "127.0.0.1:0", "--data", (dir / "data").string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("secret") != std::string::npos);
  const auto bad = run_program({cli_path(), "serve", "--listen", "nowhere", "--data", (dir / "data").string()});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("HOST:PORT") != std::string::npos);
}
