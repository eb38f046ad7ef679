#include "datagen/tpch_generator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "common/error.hpp"
#include "datagen/tpch_lists.hpp"
#include "types/date_time.hpp"

namespace basin::datagen::tpch {
namespace {

using columnar::DataChunk;

// One generated table, with its values gathered per column for checking.
struct TableData {
  std::vector<DataChunk> chunks;
  size_t rows = 0;

  size_t Column(Table table, std::string_view name) const {
    auto index = TableSchema(table).Find(name);
    if (!index) throw std::runtime_error("no column " + std::string(name));
    return *index;
  }
  // Integer, date and decimal (unscaled) columns.
  std::vector<int64_t> Ints(Table table, std::string_view name) const {
    size_t c = Column(table, name);
    std::vector<int64_t> values;
    values.reserve(rows);
    for (const auto& chunk : chunks) {
      const auto& vector = chunk.column(c);
      for (size_t r = 0; r < chunk.size(); ++r) {
        values.push_back(vector.physical() == types::PhysicalType::kInt32
                             ? vector.data<int32_t>()[r]
                             : vector.data<int64_t>()[r]);
      }
    }
    return values;
  }
  std::vector<std::string_view> Strings(Table table, std::string_view name) const {
    size_t c = Column(table, name);
    std::vector<std::string_view> values;
    values.reserve(rows);
    for (const auto& chunk : chunks) {
      for (size_t r = 0; r < chunk.size(); ++r) {
        values.push_back(chunk.column(c).data<std::string_view>()[r]);
      }
    }
    return values;
  }
};

// Generated once for the whole suite: SF 0.01 (100 suppliers, 2,000 parts, 1,500 customers,
// 15,000 orders).
class TpchAtSf001 : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    generator_ = new Generator(0.01);
    tables_ = new std::map<Table, TableData>();
    for (Table table : AllTables()) {
      TableData data;
      data.chunks = generator_->GenerateAll(table);
      for (const auto& chunk : data.chunks) data.rows += chunk.size();
      (*tables_)[table] = std::move(data);
    }
  }
  static void TearDownTestSuite() {
    delete tables_;
    delete generator_;
  }
  static const TableData& Get(Table table) { return tables_->at(table); }

  static Generator* generator_;
  static std::map<Table, TableData>* tables_;
};
Generator* TpchAtSf001::generator_ = nullptr;
std::map<Table, TableData>* TpchAtSf001::tables_ = nullptr;

int32_t Day(int year, int month, int day) { return types::DaysFromCivil(year, month, day); }

// SQL LIKE '%part1%part2%…': the parts occur in this order.
bool ContainsInOrder(std::string_view text, std::initializer_list<std::string_view> parts) {
  size_t at = 0;
  for (std::string_view part : parts) {
    at = text.find(part, at);
    if (at == std::string_view::npos) return false;
    at += part.size();
  }
  return true;
}

// The words of `text` separated by single spaces.
std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  size_t start = 0;
  for (size_t end; (end = text.find(' ', start)) != std::string_view::npos; start = end + 1) {
    words.push_back(text.substr(start, end - start));
  }
  words.push_back(text.substr(start));
  return words;
}

bool OneOf(std::string_view word, std::initializer_list<std::string_view> choices) {
  return std::find(choices.begin(), choices.end(), word) != choices.end();
}

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "STANDARD POLISHED TIN": one word of each of the three syllable lists.
bool IsPartType(std::string_view text) {
  auto words = Words(text);
  return words.size() == 3 &&
         OneOf(words[0], {"STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"}) &&
         OneOf(words[1], {"ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"}) &&
         OneOf(words[2], {"TIN", "NICKEL", "BRASS", "STEEL", "COPPER"});
}

// "JUMBO PKG": one word of each of the two syllable lists.
bool IsContainer(std::string_view text) {
  auto words = Words(text);
  return words.size() == 2 && OneOf(words[0], {"SM", "LG", "MED", "JUMBO", "WRAP"}) &&
         OneOf(words[1], {"CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM"});
}

TEST(TpchScale, CardinalitiesFollowTheScaleFactor) {
  Scale one(1);
  EXPECT_EQ(one.suppliers, 10'000);
  EXPECT_EQ(one.parts, 200'000);
  EXPECT_EQ(one.RowCount(Table::kPartSupp), 800'000);
  EXPECT_EQ(one.customers, 150'000);
  EXPECT_EQ(one.orders, 1'500'000);
  EXPECT_EQ(one.RowCount(Table::kNation), 25);
  EXPECT_EQ(one.RowCount(Table::kRegion), 5);
  Scale tenth(0.1);
  EXPECT_EQ(tenth.suppliers, 1'000);
  EXPECT_EQ(tenth.orders, 150'000);
  EXPECT_EQ(tenth.complaint_suppliers, 1);  // SF x 5 rounds to at least one
}

TEST(TpchScale, RejectsScaleFactorsOutOfRange) {
  for (double bad : {0.0, -1.0, 0.0001, 20000.0, std::numeric_limits<double>::quiet_NaN()}) {
    try {
      Scale scale(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
    }
  }
}

TEST(TpchScale, SpecDatesAndKeyFormulas) {
  EXPECT_EQ(kStartDate, Day(1992, 1, 1));
  EXPECT_EQ(kCurrentDate, Day(1995, 6, 17));
  EXPECT_EQ(kEndDate, Day(1998, 12, 31));
  EXPECT_EQ(kLastOrderDate, Day(1998, 8, 2));
  // Only the first 8 of each 32 keys.
  EXPECT_EQ(OrderKey(0), 1);
  EXPECT_EQ(OrderKey(7), 8);
  EXPECT_EQ(OrderKey(8), 33);
  EXPECT_EQ(OrderKey(17), 66);
  // (90000 + (key / 10) mod 20001 + 100 * (key mod 1000)) / 100: part 1 costs 901.00,
  // part 1234 costs 1135.23.
  EXPECT_EQ(RetailPriceCents(1), 90100);
  EXPECT_EQ(RetailPriceCents(1234), 90000 + 123 + 23400);
  // 1,000.00 with 10% off and 8% tax is 972.00.
  EXPECT_EQ(LineChargeCents(100000, 10, 8), 97200);
}

TEST(TpchScale, PartSuppliersFollowTheSpecFormulaAndAreDistinct) {
  Scale one(1);
  // (partkey + i * (S/4 + (partkey-1)/S)) mod S + 1 with S = 10,000.
  EXPECT_EQ(PartSupplier(one, 1, 0), 2);
  EXPECT_EQ(PartSupplier(one, 1, 1), 2502);
  EXPECT_EQ(PartSupplier(one, 1, 3), 7502);
  EXPECT_EQ(PartSupplier(one, 123456, 2), (123456 + 2 * (2500 + 12)) % 10000 + 1);
  // At SF 0.012 (S = 120) the formula alone would repeat a supplier for some parts.
  for (double sf : {0.001, 0.012, 0.01, 0.05}) {
    Scale scale(sf);
    for (int64_t part = 1; part <= scale.parts; ++part) {
      std::set<int64_t> suppliers;
      for (int i = 0; i < 4; ++i) {
        int64_t supplier = PartSupplier(scale, part, i);
        ASSERT_GE(supplier, 1);
        ASSERT_LE(supplier, scale.suppliers);
        suppliers.insert(supplier);
      }
      ASSERT_EQ(suppliers.size(), 4u) << "sf " << sf << " part " << part;
    }
  }
}

TEST_F(TpchAtSf001, Cardinalities) {
  EXPECT_EQ(Get(Table::kPart).rows, 2'000u);
  EXPECT_EQ(Get(Table::kSupplier).rows, 100u);
  EXPECT_EQ(Get(Table::kPartSupp).rows, 8'000u);
  EXPECT_EQ(Get(Table::kCustomer).rows, 1'500u);
  EXPECT_EQ(Get(Table::kOrders).rows, 15'000u);
  EXPECT_EQ(Get(Table::kNation).rows, 25u);
  EXPECT_EQ(Get(Table::kRegion).rows, 5u);
  // 1 to 7 lines per order, 4 on average.
  size_t lines = Get(Table::kLineItem).rows;
  EXPECT_GT(lines, 15'000u * 3.9);
  EXPECT_LT(lines, 15'000u * 4.1);
  for (Table table : AllTables()) {
    for (const auto& chunk : Get(table).chunks) {
      EXPECT_LE(chunk.size(), columnar::kChunkRows);
      EXPECT_GT(chunk.size(), 0u);
      ASSERT_EQ(chunk.column_count(), TableSchema(table).size());
      for (size_t c = 0; c < chunk.column_count(); ++c) {
        EXPECT_EQ(chunk.column(c).size(), chunk.size());
        EXPECT_EQ(chunk.column(c).type(), TableSchema(table)[c].type);
        EXPECT_TRUE(chunk.column(c).validity().AllValid());
      }
    }
  }
}

TEST_F(TpchAtSf001, KeysAreDenseOrSparseAsSpecified) {
  auto dense = [](const std::vector<int64_t>& keys, int64_t count) {
    ASSERT_EQ(keys.size(), static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i) ASSERT_EQ(keys[i], i + 1);
  };
  dense(Get(Table::kPart).Ints(Table::kPart, "p_partkey"), 2'000);
  dense(Get(Table::kSupplier).Ints(Table::kSupplier, "s_suppkey"), 100);
  dense(Get(Table::kCustomer).Ints(Table::kCustomer, "c_custkey"), 1'500);

  auto orders = Get(Table::kOrders).Ints(Table::kOrders, "o_orderkey");
  std::set<int64_t> unique(orders.begin(), orders.end());
  EXPECT_EQ(unique.size(), orders.size());
  EXPECT_TRUE(std::is_sorted(orders.begin(), orders.end()));
  for (int64_t key : orders) ASSERT_LT((key - 1) % 32, 8) << key;
  EXPECT_EQ(orders.back(), (15'000 / 8 - 1) * 32 + 8);

  const auto& ps = Get(Table::kPartSupp);
  auto ps_part = ps.Ints(Table::kPartSupp, "ps_partkey");
  auto ps_supp = ps.Ints(Table::kPartSupp, "ps_suppkey");
  std::set<std::pair<int64_t, int64_t>> pairs;
  for (size_t i = 0; i < ps_part.size(); ++i) pairs.insert({ps_part[i], ps_supp[i]});
  EXPECT_EQ(pairs.size(), ps_part.size());
  std::map<int64_t, int> per_part;
  for (int64_t part : ps_part) per_part[part]++;
  EXPECT_EQ(per_part.size(), 2'000u);
  for (auto [part, count] : per_part) ASSERT_EQ(count, 4) << part;

  const auto& li = Get(Table::kLineItem);
  auto l_order = li.Ints(Table::kLineItem, "l_orderkey");
  auto l_number = li.Ints(Table::kLineItem, "l_linenumber");
  for (size_t i = 0; i < l_order.size(); ++i) {
    bool starts_order = i == 0 || l_order[i] != l_order[i - 1];
    if (starts_order) {
      ASSERT_EQ(l_number[i], 1) << i;
    } else {
      ASSERT_EQ(l_number[i], l_number[i - 1] + 1) << i;
      ASSERT_LE(l_number[i], 7);
    }
  }
}

TEST_F(TpchAtSf001, ReferentialIntegrity) {
  const auto& ps = Get(Table::kPartSupp);
  auto ps_part = ps.Ints(Table::kPartSupp, "ps_partkey");
  auto ps_supp = ps.Ints(Table::kPartSupp, "ps_suppkey");
  std::set<std::pair<int64_t, int64_t>> partsupp;
  for (size_t i = 0; i < ps_part.size(); ++i) {
    ASSERT_GE(ps_supp[i], 1);
    ASSERT_LE(ps_supp[i], 100);
    partsupp.insert({ps_part[i], ps_supp[i]});
  }

  auto orders = Get(Table::kOrders).Ints(Table::kOrders, "o_orderkey");
  std::unordered_set<int64_t> order_keys(orders.begin(), orders.end());
  const auto& li = Get(Table::kLineItem);
  auto l_order = li.Ints(Table::kLineItem, "l_orderkey");
  auto l_part = li.Ints(Table::kLineItem, "l_partkey");
  auto l_supp = li.Ints(Table::kLineItem, "l_suppkey");
  std::unordered_set<int64_t> orders_with_lines;
  for (size_t i = 0; i < l_order.size(); ++i) {
    ASSERT_TRUE(order_keys.count(l_order[i])) << l_order[i];
    ASSERT_TRUE(partsupp.count({l_part[i], l_supp[i]})) << l_part[i] << "/" << l_supp[i];
    orders_with_lines.insert(l_order[i]);
  }
  EXPECT_EQ(orders_with_lines.size(), orders.size());

  // Customers whose key is a multiple of 3 never order; the others mostly do.
  auto o_cust = Get(Table::kOrders).Ints(Table::kOrders, "o_custkey");
  std::set<int64_t> ordering;
  for (int64_t customer : o_cust) {
    ASSERT_GE(customer, 1);
    ASSERT_LE(customer, 1'500);
    ASSERT_NE(customer % 3, 0) << customer;
    ordering.insert(customer);
  }
  EXPECT_GT(ordering.size(), 950u);  // of 1,000 eligible, 15 orders each on average

  for (Table table : {Table::kSupplier, Table::kCustomer}) {
    std::string column = table == Table::kSupplier ? "s_nationkey" : "c_nationkey";
    std::set<int64_t> nations;
    for (int64_t nation : Get(table).Ints(table, column)) {
      ASSERT_GE(nation, 0);
      ASSERT_LE(nation, 24);
      nations.insert(nation);
    }
    EXPECT_EQ(nations.size(), 25u) << column;
  }
  auto n_region = Get(Table::kNation).Ints(Table::kNation, "n_regionkey");
  auto r_key = Get(Table::kRegion).Ints(Table::kRegion, "r_regionkey");
  EXPECT_EQ(r_key, (std::vector<int64_t>{0, 1, 2, 3, 4}));
  std::map<int64_t, int> nations_per_region;
  for (int64_t region : n_region) nations_per_region[region]++;
  for (int64_t region : r_key) EXPECT_EQ(nations_per_region[region], 5) << region;
}

TEST_F(TpchAtSf001, NationAndRegionRows) {
  auto names = Get(Table::kNation).Strings(Table::kNation, "n_name");
  auto regions = Get(Table::kNation).Ints(Table::kNation, "n_regionkey");
  EXPECT_EQ(names[0], "ALGERIA");
  EXPECT_EQ(names[7], "GERMANY");
  EXPECT_EQ(regions[7], 3);
  EXPECT_EQ(names[24], "UNITED STATES");
  EXPECT_EQ(regions[24], 1);
  auto r_names = Get(Table::kRegion).Strings(Table::kRegion, "r_name");
  EXPECT_EQ(r_names[2], "ASIA");
  EXPECT_EQ(r_names[4], "MIDDLE EAST");
}

TEST_F(TpchAtSf001, PartValues) {
  const auto& part = Get(Table::kPart);
  auto keys = part.Ints(Table::kPart, "p_partkey");
  auto names = part.Strings(Table::kPart, "p_name");
  auto mfgr = part.Strings(Table::kPart, "p_mfgr");
  auto brand = part.Strings(Table::kPart, "p_brand");
  auto type = part.Strings(Table::kPart, "p_type");
  auto size = part.Ints(Table::kPart, "p_size");
  auto container = part.Strings(Table::kPart, "p_container");
  auto price = part.Ints(Table::kPart, "p_retailprice");
  auto comment = part.Strings(Table::kPart, "p_comment");
  std::set<std::string_view> colors(Colors().begin(), Colors().end());
  ASSERT_EQ(colors.size(), 92u);
  std::set<std::string_view> types_seen, containers_seen, brands_seen;
  int green = 0;
  for (size_t i = 0; i < keys.size(); ++i) {
    auto name_words = Words(names[i]);
    std::set<std::string_view> words(name_words.begin(), name_words.end());
    ASSERT_EQ(name_words.size(), 5u) << names[i];
    ASSERT_EQ(words.size(), 5u) << names[i];
    for (const auto& word : words) ASSERT_TRUE(colors.count(word)) << word;
    green += names[i].find("green") != std::string_view::npos;

    ASSERT_EQ(mfgr[i].substr(0, 13), "Manufacturer#");
    ASSERT_EQ(brand[i].substr(0, 6), "Brand#");
    ASSERT_EQ(brand[i].size(), 8u);
    ASSERT_EQ(brand[i][6], mfgr[i][13]) << "brand digit M comes from the manufacturer";
    ASSERT_GE(brand[i][7], '1');
    ASSERT_LE(brand[i][7], '5');
    ASSERT_TRUE(IsPartType(type[i])) << type[i];
    ASSERT_TRUE(IsContainer(container[i])) << container[i];
    ASSERT_GE(size[i], 1);
    ASSERT_LE(size[i], 50);
    ASSERT_EQ(price[i], 90000 + (keys[i] / 10) % 20001 + 100 * (keys[i] % 1000));
    ASSERT_GE(comment[i].size(), 5u);
    ASSERT_LE(comment[i].size(), 22u);
    types_seen.insert(type[i]);
    containers_seen.insert(container[i]);
    brands_seen.insert(brand[i]);
  }
  EXPECT_EQ(types_seen.size(), 150u);
  EXPECT_EQ(containers_seen.size(), 40u);
  EXPECT_EQ(brands_seen.size(), 25u);
  // Each name holds 5 of 92 colours: about 5.4% contain "green" (Q9's filter).
  EXPECT_GT(green, 60);
  EXPECT_LT(green, 160);
}

TEST_F(TpchAtSf001, SupplierAndCustomerValues) {
  for (Table table : {Table::kSupplier, Table::kCustomer}) {
    const auto& data = Get(table);
    bool supplier = table == Table::kSupplier;
    std::string p = supplier ? "s_" : "c_";
    auto keys = data.Ints(table, p + (supplier ? "suppkey" : "custkey"));
    auto names = data.Strings(table, p + "name");
    auto addresses = data.Strings(table, p + "address");
    auto nations = data.Ints(table, p + "nationkey");
    auto phones = data.Strings(table, p + "phone");
    auto balances = data.Ints(table, p + "acctbal");
    auto comments = data.Strings(table, p + "comment");
    int negative = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
      char expected[32];
      std::snprintf(expected, sizeof(expected), "%s#%09lld", supplier ? "Supplier" : "Customer",
                    static_cast<long long>(keys[i]));
      ASSERT_EQ(names[i], expected);
      ASSERT_GE(addresses[i].size(), 10u);
      ASSERT_LE(addresses[i].size(), 40u);
      for (char c : addresses[i]) {
        ASSERT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == ',' || c == '.') << c;
      }
      // CC-LLL-LLL-LLLL: country code nation + 10, then 100..999, 100..999, 1000..9999.
      std::string_view phone = phones[i];
      ASSERT_EQ(phone.size(), 15u) << phone;
      ASSERT_TRUE(phone[2] == '-' && phone[6] == '-' && phone[10] == '-') << phone;
      ASSERT_TRUE(AllDigits(phone.substr(0, 2)) && AllDigits(phone.substr(3, 3)) &&
                  AllDigits(phone.substr(7, 3)) && AllDigits(phone.substr(11, 4)))
          << phone;
      ASSERT_TRUE(phone[3] != '0' && phone[7] != '0' && phone[11] != '0') << phone;
      ASSERT_EQ(std::stoi(std::string(phone.substr(0, 2))), nations[i] + 10) << phone;
      ASSERT_GE(balances[i], -99'999);
      ASSERT_LE(balances[i], 999'999);
      negative += balances[i] < 0;
      ASSERT_GE(comments[i].size(), supplier ? 25u : 29u);
      ASSERT_LE(comments[i].size(), supplier ? 100u : 116u);
    }
    // [-999.99, 9999.99] uniform: about 9% negative.
    EXPECT_GT(negative, static_cast<int>(keys.size() / 50)) << p;
    EXPECT_LT(negative, static_cast<int>(keys.size() / 5)) << p;
  }
  std::set<std::string_view> segments;
  for (auto segment : Get(Table::kCustomer).Strings(Table::kCustomer, "c_mktsegment")) {
    segments.insert(segment);
  }
  EXPECT_EQ(segments, (std::set<std::string_view>{"AUTOMOBILE", "BUILDING", "FURNITURE",
                                                  "HOUSEHOLD", "MACHINERY"}));
}

TEST_F(TpchAtSf001, SupplierCommentsCarryComplaintsAndRecommendations) {
  auto keys = Get(Table::kSupplier).Ints(Table::kSupplier, "s_suppkey");
  auto comments = Get(Table::kSupplier).Strings(Table::kSupplier, "s_comment");
  std::set<int64_t> complaining, recommending;
  for (size_t i = 0; i < comments.size(); ++i) {
    if (ContainsInOrder(comments[i], {"Customer", "Complaints"})) complaining.insert(keys[i]);
    if (ContainsInOrder(comments[i], {"Customer", "Recommends"})) recommending.insert(keys[i]);
  }
  // SF x 5 of each, at least one.
  EXPECT_EQ(complaining.size(), 1u);
  EXPECT_EQ(recommending.size(), 1u);
  std::set<int64_t> expected_complaints, expected_recommends;
  for (const auto& remark : generator_->supplier_remarks()) {
    (remark.complaint ? expected_complaints : expected_recommends).insert(remark.supplier_key);
  }
  EXPECT_EQ(complaining, expected_complaints);
  EXPECT_EQ(recommending, expected_recommends);
}

TEST_F(TpchAtSf001, PartSuppValues) {
  const auto& ps = Get(Table::kPartSupp);
  auto available = ps.Ints(Table::kPartSupp, "ps_availqty");
  auto cost = ps.Ints(Table::kPartSupp, "ps_supplycost");
  auto comments = ps.Strings(Table::kPartSupp, "ps_comment");
  for (size_t i = 0; i < available.size(); ++i) {
    ASSERT_GE(available[i], 1);
    ASSERT_LE(available[i], 9'999);
    ASSERT_GE(cost[i], 100);  // 1.00
    ASSERT_LE(cost[i], 100'000);
    ASSERT_GE(comments[i].size(), 49u);
    ASSERT_LE(comments[i].size(), 198u);
  }
}

TEST_F(TpchAtSf001, OrderAndLineDates) {
  const auto& orders = Get(Table::kOrders);
  auto o_key = orders.Ints(Table::kOrders, "o_orderkey");
  auto o_date = orders.Ints(Table::kOrders, "o_orderdate");
  std::unordered_map<int64_t, int64_t> date_of;
  for (size_t i = 0; i < o_key.size(); ++i) {
    ASSERT_GE(o_date[i], Day(1992, 1, 1));
    ASSERT_LE(o_date[i], Day(1998, 12, 31) - 151);
    date_of[o_key[i]] = o_date[i];
  }
  EXPECT_LT(*std::min_element(o_date.begin(), o_date.end()), Day(1992, 1, 15));
  EXPECT_GT(*std::max_element(o_date.begin(), o_date.end()), Day(1998, 7, 15));

  const auto& li = Get(Table::kLineItem);
  auto l_order = li.Ints(Table::kLineItem, "l_orderkey");
  auto ship = li.Ints(Table::kLineItem, "l_shipdate");
  auto commit = li.Ints(Table::kLineItem, "l_commitdate");
  auto receipt = li.Ints(Table::kLineItem, "l_receiptdate");
  auto flag = li.Strings(Table::kLineItem, "l_returnflag");
  auto status = li.Strings(Table::kLineItem, "l_linestatus");
  const int32_t current = Day(1995, 6, 17);
  std::map<std::pair<std::string_view, std::string_view>, int> q1_groups;
  for (size_t i = 0; i < l_order.size(); ++i) {
    int64_t ordered = date_of.at(l_order[i]);
    ASSERT_GE(ship[i] - ordered, 1);
    ASSERT_LE(ship[i] - ordered, 121);
    ASSERT_GE(commit[i] - ordered, 30);
    ASSERT_LE(commit[i] - ordered, 90);
    ASSERT_GE(receipt[i] - ship[i], 1);
    ASSERT_LE(receipt[i] - ship[i], 30);
    if (receipt[i] <= current) {
      ASSERT_TRUE(flag[i] == "R" || flag[i] == "A") << flag[i];
    } else {
      ASSERT_EQ(flag[i], "N");
    }
    ASSERT_EQ(status[i], ship[i] > current ? "O" : "F");
    q1_groups[{flag[i], status[i]}]++;
  }
  // TPC-H Q1 groups by (returnflag, linestatus): A/F, N/F, N/O and R/F all occur.
  EXPECT_EQ(q1_groups.size(), 4u);
  for (auto [group, count] : q1_groups) EXPECT_GT(count, 50) << group.first << group.second;
}

TEST_F(TpchAtSf001, LineAmountsAndOrderTotals) {
  auto p_key = Get(Table::kPart).Ints(Table::kPart, "p_partkey");
  auto p_price = Get(Table::kPart).Ints(Table::kPart, "p_retailprice");
  std::unordered_map<int64_t, int64_t> price_of;
  for (size_t i = 0; i < p_key.size(); ++i) price_of[p_key[i]] = p_price[i];

  const auto& li = Get(Table::kLineItem);
  auto l_order = li.Ints(Table::kLineItem, "l_orderkey");
  auto l_part = li.Ints(Table::kLineItem, "l_partkey");
  auto quantity = li.Ints(Table::kLineItem, "l_quantity");
  auto extended = li.Ints(Table::kLineItem, "l_extendedprice");
  auto discount = li.Ints(Table::kLineItem, "l_discount");
  auto tax = li.Ints(Table::kLineItem, "l_tax");
  auto status = li.Strings(Table::kLineItem, "l_linestatus");
  auto instruct = li.Strings(Table::kLineItem, "l_shipinstruct");
  auto mode = li.Strings(Table::kLineItem, "l_shipmode");
  auto comment = li.Strings(Table::kLineItem, "l_comment");
  std::set<std::string_view> instructs(instruct.begin(), instruct.end());
  std::set<std::string_view> modes(mode.begin(), mode.end());
  EXPECT_EQ(instructs, (std::set<std::string_view>{"COLLECT COD", "DELIVER IN PERSON", "NONE",
                                                   "TAKE BACK RETURN"}));
  EXPECT_EQ(modes,
            (std::set<std::string_view>{"AIR", "FOB", "MAIL", "RAIL", "REG AIR", "SHIP", "TRUCK"}));

  // Totals recomputed from the lines, in exact decimal arithmetic on the unscaled values:
  // extendedprice x (1 - discount) x (1 + tax), rounded half up to the cent per line.
  std::unordered_map<int64_t, int64_t> total_of;
  std::unordered_map<int64_t, std::set<std::string_view>> statuses_of;
  for (size_t i = 0; i < l_order.size(); ++i) {
    ASSERT_EQ(quantity[i] % 100, 0);
    ASSERT_GE(quantity[i], 100);
    ASSERT_LE(quantity[i], 5'000);
    ASSERT_EQ(extended[i], quantity[i] / 100 * price_of.at(l_part[i]));
    ASSERT_GE(discount[i], 0);
    ASSERT_LE(discount[i], 10);
    ASSERT_GE(tax[i], 0);
    ASSERT_LE(tax[i], 8);
    ASSERT_GE(comment[i].size(), 10u);
    ASSERT_LE(comment[i].size(), 43u);
    types::int128_t charge =
        static_cast<types::int128_t>(extended[i]) * (100 - discount[i]) * (100 + tax[i]);
    total_of[l_order[i]] += static_cast<int64_t>((charge + 5000) / 10000);
    statuses_of[l_order[i]].insert(status[i]);
  }
  const auto& orders = Get(Table::kOrders);
  auto o_key = orders.Ints(Table::kOrders, "o_orderkey");
  auto o_total = orders.Ints(Table::kOrders, "o_totalprice");
  auto o_status = orders.Strings(Table::kOrders, "o_orderstatus");
  std::map<std::string_view, int> status_counts;
  for (size_t i = 0; i < o_key.size(); ++i) {
    ASSERT_EQ(o_total[i], total_of.at(o_key[i])) << o_key[i];
    const auto& lines = statuses_of.at(o_key[i]);
    std::string_view expected = lines.size() == 2 ? "P" : *lines.begin();
    ASSERT_EQ(o_status[i], expected) << o_key[i];
    status_counts[o_status[i]]++;
  }
  EXPECT_EQ(status_counts.size(), 3u);
  for (auto [status_value, count] : status_counts) EXPECT_GT(count, 100) << status_value;
}

TEST_F(TpchAtSf001, OrderValues) {
  const auto& orders = Get(Table::kOrders);
  auto priority = orders.Strings(Table::kOrders, "o_orderpriority");
  auto clerk = orders.Strings(Table::kOrders, "o_clerk");
  auto ship_priority = orders.Ints(Table::kOrders, "o_shippriority");
  auto comment = orders.Strings(Table::kOrders, "o_comment");
  std::set<std::string_view> priorities(priority.begin(), priority.end());
  EXPECT_EQ(priorities, (std::set<std::string_view>{"1-URGENT", "2-HIGH", "3-MEDIUM",
                                                    "4-NOT SPECIFIED", "5-LOW"}));
  int special_requests = 0;
  std::set<std::string_view> clerks;
  for (size_t i = 0; i < clerk.size(); ++i) {
    ASSERT_EQ(clerk[i].substr(0, 6), "Clerk#");
    ASSERT_EQ(clerk[i].size(), 15u);
    ASSERT_TRUE(AllDigits(clerk[i].substr(6))) << clerk[i];
    clerks.insert(clerk[i]);
    ASSERT_EQ(ship_priority[i], 0);
    ASSERT_GE(comment[i].size(), 19u);
    ASSERT_LE(comment[i].size(), 78u);
    special_requests += ContainsInOrder(comment[i], {"special", "requests"});
  }
  // SF x 1,000 = 10 clerks, numbered from 1.
  EXPECT_EQ(clerks.size(), 10u);
  EXPECT_EQ(*clerks.begin(), "Clerk#000000001");
  EXPECT_EQ(*clerks.rbegin(), "Clerk#000000010");
  // Q13 excludes comments like '%special%requests%': some, far from all.
  EXPECT_GT(special_requests, 15);
  EXPECT_LT(special_requests, 1'500);
}

bool SameChunks(const std::vector<DataChunk>& a, const std::vector<DataChunk>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].size() != b[i].size() || a[i].column_count() != b[i].column_count()) return false;
    for (size_t c = 0; c < a[i].column_count(); ++c) {
      for (size_t r = 0; r < a[i].size(); ++r) {
        if (a[i].column(c).GetValue(r) != b[i].column(c).GetValue(r)) return false;
      }
    }
  }
  return true;
}

TEST_F(TpchAtSf001, DeterministicAcrossRunsAndBlockOrder) {
  Generator again(0.01);
  for (Table table : AllTables()) {
    EXPECT_TRUE(SameChunks(again.GenerateAll(table), Get(table).chunks)) << TableName(table);
  }
  // Blocks made one at a time, last first, give the same rows as the parallel run.
  std::vector<std::vector<DataChunk>> blocks(again.BlockCount(Table::kLineItem));
  for (size_t b = blocks.size(); b-- > 0;) again.GenerateBlock(Table::kLineItem, b, blocks[b]);
  std::vector<DataChunk> sequential;
  for (auto& block : blocks) {
    for (auto& chunk : block) sequential.push_back(std::move(chunk));
  }
  EXPECT_TRUE(SameChunks(sequential, Get(Table::kLineItem).chunks));
}

TEST(TpchGenerator, DifferentScaleFactorsDiffer) {
  Generator small(0.01);
  Generator larger(0.02);
  auto a = small.GenerateAll(Table::kOrders);
  auto b = larger.GenerateAll(Table::kOrders);
  size_t rows = 0;
  for (const auto& chunk : b) rows += chunk.size();
  EXPECT_EQ(rows, 30'000u);
  // Same first block shape, but customer keys are drawn from a larger range.
  EXPECT_FALSE(SameChunks(a, b));
}

TEST(TpchGenerator, ChunksArriveInKeyOrderAcrossManyBlocks) {
  // SF 0.1: 74 blocks of orders, several waves of parallel generation.
  Generator generator(0.1);
  ASSERT_GT(generator.BlockCount(Table::kOrders), 50u);
  int64_t index = 0;
  generator.Generate(Table::kOrders, [&](DataChunk& chunk) {
    const int64_t* keys = chunk.column(0).data<int64_t>();
    for (size_t r = 0; r < chunk.size(); ++r, ++index) ASSERT_EQ(keys[r], OrderKey(index));
  });
  EXPECT_EQ(index, 150'000);
}

TEST(TpchGenerator, SinkErrorStopsGenerationAndIsRethrown) {
  Generator generator(0.1);
  size_t calls = 0;
  try {
    generator.Generate(Table::kLineItem, [&](DataChunk&) {
      if (++calls == 3) ThrowIO("disk full");
    });
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kIOError);
  }
  EXPECT_EQ(calls, 3u);
}

TEST(TpchGenerator, TablesByName) {
  EXPECT_EQ(ParseTable("LineItem"), Table::kLineItem);
  EXPECT_EQ(ParseTable("partsupp"), Table::kPartSupp);
  for (Table table : AllTables()) EXPECT_EQ(ParseTable(TableName(table)), table);
  try {
    ParseTable("lineitems");
    ADD_FAILURE();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
    EXPECT_NE(std::string(error.what()).find("lineitem"), std::string::npos);
  }
  EXPECT_EQ(TableSchema(Table::kOrders)[0].type, types::LogicalType::BigInt());
  EXPECT_EQ(TableSchema(Table::kLineItem).Find("l_extendedprice").has_value(), true);
  EXPECT_EQ(TableSchema(Table::kLineItem)[5].type, types::LogicalType::Decimal(15, 2));
  EXPECT_EQ(TableSchema(Table::kLineItem)[10].type, types::LogicalType::Date());
}

}  // namespace
}  // namespace basin::datagen::tpch
