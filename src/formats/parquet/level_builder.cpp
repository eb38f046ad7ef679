#include "formats/parquet/level_builder.hpp"

#include "common/error.hpp"

namespace basin::formats::parquet {

using columnar::Vector;

namespace {

std::string RowText(uint64_t row) { return "row " + std::to_string(row); }

}  // namespace

void LevelBuilder::Build(const WriterLeaf& leaf, const Vector& column, size_t begin, size_t end,
                         uint64_t row_base, LeafLevels& out) {
  size_t rows = end - begin;
  out.level_count = rows;
  out.contiguous = false;
  out.definition.clear();
  out.repetition.clear();
  out.positions.clear();

  if (leaf.IsFlat()) {
    out.leaf = &column;
    const auto& validity = column.validity();
    size_t nulls = 0;
    if (!validity.AllValid()) {
      for (size_t row = begin; row < end; ++row) nulls += column.IsNull(row) ? 1 : 0;
    }
    if (nulls == 0) {
      out.contiguous = true;
      out.contiguous_begin = begin;
      return;
    }
    if (leaf.steps[0].kind == LevelStep::kRequired) {
      for (size_t row = begin; row < end; ++row) {
        if (column.IsNull(row)) {
          ThrowInvalid("column " + leaf.display_name + " is declared NOT NULL but " +
                       RowText(row_base + row) + " is NULL");
        }
      }
    }
    out.definition.resize(rows);
    out.positions.reserve(rows - nulls);
    for (size_t row = begin; row < end; ++row) {
      bool valid = !column.IsNull(row);
      out.definition[row - begin] = valid ? 1 : 0;
      if (valid) out.positions.push_back(static_cast<int64_t>(row));
    }
    return;
  }

  // General case: one entry per (row, list element, ...) with its repetition and definition
  // level and the index of its current vector row, or -1 once a NULL or empty list ended it.
  auto& repetition = out.repetition;
  auto& definition = out.definition;
  auto& index = index_;
  repetition.assign(rows, 0);
  definition.assign(rows, 0);
  index.resize(rows);
  for (size_t i = 0; i < rows; ++i) index[i] = static_cast<int64_t>(begin + i);

  const Vector* vector = &column;
  uint16_t depth = 0;
  for (const LevelStep& step : leaf.steps) {
    switch (step.kind) {
      case LevelStep::kOptional: {
        bool all_valid = vector->validity().AllValid();
        for (size_t i = 0; i < index.size(); ++i) {
          if (index[i] < 0) continue;
          if (!all_valid && vector->IsNull(static_cast<size_t>(index[i]))) {
            index[i] = -1;
          } else {
            ++definition[i];
          }
        }
        break;
      }
      case LevelStep::kRequired: {
        if (vector->validity().AllValid()) break;
        for (size_t i = 0; i < index.size(); ++i) {
          if (index[i] < 0 || !vector->IsNull(static_cast<size_t>(index[i]))) continue;
          uint64_t row = row_base + begin;
          for (size_t j = 1; j <= i; ++j) row += repetition[j] == 0 ? 1 : 0;
          ThrowInvalid("column " + leaf.display_name + " cannot hold NULL (Parquet requires " +
                       "it), but " + RowText(row) + " has one");
        }
        break;
      }
      case LevelStep::kRepeated: {
        ++depth;
        const int64_t* offsets = vector->offsets();
        const Vector& child = vector->child(0);
        auto child_rows = static_cast<int64_t>(child.size());
        next_repetition_.clear();
        next_definition_.clear();
        next_index_.clear();
        for (size_t i = 0; i < index.size(); ++i) {
          int64_t row = index[i];
          int64_t first = row < 0 ? 0 : offsets[row];
          int64_t last = row < 0 ? 0 : offsets[row + 1];
          if (first < 0 || last < first || last > child_rows) {
            ThrowInternal("column " + leaf.display_name + ": list offsets [" +
                          std::to_string(first) + ", " + std::to_string(last) +
                          ") outside the child vector of " + std::to_string(child_rows) + " rows");
          }
          if (row < 0 || first == last) {
            next_repetition_.push_back(repetition[i]);
            next_definition_.push_back(definition[i]);
            next_index_.push_back(-1);
            continue;
          }
          for (int64_t element = first; element < last; ++element) {
            next_repetition_.push_back(element == first ? repetition[i] : depth);
            next_definition_.push_back(static_cast<uint16_t>(definition[i] + 1));
            next_index_.push_back(element);
          }
        }
        repetition.swap(next_repetition_);
        definition.swap(next_definition_);
        index.swap(next_index_);
        vector = &child;
        break;
      }
      case LevelStep::kField: {
        const Vector& child = vector->child(step.field);
        if (child.size() < vector->size()) {
          ThrowInternal("column " + leaf.display_name + ": a struct field has " +
                        std::to_string(child.size()) + " rows, its struct " +
                        std::to_string(vector->size()));
        }
        vector = &child;
        break;
      }
    }
  }

  out.leaf = vector;
  out.level_count = index.size();
  for (int64_t row : index) {
    if (row >= 0) out.positions.push_back(row);
  }
  if (leaf.max_repetition_level == 0) repetition.clear();
}

}  // namespace basin::formats::parquet
