#include "columnar/vector.hpp"

#include <cstring>

#include "common/error.hpp"

namespace basin::columnar {

using types::TypeId;

Vector::Vector(LogicalType type, size_t capacity)
    : type_(std::move(type)), physical_(type_.physical()) {
  if (physical_ == PhysicalType::kString) heap_ = std::make_unique<StringHeap>();
  switch (type_.id()) {
    case TypeId::kList: children_.emplace_back(type_.element()); break;
    case TypeId::kMap: children_.emplace_back(type_.MapEntryType()); break;
    case TypeId::kStruct:
      for (const auto& field : type_.fields()) children_.emplace_back(field.type);
      break;
    default: break;
  }
  if (physical_ == PhysicalType::kList) offsets_.assign(1, 0);
  if (capacity > 0) Reserve(capacity);
}

void Vector::GrowData(size_t rows) {
  size_t width = types::FixedWidth(physical_);
  if (width == 0) {
    capacity_ = rows;
    return;
  }
  size_t new_capacity = capacity_ * 2 > rows ? capacity_ * 2 : rows;
  void* grown = std::realloc(data_.get(), new_capacity * width);
  if (grown == nullptr) {
    throw Error(ErrorCode::kResourceExhausted,
                "out of memory growing a " + type_.ToString() + " vector to " +
                    std::to_string(new_capacity) + " rows");
  }
  data_.release();
  data_.reset(static_cast<uint8_t*>(grown));
  capacity_ = new_capacity;
}

void Vector::Reserve(size_t rows) {
  if (rows > capacity_) GrowData(rows);
  if (physical_ == PhysicalType::kList && offsets_.capacity() < rows + 1) {
    offsets_.reserve(rows + 1);
  }
  if (physical_ == PhysicalType::kStruct) {
    for (auto& child : children_) child.Reserve(rows);
  }
}

void Vector::Resize(size_t rows) {
  if (rows > capacity_) GrowData(rows);
  if (physical_ == PhysicalType::kList) offsets_.resize(rows + 1, offsets_.back());
  if (physical_ == PhysicalType::kStruct) {
    for (auto& child : children_) child.Resize(rows);
  }
  validity_.Resize(rows);
  size_ = rows;
}

void Vector::Reset() {
  size_ = 0;
  validity_.Reset(0);
  if (heap_) heap_->Clear();
  shared_heap_.reset();
  if (physical_ == PhysicalType::kList) offsets_.assign(1, 0);
  for (auto& child : children_) child.Reset();
}

std::shared_ptr<const void> Vector::ShareHeap() {
  if (!heap_) ThrowInternal("ShareHeap on a " + type_.ToString() + " vector");
  // Nothing added since the last share: hand out the same bytes again rather than nesting.
  if (shared_heap_ && heap_->allocated_bytes() == 0 && heap_->kept_count() == 1) {
    return shared_heap_;
  }
  std::shared_ptr<StringHeap> shared(std::move(heap_));
  heap_ = std::make_unique<StringHeap>();
  heap_->KeepAlive(shared);
  shared_heap_ = shared;
  return shared;
}

Value Vector::GetValue(size_t row) const {
  if (row >= size_) ThrowInternal("row " + std::to_string(row) + " past vector size");
  if (IsNull(row)) return Value::Null(type_);
  switch (type_.id()) {
    case TypeId::kBoolean: return Value::Boolean(data<uint8_t>()[row] != 0);
    case TypeId::kTinyInt: return Value::Integer(type_, data<int8_t>()[row]);
    case TypeId::kSmallInt: return Value::Integer(type_, data<int16_t>()[row]);
    case TypeId::kInteger:
    case TypeId::kDate: return Value::Integer(type_, data<int32_t>()[row]);
    case TypeId::kBigInt:
    case TypeId::kTime:
    case TypeId::kTimestamp: return Value::Integer(type_, data<int64_t>()[row]);
    case TypeId::kDecimal:
      return physical_ == PhysicalType::kInt64 ? Value::Decimal(type_, data<int64_t>()[row])
                                               : Value::Decimal(type_, data<__int128>()[row]);
    case TypeId::kFloat: return Value::Float(data<float>()[row]);
    case TypeId::kDouble: return Value::Double(data<double>()[row]);
    case TypeId::kVarchar: return Value::Varchar(std::string(data<std::string_view>()[row]));
    case TypeId::kBinary: return Value::Binary(std::string(data<std::string_view>()[row]));
    case TypeId::kList:
    case TypeId::kMap: {
      std::vector<Value> elements;
      for (int64_t i = offsets_[row]; i < offsets_[row + 1]; ++i) {
        elements.push_back(children_[0].GetValue(static_cast<size_t>(i)));
      }
      return Value::Nested(type_, std::move(elements));
    }
    case TypeId::kStruct: {
      std::vector<Value> fields;
      for (const auto& child : children_) fields.push_back(child.GetValue(row));
      return Value::Nested(type_, std::move(fields));
    }
  }
  return Value::Null(type_);
}

void Vector::Append(const Value& value) {
  size_t row = size_;
  if (physical_ == PhysicalType::kStruct) {
    // Children grow with the struct; a NULL struct gets NULL fields.
    Resize(row + 1);
    for (size_t i = 0; i < children_.size(); ++i) {
      Vector& child = children_[i];
      child.Resize(row);
      if (value.is_null()) {
        child.Append(Value::Null(child.type()));
      } else {
        child.Append(value.children().at(i));
      }
    }
    if (value.is_null()) SetNull(row);
    return;
  }
  Resize(row + 1);
  if (value.is_null()) {
    SetNull(row);
    return;
  }
  if (value.type().id() != type_.id()) {
    ThrowInternal("appending a " + value.type().ToString() + " value to a " + type_.ToString() +
                  " vector");
  }
  switch (physical_) {
    case PhysicalType::kBool: data<uint8_t>()[row] = value.bool_value() ? 1 : 0; break;
    case PhysicalType::kInt8: data<int8_t>()[row] = static_cast<int8_t>(value.int_value()); break;
    case PhysicalType::kInt16:
      data<int16_t>()[row] = static_cast<int16_t>(value.int_value());
      break;
    case PhysicalType::kInt32:
      data<int32_t>()[row] = static_cast<int32_t>(value.int_value());
      break;
    case PhysicalType::kInt64:
      data<int64_t>()[row] = type_.id() == TypeId::kDecimal
                                 ? static_cast<int64_t>(value.decimal_value())
                                 : value.int_value();
      break;
    case PhysicalType::kInt128: data<__int128>()[row] = value.decimal_value(); break;
    case PhysicalType::kFloat:
      data<float>()[row] = static_cast<float>(value.double_value());
      break;
    case PhysicalType::kDouble: data<double>()[row] = value.double_value(); break;
    case PhysicalType::kString: SetString(row, value.string_value()); break;
    case PhysicalType::kList: {
      for (const auto& element : value.children()) children_[0].Append(element);
      offsets_[row + 1] = static_cast<int64_t>(children_[0].size());
      break;
    }
    case PhysicalType::kStruct: break;  // handled above
  }
}

void Vector::AppendFrom(const Vector& source, size_t begin, size_t end) {
  if (source.type_ != type_) {
    ThrowInternal("appending " + source.type_.ToString() + " rows to a " + type_.ToString() +
                  " vector");
  }
  size_t start = size_;
  size_t count = end - begin;
  Resize(start + count);
  for (size_t i = 0; i < count; ++i) {
    if (source.IsNull(begin + i)) SetNull(start + i);
  }
  switch (physical_) {
    case PhysicalType::kString: {
      auto* target = data<std::string_view>();
      const auto* values = source.data<std::string_view>();
      // A NULL row's view is unspecified: never follow it.
      for (size_t i = 0; i < count; ++i) {
        target[start + i] =
            source.IsNull(begin + i) ? std::string_view() : heap_->Add(values[begin + i]);
      }
      break;
    }
    case PhysicalType::kList: {
      int64_t child_begin = source.offsets_[begin];
      int64_t child_end = source.offsets_[end];
      int64_t base = offsets_[start];
      for (size_t i = 0; i <= count; ++i) {
        offsets_[start + i] = base + source.offsets_[begin + i] - child_begin;
      }
      children_[0].AppendFrom(source.children_[0], static_cast<size_t>(child_begin),
                              static_cast<size_t>(child_end));
      break;
    }
    case PhysicalType::kStruct:
      for (size_t c = 0; c < children_.size(); ++c) {
        children_[c].Resize(start);
        children_[c].AppendFrom(source.children_[c], begin, end);
      }
      break;
    default: {
      size_t width = types::FixedWidth(physical_);
      if (count == 0) break;  // an empty vector may have no buffer yet
      std::memcpy(data_.get() + start * width, source.data_.get() + begin * width, count * width);
      break;
    }
  }
}

}  // namespace basin::columnar
