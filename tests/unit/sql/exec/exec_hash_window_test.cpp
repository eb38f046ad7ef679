// Window driven directly, against per-row definitions computed here by brute force.

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <optional>
#include <random>

#include "exec_hash_test_util.hpp"
#include "sql/exec/hash_operators.hpp"

namespace basin::sql {
namespace {

using namespace basin::sql::testing;

constexpr uint32_t kIn = 3;
constexpr uint32_t kWin = 8;

// Input (id bigint, p varchar, o bigint, v bigint).
struct Row {
  int64_t id;
  std::optional<std::string> p;
  std::optional<int64_t> o, v;
};

std::vector<LogicalType> InputTypes() {
  return {LogicalType::BigInt(), LogicalType::Varchar(), LogicalType::BigInt(),
          LogicalType::BigInt()};
}

std::vector<Row> MakeRows(size_t n, bool unique_order, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<int64_t> orders(n);
  for (size_t i = 0; i < n; ++i) orders[i] = static_cast<int64_t>(i * 3);
  std::shuffle(orders.begin(), orders.end(), rng);
  std::vector<Row> rows;
  for (size_t i = 0; i < n; ++i) {
    Row r;
    r.id = static_cast<int64_t>(i);
    uint64_t p = rng() % 12;
    if (p != 0) r.p = "partition with a long name " + std::to_string(p);
    if (unique_order) {
      r.o = orders[i];
    } else if (rng() % 15 != 0) {
      r.o = static_cast<int64_t>(rng() % 40);
    }
    if (rng() % 6 != 0) r.v = static_cast<int64_t>(rng() % 100) - 20;
    rows.push_back(r);
  }
  return rows;
}

std::vector<DataChunk> ToChunks(const std::vector<Row>& rows) {
  std::vector<DataChunk> chunks;
  auto types = InputTypes();
  std::vector<std::vector<Value>> values;
  for (const Row& r : rows) {
    values.push_back({Value::BigInt(r.id), r.p ? Value::Varchar(*r.p) : Value::Null(types[1]),
                      r.o ? Value::BigInt(*r.o) : Value::Null(types[2]),
                      r.v ? Value::BigInt(*r.v) : Value::Null(types[3])});
    if (values.size() == 500) {
      chunks.push_back(MakeChunk(types, values));
      values.clear();
    }
  }
  if (!values.empty()) chunks.push_back(MakeChunk(types, values));
  return chunks;
}

BoundExprPtr Col(uint32_t i) { return MakeColumn({kIn, i}, InputTypes()[i]); }

BoundWindow Over(WindowFunctionKind kind, LogicalType type, bool partitioned, bool ordered,
                 bool descending = false) {
  BoundWindow w;
  w.kind = kind;
  w.type = std::move(type);
  if (partitioned) w.partition_by.push_back(Col(1));
  if (ordered) {
    BoundOrder order;
    order.expr = Col(2);
    order.descending = descending;
    w.order_by.push_back(std::move(order));
  }
  return w;
}

// The oracle's view of one row's partition, sorted like the window.
struct Context {
  std::vector<const Row*> partition;  // sorted by o (NULLs last), ties in any order
  size_t position;                    // of the row
};

bool Peers(const Row* a, const Row* b) { return a->o == b->o; }

using Oracle = std::function<std::string(const Context&)>;

void Check(const std::vector<Row>& rows, std::vector<BoundWindow> windows,
           const std::vector<Oracle>& oracles, bool descending = false) {
  auto logical = std::make_unique<LogicalWindow>();
  logical->table_index = kWin;
  ColumnLayout layout;
  for (uint32_t i = 0; i < 4; ++i) {
    layout.push_back({kIn, i});
    logical->bindings.push_back({kIn, i});
    logical->types.push_back(InputTypes()[i]);
  }
  for (uint32_t j = 0; j < windows.size(); ++j) {
    logical->bindings.push_back({kWin, j});
    logical->types.push_back(windows[j].type);
  }
  logical->windows = std::move(windows);
  auto op = MakeWindow(*logical, std::make_unique<StubOperator>(InputTypes()), layout);
  ExecContext context(0, 2);
  auto chunks = ToChunks(rows);
  RunSink(*op, context, chunks, 3);
  auto got = ReadSourceRows(*op, context);

  std::map<std::optional<std::string>, std::vector<const Row*>> partitions;
  for (const Row& r : rows) partitions[r.p].push_back(&r);
  std::vector<std::string> expected;
  for (auto& [key, members] : partitions) {
    std::stable_sort(members.begin(), members.end(), [&](const Row* a, const Row* b) {
      if (a->o.has_value() != b->o.has_value()) return a->o.has_value();
      if (!a->o) return false;
      return descending ? *a->o > *b->o : *a->o < *b->o;
    });
    for (size_t i = 0; i < members.size(); ++i) {
      const Row& r = *members[i];
      std::string line = std::to_string(r.id) + "|" + (r.p ? *r.p : "NULL") + "|" +
                         (r.o ? std::to_string(*r.o) : "NULL") + "|" +
                         (r.v ? std::to_string(*r.v) : "NULL");
      for (const auto& oracle : oracles) line += "|" + oracle(Context{members, i});
      expected.push_back(line);
    }
  }
  std::sort(expected.begin(), expected.end());
  ASSERT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < got.size(); ++i) ASSERT_EQ(got[i], expected[i]) << "row " << i;
}

std::string SumOf(const Context& c, size_t begin, size_t end) {
  std::optional<int64_t> sum;
  for (size_t i = begin; i < end; ++i) {
    if (c.partition[i]->v) sum = sum.value_or(0) + *c.partition[i]->v;
  }
  return sum ? std::to_string(*sum) : "NULL";
}

std::string V(const Row* r) { return r->v ? std::to_string(*r->v) : "NULL"; }

BoundWindow WithFrame(BoundWindow w, FrameUnitKind unit, FrameBoundType start, int64_t s,
                      FrameBoundType end, int64_t e) {
  w.frame.unit = unit;
  w.frame.start = start;
  w.frame.start_offset = s;
  w.frame.end = end;
  w.frame.end_offset = e;
  return w;
}

BoundWindow Sum(BoundWindow w) {
  w.aggregate = TestSum();
  w.arguments.push_back(Col(3));
  return w;
}

// Unique ORDER BY keys: positions are well defined, so ROWS frames, row_number, lag/lead and
// first/last values have one right answer.
TEST(Window, PositionalFunctionsAndRowsFrames) {
  auto rows = MakeRows(3000, true, 1);
  std::vector<BoundWindow> w;
  std::vector<Oracle> o;
  w.push_back(Over(WindowFunctionKind::kRowNumber, LogicalType::BigInt(), true, true));
  o.push_back([](const Context& c) { return std::to_string(c.position + 1); });
  {
    auto lag = Over(WindowFunctionKind::kLag, LogicalType::BigInt(), true, true);
    lag.arguments.push_back(Col(3));
    lag.arguments.push_back(MakeConstant(Value::BigInt(2)));
    lag.arguments.push_back(MakeConstant(Value::BigInt(-1)));
    w.push_back(std::move(lag));
    o.push_back([](const Context& c) {
      return c.position >= 2 ? V(c.partition[c.position - 2]) : std::string("-1");
    });
  }
  {
    auto lead = Over(WindowFunctionKind::kLead, LogicalType::BigInt(), true, true);
    lead.arguments.push_back(Col(3));
    w.push_back(std::move(lead));
    o.push_back([](const Context& c) {
      return c.position + 1 < c.partition.size() ? V(c.partition[c.position + 1])
                                                 : std::string("NULL");
    });
  }
  {
    auto first = Over(WindowFunctionKind::kFirstValue, LogicalType::BigInt(), true, true);
    first.arguments.push_back(Col(3));
    w.push_back(std::move(first));
    o.push_back([](const Context& c) { return V(c.partition[0]); });
  }
  {
    auto last = Over(WindowFunctionKind::kLastValue, LogicalType::BigInt(), true, true);
    last.arguments.push_back(Col(3));
    w.push_back(std::move(last));
    o.push_back([](const Context& c) { return V(c.partition[c.position]); });
  }
  {
    auto ntile = Over(WindowFunctionKind::kNtile, LogicalType::BigInt(), true, true);
    ntile.arguments.push_back(MakeConstant(Value::BigInt(7)));
    w.push_back(std::move(ntile));
    o.push_back([](const Context& c) {
      // Bucket sizes differ by at most one, larger buckets first.
      const size_t n = c.partition.size(), b = 7;
      size_t start = 0;
      for (size_t bucket = 0; bucket < b; ++bucket) {
        size_t size = n / b + (bucket < n % b ? 1 : 0);
        if (c.position < start + size) return std::to_string(bucket + 1);
        start += size;
      }
      return std::string("?");
    });
  }
  w.push_back(Sum(WithFrame(Over(WindowFunctionKind::kAggregate, LogicalType::BigInt(), true, true),
                            FrameUnitKind::kRows, FrameBoundType::kPreceding, 2,
                            FrameBoundType::kCurrentRow, 0)));
  o.push_back([](const Context& c) {
    return SumOf(c, c.position >= 2 ? c.position - 2 : 0, c.position + 1);
  });
  w.push_back(Sum(WithFrame(Over(WindowFunctionKind::kAggregate, LogicalType::BigInt(), true, true),
                            FrameUnitKind::kRows, FrameBoundType::kCurrentRow, 0,
                            FrameBoundType::kUnboundedFollowing, 0)));
  o.push_back([](const Context& c) { return SumOf(c, c.position, c.partition.size()); });
  w.push_back(Sum(WithFrame(Over(WindowFunctionKind::kAggregate, LogicalType::BigInt(), true, true),
                            FrameUnitKind::kRows, FrameBoundType::kFollowing, 1,
                            FrameBoundType::kFollowing, 3)));
  o.push_back([](const Context& c) {
    size_t n = c.partition.size();
    return SumOf(c, std::min(n, c.position + 1), std::min(n, c.position + 4));
  });
  w.push_back(Sum(WithFrame(Over(WindowFunctionKind::kAggregate, LogicalType::BigInt(), true, true),
                            FrameUnitKind::kRows, FrameBoundType::kUnboundedPreceding, 0,
                            FrameBoundType::kPreceding, 1)));
  o.push_back([](const Context& c) { return SumOf(c, 0, c.position); });
  Check(rows, std::move(w), o);
}

// Duplicate and NULL ORDER BY keys: ranks, peers and RANGE frames.
TEST(Window, RanksAndRangeFramesWithPeers) {
  auto rows = MakeRows(2500, false, 2);
  auto peer_begin = [](const Context& c) {
    size_t i = c.position;
    while (i > 0 && Peers(c.partition[i - 1], c.partition[c.position])) --i;
    return i;
  };
  auto peer_end = [](const Context& c) {
    size_t i = c.position + 1;
    while (i < c.partition.size() && Peers(c.partition[i], c.partition[c.position])) ++i;
    return i;
  };
  std::vector<BoundWindow> w;
  std::vector<Oracle> o;
  w.push_back(Over(WindowFunctionKind::kRank, LogicalType::BigInt(), true, true));
  o.push_back([&](const Context& c) { return std::to_string(peer_begin(c) + 1); });
  w.push_back(Over(WindowFunctionKind::kDenseRank, LogicalType::BigInt(), true, true));
  o.push_back([&](const Context& c) {
    size_t groups = 1;
    for (size_t i = 1; i <= c.position; ++i) {
      if (!Peers(c.partition[i - 1], c.partition[i])) ++groups;
    }
    return std::to_string(groups);
  });
  w.push_back(Over(WindowFunctionKind::kCumeDist, LogicalType::Double(), true, true));
  o.push_back([&](const Context& c) {
    return Value::Double(static_cast<double>(peer_end(c)) / c.partition.size()).ToString();
  });
  w.push_back(Over(WindowFunctionKind::kPercentRank, LogicalType::Double(), true, true));
  o.push_back([&](const Context& c) {
    double n = static_cast<double>(c.partition.size());
    return Value::Double(n <= 1 ? 0.0 : peer_begin(c) / (n - 1)).ToString();
  });
  // Default frame: RANGE UNBOUNDED PRECEDING .. CURRENT ROW includes the peers.
  w.push_back(Sum(Over(WindowFunctionKind::kAggregate, LogicalType::BigInt(), true, true)));
  o.push_back([&](const Context& c) { return SumOf(c, 0, peer_end(c)); });
  // No ORDER BY: the whole partition.
  w.push_back(Sum(Over(WindowFunctionKind::kAggregate, LogicalType::BigInt(), true, false)));
  o.push_back([&](const Context& c) { return SumOf(c, 0, c.partition.size()); });
  // count(*) over everything: no PARTITION BY at all.
  {
    auto count = Over(WindowFunctionKind::kAggregate, LogicalType::BigInt(), false, false);
    count.aggregate = TestCount(true);
    w.push_back(std::move(count));
    o.push_back([&](const Context&) { return std::to_string(rows.size()); });
  }
  // RANGE BETWEEN 3 PRECEDING AND 2 FOLLOWING: by key value; NULL keys frame their peers.
  w.push_back(Sum(WithFrame(Over(WindowFunctionKind::kAggregate, LogicalType::BigInt(), true, true),
                            FrameUnitKind::kRange, FrameBoundType::kPreceding, 3,
                            FrameBoundType::kFollowing, 2)));
  o.push_back([&](const Context& c) {
    const Row* me = c.partition[c.position];
    if (!me->o) return SumOf(c, peer_begin(c), peer_end(c));
    std::optional<int64_t> sum;
    for (const Row* r : c.partition) {
      if (r->o && *r->o >= *me->o - 3 && *r->o <= *me->o + 2 && r->v) sum = sum.value_or(0) + *r->v;
    }
    return sum ? std::to_string(*sum) : std::string("NULL");
  });
  // GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW: this peer group and the one before.
  w.push_back(Sum(WithFrame(Over(WindowFunctionKind::kAggregate, LogicalType::BigInt(), true, true),
                            FrameUnitKind::kGroups, FrameBoundType::kPreceding, 1,
                            FrameBoundType::kCurrentRow, 0)));
  o.push_back([&](const Context& c) {
    size_t begin = peer_begin(c);
    if (begin > 0) {
      Context previous{c.partition, begin - 1};
      begin = peer_begin(previous);
    }
    return SumOf(c, begin, peer_end(c));
  });
  Check(rows, std::move(w), o);
}

TEST(Window, DescendingOrderAndEmptyInput) {
  auto rows = MakeRows(800, false, 3);
  std::vector<BoundWindow> w;
  std::vector<Oracle> o;
  w.push_back(Over(WindowFunctionKind::kRank, LogicalType::BigInt(), true, true, true));
  o.push_back([](const Context& c) {
    size_t i = c.position;
    while (i > 0 && Peers(c.partition[i - 1], c.partition[c.position])) --i;
    return std::to_string(i + 1);
  });
  Check(rows, std::move(w), o, true);
  std::vector<BoundWindow> w2;
  w2.push_back(Over(WindowFunctionKind::kRowNumber, LogicalType::BigInt(), true, true));
  Check({}, std::move(w2), {[](const Context&) { return std::string(); }});
}

}  // namespace
}  // namespace basin::sql
