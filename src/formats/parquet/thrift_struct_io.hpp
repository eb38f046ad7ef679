#pragma once

// Helpers shared by the files that read and write parquet.thrift structs
// (parquet_metadata.cpp, page_header.cpp): typed access to one field being read, a struct
// reader that checks required fields, and list writing. Internal to formats/parquet.

#include <cstdint>
#include <string>
#include <vector>

#include "formats/parquet/thrift_compact.hpp"

namespace basin::formats::parquet::thrift_io {

constexpr uint32_t Bit(int field_id) { return uint32_t{1} << field_id; }

// One field being read: its id and wire type, with typed accessors that check the wire type.
struct Field {
  ThriftCompactReader& reader;
  int16_t id;
  ThriftType type;
  const char* owner;

  void Expect(ThriftType expected) { reader.ExpectType(type, expected, id, owner); }
  bool Bool() {
    Expect(ThriftType::kBoolTrue);
    return reader.ReadBool();
  }
  int8_t Byte() {
    Expect(ThriftType::kByte);
    return reader.ReadByte();
  }
  int16_t I16() {
    Expect(ThriftType::kI16);
    return reader.ReadI16();
  }
  int32_t I32() {
    Expect(ThriftType::kI32);
    return reader.ReadI32();
  }
  int64_t I64() {
    Expect(ThriftType::kI64);
    return reader.ReadI64();
  }
  std::string String() {
    Expect(ThriftType::kBinary);
    return reader.ReadString();
  }
  template <typename E>
  E Enum() {
    return static_cast<E>(I32());
  }
  template <typename T>
  T Struct() {
    Expect(ThriftType::kStruct);
    T value;
    value.Read(reader);
    return value;
  }
  uint32_t ListOf(ThriftType element) {
    Expect(ThriftType::kList);
    ThriftType actual;
    uint32_t size = reader.ReadListHeader(actual);
    if (actual != element) {
      reader.Fail(std::string(owner) + " field " + std::to_string(id) +
                  " is a list of the wrong element type");
    }
    return size;
  }
  template <typename T>
  std::vector<T> StructList() {
    uint32_t size = ListOf(ThriftType::kStruct);
    std::vector<T> values(size);
    for (auto& value : values) value.Read(reader);
    return values;
  }
  std::vector<std::string> StringList() {
    uint32_t size = ListOf(ThriftType::kBinary);
    std::vector<std::string> values;
    values.reserve(size);
    for (uint32_t i = 0; i < size; ++i) values.push_back(reader.ReadString());
    return values;
  }
  template <typename E>
  std::vector<E> EnumList() {
    uint32_t size = ListOf(ThriftType::kI32);
    std::vector<E> values;
    values.reserve(size);
    for (uint32_t i = 0; i < size; ++i) values.push_back(static_cast<E>(reader.ReadI32()));
    return values;
  }
};

// Reads one struct: `handle(field)` returns true when it consumed the field, false to skip it.
// Fields listed in `required` (a bit per field id) must be present.
template <typename Handler>
void ReadStruct(ThriftCompactReader& reader, const char* owner, uint32_t required,
                Handler&& handle) {
  reader.BeginStruct();
  uint32_t seen = 0;
  int16_t id;
  ThriftType type;
  while (reader.ReadFieldHeader(id, type)) {
    Field field{reader, id, type, owner};
    if (handle(field)) {
      if (id > 0 && id < 32) seen |= Bit(id);
    } else {
      reader.Skip(type);
    }
  }
  reader.EndStruct();
  if ((seen & required) != required) {
    for (int i = 1; i < 32; ++i) {
      if ((required & Bit(i)) && !(seen & Bit(i))) {
        reader.Fail(std::string(owner) + " lacks its required field " + std::to_string(i));
      }
    }
  }
}

inline void WriteEmptyStructField(ThriftCompactWriter& writer, int16_t field_id) {
  writer.StructField(field_id);
  writer.EndStruct();
}

template <typename T>
void WriteStructList(ThriftCompactWriter& writer, int16_t field_id, const std::vector<T>& list) {
  writer.ListField(field_id, ThriftType::kStruct, list.size());
  for (const auto& item : list) item.Write(writer);
}

}  // namespace basin::formats::parquet::thrift_io
