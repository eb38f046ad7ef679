#pragma once

#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "types/schema.hpp"

namespace basin::formats::json {

// Turns rows into JSON objects, one key per column, every Basin type covered (the mapping is
// in README.md, "Writing"): numbers as JSON numbers (DECIMAL exact), NaN and infinities as
// strings, DATE / TIME / TIMESTAMP as ISO strings, BINARY in DuckDB's \xHH text form, LIST as
// an array, STRUCT as an object, MAP as an object when its keys are VARCHAR and as an array
// of {"key", "value"} objects otherwise. NULL is null.
class JsonEncoder {
 public:
  explicit JsonEncoder(const types::Schema& schema);

  // Appends row `row` of `chunk` (whose columns match the schema) as one object, without a
  // separator or newline.
  void AppendRow(const columnar::DataChunk& chunk, size_t row, std::string& out) const;

 private:
  // Per type, what writing needs beyond the vector: pre-escaped keys ("\"name\":").
  struct Node {
    std::vector<std::string> keys;  // STRUCT
    std::vector<Node> children;     // LIST: element; MAP: key, value; STRUCT: fields
    bool map_as_object = false;     // MAP with VARCHAR keys
  };
  static Node BuildNode(const types::LogicalType& type);
  void AppendValue(const columnar::Vector& vector, size_t row, const Node& node,
                   std::string& out) const;

  Node root_;
};

}  // namespace basin::formats::json
