#include "datagen/tpch_tables.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

#include "common/error.hpp"

namespace basin::datagen::tpch {

namespace {

constexpr std::array<Table, 8> kTables = {Table::kPart,     Table::kSupplier, Table::kPartSupp,
                                          Table::kCustomer, Table::kOrders,   Table::kLineItem,
                                          Table::kNation,   Table::kRegion};

types::Schema MakeSchema(Table table) {
  using types::LogicalType;
  const LogicalType integer = LogicalType::Integer();
  const LogicalType bigint = LogicalType::BigInt();
  const LogicalType money = LogicalType::Decimal(15, 2);
  const LogicalType text = LogicalType::Varchar();
  const LogicalType date = LogicalType::Date();
  auto field = [](const char* name, const LogicalType& type) {
    return types::Field{name, type, false};
  };
  switch (table) {
    case Table::kPart:
      return types::Schema({field("p_partkey", integer), field("p_name", text),
                            field("p_mfgr", text), field("p_brand", text), field("p_type", text),
                            field("p_size", integer), field("p_container", text),
                            field("p_retailprice", money), field("p_comment", text)});
    case Table::kSupplier:
      return types::Schema({field("s_suppkey", integer), field("s_name", text),
                            field("s_address", text), field("s_nationkey", integer),
                            field("s_phone", text), field("s_acctbal", money),
                            field("s_comment", text)});
    case Table::kPartSupp:
      return types::Schema({field("ps_partkey", integer), field("ps_suppkey", integer),
                            field("ps_availqty", integer), field("ps_supplycost", money),
                            field("ps_comment", text)});
    case Table::kCustomer:
      return types::Schema({field("c_custkey", integer), field("c_name", text),
                            field("c_address", text), field("c_nationkey", integer),
                            field("c_phone", text), field("c_acctbal", money),
                            field("c_mktsegment", text), field("c_comment", text)});
    case Table::kOrders:
      return types::Schema(
          {field("o_orderkey", bigint), field("o_custkey", integer), field("o_orderstatus", text),
           field("o_totalprice", money), field("o_orderdate", date), field("o_orderpriority", text),
           field("o_clerk", text), field("o_shippriority", integer), field("o_comment", text)});
    case Table::kLineItem:
      return types::Schema(
          {field("l_orderkey", bigint), field("l_partkey", integer), field("l_suppkey", integer),
           field("l_linenumber", integer), field("l_quantity", money),
           field("l_extendedprice", money), field("l_discount", money), field("l_tax", money),
           field("l_returnflag", text), field("l_linestatus", text), field("l_shipdate", date),
           field("l_commitdate", date), field("l_receiptdate", date), field("l_shipinstruct", text),
           field("l_shipmode", text), field("l_comment", text)});
    case Table::kNation:
      return types::Schema({field("n_nationkey", integer), field("n_name", text),
                            field("n_regionkey", integer), field("n_comment", text)});
    case Table::kRegion:
      return types::Schema(
          {field("r_regionkey", integer), field("r_name", text), field("r_comment", text)});
  }
  ThrowInternal("unknown TPC-H table");
}

int64_t Scaled(double scale_factor, double base) {
  return std::max<int64_t>(1, std::llround(scale_factor * base));
}

}  // namespace

std::span<const Table> AllTables() { return kTables; }

std::string_view TableName(Table table) {
  switch (table) {
    case Table::kPart: return "part";
    case Table::kSupplier: return "supplier";
    case Table::kPartSupp: return "partsupp";
    case Table::kCustomer: return "customer";
    case Table::kOrders: return "orders";
    case Table::kLineItem: return "lineitem";
    case Table::kNation: return "nation";
    case Table::kRegion: return "region";
  }
  return "part";
}

Table ParseTable(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (Table table : kTables) {
    if (TableName(table) == lower) return table;
  }
  ThrowInvalid("unknown TPC-H table '" + std::string(name) +
               "': choose from part, supplier, partsupp, customer, orders, lineitem, nation, "
               "region");
}

const types::Schema& TableSchema(Table table) {
  static const std::array<types::Schema, 8> schemas = [] {
    std::array<types::Schema, 8> all;
    for (Table t : kTables) all[static_cast<size_t>(t)] = MakeSchema(t);
    return all;
  }();
  return schemas[static_cast<size_t>(table)];
}

Scale::Scale(double sf) : scale_factor(sf) {
  if (!std::isfinite(sf) || sf < 0.001 || sf > 10000) {
    char text[32];
    std::snprintf(text, sizeof(text), "%g", sf);
    ThrowInvalid("TPC-H scale factor " + std::string(text) +
                 " is out of range: give a number from 0.001 to 10000 (1 is about 1 GB)");
  }
  suppliers = Scaled(sf, 10'000);
  parts = Scaled(sf, 200'000);
  customers = Scaled(sf, 150'000);
  orders = Scaled(sf, 1'500'000);
  clerks = Scaled(sf, 1'000);
  complaint_suppliers = std::min(Scaled(sf, 5), suppliers / 2);
}

int64_t Scale::RowCount(Table table) const {
  switch (table) {
    case Table::kPart: return parts;
    case Table::kSupplier: return suppliers;
    case Table::kPartSupp: return parts * 4;
    case Table::kCustomer: return customers;
    case Table::kOrders: return orders;
    case Table::kLineItem: return orders * 4;
    case Table::kNation: return 25;
    case Table::kRegion: return 5;
  }
  return 0;
}

int64_t PartSupplier(const Scale& scale, int64_t part_key, int i) {
  const int64_t suppliers = scale.suppliers;
  const int64_t stride = suppliers / 4 + (part_key - 1) / suppliers;
  int64_t chosen[4];
  for (int j = 0; j <= i; ++j) {
    int64_t key = (part_key + j * stride) % suppliers + 1;
    for (int k = 0; k < j; ++k) {
      if (chosen[k] == key) {
        key = key % suppliers + 1;
        k = -1;  // re-check against every earlier choice
      }
    }
    chosen[j] = key;
  }
  return chosen[i];
}

}  // namespace basin::datagen::tpch
