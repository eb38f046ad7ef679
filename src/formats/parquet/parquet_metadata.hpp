#pragma once

// Parquet's metadata structures (parquet.thrift of apache/parquet-format) as plain C++ structs,
// each with Read from and Write to the Thrift compact protocol. Field ids follow parquet.thrift
// exactly; optional fields are std::optional (or an empty vector for optional lists), unknown
// fields are skipped on read, and enum values we do not know are kept as their number.
//
// Read methods check that required fields are present and throw Corrupt (with the reader's
// context and byte offset) when one is missing; they do not judge meaning (negative sizes,
// offsets past the file): the reader does that where it uses the values.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/parquet/thrift_compact.hpp"

namespace basin::formats::parquet {

enum class Type : int32_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};

enum class ConvertedType : int32_t {
  kUtf8 = 0,
  kMap = 1,
  kMapKeyValue = 2,
  kList = 3,
  kEnum = 4,
  kDecimal = 5,
  kDate = 6,
  kTimeMillis = 7,
  kTimeMicros = 8,
  kTimestampMillis = 9,
  kTimestampMicros = 10,
  kUint8 = 11,
  kUint16 = 12,
  kUint32 = 13,
  kUint64 = 14,
  kInt8 = 15,
  kInt16 = 16,
  kInt32 = 17,
  kInt64 = 18,
  kJson = 19,
  kBson = 20,
  kInterval = 21,
};

enum class FieldRepetitionType : int32_t {
  kRequired = 0,
  kOptional = 1,
  kRepeated = 2,
};

enum class Encoding : int32_t {
  kPlain = 0,
  kPlainDictionary = 2,
  kRle = 3,
  kBitPacked = 4,
  kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6,
  kDeltaByteArray = 7,
  kRleDictionary = 8,
  kByteStreamSplit = 9,
};

enum class CompressionCodec : int32_t {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kLzo = 3,
  kBrotli = 4,
  kLz4 = 5,  // Hadoop-framed LZ4 (deprecated)
  kZstd = 6,
  kLz4Raw = 7,
};

enum class PageType : int32_t {
  kDataPage = 0,
  kIndexPage = 1,
  kDictionaryPage = 2,
  kDataPageV2 = 3,
};

enum class TimeUnit : uint8_t { kMillis, kMicros, kNanos };

std::string_view TypeName(Type type);                // "INT32", …
std::string_view EncodingName(Encoding encoding);    // "PLAIN", …
std::string_view CodecName(CompressionCodec codec);  // "SNAPPY", …

// parquet.thrift's LogicalType union (named so as not to clash with types::LogicalType).
struct LogicalTypeAnnotation {
  enum class Kind : uint8_t {
    kNone,  // not set
    kString,
    kMap,
    kList,
    kEnum,
    kDecimal,
    kDate,
    kTime,
    kTimestamp,
    kInteger,
    kUnknown,  // NullType: always-null column
    kJson,
    kBson,
    kUuid,
    kFloat16,
    kOther,  // a member this reader does not know (VARIANT, GEOMETRY, …)
  };
  Kind kind = Kind::kNone;
  int32_t decimal_scale = 0;          // kDecimal
  int32_t decimal_precision = 0;      // kDecimal
  bool is_adjusted_to_utc = false;    // kTime, kTimestamp
  TimeUnit unit = TimeUnit::kMicros;  // kTime, kTimestamp
  int8_t bit_width = 0;               // kInteger
  bool is_signed = true;              // kInteger
  int16_t other_field_id = 0;         // kOther: the union member's field id

  void Read(ThriftCompactReader& reader);
  void Write(ThriftCompactWriter& writer) const;
  bool operator==(const LogicalTypeAnnotation&) const = default;
};

struct Statistics {
  std::optional<std::string> max;  // legacy, signed comparison
  std::optional<std::string> min;  // legacy, signed comparison
  std::optional<int64_t> null_count;
  std::optional<int64_t> distinct_count;
  std::optional<std::string> max_value;  // by the column's sort order
  std::optional<std::string> min_value;
  std::optional<bool> is_max_value_exact;
  std::optional<bool> is_min_value_exact;

  void Read(ThriftCompactReader& reader);
  void Write(ThriftCompactWriter& writer) const;
  bool operator==(const Statistics&) const = default;
};

struct SchemaElement {
  std::optional<Type> type;  // absent for groups
  std::optional<int32_t> type_length;
  std::optional<FieldRepetitionType> repetition_type;
  std::string name;
  std::optional<int32_t> num_children;
  std::optional<ConvertedType> converted_type;
  std::optional<int32_t> scale;
  std::optional<int32_t> precision;
  std::optional<int32_t> field_id;
  std::optional<LogicalTypeAnnotation> logical_type;

  void Read(ThriftCompactReader& reader);
  void Write(ThriftCompactWriter& writer) const;
  bool operator==(const SchemaElement&) const = default;
};

struct KeyValue {
  std::string key;
  std::optional<std::string> value;

  void Read(ThriftCompactReader& reader);
  void Write(ThriftCompactWriter& writer) const;
  bool operator==(const KeyValue&) const = default;
};

struct SortingColumn {
  int32_t column_idx = 0;
  bool descending = false;
  bool nulls_first = false;

  void Read(ThriftCompactReader& reader);
  void Write(ThriftCompactWriter& writer) const;
  bool operator==(const SortingColumn&) const = default;
};

struct PageEncodingStats {
  PageType page_type = PageType::kDataPage;
  Encoding encoding = Encoding::kPlain;
  int32_t count = 0;

  void Read(ThriftCompactReader& reader);
  void Write(ThriftCompactWriter& writer) const;
  bool operator==(const PageEncodingStats&) const = default;
};

struct ColumnMetaData {
  Type type = Type::kBoolean;
  std::vector<Encoding> encodings;
  std::vector<std::string> path_in_schema;
  CompressionCodec codec = CompressionCodec::kUncompressed;
  int64_t num_values = 0;
  int64_t total_uncompressed_size = 0;
  int64_t total_compressed_size = 0;
  std::vector<KeyValue> key_value_metadata;
  int64_t data_page_offset = 0;
  std::optional<int64_t> index_page_offset;
  std::optional<int64_t> dictionary_page_offset;
  std::optional<Statistics> statistics;
  std::vector<PageEncodingStats> encoding_stats;
  std::optional<int64_t> bloom_filter_offset;
  std::optional<int32_t> bloom_filter_length;

  void Read(ThriftCompactReader& reader);
  void Write(ThriftCompactWriter& writer) const;
  bool operator==(const ColumnMetaData&) const = default;
};

struct ColumnChunk {
  std::optional<std::string> file_path;
  int64_t file_offset = 0;
  std::optional<ColumnMetaData> meta_data;
  std::optional<int64_t> offset_index_offset;
  std::optional<int32_t> offset_index_length;
  std::optional<int64_t> column_index_offset;
  std::optional<int32_t> column_index_length;

  void Read(ThriftCompactReader& reader);
  void Write(ThriftCompactWriter& writer) const;
  bool operator==(const ColumnChunk&) const = default;
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  int64_t total_byte_size = 0;
  int64_t num_rows = 0;
  std::vector<SortingColumn> sorting_columns;
  std::optional<int64_t> file_offset;
  std::optional<int64_t> total_compressed_size;
  std::optional<int16_t> ordinal;

  void Read(ThriftCompactReader& reader);
  void Write(ThriftCompactWriter& writer) const;
  bool operator==(const RowGroup&) const = default;
};

// ColumnOrder is a union whose only member so far is TYPE_ORDER; we keep whether it was set.
struct ColumnOrder {
  bool type_defined_order = false;

  void Read(ThriftCompactReader& reader);
  void Write(ThriftCompactWriter& writer) const;
  bool operator==(const ColumnOrder&) const = default;
};

struct FileMetaData {
  int32_t version = 1;
  std::vector<SchemaElement> schema;
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
  std::vector<KeyValue> key_value_metadata;
  std::optional<std::string> created_by;
  std::vector<ColumnOrder> column_orders;
  // Set when the footer announces encryption (field 8), which we do not support.
  bool encrypted = false;

  void Read(ThriftCompactReader& reader);
  void Write(ThriftCompactWriter& writer) const;
  bool operator==(const FileMetaData&) const = default;
};

struct DataPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::kPlain;
  Encoding definition_level_encoding = Encoding::kRle;
  Encoding repetition_level_encoding = Encoding::kRle;
  std::optional<Statistics> statistics;

  void Read(ThriftCompactReader& reader);
  void Write(ThriftCompactWriter& writer) const;
  bool operator==(const DataPageHeader&) const = default;
};

struct DataPageHeaderV2 {
  int32_t num_values = 0;
  int32_t num_nulls = 0;
  int32_t num_rows = 0;
  Encoding encoding = Encoding::kPlain;
  int32_t definition_levels_byte_length = 0;
  int32_t repetition_levels_byte_length = 0;
  bool is_compressed = true;
  std::optional<Statistics> statistics;

  void Read(ThriftCompactReader& reader);
  void Write(ThriftCompactWriter& writer) const;
  bool operator==(const DataPageHeaderV2&) const = default;
};

struct DictionaryPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::kPlain;
  std::optional<bool> is_sorted;

  void Read(ThriftCompactReader& reader);
  void Write(ThriftCompactWriter& writer) const;
  bool operator==(const DictionaryPageHeader&) const = default;
};

struct PageHeader {
  PageType type = PageType::kDataPage;
  int32_t uncompressed_page_size = 0;
  int32_t compressed_page_size = 0;
  std::optional<int32_t> crc;
  std::optional<DataPageHeader> data_page_header;
  std::optional<DictionaryPageHeader> dictionary_page_header;
  std::optional<DataPageHeaderV2> data_page_header_v2;

  void Read(ThriftCompactReader& reader);
  void Write(ThriftCompactWriter& writer) const;
  bool operator==(const PageHeader&) const = default;
};

}  // namespace basin::formats::parquet
