#pragma once

// Partition filter expressions, as Glue's GetPartitions takes them:
//
//   year = '2024' AND month > '03'
//   (region IN ('eu', 'us') OR region LIKE 'ap-%') AND NOT day BETWEEN 10 AND 20
//   country IS NOT NULL AND dt >= DATE '2024-01-01'
//
// Operators: = <> != < <= > >=, [NOT] IN (…), [NOT] BETWEEN … AND …, [NOT] LIKE '…'
// [ESCAPE 'c'], IS [NOT] NULL, AND, OR, NOT, parentheses. Keywords and key names are
// case-insensitive; a key name may be quoted with "…" or `…`; strings are '…' with '' for a
// quote. Comparisons are typed by the key's Hive type, as Glue does: tinyint/smallint/int/
// bigint keys compare as integers, decimal keys as exact decimals, date and timestamp keys as
// instants, string/varchar/char keys as byte strings. A literal that is not a value of its
// key's type is InvalidInput when the filter is compiled. A stored value that is Hive's null
// partition (__HIVE_DEFAULT_PARTITION__) is NULL: comparisons with it are unknown (so neither
// `k = 'x'` nor `NOT k = 'x'` selects it) and only IS NULL matches it.

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_types.hpp"

namespace basin::catalog {

// How a partition key's values compare.
enum class KeyKind { kString, kInteger, kDecimal, kDate, kTimestamp, kUnsupported };

// The kind for a key's Hive type (kUnsupported for float, double, boolean, binary, nested).
KeyKind KindOfKey(const Column& key);

// InvalidInput when `value` cannot be a value of `key` (e.g. "abc" for an int key); the null
// partition is accepted for every key.
void CheckPartitionValue(const Column& key, std::string_view value);

class PartitionFilter {
 public:
  // Compiles `expression` for a table with these partition keys (names in lower case, as the
  // catalog stores them). An empty or blank expression matches every partition. Throws
  // InvalidInput naming the position (1-based character) of a syntax error, an unknown key,
  // a literal of the wrong type, or a key of a type filters cannot compare.
  PartitionFilter(std::string_view expression, const std::vector<Column>& partition_keys);
  ~PartitionFilter();
  PartitionFilter(PartitionFilter&&) noexcept;
  PartitionFilter& operator=(PartitionFilter&&) noexcept;

  bool matches_all() const { return root_ == nullptr; }

  // True when the partition with these values (one per key, in key order) is selected.
  // REQUIRES: values.size() equals the number of partition keys.
  bool Matches(std::span<const std::string> values) const;

  struct Node;

 private:
  std::unique_ptr<Node> root_;
};

}  // namespace basin::catalog
