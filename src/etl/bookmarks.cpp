// Job bookmarks: what a run reads (predicates, lake files) and what it commits.
#include "etl/bookmarks.hpp"

#include <algorithm>
#include <chrono>
#include <functional>

#include "catalog/names.hpp"
#include "common/error.hpp"
#include "connectors/connector.hpp"
#include "sql/exec/scan_files.hpp"
#include "storage/file_system.hpp"
#include "types/date_time.hpp"
#include "types/logical_type.hpp"

namespace basin::etl {

namespace {

using nlohmann::json;
using types::TypeId;

// Glue's argument; also accepted without the dashes (`--arg job-bookmark-option=pause`).
constexpr const char* kOptionArguments[] = {"--job-bookmark-option", "job-bookmark-option"};

types::LogicalType TypeOf(const std::string& hive_type) { return types::ParseHiveType(hive_type); }

// Keys whose order is the same in every source database and in the engine, so the snapshot
// bound can be asked of the source with ORDER BY … DESC LIMIT 1 (an index lookup). Text keys
// are not: collations differ, so their bound is computed by the engine.
bool OrdersAlike(const std::string& hive_type) {
  types::LogicalType type = TypeOf(hive_type);
  return type.IsInteger() || type.id() == TypeId::kDecimal || type.id() == TypeId::kDate ||
         type.id() == TypeId::kTimestamp;
}

// A key value (Value::ToString's text) as a literal of the engine's SQL.
std::string EngineLiteral(const std::string& text, const std::string& hive_type) {
  types::LogicalType type = TypeOf(hive_type);
  if (type.IsInteger()) return text;
  if (type.id() == TypeId::kVarchar) return QuoteText(text);
  return "CAST(" + QuoteText(text) + " AS " + type.ToString() + ")";
}

// The same in a source database's dialect (only for OrdersAlike types).
std::string SourceLiteral(const connectors::Connector& connector, const std::string& text,
                          const std::string& hive_type) {
  types::LogicalType type = TypeOf(hive_type);
  if (type.IsInteger() || type.id() == TypeId::kDecimal) return text;
  return connector.QuoteString(text);
}

using Quote = std::function<std::string(const std::string&)>;

// (k1, …, kn) compared with (v1, …, vn) lexicographically: for ">" the OR over i of
// "k1 = v1 AND … AND k(i-1) = v(i-1) AND ki > vi"; for "<=" the same with "<", the last
// term "<=".
std::string Lexicographic(const std::vector<std::string>& keys,
                          const std::vector<std::string>& values, const std::string& strict,
                          const std::string& last_op, const Quote& name, const Quote& literal) {
  std::vector<std::string> terms;
  for (size_t i = 0; i < keys.size(); ++i) {
    std::string term;
    for (size_t j = 0; j < i; ++j) term += name(keys[j]) + " = " + literal(values[j]) + " AND ";
    term +=
        name(keys[i]) + " " + (i + 1 == keys.size() ? last_op : strict) + " " + literal(values[i]);
    terms.push_back(std::move(term));
  }
  if (terms.size() == 1) return terms[0];
  std::string out;
  for (const auto& term : terms) out += (out.empty() ? "(" : " OR (") + term + ")";
  return "(" + out + ")";
}

std::string NotNull(const std::vector<std::string>& keys, const Quote& name) {
  std::string out;
  for (const auto& key : keys) out += (out.empty() ? "" : " AND ") + name(key) + " IS NOT NULL";
  return out;
}

std::string WithSlash(std::string path) {
  if (!path.empty() && path.back() != '/') path.push_back('/');
  return path;
}

// ---- database sources ----

bool IsDatabaseTable(const catalog::Table& table) {
  return table.table_type == catalog::TableType::kJdbcTable || !table.connection_name.empty();
}

// "schema" and "table" of a JDBC table's location "database.schema.table" (or shorter).
std::pair<std::string, std::string> SourceNameOf(const catalog::Table& table) {
  std::string_view location = table.storage_descriptor.location;
  size_t dot = location.rfind('.');
  std::string name(location.substr(dot == std::string_view::npos ? 0 : dot + 1));
  std::string schema;
  if (dot != std::string_view::npos) {
    std::string_view rest = location.substr(0, dot);
    size_t before = rest.rfind('.');
    schema = rest.substr(before == std::string_view::npos ? 0 : before + 1);
  }
  return {schema, name};
}

// The node's BookmarkKeys, else the primary key the crawler recorded, else the one the source
// reports now; with their Hive types from the catalog table.
void FindKeys(const DagNode& node, const catalog::Table& table, SourceBookmark& source) {
  const auto& columns = table.storage_descriptor.columns;
  std::vector<std::string> keys;
  for (const auto& key : node.bookmark_keys) keys.push_back(catalog::NormalizeColumnName(key));
  if (keys.empty()) {
    std::vector<std::pair<int, std::string>> keyed;
    for (const auto& column : columns) {
      auto position = column.parameters.find("primaryKeyPosition");
      if (position != column.parameters.end()) {
        keyed.emplace_back(std::atoi(position->second.c_str()), column.name);
      }
    }
    std::sort(keyed.begin(), keyed.end());
    for (auto& [position, name] : keyed) keys.push_back(name);
  }
  if (keys.empty()) {
    ThrowInvalid("DAG node '" + node.id + "': " + source.table +
                 " has no primary key to bookmark: set BookmarkKeys on the node (columns "
                 "whose values only grow)");
  }
  for (const auto& key : keys) {
    auto found = std::find_if(columns.begin(), columns.end(),
                              [&](const catalog::Column& c) { return c.name == key; });
    if (found == columns.end()) {
      ThrowInvalid("DAG node '" + node.id + "': bookmark key '" + key + "' is not a column of " +
                   source.table);
    }
    if (TypeOf(found->type).IsNested()) {
      ThrowInvalid("DAG node '" + node.id + "': bookmark key '" + key + "' is " + found->type +
                   ", which has no order");
    }
    source.keys.push_back(key);
    source.key_types.push_back(found->type);
  }
}

std::vector<std::string> RowValues(const columnar::DataChunk& chunk) {
  std::vector<std::string> values;
  if (chunk.size() == 0) return values;
  for (size_t c = 0; c < chunk.column_count(); ++c) {
    types::Value value = chunk.column(c).GetValue(0);
    if (value.is_null()) return {};
    values.push_back(value.ToString());
  }
  return values;
}

// The highest key above `last`, asked of the source database (an index lookup there).
std::vector<std::string> HighFromSource(catalog::Catalog& catalog, const catalog::Table& table,
                                        const SourceBookmark& source) {
  auto connector = connectors::OpenConnector(catalog.GetConnection(table.connection_name));
  auto [schema, name] = SourceNameOf(table);
  connectors::ScanRequest request = connectors::ScanRequest::Table(schema, name);
  request.columns = source.keys;
  Quote quote_name = [&](const std::string& key) { return connector->QuoteIdentifier(key); };
  request.where = NotNull(source.keys, quote_name);
  if (!source.last.empty()) {
    std::vector<std::string> literals;
    for (size_t i = 0; i < source.last.size(); ++i) {
      literals.push_back(SourceLiteral(*connector, source.last[i], source.key_types[i]));
    }
    Quote as_is = [](const std::string& text) { return text; };
    request.where += " AND " + Lexicographic(source.keys, literals, ">", ">", quote_name, as_is);
  }
  for (const auto& key : source.keys) {
    request.order_by += (request.order_by.empty() ? "" : ", ") + quote_name(key) + " DESC";
  }
  request.limit = 1;
  auto stream = connector->Scan(request);
  columnar::DataChunk chunk;
  if (!stream->Next(chunk)) return {};
  return RowValues(chunk);
}

// The same through the engine, for keys the source may order differently (text).
std::vector<std::string> HighFromEngine(catalog::Catalog& catalog,
                                        const std::filesystem::path& home, const DagNode& node,
                                        const SourceBookmark& source) {
  Quote quote_name = [](const std::string& key) { return QuoteName(key); };
  std::string select;
  std::string order;
  for (const auto& key : source.keys) {
    select += (select.empty() ? "" : ", ") + QuoteName(key);
    order += (order.empty() ? "" : ", ") + QuoteName(key) + " DESC";
  }
  std::string where = NotNull(source.keys, quote_name);
  if (!source.last.empty()) {
    where += " AND " + KeyRangePredicate(source.keys, source.key_types, source.last, {});
  }
  sql::SessionOptions options;
  options.database = catalog::NormalizeName("database name", node.database);
  sql::Session session(home, catalog, options);
  sql::StatementResult result = session.Execute(
      "SELECT " + select + " FROM " + QuoteName(node.database) + "." + QuoteName(node.table) +
      " WHERE " + where + " ORDER BY " + order + " LIMIT 1");
  for (const auto& chunk : result.chunks) {
    if (chunk.size() > 0) return RowValues(chunk);
  }
  return {};
}

json KeysState(const SourceBookmark& source, const std::vector<std::string>& last) {
  json keys = json::array();
  for (size_t i = 0; i < source.keys.size(); ++i) {
    keys.push_back({{"Column", source.keys[i]}, {"Type", source.key_types[i]}});
  }
  json state = {{"Table", source.table}, {"Keys", keys}};
  if (!last.empty()) state["Last"] = last;
  return state;
}

// The stored `last` when the stored bookmark is for the same table and keys; else none.
std::vector<std::string> StoredLast(const json& stored, const SourceBookmark& source) {
  json same = KeysState(source, {});
  if (!stored.is_object() || stored.value("Table", json()) != same["Table"] ||
      stored.value("Keys", json()) != same["Keys"]) {
    return {};
  }
  auto last = stored.find("Last");
  if (last == stored.end() || !last->is_array() || last->size() != source.keys.size()) return {};
  std::vector<std::string> values;
  for (const auto& value : *last) {
    if (!value.is_string()) return {};
    values.push_back(value.get<std::string>());
  }
  return values;
}

void PlanDatabaseSource(catalog::Catalog& catalog, const std::filesystem::path& home,
                        const DagNode& node, const catalog::Table& table, const json& stored,
                        SourceBookmark& source) {
  source.kind = catalog::BookmarkKind::kDatabaseKeys;
  FindKeys(node, table, source);
  source.last = StoredLast(stored, source);
  bool alike = std::all_of(source.key_types.begin(), source.key_types.end(), OrdersAlike);
  source.high =
      alike ? HighFromSource(catalog, table, source) : HighFromEngine(catalog, home, node, source);
  source.nothing_new = source.high.empty();
  // Nothing new: an empty range (last, last] the source answers without sending rows, rather
  // than "key > last" alone, which would read rows inserted since and not record them.
  source.predicate =
      source.nothing_new && !source.last.empty()
          ? KeyRangePredicate(source.keys, source.key_types, source.last, source.last)
          : KeyRangePredicate(source.keys, source.key_types, source.last, source.high);
  source.next_state = KeysState(source, source.nothing_new ? source.last : source.high).dump();
}

// ---- lake sources ----

bool Hidden(const std::string& root, const std::string& path) {
  std::string_view rest = path;
  if (rest.substr(0, root.size()) == root) rest.remove_prefix(root.size());
  while (!rest.empty()) {
    if (rest[0] == '_' || rest[0] == '.') return true;
    size_t slash = rest.find('/');
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return false;
}

int64_t ModifiedOf(const std::string& path) {
  if (path.rfind("s3://", 0) == 0) return 0;
  std::error_code error;
  auto time = std::filesystem::last_write_time(path, error);
  if (error) return 0;
  return std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count();
}

// The files a scan of the table would read, listed as the engine lists them
// (sql/exec/scan_files): hidden names and empty files skipped; a partitioned table's files
// under its catalog partitions' locations.
std::vector<LakeFileState> ListTableFiles(catalog::Catalog& catalog, const std::string& database,
                                          const catalog::Table& table) {
  std::vector<std::string> locations;
  const std::string& location = table.storage_descriptor.location;
  if (table.partition_keys.empty()) {
    locations.push_back(location);
  } else {
    catalog::PartitionQuery query;
    do {
      auto page = catalog.GetPartitions(database, table.name, query);
      for (const auto& partition : page.items) {
        std::string at = partition.storage_descriptor.location;
        if (at.empty()) {
          at = WithSlash(location);
          for (size_t k = 0; k < table.partition_keys.size() && k < partition.values.size(); ++k) {
            at += table.partition_keys[k].name + "=" +
                  sql::EscapePartitionValue(partition.values[k]) + "/";
          }
        }
        locations.push_back(at);
      }
      query.page.next_token = page.next_token;
    } while (!query.page.next_token.empty());
  }
  std::vector<LakeFileState> files;
  for (const auto& at : locations) {
    auto& file_system = storage::FileSystemFor(at);
    std::vector<storage::FileInfo> listed;
    try {
      listed = file_system.ListRecursive(at);
    } catch (const Error& error) {
      if (error.code() != ErrorCode::kNotFound && error.code() != ErrorCode::kInvalidInput) throw;
    }
    if (listed.empty() && file_system.Exists(at)) {
      storage::FileInfo info = file_system.Stat(at);
      if (!info.is_directory) listed.push_back(info);
    }
    std::string root = WithSlash(at);
    for (const auto& info : listed) {
      if (info.is_directory || info.size == 0 || Hidden(root, info.path)) continue;
      files.push_back({info.path, info.size, ModifiedOf(info.path)});
    }
  }
  std::sort(files.begin(), files.end(),
            [](const LakeFileState& a, const LakeFileState& b) { return a.path < b.path; });
  return files;
}

json FilesState(const std::string& table, const std::vector<LakeFileState>& files) {
  json list = json::array();
  for (const auto& file : files) {
    list.push_back({{"Path", file.path}, {"Size", file.size}, {"Modified", file.modified}});
  }
  return {{"Table", table}, {"Files", list}};
}

void PlanLakeSource(catalog::Catalog& catalog, const std::string& database,
                    const catalog::Table& table, const json& stored, SourceBookmark& source) {
  source.kind = catalog::BookmarkKind::kLakeFiles;
  std::set<std::pair<std::string, std::pair<uint64_t, int64_t>>> processed;
  if (stored.is_object() && stored.value("Table", "") == source.table) {
    auto files = stored.find("Files");
    if (files != stored.end() && files->is_array()) {
      for (const auto& file : *files) {
        if (!file.is_object()) continue;
        processed.insert({file.value("Path", ""),
                          {file.value("Size", uint64_t{0}), file.value("Modified", int64_t{0})}});
      }
    }
  }
  source.listed = ListTableFiles(catalog, database, table);
  for (const auto& file : source.listed) {
    if (!processed.count({file.path, {file.size, file.modified}}))
      source.new_files.insert(file.path);
  }
  source.nothing_new = source.new_files.empty();
  // Files gone from the lake drop out of the state: it is the listing this run saw.
  source.next_state = FilesState(source.table, source.listed).dump();
}

}  // namespace

catalog::BookmarkOption EffectiveBookmarkOption(
    const catalog::Job& job, const std::map<std::string, std::string>& run_arguments) {
  for (const auto* arguments : {&run_arguments, &job.default_arguments}) {
    for (const char* name : kOptionArguments) {
      auto argument = arguments->find(name);
      if (argument != arguments->end()) return catalog::ParseBookmarkOption(argument->second);
    }
  }
  return job.bookmark_option;
}

std::string KeyRangePredicate(const std::vector<std::string>& keys,
                              const std::vector<std::string>& key_types,
                              const std::vector<std::string>& last,
                              const std::vector<std::string>& high) {
  if (keys.empty() || key_types.size() != keys.size()) {
    ThrowInternal("bookmark keys and their types differ in number");
  }
  Quote name = [](const std::string& key) { return QuoteName(key); };
  auto literals = [&](const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (size_t i = 0; i < values.size(); ++i)
      out.push_back(EngineLiteral(values[i], key_types[i]));
    return out;
  };
  Quote as_is = [](const std::string& text) { return text; };
  std::string after;
  if (!last.empty()) {
    if (last.size() != keys.size()) ThrowInternal("a bookmark's values and keys differ in number");
    after = Lexicographic(keys, literals(last), ">", ">", name, as_is);
  }
  if (high.empty()) return after.empty() ? "FALSE" : after;
  if (high.size() != keys.size()) ThrowInternal("a bookmark's bound and keys differ in number");
  std::string upto = Lexicographic(keys, literals(high), "<", "<=", name, as_is);
  std::string range = after.empty() ? upto : after + " AND " + upto;
  if (keys.size() == 1) return range;
  // A composite range is an OR, which stays in the engine; the first key's own range, implied
  // by it, is a plain comparison the scan pushes into the database's WHERE.
  std::string first = name(keys[0]) + " <= " + EngineLiteral(high[0], key_types[0]);
  if (!last.empty()) first = name(keys[0]) + " >= " + EngineLiteral(last[0], key_types[0]) +
                             " AND " + first;
  return first + " AND " + range;
}

JobBookmarks::JobBookmarks(catalog::Catalog& catalog, const std::filesystem::path& home,
                           const catalog::Job& job, const Dag& dag,
                           const std::map<std::string, std::string>& run_arguments) {
  option_ = EffectiveBookmarkOption(job, run_arguments);
  state_->job_name = job.name;
  state_->advance = option_ == catalog::BookmarkOption::kEnable;
  for (const auto& node : dag.nodes) {
    if (node.kind == NodeKind::kCatalogSource) ++source_nodes_;
  }
  if (option_ == catalog::BookmarkOption::kDisable) return;

  std::map<std::string, catalog::JobBookmark> stored;
  for (auto& bookmark : catalog.GetJobBookmarks(job.name)) {
    stored[bookmark.source_node] = std::move(bookmark);
  }
  for (const auto& node : dag.nodes) {
    if (node.kind != NodeKind::kCatalogSource) continue;
    std::string database = catalog::NormalizeName("database name", node.database);
    catalog::Table table = catalog.GetTable(database, node.table);
    SourceBookmark source;
    source.node_id = node.id;
    source.table = database + "." + table.name;
    json stored_state;
    auto found = stored.find(node.id);
    if (found != stored.end()) {
      source.stored_state = found->second.state;
      stored_state = json::parse(found->second.state, nullptr, /*allow_exceptions=*/false);
    }
    if (IsDatabaseTable(table)) {
      PlanDatabaseSource(catalog, home, node, table, stored_state, source);
      predicates_[node.id] = source.predicate;
    } else {
      PlanLakeSource(catalog, database, table, stored_state, source);
    }
    state_->sources.push_back(std::move(source));
  }
}

bool JobBookmarks::nothing_new() const {
  if (state_->sources.empty() || state_->sources.size() != source_nodes_) return false;
  return std::all_of(state_->sources.begin(), state_->sources.end(),
                     [](const SourceBookmark& source) { return source.nothing_new; });
}

std::vector<std::string> JobBookmarks::Describe() const {
  std::vector<std::string> lines;
  if (option_ == catalog::BookmarkOption::kDisable) return lines;
  std::string mode = option_ == catalog::BookmarkOption::kPause ? " (paused: not advanced)" : "";
  auto join = [](const std::vector<std::string>& values) {
    std::string out;
    for (const auto& value : values) out += (out.empty() ? "" : ", ") + value;
    return "(" + out + ")";
  };
  for (const auto& source : state_->sources) {
    std::string line = "bookmark of " + source.node_id + " (" + source.table + ")" + mode + ": ";
    if (source.kind == catalog::BookmarkKind::kLakeFiles) {
      line += std::to_string(source.new_files.size()) + " new of " +
              std::to_string(source.listed.size()) + " files";
    } else {
      line += "keys " + join(source.keys) + " after " +
              (source.last.empty() ? std::string("the start") : join(source.last)) + ", up to " +
              (source.high.empty() ? std::string("nothing new") : join(source.high));
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

void JobBookmarks::Attach(sql::SessionOptions& options) const {
  for (const auto& source : state_->sources) {
    if (source.kind == catalog::BookmarkKind::kLakeFiles) {
      options.lake_scan_files[source.table] = source.new_files;
    }
  }
  if (!state_->advance) return;
  std::shared_ptr<State> state = state_;
  options.on_commit = [state](catalog::Catalog& catalog) { AdvanceState(catalog, *state); };
}

void JobBookmarks::AdvanceState(catalog::Catalog& catalog, State& state) {
  if (!state.advance) return;
  for (const auto& source : state.sources) {
    if (source.next_state == source.stored_state) continue;
    catalog::JobBookmark bookmark;
    bookmark.job_name = state.job_name;
    bookmark.source_node = source.node_id;
    bookmark.kind = source.kind;
    bookmark.state = source.next_state;
    catalog.PutJobBookmark(bookmark);
  }
  state.advanced = true;
}

void JobBookmarks::Advance(catalog::Catalog& catalog) const { AdvanceState(catalog, *state_); }

void JobBookmarks::Finish(catalog::Catalog& catalog) const {
  if (!state_->advance || state_->advanced) return;
  catalog.InTransaction([&] { AdvanceState(catalog, *state_); });
}

json BookmarksToJson(const std::vector<catalog::JobBookmark>& bookmarks) {
  json out = json::array();
  for (const auto& bookmark : bookmarks) {
    json state = json::parse(bookmark.state, nullptr, /*allow_exceptions=*/false);
    if (state.is_discarded()) state = bookmark.state;
    out.push_back({{"Source", bookmark.source_node},
                   {"Kind", std::string(catalog::BookmarkKindName(bookmark.kind))},
                   {"State", state},
                   {"UpdatedOn", bookmark.updated_on}});
  }
  return out;
}

std::vector<std::vector<std::string>> DescribeStoredBookmarks(
    const std::vector<catalog::JobBookmark>& bookmarks) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& bookmark : bookmarks) {
    json state = json::parse(bookmark.state, nullptr, /*allow_exceptions=*/false);
    std::string table = state.is_object() ? state.value("Table", "") : "";
    std::string read;
    if (state.is_object() && state.contains("Files") && state["Files"].is_array()) {
      read = std::to_string(state["Files"].size()) + " files";
    } else if (state.is_object() && state.contains("Keys") && state["Keys"].is_array()) {
      std::string keys;
      std::string values;
      for (const auto& key : state["Keys"]) {
        keys += (keys.empty() ? "" : ", ") + key.value("Column", "");
      }
      if (state.contains("Last") && state["Last"].is_array()) {
        for (const auto& value : state["Last"]) {
          values += (values.empty() ? "" : ", ") +
                    (value.is_string() ? value.get<std::string>() : value.dump());
        }
      }
      read = "(" + keys + ") = (" + (values.empty() ? std::string("nothing yet") : values) + ")";
    }
    rows.push_back({bookmark.source_node + (table.empty() ? "" : " (" + table + ")"),
                    std::string(catalog::BookmarkKindName(bookmark.kind)), read,
                    types::FormatTimestamp(bookmark.updated_on * 1000)});
  }
  return rows;
}

}  // namespace basin::etl
