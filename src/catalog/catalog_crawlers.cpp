// Catalog: crawlers, custom classifiers and crawl runs (in the run-record store of
// run_records.hpp, shared with job runs).
#include "catalog/catalog.hpp"
#include "catalog/catalog_store.hpp"
#include "catalog/crawler_json.hpp"
#include "catalog/names.hpp"
#include "catalog/run_records.hpp"
#include "catalog/sqlite_db.hpp"
#include "common/error.hpp"

namespace basin::catalog {

namespace {

using Lock = std::lock_guard<std::recursive_mutex>;

template <typename T, typename FromJson>
T Decode(SqliteDb& db, std::string_view what, std::string_view definition, FromJson from_json) {
  nlohmann::json json = store::ParseDefinition(db, definition, what);
  try {
    return from_json(json);
  } catch (const Error& error) {
    ThrowCorrupt(db.path() + ": the stored definition of " + std::string(what) +
                 " is unreadable: " + error.what());
  }
}

Crawler DecodeCrawler(SqliteDb& db, std::string_view name, std::string_view definition) {
  Crawler crawler = Decode<Crawler>(db, "crawler " + std::string(name), definition,
                                    [](const nlohmann::json& json) { return CrawlerFromJson(json); });
  crawler.name = std::string(name);
  return crawler;
}

Classifier DecodeClassifier(SqliteDb& db, std::string_view name, std::string_view definition) {
  Classifier classifier =
      Decode<Classifier>(db, "classifier " + std::string(name), definition,
                         [](const nlohmann::json& json) { return ClassifierFromJson(json); });
  classifier.name = std::string(name);
  return classifier;
}

Crawl DecodeCrawl(SqliteDb& db, int64_t id, std::string_view definition) {
  Crawl crawl = Decode<Crawl>(db, "crawl " + std::to_string(id), definition,
                              [](const nlohmann::json& json) { return CrawlFromJson(json); });
  crawl.id = id;
  return crawl;
}

[[noreturn]] void ThrowMissing(std::string_view kind, const std::string& name) {
  throw Error(ErrorCode::kNotFound, std::string(kind) + " '" + name + "' does not exist");
}

// Crawlers and classifiers are rows (name, definition) of their own table: `kind` names both
// ("crawler" in "crawlers"). AlreadyExists when the name is taken.
void InsertDefinition(SqliteDb& db, const std::string& kind, const std::string& name,
                      const nlohmann::json& definition) {
  Statement exists = db.Prepare("SELECT 1 FROM " + kind + "s WHERE name = ?");
  exists.Bind(1, name);
  if (exists.Step()) {
    throw Error(ErrorCode::kAlreadyExists, kind + " '" + name + "' already exists");
  }
  db.Prepare("INSERT INTO " + kind + "s (name, definition) VALUES (?, ?)")
      .Bind(1, name)
      .Bind(2, store::EncodeDefinition(definition, kind + " " + name))
      .Run();
}

// A crawler is changed only between runs: Conflict while it runs.
void ThrowIfRunning(const Crawler& crawler, const std::string& action) {
  if (crawler.state == "RUNNING") {
    throw Error(ErrorCode::kConflict,
                "crawler '" + crawler.name + "' is running: " + action + " it when the run ends");
  }
}

// Names normalised and references checked against the store; InvalidInput / NotFound.
Crawler NormalizeCrawler(SqliteDb& db, const Crawler& input) {
  Crawler crawler = input;
  crawler.name = NormalizeName("crawler name", input.name);
  if (crawler.database_name.empty()) {
    ThrowInvalid("crawler " + crawler.name + " needs an output database (--database)");
  }
  crawler.database_name = NormalizeName("database name", input.database_name);
  if (!crawler.table_prefix.empty()) {
    // A prefix is the start of a table name, so it follows the same rule.
    crawler.table_prefix = NormalizeName("table prefix", input.table_prefix);
  }
  CheckText("crawler description", crawler.description);
  if (crawler.targets.s3_targets.empty() && crawler.targets.jdbc_targets.empty()) {
    ThrowInvalid("crawler " + crawler.name + " has no targets: give a lake path or a connection");
  }
  for (auto& target : crawler.targets.s3_targets) {
    if (target.path.empty()) ThrowInvalid("a lake target of crawler " + crawler.name + " has no path");
    if (target.sample_size < 0 || target.sample_size > 249) {
      ThrowInvalid("sample size " + std::to_string(target.sample_size) +
                   " is out of range: use 1 to 249 files per folder, or 0 for all");
    }
    CheckText("target path", target.path);
  }
  for (auto& target : crawler.targets.jdbc_targets) {
    target.connection_name = NormalizeName("connection name", target.connection_name);
    if (target.path.empty()) {
      ThrowInvalid("the database target of crawler " + crawler.name + " on connection " +
                   target.connection_name + " has no include path (such as movies/%)");
    }
    Statement exists = db.Prepare("SELECT 1 FROM connections WHERE name = ?");
    exists.Bind(1, target.connection_name);
    if (!exists.Step()) ThrowMissing("connection", target.connection_name);
  }
  for (auto& name : crawler.classifiers) {
    name = NormalizeName("classifier name", name);
    Statement exists = db.Prepare("SELECT 1 FROM classifiers WHERE name = ?");
    exists.Bind(1, name);
    if (!exists.Step()) ThrowMissing("classifier", name);
  }
  // Glue's rule: a crawl of new folders only never changes or removes what exists.
  if (crawler.recrawl_behavior == RecrawlBehavior::kCrawlNewFoldersOnly &&
      (crawler.schema_change_policy.update_behavior != UpdateBehavior::kLog ||
       crawler.schema_change_policy.delete_behavior != DeleteBehavior::kLog)) {
    ThrowInvalid("a crawler that crawls new folders only must have update behavior LOG and "
                 "delete behavior LOG");
  }
  crawler.state = "READY";
  crawler.last_crawl_id = 0;
  return crawler;
}

// Fills the read-only state fields from the runs.
void AddRunState(SqliteDb& db, int64_t crawler_id, Crawler& crawler) {
  Statement running =
      db.Prepare("SELECT 1 FROM crawls WHERE crawler_id = ? AND state = 'RUNNING' LIMIT 1");
  running.Bind(1, crawler_id);
  crawler.state = running.Step() ? "RUNNING" : "READY";
  Statement last = db.Prepare("SELECT max(id) FROM crawls WHERE crawler_id = ?");
  last.Bind(1, crawler_id);
  crawler.last_crawl_id = last.Step() && !last.IsNull(0) ? last.Int(0) : 0;
}

struct CrawlerRow {
  int64_t id;
  Crawler crawler;
};

CrawlerRow LoadCrawler(SqliteDb& db, const std::string& name) {
  Statement statement = db.Prepare("SELECT id, definition FROM crawlers WHERE name = ?");
  statement.Bind(1, name);
  if (!statement.Step()) ThrowMissing("crawler", name);
  CrawlerRow row{statement.Int(0), DecodeCrawler(db, name, statement.Text(1))};
  AddRunState(db, row.id, row.crawler);
  return row;
}

std::string EncodeCrawl(const Crawl& crawl) {
  return store::EncodeDefinition(ToJson(crawl), "crawl " + std::to_string(crawl.id));
}

}  // namespace

// ---- crawlers ----

void Catalog::CreateCrawler(const Crawler& input) {
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  Crawler crawler = NormalizeCrawler(*db_, input);
  crawler.creation_time = crawler.last_updated = NowMillis();
  crawler.version = 1;
  InsertDefinition(*db_, "crawler", crawler.name, ToJson(crawler));
  transaction.Commit();
}

Crawler Catalog::GetCrawler(std::string_view name) {
  std::string normalized = NormalizeName("crawler name", name);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kRead);
  return LoadCrawler(*db_, normalized).crawler;
}

std::vector<Crawler> Catalog::GetCrawlers() {
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kRead);
  Statement statement = db_->Prepare("SELECT id, name, definition FROM crawlers ORDER BY name");
  std::vector<Crawler> crawlers;
  while (statement.Step()) {
    Crawler crawler = DecodeCrawler(*db_, statement.Text(1), statement.Text(2));
    AddRunState(*db_, statement.Int(0), crawler);
    crawlers.push_back(std::move(crawler));
  }
  return crawlers;
}

void Catalog::UpdateCrawler(std::string_view name, const Crawler& input) {
  std::string normalized = NormalizeName("crawler name", name);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  CrawlerRow row = LoadCrawler(*db_, normalized);
  ThrowIfRunning(row.crawler, "update");
  Crawler crawler = input;
  crawler.name = normalized;
  crawler = NormalizeCrawler(*db_, crawler);
  crawler.creation_time = row.crawler.creation_time;
  crawler.last_updated = NowMillis();
  crawler.version = row.crawler.version + 1;
  db_->Prepare("UPDATE crawlers SET definition = ? WHERE id = ?")
      .Bind(1, store::EncodeDefinition(ToJson(crawler), "crawler " + crawler.name))
      .Bind(2, row.id)
      .Run();
  transaction.Commit();
}

void Catalog::DeleteCrawler(std::string_view name) {
  std::string normalized = NormalizeName("crawler name", name);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  CrawlerRow row = LoadCrawler(*db_, normalized);
  ThrowIfRunning(row.crawler, "delete");
  db_->Prepare("DELETE FROM crawlers WHERE id = ?").Bind(1, row.id).Run();
  transaction.Commit();
}

// ---- classifiers ----

void Catalog::CreateClassifier(const Classifier& input) {
  Classifier classifier = input;
  classifier.name = NormalizeName("classifier name", input.name);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  classifier.creation_time = classifier.last_updated = NowMillis();
  classifier.version = 1;
  InsertDefinition(*db_, "classifier", classifier.name, ToJson(classifier));
  transaction.Commit();
}

Classifier Catalog::GetClassifier(std::string_view name) {
  std::string normalized = NormalizeName("classifier name", name);
  Lock lock(mutex_);
  Statement statement = db_->Prepare("SELECT definition FROM classifiers WHERE name = ?");
  statement.Bind(1, normalized);
  if (!statement.Step()) ThrowMissing("classifier", normalized);
  return DecodeClassifier(*db_, normalized, statement.Text(0));
}

std::vector<Classifier> Catalog::GetClassifiers() {
  Lock lock(mutex_);
  Statement statement = db_->Prepare("SELECT name, definition FROM classifiers ORDER BY name");
  std::vector<Classifier> classifiers;
  while (statement.Step()) {
    classifiers.push_back(DecodeClassifier(*db_, statement.Text(0), statement.Text(1)));
  }
  return classifiers;
}

void Catalog::DeleteClassifier(std::string_view name) {
  std::string normalized = NormalizeName("classifier name", name);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  Statement users = db_->Prepare(
      "SELECT name FROM crawlers WHERE EXISTS (SELECT 1 FROM "
      "json_each(crawlers.definition, '$.Classifiers') WHERE value = ?) ORDER BY name LIMIT 1");
  users.Bind(1, normalized);
  if (users.Step()) {
    throw Error(ErrorCode::kConflict, "classifier '" + normalized + "' is used by crawler " +
                                          std::string(users.Text(0)) +
                                          ": remove it from the crawler first");
  }
  db_->Prepare("DELETE FROM classifiers WHERE name = ?").Bind(1, normalized).Run();
  if (db_->Changes() != 1) ThrowMissing("classifier", normalized);
  transaction.Commit();
}

// ---- crawl runs ----

int64_t Catalog::StartCrawl(std::string_view name, int64_t process_id) {
  std::string normalized = NormalizeName("crawler name", name);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  CrawlerRow row = LoadCrawler(*db_, normalized);
  std::vector<Crawl> orphans;
  for (const auto& running : store::RunsInStates(*db_, store::kCrawlRuns, row.id, {"RUNNING"})) {
    Crawl crawl = DecodeCrawl(*db_, running.id, running.definition);
    if (store::ProcessAlive(crawl.process_id)) {
      throw Error(ErrorCode::kConflict, "crawler '" + normalized + "' is already running (crawl " +
                                            std::to_string(crawl.id) + "): wait for it to end");
    }
    orphans.push_back(std::move(crawl));
  }
  for (Crawl& crawl : orphans) {
    crawl.state = CrawlState::kFailed;
    crawl.completed_on = NowMillis();
    crawl.error_message = "the process running this crawl (pid " +
                          std::to_string(crawl.process_id) + ") ended before it finished";
    store::WriteRun(*db_, store::kCrawlRuns, crawl.id, CrawlStateName(crawl.state),
                    EncodeCrawl(crawl));
  }
  Crawl crawl;
  crawl.crawler_name = normalized;
  crawl.started_on = NowMillis();
  crawl.process_id = process_id;
  crawl.id = store::InsertRun(*db_, store::kCrawlRuns, row.id, "RUNNING");
  store::WriteRun(*db_, store::kCrawlRuns, crawl.id, "RUNNING", EncodeCrawl(crawl));
  transaction.Commit();
  return crawl.id;
}

void Catalog::UpdateCrawl(const Crawl& crawl) {
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kWrite);
  store::RunRow current = store::LoadRun(*db_, store::kCrawlRuns, crawl.id);
  if (current.state != "RUNNING") store::ThrowRunEnded(store::kCrawlRuns, crawl.id, current.state);
  Crawl stored = DecodeCrawl(*db_, crawl.id, current.definition);
  Crawl updated = crawl;
  updated.crawler_name = stored.crawler_name;
  updated.started_on = stored.started_on;
  store::WriteRun(*db_, store::kCrawlRuns, crawl.id, CrawlStateName(updated.state),
                  EncodeCrawl(updated));
  transaction.Commit();
}

Crawl Catalog::GetCrawl(int64_t id) {
  Lock lock(mutex_);
  return DecodeCrawl(*db_, id, store::LoadRun(*db_, store::kCrawlRuns, id).definition);
}

std::vector<Crawl> Catalog::GetCrawls(std::string_view name, int64_t limit) {
  std::string normalized = NormalizeName("crawler name", name);
  Lock lock(mutex_);
  Transaction transaction(*db_, Transaction::Kind::kRead);
  CrawlerRow row = LoadCrawler(*db_, normalized);
  std::vector<Crawl> crawls;
  for (const auto& crawl : store::ListRuns(*db_, store::kCrawlRuns, row.id, limit)) {
    crawls.push_back(DecodeCrawl(*db_, crawl.id, crawl.definition));
  }
  return crawls;
}

}  // namespace basin::catalog
