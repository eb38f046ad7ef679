#pragma once

// The Thrift compact protocol, the encoding of Parquet's footer and page headers.
//
// ThriftCompactReader decodes from a bounded byte span that it never reads past: every varint,
// length, collection size and nesting level is checked against what remains, and a failure is
// a basin::Error with code Corrupt naming the context (usually the file path) and the absolute
// byte offset. ThriftCompactWriter appends the same encoding to a std::string.
//
// Both are driven by hand-written Read/Write methods (parquet_metadata.hpp), one per struct;
// there is no generated code.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace basin::formats::parquet {

// Wire types of the compact protocol (the low nibble of a field header).
enum class ThriftType : uint8_t {
  kStop = 0,
  kBoolTrue = 1,  // in a field header; in collections both 1 and 2 mean "bool"
  kBoolFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

// Deepest struct/collection nesting accepted; Parquet needs about 6.
constexpr int kMaxThriftDepth = 64;

class ThriftCompactReader {
 public:
  // `context` names the bytes in messages (a file path, "page header of column x");
  // `base_offset` is the position of bytes[0] in that file, so errors give absolute offsets.
  ThriftCompactReader(std::span<const uint8_t> bytes, std::string context,
                      uint64_t base_offset = 0);

  // Struct framing: call BeginStruct, then ReadFieldHeader until it returns false (STOP),
  // handling or Skip()ping each field, then EndStruct.
  void BeginStruct();
  void EndStruct();
  // Reads the next field header; false at STOP. For bool fields the value travels in the
  // header: call ReadBool() to get it.
  bool ReadFieldHeader(int16_t& field_id, ThriftType& type);

  bool ReadBool();
  int8_t ReadByte();
  int16_t ReadI16();
  int32_t ReadI32();
  int64_t ReadI64();
  double ReadDouble();
  // A binary/string field: a view into the input bytes (valid while they are).
  std::string_view ReadBinary();
  std::string ReadString() { return std::string(ReadBinary()); }
  // A list or set header: returns the element count (checked against the bytes that remain,
  // every element taking at least one byte) and sets the element type.
  uint32_t ReadListHeader(ThriftType& element_type);
  // A list element of type bool (one byte).
  bool ReadListBool();

  // Skips one value of the given wire type, including nested structs and collections.
  void Skip(ThriftType type);
  // Throws Corrupt unless `type` is `expected` (bool fields accept both bool wire types).
  void ExpectType(ThriftType type, ThriftType expected, int16_t field_id, std::string_view what);

  // Bytes consumed so far.
  size_t position() const { return pos_; }
  size_t remaining() const { return bytes_.size() - pos_; }
  const std::string& context() const { return context_; }
  // Throws Corrupt with the context and the absolute offset of the current position.
  [[noreturn]] void Fail(std::string_view what) const;

 private:
  uint64_t ReadVarint(int max_bytes);
  int64_t ReadZigZag(int max_bytes);
  uint8_t NextByte();
  void Enter();
  void Leave() { --depth_; }

  std::span<const uint8_t> bytes_;
  std::string context_;
  uint64_t base_offset_;
  size_t pos_ = 0;
  int depth_ = 0;
  int16_t last_field_id_ = 0;
  std::vector<int16_t> field_id_stack_;
  // The value of the last bool field header, consumed by ReadBool().
  int pending_bool_ = -1;
};

class ThriftCompactWriter {
 public:
  void BeginStruct();
  // Writes STOP and returns to the enclosing struct.
  void EndStruct();
  void FieldHeader(int16_t field_id, ThriftType type);

  // One call per field: header and value.
  void BoolField(int16_t field_id, bool value);
  void ByteField(int16_t field_id, int8_t value);
  void I16Field(int16_t field_id, int16_t value);
  void I32Field(int16_t field_id, int32_t value);
  void I64Field(int16_t field_id, int64_t value);
  void DoubleField(int16_t field_id, double value);
  void BinaryField(int16_t field_id, std::string_view value);
  // Header of a list field; then write `size` elements with the bare writers below.
  void ListField(int16_t field_id, ThriftType element_type, size_t size);
  // Header of a struct field; then write its fields and EndStruct().
  void StructField(int16_t field_id);

  void WriteListHeader(ThriftType element_type, size_t size);
  void WriteListBool(bool value);
  void WriteByte(int8_t value);
  void WriteI16(int16_t value) { WriteZigZag(value); }
  void WriteI32(int32_t value) { WriteZigZag(value); }
  void WriteI64(int64_t value) { WriteZigZag(value); }
  void WriteDouble(double value);
  void WriteBinary(std::string_view value);

  const std::string& buffer() const { return buffer_; }
  std::string Release() { return std::move(buffer_); }

 private:
  void WriteVarint(uint64_t value);
  void WriteZigZag(int64_t value);

  std::string buffer_;
  int16_t last_field_id_ = 0;
  std::vector<int16_t> field_id_stack_;
};

}  // namespace basin::formats::parquet
