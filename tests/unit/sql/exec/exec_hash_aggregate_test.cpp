// HashAggregate driven directly, against std::map oracles computed here.

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <random>
#include <set>

#include "common/error.hpp"
#include "exec_hash_test_util.hpp"
#include "sql/exec/hash_operators.hpp"

namespace basin::sql {
namespace {

using namespace basin::sql::testing;

constexpr uint32_t kIn = 7;  // the child's table index

ColumnLayout Layout(size_t columns) {
  ColumnLayout layout;
  for (uint32_t i = 0; i < columns; ++i) layout.push_back({kIn, i});
  return layout;
}

BoundExprPtr Col(uint32_t i, LogicalType type) { return MakeColumn({kIn, i}, std::move(type)); }

BoundAggregate Agg(std::shared_ptr<const AggregateFunction> f, std::vector<BoundExprPtr> args,
                   bool distinct = false, BoundExprPtr filter = nullptr) {
  BoundAggregate a;
  a.function = std::move(f);
  a.arguments = std::move(args);
  a.distinct = distinct;
  a.filter = std::move(filter);
  return a;
}

std::string Text(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "NULL"; }

// Input: (k varchar, v bigint, flag boolean). Query:
//   SELECT k, count(*), sum(v), count(DISTINCT v), sum(v) FILTER (WHERE flag) GROUP BY k
TEST(HashAggregate, GroupsDistinctAndFilterMatchOracle) {
  const std::vector<LogicalType> types = {LogicalType::Varchar(), LogicalType::BigInt(),
                                          LogicalType::Boolean()};
  LogicalAggregate logical;
  logical.groups.push_back(Col(0, types[0]));
  logical.aggregates.push_back(Agg(TestCount(true), {}));
  {
    std::vector<BoundExprPtr> a;
    a.push_back(Col(1, types[1]));
    logical.aggregates.push_back(Agg(TestSum(), std::move(a)));
  }
  {
    std::vector<BoundExprPtr> a;
    a.push_back(Col(1, types[1]));
    logical.aggregates.push_back(Agg(TestCount(false), std::move(a), true));
  }
  {
    std::vector<BoundExprPtr> a;
    a.push_back(Col(1, types[1]));
    logical.aggregates.push_back(Agg(TestSum(), std::move(a), false, Col(2, types[2])));
  }
  auto op = MakeHashAggregate(logical, nullptr, Layout(3));

  struct Oracle {
    int64_t count = 0;
    std::optional<int64_t> sum, filtered_sum;
    std::set<int64_t> distinct;
  };
  std::map<std::string, Oracle> oracle;
  std::mt19937_64 rng(7);
  std::vector<DataChunk> chunks;
  for (int c = 0; c < 20; ++c) {
    std::vector<std::vector<Value>> rows;
    for (int r = 0; r < 1000; ++r) {
      int64_t key = static_cast<int64_t>(rng() % 300);
      Value k = key == 0 ? Value::Null(LogicalType::Varchar())
                         : Value::Varchar("group key longer than twelve bytes " +
                                          std::to_string(key));
      bool v_null = rng() % 10 == 0;
      int64_t v = static_cast<int64_t>(rng() % 50) - 10;
      bool flag = rng() % 3 == 0;
      rows.push_back({k, v_null ? Value::Null(LogicalType::BigInt()) : Value::BigInt(v),
                      Value::Boolean(flag)});
      Oracle& o = oracle[k.ToString()];
      ++o.count;
      if (!v_null) {
        o.sum = o.sum.value_or(0) + v;
        o.distinct.insert(v);
        if (flag) o.filtered_sum = o.filtered_sum.value_or(0) + v;
      }
    }
    chunks.push_back(MakeChunk(types, rows));
  }
  for (size_t workers : {1, 3}) {
    auto op2 = MakeHashAggregate(logical, nullptr, Layout(3));
    std::vector<DataChunk> copy;
    for (auto& chunk : chunks) {
      DataChunk c2;
      InitChunk(c2, types);
      AppendChunk(chunk, c2);
      copy.push_back(std::move(c2));
    }
    ExecContext context(0, 2);
    RunSink(*op2, context, copy, workers);
    std::vector<std::string> expected;
    for (const auto& [key, o] : oracle) {
      expected.push_back(key + "|" + std::to_string(o.count) + "|" + Text(o.sum) + "|" +
                         std::to_string(o.distinct.size()) + "|" + Text(o.filtered_sum));
    }
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(ReadSourceRows(*op2, context), expected) << workers << " workers";
    EXPECT_GT(context.peak(), 0u);
  }
}

TEST(HashAggregate, NoGroupsOverEmptyInputIsOneRow) {
  LogicalAggregate logical;
  logical.aggregates.push_back(Agg(TestCount(true), {}));
  std::vector<BoundExprPtr> a;
  a.push_back(Col(0, LogicalType::BigInt()));
  logical.aggregates.push_back(Agg(TestSum(), std::move(a)));
  for (size_t workers : {1, 2}) {
    auto op = MakeHashAggregate(logical, nullptr, Layout(1));
    ExecContext context(0, 2);
    std::vector<DataChunk> none;
    RunSink(*op, context, none, workers);
    EXPECT_EQ(ReadSourceRows(*op, context), std::vector<std::string>{"0|NULL"});
  }
}

TEST(HashAggregate, GroupByOverEmptyInputIsNoRows) {
  LogicalAggregate logical;
  logical.groups.push_back(Col(0, LogicalType::BigInt()));
  logical.aggregates.push_back(Agg(TestCount(true), {}));
  auto op = MakeHashAggregate(logical, nullptr, Layout(1));
  ExecContext context(0, 2);
  std::vector<DataChunk> none;
  RunSink(*op, context, none, 2);
  EXPECT_TRUE(ReadSourceRows(*op, context).empty());
}

// 1M rows, ~600k groups over 2 workers: the partitioned parallel merge.
TEST(HashAggregate, HighCardinalityMergeMatchesOracle) {
  const std::vector<LogicalType> types = {LogicalType::BigInt(), LogicalType::BigInt()};
  LogicalAggregate logical;
  logical.groups.push_back(Col(0, types[0]));
  logical.aggregates.push_back(Agg(TestCount(true), {}));
  std::vector<BoundExprPtr> a;
  a.push_back(Col(1, types[1]));
  logical.aggregates.push_back(Agg(TestSum(), std::move(a)));
  auto op = MakeHashAggregate(logical, nullptr, Layout(2));
  const size_t total = 1000000;
  const int64_t keys = 600000;
  std::vector<int64_t> count(keys), sum(keys);
  std::vector<DataChunk> chunks;
  std::mt19937_64 rng(3);
  for (size_t base = 0; base < total; base += 2048) {
    size_t rows = std::min<size_t>(2048, total - base);
    DataChunk chunk;
    InitChunk(chunk, types);
    chunk.column(0).Resize(rows);
    chunk.column(1).Resize(rows);
    for (size_t i = 0; i < rows; ++i) {
      int64_t k = static_cast<int64_t>(rng() % keys);
      int64_t v = static_cast<int64_t>(rng() % 1000);
      chunk.column(0).data<int64_t>()[i] = k;
      chunk.column(1).data<int64_t>()[i] = v;
      ++count[k];
      sum[k] += v;
    }
    chunk.SetSizeOnly(rows);
    chunks.push_back(std::move(chunk));
  }
  ExecContext context(0, 2);
  RunSink(*op, context, chunks, 2);
  auto global = op->InitGlobalSource(context);
  EXPECT_GT(op->MaxParallelism(*global), 100u);
  auto local = op->InitLocalSource(context, *global);
  DataChunk out;
  std::vector<uint8_t> seen(keys);
  size_t groups = 0;
  while (op->GetChunk(context, *global, *local, out)) {
    for (size_t r = 0; r < out.size(); ++r) {
      int64_t k = out.column(0).data<int64_t>()[r];
      ASSERT_FALSE(seen[k]) << "group " << k << " output twice";
      seen[k] = 1;
      ASSERT_EQ(out.column(1).data<int64_t>()[r], count[k]);
      ASSERT_EQ(out.column(2).data<int64_t>()[r], sum[k]);
      ++groups;
    }
  }
  size_t expected_groups = 0;
  for (int64_t c : count) expected_groups += c > 0 ? 1 : 0;
  EXPECT_EQ(groups, expected_groups);
}

// GROUP BY GROUPING SETS ((a, b), (a), ()) with count(*).
TEST(HashAggregate, GroupingSetsOutputNullForAbsentKeys) {
  const std::vector<LogicalType> types = {LogicalType::Integer(), LogicalType::Varchar()};
  LogicalAggregate logical;
  logical.groups.push_back(Col(0, types[0]));
  logical.groups.push_back(Col(1, types[1]));
  logical.grouping_sets = {{0, 1}, {0}, {}};
  logical.aggregates.push_back(Agg(TestCount(true), {}));
  auto op = MakeHashAggregate(logical, nullptr, Layout(2));
  std::vector<DataChunk> chunks;
  chunks.push_back(MakeChunk(types, {{Value::Int(1), Value::Varchar("x")},
                                     {Value::Int(1), Value::Varchar("y")},
                                     {Value::Int(2), Value::Varchar("x")}}));
  chunks.push_back(MakeChunk(types, {{Value::Int(1), Value::Varchar("x")},
                                     {Value::Null(types[0]), Value::Varchar("x")}}));
  ExecContext context(0, 2);
  RunSink(*op, context, chunks, 2);
  std::vector<std::string> expected = {"1|x|2", "1|y|1",    "2|x|1",    "NULL|x|1",
                                       "1|NULL|3", "2|NULL|1", "NULL|NULL|1", "NULL|NULL|5"};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(ReadSourceRows(*op, context), expected);
}

TEST(HashAggregate, DistinctOfAllColumns) {
  const std::vector<LogicalType> types = {LogicalType::Double(), LogicalType::Varchar()};
  std::vector<DataChunk> chunks;
  chunks.push_back(MakeChunk(types, {{Value::Double(0.0), Value::Varchar("a")},
                                     {Value::Double(-0.0), Value::Varchar("a")},
                                     {Value::Null(types[0]), Value::Null(types[1])}}));
  chunks.push_back(MakeChunk(types, {{Value::Null(types[0]), Value::Null(types[1])},
                                     {Value::Double(1.5), Value::Varchar("a")}}));
  struct Stub : PhysicalOperator {
    explicit Stub(std::vector<LogicalType> t) : PhysicalOperator(std::move(t)) {}
    std::string Describe() const override { return "stub"; }
  };
  auto op = MakeDistinct(std::make_unique<Stub>(types));
  ExecContext context(0, 2);
  RunSink(*op, context, chunks, 2);
  EXPECT_EQ(ReadSourceRows(*op, context).size(), 3u);
}

// A list-building aggregate whose state owns heap memory (init/destroy), like array_agg.
std::shared_ptr<const AggregateFunction> TestConcat() {
  using List = std::vector<int64_t>;
  auto f = std::make_shared<AggregateFunction>();
  f->name = "test_concat";
  f->arguments = {LogicalType::BigInt()};
  f->result = LogicalType::Varchar();
  f->state_size = sizeof(List*);
  f->state_align = alignof(List*);
  f->init = [](uint8_t* s) { *reinterpret_cast<List**>(s) = new List(); };
  f->update = [](std::span<const Vector* const> args, size_t rows, uint8_t* const* states) {
    for (size_t i = 0; i < rows; ++i) {
      if (!args[0]->IsNull(i)) (*reinterpret_cast<List**>(states[i]))->push_back(args[0]->data<int64_t>()[i]);
    }
  };
  f->combine = [](const uint8_t* a, uint8_t* b) {
    const List& from = **reinterpret_cast<List* const*>(a);
    List& to = **reinterpret_cast<List**>(b);
    to.insert(to.end(), from.begin(), from.end());
  };
  f->finalize = [](uint8_t* const* states, size_t count, Vector& out) {
    for (size_t i = 0; i < count; ++i) {
      std::string text;
      for (int64_t v : **reinterpret_cast<List**>(states[i])) text += std::to_string(v) + ",";
      out.SetString(i, text);
    }
  };
  f->destroy = [](uint8_t* s) { delete *reinterpret_cast<List**>(s); };
  return f;
}

// SELECT k, test_concat(v ORDER BY o DESC), test_concat(v) GROUP BY k: the ordered list follows
// o; the unordered one has the same elements.
TEST(HashAggregate, OrderedAggregateFeedsRowsInOrder) {
  const std::vector<LogicalType> types = {LogicalType::BigInt(), LogicalType::BigInt(),
                                          LogicalType::BigInt()};
  LogicalAggregate logical;
  logical.groups.push_back(Col(0, types[0]));
  {
    std::vector<BoundExprPtr> a;
    a.push_back(Col(2, types[2]));
    BoundAggregate agg = Agg(TestConcat(), std::move(a));
    BoundOrder order;
    order.expr = Col(1, types[1]);
    order.descending = true;
    agg.order_by.push_back(std::move(order));
    logical.aggregates.push_back(std::move(agg));
  }
  {
    std::vector<BoundExprPtr> a;
    a.push_back(Col(2, types[2]));
    logical.aggregates.push_back(Agg(TestConcat(), std::move(a)));
  }
  std::mt19937_64 rng(9);
  std::vector<int64_t> orders(3000);
  for (size_t i = 0; i < orders.size(); ++i) orders[i] = static_cast<int64_t>(i);
  std::shuffle(orders.begin(), orders.end(), rng);
  std::map<int64_t, std::map<int64_t, int64_t>> by_group;  // k -> o -> v
  std::vector<DataChunk> chunks;
  std::vector<std::vector<Value>> rows;
  for (size_t i = 0; i < orders.size(); ++i) {
    int64_t k = static_cast<int64_t>(rng() % 40), v = static_cast<int64_t>(rng() % 1000);
    by_group[k][orders[i]] = v;
    rows.push_back({Value::BigInt(k), Value::BigInt(orders[i]), Value::BigInt(v)});
    if (rows.size() == 256) {
      chunks.push_back(MakeChunk(types, rows));
      rows.clear();
    }
  }
  chunks.push_back(MakeChunk(types, rows));
  auto op = MakeHashAggregate(logical, nullptr, Layout(3));
  ExecContext context(0, 2);
  RunSink(*op, context, chunks, 3);
  auto got = ReadSourceRows(*op, context);
  ASSERT_EQ(got.size(), by_group.size());
  std::vector<std::string> expected;
  for (const auto& [k, entries] : by_group) {
    std::string ordered;
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) ordered += std::to_string(it->second) + ",";
    expected.push_back(std::to_string(k) + "|" + ordered);
  }
  std::sort(expected.begin(), expected.end());
  for (size_t i = 0; i < got.size(); ++i) {
    // Compare the key and the ordered list; the unordered list only as a multiset.
    std::string row = got[i];
    size_t last = row.rfind('|');
    EXPECT_EQ(row.substr(0, last), expected[i]);
    auto split = [](const std::string& text) {
      std::vector<std::string> parts;
      size_t start = 0;
      for (size_t p = text.find(','); p != std::string::npos; p = text.find(',', start)) {
        parts.push_back(text.substr(start, p - start));
        start = p + 1;
      }
      std::sort(parts.begin(), parts.end());
      return parts;
    };
    size_t first = expected[i].find('|');
    EXPECT_EQ(split(row.substr(last + 1)), split(expected[i].substr(first + 1)));
  }
}

TEST(HashAggregate, MemoryLimitIsResourceExhausted) {
  LogicalAggregate logical;
  logical.groups.push_back(Col(0, LogicalType::BigInt()));
  logical.aggregates.push_back(Agg(TestCount(true), {}));
  auto op = MakeHashAggregate(logical, nullptr, Layout(1));
  std::vector<DataChunk> chunks;
  for (int64_t base = 0; base < 400000; base += 2048) {
    DataChunk chunk;
    InitChunk(chunk, {LogicalType::BigInt()});
    chunk.column(0).Resize(2048);
    for (int64_t i = 0; i < 2048; ++i) chunk.column(0).data<int64_t>()[i] = base + i;
    chunk.SetSizeOnly(2048);
    chunks.push_back(std::move(chunk));
  }
  ExecContext context(1 << 20, 2);
  try {
    RunSink(*op, context, chunks, 1);
    FAIL() << "expected ResourceExhausted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kResourceExhausted);
  }
}

}  // namespace
}  // namespace basin::sql
