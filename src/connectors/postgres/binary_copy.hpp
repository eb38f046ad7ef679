#pragma once

// Decoder of PostgreSQL's binary COPY format (the "Binary Format" section of the COPY
// documentation): an 11-byte signature "PGCOPY\n\377\r\n\0", int32 flags, int32 extension
// length and that many bytes; then one tuple per CopyData message: int16 field count (-1 ends
// the stream), and per field int32 length (-1 = NULL) and that many bytes in the type's binary
// send format, all integers big-endian. Every length is checked against what remains; a
// mismatch is Corrupt naming the table, row and column.

#include <cstddef>
#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "connectors/postgres/postgres_types.hpp"

namespace basin::connectors::postgres {

class BinaryCopyDecoder {
 public:
  // One mapping per output column, in order; `label` names the table in messages.
  BinaryCopyDecoder(std::vector<PgTypeMapping> columns, std::vector<std::string> names,
                    std::string label);

  // Decodes one CopyData message into row `row` of `chunk` (the first message also carries the
  // header). Returns false for the trailer (field count -1), true after writing a row.
  bool DecodeMessage(const char* data, size_t size, columnar::DataChunk& chunk, size_t row);

 private:
  void DecodeField(size_t column, const char* data, size_t size, columnar::Vector& out, size_t row);
  void DecodeArray(size_t column, const char* data, size_t size, columnar::Vector& out, size_t row);
  void DecodeScalar(Wire wire, size_t column, const char* data, size_t size, columnar::Vector& out,
                    size_t row);
  [[noreturn]] void Fail(size_t column, const std::string& what) const;

  std::vector<PgTypeMapping> columns_;
  std::vector<std::string> names_;
  std::string label_;
  bool header_read_ = false;
  int64_t row_number_ = 0;  // 1-based row of the stream being decoded
};

}  // namespace basin::connectors::postgres
