#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "formats/json/json_options.hpp"
#include "storage/file_system.hpp"

namespace basin::formats::json {

// Where a record sits in its file, for error messages.
struct RecordPosition {
  uint64_t offset = 0;  // byte offset of its first byte
  uint64_t line = 0;    // 1-based line of its first byte
  uint64_t index = 0;   // 0-based record number
};

// One record's bytes. `data` stays valid until the next call to Next() or Rewind(), and at
// least kJsonPadding readable bytes follow `data + size` (simdjson reads ahead).
struct RecordView {
  const char* data = nullptr;
  size_t size = 0;
  RecordPosition position;
};

// simdjson's SIMDJSON_PADDING, kept here so headers need not include simdjson.h.
constexpr size_t kJsonPadding = 64;

// "line 12 (byte offset 340)" or, in an array, "array element 5 at line 3 (byte offset 120)".
std::string DescribePosition(const RecordPosition& position, JsonLayout layout);

// Cuts a JSON file into records without parsing them: the lines of newline-delimited JSON
// (blank lines skipped), or the elements of one top-level array. The file is read forward by
// byte ranges into a buffer that grows only to hold the longest record, at most
// max_record_bytes. Only the array's own punctuation is checked here; each record's syntax is
// left to simdjson. Errors are Corrupt and name the file, line and byte offset.
class RecordSplitter {
 public:
  // Resolves kAuto by the first byte that is not whitespace (or a UTF-8 BOM).
  RecordSplitter(storage::ReadableFile& file, JsonLayout layout, size_t max_record_bytes);

  JsonLayout layout() const { return layout_; }
  // The next record, or false once the file is exhausted.
  bool Next(RecordView& record);
  // Starts again from the first record.
  void Rewind();

 private:
  enum class ArrayState { kBeforeArray, kFirstElement, kNextElement, kAfterElement, kAfterArray };

  // Reads more of the file, keeping buffer bytes from `keep` on (they move to the front; `keep`
  // and every saved position are rebased). False at the end of the file.
  bool Fill(size_t& keep);
  void SkipBom();
  bool NextLine(RecordView& record);
  bool NextElement(RecordView& record);
  // Advances pos_ past whitespace, counting lines; false when the buffer ran out first.
  bool SkipWhitespace();
  // Finds the end of the value starting at element_start_, reading more of the file as needed;
  // false when the file ends first.
  bool ScanElement(size_t& end);
  [[noreturn]] void ThrowAt(size_t pos, const std::string& what) const;
  [[noreturn]] void ThrowTooLong(size_t record_start) const;

  storage::ReadableFile& file_;
  JsonLayout requested_layout_;
  JsonLayout layout_;
  size_t max_record_bytes_;

  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;         // usable bytes, padding excluded
  size_t end_ = 0;              // valid bytes in buffer_
  uint64_t buffer_offset_ = 0;  // file offset of buffer_[0]
  uint64_t file_position_ = 0;  // next file offset to read
  bool at_eof_ = false;

  size_t pos_ = 0;        // next unconsumed byte
  uint64_t line_ = 1;     // line of buffer_[pos_]
  uint64_t records_ = 0;  // records returned so far

  // Newline-delimited: how far the current line was already searched for '\n'.
  size_t searched_ = 0;
  // Array: the punctuation state and the element being scanned (positions rebased by Fill).
  ArrayState array_state_ = ArrayState::kBeforeArray;
  size_t element_start_ = 0;
  uint64_t element_line_ = 0;
  size_t scan_pos_ = 0;
};

}  // namespace basin::formats::json
