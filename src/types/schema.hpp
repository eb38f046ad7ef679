#pragma once

#include <optional>
#include <string>
#include <vector>

#include "types/logical_type.hpp"

namespace basin::types {

// A named, typed column of a file, table or query result.
struct Field {
  std::string name;
  LogicalType type;
  bool nullable = true;

  bool operator==(const Field& other) const {
    return name == other.name && type == other.type && nullable == other.nullable;
  }
};

// The columns of a file, table or result, in order.
class Schema {
 public:
  Schema() = default;
  explicit Schema(std::vector<Field> fields) : fields_(std::move(fields)) {}

  size_t size() const { return fields_.size(); }
  const Field& operator[](size_t i) const { return fields_[i]; }
  const std::vector<Field>& fields() const { return fields_; }
  void Add(Field field) { fields_.push_back(std::move(field)); }
  // Index of the column with this name (case-insensitive), if any.
  std::optional<size_t> Find(std::string_view name) const;

  bool operator==(const Schema& other) const { return fields_ == other.fields_; }

 private:
  std::vector<Field> fields_;
};

}  // namespace basin::types
