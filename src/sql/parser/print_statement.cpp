// Printing statements, and the public ToSql functions.
#include "sql/parser/hive_string.hpp"
#include "sql/parser/sql_printer.hpp"

namespace basin::sql {

void SqlPrinter::HiveString(std::string_view text) {
  out_ += '\'';
  out_ += EscapeHiveString(text);
  out_ += '\'';
}

void SqlPrinter::Properties(const std::vector<StringProperty>& properties) {
  out_ += '(';
  for (size_t i = 0; i < properties.size(); ++i) {
    if (i > 0) out_ += ", ";
    HiveString(properties[i].key);
    out_ += " = ";
    HiveString(properties[i].value);
  }
  out_ += ')';
}

void SqlPrinter::Columns(const std::vector<ColumnDefinition>& columns) {
  out_ += '(';
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out_ += ", ";
    Name(columns[i].name);
    out_ += ' ';
    Type(columns[i].type);
    if (columns[i].comment) {
      out_ += " COMMENT ";
      HiveString(*columns[i].comment);
    }
  }
  out_ += ')';
}

void SqlPrinter::Partition(const PartitionSpec& spec) {
  out_ += "PARTITION (";
  for (size_t i = 0; i < spec.values.size(); ++i) {
    if (i > 0) out_ += ", ";
    Name(spec.values[i].key);
    out_ += " = ";
    if (spec.values[i].quoted) {
      HiveString(spec.values[i].value);
    } else {
      out_ += spec.values[i].value;
    }
  }
  out_ += ')';
}

void SqlPrinter::CreateTable(const CreateTableStatement& table) {
  out_ += table.external ? "CREATE EXTERNAL TABLE " : "CREATE TABLE ";
  if (table.if_not_exists) out_ += "IF NOT EXISTS ";
  Name(table.name);
  out_ += ' ';
  Columns(table.columns);
  if (table.comment) {
    out_ += " COMMENT ";
    HiveString(*table.comment);
  }
  if (!table.partition_columns.empty()) {
    out_ += " PARTITIONED BY ";
    Columns(table.partition_columns);
  }
  if (table.bucketing) {
    out_ += " CLUSTERED BY (";
    for (size_t i = 0; i < table.bucketing->columns.size(); ++i) {
      if (i > 0) out_ += ", ";
      Name(table.bucketing->columns[i]);
    }
    out_ += ") INTO " + std::to_string(table.bucketing->buckets) + " BUCKETS";
  }
  const RowFormat& format = table.row_format;
  if (format.kind == RowFormatKind::kSerde) {
    out_ += " ROW FORMAT SERDE ";
    HiveString(format.serde);
    if (!format.serde_properties.empty()) {
      out_ += " WITH SERDEPROPERTIES ";
      Properties(format.serde_properties);
    }
  } else if (format.kind == RowFormatKind::kDelimited) {
    out_ += " ROW FORMAT DELIMITED";
    auto clause = [&](const std::optional<std::string>& value, const char* words) {
      if (!value) return;
      out_ += words;
      HiveString(*value);
    };
    if (format.fields_terminated_by) {
      clause(format.fields_terminated_by, " FIELDS TERMINATED BY ");
      clause(format.escaped_by, " ESCAPED BY ");
    }
    clause(format.collection_items_terminated_by, " COLLECTION ITEMS TERMINATED BY ");
    clause(format.map_keys_terminated_by, " MAP KEYS TERMINATED BY ");
    clause(format.lines_terminated_by, " LINES TERMINATED BY ");
    clause(format.null_defined_as, " NULL DEFINED AS ");
  }
  if (!table.stored_as.empty()) {
    out_ += " STORED AS " + table.stored_as;
  } else if (!table.input_format.empty() || !table.output_format.empty()) {
    out_ += " STORED AS INPUTFORMAT ";
    HiveString(table.input_format);
    out_ += " OUTPUTFORMAT ";
    HiveString(table.output_format);
  }
  if (table.location) {
    out_ += " LOCATION ";
    HiveString(*table.location);
  }
  if (!table.table_properties.empty()) {
    out_ += " TBLPROPERTIES ";
    Properties(table.table_properties);
  }
}

void SqlPrinter::Show(const ShowStatement& show) {
  switch (show.what) {
    case ShowKind::kDatabases: out_ += "SHOW DATABASES"; break;
    case ShowKind::kTables:
    case ShowKind::kViews:
      out_ += show.what == ShowKind::kTables ? "SHOW TABLES" : "SHOW VIEWS";
      if (!show.target.empty()) {
        out_ += " IN ";
        Name(show.target);
      }
      break;
    case ShowKind::kColumns:
      out_ += "SHOW COLUMNS IN ";
      Name(show.target);
      break;
    case ShowKind::kPartitions:
      out_ += "SHOW PARTITIONS ";
      Name(show.target);
      break;
    case ShowKind::kCreateTable:
      out_ += "SHOW CREATE TABLE ";
      Name(show.target);
      break;
    case ShowKind::kCreateView:
      out_ += "SHOW CREATE VIEW ";
      Name(show.target);
      break;
    case ShowKind::kTblProperties:
      out_ += "SHOW TBLPROPERTIES ";
      Name(show.target);
      if (show.pattern) {
        out_ += " (";
        String(*show.pattern);
        out_ += ')';
      }
      return;
  }
  if (show.pattern) {
    out_ += " LIKE ";
    String(*show.pattern);
  }
}

void SqlPrinter::TableProperties(const std::vector<TableProperty>& properties) {
  if (properties.empty()) return;
  out_ += " WITH (";
  for (size_t i = 0; i < properties.size(); ++i) {
    if (i > 0) out_ += ", ";
    Name(properties[i].name);
    out_ += " = ";
    Expr(*properties[i].value);
  }
  out_ += ')';
}

void SqlPrinter::StatementText(const Statement& statement) {
  hive_ = false;
  switch (statement.kind) {
    case StatementKind::kQuery: QueryText(*statement.As<QueryStatement>().query); return;
    case StatementKind::kInsert: {
      const auto& insert = statement.As<InsertStatement>();
      out_ += insert.overwrite ? "INSERT OVERWRITE TABLE " : "INSERT INTO ";
      Name(insert.table);
      if (!insert.partition_columns.empty()) {
        out_ += " PARTITION (";
        for (size_t i = 0; i < insert.partition_columns.size(); ++i) {
          if (i > 0) out_ += ", ";
          Name(insert.partition_columns[i]);
        }
        out_ += ')';
      }
      if (!insert.columns.empty()) {
        out_ += " (";
        for (size_t i = 0; i < insert.columns.size(); ++i) {
          if (i > 0) out_ += ", ";
          Name(insert.columns[i]);
        }
        out_ += ')';
      }
      out_ += ' ';
      QueryText(*insert.query);
      return;
    }
    case StatementKind::kCreateDatabase: {
      const auto& create = statement.As<CreateDatabaseStatement>();
      hive_ = true;
      out_ += create.if_not_exists ? "CREATE DATABASE IF NOT EXISTS " : "CREATE DATABASE ";
      Name(create.name);
      if (create.comment) {
        out_ += " COMMENT ";
        HiveString(*create.comment);
      }
      if (create.location) {
        out_ += " LOCATION ";
        HiveString(*create.location);
      }
      if (!create.properties.empty()) {
        out_ += " WITH DBPROPERTIES ";
        Properties(create.properties);
      }
      return;
    }
    case StatementKind::kCreateTable:
      hive_ = true;
      CreateTable(statement.As<CreateTableStatement>());
      return;
    case StatementKind::kCreateTableAs: {
      const auto& create = statement.As<CreateTableAsStatement>();
      out_ += create.if_not_exists ? "CREATE TABLE IF NOT EXISTS " : "CREATE TABLE ";
      Name(create.name);
      TableProperties(create.properties);
      out_ += " AS ";
      QueryText(*create.query);
      if (create.data_clause) out_ += create.with_data ? " WITH DATA" : " WITH NO DATA";
      return;
    }
    case StatementKind::kCreateView: {
      const auto& view = statement.As<CreateViewStatement>();
      out_ += view.or_replace ? "CREATE OR REPLACE VIEW " : "CREATE VIEW ";
      Name(view.name);
      if (!view.columns.empty()) {
        out_ += " (";
        for (size_t i = 0; i < view.columns.size(); ++i) {
          if (i > 0) out_ += ", ";
          Name(view.columns[i]);
        }
        out_ += ')';
      }
      out_ += " AS ";
      QueryText(*view.query);
      return;
    }
    case StatementKind::kDrop: {
      const auto& drop = statement.As<DropStatement>();
      hive_ = drop.object != ObjectKind::kView;
      out_ += drop.object == ObjectKind::kDatabase ? "DROP DATABASE "
              : drop.object == ObjectKind::kTable  ? "DROP TABLE "
                                                   : "DROP VIEW ";
      if (drop.if_exists) out_ += "IF EXISTS ";
      Name(drop.name);
      if (drop.cascade) out_ += " CASCADE";
      return;
    }
    case StatementKind::kShow:
      hive_ = true;
      Show(statement.As<ShowStatement>());
      return;
    case StatementKind::kDescribe: {
      const auto& describe = statement.As<DescribeStatement>();
      hive_ = true;
      out_ += describe.extended    ? "DESCRIBE EXTENDED "
              : describe.formatted ? "DESCRIBE FORMATTED "
                                   : "DESCRIBE ";
      Name(describe.table);
      if (describe.column) {
        out_ += ' ';
        Name(*describe.column);
      }
      return;
    }
    case StatementKind::kMsckRepair:
      hive_ = true;
      out_ += "MSCK REPAIR TABLE ";
      Name(statement.As<MsckRepairStatement>().table);
      return;
    case StatementKind::kAddPartitions: {
      const auto& add = statement.As<AddPartitionsStatement>();
      hive_ = true;
      out_ += "ALTER TABLE ";
      Name(add.table);
      out_ += add.if_not_exists ? " ADD IF NOT EXISTS" : " ADD";
      for (const AddedPartition& partition : add.partitions) {
        out_ += ' ';
        Partition(partition.spec);
        if (partition.location) {
          out_ += " LOCATION ";
          HiveString(*partition.location);
        }
      }
      return;
    }
    case StatementKind::kDropPartitions: {
      const auto& drop = statement.As<DropPartitionsStatement>();
      hive_ = true;
      out_ += "ALTER TABLE ";
      Name(drop.table);
      out_ += drop.if_exists ? " DROP IF EXISTS " : " DROP ";
      for (size_t i = 0; i < drop.partitions.size(); ++i) {
        if (i > 0) out_ += ", ";
        Partition(drop.partitions[i]);
      }
      return;
    }
    case StatementKind::kExplain: {
      const auto& explain = statement.As<ExplainStatement>();
      out_ += "EXPLAIN ";
      if (explain.analyze) out_ += explain.verbose ? "ANALYZE VERBOSE " : "ANALYZE ";
      if (explain.format || explain.type) {
        out_ += '(';
        if (explain.format) out_ += "FORMAT " + *explain.format;
        if (explain.format && explain.type) out_ += ", ";
        if (explain.type) out_ += "TYPE " + *explain.type;
        out_ += ") ";
      }
      StatementText(*explain.statement);
      return;
    }
    case StatementKind::kUnload: {
      const auto& unload = statement.As<UnloadStatement>();
      out_ += "UNLOAD (";
      QueryText(*unload.query);
      out_ += ") TO ";
      String(unload.location);
      TableProperties(unload.properties);
      return;
    }
    case StatementKind::kUse:
      hive_ = true;
      out_ += "USE ";
      Name(statement.As<UseStatement>().name);
      return;
  }
}

std::string ToSql(const Expression& expr, const PrintOptions& options) {
  SqlPrinter printer(options);
  printer.Expr(expr);
  return printer.Take();
}

std::string ToSql(const Query& query, const PrintOptions& options) {
  SqlPrinter printer(options);
  printer.QueryText(query);
  return printer.Take();
}

std::string ToSql(const TableRef& relation, const PrintOptions& options) {
  SqlPrinter printer(options);
  printer.Relation(relation);
  return printer.Take();
}

std::string ToSql(const Statement& statement, const PrintOptions& options) {
  SqlPrinter printer(options);
  printer.StatementText(statement);
  return printer.Take();
}

std::string ToSql(const TypeName& type) {
  SqlPrinter printer(PrintOptions{});
  printer.Type(type);
  return printer.Take();
}

}  // namespace basin::sql
