#pragma once

// What catalog_json.cpp and crawler_json.cpp share to write and read Glue-shaped JSON: times as
// epoch seconds, empty strings left out, and a reader of one object's members that names the
// member's path in every InvalidInput.

#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog_types.hpp"
#include "common/error.hpp"

namespace basin::catalog::json_fields {

using nlohmann::json;

// Milliseconds since 1970 as Glue's epoch seconds: whole when they are.
inline json Seconds(int64_t millis) {
  if (millis % 1000 == 0) return millis / 1000;
  return static_cast<double>(millis) / 1000.0;
}

inline void PutTime(json& out, const char* key, int64_t millis) {
  if (millis != 0) out[key] = Seconds(millis);
}

inline void PutString(json& out, const char* key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}

// A reader over one JSON object that knows its path for messages. Absent and null members
// read as the fallback.
class Reader {
 public:
  Reader(const json& object, std::string path) : object_(object), path_(std::move(path)) {
    if (!object_.is_object()) ThrowInvalid(Where() + " must be a JSON object");
  }

  // nullptr when absent or null.
  const json* Find(const char* key) const {
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) return nullptr;
    return &*it;
  }

  std::string Path(const char* key) const { return path_.empty() ? key : path_ + "." + key; }
  std::string Where() const { return path_.empty() ? "the document" : path_; }

  std::string String(const char* key) const {
    const json* value = Find(key);
    if (value == nullptr) return {};
    if (!value->is_string()) ThrowInvalid(Path(key) + " must be a string");
    return value->get<std::string>();
  }

  bool Bool(const char* key, bool fallback = false) const {
    const json* value = Find(key);
    if (value == nullptr) return fallback;
    if (!value->is_boolean()) ThrowInvalid(Path(key) + " must be true or false");
    return value->get<bool>();
  }

  // An integer, or a number with no fraction.
  int64_t Integer(const char* key, int64_t fallback = 0) const {
    const json* value = Find(key);
    if (value == nullptr) return fallback;
    if (value->is_number_integer()) return value->get<int64_t>();
    if (value->is_number_float()) {
      double number = value->get<double>();
      if (number == std::floor(number) && std::fabs(number) < 9.0e18) {
        return static_cast<int64_t>(number);
      }
    }
    ThrowInvalid(Path(key) + " must be an integer");
  }

  // An integer, or a string of up to 18 digits (Glue writes some ids as strings).
  int64_t IntegerOrDigits(const char* key) const {
    const json* value = Find(key);
    if (value == nullptr) return 0;
    if (value->is_number_integer()) return value->get<int64_t>();
    if (value->is_string()) {
      const std::string& text = value->get_ref<const std::string&>();
      if (!text.empty() && text.size() <= 18 &&
          text.find_first_not_of("0123456789") == std::string::npos) {
        return std::stoll(text);
      }
    }
    ThrowInvalid(Path(key) + " must be an integer");
  }

  // Epoch seconds (integer or fractional) as milliseconds.
  int64_t Time(const char* key) const {
    const json* value = Find(key);
    if (value == nullptr) return 0;
    if (value->is_number_integer()) {
      int64_t seconds = value->get<int64_t>();
      if (seconds > std::numeric_limits<int64_t>::max() / 1000 ||
          seconds < std::numeric_limits<int64_t>::min() / 1000) {
        ThrowInvalid(Path(key) + " is out of range");
      }
      return seconds * 1000;
    }
    if (value->is_number_float()) {
      double millis = value->get<double>() * 1000.0;
      if (!std::isfinite(millis) || std::fabs(millis) > 9.0e18) {
        ThrowInvalid(Path(key) + " is out of range");
      }
      return std::llround(millis);
    }
    ThrowInvalid(Path(key) + " must be a number of seconds since 1970-01-01");
  }

  Parameters Params(const char* key) const {
    Parameters out;
    const json* value = Find(key);
    if (value == nullptr) return out;
    if (!value->is_object()) ThrowInvalid(Path(key) + " must be an object of strings");
    for (const auto& [name, item] : value->items()) {
      if (!item.is_string()) ThrowInvalid(Path(key) + "." + name + " must be a string");
      out.emplace(name, item.get<std::string>());
    }
    return out;
  }

  std::vector<std::string> Strings(const char* key) const {
    std::vector<std::string> out;
    const json* value = Find(key);
    if (value == nullptr) return out;
    if (!value->is_array()) ThrowInvalid(Path(key) + " must be an array of strings");
    for (size_t i = 0; i < value->size(); ++i) {
      if (!(*value)[i].is_string()) {
        ThrowInvalid(Path(key) + "[" + std::to_string(i) + "] must be a string");
      }
      out.push_back((*value)[i].get<std::string>());
    }
    return out;
  }

  // Calls read(element, path) for each element of an array member.
  template <typename Read>
  void Each(const char* key, Read read) const {
    const json* value = Find(key);
    if (value == nullptr) return;
    if (!value->is_array()) ThrowInvalid(Path(key) + " must be an array");
    for (size_t i = 0; i < value->size(); ++i) {
      read((*value)[i], Path(key) + "[" + std::to_string(i) + "]");
    }
  }

  // Calls read(Reader) for each element of an array of objects.
  template <typename Read>
  void EachObject(const char* key, Read read) const {
    Each(key, [&](const json& item, const std::string& path) { read(Reader(item, path)); });
  }

  // The member as an object; nullopt when absent.
  std::optional<Reader> Object(const char* key) const {
    const json* value = Find(key);
    if (value == nullptr) return std::nullopt;
    return Reader(*value, Path(key));
  }

 private:
  const json& object_;
  std::string path_;
};

}  // namespace basin::catalog::json_fields
