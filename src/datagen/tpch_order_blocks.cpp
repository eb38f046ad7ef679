// CUSTOMER, ORDERS and LINEITEM blocks (clause 4.2.3).
#include <memory>

#include "datagen/tpch_blocks.hpp"
#include "datagen/tpch_lists.hpp"

namespace basin::datagen::tpch {

namespace {

int64_t PickIndex(Random& random, size_t count) {
  return random.Uniform(0, static_cast<int64_t>(count) - 1);
}

// One line of an order: what both ORDERS (total price, status) and LINEITEM need.
struct Line {
  int64_t part_key;
  int64_t supplier_key;
  int64_t quantity;        // units
  int64_t extended_cents;  // quantity x retail price
  int64_t discount;        // hundredths, 0..10
  int64_t tax;             // hundredths, 0..8
  int32_t ship_date;
  int32_t commit_date;
  int32_t receipt_date;
  char return_flag;
  char line_status;
};

// Draws the lines of one order from the block's line stream. ORDERS and LINEITEM call this
// in the same order, so they see the same lines.
int DrawLines(const Scale& scale, Random& random, int32_t order_date, Line* lines) {
  int count = static_cast<int>(random.Uniform(1, 7));
  for (int i = 0; i < count; ++i) {
    Line& line = lines[i];
    line.part_key = random.Uniform(1, scale.parts);
    line.supplier_key = PartSupplier(scale, line.part_key, static_cast<int>(random.Uniform(0, 3)));
    line.quantity = random.Uniform(1, 50);
    line.extended_cents = line.quantity * RetailPriceCents(line.part_key);
    line.discount = random.Uniform(0, 10);
    line.tax = random.Uniform(0, 8);
    line.ship_date = order_date + static_cast<int32_t>(random.Uniform(1, 121));
    line.commit_date = order_date + static_cast<int32_t>(random.Uniform(30, 90));
    line.receipt_date = line.ship_date + static_cast<int32_t>(random.Uniform(1, 30));
    if (line.receipt_date <= kCurrentDate) {
      line.return_flag = random.Uniform(0, 1) == 0 ? 'R' : 'A';
    } else {
      line.return_flag = 'N';
    }
    line.line_status = line.ship_date > kCurrentDate ? 'O' : 'F';
  }
  return count;
}

std::string_view Flag(char c) {
  switch (c) {
    case 'A': return "A";
    case 'F': return "F";
    case 'N': return "N";
    case 'O': return "O";
    case 'P': return "P";
    default: return "R";
  }
}

// O_CUSTKEY: only customers whose key is not a multiple of 3 place orders, so a third of
// the customers have none (clause 4.2.3). Draws among the 2/3 directly.
int64_t OrderCustomer(const Scale& scale, Random& random) {
  int64_t eligible = scale.customers - scale.customers / 3;
  int64_t pick = random.Uniform(0, eligible - 1);
  return (pick / 2) * 3 + pick % 2 + 1;
}

void GenerateOrders(const Scale& scale, size_t block, BlockRange range,
                    std::vector<columnar::DataChunk>& out) {
  const TextPool& pool = TextPool::Get();
  Random dates = Random::ForBlock(kOrderDateStream, block);
  Random random = Random::ForBlock(kOrderStream, block);
  Random line_random = Random::ForBlock(kLineStream, block);
  auto priorities = Priorities();

  size_t rows = static_cast<size_t>(range.end - range.first);
  ChunkFiller filler(Table::kOrders, rows);
  auto* key = filler.Column<int64_t>(0);
  auto* customer = filler.Column<int32_t>(1);
  auto* status = filler.Strings(2);
  auto* total = filler.Column<int64_t>(3);
  auto* order_date = filler.Column<int32_t>(4);
  auto* priority = filler.Strings(5);
  auto* clerk = filler.Strings(6);
  auto* ship_priority = filler.Column<int32_t>(7);
  auto* comment = filler.Strings(8);
  filler.PointIntoPool(8, pool);

  Line lines[7];
  for (size_t r = 0; r < rows; ++r) {
    int64_t index = range.first + static_cast<int64_t>(r);
    auto date = static_cast<int32_t>(dates.Uniform(kStartDate, kLastOrderDate));
    key[r] = OrderKey(index);
    customer[r] = static_cast<int32_t>(OrderCustomer(scale, random));
    order_date[r] = date;
    priority[r] = priorities[static_cast<size_t>(PickIndex(random, priorities.size()))];
    clerk[r] = KeyName(filler.Heap(6), "Clerk#", random.Uniform(1, scale.clerks));
    ship_priority[r] = 0;
    comment[r] = pool.Substring(random, 19, 78);

    int count = DrawLines(scale, line_random, date, lines);
    int64_t cents = 0;
    int open = 0;
    for (int i = 0; i < count; ++i) {
      cents += LineChargeCents(lines[i].extended_cents, lines[i].discount, lines[i].tax);
      open += lines[i].line_status == 'O';
    }
    total[r] = cents;
    status[r] = Flag(open == count ? 'O' : open == 0 ? 'F' : 'P');
  }
  out.push_back(filler.Finish(rows));
}

// Column pointers of the LINEITEM chunk being filled.
struct LineColumns {
  explicit LineColumns(ChunkFiller& filler, const TextPool& pool)
      : order(filler.Column<int64_t>(0)),
        part(filler.Column<int32_t>(1)),
        supplier(filler.Column<int32_t>(2)),
        number(filler.Column<int32_t>(3)),
        quantity(filler.Column<int64_t>(4)),
        extended(filler.Column<int64_t>(5)),
        discount(filler.Column<int64_t>(6)),
        tax(filler.Column<int64_t>(7)),
        return_flag(filler.Strings(8)),
        line_status(filler.Strings(9)),
        ship_date(filler.Column<int32_t>(10)),
        commit_date(filler.Column<int32_t>(11)),
        receipt_date(filler.Column<int32_t>(12)),
        instruction(filler.Strings(13)),
        mode(filler.Strings(14)),
        comment(filler.Strings(15)) {
    filler.PointIntoPool(15, pool);
  }
  int64_t* order;
  int32_t* part;
  int32_t* supplier;
  int32_t* number;
  int64_t* quantity;
  int64_t* extended;
  int64_t* discount;
  int64_t* tax;
  std::string_view* return_flag;
  std::string_view* line_status;
  int32_t* ship_date;
  int32_t* commit_date;
  int32_t* receipt_date;
  std::string_view* instruction;
  std::string_view* mode;
  std::string_view* comment;
};

void GenerateLineItems(const Scale& scale, size_t block, BlockRange range,
                       std::vector<columnar::DataChunk>& out) {
  const TextPool& pool = TextPool::Get();
  Random dates = Random::ForBlock(kOrderDateStream, block);
  Random line_random = Random::ForBlock(kLineStream, block);
  Random text_random = Random::ForBlock(kLineTextStream, block);
  auto instructions = Instructions();
  auto modes = ShipModes();

  auto filler = std::make_unique<ChunkFiller>(Table::kLineItem, columnar::kChunkRows);
  auto columns = std::make_unique<LineColumns>(*filler, pool);
  size_t r = 0;
  Line lines[7];
  for (int64_t index = range.first; index < range.end; ++index) {
    auto date = static_cast<int32_t>(dates.Uniform(kStartDate, kLastOrderDate));
    int count = DrawLines(scale, line_random, date, lines);
    for (int i = 0; i < count; ++i, ++r) {
      if (r == filler->capacity()) {
        out.push_back(filler->Finish(r));
        filler = std::make_unique<ChunkFiller>(Table::kLineItem, columnar::kChunkRows);
        columns = std::make_unique<LineColumns>(*filler, pool);
        r = 0;
      }
      const Line& line = lines[i];
      LineColumns& c = *columns;
      c.order[r] = OrderKey(index);
      c.part[r] = static_cast<int32_t>(line.part_key);
      c.supplier[r] = static_cast<int32_t>(line.supplier_key);
      c.number[r] = i + 1;
      c.quantity[r] = line.quantity * 100;
      c.extended[r] = line.extended_cents;
      c.discount[r] = line.discount;
      c.tax[r] = line.tax;
      c.return_flag[r] = Flag(line.return_flag);
      c.line_status[r] = Flag(line.line_status);
      c.ship_date[r] = line.ship_date;
      c.commit_date[r] = line.commit_date;
      c.receipt_date[r] = line.receipt_date;
      c.instruction[r] =
          instructions[static_cast<size_t>(PickIndex(text_random, instructions.size()))];
      c.mode[r] = modes[static_cast<size_t>(PickIndex(text_random, modes.size()))];
      c.comment[r] = pool.Substring(text_random, 10, 43);
    }
  }
  if (r > 0) out.push_back(filler->Finish(r));
}

}  // namespace

void GenerateCustomerBlock(const Scale& scale, size_t block,
                           std::vector<columnar::DataChunk>& out) {
  const TextPool& pool = TextPool::Get();
  BlockRange range = RangeOf(block, kBlockRows, scale.customers);
  Random random = Random::ForBlock(kCustomerStream, block);
  auto segments = Segments();

  size_t rows = static_cast<size_t>(range.end - range.first);
  ChunkFiller filler(Table::kCustomer, rows);
  auto* key = filler.Column<int32_t>(0);
  auto* name = filler.Strings(1);
  auto* address = filler.Strings(2);
  auto* nation = filler.Column<int32_t>(3);
  auto* phone = filler.Strings(4);
  auto* balance = filler.Column<int64_t>(5);
  auto* segment = filler.Strings(6);
  auto* comment = filler.Strings(7);
  filler.PointIntoPool(7, pool);

  for (size_t r = 0; r < rows; ++r) {
    int64_t customer_key = range.first + static_cast<int64_t>(r) + 1;
    key[r] = static_cast<int32_t>(customer_key);
    name[r] = KeyName(filler.Heap(1), "Customer#", customer_key);
    address[r] = RandomCharacters(filler.Heap(2), random, 10, 40);
    int64_t nation_key = random.Uniform(0, 24);
    nation[r] = static_cast<int32_t>(nation_key);
    phone[r] = PhoneNumber(filler.Heap(4), random, nation_key);
    balance[r] = random.Uniform(-99'999, 999'999);
    segment[r] = segments[static_cast<size_t>(PickIndex(random, segments.size()))];
    comment[r] = pool.Substring(random, 29, 116);
  }
  out.push_back(filler.Finish(rows));
}

void GenerateOrderBlock(const Scale& scale, Table table, size_t block,
                        std::vector<columnar::DataChunk>& out) {
  BlockRange range = RangeOf(block, kBlockRows, scale.orders);
  if (table == Table::kOrders) {
    GenerateOrders(scale, block, range, out);
  } else {
    GenerateLineItems(scale, block, range, out);
  }
}

}  // namespace basin::datagen::tpch
