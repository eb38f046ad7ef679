#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "columnar/vector.hpp"
#include "types/logical_type.hpp"

namespace basin::formats::parquet {

// One node on the way from a top-level column's vector to a leaf's values, in the order the
// Parquet schema nests them.
struct LevelStep {
  enum Kind : uint8_t {
    kOptional,  // an optional node: a NULL row stops here, a valid one adds a definition level
    kRequired,  // a required node: a NULL row is an error
    kRepeated,  // a repeated group over the current LIST/MAP vector's offsets; moves to child(0)
    kField,     // moves to child(field) of the current STRUCT vector
  };
  Kind kind;
  uint32_t field = 0;
};

// A leaf of the Parquet schema: one column chunk per row group.
struct WriterLeaf {
  std::vector<std::string> path;  // path_in_schema
  std::string display_name;       // "a.list.element" for messages
  types::LogicalType type;        // Basin type of the leaf values
  size_t field_index = 0;         // top-level field it belongs to
  std::vector<LevelStep> steps;
  uint16_t max_definition_level = 0;
  uint16_t max_repetition_level = 0;
  bool IsFlat() const { return max_repetition_level == 0 && steps.size() == 1; }
};

// Levels and value positions of one leaf for a slice of top-level rows.
struct LeafLevels {
  const columnar::Vector* leaf = nullptr;  // the vector holding the leaf's values
  size_t level_count = 0;                  // entries (values and NULLs / empty lists)
  // Set when every entry is a value at leaf rows [contiguous_begin, +level_count): a flat
  // column without NULLs in the slice. definition/repetition/positions are then empty.
  bool contiguous = false;
  size_t contiguous_begin = 0;
  std::vector<uint16_t> definition;  // one per entry, when max_definition_level > 0
  std::vector<uint16_t> repetition;  // one per entry, when max_repetition_level > 0
  std::vector<int64_t> positions;    // leaf rows holding this slice's values, in order
};

// Turns vectors (validity, LIST/MAP offsets, STRUCT children) into Parquet's repetition and
// definition levels (the Dremel encoding). Keeps scratch buffers between calls.
class LevelBuilder {
 public:
  // Builds the levels of `leaf` for top-level rows [begin, end) of `column`. `row_base` is the
  // file row number of `column`'s row 0, for error messages. Throws InvalidInput when a
  // required column holds a NULL.
  void Build(const WriterLeaf& leaf, const columnar::Vector& column, size_t begin, size_t end,
             uint64_t row_base, LeafLevels& out);

 private:
  std::vector<uint16_t> next_repetition_;
  std::vector<uint16_t> next_definition_;
  std::vector<int64_t> next_index_;
  std::vector<int64_t> index_;
};

}  // namespace basin::formats::parquet
