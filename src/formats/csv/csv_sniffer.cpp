#include "formats/csv/csv_sniffer.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/error.hpp"
#include "common/utf8.hpp"
#include "formats/csv/csv_converter.hpp"
#include "formats/csv/csv_value_parser.hpp"

namespace basin::formats::csv {

namespace {

constexpr size_t kInitialPrefixBytes = 1 << 20;
constexpr size_t kMaxPrefixBytes = 64 << 20;
// Rows whose field counts decide the delimiter and the column count.
constexpr size_t kDialectRows = 64;
// Field spans the type sample may hold (rows x columns), bounding its memory.
constexpr size_t kMaxSampleFields = 4 << 20;

struct Prefix {
  std::unique_ptr<char[]> bytes;
  size_t size = 0;
  bool at_eof = false;
};

Prefix ReadPrefix(storage::ReadableFile& file, size_t want) {
  Prefix prefix;
  const uint64_t file_size = file.size();
  prefix.size = static_cast<size_t>(std::min<uint64_t>(file_size, want));
  prefix.at_eof = prefix.size == file_size;
  prefix.bytes = std::make_unique<char[]>(prefix.size + kScanPadding);  // zeroed padding
  file.ReadAt(0, prefix.size, prefix.bytes.get());
  return prefix;
}

size_t BomLength(const Prefix& prefix) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(prefix.bytes.get());
  return prefix.size >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
}

// Whether anything but line breaks follows `start`.
bool HasContent(const Prefix& prefix, size_t start) {
  for (size_t i = start; i < prefix.size; ++i) {
    if (prefix.bytes[i] != '\n' && prefix.bytes[i] != '\r') return true;
  }
  return false;
}

// Field counts of the first rows under `dialect`, empty lines left out. Stops at the first
// malformed row or the end of the prefix.
std::vector<uint32_t> FieldCounts(const Prefix& prefix, size_t start, const CsvDialect& dialect,
                                  size_t max_line_bytes) {
  CsvScanner scanner(prefix.bytes.get(), prefix.size, prefix.at_eof, dialect, max_line_bytes);
  std::vector<uint32_t> counts;
  size_t pos = start;
  RowScan scan;
  while (counts.size() < kDialectRows &&
         scanner.ScanRow(pos, nullptr, 0, scan) == RowStatus::kRow) {
    if (!scan.empty_line) counts.push_back(scan.fields);
    pos = scan.next;
  }
  return counts;
}

// The most frequent count (the earliest seen among equals) and how often it occurs.
uint32_t ModeCount(const std::vector<uint32_t>& counts, size_t* frequency) {
  uint32_t best = 0;
  *frequency = 0;
  for (uint32_t candidate : counts) {
    size_t n = static_cast<size_t>(std::count(counts.begin(), counts.end(), candidate));
    if (n > *frequency) {
      best = candidate;
      *frequency = n;
    }
  }
  return best;
}

// Picks the delimiter under which the first rows agree best on a field count above one;
// ties go to more columns, then to the order , | ; TAB.
char DetectDelimiter(const Prefix& prefix, size_t start, const CsvReadOptions& options) {
  char best = ',';
  size_t best_rows = 0;
  uint32_t best_columns = 0;
  for (char candidate : {',', '|', ';', '\t'}) {
    CsvDialect dialect{candidate, options.quote, options.escape};
    size_t rows;
    uint32_t columns = ModeCount(FieldCounts(prefix, start, dialect, options.max_line_bytes), &rows);
    if (columns <= 1) continue;
    if (rows > best_rows || (rows == best_rows && columns > best_columns)) {
      best = candidate;
      best_rows = rows;
      best_columns = columns;
    }
  }
  return best;
}

// The first rows of the file, scanned with a fixed column count.
struct Sample {
  // The first non-empty row: the header, or the first data row.
  std::vector<FieldSpan> first_row;
  size_t first_row_start = 0;
  size_t first_row_end = 0;
  uint64_t lines_through_first_row = 0;
  bool has_first_row = false;
  // Rows after it that have exactly `columns` fields, `columns` spans each.
  std::vector<FieldSpan> rows;
  // The sample stopped at the end of the prefix, which is not the end of the file.
  bool truncated = false;
};

Sample CollectSample(const Prefix& prefix, size_t start, const CsvDialect& dialect,
                     size_t columns, const CsvReadOptions& options) {
  Sample sample;
  CsvScanner scanner(prefix.bytes.get(), prefix.size, prefix.at_eof, dialect,
                     options.max_line_bytes);
  size_t pos = start;
  RowScan scan;
  uint64_t lines = 0;
  // Leading empty lines are skipped when looking for the header.
  for (;;) {
    RowStatus status = scanner.ScanRow(pos, nullptr, 0, scan);
    if (status == RowStatus::kIncomplete) sample.truncated = true;
    if (status != RowStatus::kRow) return sample;
    if (!scan.empty_line) break;
    lines += scan.newlines;
    pos = scan.next;
  }
  sample.first_row.resize(std::min<size_t>(scan.fields, kMaxColumns));
  scanner.ScanRow(pos, sample.first_row.data(), static_cast<uint32_t>(sample.first_row.size()),
                  scan);
  sample.has_first_row = true;
  sample.first_row_start = pos;
  sample.first_row_end = scan.next;
  sample.lines_through_first_row = lines + scan.newlines;
  pos = scan.next;
  if (columns == 0) return sample;
  const size_t max_rows =
      std::min(options.sample_rows, std::max<size_t>(1, kMaxSampleFields / columns));
  size_t taken = 0;
  while (taken < max_rows) {
    size_t old_size = sample.rows.size();
    sample.rows.resize(old_size + columns);
    RowStatus status =
        scanner.ScanRow(pos, sample.rows.data() + old_size, static_cast<uint32_t>(columns), scan);
    if (status != RowStatus::kRow || scan.fields != columns || scan.empty_line) {
      sample.rows.resize(old_size);
    }
    if (status == RowStatus::kIncomplete) sample.truncated = true;
    if (status != RowStatus::kRow) break;
    pos = scan.next;
    ++taken;
  }
  return sample;
}

bool IsNullText(std::string_view text, bool quoted, const CsvReadOptions& options) {
  if (text.empty()) return true;
  if (quoted) return false;
  return std::find(options.null_strings.begin(), options.null_strings.end(), text) !=
         options.null_strings.end();
}

// The candidate bit of a column type, 0 for text and the types inference never picks.
uint8_t TypeBit(const types::LogicalType& type) {
  switch (type.id()) {
    case types::TypeId::kBoolean: return kCanBoolean;
    case types::TypeId::kTinyInt:
    case types::TypeId::kSmallInt:
    case types::TypeId::kInteger:
    case types::TypeId::kBigInt: return kCanBigInt;
    case types::TypeId::kFloat:
    case types::TypeId::kDouble:
    case types::TypeId::kDecimal: return kCanDouble;
    case types::TypeId::kDate: return kCanDate;
    case types::TypeId::kTimestamp: return kCanTimestamp;
    default: return 0;
  }
}

// The first row is a header when every cell is non-empty and does not read as a value of its
// column: not of the column's type where the other rows give it one, and not a number or
// date in a text column.
bool LooksLikeHeader(const Sample& sample, const char* data, const std::vector<uint8_t>& bits,
                     const CsvDialect& dialect, const CsvReadOptions& options) {
  if (!sample.has_first_row || sample.first_row.size() != bits.size()) return false;
  for (size_t c = 0; c < bits.size(); ++c) {
    const FieldSpan& span = sample.first_row[c];
    std::string text = FieldText(data, span, dialect);
    if (IsNullText(text, span.quoted, options)) return false;
    const uint8_t reads_as = ClassifyText(text);
    const uint8_t forbidden = bits[c] != 0 ? bits[c] : kAllCandidates & ~kCanBoolean;
    if (reads_as & forbidden) return false;
  }
  return true;
}

types::LogicalType TypeFromCandidates(uint8_t candidates) {
  if (candidates & kCanBoolean) return types::LogicalType::Boolean();
  if (candidates & kCanBigInt) return types::LogicalType::BigInt();
  if (candidates & kCanDouble) return types::LogicalType::Double();
  if (candidates & kCanDate) return types::LogicalType::Date();
  if (candidates & kCanTimestamp) return types::LogicalType::Timestamp();
  return types::LogicalType::Varchar();
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Header names with empty ones filled in as col<i> and repeats suffixed _1, _2, …
// (case-insensitively, as Schema::Find matches names).
std::vector<std::string> ColumnNames(std::vector<std::string> names) {
  std::unordered_set<std::string> used;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) names[i] = "col" + std::to_string(i);
  }
  for (auto& name : names) {
    std::string candidate = name;
    for (size_t suffix = 1; used.count(Lower(candidate)) > 0; ++suffix) {
      candidate = name + "_" + std::to_string(suffix);
    }
    used.insert(Lower(candidate));
    name = std::move(candidate);
  }
  return names;
}

}  // namespace

CsvLayout DetectLayout(storage::ReadableFile& file, const CsvReadOptions& options) {
  const std::string& path = file.path();
  if (options.quote != '\0' && options.quote == options.delimiter) {
    ThrowInvalid(path + ": the CSV quote and delimiter characters must differ");
  }
  if (options.delimiter == '\n' || options.delimiter == '\r' || options.quote == '\n' ||
      options.quote == '\r') {
    ThrowInvalid(path + ": CSV delimiter and quote cannot be line breaks");
  }
  CsvLayout layout;
  Prefix prefix = ReadPrefix(file, kInitialPrefixBytes);
  if (prefix.size >= 2 && static_cast<unsigned char>(prefix.bytes[0]) == 0x1F &&
      static_cast<unsigned char>(prefix.bytes[1]) == 0x8B) {
    ThrowUnsupported(path + ": gzip-compressed CSV cannot be read yet; decompress it first");
  }
  Sample sample;
  size_t columns = 0;
  size_t bom = 0;
  for (;;) {
    bom = BomLength(prefix);
    layout.dialect = CsvDialect{options.delimiter, options.quote, options.escape};
    if (layout.dialect.delimiter == '\0') {
      layout.dialect.delimiter = DetectDelimiter(prefix, bom, options);
    }
    if (options.schema) {
      columns = options.schema->size();
    } else {
      size_t frequency;
      columns = ModeCount(FieldCounts(prefix, bom, layout.dialect, options.max_line_bytes),
                          &frequency);
    }
    if (columns == 0 && HasContent(prefix, bom)) {
      // Not one row of the start scans cleanly (a broken quote, an endless line): read it as
      // one column, so that reading reports the problem with its line and offset.
      columns = 1;
    }
    if (columns > kMaxColumns) {
      ThrowInvalid(path + ": the first rows have " + std::to_string(columns) +
                   " fields; at most " + std::to_string(kMaxColumns) + " columns are supported");
    }
    sample = CollectSample(prefix, bom, layout.dialect, columns, options);
    if (!sample.truncated || prefix.at_eof || prefix.size >= kMaxPrefixBytes) break;
    prefix = ReadPrefix(file, prefix.size * 4);
  }
  const char* data = prefix.bytes.get();

  // Candidate types per column, narrowed by every non-NULL value of the rows after the first.
  std::vector<uint8_t> candidates(columns, kAllCandidates);
  std::vector<bool> seen(columns, false);
  auto observe = [&](const FieldSpan* row) {
    for (size_t c = 0; c < columns; ++c) {
      const FieldSpan& span = row[c];
      std::string_view text(data + span.offset, span.size);
      std::string unescaped;
      if (span.escaped) {
        unescaped = FieldText(data, span, layout.dialect);
        text = unescaped;
      }
      if (IsNullText(text, span.quoted, options)) continue;
      candidates[c] &= ClassifyText(text);
      seen[c] = true;
    }
  };
  for (size_t offset = 0; offset < sample.rows.size(); offset += columns) {
    observe(sample.rows.data() + offset);
  }
  auto column_type = [&](size_t c) {
    if (options.schema) return (*options.schema)[c].type;
    return seen[c] ? TypeFromCandidates(candidates[c]) : types::LogicalType::Varchar();
  };

  switch (options.header) {
    case HeaderMode::kYes: layout.has_header = sample.has_first_row; break;
    case HeaderMode::kNo: layout.has_header = false; break;
    case HeaderMode::kDetect: {
      std::vector<uint8_t> bits(columns);
      for (size_t c = 0; c < columns; ++c) bits[c] = TypeBit(column_type(c));
      layout.has_header = LooksLikeHeader(sample, data, bits, layout.dialect, options);
      break;
    }
  }
  if (layout.has_header) {
    layout.data_offset = sample.first_row_end;
    layout.lines_before_data = sample.lines_through_first_row;
  } else {
    layout.data_offset = bom;
  }

  if (options.schema) {
    layout.schema = *options.schema;
    return layout;
  }
  if (!layout.has_header && sample.first_row.size() == columns) observe(sample.first_row.data());

  std::vector<std::string> names(columns);
  if (layout.has_header) {
    for (size_t c = 0; c < columns && c < sample.first_row.size(); ++c) {
      names[c] = FieldText(data, sample.first_row[c], layout.dialect);
      // Names travel into catalogs and JSON: bytes that are not UTF-8 make no name.
      if (!IsValidUtf8(names[c])) names[c].clear();
    }
  }
  names = ColumnNames(std::move(names));
  for (size_t c = 0; c < columns; ++c) {
    layout.schema.Add(types::Field{names[c], column_type(c), true});
  }
  return layout;
}

}  // namespace basin::formats::csv
