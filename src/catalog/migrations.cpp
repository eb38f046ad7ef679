#include "catalog/migrations.hpp"

#include <string>

#include "catalog/sqlite_db.hpp"
#include "common/error.hpp"

namespace basin::catalog {

namespace {

// Definitions are the Glue-shaped JSON of catalog_json.hpp; the relational columns are only
// what lookups, uniqueness and cascading deletes need. Never edit a migration once released:
// add the next one.
constexpr const char* kMigrations[kCatalogSchemaVersion] = {
    // 1: databases, tables with their versions, partitions.
    R"sql(
CREATE TABLE databases (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  definition TEXT NOT NULL
);
CREATE TABLE tables (
  id INTEGER PRIMARY KEY,
  database_id INTEGER NOT NULL REFERENCES databases(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  UNIQUE (database_id, name)
);
CREATE TABLE table_versions (
  table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  PRIMARY KEY (table_id, version)
) WITHOUT ROWID;
CREATE TABLE partitions (
  table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
  values_key BLOB NOT NULL,
  definition TEXT NOT NULL,
  PRIMARY KEY (table_id, values_key)
) WITHOUT ROWID;
)sql",
    // 2: connections; tables remember their connection (so a connection in use cannot be
    // deleted); an index of table parameters for search, filled from the existing tables.
    R"sql(
CREATE TABLE connections (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  definition TEXT NOT NULL
);
ALTER TABLE tables ADD COLUMN connection_name TEXT;
UPDATE tables SET connection_name = json_extract(definition, '$.ConnectionName')
  WHERE json_extract(definition, '$.ConnectionName') <> '';
CREATE INDEX tables_by_connection ON tables(connection_name)
  WHERE connection_name IS NOT NULL;
CREATE TABLE table_parameters (
  table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (table_id, key)
) WITHOUT ROWID;
CREATE INDEX table_parameters_by_key ON table_parameters(key, value);
INSERT INTO table_parameters (table_id, key, value)
  SELECT tables.id, parameter.key, parameter.value
  FROM tables, json_each(tables.definition, '$.Parameters') AS parameter;
)sql",
    // 3: crawlers, custom classifiers and crawl runs (crawler_types.hpp). A crawl's state is a
    // column so "is this crawler running" is one indexed lookup.
    R"sql(
CREATE TABLE crawlers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  definition TEXT NOT NULL
);
CREATE TABLE classifiers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  definition TEXT NOT NULL
);
CREATE TABLE crawls (
  id INTEGER PRIMARY KEY,
  crawler_id INTEGER NOT NULL REFERENCES crawlers(id) ON DELETE CASCADE,
  state TEXT NOT NULL,
  definition TEXT NOT NULL
);
CREATE INDEX crawls_by_crawler ON crawls(crawler_id, id);
)sql",
    // 4: ETL jobs and job runs (job_types.hpp). A run's state is a column so "how many runs
    // of this job are active" is one indexed lookup.
    R"sql(
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  definition TEXT NOT NULL
);
CREATE TABLE job_runs (
  id INTEGER PRIMARY KEY,
  job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  state TEXT NOT NULL,
  definition TEXT NOT NULL
);
CREATE INDEX job_runs_by_job ON job_runs(job_id, state, id);
)sql",
    // 5: job bookmarks (bookmark_types.hpp): per job and source node, what the job's runs
    // have already read. The state is JSON text only etl/ reads; deleting a job deletes them.
    R"sql(
CREATE TABLE job_bookmarks (
  job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  source_node TEXT NOT NULL,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  updated_on INTEGER NOT NULL,
  PRIMARY KEY (job_id, source_node)
) WITHOUT ROWID;
)sql",
    // 6: publish journal (publish_journal.hpp): a write's final file paths, recorded before
    // it moves them into place and deleted in the transaction that registers them, so the
    // files of a writer killed in between can be found and removed.
    R"sql(
CREATE TABLE publish_journal (
  id INTEGER PRIMARY KEY,
  query_id TEXT NOT NULL,
  pid INTEGER NOT NULL,
  host TEXT NOT NULL,
  location TEXT NOT NULL,
  files TEXT NOT NULL,
  created_on INTEGER NOT NULL
);
)sql",
};

void CheckNotNewer(SqliteDb& db, int64_t version) {
  if (version > kCatalogSchemaVersion) {
    ThrowUnsupported(db.path() + " has catalog schema version " + std::to_string(version) +
                     ", written by a newer Basin; this build knows versions up to " +
                     std::to_string(kCatalogSchemaVersion) + ": upgrade Basin to use it");
  }
  if (version < 0) ThrowCorrupt(db.path() + " has a negative schema version");
}

}  // namespace

void MigrateCatalog(SqliteDb& db) {
  // Fast path for every open but the first: one pragma read, no write lock.
  int64_t version = db.QueryInt("PRAGMA user_version");
  CheckNotNewer(db, version);
  if (version == kCatalogSchemaVersion) return;

  // WAL lets readers (a server, the CLI) run while one process writes. It is a property of the
  // file, so it is set once, here, and cannot be set inside a transaction.
  db.Exec("PRAGMA journal_mode = WAL");
  Transaction transaction(db, Transaction::Kind::kWrite);
  // Another process may have migrated while this one waited for the lock.
  version = db.QueryInt("PRAGMA user_version");
  CheckNotNewer(db, version);
  for (int64_t next = version + 1; next <= kCatalogSchemaVersion; ++next) {
    db.Exec(kMigrations[next - 1]);
  }
  db.Exec("PRAGMA user_version = " + std::to_string(kCatalogSchemaVersion));
  transaction.Commit();
}

}  // namespace basin::catalog
