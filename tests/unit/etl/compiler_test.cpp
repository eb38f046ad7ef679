// The compiler on a real catalog and lake in a scratch home: each node type's SQL run through a
// sql::Session, asserting the rows the target table holds afterwards.
#include "etl/compiler.hpp"

#include <gtest/gtest.h>

#include "sql/engine/session.hpp"
#include "unit/error_code_of.hpp"
#include "unit/etl/etl_test_util.hpp"

namespace basin::etl {
namespace {

using basin::testing::CodeOf;

size_t Count(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

class CompilerTest : public testing::HomeTest {
 protected:
  CompilerTest() {
    Sql("CREATE DATABASE shop");
    // Payments in CSV, customers in Parquet.
    Sql("CREATE TABLE shop.payments WITH (format = 'csv', external_location = '" +
        Lake("payments") +
        "') AS SELECT payment_id, customer_id, CAST(amount AS decimal(5,2)) AS amount FROM "
        "(VALUES (10, 1, 5.00), (11, 1, 7.50), (12, 2, 3.00), (13, 3, 9.99), (14, 5, 1.00), "
        "(15, 2, 12.00)) AS t(payment_id, customer_id, amount)");
    Sql("CREATE TABLE shop.customers WITH (format = 'parquet', external_location = '" +
        Lake("customers") +
        "') AS SELECT * FROM (VALUES (1, 'Ann', 1, '7'), (2, 'Bob', 2, 'x'), "
        "(3, 'Cy', 1, '12'), (4, CAST(NULL AS varchar), 2, '')) AS t(customer_id, name, store_id, "
        "code)");
  }

  std::string Lake(const std::string& name) const { return (home_ / "lake" / name).string() + "/"; }

  sql::StatementResult Sql(const std::string& text) {
    sql::Session session(home_, *catalog_);
    return session.Execute(text);
  }
  std::string Csv(const std::string& text) { return sql::ResultToCsv(Sql(text)); }

  // A DAG reading payments (p) and customers (c) into `body`'s nodes, then a target "t" reading
  // node `last` into shop.out.
  Dag MakeDag(const std::string& body, const std::string& last, const std::string& target = "") {
    std::string text = R"({"p": {"CatalogSource": {"Database": "shop", "Table": "payments"}},
      "c": {"CatalogSource": {"Database": "shop", "Table": "customers"}},
      "t": {"LakeTarget": {"Inputs": [")" +
                       last + R"("], "Path": ")" + Lake("out") +
                       R"(", "CatalogDatabase": "shop", "CatalogTable": "out")" + target + "}}" +
                       (body.empty() ? "" : ", " + body) + "}";
    return ParseDag(text);
  }

  // Compiles and runs the job; returns its statement.
  std::string Run(const Dag& dag, const SourcePredicates& predicates = {}) {
    CompiledJob job = CompileJob(dag, *catalog_, predicates);
    Sql(job.statement);
    return job.statement;
  }
};

TEST_F(CompilerTest, SelectDropAndRenameFields) {
  Run(MakeDag(R"("d": {"DropFields": {"Inputs": ["p"], "Paths": [["amount"]]}},
                 "r": {"RenameField": {"Inputs": ["d"], "SourcePath": ["payment_id"],
                                       "TargetPath": ["id"]}},
                 "s": {"SelectFields": {"Inputs": ["r"], "Paths": [["customer_id"], ["ID"]]}})",
              "s"));
  EXPECT_EQ(Csv("SELECT * FROM shop.out WHERE id < 13 ORDER BY id"),
            "\"customer_id\",\"id\"\n\"1\",\"10\"\n\"1\",\"11\"\n\"2\",\"12\"\n");
}

TEST_F(CompilerTest, FilterWithAPredicateAndWithGluesFilters) {
  Run(MakeDag(R"("f": {"Filter": {"Inputs": ["p"], "Predicate": "amount > 5 -- a comment"}})",
              "f"));
  EXPECT_EQ(Csv("SELECT payment_id FROM shop.out ORDER BY 1"),
            "\"payment_id\"\n\"11\"\n\"13\"\n\"15\"\n");
  Sql("DROP TABLE shop.out");
  std::filesystem::remove_all(home_ / "lake" / "out");
  // amount > '5' AND NOT customer_id = 2, then OR-ed regex and null tests on customers.
  Run(MakeDag(R"("f": {"Filter": {"Inputs": ["p"], "LogicalOperator": "AND", "Filters": [
                   {"Operation": "GT", "Values": [{"Type": "COLUMNEXTRACTED", "Value": ["amount"]},
                                                  {"Type": "CONSTANT", "Value": ["5"]}]},
                   {"Operation": "EQ", "Negated": true, "Values": [
                      {"Type": "COLUMNEXTRACTED", "Value": ["customer_id"]},
                      {"Type": "CONSTANT", "Value": ["2"]}]}]}})",
              "f"));
  EXPECT_EQ(Csv("SELECT payment_id FROM shop.out ORDER BY 1"), "\"payment_id\"\n\"11\"\n\"13\"\n");

  Dag names = MakeDag(R"("f": {"Filter": {"Inputs": ["c"], "LogicalOperator": "OR", "Filters": [
                   {"Operation": "REGEX", "Values": [{"Type": "COLUMNEXTRACTED", "Value": ["name"]},
                                                     {"Type": "CONSTANT", "Value": ["^B"]}]},
                   {"Operation": "ISNULL", "Values": [
                      {"Type": "COLUMNEXTRACTED", "Value": ["name"]}]}]}})",
                      "f");
  std::string query = CompileQuery(names, {}, catalog_.get());
  EXPECT_EQ(Csv(query + " ORDER BY customer_id"),
            "\"customer_id\",\"name\",\"store_id\",\"code\"\n\"2\",\"Bob\",\"2\",\"x\"\n"
            "\"4\",,\"2\",\"\"\n");
}

TEST_F(CompilerTest, JoinsOfEveryKind) {
  // customers' customer_id is renamed, as a Join's inputs may not share a column name.
  auto join = [&](const std::string& type) {
    Dag dag = MakeDag(R"("r": {"RenameField": {"Inputs": ["c"], "SourcePath": ["customer_id"],
                                               "TargetPath": ["cid"]}},
                         "j": {"Join": {"Inputs": ["p", "r"], "JoinType": ")" +
                          type + R"(",
                               "Columns": [{"From": "p", "Keys": [["customer_id"]]},
                                           {"From": "r", "Keys": [["cid"]]}]}})",
                      "j");
    std::string query = CompileQuery(dag, {}, catalog_.get());
    bool semi = type.rfind("left", 0) == 0 && type.size() > 4;
    return Csv("SELECT " + std::string(semi ? "payment_id" : "payment_id, cid, name") + " FROM (" +
               query + ") ORDER BY " + (semi ? "1" : "1, 2"));
  };
  EXPECT_EQ(join("equijoin"),
            "\"payment_id\",\"cid\",\"name\"\n\"10\",\"1\",\"Ann\"\n\"11\",\"1\",\"Ann\"\n"
            "\"12\",\"2\",\"Bob\"\n\"13\",\"3\",\"Cy\"\n\"15\",\"2\",\"Bob\"\n");
  EXPECT_EQ(Count(join("left"), "\n"), 7u);  // every payment, 14 without a customer
  EXPECT_NE(join("left").find("\"14\",,\n"), std::string::npos);
  EXPECT_NE(join("right").find("\n,\"4\",\n"), std::string::npos);  // customer 4, no payment
  EXPECT_EQ(Count(join("right"), "\n"), 7u);
  EXPECT_EQ(Count(join("outer"), "\n"), 8u);
  EXPECT_EQ(join("leftsemi"), "\"payment_id\"\n\"10\"\n\"11\"\n\"12\"\n\"13\"\n\"15\"\n");
  EXPECT_EQ(join("leftanti"), "\"payment_id\"\n\"14\"\n");

  // Without the rename, customer_id is in both inputs.
  std::string message;
  EXPECT_EQ(CodeOf(
                [&] {
                  CompileJob(MakeDag(R"("j": {"Join": {"Inputs": ["p", "c"], "JoinType": "equijoin",
                               "Columns": [{"From": "p", "Keys": [["customer_id"]]},
                                           {"From": "c", "Keys": [["customer_id"]]}]}})",
                                     "j"),
                             *catalog_);
                },
                &message),
            ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("DAG node 'j': column 'customer_id' is in both inputs"), std::string::npos)
      << message;
}

TEST_F(CompilerTest, UnionMatchesColumnsByName) {
  std::string body = R"("s": {"SelectFields": {"Inputs": ["p"],
                              "Paths": [["amount"], ["payment_id"], ["customer_id"]]}},
                        "u": {"Union": {"Inputs": ["p", "s"], "UnionType": "ALL"}})";
  Run(MakeDag(body, "u"));
  EXPECT_EQ(Csv("SELECT count(*) AS n, count(DISTINCT payment_id) AS d, sum(amount) AS s "
                "FROM shop.out"),
            "\"n\",\"d\",\"s\"\n\"12\",\"6\",\"76.98\"\n");
  Dag distinct = MakeDag(R"("s": {"SelectFields": {"Inputs": ["p"],
                              "Paths": [["amount"], ["payment_id"], ["customer_id"]]}},
                        "u": {"Union": {"Inputs": ["p", "s"], "UnionType": "DISTINCT"}})",
                         "u");
  EXPECT_EQ(Csv("SELECT count(*) FROM (" + CompileQuery(distinct, {}, catalog_.get()) + ")"),
            "\"_col0\"\n\"6\"\n");
  std::string message;
  EXPECT_EQ(
      CodeOf(
          [&] { CompileJob(MakeDag(R"("u": {"Union": {"Inputs": ["p", "c"]}})", "u"), *catalog_); },
          &message),
      ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("DAG node 'u'"), std::string::npos) << message;
}

TEST_F(CompilerTest, DropNullFieldsLeavesOutColumnsThatHoldOnlyNulls) {
  Sql("CREATE TABLE shop.sparse WITH (format = 'parquet', external_location = '" + Lake("sparse") +
      "') AS SELECT * FROM (VALUES (1, CAST(NULL AS varchar), '', -1), (2, NULL, 'null', -1)) "
      "AS t(id, nothing, blank, minus)");
  auto columns = [&](const std::string& checks) {
    Dag dag = ParseDag(R"({"s": {"CatalogSource": {"Database": "shop", "Table": "sparse"}},
      "n": {"DropNullFields": {"Inputs": ["s"])" +
                       checks + R"(}},
      "t": {"LakeTarget": {"Inputs": ["n"], "Path": "/x/"}}})");
    std::string csv = Csv(CompileQuery(dag, {}, catalog_.get()) + " ORDER BY 1");
    return csv.substr(0, csv.find('\n'));
  };
  EXPECT_EQ(columns(""), "\"id\",\"blank\",\"minus\"");
  EXPECT_EQ(columns(R"(, "NullCheckBoxList": {"IsEmpty": true, "IsNullString": true})"),
            "\"id\",\"minus\"");
  EXPECT_EQ(columns(R"(, "NullCheckBoxList": {"IsNegOne": true})"), "\"id\",\"blank\"");
  // Only the rows the run reads count: with a source predicate matching nothing, no column is
  // judged and all stay.
  Dag dag = ParseDag(R"({"s": {"CatalogSource": {"Database": "shop", "Table": "sparse"}},
      "n": {"DropNullFields": {"Inputs": ["s"]}},
      "t": {"LakeTarget": {"Inputs": ["n"], "Path": "/x/"}}})");
  std::string query = CompileQuery(dag, {{"s", "id > 5"}}, catalog_.get());
  EXPECT_NE(query.find("\"nothing\""), std::string::npos) << query;
}

TEST_F(CompilerTest, DropDuplicatesOfRowsAndOfKeys) {
  std::string twice = R"("u": {"Union": {"Inputs": ["p", "p2"]}},
                         "p2": {"SelectFields": {"Inputs": ["p"],
                                "Paths": [["payment_id"], ["customer_id"], ["amount"]]}},)";
  Dag rows = MakeDag(twice + R"("d": {"DropDuplicates": {"Inputs": ["u"]}})", "d");
  EXPECT_EQ(Csv("SELECT count(*) FROM (" + CompileQuery(rows, {}, catalog_.get()) + ")"),
            "\"_col0\"\n\"6\"\n");
  Run(MakeDag(twice + R"("d": {"DropDuplicates": {"Inputs": ["u"], "Columns": [["customer_id"]]}})",
              "d"));
  EXPECT_EQ(Csv("SELECT customer_id, count(*) AS n FROM shop.out GROUP BY 1 ORDER BY 1"),
            "\"customer_id\",\"n\"\n\"1\",\"1\"\n\"2\",\"1\"\n\"3\",\"1\"\n\"5\",\"1\"\n");
  // The output keeps the input's columns, without the row number.
  EXPECT_EQ(Csv("SELECT * FROM shop.out WHERE customer_id = 3"),
            "\"payment_id\",\"customer_id\",\"amount\"\n\"13\",\"3\",\"9.99\"\n");
}

TEST_F(CompilerTest, SqlQueryOverAliasedInputs) {
  Run(MakeDag(R"("q": {"SqlQuery": {"Inputs": ["p", "c"],
                  "SqlAliases": [{"From": "p", "Alias": "pay"}, {"From": "c", "Alias": "cust"}],
                  "SqlQuery": "SELECT cust.name, sum(pay.amount) AS total FROM pay JOIN cust )"
              R"(ON pay.customer_id = cust.customer_id GROUP BY cust.name -- per name"}})",
              "q"));
  EXPECT_EQ(Csv("SELECT * FROM shop.out ORDER BY name"),
            "\"name\",\"total\"\n\"Ann\",\"12.50\"\n\"Bob\",\"15.00\"\n\"Cy\",\"9.99\"\n");
}

TEST_F(CompilerTest, TryMappingGivesNullWhereACastFails) {
  std::string mapping = R"("m": {"ApplyMapping": {"Inputs": ["c"], "Mapping": [
      {"FromPath": ["customer_id"], "FromType": "int", "ToKey": "id", "ToType": "int"},
      {"FromPath": ["name"], "FromType": "string", "ToKey": "name", "ToType": "string",
       "Dropped": true},
      {"FromPath": ["code"], "FromType": "string", "ToKey": "code", "ToType": "int"TRY}]}})";
  std::string strict = mapping;
  strict.replace(strict.find("TRY"), 3, "");
  std::string message;
  EXPECT_NE(CodeOf([&] { Run(MakeDag(strict, "m")); }, &message), ErrorCode::kInternal);
  EXPECT_NE(message.find("x"), std::string::npos) << message;
  EXPECT_EQ(CodeOf([&] { catalog_->GetTable("shop", "out"); }), ErrorCode::kNotFound);

  std::string lenient = mapping;
  lenient.replace(lenient.find("TRY"), 3, R"(, "Try": true)");
  Run(MakeDag(lenient, "m"));
  EXPECT_EQ(Csv("SELECT * FROM shop.out ORDER BY id"),
            "\"id\",\"code\"\n\"1\",\"7\"\n\"2\",\n\"3\",\"12\"\n\"4\",\n");
}

TEST_F(CompilerTest, PartitionedTargetPutsKeysLastThenAppends) {
  Dag dag = MakeDag(R"("s": {"SelectFields": {"Inputs": ["c"],
                              "Paths": [["store_id"], ["customer_id"], ["name"]]}})",
                    "s", R"(, "PartitionKeys": ["store_id"])");
  std::string statement = Run(dag);
  EXPECT_NE(statement.find("partitioned_by = ARRAY['store_id']"), std::string::npos) << statement;
  EXPECT_EQ(Csv("SHOW PARTITIONS shop.out"), "\"partition\"\n\"store_id=1\"\n\"store_id=2\"\n");
  EXPECT_EQ(Csv("SELECT * FROM shop.out ORDER BY customer_id"),
            "\"customer_id\",\"name\",\"store_id\"\n\"1\",\"Ann\",\"1\"\n\"2\",\"Bob\",\"2\"\n"
            "\"3\",\"Cy\",\"1\"\n\"4\",,\"2\"\n");
  // The second run appends, by name.
  statement = Run(dag);
  EXPECT_EQ(statement.rfind("INSERT INTO \"shop\".\"out\" ", 0), 0u) << statement;
  EXPECT_EQ(Csv("SELECT store_id, count(*) AS n FROM shop.out GROUP BY 1 ORDER BY 1"),
            "\"store_id\",\"n\"\n\"1\",\"4\"\n\"2\",\"4\"\n");
  // Other partition keys than the table's, or a key the input lacks, are refused by name.
  std::string message;
  Dag other = MakeDag(R"("s": {"SelectFields": {"Inputs": ["c"],
                              "Paths": [["store_id"], ["customer_id"], ["name"]]}})",
                      "s", R"(, "PartitionKeys": ["name"])");
  EXPECT_EQ(CodeOf([&] { CompileJob(other, *catalog_); }, &message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("DAG node 't': PartitionKeys"), std::string::npos) << message;
  Dag missing = MakeDag("", "p", R"(, "PartitionKeys": ["store_id"], "CatalogTable": "out2")");
  EXPECT_EQ(CodeOf([&] { CompileJob(missing, *catalog_); }, &message), ErrorCode::kInvalidInput);
  EXPECT_NE(message.find("partition key 'store_id'"), std::string::npos) << message;
}

TEST_F(CompilerTest, OverwriteModesCompileToInsertOverwrite) {
  Dag dag = MakeDag(R"("s": {"SelectFields": {"Inputs": ["c"],
                              "Paths": [["customer_id"], ["store_id"]]}})",
                    "s", R"(, "PartitionKeys": ["store_id"], "WriteMode": "overwrite")");
  EXPECT_EQ(CompileJob(dag, *catalog_).kind, "CREATE TABLE AS");
  Run(dag);
  CompiledJob job = CompileJob(dag, *catalog_);
  EXPECT_EQ(job.kind, "INSERT OVERWRITE");
  EXPECT_EQ(job.statement.rfind("INSERT OVERWRITE \"shop\".\"out\" WITH ", 0), 0u) << job.statement;
  Dag partitions =
      MakeDag(R"("s": {"SelectFields": {"Inputs": ["c"],
                              "Paths": [["customer_id"], ["store_id"]]}})",
              "s", R"(, "PartitionKeys": ["store_id"], "WriteMode": "overwrite-partitions")");
  job = CompileJob(partitions, *catalog_);
  EXPECT_EQ(
      job.statement.rfind("INSERT OVERWRITE \"shop\".\"out\" PARTITION (\"store_id\") WITH ", 0),
      0u)
      << job.statement;

  // Run: overwrite replaces every row; overwrite-partitions only the partitions receiving rows.
  Sql("INSERT INTO shop.out VALUES (99, 3)");
  Run(dag);
  EXPECT_EQ(Csv("SELECT * FROM shop.out ORDER BY 1"),
            "\"customer_id\",\"store_id\"\n\"1\",\"1\"\n\"2\",\"2\"\n\"3\",\"1\"\n\"4\",\"2\"\n");
  Sql("INSERT INTO shop.out VALUES (99, 3)");
  Dag store1 =
      MakeDag(R"("f": {"Filter": {"Inputs": ["c"], "Predicate": "store_id = 1 AND name = 'Ann'"}},
                          "s": {"SelectFields": {"Inputs": ["f"],
                                "Paths": [["customer_id"], ["store_id"]]}})",
              "s", R"(, "PartitionKeys": ["store_id"], "WriteMode": "overwrite-partitions")");
  Run(store1);
  EXPECT_EQ(Csv("SELECT * FROM shop.out ORDER BY 1"),
            "\"customer_id\",\"store_id\"\n\"1\",\"1\"\n\"2\",\"2\"\n\"4\",\"2\"\n\"99\",\"3\"\n");
}

TEST_F(CompilerTest, TargetWithoutATableIsAnUnload) {
  Dag dag = ParseDag(R"({"p": {"CatalogSource": {"Database": "shop", "Table": "payments"}},
      "t": {"LakeTarget": {"Inputs": ["p"], "Path": "/lake/x", "Compression": "zstd",
                           "PartitionKeys": ["customer_id"]}}})");
  CompiledJob job = CompileJob(dag, *catalog_);
  EXPECT_EQ(job.kind, "UNLOAD");
  EXPECT_TRUE(job.catalog_table.empty());
  EXPECT_EQ(job.statement,
            "UNLOAD (WITH \"p\" AS (SELECT * FROM \"shop\".\"payments\") SELECT \"payment_id\", "
            "\"amount\", \"customer_id\" FROM \"p\") TO '/lake/x/' WITH (format = 'PARQUET', "
            "compression = 'zstd', partitioned_by = ARRAY['customer_id'], append = true)");

  // Run: the files land under the path, one folder per key, and no table appears.
  Dag lake = ParseDag(R"({"p": {"CatalogSource": {"Database": "shop", "Table": "payments"}},
      "t": {"LakeTarget": {"Inputs": ["p"], "Path": ")" +
                      Lake("unloaded") + R"(",
                           "PartitionKeys": ["customer_id"]}}})");
  Run(lake);
  size_t folders = 0;
  for (const auto& entry : std::filesystem::directory_iterator(home_ / "lake" / "unloaded")) {
    if (entry.path().filename().string().rfind("customer_id=", 0) == 0) ++folders;
  }
  EXPECT_EQ(folders, 4u);  // customers 1, 2, 3, 5
  EXPECT_EQ(CodeOf([&] { catalog_->GetTable("shop", "unloaded"); }), ErrorCode::kNotFound);
  // The overwrite modes need a table.
  Dag overwrite = ParseDag(R"({"p": {"CatalogSource": {"Database": "shop", "Table": "payments"}},
      "t": {"LakeTarget": {"Inputs": ["p"], "Path": "/x/", "WriteMode": "overwrite"}}})");
  EXPECT_EQ(CodeOf([&] { CompileJob(overwrite, *catalog_); }), ErrorCode::kUnsupported);
}

TEST_F(CompilerTest, UnloadTargetAppendsOnEveryRun) {
  // No partition keys: the folder holds the first run's files when the second one starts.
  Dag dag = ParseDag(R"({"p": {"CatalogSource": {"Database": "shop", "Table": "payments"}},
      "f": {"Filter": {"Inputs": ["p"], "Predicate": "customer_id = 2"}},
      "t": {"LakeTarget": {"Inputs": ["f"], "Path": ")" +
                     Lake("appended") + R"(", "WriteMode": "append"}}})");
  Run(dag);
  Run(dag);
  Sql("CREATE EXTERNAL TABLE shop.appended (payment_id int, amount decimal(5,2), customer_id "
      "int) STORED AS PARQUET LOCATION '" +
      Lake("appended") + "'");
  // Payments 12 and 15 of customer 2, once per run.
  EXPECT_EQ(Csv("SELECT payment_id, count(*) FROM shop.appended GROUP BY 1 ORDER BY 1"),
            "\"payment_id\",\"_col1\"\n\"12\",\"2\"\n\"15\",\"2\"\n");
}

TEST_F(CompilerTest, EachNodeIsOneCteAndSourcePredicatesStay) {
  // p feeds two nodes; it is written once.
  Dag dag = MakeDag(R"("a": {"Filter": {"Inputs": ["p"], "Predicate": "amount < 5"}},
                       "b": {"Filter": {"Inputs": ["p"], "Predicate": "amount >= 10"}},
                       "u": {"Union": {"Inputs": ["a", "b"]}})",
                    "u");
  std::string query = CompileQuery(dag, {{"p", "payment_id > 11"}}, catalog_.get());
  EXPECT_EQ(Count(query, "FROM \"shop\".\"payments\" WHERE payment_id > 11"), 1u) << query;
  EXPECT_EQ(Csv(query + " ORDER BY 1"),
            "\"payment_id\",\"customer_id\",\"amount\"\n"
            "\"12\",\"2\",\"3.00\"\n\"14\",\"5\",\"1.00\"\n"
            "\"15\",\"2\",\"12.00\"\n");
}

TEST_F(CompilerTest, MissingColumnsNameTheNode) {
  auto error = [&](const std::string& body, const std::string& last) {
    std::string message;
    EXPECT_EQ(CodeOf([&] { CompileJob(MakeDag(body, last), *catalog_); }, &message),
              ErrorCode::kInvalidInput);
    return message;
  };
  EXPECT_NE(error(R"("s": {"SelectFields": {"Inputs": ["p"], "Paths": [["nope"]]}})", "s")
                .find("DAG node 's': column 'nope' does not exist in its input 'p'"),
            std::string::npos);
  EXPECT_NE(error(R"("s": {"DropFields": {"Inputs": ["p"], "Paths": [["nope"]]}})", "s")
                .find("DAG node 's': column 'nope'"),
            std::string::npos);
  EXPECT_NE(error(R"("s": {"RenameField": {"Inputs": ["p"], "SourcePath": ["amount"],
                                          "TargetPath": ["payment_id"]}})",
                  "s")
                .find("already has a column 'payment_id'"),
            std::string::npos);
  EXPECT_NE(error(R"("s": {"DropDuplicates": {"Inputs": ["p"], "Columns": [["nope"]]}})", "s")
                .find("DAG node 's': column 'nope'"),
            std::string::npos);
  EXPECT_NE(error(R"("f": {"Filter": {"Inputs": ["p"], "Predicate": "nope > 1"}})", "f")
                .find("DAG node 'f'"),
            std::string::npos);
  EXPECT_NE(error(R"("j": {"Join": {"Inputs": ["p", "c"], "JoinType": "leftsemi",
                     "Columns": [{"From": "p", "Keys": [["nope"]]},
                                 {"From": "c", "Keys": [["customer_id"]]}]}})",
                  "j")
                .find("DAG node 'j': column 'nope'"),
            std::string::npos);
  EXPECT_NE(error(R"("m": {"ApplyMapping": {"Inputs": ["p"], "Mapping": [
                     {"FromPath": ["amount"], "FromType": "int", "ToKey": "a",
                      "ToType": "int"}]}})",
                  "m")
                .find("changed type"),
            std::string::npos);
}

TEST_F(CompilerTest, WithoutTheCatalogTheQueryIsForDisplay) {
  Dag dag = MakeDag(R"("d": {"DropFields": {"Inputs": ["p"], "Paths": [["amount"]]}})", "d");
  std::string query = CompileQuery(dag);
  EXPECT_NE(query.find("SELECT * /* without \"amount\" */ FROM \"p\""), std::string::npos) << query;
}

}  // namespace
}  // namespace basin::etl
