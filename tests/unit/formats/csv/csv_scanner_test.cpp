#include "formats/csv/csv_scanner.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace basin::formats::csv {
namespace {

// The buffer plus the padding the scanner requires.
struct Padded {
  explicit Padded(const std::string& text) : bytes(text) { bytes.append(kScanPadding, '\0'); }
  const char* data() const { return bytes.data(); }
  std::string bytes;
};

std::vector<std::string> Fields(const Padded& buffer, const FieldSpan* spans, uint32_t count) {
  std::vector<std::string> fields;
  for (uint32_t i = 0; i < count; ++i) {
    fields.emplace_back(buffer.data() + spans[i].offset, spans[i].size);
  }
  return fields;
}

TEST(CsvScannerTest, SplitsRowsAndFieldsAcrossWindows) {
  std::string long_field(150, 'x');  // crosses several 64-byte windows
  std::string text = "a," + long_field + ",c\n\"q,\"\"x\"\"\",,\n";
  Padded buffer(text);
  CsvScanner scanner(buffer.data(), text.size(), true, CsvDialect{}, 1 << 20);
  FieldSpan spans[8];
  RowScan scan;
  ASSERT_EQ(scanner.ScanRow(0, spans, 8, scan), RowStatus::kRow);
  EXPECT_EQ(Fields(buffer, spans, scan.fields), (std::vector<std::string>{"a", long_field, "c"}));
  EXPECT_EQ(scan.newlines, 1u);
  ASSERT_EQ(scanner.ScanRow(scan.next, spans, 8, scan), RowStatus::kRow);
  ASSERT_EQ(scan.fields, 3u);
  EXPECT_EQ(Fields(buffer, spans, 1)[0], "q,\"\"x\"\"");
  EXPECT_TRUE(spans[0].quoted && spans[0].escaped);
  EXPECT_FALSE(spans[1].quoted);
  EXPECT_EQ(spans[2].size, 0u);
  EXPECT_EQ(scanner.ScanRow(scan.next, spans, 8, scan), RowStatus::kEndOfData);
}

TEST(CsvScannerTest, ReportsIncompleteRowsWhenMoreDataMayFollow) {
  for (std::string text : {"a,b", "a,\"b\nc", "a,b\r", "a,\"b\"", "a,"}) {
    Padded buffer(text);
    CsvScanner scanner(buffer.data(), text.size(), false, CsvDialect{}, 1 << 20);
    FieldSpan spans[4];
    RowScan scan;
    EXPECT_EQ(scanner.ScanRow(0, spans, 4, scan), RowStatus::kIncomplete) << text;
  }
}

TEST(CsvScannerTest, CountsFieldsBeyondCapacityAndFlagsEmptyLines) {
  std::string text = "1,2,3,4\n\n";
  Padded buffer(text);
  CsvScanner scanner(buffer.data(), text.size(), true, CsvDialect{}, 1 << 20);
  FieldSpan spans[2];
  RowScan scan;
  ASSERT_EQ(scanner.ScanRow(0, spans, 2, scan), RowStatus::kRow);
  EXPECT_EQ(scan.fields, 4u);
  ASSERT_EQ(scanner.ScanRow(scan.next, spans, 2, scan), RowStatus::kRow);
  EXPECT_TRUE(scan.empty_line);
}

TEST(CsvScannerTest, ErrorsSayWhereAndWhat) {
  std::string text = "a,\"b\"x,c\n";
  Padded buffer(text);
  CsvScanner scanner(buffer.data(), text.size(), true, CsvDialect{}, 1 << 20);
  FieldSpan spans[4];
  RowScan scan;
  ASSERT_EQ(scanner.ScanRow(0, spans, 4, scan), RowStatus::kError);
  EXPECT_EQ(scan.error, ScanError::kCharAfterQuote);
  EXPECT_EQ(scan.error_offset, 5u);
  EXPECT_EQ(scan.error_field, 1u);

  std::string open = "a,\"never closed\n";
  Padded open_buffer(open);
  CsvScanner open_scanner(open_buffer.data(), open.size(), true, CsvDialect{}, 1 << 20);
  ASSERT_EQ(open_scanner.ScanRow(0, spans, 4, scan), RowStatus::kError);
  EXPECT_EQ(scan.error, ScanError::kUnterminatedQuote);
  EXPECT_EQ(scan.error_offset, 2u);

  // A runaway quote stops at the line limit instead of scanning everything after it.
  std::string runaway = "\"" + std::string(1000, 'x');
  Padded runaway_buffer(runaway);
  CsvScanner limited(runaway_buffer.data(), runaway.size(), false, CsvDialect{}, 100);
  ASSERT_EQ(limited.ScanRow(0, spans, 4, scan), RowStatus::kError);
  EXPECT_EQ(scan.error, ScanError::kLineTooLong);
}

TEST(CsvScannerTest, EscapeCharacterProtectsQuotesAndNewlines) {
  std::string text = "\"a\\\"b\\\nc\",d\n";
  Padded buffer(text);
  CsvScanner scanner(buffer.data(), text.size(), true, CsvDialect{',', '"', '\\'}, 1 << 20);
  FieldSpan spans[4];
  RowScan scan;
  ASSERT_EQ(scanner.ScanRow(0, spans, 4, scan), RowStatus::kRow);
  ASSERT_EQ(scan.fields, 2u);
  EXPECT_TRUE(spans[0].escaped);
  EXPECT_EQ(scan.newlines, 2u);  // one escaped inside the field, one ending the row
}

}  // namespace
}  // namespace basin::formats::csv
