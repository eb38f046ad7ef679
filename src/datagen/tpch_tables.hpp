#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "types/schema.hpp"

namespace basin::datagen::tpch {

// The eight tables of TPC-H (specification clause 1.4), in the order `basin gen tpch` writes them.
enum class Table : uint8_t {
  kPart,
  kSupplier,
  kPartSupp,
  kCustomer,
  kOrders,
  kLineItem,
  kNation,
  kRegion,
};

std::span<const Table> AllTables();
// "part", "supplier", "partsupp", "customer", "orders", "lineitem", "nation", "region".
std::string_view TableName(Table table);
// Parses a table name (any case); throws InvalidInput listing the names.
Table ParseTable(std::string_view name);

// The columns of a table: keys INTEGER (order keys BIGINT, they pass 2^31 from SF 358), money,
// quantities and rates DECIMAL(15,2), dates DATE, everything else VARCHAR; no column is nullable.
const types::Schema& TableSchema(Table table);

// Days since 1970-01-01 of the specification's fixed dates (clause 4.2.3): orders are placed
// between kStartDate and kEndDate - 151 days; kCurrentDate splits shipped from open lines.
constexpr int32_t kStartDate = 8035;    // 1992-01-01
constexpr int32_t kCurrentDate = 9298;  // 1995-06-17
constexpr int32_t kEndDate = 10591;     // 1998-12-31
constexpr int32_t kLastOrderDate = kEndDate - 151;

// Table sizes at one scale factor (clause 4.2.5): SF x 10,000 suppliers, 200,000 parts (4
// suppliers each), 150,000 customers, 1,500,000 orders (1 to 7 lines each), 1,000 clerks.
struct Scale {
  // Throws InvalidInput unless 0.001 <= scale_factor <= 10000.
  explicit Scale(double scale_factor);

  double scale_factor;
  int64_t suppliers;
  int64_t parts;
  int64_t customers;
  int64_t orders;
  int64_t clerks;
  // Suppliers whose comment mentions "Customer … Complaints" (and as many "… Recommends").
  int64_t complaint_suppliers;

  // Exact row count, except LINEITEM, whose count is known only after generation (this returns
  // the expected 4 x orders).
  int64_t RowCount(Table table) const;
};

// O_ORDERKEY of the index-th order (0-based): keys are sparse, only the first 8 of every 32
// key values are used (clause 4.2.3), so 0..7 -> 1..8, 8 -> 33.
constexpr int64_t OrderKey(int64_t index) { return (index / 8) * 32 + index % 8 + 1; }

// PS_SUPPKEY of part `part_key`'s supplier number `i` (0..3), clause 4.2.3:
// (partkey + i * (S/4 + (partkey - 1) / S)) mod S + 1. For the rare scale factors where two of
// a part's four suppliers would coincide, the later one moves to the next free supplier key,
// so (PS_PARTKEY, PS_SUPPKEY) stays unique. LINEITEM uses the same function, so every
// (L_PARTKEY, L_SUPPKEY) pair is in PARTSUPP.
int64_t PartSupplier(const Scale& scale, int64_t part_key, int i);

// P_RETAILPRICE in cents: 90000 + (partkey / 10) mod 20001 + 100 * (partkey mod 1000).
constexpr int64_t RetailPriceCents(int64_t part_key) {
  return 90000 + (part_key / 10) % 20001 + 100 * (part_key % 1000);
}

// A line's share of O_TOTALPRICE in cents: extendedprice * (1 + tax) * (1 - discount), with
// tax and discount in hundredths, rounded half up to the cent.
constexpr int64_t LineChargeCents(int64_t extended_cents, int64_t discount, int64_t tax) {
  return (extended_cents * (100 - discount) * (100 + tax) + 5000) / 10000;
}

}  // namespace basin::datagen::tpch
