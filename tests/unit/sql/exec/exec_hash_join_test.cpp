// HashJoin and the set operations driven directly, against nested-loop oracles computed here.

#include <gtest/gtest.h>

#include <functional>
#include <random>

#include "common/error.hpp"
#include "exec_hash_test_util.hpp"
#include "sql/exec/hash_join.hpp"
#include "sql/exec/hash_operators.hpp"

namespace basin::sql {
namespace {

using namespace basin::sql::testing;

constexpr uint32_t kLeft = 1;
constexpr uint32_t kRight = 2;

using Rows = std::vector<std::vector<Value>>;

ColumnLayout Layout(uint32_t table, size_t columns) {
  ColumnLayout layout;
  for (uint32_t i = 0; i < columns; ++i) layout.push_back({table, i});
  return layout;
}

struct Stub : PhysicalOperator {
  explicit Stub(std::vector<LogicalType> t) : PhysicalOperator(std::move(t)) {}
  std::string Describe() const override { return "stub"; }
};

std::vector<DataChunk> Chunks(const std::vector<LogicalType>& types, const Rows& rows,
                              size_t per_chunk) {
  std::vector<DataChunk> chunks;
  for (size_t i = 0; i < rows.size(); i += per_chunk) {
    Rows part(rows.begin() + i, rows.begin() + std::min(rows.size(), i + per_chunk));
    chunks.push_back(MakeChunk(types, part));
  }
  return chunks;
}

std::string RowText(const std::vector<Value>& row) {
  std::string line;
  for (size_t c = 0; c < row.size(); ++c) {
    if (c > 0) line += "|";
    line += row[c].ToString();
  }
  return line;
}

// Runs `op` (a join whose build side is `build`) over `probe`: every output row, sorted.
std::vector<std::string> RunJoin(PhysicalOperator& op, const std::vector<LogicalType>& probe_types,
                                 const Rows& probe, const std::vector<LogicalType>& build_types,
                                 const Rows& build, size_t build_workers = 2) {
  ExecContext context(0, 2);
  auto build_chunks = Chunks(build_types, build, 700);
  RunSink(op, context, build_chunks, build_workers);
  std::vector<std::string> rows;
  auto state = op.InitOperatorState(context);
  for (auto& chunk : Chunks(probe_types, probe, 900)) {
    while (true) {
      DataChunk out;
      OperatorResult result = op.Execute(context, chunk, out, *state);
      EXPECT_LE(out.size(), columnar::kChunkRows);
      for (auto& row : ChunkRows(out)) rows.push_back(row);
      if (result == OperatorResult::kNeedMoreInput) break;
      EXPECT_EQ(result, OperatorResult::kHaveMoreOutput);
    }
  }
  if (op.HasFinalSource()) {
    for (auto& row : ReadSourceRows(op, context)) rows.push_back(row);
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

// Probe (k bigint, s varchar), build (k bigint, t varchar): skewed keys with NULLs.
struct Data {
  std::vector<LogicalType> types = {LogicalType::BigInt(), LogicalType::Varchar()};
  Rows probe, build;
};

Data MakeData(size_t probe_rows, size_t build_rows, uint64_t seed) {
  Data data;
  std::mt19937_64 rng(seed);
  auto key = [&](bool build) -> Value {
    uint64_t x = rng() % 100;
    if (x < 3) return Value::Null(LogicalType::BigInt());
    if (x < 30) return Value::BigInt(7);  // a hot key: fan-out past one chunk
    return Value::BigInt(static_cast<int64_t>(rng() % (build ? 400 : 500)));
  };
  for (size_t i = 0; i < probe_rows; ++i) {
    data.probe.push_back({key(false), Value::Varchar("probe row with a long text " + std::to_string(i))});
  }
  for (size_t i = 0; i < build_rows; ++i) {
    data.build.push_back({key(true), Value::Varchar("b" + std::to_string(i % 5))});
  }
  return data;
}

std::unique_ptr<LogicalJoin> MakeLogical(JoinKind kind, const Data& data, bool with_residual) {
  auto owned = std::make_unique<LogicalJoin>();
  LogicalJoin& join = *owned;
  join.join_kind = kind;
  if (kind != JoinKind::kCross) {
    join.left_keys.push_back(MakeColumn({kLeft, 0}, LogicalType::BigInt()));
    join.right_keys.push_back(MakeColumn({kRight, 0}, LogicalType::BigInt()));
    join.null_equal.push_back(false);
  }
  if (with_residual) {
    // s > t, as a real $gt over varchar.
    CallSite call;
    call.argument_types = {LogicalType::Varchar(), LogicalType::Varchar()};
    auto gt = std::make_shared<ScalarFunction>(ResolveScalarFunction("$gt", call));
    std::vector<BoundExprPtr> args;
    args.push_back(MakeColumn({kLeft, 1}, LogicalType::Varchar()));
    args.push_back(MakeColumn({kRight, 1}, LogicalType::Varchar()));
    join.residual = MakeFunction(gt, std::move(args));
  }
  for (uint32_t i = 0; i < 2; ++i) {
    join.bindings.push_back({kLeft, i});
    join.types.push_back(data.types[i]);
  }
  bool left_only = kind == JoinKind::kSemi || kind == JoinKind::kAnti ||
                   kind == JoinKind::kAntiNullAware || kind == JoinKind::kMark;
  if (!left_only) {
    // The build columns in reverse order: outputs follow the bindings, not the inputs.
    for (uint32_t i : {1u, 0u}) {
      join.bindings.push_back({kRight, i});
      join.types.push_back(data.types[i]);
    }
  }
  if (kind == JoinKind::kMark) {
    join.mark_binding = {9, 0};
    join.bindings.push_back(join.mark_binding);
    join.types.push_back(LogicalType::Boolean());
  }
  return owned;
}

// The oracle: nested loops over Values.
std::vector<std::string> Oracle(JoinKind kind, const Data& data, bool with_residual) {
  auto keys_match = [&](const std::vector<Value>& p, const std::vector<Value>& b) {
    if (kind == JoinKind::kCross) return true;
    return !p[0].is_null() && !b[0].is_null() && p[0] == b[0];
  };
  auto residual = [&](const std::vector<Value>& p, const std::vector<Value>& b) {
    return !with_residual || p[1].string_value() > b[1].string_value();
  };
  auto null_row = [&]() {
    return std::vector<Value>{Value::Null(data.types[0]), Value::Null(data.types[1])};
  };
  std::vector<std::string> rows;
  std::vector<bool> build_matched(data.build.size());
  for (const auto& p : data.probe) {
    size_t matches = 0;
    for (size_t j = 0; j < data.build.size(); ++j) {
      const auto& b = data.build[j];
      if (!keys_match(p, b) || !residual(p, b)) continue;
      ++matches;
      build_matched[j] = true;
      if (kind == JoinKind::kInner || kind == JoinKind::kLeft || kind == JoinKind::kRight ||
          kind == JoinKind::kFull || kind == JoinKind::kCross || kind == JoinKind::kSingle) {
        rows.push_back(RowText({p[0], p[1], b[1], b[0]}));
      }
    }
    bool build_has_null = false;
    for (const auto& b : data.build) build_has_null |= b[0].is_null();
    switch (kind) {
      case JoinKind::kLeft:
      case JoinKind::kFull:
      case JoinKind::kSingle:
        if (matches == 0) rows.push_back(RowText({p[0], p[1], null_row()[1], null_row()[0]}));
        break;
      case JoinKind::kSemi:
        if (matches > 0) rows.push_back(RowText(p));
        break;
      case JoinKind::kAnti:
        if (matches == 0) rows.push_back(RowText(p));
        break;
      case JoinKind::kAntiNullAware:
        if (data.build.empty() || (matches == 0 && !p[0].is_null() && !build_has_null)) {
          rows.push_back(RowText(p));
        }
        break;
      case JoinKind::kMark: {
        Value mark = Value::Boolean(matches > 0);
        if (matches == 0 && !data.build.empty() && (p[0].is_null() || build_has_null)) {
          mark = Value::Null(LogicalType::Boolean());
        }
        rows.push_back(RowText({p[0], p[1], mark}));
        break;
      }
      default: break;
    }
  }
  if (kind == JoinKind::kRight || kind == JoinKind::kFull) {
    for (size_t j = 0; j < data.build.size(); ++j) {
      if (!build_matched[j]) {
        rows.push_back(RowText({null_row()[0], null_row()[1], data.build[j][1], data.build[j][0]}));
      }
    }
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

void CheckJoin(JoinKind kind, const Data& data, bool with_residual, size_t build_workers = 2) {
  auto logical = MakeLogical(kind, data, with_residual);
  auto op = MakeHashJoin(*logical, std::make_unique<Stub>(data.types),
                         std::make_unique<Stub>(data.types), Layout(kLeft, 2), Layout(kRight, 2));
  auto got = RunJoin(*op, data.types, data.probe, data.types, data.build, build_workers);
  auto expected = Oracle(kind, data, with_residual);
  ASSERT_EQ(got.size(), expected.size()) << op->Describe();
  EXPECT_EQ(got, expected) << op->Describe();
}

const JoinKind kKeyedKinds[] = {JoinKind::kInner, JoinKind::kLeft,          JoinKind::kRight,
                                JoinKind::kFull,  JoinKind::kSemi,          JoinKind::kAnti,
                                JoinKind::kMark,  JoinKind::kAntiNullAware};

TEST(HashJoin, EveryKindMatchesOracle) {
  Data data = MakeData(2000, 1000, 11);
  for (JoinKind kind : kKeyedKinds) CheckJoin(kind, data, false);
}

TEST(HashJoin, EveryKindWithResidualMatchesOracle) {
  Data data = MakeData(1500, 800, 12);
  for (JoinKind kind : kKeyedKinds) CheckJoin(kind, data, true);
}

TEST(HashJoin, EmptySides) {
  Data data = MakeData(500, 300, 13);
  Data no_build = data;
  no_build.build.clear();
  Data no_probe = data;
  no_probe.probe.clear();
  for (JoinKind kind : kKeyedKinds) {
    CheckJoin(kind, no_build, false);
    CheckJoin(kind, no_probe, false);
  }
}

TEST(HashJoin, BuildWithoutNullsForNullAwareKinds) {
  Data data = MakeData(800, 400, 14);
  std::erase_if(data.build, [](const auto& row) { return row[0].is_null(); });
  CheckJoin(JoinKind::kAntiNullAware, data, false);
  CheckJoin(JoinKind::kMark, data, false);
}

TEST(HashJoin, CrossJoinIsNestedLoop) {
  Data data = MakeData(70, 90, 15);
  CheckJoin(JoinKind::kCross, data, false, 1);
  CheckJoin(JoinKind::kCross, data, true, 2);
  Data one = MakeData(3000, 1, 16);  // the common shape: a scalar aggregate joined to a table
  CheckJoin(JoinKind::kCross, one, false);
}

TEST(HashJoin, SingleJoinErrorsOnSecondMatch) {
  Data data;
  data.probe = {{Value::BigInt(1), Value::Varchar("a")}, {Value::BigInt(2), Value::Varchar("b")}};
  data.build = {{Value::BigInt(1), Value::Varchar("x")}};
  CheckJoin(JoinKind::kSingle, data, false);
  data.build.push_back({Value::BigInt(1), Value::Varchar("y")});
  try {
    CheckJoin(JoinKind::kSingle, data, false);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
    EXPECT_NE(std::string(e.what()).find("more than one row"), std::string::npos);
  }
}

TEST(HashJoin, MultiColumnNullEqualKeys) {
  // (a, b) IS NOT DISTINCT FROM (c, d) over integers and doubles.
  std::vector<LogicalType> types = {LogicalType::Integer(), LogicalType::Double()};
  Rows probe, build;
  std::mt19937_64 rng(5);
  auto value = [&](int which) -> Value {
    if (rng() % 5 == 0) return Value::Null(types[which]);
    return which == 0 ? Value::Int(static_cast<int32_t>(rng() % 6))
                      : Value::Double(static_cast<double>(rng() % 4) / 2);
  };
  for (int i = 0; i < 400; ++i) probe.push_back({value(0), value(1)});
  for (int i = 0; i < 300; ++i) build.push_back({value(0), value(1)});
  LogicalJoin join;
  join.join_kind = JoinKind::kInner;
  for (uint32_t i = 0; i < 2; ++i) {
    join.left_keys.push_back(MakeColumn({kLeft, i}, types[i]));
    join.right_keys.push_back(MakeColumn({kRight, i}, types[i]));
    join.null_equal.push_back(true);
  }
  for (uint32_t t : {kLeft, kRight}) {
    for (uint32_t i = 0; i < 2; ++i) {
      join.bindings.push_back({t, i});
      join.types.push_back(types[i]);
    }
  }
  auto op = MakeHashJoin(join, std::make_unique<Stub>(types), std::make_unique<Stub>(types),
                         Layout(kLeft, 2), Layout(kRight, 2));
  auto got = RunJoin(*op, types, probe, types, build);
  std::vector<std::string> expected;
  for (const auto& p : probe) {
    for (const auto& b : build) {
      if (p[0] == b[0] && p[1] == b[1]) expected.push_back(RowText({p[0], p[1], b[0], b[1]}));
    }
  }
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(got, expected);
}

// Output strings point into the build side's bytes; they must outlive the join itself.
TEST(HashJoin, OutputStringsOutliveTheJoin) {
  Data data = MakeData(300, 200, 17);
  auto logical = MakeLogical(JoinKind::kFull, data, false);
  auto op = MakeHashJoin(*logical, std::make_unique<Stub>(data.types),
                         std::make_unique<Stub>(data.types), Layout(kLeft, 2), Layout(kRight, 2));
  ExecContext context(0, 2);
  auto build_chunks = Chunks(data.types, data.build, 64);
  RunSink(*op, context, build_chunks, 2);
  std::vector<DataChunk> outputs;
  auto state = op->InitOperatorState(context);
  for (auto& chunk : Chunks(data.types, data.probe, 100)) {
    while (true) {
      DataChunk out;
      OperatorResult result = op->Execute(context, chunk, out, *state);
      outputs.push_back(std::move(out));
      if (result == OperatorResult::kNeedMoreInput) break;
    }
  }
  auto global = op->InitGlobalSource(context);
  auto local = op->InitLocalSource(context, *global);
  DataChunk out;
  while (op->GetChunk(context, *global, *local, out)) {
    outputs.push_back(std::move(out));
    out = DataChunk();
  }
  state.reset();
  op.reset();
  build_chunks.clear();
  std::vector<std::string> rows;
  for (auto& chunk : outputs) {
    for (auto& row : ChunkRows(chunk)) rows.push_back(row);
  }
  std::sort(rows.begin(), rows.end());
  EXPECT_EQ(rows, Oracle(JoinKind::kFull, data, false));
}

// ---- Set operations ----------------------------------------------------------------------

std::vector<std::string> RunSetOperation(SetOperationKind kind, bool all, const Rows& a,
                                         const Rows& b, const std::vector<LogicalType>& types) {
  LogicalSetOperation logical;
  logical.op = kind;
  logical.all = all;
  std::vector<PhysicalPtr> children;
  children.push_back(std::make_unique<Stub>(types));
  children.push_back(std::make_unique<Stub>(types));
  auto op = MakeSetOperation(logical, std::move(children));
  // Distinct variants are an aggregate over the join: run the join into the aggregate's sink.
  PhysicalOperator* join = op.get();
  PhysicalOperator* distinct = nullptr;
  if (!all) {
    distinct = op.get();
    join = op->children[0].get();
  }
  ExecContext context(0, 2);
  auto build_chunks = Chunks(types, b, 50);
  RunSink(*join, context, build_chunks, 2);
  std::vector<DataChunk> outputs;
  auto state = join->InitOperatorState(context);
  for (auto& chunk : Chunks(types, a, 64)) {
    while (true) {
      DataChunk out;
      OperatorResult result = join->Execute(context, chunk, out, *state);
      outputs.push_back(std::move(out));
      if (result == OperatorResult::kNeedMoreInput) break;
    }
  }
  if (join->HasFinalSource()) {
    auto global = join->InitGlobalSource(context);
    auto local = join->InitLocalSource(context, *global);
    DataChunk out;
    while (join->GetChunk(context, *global, *local, out)) {
      outputs.push_back(std::move(out));
      out = DataChunk();
    }
  }
  if (distinct != nullptr) {
    RunSink(*distinct, context, outputs, 2);
    return ReadSourceRows(*distinct, context);
  }
  std::vector<std::string> rows;
  for (auto& chunk : outputs) {
    for (auto& row : ChunkRows(chunk)) rows.push_back(row);
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

TEST(SetOperation, AllVariantsMatchMultisetOracle) {
  std::vector<LogicalType> types = {LogicalType::BigInt(), LogicalType::Varchar()};
  std::mt19937_64 rng(21);
  auto row = [&]() -> std::vector<Value> {
    Value k = rng() % 7 == 0 ? Value::Null(types[0]) : Value::BigInt(static_cast<int64_t>(rng() % 8));
    Value s = rng() % 9 == 0 ? Value::Null(types[1]) : Value::Varchar(rng() % 2 ? "x" : "a long string value!");
    return {k, s};
  };
  Rows a, b;
  for (int i = 0; i < 500; ++i) a.push_back(row());
  for (int i = 0; i < 300; ++i) b.push_back(row());
  std::map<std::string, int64_t> ca, cb;
  for (const auto& r : a) ++ca[RowText(r)];
  for (const auto& r : b) ++cb[RowText(r)];
  auto expect = [&](SetOperationKind kind, bool all) {
    std::map<std::string, int64_t> result;
    std::set<std::string> keys;
    for (auto& [k, n] : ca) keys.insert(k);
    for (auto& [k, n] : cb) keys.insert(k);
    for (const auto& k : keys) {
      int64_t x = ca.count(k) ? ca[k] : 0;
      int64_t y = cb.count(k) ? cb[k] : 0;
      int64_t n = 0;
      switch (kind) {
        case SetOperationKind::kUnion: n = all ? x + y : (x + y > 0); break;
        case SetOperationKind::kIntersect: n = all ? std::min(x, y) : (x > 0 && y > 0); break;
        case SetOperationKind::kExcept: n = all ? std::max<int64_t>(x - y, 0) : (x > 0 && y == 0); break;
      }
      if (n > 0) result[k] = n;
    }
    std::vector<std::string> rows;
    for (auto& [k, n] : result) {
      for (int64_t i = 0; i < n; ++i) rows.push_back(k);
    }
    return rows;
  };
  for (auto kind : {SetOperationKind::kUnion, SetOperationKind::kIntersect, SetOperationKind::kExcept}) {
    for (bool all : {false, true}) {
      EXPECT_EQ(RunSetOperation(kind, all, a, b, types), expect(kind, all))
          << static_cast<int>(kind) << " all=" << all;
    }
  }
}

}  // namespace
}  // namespace basin::sql
