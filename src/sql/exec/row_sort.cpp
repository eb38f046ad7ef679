#include "sql/exec/row_sort.hpp"

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "common/error.hpp"
#include "common/thread_pool.hpp"
#include "sql/exec/selection.hpp"

namespace basin::sql {

using columnar::DataChunk;
using columnar::Vector;
using types::PhysicalType;

std::string DescribeSortKeys(const std::vector<SortKey>& keys) {
  std::string text;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) text += ", ";
    text += keys[i].expr->text;
    if (keys[i].descending) text += " DESC";
    if (keys[i].nulls_first) text += " NULLS FIRST";
  }
  return text;
}

SortBuffer::SortBuffer(const std::vector<types::LogicalType>& types,
                       const std::vector<SortKey>& keys)
    : types_(types), keys_(&keys) {
  std::vector<types::LogicalType> all = types;
  for (const auto& key : keys) {
    if (key.expr->type.IsNested()) {
      ThrowUnsupported("ORDER BY a value of type " + key.expr->type.ToString());
    }
    all.push_back(key.expr->type);
  }
  InitChunk(data_, all);
}

void SortBuffer::Append(ExecContext& context, DataChunk& chunk,
                        std::vector<ExpressionEvaluator>& evaluators) {
  size_t rows = chunk.size();
  if (rows == 0) return;
  size_t bytes = ChunkBytes(chunk);
  context.Reserve(bytes, "ORDER BY");
  accounted_ += bytes;
  size_t width = types_.size();
  // String bytes are shared, not copied: the buffer keeps the chunk's bytes alive.
  for (size_t k = 0; k < evaluators.size(); ++k) {
    const Vector& key = evaluators[k].Evaluate(chunk);
    AppendVectorShared(const_cast<Vector&>(key), rows, data_.column(width + k));
  }
  for (size_t c = 0; c < width; ++c) AppendVectorShared(chunk.column(c), rows, data_.column(c));
  data_.SetSizeOnly(data_.size() + rows);
}

void SortBuffer::Absorb(ExecContext& context, SortBuffer& other) {
  if (other.size() == 0) return;
  size_t bytes = other.accounted_;
  for (size_t c = 0; c < data_.column_count(); ++c) {
    AppendVectorShared(other.data_.column(c), other.size(), data_.column(c));
  }
  data_.SetSizeOnly(data_.size() + other.size());
  accounted_ += bytes;
  context.Reserve(bytes, "ORDER BY");
  other.Release(context);
}

void SortBuffer::Release(ExecContext& context) {
  context.Release(accounted_);
  accounted_ = 0;
  data_.Reset();
}

namespace {

size_t KeyWidth(PhysicalType physical) {
  switch (physical) {
    case PhysicalType::kBool:
    case PhysicalType::kInt8: return 1;
    case PhysicalType::kInt16: return 2;
    case PhysicalType::kInt32:
    case PhysicalType::kFloat: return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble: return 8;
    case PhysicalType::kInt128: return 16;
    // The first 8 bytes, then min(length, 9): exact for strings of up to 8 bytes; longer ones
    // with equal prefixes are compared in full.
    case PhysicalType::kString: return 9;
    default: return 0;
  }
}

template <typename U>
inline void StoreBigEndian(uint8_t* out, U value) {
  for (size_t b = 0; b < sizeof(U); ++b) {
    out[b] = static_cast<uint8_t>(value >> (8 * (sizeof(U) - 1 - b)));
  }
}

template <typename T>
void EncodeSigned(const Vector& v, size_t rows, uint8_t* base, size_t stride) {
  using U = std::make_unsigned_t<T>;
  const T* values = v.data<T>();
  constexpr U kSign = U(1) << (sizeof(U) * 8 - 1);
  for (size_t i = 0; i < rows; ++i) {
    StoreBigEndian<U>(base + i * stride, static_cast<U>(static_cast<U>(values[i]) ^ kSign));
  }
}

// The bytes every valid string of `v` starts with: encoding starts after them, so a column of
// "comment 1", "comment 2" … is ordered by its distinguishing bytes.
size_t CommonPrefix(const Vector& v, size_t rows) {
  const auto* values = v.data<std::string_view>();
  const auto& validity = v.validity();
  std::string_view first;
  bool found = false;
  size_t common = 0;
  for (size_t i = 0; i < rows; ++i) {
    if (!validity.IsValid(i)) continue;
    if (!found) {
      first = values[i];
      common = first.size();
      found = true;
      continue;
    }
    std::string_view value = values[i];
    size_t limit = std::min(common, value.size());
    size_t same = 0;
    while (same < limit && value[same] == first[same]) ++same;
    common = same;
    if (common == 0) break;
  }
  return common;
}

void EncodeKey(const Vector& v, size_t rows, uint8_t* base, size_t stride, size_t skip) {
  switch (v.physical()) {
    case PhysicalType::kBool: {
      const uint8_t* values = v.data<uint8_t>();
      for (size_t i = 0; i < rows; ++i) base[i * stride] = values[i];
      break;
    }
    case PhysicalType::kInt8: EncodeSigned<int8_t>(v, rows, base, stride); break;
    case PhysicalType::kInt16: EncodeSigned<int16_t>(v, rows, base, stride); break;
    case PhysicalType::kInt32: EncodeSigned<int32_t>(v, rows, base, stride); break;
    case PhysicalType::kInt64: EncodeSigned<int64_t>(v, rows, base, stride); break;
    case PhysicalType::kInt128: {
      const types::int128_t* values = v.data<types::int128_t>();
      for (size_t i = 0; i < rows; ++i) {
        auto u =
            static_cast<unsigned __int128>(values[i]) ^ (static_cast<unsigned __int128>(1) << 127);
        StoreBigEndian<uint64_t>(base + i * stride, static_cast<uint64_t>(u >> 64));
        StoreBigEndian<uint64_t>(base + i * stride + 8, static_cast<uint64_t>(u));
      }
      break;
    }
    case PhysicalType::kFloat: {
      const float* values = v.data<float>();
      for (size_t i = 0; i < rows; ++i) {
        uint32_t bits;
        std::memcpy(&bits, &values[i], 4);
        bits = (bits & 0x80000000u) ? ~bits : bits | 0x80000000u;
        StoreBigEndian<uint32_t>(base + i * stride, bits);
      }
      break;
    }
    case PhysicalType::kDouble: {
      const double* values = v.data<double>();
      for (size_t i = 0; i < rows; ++i) {
        uint64_t bits;
        std::memcpy(&bits, &values[i], 8);
        bits = (bits & (uint64_t{1} << 63)) ? ~bits : bits | (uint64_t{1} << 63);
        StoreBigEndian<uint64_t>(base + i * stride, bits);
      }
      break;
    }
    case PhysicalType::kString: {
      const auto* values = v.data<std::string_view>();
      for (size_t i = 0; i < rows; ++i) {
        uint8_t* out = base + i * stride;
        std::memset(out, 0, 9);
        if (v.IsNull(i)) continue;
        std::string_view rest = values[i].substr(skip);
        std::memcpy(out, rest.data(), std::min<size_t>(8, rest.size()));
        out[8] = static_cast<uint8_t>(std::min<size_t>(9, rest.size()));
      }
      break;
    }
    default: ThrowUnsupported("ORDER BY a value of type " + v.type().ToString());
  }
}

// memcmp(a, b, kBytes) < 0, a word at a time (libc's memcmp is a call per comparison).
template <size_t kBytes>
inline bool KeyLess(const uint8_t* a, const uint8_t* b) {
  for (size_t offset = 0; offset < kBytes; offset += 8) {
    uint64_t x, y;
    std::memcpy(&x, a + offset, 8);
    std::memcpy(&y, b + offset, 8);
    if (x != y) return __builtin_bswap64(x) < __builtin_bswap64(y);
  }
  return false;
}

// Sorts `items`: with `parallel`, sorted runs on the shared pool merged pairwise.
template <typename T, typename Less>
void SortInParallel(std::vector<T>& items, bool parallel, Less less) {
  size_t runs = parallel ? ThreadPool::Shared().thread_count() : 1;
  if (items.size() < 65536 || runs <= 1) {
    std::sort(items.begin(), items.end(), less);
    return;
  }
  std::vector<size_t> bounds;
  for (size_t r = 0; r <= runs; ++r) bounds.push_back(items.size() * r / runs);
  ThreadPool::Shared().ParallelFor(runs, [&](size_t r) {
    std::sort(items.begin() + static_cast<std::ptrdiff_t>(bounds[r]),
              items.begin() + static_cast<std::ptrdiff_t>(bounds[r + 1]), less);
  });
  while (bounds.size() > 2) {
    size_t pairs = (bounds.size() - 1) / 2;
    ThreadPool::Shared().ParallelFor(pairs, [&](size_t p) {
      std::inplace_merge(items.begin() + static_cast<std::ptrdiff_t>(bounds[2 * p]),
                         items.begin() + static_cast<std::ptrdiff_t>(bounds[2 * p + 1]),
                         items.begin() + static_cast<std::ptrdiff_t>(bounds[2 * p + 2]), less);
    });
    std::vector<size_t> next;
    for (size_t i = 0; i < bounds.size(); i += 2) next.push_back(bounds[i]);
    if (next.back() != bounds.back()) next.push_back(bounds.back());
    bounds = std::move(next);
  }
}

}  // namespace

std::vector<uint32_t> SortBuffer::SortedOrder(bool parallel) const {
  const size_t rows = data_.size();
  const auto& keys = *keys_;
  const size_t first_key = types_.size();
  size_t stride = 0;
  bool tie_break = false;
  std::vector<size_t> skip(keys.size(), 0);  // a string key's common prefix, not encoded
  for (size_t k = 0; k < keys.size(); ++k) {
    PhysicalType physical = data_.column(first_key + k).physical();
    stride += 1 + KeyWidth(physical);
    if (physical == PhysicalType::kString) {
      const Vector& column = data_.column(first_key + k);
      skip[k] = CommonPrefix(column, rows);
      // Strings all within the encoded bytes are ordered by them alone.
      const auto* values = column.data<std::string_view>();
      const auto& validity = column.validity();
      for (size_t i = 0; i < rows && !tie_break; ++i) {
        tie_break = values[i].size() > skip[k] + 8 && validity.IsValid(i);
      }
    }
  }
  std::vector<uint8_t> encoded(rows * stride + 1);
  size_t offset = 0;
  for (size_t k = 0; k < keys.size(); ++k) {
    const Vector& column = data_.column(first_key + k);
    size_t width = KeyWidth(column.physical());
    uint8_t* base = encoded.data() + offset;
    EncodeKey(column, rows, base + 1, stride, skip[k]);
    const uint8_t null_byte = keys[k].nulls_first ? 0 : 2;
    const auto& validity = column.validity();
    for (size_t i = 0; i < rows; ++i) {
      uint8_t* entry = base + i * stride;
      if (validity.IsValid(i)) {
        entry[0] = 1;
        if (keys[k].descending) {
          for (size_t b = 1; b <= width; ++b) entry[b] = static_cast<uint8_t>(~entry[b]);
        }
      } else {
        entry[0] = null_byte;
        std::memset(entry + 1, 0, width);
      }
    }
    offset += 1 + width;
  }

  // Segments of the encoded key, each ending after a string key's prefix (or at the end):
  // equal prefixes of a string key are resolved on the full strings before later keys count.
  struct Segment {
    size_t end;
    int string_key;  // -1: none
  };
  std::vector<Segment> segments;
  {
    size_t position = 0;
    for (size_t k = 0; k < keys.size(); ++k) {
      const Vector& column = data_.column(first_key + k);
      position += 1 + KeyWidth(column.physical());
      if (column.physical() == PhysicalType::kString) {
        segments.push_back({position, static_cast<int>(k)});
      }
    }
    if (segments.empty() || segments.back().end != stride) segments.push_back({stride, -1});
  }
  const uint8_t* key_bytes = encoded.data();
  // Orders two encoded keys (rows a and b); strings equal in their prefix are compared in full
  // before later keys count.
  auto compare_keys = [&](const uint8_t* ka, const uint8_t* kb, uint32_t a, uint32_t b) {
    size_t position = 0;
    for (const Segment& segment : segments) {
      int c = std::memcmp(ka + position, kb + position, segment.end - position);
      if (c != 0) return c;
      position = segment.end;
      if (segment.string_key < 0) continue;
      const auto key = static_cast<size_t>(segment.string_key);
      // NULL (marker 0 or 2), or a string within the prefix (length byte < 9): decided.
      uint8_t length = ka[segment.end - 1];
      if (keys[key].descending) length = static_cast<uint8_t>(~length);
      if (ka[segment.end - 10] != 1 || length < 9) continue;
      const Vector& column = data_.column(first_key + key);
      const auto* values = column.data<std::string_view>();
      size_t equal = skip[key] + 8;  // the common prefix and the encoded bytes
      c = values[a].substr(equal).compare(values[b].substr(equal));
      if (c != 0) return keys[key].descending ? -c : c;
    }
    return 0;
  };

  std::vector<uint32_t> order(rows);
  auto by_records = [&](auto bytes_tag) {
    constexpr size_t kBytes = decltype(bytes_tag)::value;
    // The key inline with its row: comparisons touch one cache line, not two.
    struct Record {
      uint8_t key[kBytes];
      uint32_t row;
    };
    std::vector<Record> records(rows);
    for (size_t i = 0; i < rows; ++i) {
      std::memcpy(records[i].key, key_bytes + i * stride, stride);
      std::memset(records[i].key + stride, 0, kBytes - stride);
      records[i].row = static_cast<uint32_t>(i);
    }
    if (tie_break) {
      SortInParallel(records, parallel, [&](const Record& a, const Record& b) {
        return compare_keys(a.key, b.key, a.row, b.row) < 0;
      });
    } else {
      SortInParallel(records, parallel, [](const Record& a, const Record& b) {
        return KeyLess<kBytes>(a.key, b.key);
      });
    }
    for (size_t i = 0; i < rows; ++i) order[i] = records[i].row;
  };
  if (stride <= 8) {
    by_records(std::integral_constant<size_t, 8>());
  } else if (stride <= 16) {
    by_records(std::integral_constant<size_t, 16>());
  } else if (stride <= 32) {
    by_records(std::integral_constant<size_t, 32>());
  } else if (stride <= 64) {
    by_records(std::integral_constant<size_t, 64>());
  } else {
    for (size_t i = 0; i < rows; ++i) order[i] = static_cast<uint32_t>(i);
    SortInParallel(order, parallel, [&](uint32_t a, uint32_t b) {
      return compare_keys(key_bytes + a * stride, key_bytes + b * stride, a, b) < 0;
    });
  }
  return order;
}

void SortBuffer::Keep(ExecContext& context, const std::vector<uint32_t>& order, size_t count) {
  count = std::min(count, order.size());
  DataChunk kept;
  InitChunk(kept, ChunkTypes(data_));
  for (size_t c = 0; c < data_.column_count(); ++c) {
    GatherVectorCopy(data_.column(c), order.data(), count, kept.column(c));
  }
  kept.SetSizeOnly(count);
  size_t bytes = ChunkBytes(kept);
  context.Release(accounted_);
  accounted_ = 0;
  context.Reserve(bytes, "ORDER BY … LIMIT");
  accounted_ = bytes;
  data_ = std::move(kept);
}

void SortBuffer::Emit(const uint32_t* rows, size_t count, DataChunk& out) {
  InitChunk(out, types_);
  for (size_t c = 0; c < types_.size(); ++c) {
    GatherVector(data_.column(c), rows, count, out.column(c));
  }
  out.SetSizeOnly(count);
}

}  // namespace basin::sql
