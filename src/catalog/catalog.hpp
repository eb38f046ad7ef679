#pragma once

// The Data Catalog: Basin's single source of truth for what exists in the lake and in the
// source databases — databases, tables (with a version history), partitions and connections —
// never the records themselves. Every query, job and crawler resolves tables through it; a
// Glue-compatible API serves it. It lives in one SQLite file, catalog.db in the Basin home.
//
// What a caller may rely on:
// - Each operation is one transaction: it happens entirely or not at all, and a failed
//   operation leaves the catalog unchanged. Batch operations are all-or-nothing.
// - Several processes (a server, CLI commands, crawlers) may use one catalog.db at once.
//   Writers take the write lock up front, so read-modify-write operations never lose another
//   process's update; readers see a consistent snapshot. A lock held by another process for
//   longer than the busy timeout (10 s) is Timeout.
// - Names are normalised by Glue's rules (names.hpp): "Movies" finds "movies".
// - Errors: a duplicate create is AlreadyExists; a missing database, table, version, partition
//   or connection is NotFound and names it; a bad name, Hive type, partition value (count or
//   type) or filter is InvalidInput; a damaged catalog.db is Corrupt.
// - A Catalog object may be shared by threads; it serialises its calls.

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/bookmark_types.hpp"
#include "catalog/catalog_types.hpp"
#include "catalog/crawler_types.hpp"
#include "catalog/job_types.hpp"
#include "catalog/publish_journal.hpp"

namespace basin::catalog {

class SqliteDb;

// Selects partitions for GetPartitions: a filter expression (partition_filter.hpp) and a page.
struct PartitionQuery {
  std::string expression;  // empty: every partition
  PageRequest page;
};

class Catalog {
 public:
  static constexpr std::string_view kFileName = "catalog.db";

  // Opens the catalog database file at `path`, creating it when missing, and migrates it to
  // the current schema version (migrations.hpp).
  explicit Catalog(const std::filesystem::path& path);
  ~Catalog();
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Runs `work` in one write transaction: every catalog call it makes commits together when
  // it returns, or none does when it throws (an ETL run registers its output and advances its
  // bookmarks this way).
  void InTransaction(const std::function<void()>& work);

  // ---- databases ----
  // Uses name, description, location_uri and parameters of `database`; sets create_time.
  void CreateDatabase(const Database& database);
  Database GetDatabase(std::string_view name);
  // In name order.
  Page<Database> GetDatabases(const PageRequest& page = {});
  // Replaces description, location_uri and parameters.
  void UpdateDatabase(std::string_view name, const Database& database);
  // Deletes the database with all its tables, versions and partitions.
  void DeleteDatabase(std::string_view name);

  // ---- tables ----
  // Validates names, Hive types, parameters and the connection of a JDBC table, then stores
  // the table as version 1. `table.database_name` is ignored; times and version are set here.
  void CreateTable(std::string_view database, const Table& table);
  Table GetTable(std::string_view database, std::string_view name);
  // In name order.
  Page<Table> GetTables(std::string_view database, const PageRequest& page = {});
  // Replaces the definition of table `table.name`, keeping the previous one as a version.
  // When expected_version is non-zero and is not the current version: Conflict (another
  // writer updated the table since it was read). Returns the new version id.
  int64_t UpdateTable(std::string_view database, const Table& table, int64_t expected_version = 0);
  // Read-modify-write in one transaction: reads the table, lets `change` edit it, stores the
  // result as a new version. Safe against concurrent writers in other processes.
  int64_t UpdateTable(std::string_view database, std::string_view name,
                      const std::function<void(Table&)>& change);
  // Deletes the table with its versions and partitions.
  void DeleteTable(std::string_view database, std::string_view name);
  // Tables matching every part of `search`, in (database, name) order.
  Page<Table> SearchTables(const TableSearch& search, const PageRequest& page = {});

  // ---- table versions ----
  // Newest first; the first is the current definition.
  Page<TableVersion> GetTableVersions(std::string_view database, std::string_view table,
                                      const PageRequest& page = {});
  TableVersion GetTableVersion(std::string_view database, std::string_view table,
                               int64_t version_id);
  // Deletes these versions, all or none. The current version cannot be deleted
  // (InvalidInput): update or delete the table instead.
  void DeleteTableVersions(std::string_view database, std::string_view table,
                           std::span<const int64_t> version_ids);

  // ---- partitions ----
  // Values must match the table's partition keys in number and type. A partition without a
  // storage descriptor (no columns and no input format) takes the table's, with its location
  // under the table's as Hive lays it out: <table location>/year=2024/month=03/.
  void CreatePartition(std::string_view database, std::string_view table,
                       const Partition& partition);
  // All or nothing: one bad or duplicate partition fails the batch and writes nothing.
  void BatchCreatePartitions(std::string_view database, std::string_view table,
                             std::span<const Partition> partitions);
  Partition GetPartition(std::string_view database, std::string_view table,
                         std::span<const std::string> values);
  // Replaces the partition with `values` by `partition` (whose values may differ: a rename).
  void UpdatePartition(std::string_view database, std::string_view table,
                       std::span<const std::string> values, const Partition& partition);
  void DeletePartition(std::string_view database, std::string_view table,
                       std::span<const std::string> values);
  // All or nothing: a missing partition fails the batch and deletes nothing.
  void BatchDeletePartitions(std::string_view database, std::string_view table,
                             std::span<const std::vector<std::string>> values);
  // Partitions selected by the expression, in order of their values.
  Page<Partition> GetPartitions(std::string_view database, std::string_view table,
                                const PartitionQuery& query = {});

  // ---- connections ----
  // Validates the URL (connection_url.hpp), the password reference and the TLS mode; the
  // type is taken from the URL. Relative sqlite: and secret-file paths are made absolute.
  void CreateConnection(const Connection& connection);
  Connection GetConnection(std::string_view name);
  // In name order.
  std::vector<Connection> GetConnections();
  void UpdateConnection(std::string_view name, const Connection& connection);
  // Conflict while tables read through the connection.
  void DeleteConnection(std::string_view name);

  // ---- crawlers, classifiers and crawl runs (catalog_crawlers.cpp) ----
  // The catalog checks names and shapes; what targets, patterns and classifiers mean is
  // checked by crawler/ before it calls these. Crawler::state and last_crawl_id are filled
  // from the runs on read and ignored on write.
  void CreateCrawler(const Crawler& crawler);
  Crawler GetCrawler(std::string_view name);
  std::vector<Crawler> GetCrawlers();  // in name order
  // Replaces the definition; version + 1. Conflict while the crawler runs.
  void UpdateCrawler(std::string_view name, const Crawler& crawler);
  // Deletes the crawler and its run records. Conflict while it runs.
  void DeleteCrawler(std::string_view name);

  void CreateClassifier(const Classifier& classifier);
  Classifier GetClassifier(std::string_view name);
  std::vector<Classifier> GetClassifiers();  // in name order
  // Conflict while a crawler lists it.
  void DeleteClassifier(std::string_view name);

  // Records a new RUNNING crawl of `crawler` by process `process_id` and returns its id.
  // Conflict (Glue's CrawlerRunningException) when a run of it is RUNNING and its process is
  // alive; a RUNNING record whose process has died is first marked FAILED.
  int64_t StartCrawl(std::string_view crawler, int64_t process_id);
  // Stores the run's counts, errors, log and state (finished runs are final: Conflict).
  void UpdateCrawl(const Crawl& crawl);
  Crawl GetCrawl(int64_t id);
  // Newest first; at most `limit` runs (0: all).
  std::vector<Crawl> GetCrawls(std::string_view crawler, int64_t limit = 0);

  // ---- ETL jobs and job runs (catalog_jobs.cpp) ----
  // The catalog checks names and limits; what a job's DAG means is checked by etl/.
  void CreateJob(const Job& job);
  Job GetJob(std::string_view name);
  std::vector<Job> GetJobs();  // in name order
  // Replaces the definition (created_on is kept).
  void UpdateJob(std::string_view name, const Job& job);
  // Deletes the job and its run records. Conflict while a run is active.
  void DeleteJob(std::string_view name);
  // Records a new STARTING run of `job` by process `process_id` and returns its id.
  // Conflict ("ConcurrentRunsExceeded") when the job's active runs whose processes are alive
  // reach max_concurrent_runs; active runs whose process has died are first marked FAILED.
  int64_t StartJobRun(std::string_view job, const std::map<std::string, std::string>& arguments,
                      int64_t attempt, int64_t process_id);
  // Stores the run's state, metrics, error and log (finished runs are final: Conflict).
  void UpdateJobRun(const JobRun& run);
  JobRun GetJobRun(int64_t id);
  // Newest first; at most `limit` runs (0: all).
  std::vector<JobRun> GetJobRuns(std::string_view job, int64_t limit = 0);

  // ---- job bookmarks (catalog_bookmarks.cpp) ----
  // The job's bookmarks in source node order (none yet: empty). NotFound for a missing job.
  std::vector<JobBookmark> GetJobBookmarks(std::string_view job);
  // Inserts or replaces the bookmark of (job, source node); sets updated_on.
  void PutJobBookmark(const JobBookmark& bookmark);
  // Deletes every bookmark of the job (`basin jobs reset-bookmark`); returns how many.
  int64_t DeleteJobBookmarks(std::string_view job);

  // ---- publish journal (catalog_publish.cpp, publish_journal.hpp) ----
  // Records a write about to move its files into place (its own transaction, or a savepoint
  // inside InTransaction); returns the entry's id.
  int64_t AddPublishJournal(const PublishJournal& entry);
  // Deletes the entry (no error when it is gone).
  void DeletePublishJournal(int64_t id);
  // The entries of writers on `host`, oldest first.
  std::vector<PublishJournal> GetPublishJournals(std::string_view host);

 private:
  std::filesystem::path path_;
  std::unique_ptr<SqliteDb> db_;
  std::recursive_mutex mutex_;  // recursive: InTransaction holds it across nested calls
};

}  // namespace basin::catalog
