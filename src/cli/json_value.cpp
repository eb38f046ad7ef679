#include "cli/json_value.hpp"

#include <cmath>

namespace basin::cli {

using types::TypeId;

nlohmann::ordered_json ValueToJson(const types::Value& value) {
  if (value.is_null()) return nullptr;
  switch (value.type().id()) {
    case TypeId::kBoolean: return value.bool_value();
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kInteger:
    case TypeId::kBigInt: return value.int_value();
    case TypeId::kFloat:
    case TypeId::kDouble:
      // JSON has no NaN or infinities; print them as the text Trino uses.
      if (!std::isfinite(value.double_value())) return value.ToString();
      return value.double_value();
    case TypeId::kList: {
      auto array = nlohmann::ordered_json::array();
      for (const auto& element : value.children()) array.push_back(ValueToJson(element));
      return array;
    }
    case TypeId::kStruct: {
      auto object = nlohmann::ordered_json::object();
      const auto& fields = value.type().fields();
      for (size_t i = 0; i < fields.size() && i < value.children().size(); ++i) {
        object[fields[i].name] = ValueToJson(value.children()[i]);
      }
      return object;
    }
    case TypeId::kMap: {
      auto object = nlohmann::ordered_json::object();
      for (const auto& entry : value.children()) {
        object[entry.children()[0].ToString()] = ValueToJson(entry.children()[1]);
      }
      return object;
    }
    default: return value.ToString();
  }
}

}  // namespace basin::cli
