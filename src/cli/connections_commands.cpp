// basin connections …: the source databases crawlers and jobs read (PostgreSQL, MySQL, SQLite).
// Passwords never pass through here: a connection names an environment variable or a secret
// file that holds it.
#include <iostream>
#include <nlohmann/json.hpp>

#include "catalog/basin_home.hpp"
#include "catalog/catalog.hpp"
#include "catalog/catalog_json.hpp"
#include "connectors/connection_probe.hpp"
#include "cli/commands.hpp"
#include "cli/table_printer.hpp"
#include "common/error.hpp"
#include "types/date_time.hpp"

namespace basin::cli {

namespace {

using nlohmann::json;

struct ConnectionArgs {
  std::string name;
  std::string url;
  std::string user;
  std::string password_env;
  std::string password_file;
  std::string tls;
  std::string description;
  std::vector<std::string> parameters;  // k=v
};

std::string PasswordText(const catalog::PasswordRef& password) {
  switch (password.kind) {
    case catalog::PasswordRef::Kind::kNone: return "";
    case catalog::PasswordRef::Kind::kEnvironment: return "$" + password.value;
    case catalog::PasswordRef::Kind::kFile: return "file " + password.value;
  }
  return "";
}

std::string Time(int64_t millis) {
  if (millis == 0) return "";
  return types::FormatTimestamp((millis / 1000) * types::kMicrosPerSecond);
}

void RunCreate(const ConnectionArgs& args, const GlobalOptions& options) {
  catalog::Connection connection;
  connection.name = args.name;
  connection.url = args.url;
  connection.user = args.user;
  connection.description = args.description;
  if (!args.password_env.empty()) {
    connection.password = {catalog::PasswordRef::Kind::kEnvironment, args.password_env};
  } else if (!args.password_file.empty()) {
    connection.password = {catalog::PasswordRef::Kind::kFile, args.password_file};
  }
  if (!args.tls.empty()) connection.tls_mode = catalog::ParseTlsMode(args.tls);
  for (const auto& pair : args.parameters) {
    size_t eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) {
      ThrowInvalid("parameter '" + pair + "' is not of the form KEY=VALUE");
    }
    connection.parameters[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog->CreateConnection(connection);
  catalog::Connection created = catalog->GetConnection(args.name);
  if (options.json) {
    std::cout << json{{"Connection", catalog::ToJson(created)}}.dump(2) << "\n";
  } else {
    std::cout << "created connection " << created.name << " ("
              << catalog::ConnectionTypeName(created.type) << ")\n";
  }
}

void RunList(const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  auto connections = catalog->GetConnections();
  if (options.json) {
    json list = json::array();
    for (const auto& connection : connections) list.push_back(catalog::ToJson(connection));
    std::cout << json{{"ConnectionList", list}}.dump(2) << "\n";
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& connection : connections) {
    rows.push_back({connection.name, std::string(catalog::ConnectionTypeName(connection.type)),
                    connection.url, connection.user, PasswordText(connection.password),
                    std::string(catalog::TlsModeName(connection.tls_mode))});
  }
  PrintTable(std::cout, {"connection", "type", "url", "user", "password from", "tls"}, rows, 80);
}

void RunShow(const ConnectionArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog::Connection connection = catalog->GetConnection(args.name);
  if (options.json) {
    std::cout << json{{"Connection", catalog::ToJson(connection)}}.dump(2) << "\n";
    return;
  }
  std::vector<std::vector<std::string>> rows = {
      {"connection", connection.name},
      {"type", std::string(catalog::ConnectionTypeName(connection.type))},
      {"url", connection.url},
      {"user", connection.user},
      {"password from", PasswordText(connection.password)},
      {"tls", std::string(catalog::TlsModeName(connection.tls_mode))},
      {"description", connection.description},
      {"created", Time(connection.creation_time)},
      {"updated", Time(connection.last_updated_time)},
  };
  for (const auto& [key, value] : connection.parameters) rows.push_back({key, value});
  PrintTable(std::cout, {"property", "value"}, rows, 200);
}

void RunDelete(const ConnectionArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog->DeleteConnection(args.name);
  if (options.json) {
    std::cout << json{{"DeletedConnection", args.name}}.dump(2) << "\n";
  } else {
    std::cout << "deleted connection " << args.name << "\n";
  }
}

void RunTest(const ConnectionArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog::Connection connection = catalog->GetConnection(args.name);
  catalog::ProbeResult result = connectors::ProbeConnection(connection);
  if (options.json) {
    std::cout << json{{"Connection", connection.name},
                      {"Server", result.server},
                      {"Details", result.details}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << "connection " << connection.name << " works: " << result.server << ", "
              << result.details << "\n";
  }
}

}  // namespace

void AddConnectionsCommands(CLI::App& app, GlobalOptions& options) {
  auto args = std::make_shared<ConnectionArgs>();
  auto* noun = app.add_subcommand("connections", "Connections to source databases");
  noun->require_subcommand(1);

  auto* create = noun->add_subcommand("create", "Create a connection");
  create->add_option("NAME", args->name, "Lower case a-z, 0-9 and _")->required();
  create
      ->add_option("--url", args->url,
                   "jdbc:postgresql://HOST:PORT/DB, jdbc:mysql://HOST:PORT/DB or sqlite:PATH")
      ->required();
  create->add_option("--user", args->user, "The user to connect as");
  auto* env = create->add_option("--password-env", args->password_env,
                                 "Environment variable that holds the password");
  auto* file =
      create->add_option("--password-file", args->password_file, "File that holds the password");
  env->excludes(file);
  file->excludes(env);
  create->add_option("--tls", args->tls, "disable, prefer, require, verify-ca or verify-full");
  create->add_option("--description", args->description, "What it is for");
  create->add_option("--parameter", args->parameters, "KEY=VALUE driver option (repeatable)");
  create->footer(
      "Examples:\n"
      "  basin connections create movies --url jdbc:postgresql://db:5432/movies \\\n"
      "      --user reader --password-env MOVIES_PASSWORD --tls require\n"
      "  basin connections create local --url sqlite:data/movies.db");
  create->callback([args, &options] { RunCreate(*args, options); });

  auto* list = noun->add_subcommand("list", "List the connections");
  list->callback([&options] { RunList(options); });

  auto* show = noun->add_subcommand("show", "Show a connection");
  show->add_option("NAME", args->name, "The connection")->required();
  show->callback([args, &options] { RunShow(*args, options); });

  auto* remove = noun->add_subcommand("delete", "Delete a connection no table uses");
  remove->add_option("NAME", args->name, "The connection")->required();
  remove->callback([args, &options] { RunDelete(*args, options); });

  auto* test = noun->add_subcommand("test", "Reach the source and report its version");
  test->add_option("NAME", args->name, "The connection")->required();
  test->callback([args, &options] { RunTest(*args, options); });
}

}  // namespace basin::cli
