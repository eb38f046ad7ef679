// The binary COPY decoder's numeric values against types::ParseDecimal on the same text:
// random numbers encoded as PostgreSQL sends them (base-10000 digit groups, weight, sign,
// dscale; zero groups at either end left out), decoded into decimals of many precisions and
// scales: the same unscaled value (rounded half away from zero), or Corrupt where the text
// does not fit.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "connectors/postgres/binary_copy.hpp"
#include "types/decimal.hpp"

namespace basin::connectors::postgres {
namespace {

using types::LogicalType;

void Put16(std::string& out, int v) {
  out.push_back(static_cast<char>((v >> 8) & 0xff));
  out.push_back(static_cast<char>(v & 0xff));
}
void Put32(std::string& out, int32_t v) {
  for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

// "-123.4500" as PostgreSQL's binary numeric.
std::string EncodeNumeric(const std::string& text) {
  bool negative = text[0] == '-';
  std::string digits = text.substr(negative ? 1 : 0);
  size_t dot = digits.find('.');
  std::string whole = dot == std::string::npos ? digits : digits.substr(0, dot);
  std::string fraction = dot == std::string::npos ? "" : digits.substr(dot + 1);
  int dscale = static_cast<int>(fraction.size());
  // Pad to whole groups of four around the point.
  while (whole.size() % 4 != 0) whole.insert(whole.begin(), '0');
  while (fraction.size() % 4 != 0) fraction.push_back('0');
  std::vector<int> groups;
  for (size_t i = 0; i < whole.size(); i += 4) groups.push_back(std::stoi(whole.substr(i, 4)));
  for (size_t i = 0; i < fraction.size(); i += 4)
    groups.push_back(std::stoi(fraction.substr(i, 4)));
  int weight = static_cast<int>(whole.size() / 4) - 1;
  // PostgreSQL strips leading and trailing zero groups.
  size_t first = 0;
  while (first < groups.size() && groups[first] == 0) {
    ++first;
    --weight;
  }
  size_t last = groups.size();
  while (last > first && groups[last - 1] == 0) --last;
  if (first == last) weight = 0;
  std::string out;
  Put16(out, static_cast<int>(last - first));
  Put16(out, weight);
  Put16(out, negative && first != last ? 0x4000 : 0);
  Put16(out, dscale);
  for (size_t i = first; i < last; ++i) Put16(out, groups[i]);
  return out;
}

std::string RandomNumber(std::mt19937_64& random) {
  std::string text = random() % 3 == 0 ? "-" : "";
  int whole = static_cast<int>(random() % 24);
  int fraction = static_cast<int>(random() % 12);
  text += std::to_string(1 + random() % 9);
  for (int i = 1; i < whole; ++i) text += static_cast<char>('0' + random() % 10);
  if (whole == 0) text = text.substr(0, text.size() - 1) + "0";
  if (fraction > 0) {
    text += '.';
    for (int i = 0; i < fraction; ++i) {
      // Runs of zeros and of fives exercise omitted groups and rounding.
      int kind = static_cast<int>(random() % 4);
      text += kind == 0 ? '0' : kind == 1 ? '5' : static_cast<char>('0' + random() % 10);
    }
  }
  return text;
}

TEST(NumericWire, DecodesAsParseDecimalRoundsAtEveryPrecisionAndScale) {
  std::mt19937_64 random(7);
  const std::pair<int, int> kTypes[] = {{5, 2},   {9, 0},   {10, 3},  {18, 4},  {18, 18},
                                        {20, 2},  {30, 10}, {34, 6},  {35, 6},  {38, 0},
                                        {38, 18}, {12, 12}, {4, 1},   {1, 0}};
  int checked = 0, rejected = 0;
  for (int n = 0; n < 4000; ++n) {
    std::string text = RandomNumber(random);
    std::string field = EncodeNumeric(text);
    std::string message;
    Put16(message, 1);
    Put32(message, static_cast<int32_t>(field.size()));
    message += field;
    for (auto [precision, scale] : kTypes) {
      LogicalType type = LogicalType::Decimal(precision, scale);
      PgTypeMapping mapping;
      mapping.hive_type = type.ToString();
      mapping.type = type;
      mapping.wire = Wire::kNumeric;
      BinaryCopyDecoder decoder({mapping}, {"n"}, "t");
      // Skip the header: DecodeMessage reads it from the first message only.
      std::string header("PGCOPY\n\377\r\n\0", 11);
      header.append(8, '\0');
      types::Schema schema({{"n", type, true}});
      columnar::DataChunk chunk(schema);
      chunk.column(0).Resize(1);
      std::string first = header + message;
      std::optional<types::int128_t> expected = types::ParseDecimal(text, precision, scale);
      SCOPED_TRACE(text + " as " + type.ToString());
      if (!expected) {
        try {
          decoder.DecodeMessage(first.data(), first.size(), chunk, 0);
          ADD_FAILURE() << "expected Corrupt";
        } catch (const Error& error) {
          EXPECT_EQ(error.code(), ErrorCode::kCorrupt) << error.what();
        }
        ++rejected;
        continue;
      }
      ASSERT_TRUE(decoder.DecodeMessage(first.data(), first.size(), chunk, 0));
      types::int128_t got = chunk.column(0).physical() == types::PhysicalType::kInt64
                                ? chunk.column(0).data<int64_t>()[0]
                                : chunk.column(0).data<types::int128_t>()[0];
      EXPECT_TRUE(got == *expected) << types::Int128ToString(got) << " vs "
                                    << types::Int128ToString(*expected);
      ++checked;
    }
  }
  EXPECT_GT(checked, 10000);
  EXPECT_GT(rejected, 1000);
}

}  // namespace
}  // namespace basin::connectors::postgres
