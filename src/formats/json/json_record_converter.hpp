#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "formats/json/json_options.hpp"
#include "formats/json/json_record_splitter.hpp"
#include "formats/json/json_string_map.hpp"
#include "types/schema.hpp"

namespace simdjson::dom {
class element;
class object;
class parser;
}  // namespace simdjson::dom

namespace basin::formats::json {

// How one column or nested field is read: its type, and for a STRUCT how keys find fields.
struct FieldPlan {
  types::LogicalType type;
  std::string path;                 // "address.city", "tags[]": names it in error messages
  std::vector<FieldPlan> children;  // LIST: element; MAP: key, value; STRUCT: fields
  // STRUCT only.
  std::vector<std::string> names;
  StringMap<uint32_t> by_name;
  StringMap<uint32_t> by_lower_name;  // filled when keys may match ignoring case
  uint32_t struct_id = 0;             // the converter's scratch slot for this struct
};

// The plan of a whole record: a STRUCT over the schema's columns. `case_insensitive` lets a key
// match a field that differs only in case (explicit schemas, whose names may come from the
// catalog in lower case).
FieldPlan BuildRecordPlan(const types::Schema& schema, bool case_insensitive,
                          uint32_t& struct_count);

// Parses one record into `parser`'s DOM (valid until its next parse). Numbers a double cannot
// hold exactly are rewritten first (json_numbers.hpp) when `exact_numbers` is set, or when a
// plain parse fails; returns whether that happened. Throws Corrupt with the file, position and
// simdjson's message when the record is not JSON.
bool ParseRecord(simdjson::dom::parser& parser, const RecordView& record, bool exact_numbers,
                 std::string& scratch, const std::string& path, JsonLayout layout,
                 simdjson::dom::element& root);

struct ConvertSettings {
  std::string path;  // the file, for messages
  JsonLayout layout = JsonLayout::kNewlineDelimited;
  bool ignore_errors = false;
  bool exact_numbers = false;  // the schema has a DECIMAL wider than a double's 15 digits
  std::string mismatch_hint;   // appended to type-mismatch messages: what the user can do
};

// Turns records into the rows of a DataChunk, decoding straight into its vectors (nested
// LIST / STRUCT / MAP children included). One converter per thread: it owns a simdjson parser
// and per-object scratch. Values that do not fit their column's type are InvalidInput naming
// the record and the field, or NULL under ignore_errors.
class RecordConverter {
 public:
  // `column_of_field[i]` is the chunk column of the plan's field i, or -1 when not read.
  RecordConverter(const FieldPlan& plan, uint32_t struct_count, std::vector<int> column_of_field,
                  ConvertSettings settings);
  ~RecordConverter();
  RecordConverter(const RecordConverter&) = delete;
  RecordConverter& operator=(const RecordConverter&) = delete;

  // Starts filling `chunk`, whose columns have the projected types, with up to `capacity` rows.
  void Begin(columnar::DataChunk& chunk, size_t capacity);
  // Parses a record and appends it as the next row.
  void Append(const RecordView& record);
  size_t rows() const { return rows_; }
  // Trims every vector to the rows appended and sets the chunk's size.
  void Finish();

 private:
  void ConvertObject(const simdjson::dom::object& object, const FieldPlan& plan,
                     columnar::Vector* base, const int* column_of_field, size_t row);
  void ConvertValue(const simdjson::dom::element& value, const FieldPlan& plan,
                    columnar::Vector& out, size_t row);
  void ConvertString(std::string_view text, bool marked, const FieldPlan& plan,
                     columnar::Vector& out, size_t row);
  void ConvertList(const simdjson::dom::element& value, const FieldPlan& plan,
                   columnar::Vector& out, size_t row);
  void ConvertMap(const simdjson::dom::element& value, const FieldPlan& plan, columnar::Vector& out,
                  size_t row);
  // Converts one entry; the key comes as text (object form) or as an element (array form),
  // the value may be missing. False when the key does not convert (the map fails).
  bool ConvertMapEntry(std::string_view key_text, const simdjson::dom::element* key,
                       const simdjson::dom::element* value, const FieldPlan& plan,
                       columnar::Vector& entries, size_t entry);
  void SetNullRow(const FieldPlan& plan, columnar::Vector& out, size_t row);
  // A value that does not fit: NULL under ignore_errors, else InvalidInput.
  void Mismatch(const FieldPlan& plan, columnar::Vector& out, size_t row, const std::string& found);
  std::string Describe(const simdjson::dom::element& value) const;
  void AppendJsonText(std::string& out, const simdjson::dom::element& value) const;

  const FieldPlan& plan_;
  std::vector<int> column_of_field_;
  ConvertSettings settings_;
  std::unique_ptr<simdjson::dom::parser> parser_;
  std::string rewrite_scratch_;
  std::string text_scratch_;
  // Per STRUCT plan: the visit number that last set each field, to spot missing and repeated
  // keys without clearing anything per object.
  std::vector<std::vector<uint64_t>> seen_;
  uint64_t visit_ = 0;

  columnar::DataChunk* chunk_ = nullptr;
  size_t capacity_ = 0;
  size_t rows_ = 0;
  RecordPosition position_;
  bool rewritten_ = false;
};

}  // namespace basin::formats::json
