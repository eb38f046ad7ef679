#include "formats/csv/csv_block_parser.hpp"

#include <algorithm>
#include <cstring>

#include "formats/csv/csv_converter.hpp"

namespace basin::formats::csv {

using columnar::DataChunk;
using columnar::Vector;

namespace {

// A field's text for a message: at most 64 bytes, control and non-ASCII bytes as '?'.
std::string Quoted(const char* data, const FieldSpan& span, const CsvDialect& dialect) {
  std::string text = FieldText(data, span, dialect);
  bool cut = text.size() > 64;
  if (cut) text.resize(64);
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) c = '?';
  }
  return "'" + text + (cut ? "…'" : "'");
}

std::string ScanErrorText(const RowScan& scan, const char* data, const ParsePlan& plan) {
  switch (scan.error) {
    case ScanError::kUnterminatedQuote:
      return "the quoted field starting at this offset is never closed";
    case ScanError::kCharAfterQuote: {
      unsigned char c = static_cast<unsigned char>(data[scan.error_offset]);
      std::string shown = c >= 0x20 && c < 0x7F ? std::string(1, static_cast<char>(c))
                                                 : "byte " + std::to_string(c);
      return "unexpected " + shown + " after the closing quote (expected the delimiter or a line break)";
    }
    case ScanError::kLineTooLong:
      return "the row is longer than the " + std::to_string(plan.max_line_bytes) +
             "-byte line limit (max_line_bytes)";
    case ScanError::kNone: break;
  }
  return "malformed row";
}

// True when no byte of [text, text + size) has the high bit set: one cheap pass that spares
// every string of a chunk its UTF-8 check.
bool IsAscii(const char* text, size_t size) {
  uint64_t any = 0;
  size_t i = 0;
  for (; i + 32 <= size; i += 32) {
    uint64_t words[4];
    std::memcpy(words, text + i, 32);
    any |= words[0] | words[1] | words[2] | words[3];
  }
  for (; i < size; ++i) any |= static_cast<unsigned char>(text[i]);
  return (any & 0x8080808080808080ull) == 0;
}

// Drops the rows marked in `drop` from every column of `chunk`.
size_t CompactRows(DataChunk& chunk, const std::vector<uint8_t>& drop, size_t rows) {
  size_t kept = 0;
  for (size_t row = 0; row < rows; ++row) kept += drop[row] ? 0 : 1;
  for (auto& column : chunk.columns()) {
    size_t width = types::FixedWidth(column.physical());
    auto* bytes = column.data<uint8_t>();
    size_t out = 0;
    for (size_t row = 0; row < rows; ++row) {
      if (drop[row]) continue;
      if (out != row) {
        std::memcpy(bytes + out * width, bytes + row * width, width);
        column.validity().Set(out, !column.IsNull(row));
      }
      ++out;
    }
  }
  chunk.SetSize(kept);
  return rows - kept;
}

// Converts the scanned fields of one chunk into `chunk`'s columns. Under kFail returns the
// first row (in file order) with a bad value; under kSkip drops such rows, counting them.
std::optional<BlockError> ConvertChunk(const ParsePlan& plan, const ConvertSettings& settings,
                                       const ChunkFields& fields,
                                       const std::vector<uint32_t>& row_line,
                                       const std::shared_ptr<const void>& keep_alive,
                                       DataChunk& chunk, uint64_t& skipped) {
  const bool fail = plan.policy == MalformedRowPolicy::kFail;
  const size_t rows = fields.rows;
  size_t error_row = rows;
  size_t error_output = 0;
  FailureReason error_reason = FailureReason::kBadValue;
  std::vector<uint8_t> drop;
  std::vector<ConversionFailure> failures;
  for (size_t j = 0; j < plan.projection.size(); ++j) {
    Vector& column = chunk.column(j);
    if (column.physical() == types::PhysicalType::kString) column.heap().KeepAlive(keep_alive);
    failures.clear();
    ConvertColumn(fields, plan.projection[j], settings, column, failures, fail);
    for (const auto& failure : failures) {
      if (fail) {
        if (failure.row < error_row) {
          error_row = failure.row;
          error_output = j;
          error_reason = failure.reason;
        }
      } else {
        if (drop.empty()) drop.assign(rows, 0);
        drop[failure.row] = 1;
      }
    }
  }
  if (error_row < rows) {
    const size_t file_column = plan.projection[error_output];
    const FieldSpan& span = fields.spans[error_row * fields.stride + file_column];
    BlockError error;
    error.offset = span.offset;
    error.line = row_line[error_row];
    error.column = static_cast<uint32_t>(file_column + 1);
    error.type_mismatch = error_reason == FailureReason::kBadValue;
    error.what = error.type_mismatch ? Quoted(fields.data, span, plan.dialect) +
                                           " is not a valid " +
                                           plan.output_schema[error_output].type.ToString()
                                     : "the text is not valid UTF-8";
    return error;
  }
  if (!drop.empty()) skipped += CompactRows(chunk, drop, rows);
  return std::nullopt;
}

}  // namespace

BlockResult ParseBlock(const ParsePlan& plan, const std::shared_ptr<const char[]>& buffer,
                       size_t size, bool at_eof, size_t start, size_t limit) {
  BlockResult result;
  result.start = start;
  const char* data = buffer.get();
  CsvScanner scanner(data, size, at_eof, plan.dialect, plan.max_line_bytes);
  const size_t columns = plan.columns;
  const uint32_t capacity = static_cast<uint32_t>(columns);
  const bool fail = plan.policy == MalformedRowPolicy::kFail;
  ConvertSettings settings{plan.dialect, &plan.null_strings};

  std::vector<FieldSpan> spans(plan.rows_per_chunk * columns);
  std::vector<uint32_t> row_start(plan.rows_per_chunk);
  std::vector<uint32_t> row_line(plan.rows_per_chunk);
  std::shared_ptr<const void> keep_alive(buffer);

  size_t pos = start;
  uint64_t lines = 0;
  bool stop = false;
  RowScan scan;
  auto fail_row = [&](size_t offset, uint64_t line, uint32_t column, std::string what) {
    result.error = BlockError{offset, line, column, std::move(what)};
    stop = true;
  };

  while (!stop && pos < limit) {
    size_t rows = 0;
    while (rows < plan.rows_per_chunk && pos < limit) {
      FieldSpan* row_spans = spans.data() + rows * columns;
      RowStatus status = scanner.ScanRow(pos, row_spans, capacity, scan);
      if (status == RowStatus::kEndOfData) {
        pos = size;
        break;
      }
      if (status == RowStatus::kIncomplete) {
        result.incomplete = true;
        stop = true;
        break;
      }
      if (status == RowStatus::kError) {
        if (fail || scan.error == ScanError::kLineTooLong) {
          fail_row(scan.error == ScanError::kLineTooLong ? pos : scan.error_offset, lines,
                   scan.error == ScanError::kLineTooLong ? 0 : scan.error_field + 1,
                   ScanErrorText(scan, data, plan));
          break;
        }
        // Skip policy: drop the row and carry on after the next line break.
        ++result.skipped;
        if (scan.error == ScanError::kUnterminatedQuote) {
          pos = size;  // the quote runs to the end of the data
          break;
        }
        // The skipped row ends at the next line break, which must lie within the line limit
        // (as for any row, so the outcome does not depend on where the buffer ends).
        const size_t search_end = std::min(size, pos + plan.max_line_bytes);
        const void* newline =
            scan.error_offset < search_end
                ? std::memchr(data + scan.error_offset, '\n', search_end - scan.error_offset)
                : nullptr;
        if (newline == nullptr) {
          --result.skipped;
          if (pos + plan.max_line_bytes <= size) {
            scan.error = ScanError::kLineTooLong;
            fail_row(pos, lines, 0, ScanErrorText(scan, data, plan));
            break;
          }
          if (!at_eof) {
            result.incomplete = true;  // decided again once more bytes are in
            stop = true;
            break;
          }
          ++result.skipped;
          pos = size;
          break;
        }
        const size_t resume = static_cast<const char*>(newline) - data + 1;
        lines += static_cast<uint64_t>(std::count(data + pos, data + resume, '\n'));
        pos = resume;
        continue;
      }
      const size_t row_begin = pos;
      const uint64_t line = lines;
      lines += scan.newlines;
      pos = scan.next;
      if (scan.empty_line && columns != 1) continue;  // blank lines separate nothing
      if (scan.fields != columns) {
        if (!fail) {
          ++result.skipped;
          continue;
        }
        uint32_t column = static_cast<uint32_t>(scan.fields > columns ? columns + 1
                                                                      : scan.fields + 1);
        fail_row(row_begin, line, column,
                 "expected " + std::to_string(columns) + " fields but found " +
                     std::to_string(scan.fields));
        break;
      }
      row_start[rows] = static_cast<uint32_t>(row_begin);
      row_line[rows] = static_cast<uint32_t>(line);
      ++rows;
    }
    // A malformed row stops the scan, but a bad value in an earlier row of this chunk comes
    // first: convert what was scanned before reporting it.
    std::optional<BlockError> scan_error = std::move(result.error);
    result.error.reset();
    if (rows == 0) {
      result.error = std::move(scan_error);
      continue;
    }

    settings.check_utf8 = !IsAscii(data + row_start[0], pos - row_start[0]);
    ChunkFields fields{data, spans.data(), rows, columns};
    DataChunk chunk(plan.output_schema, rows);
    chunk.SetSize(rows);
    if (auto error = ConvertChunk(plan, settings, fields, row_line, keep_alive, chunk,
                                  result.skipped)) {
      result.error = std::move(error);
      stop = true;
      break;
    }
    if (scan_error) {
      result.error = std::move(scan_error);
      break;
    }
    if (chunk.size() > 0) result.chunks.push_back(std::move(chunk));
  }
  result.end = pos;
  result.lines = lines;
  return result;
}

}  // namespace basin::formats::csv
