// Cross-validation of the Parquet reader against DuckDB: tests/node/parquet_oracle.mjs makes
// DuckDB write files (every codec, V1/V2, dictionary on/off, all mapped types, nested data)
// and the values it reads back; Basin must read the same values. Skipped when the node
// modules are not installed.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "formats/parquet/parquet_reader.hpp"
#include "storage/local_file_system.hpp"
#include "types/decimal.hpp"

namespace basin::formats::parquet {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using types::TypeId;
using types::Value;

json Integer(__int128 value) {
  const __int128 safe = __int128{1} << 53;
  if (value <= safe && value >= -safe) return static_cast<int64_t>(value);
  return types::Int128ToString(value);
}

// The canonical form parquet_oracle.mjs writes (see its header comment).
json Canonical(const Value& value) {
  if (value.is_null()) return nullptr;
  switch (value.type().id()) {
    case TypeId::kBoolean: return value.bool_value();
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt:
    case TypeId::kDate:
    case TypeId::kTime:
    case TypeId::kTimestamp: return Integer(value.int_value());
    case TypeId::kDecimal: return Integer(value.decimal_value());
    case TypeId::kFloat:
    case TypeId::kDouble: {
      double d = value.double_value();
      if (std::isnan(d)) return "NaN";
      if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
      return d;
    }
    case TypeId::kVarchar: return value.string_value();
    case TypeId::kBinary: {
      static constexpr char kHex[] = "0123456789abcdef";
      std::string text = "hex:";
      for (unsigned char c : value.string_value()) {
        text += kHex[c >> 4];
        text += kHex[c & 15];
      }
      return text;
    }
    case TypeId::kList: {
      json array = json::array();
      for (const auto& child : value.children()) array.push_back(Canonical(child));
      return array;
    }
    case TypeId::kMap: {
      json array = json::array();
      for (const auto& entry : value.children()) {
        array.push_back(
            json::array({Canonical(entry.children().at(0)), Canonical(entry.children().at(1))}));
      }
      return array;
    }
    case TypeId::kStruct: {
      json object = json::object();
      const auto& fields = value.type().fields();
      for (size_t i = 0; i < fields.size(); ++i) {
        object[fields[i].name] = Canonical(value.children().at(i));
      }
      return object;
    }
  }
  return "?";
}

class ParquetOracleTest : public ::testing::Test {
 protected:
  // ctest runs every test in its own process, so the files are generated once per build tree
  // and shared: the first process to take the lock generates them, the others wait and reuse
  // them. The folder is keyed by the oracle script's content, so editing it regenerates.
  static void SetUpTestSuite() {
    std::string repo = BASIN_REPO_DIR;
    if (!fs::exists(repo + "/tests/node/node_modules/@duckdb/node-api")) return;
    std::ifstream script(repo + "/tests/node/parquet_oracle.mjs", std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(script)), std::istreambuf_iterator<char>());
    std::string cache = std::string(BASIN_TEST_CACHE_DIR) + "/parquet-oracle-" +
                        std::to_string(std::hash<std::string>{}(text));
    dir_ = new std::string(cache);
    fs::create_directories(BASIN_TEST_CACHE_DIR);
    std::string command = "flock '" + cache + ".lock' sh -c \"test -f '" + cache +
                          "/.complete' || { rm -rf '" + cache + "' && mkdir -p '" + cache +
                          "' && cd '" + repo + "/tests/node' && node parquet_oracle.mjs '" +
                          cache + "' > '" + cache + ".log' 2>&1 && touch '" + cache +
                          "/.complete'; }\"";
    generated_ = std::system(command.c_str()) == 0;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    if (dir_ == nullptr) GTEST_SKIP() << "tests/node/node_modules is not installed";
    ASSERT_TRUE(generated_) << "parquet_oracle.mjs failed; see " << *dir_ << ".log";
  }
  static std::string Path(const std::string& name) { return *dir_ + "/" + name; }

  static std::string* dir_;
  static bool generated_;
};

std::string* ParquetOracleTest::dir_ = nullptr;
bool ParquetOracleTest::generated_ = false;

TEST_F(ParquetOracleTest, EveryFileReadsAsDuckDBReadsIt) {
  std::ifstream manifest_file(Path("manifest.json"));
  json manifest = json::parse(manifest_file);
  ASSERT_GE(manifest.size(), 20u);
  for (const auto& entry : manifest) {
    std::string file = Path(entry["file"].get<std::string>());
    SCOPED_TRACE(file);
    if (entry.contains("error")) {
      try {
        auto reader = OpenParquetReader(file, {});
        columnar::DataChunk chunk;
        while (reader->Next(chunk)) {
        }
        ADD_FAILURE() << "expected an error";
      } catch (const Error& error) {
        EXPECT_EQ(ErrorCodeName(error.code()), entry["error"].get<std::string>()) << error.what();
      }
      continue;
    }
    std::ifstream expected_file(Path(entry["expected"].get<std::string>()));
    auto reader = OpenParquetReader(file, {});
    const auto& schema = reader->schema();
    columnar::DataChunk chunk;
    size_t row = 0;
    int mismatches = 0;
    std::string line;
    while (reader->Next(chunk)) {
      ASSERT_EQ(chunk.column_count(), schema.size());
      for (size_t r = 0; r < chunk.size(); ++r, ++row) {
        ASSERT_TRUE(std::getline(expected_file, line)) << "Basin read more rows than DuckDB";
        json expected = json::parse(line);
        ASSERT_EQ(expected.size(), chunk.column_count());
        for (size_t c = 0; c < chunk.column_count(); ++c) {
          json got = Canonical(chunk.column(c).GetValue(r));
          if (got != expected[c] && mismatches++ < 5) {
            ADD_FAILURE() << "row " << row << ", column " << schema[c].name << ": DuckDB "
                          << expected[c].dump() << ", Basin " << got.dump();
          }
        }
      }
    }
    EXPECT_EQ(row, entry["rows"].get<size_t>());
    EXPECT_EQ(mismatches, 0);
  }
}

TEST_F(ParquetOracleTest, TypesMapAsDocumented) {
  auto reader = ParquetFileReader::Open(Path("t_snappy_V1_dict.parquet"));
  const types::Schema& schema = reader->schema();
  std::map<std::string, std::string> expected = {
      {"id", "int"},
      {"b", "boolean"},
      {"i8", "tinyint"},
      {"i16", "smallint"},
      {"i64", "bigint"},
      {"u8", "smallint"},
      {"u16", "int"},
      {"u32", "bigint"},
      {"u64", "decimal(20,0)"},
      {"f32", "float"},
      {"f64", "double"},
      {"s", "string"},
      {"bin", "binary"},
      {"d9", "decimal(9,2)"},
      {"d18", "decimal(18,4)"},
      {"d38", "decimal(38,10)"},
      {"d4", "decimal(4,1)"},
      {"dt", "date"},
      {"ts", "timestamp"},
      {"ts_ms", "timestamp"},
      {"ts_ns", "timestamp"},
      {"ts_tz", "timestamp"},
      {"u", "string"},
      {"mood", "string"},
      {"js", "string"},
      {"li", "array<bigint>"},
      {"lli", "array<array<bigint>>"},
      {"st", "struct<x:bigint,y:string>"},
      {"mp", "map<string,bigint>"},
      {"lst", "array<struct<p:bigint,q:array<bigint>>>"},
  };
  for (const auto& [name, type] : expected) {
    auto index = schema.Find(name);
    ASSERT_TRUE(index.has_value()) << name;
    EXPECT_EQ(schema[*index].type.ToString(), type) << name;
  }
  EXPECT_EQ(schema[*schema.Find("tm")].type.id(), TypeId::kTime);
}

TEST_F(ParquetOracleTest, OneColumnReadFetchesOnlyItsBytes) {
  std::string file = Path("wide.parquet");
  auto reader = ParquetFileReader::Open(file);
  uint64_t footer_bytes = reader->bytes_read();
  uint64_t size = fs::file_size(file);
  EXPECT_LE(footer_bytes, kFooterReadSize + 4);
  ParquetScan scan(std::move(reader), {0});  // id only
  columnar::DataChunk chunk;
  size_t rows = 0;
  while (scan.Next(chunk)) rows += chunk.size();
  EXPECT_EQ(rows, 10000u);
  uint64_t total = scan.reader().bytes_read();
  EXPECT_LT(total, size / 4) << "read " << total << " of " << size << " bytes";
}

TEST_F(ParquetOracleTest, StatisticsSkipRowGroups) {
  std::string file = Path("sorted.parquet");
  auto count_matching = [&](const std::vector<ColumnPredicate>& predicates, size_t& skipped,
                            size_t& groups_read) {
    auto reader = ParquetFileReader::Open(file);
    size_t groups = reader->row_group_count();
    ParquetScan scan(std::move(reader), {0}, predicates);
    columnar::DataChunk chunk;
    std::vector<int32_t> ids;
    groups_read = 0;
    while (scan.Next(chunk)) {
      ++groups_read;
      for (size_t r = 0; r < chunk.size(); ++r) ids.push_back(chunk.column(0).data<int32_t>()[r]);
    }
    skipped = scan.skipped_row_groups();
    EXPECT_EQ(skipped + groups_read, groups);
    return ids;
  };
  size_t skipped, read;
  auto ids = count_matching({{"id", CompareOp::kLess, Value::Int(100)}}, skipped, read);
  EXPECT_EQ(read, 1u);
  EXPECT_GT(skipped, 2u);
  EXPECT_EQ(std::count_if(ids.begin(), ids.end(), [](int32_t id) { return id < 100; }), 100);

  ids = count_matching({{"id", CompareOp::kGreaterEqual, Value::BigInt(9990)}}, skipped, read);
  EXPECT_EQ(read, 1u);
  EXPECT_EQ(std::count_if(ids.begin(), ids.end(), [](int32_t id) { return id >= 9990; }), 10);

  ids = count_matching({{"id", CompareOp::kEqual, Value::Int(5000)}}, skipped, read);
  EXPECT_EQ(read, 1u);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), 5000), 1);

  // Two predicates: their conjunction.
  ids = count_matching({{"id", CompareOp::kGreater, Value::Int(3000)},
                        {"id", CompareOp::kLessEqual, Value::Int(3001)}},
                       skipped, read);
  EXPECT_EQ(read, 1u);

  // Nothing matches: every group is skipped; a NULL constant matches nothing either.
  count_matching({{"id", CompareOp::kLess, Value::Int(-5)}}, skipped, read);
  EXPECT_EQ(read, 0u);
  count_matching({{"id", CompareOp::kEqual, Value::Null(types::LogicalType::Integer())}}, skipped,
                 read);
  EXPECT_EQ(read, 0u);

  // A decimal constant against an integer column, and date statistics.
  types::LogicalType decimal = types::LogicalType::Decimal(10, 1);
  count_matching({{"id", CompareOp::kLess, Value::Decimal(decimal, 995)}}, skipped, read);
  EXPECT_EQ(read, 1u);
  auto reader = ParquetFileReader::Open(file);
  EXPECT_TRUE(reader->RowGroupMayMatch(0, {{"dt", CompareOp::kGreater, Value::Date(-100000)}}));
  EXPECT_FALSE(reader->RowGroupMayMatch(0, {{"dt", CompareOp::kLess, Value::Date(-100000)}}));
  // A string column's statistics: 'row-' values and unicode ones sort below 'zzz'.
  EXPECT_FALSE(reader->RowGroupMayMatch(0, {{"s", CompareOp::kGreater, Value::Varchar("zzz")}}));
  EXPECT_TRUE(reader->RowGroupMayMatch(0, {{"s", CompareOp::kEqual, Value::Varchar("row-1")}}));
  // Incomparable constants never exclude.
  EXPECT_TRUE(reader->RowGroupMayMatch(0, {{"dt", CompareOp::kLess, Value::Varchar("x")}}));
  EXPECT_THROW(reader->RowGroupMayMatch(0, {{"nope", CompareOp::kLess, Value::Int(1)}}), Error);
}

TEST_F(ParquetOracleTest, ProjectionByName) {
  ReadOptions options;
  options.columns = {"ts", "ID"};
  auto reader = OpenParquetReader(Path("defaults.parquet"), options);
  ASSERT_EQ(reader->schema().size(), 2u);
  EXPECT_EQ(reader->schema()[0].name, "ts");
  EXPECT_EQ(reader->schema()[1].name, "id");
  columnar::DataChunk chunk;
  ASSERT_TRUE(reader->Next(chunk));
  EXPECT_EQ(chunk.column(1).data<int32_t>()[7], 7);
  options.columns = {"missing"};
  try {
    OpenParquetReader(Path("defaults.parquet"), options);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
    EXPECT_NE(std::string(error.what()).find("missing"), std::string::npos);
  }
}

}  // namespace
}  // namespace basin::formats::parquet
