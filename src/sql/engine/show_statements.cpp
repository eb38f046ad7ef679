// SHOW … and DESCRIBE: listings from the catalog as result tables (column names as Athena
// gives them).
#include <algorithm>

#include "catalog/like_pattern.hpp"
#include "common/error.hpp"
#include "sql/engine/session.hpp"
#include "sql/engine/table_definition.hpp"

namespace basin::sql {

namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// SHOW … LIKE patterns as Athena takes them: alternatives split by '|', '*' any run of
// characters; SQL's '%' and '_' work too. Case-insensitive.
class NamePattern {
 public:
  explicit NamePattern(const std::optional<std::string>& pattern) {
    if (!pattern) return;
    std::string text = Lower(*pattern);
    size_t begin = 0;
    while (true) {
      size_t bar = text.find('|', begin);
      std::string alternative = text.substr(begin, bar == std::string::npos ? bar : bar - begin);
      std::replace(alternative.begin(), alternative.end(), '*', '%');
      alternatives_.emplace_back(alternative, std::nullopt);
      if (bar == std::string::npos) break;
      begin = bar + 1;
    }
  }
  bool Matches(std::string_view name) const {
    if (alternatives_.empty()) return true;
    std::string lower = Lower(name);
    return std::any_of(alternatives_.begin(), alternatives_.end(),
                       [&](const catalog::LikePattern& p) { return p.Matches(lower); });
  }

 private:
  std::vector<catalog::LikePattern> alternatives_;
};

template <typename T, typename F>
std::vector<T> AllPages(F&& get_page) {
  std::vector<T> all;
  catalog::PageRequest request;
  while (true) {
    auto page = get_page(request);
    for (auto& item : page.items) all.push_back(std::move(item));
    if (page.next_token.empty()) return all;
    request.next_token = page.next_token;
  }
}

// Hive escapes the characters of partition names that paths and k=v syntax cannot hold.
std::string EscapePathName(std::string_view text) {
  static constexpr std::string_view kSpecial = "\"#%'*/:=?\\{[]^";
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || kSpecial.find(c) != std::string_view::npos) {
      static const char kHex[] = "0123456789ABCDEF";
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string PartitionName(const std::vector<catalog::Column>& keys,
                          const std::vector<std::string>& values) {
  std::string name;
  for (size_t i = 0; i < keys.size() && i < values.size(); ++i) {
    if (i > 0) name += "/";
    name += EscapePathName(keys[i].name) + "=" + EscapePathName(values[i]);
  }
  return name;
}

void AddColumnRows(TextResultBuilder& builder, const std::vector<catalog::Column>& columns,
                   const std::optional<std::string>& only) {
  for (const auto& column : columns) {
    if (only && column.name != *only) continue;
    builder.AddRow({column.name, column.type, column.comment});
  }
}

}  // namespace

StatementResult Session::Show(const ShowStatement& statement) {
  NamePattern pattern(statement.what == ShowKind::kTblProperties ? std::nullopt
                                                                   : statement.pattern);
  switch (statement.what) {
    case ShowKind::kDatabases: {
      TextResultBuilder builder("SHOW DATABASES", {"database_name"});
      auto databases = AllPages<catalog::Database>(
          [&](const catalog::PageRequest& page) { return catalog_.GetDatabases(page); });
      for (const auto& database : databases) {
        if (pattern.Matches(database.name)) builder.AddRow({database.name});
      }
      return builder.Finish();
    }
    case ShowKind::kTables:
    case ShowKind::kViews: {
      bool views_only = statement.what == ShowKind::kViews;
      std::string database =
          statement.target.empty() ? database_ : DatabaseOf(statement.target, 0);
      TextResultBuilder builder(views_only ? "SHOW VIEWS" : "SHOW TABLES",
                                {views_only ? "views" : "tab_name"});
      auto tables = AllPages<catalog::Table>(
          [&](const catalog::PageRequest& page) { return catalog_.GetTables(database, page); });
      for (const auto& table : tables) {
        if (views_only && table.table_type != catalog::TableType::kVirtualView) continue;
        if (pattern.Matches(table.name)) builder.AddRow({table.name});
      }
      return builder.Finish();
    }
    case ShowKind::kColumns: {
      catalog::Table table = catalog_.GetTable(DatabaseOf(statement.target, 1),
                                               TableOf(statement.target));
      TextResultBuilder builder("SHOW COLUMNS", {"field"});
      for (const auto& column : table.storage_descriptor.columns) builder.AddRow({column.name});
      for (const auto& column : table.partition_keys) builder.AddRow({column.name});
      return builder.Finish();
    }
    case ShowKind::kPartitions: {
      std::string database = DatabaseOf(statement.target, 1);
      std::string name = TableOf(statement.target);
      catalog::Table table = catalog_.GetTable(database, name);
      if (table.partition_keys.empty()) {
        ThrowInvalid("table " + database + "." + name + " is not partitioned");
      }
      TextResultBuilder builder("SHOW PARTITIONS", {"partition"});
      auto partitions = AllPages<catalog::Partition>([&](const catalog::PageRequest& page) {
        return catalog_.GetPartitions(database, name, catalog::PartitionQuery{"", page});
      });
      for (const auto& partition : partitions) {
        builder.AddRow({PartitionName(table.partition_keys, partition.values)});
      }
      return builder.Finish();
    }
    case ShowKind::kCreateTable:
    case ShowKind::kCreateView: {
      std::string database = DatabaseOf(statement.target, 1);
      std::string name = TableOf(statement.target);
      catalog::Table table = catalog_.GetTable(database, name);
      bool is_view = table.table_type == catalog::TableType::kVirtualView;
      if (statement.what == ShowKind::kCreateView) {
        if (!is_view) ThrowInvalid(database + "." + name + " is a table, not a view");
        TextResultBuilder builder("SHOW CREATE VIEW", {"Create View"});
        builder.AddRow({"CREATE VIEW " + database + "." + name + " AS " +
                        table.view_original_text});
        return builder.Finish();
      }
      if (is_view) ThrowInvalid(database + "." + name + " is a view: use SHOW CREATE VIEW");
      TextResultBuilder builder("SHOW CREATE TABLE", {"createtab_stmt"});
      for (auto& line : ShowCreateTableLines(table)) builder.AddRow({line});
      return builder.Finish();
    }
    case ShowKind::kTblProperties: {
      catalog::Table table = catalog_.GetTable(DatabaseOf(statement.target, 1),
                                               TableOf(statement.target));
      TextResultBuilder builder("SHOW TBLPROPERTIES", {"prpt_name", "prpt_value"});
      for (const auto& [key, value] : table.parameters) {
        if (statement.pattern && key != *statement.pattern) continue;
        builder.AddRow({key, value});
      }
      return builder.Finish();
    }
  }
  ThrowInternal("unknown SHOW statement");
}

StatementResult Session::Describe(const DescribeStatement& statement) {
  std::string database = DatabaseOf(statement.table, 1);
  std::string name = TableOf(statement.table);
  catalog::Table table = catalog_.GetTable(database, name);
  std::optional<std::string> only;
  if (statement.column) {
    only = Lower(statement.column->Name());
    auto has = [&](const std::vector<catalog::Column>& columns) {
      return std::any_of(columns.begin(), columns.end(),
                         [&](const catalog::Column& c) { return c.name == *only; });
    };
    if (!has(table.storage_descriptor.columns) && !has(table.partition_keys)) {
      throw Error(ErrorCode::kNotFound, "line " + std::to_string(statement.column->pos.line) +
                                            ":" + std::to_string(statement.column->pos.column) +
                                            ": column '" + *only + "' does not exist in " +
                                            database + "." + name);
    }
  }
  TextResultBuilder builder("DESCRIBE", {"col_name", "data_type", "comment"});
  AddColumnRows(builder, table.storage_descriptor.columns, only);
  AddColumnRows(builder, table.partition_keys, only);
  if (!only && !table.partition_keys.empty()) {
    builder.AddRow({"", "", ""});
    builder.AddRow({"# Partition Information", "", ""});
    builder.AddRow({"# col_name", "data_type", "comment"});
    builder.AddRow({"", "", ""});
    AddColumnRows(builder, table.partition_keys, std::nullopt);
  }
  if (!only && (statement.extended || statement.formatted)) {
    const auto& descriptor = table.storage_descriptor;
    builder.AddRow({"", "", ""});
    builder.AddRow({"# Detailed Table Information", "", ""});
    builder.AddRow({"Database:", database, ""});
    builder.AddRow({"Table:", name, ""});
    builder.AddRow({"Table Type:", std::string(catalog::TableTypeName(table.table_type)), ""});
    builder.AddRow({"Location:", descriptor.location, ""});
    builder.AddRow({"Table Parameters:", "", ""});
    for (const auto& [key, value] : table.parameters) builder.AddRow({"", key, value});
    builder.AddRow({"SerDe Library:", descriptor.serde_info.serialization_library, ""});
    builder.AddRow({"InputFormat:", descriptor.input_format, ""});
    builder.AddRow({"OutputFormat:", descriptor.output_format, ""});
    for (const auto& [key, value] : descriptor.serde_info.parameters) {
      builder.AddRow({"", key, value});
    }
  }
  return builder.Finish();
}

}  // namespace basin::sql
