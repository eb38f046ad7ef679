#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace basin::formats::csv {

// Bytes of zeros every scanned buffer carries past its end, so the scanner can load whole
// 64-byte windows without bounds checks.
constexpr size_t kScanPadding = 64;

// The characters that shape a CSV file.
struct CsvDialect {
  char delimiter = ',';
  char quote = '"';   // '\0': no quoting
  char escape = '\0';  // '\0': quotes escaped by doubling only
};

// One field of a row: a byte range of the scanned buffer. For a quoted field the range is the
// text between the quotes; `escaped` says it still holds doubled quotes or escape characters
// that must be removed before use.
struct FieldSpan {
  uint32_t offset;
  uint32_t size : 30;
  uint32_t quoted : 1;
  uint32_t escaped : 1;
};

// Fields longer than this cannot be described by a FieldSpan; rows are bounded well below it
// by CsvReadOptions::max_line_bytes.
constexpr size_t kMaxFieldBytes = (size_t{1} << 30) - 1;

enum class RowStatus : uint8_t {
  kRow,         // a row was scanned
  kEndOfData,   // no bytes remain and the data is complete
  kIncomplete,  // the row runs past the end of the buffer, which is not the end of the data
  kError,       // the row is malformed (RowScan::error says how)
};

enum class ScanError : uint8_t {
  kNone,
  kUnterminatedQuote,  // a quoted field is never closed before the end of the data
  kCharAfterQuote,     // a closing quote is followed by something other than a separator
  kLineTooLong,        // the row is longer than the line limit
};

// What ScanRow found.
struct RowScan {
  size_t next = 0;            // where the following row starts
  uint32_t fields = 0;        // fields in the row (may exceed the capacity given)
  uint32_t newlines = 0;      // line breaks consumed: the terminator plus those inside quotes
  bool empty_line = false;    // the row is an empty line
  ScanError error = ScanError::kNone;
  size_t error_offset = 0;    // buffer offset of the problem
  uint32_t error_field = 0;   // 0-based field where it happened
};

// Splits a buffer of CSV text into rows and fields. The buffer must be followed by
// kScanPadding readable bytes. `at_eof` says the buffer ends where the data ends; otherwise a
// row reaching the end is reported kIncomplete so the caller can fetch more bytes.
//
// Grammar (RFC 4180, relaxed): rows end at LF, CRLF or CR; a field starting with the quote
// character runs to the matching closing quote ("" inside stands for one quote, or the escape
// character protects the next byte); a quote inside an unquoted field is an ordinary byte.
class CsvScanner {
 public:
  CsvScanner(const char* data, size_t size, bool at_eof, const CsvDialect& dialect,
             size_t max_line_bytes)
      : data_(data),
        size_(size),
        at_eof_(at_eof),
        delimiter_(dialect.delimiter),
        quote_(dialect.quote),
        escape_(dialect.escape == dialect.quote ? '\0' : dialect.escape),
        max_line_(std::min(max_line_bytes, kMaxFieldBytes)) {}

  const char* data() const { return data_; }
  size_t size() const { return size_; }

  // Scans the row starting at `pos`, writing at most `capacity` field spans to `fields`.
  //
  // The line limit is enforced as bytes are examined: once the row provably runs past
  // pos + max_line_bytes, the scan stops with kLineTooLong, before looking further. So the
  // outcome never depends on where the buffer happens to end.
  RowStatus ScanRow(size_t pos, FieldSpan* fields, uint32_t capacity, RowScan& scan) {
    scan.fields = 0;
    scan.newlines = 0;
    scan.empty_line = false;
    if (pos >= size_) return at_eof_ ? RowStatus::kEndOfData : RowStatus::kIncomplete;
    // The row's last byte (its terminator) must lie before `limit`.
    const size_t limit = pos + max_line_;
    size_t p = pos;
    for (;;) {
      if (p == size_) {
        // A delimiter was the last byte of the data: one more empty field ends the row.
        if (!at_eof_) return RowStatus::kIncomplete;
        Emit(fields, capacity, scan, p, 0, false, false);
        scan.next = size_;
        return RowStatus::kRow;
      }
      if (p >= limit) return TooLong(pos, scan);
      size_t end;
      if (data_[p] == quote_ && quote_ != '\0') {
        size_t content = p + 1;
        bool escaped = false;
        RowStatus status = FindClosingQuote(pos, p, limit, scan, &end, &escaped);
        if (status != RowStatus::kRow) return status;
        Emit(fields, capacity, scan, content, end - content, true, escaped);
        end += 1;  // past the closing quote
        if (end == size_) {
          if (!at_eof_) return RowStatus::kIncomplete;
          scan.next = size_;
          return RowStatus::kRow;
        }
        if (end >= limit) return TooLong(pos, scan);
        char after = data_[end];
        if (after != delimiter_ && after != '\n' && after != '\r') {
          scan.error = ScanError::kCharAfterQuote;
          scan.error_offset = end;
          scan.error_field = scan.fields - 1;
          return RowStatus::kError;
        }
      } else {
        end = NextSpecial(p);
        if (end >= size_) {
          if (size_ > limit) return TooLong(pos, scan);
          if (!at_eof_) return RowStatus::kIncomplete;
          Emit(fields, capacity, scan, p, size_ - p, false, false);
          scan.next = size_;
          return RowStatus::kRow;
        }
        if (end >= limit) return TooLong(pos, scan);
        Emit(fields, capacity, scan, p, end - p, false, false);
      }
      char separator = data_[end];
      if (separator == delimiter_) {
        p = end + 1;
        continue;
      }
      scan.empty_line = scan.fields == 1 && end == pos;
      scan.newlines += 1;
      if (separator == '\r') {
        if (end + 1 == size_ && !at_eof_) return RowStatus::kIncomplete;  // CR or CRLF?
        scan.next = end + 1 < size_ && data_[end + 1] == '\n' ? end + 2 : end + 1;
      } else {
        scan.next = end + 1;
      }
      if (scan.next - pos > max_line_) return TooLong(pos, scan);
      return RowStatus::kRow;
    }
  }

 private:
  static void Emit(FieldSpan* fields, uint32_t capacity, RowScan& scan, size_t offset,
                   size_t size, bool quoted, bool escaped) {
    if (scan.fields < capacity) {
      FieldSpan& field = fields[scan.fields];
      field.offset = static_cast<uint32_t>(offset);
      field.size = static_cast<uint32_t>(size);
      field.quoted = quoted;
      field.escaped = escaped;
    }
    ++scan.fields;
  }

  static RowStatus TooLong(size_t pos, RowScan& scan) {
    scan.error = ScanError::kLineTooLong;
    scan.error_offset = pos;
    scan.error_field = scan.fields > 0 ? scan.fields - 1 : 0;
    return RowStatus::kError;
  }

  // From the opening quote at `open`, finds the closing quote (stored in *close), looking no
  // further than `limit`. Counts line breaks inside the field into scan.newlines.
  RowStatus FindClosingQuote(size_t row_start, size_t open, size_t limit, RowScan& scan,
                             size_t* close, bool* escaped) const {
    size_t q = open + 1;
    const size_t search_end = std::min(size_, limit);
    for (;;) {
      size_t hit = FindQuoteOrEscape(q, search_end);
      if (hit >= search_end) {
        if (limit <= size_) return TooLong(row_start, scan);
        if (!at_eof_) return RowStatus::kIncomplete;
        scan.error = ScanError::kUnterminatedQuote;
        scan.error_offset = open;
        scan.error_field = scan.fields;
        return RowStatus::kError;
      }
      scan.newlines += CountNewlines(q, hit);
      if (hit + 1 == size_) {
        // Whether a closing quote ends the data, or what the escape protects, is unknown yet.
        if (!at_eof_) return RowStatus::kIncomplete;
        if (data_[hit] != quote_) {
          q = size_;  // an escape as the last byte: the quote is never closed
          continue;
        }
        *close = hit;
        return RowStatus::kRow;
      }
      // The next byte continues the field or is the separator: past the limit either way.
      if (hit + 1 >= limit) return TooLong(row_start, scan);
      if (data_[hit] != quote_) {
        // Escape character: the next byte is literal, whatever it is.
        if (data_[hit + 1] == '\n') ++scan.newlines;
        *escaped = true;
        q = hit + 2;
        continue;
      }
      if (data_[hit + 1] == quote_) {
        *escaped = true;
        q = hit + 2;
        continue;
      }
      *close = hit;
      return RowStatus::kRow;
    }
  }

  size_t FindQuoteOrEscape(size_t from, size_t limit) const {
    if (from >= limit) return limit;
    const void* quote = std::memchr(data_ + from, quote_, limit - from);
    size_t hit = quote ? static_cast<const char*>(quote) - data_ : limit;
    if (escape_ != '\0') {
      const void* escape = std::memchr(data_ + from, escape_, hit - from);
      if (escape) hit = static_cast<const char*>(escape) - data_;
    }
    return hit;
  }

  uint32_t CountNewlines(size_t from, size_t to) const {
    uint32_t count = 0;
    for (const char* p = data_ + from; p < data_ + to; ++p) {
      p = static_cast<const char*>(std::memchr(p, '\n', data_ + to - p));
      if (p == nullptr) break;
      ++count;
    }
    return count;
  }

  // Position of the next delimiter, CR or LF at or after `from` (size_ when none). Scans
  // 64-byte windows into bit masks and walks their set bits.
  size_t NextSpecial(size_t from) {
    if (from < window_ || from >= window_ + 64) {
      window_ = from & ~size_t{63};
      mask_ = WindowMask(window_);
    }
    uint64_t bits = mask_ & (~uint64_t{0} << (from - window_));
    while (bits == 0) {
      window_ += 64;
      if (window_ >= size_) return size_;
      mask_ = WindowMask(window_);
      bits = mask_;
    }
    return window_ + static_cast<size_t>(__builtin_ctzll(bits));
  }

  uint64_t WindowMask(size_t window) const {
    const char* base = data_ + window;
#if defined(__SSE2__)
    const __m128i delimiter = _mm_set1_epi8(delimiter_);
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    uint64_t mask = 0;
    for (int i = 0; i < 4; ++i) {
      __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(base + 16 * i));
      __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, delimiter),
                                               _mm_cmpeq_epi8(bytes, lf)),
                                  _mm_cmpeq_epi8(bytes, cr));
      mask |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(hits))) << (16 * i);
    }
    return mask;
#else
    uint64_t mask = 0;
    for (int i = 0; i < 64; ++i) {
      char c = base[i];
      if (c == delimiter_ || c == '\n' || c == '\r') mask |= uint64_t{1} << i;
    }
    return mask;
#endif
  }

  const char* data_;
  size_t size_;
  bool at_eof_;
  char delimiter_;
  char quote_;
  char escape_;
  size_t max_line_;
  size_t window_ = ~size_t{0} - 64;
  uint64_t mask_ = 0;
};

}  // namespace basin::formats::csv
