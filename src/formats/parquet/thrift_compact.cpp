#include "formats/parquet/thrift_compact.hpp"

#include <cstring>

#include "common/error.hpp"

namespace basin::formats::parquet {

namespace {

std::string_view TypeName(ThriftType type) {
  switch (type) {
    case ThriftType::kStop: return "stop";
    case ThriftType::kBoolTrue:
    case ThriftType::kBoolFalse: return "bool";
    case ThriftType::kByte: return "byte";
    case ThriftType::kI16: return "i16";
    case ThriftType::kI32: return "i32";
    case ThriftType::kI64: return "i64";
    case ThriftType::kDouble: return "double";
    case ThriftType::kBinary: return "binary";
    case ThriftType::kList: return "list";
    case ThriftType::kSet: return "set";
    case ThriftType::kMap: return "map";
    case ThriftType::kStruct: return "struct";
  }
  return "unknown";
}

bool IsBool(ThriftType type) {
  return type == ThriftType::kBoolTrue || type == ThriftType::kBoolFalse;
}

}  // namespace

ThriftCompactReader::ThriftCompactReader(std::span<const uint8_t> bytes, std::string context,
                                         uint64_t base_offset)
    : bytes_(bytes), context_(std::move(context)), base_offset_(base_offset) {}

void ThriftCompactReader::Fail(std::string_view what) const {
  ThrowCorrupt(context_ + ": corrupt Thrift metadata at byte offset " +
               std::to_string(base_offset_ + pos_) + ": " + std::string(what));
}

uint8_t ThriftCompactReader::NextByte() {
  if (pos_ >= bytes_.size()) Fail("unexpected end of data");
  return bytes_[pos_++];
}

uint64_t ThriftCompactReader::ReadVarint(int max_bytes) {
  uint64_t result = 0;
  for (int i = 0; i < max_bytes; ++i) {
    uint8_t byte = NextByte();
    result |= static_cast<uint64_t>(byte & 0x7f) << (7 * i);
    if ((byte & 0x80) == 0) return result;
  }
  Fail("varint longer than " + std::to_string(max_bytes) + " bytes");
}

int64_t ThriftCompactReader::ReadZigZag(int max_bytes) {
  uint64_t raw = ReadVarint(max_bytes);
  return static_cast<int64_t>(raw >> 1) ^ -static_cast<int64_t>(raw & 1);
}

void ThriftCompactReader::Enter() {
  if (++depth_ > kMaxThriftDepth) {
    Fail("nesting deeper than " + std::to_string(kMaxThriftDepth) + " levels");
  }
}

void ThriftCompactReader::BeginStruct() {
  Enter();
  field_id_stack_.push_back(last_field_id_);
  last_field_id_ = 0;
}

void ThriftCompactReader::EndStruct() {
  Leave();
  last_field_id_ = field_id_stack_.empty() ? 0 : field_id_stack_.back();
  if (!field_id_stack_.empty()) field_id_stack_.pop_back();
}

bool ThriftCompactReader::ReadFieldHeader(int16_t& field_id, ThriftType& type) {
  uint8_t header = NextByte();
  uint8_t wire = header & 0x0f;
  if (wire == 0) return false;
  if (wire > static_cast<uint8_t>(ThriftType::kStruct)) {
    --pos_;
    Fail("unknown field type " + std::to_string(wire));
  }
  type = static_cast<ThriftType>(wire);
  uint8_t delta = header >> 4;
  if (delta != 0) {
    field_id = static_cast<int16_t>(last_field_id_ + delta);
  } else {
    int64_t id = ReadZigZag(3);
    if (id < INT16_MIN || id > INT16_MAX) Fail("field id out of range");
    field_id = static_cast<int16_t>(id);
  }
  last_field_id_ = field_id;
  pending_bool_ = IsBool(type) ? (type == ThriftType::kBoolTrue ? 1 : 0) : -1;
  return true;
}

bool ThriftCompactReader::ReadBool() {
  if (pending_bool_ < 0) Fail("bool value without a bool field header");
  bool value = pending_bool_ == 1;
  pending_bool_ = -1;
  return value;
}

bool ThriftCompactReader::ReadListBool() { return NextByte() == 1; }

int8_t ThriftCompactReader::ReadByte() { return static_cast<int8_t>(NextByte()); }

int16_t ThriftCompactReader::ReadI16() {
  int64_t value = ReadZigZag(3);
  if (value < INT16_MIN || value > INT16_MAX) Fail("i16 value out of range");
  return static_cast<int16_t>(value);
}

int32_t ThriftCompactReader::ReadI32() {
  int64_t value = ReadZigZag(5);
  if (value < INT32_MIN || value > INT32_MAX) Fail("i32 value out of range");
  return static_cast<int32_t>(value);
}

int64_t ThriftCompactReader::ReadI64() { return ReadZigZag(10); }

double ThriftCompactReader::ReadDouble() {
  if (remaining() < 8) Fail("unexpected end of data in a double");
  double value;
  std::memcpy(&value, bytes_.data() + pos_, 8);
  pos_ += 8;
  return value;
}

std::string_view ThriftCompactReader::ReadBinary() {
  uint64_t length = ReadVarint(5);
  if (length > remaining()) {
    Fail("binary length " + std::to_string(length) + " exceeds the " + std::to_string(remaining()) +
         " bytes that remain");
  }
  std::string_view value(reinterpret_cast<const char*>(bytes_.data() + pos_), length);
  pos_ += length;
  return value;
}

uint32_t ThriftCompactReader::ReadListHeader(ThriftType& element_type) {
  uint8_t header = NextByte();
  uint8_t wire = header & 0x0f;
  if (wire == 0 || wire > static_cast<uint8_t>(ThriftType::kStruct)) {
    --pos_;
    Fail("unknown list element type " + std::to_string(wire));
  }
  element_type = static_cast<ThriftType>(wire);
  uint64_t size = header >> 4;
  if (size == 15) size = ReadVarint(5);
  if (size > remaining()) {
    Fail("list of " + std::to_string(size) + " elements exceeds the " +
         std::to_string(remaining()) + " bytes that remain");
  }
  return static_cast<uint32_t>(size);
}

void ThriftCompactReader::ExpectType(ThriftType type, ThriftType expected, int16_t field_id,
                                     std::string_view what) {
  if (type == expected || (IsBool(type) && IsBool(expected))) return;
  Fail(std::string(what) + " field " + std::to_string(field_id) + " has wire type " +
       std::string(TypeName(type)) + ", expected " + std::string(TypeName(expected)));
}

void ThriftCompactReader::Skip(ThriftType type) {
  switch (type) {
    case ThriftType::kStop: Fail("unexpected stop");
    case ThriftType::kBoolTrue:
    case ThriftType::kBoolFalse:
      // A bool field carries its value in the header; nothing follows.
      pending_bool_ = -1;
      return;
    case ThriftType::kByte: NextByte(); return;
    case ThriftType::kI16:
    case ThriftType::kI32:
    case ThriftType::kI64: ReadVarint(10); return;
    case ThriftType::kDouble: ReadDouble(); return;
    case ThriftType::kBinary: ReadBinary(); return;
    case ThriftType::kList:
    case ThriftType::kSet: {
      Enter();
      ThriftType element;
      uint32_t size = ReadListHeader(element);
      for (uint32_t i = 0; i < size; ++i) {
        if (IsBool(element)) {
          NextByte();
        } else {
          Skip(element);
        }
      }
      Leave();
      return;
    }
    case ThriftType::kMap: {
      Enter();
      uint64_t size = ReadVarint(5);
      if (size > 0) {
        uint8_t types = NextByte();
        uint8_t key = types >> 4;
        uint8_t value = types & 0x0f;
        if (key == 0 || key > 12 || value == 0 || value > 12) Fail("bad map key/value types");
        if (size > remaining() / 2) Fail("map size exceeds the bytes that remain");
        for (uint64_t i = 0; i < size; ++i) {
          for (uint8_t wire : {key, value}) {
            auto t = static_cast<ThriftType>(wire);
            if (IsBool(t)) {
              NextByte();
            } else {
              Skip(t);
            }
          }
        }
      }
      Leave();
      return;
    }
    case ThriftType::kStruct: {
      BeginStruct();
      int16_t id;
      ThriftType field_type;
      while (ReadFieldHeader(id, field_type)) Skip(field_type);
      EndStruct();
      return;
    }
  }
  Fail("unknown wire type");
}

// --- writer ---

void ThriftCompactWriter::WriteVarint(uint64_t value) {
  while (value >= 0x80) {
    buffer_.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  buffer_.push_back(static_cast<char>(value));
}

void ThriftCompactWriter::WriteZigZag(int64_t value) {
  WriteVarint((static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63));
}

void ThriftCompactWriter::BeginStruct() {
  field_id_stack_.push_back(last_field_id_);
  last_field_id_ = 0;
}

void ThriftCompactWriter::EndStruct() {
  buffer_.push_back(0);
  last_field_id_ = field_id_stack_.empty() ? 0 : field_id_stack_.back();
  if (!field_id_stack_.empty()) field_id_stack_.pop_back();
}

void ThriftCompactWriter::FieldHeader(int16_t field_id, ThriftType type) {
  int delta = field_id - last_field_id_;
  if (delta > 0 && delta <= 15) {
    buffer_.push_back(static_cast<char>((delta << 4) | static_cast<uint8_t>(type)));
  } else {
    buffer_.push_back(static_cast<char>(type));
    WriteZigZag(field_id);
  }
  last_field_id_ = field_id;
}

void ThriftCompactWriter::BoolField(int16_t field_id, bool value) {
  FieldHeader(field_id, value ? ThriftType::kBoolTrue : ThriftType::kBoolFalse);
}
void ThriftCompactWriter::ByteField(int16_t field_id, int8_t value) {
  FieldHeader(field_id, ThriftType::kByte);
  WriteByte(value);
}
void ThriftCompactWriter::I16Field(int16_t field_id, int16_t value) {
  FieldHeader(field_id, ThriftType::kI16);
  WriteZigZag(value);
}
void ThriftCompactWriter::I32Field(int16_t field_id, int32_t value) {
  FieldHeader(field_id, ThriftType::kI32);
  WriteZigZag(value);
}
void ThriftCompactWriter::I64Field(int16_t field_id, int64_t value) {
  FieldHeader(field_id, ThriftType::kI64);
  WriteZigZag(value);
}
void ThriftCompactWriter::DoubleField(int16_t field_id, double value) {
  FieldHeader(field_id, ThriftType::kDouble);
  WriteDouble(value);
}
void ThriftCompactWriter::BinaryField(int16_t field_id, std::string_view value) {
  FieldHeader(field_id, ThriftType::kBinary);
  WriteBinary(value);
}
void ThriftCompactWriter::ListField(int16_t field_id, ThriftType element_type, size_t size) {
  FieldHeader(field_id, ThriftType::kList);
  WriteListHeader(element_type, size);
}
void ThriftCompactWriter::StructField(int16_t field_id) {
  FieldHeader(field_id, ThriftType::kStruct);
  BeginStruct();
}

void ThriftCompactWriter::WriteListHeader(ThriftType element_type, size_t size) {
  // Bool elements are declared with type 1 in collections.
  uint8_t type = static_cast<uint8_t>(element_type == ThriftType::kBoolFalse ? ThriftType::kBoolTrue
                                                                             : element_type);
  if (size < 15) {
    buffer_.push_back(static_cast<char>((size << 4) | type));
  } else {
    buffer_.push_back(static_cast<char>(0xf0 | type));
    WriteVarint(size);
  }
}

void ThriftCompactWriter::WriteListBool(bool value) { buffer_.push_back(value ? 1 : 2); }
void ThriftCompactWriter::WriteByte(int8_t value) { buffer_.push_back(static_cast<char>(value)); }

void ThriftCompactWriter::WriteDouble(double value) {
  char bytes[8];
  std::memcpy(bytes, &value, 8);
  buffer_.append(bytes, 8);
}

void ThriftCompactWriter::WriteBinary(std::string_view value) {
  WriteVarint(value.size());
  buffer_.append(value);
}

}  // namespace basin::formats::parquet
