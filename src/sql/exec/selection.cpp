#include "sql/exec/selection.hpp"

#include <cstring>

#include "common/error.hpp"

namespace basin::sql {

using columnar::DataChunk;
using columnar::Vector;
using types::PhysicalType;

Selection Selection::Identity(size_t count) {
  Selection selection(count);
  for (size_t i = 0; i < count; ++i) selection.rows_[i] = static_cast<uint32_t>(i);
  return selection;
}

Selection SelectTrue(const Vector& booleans, size_t rows) {
  Selection selection(rows);
  uint32_t* out = selection.data();
  const uint8_t* values = booleans.data<uint8_t>();
  size_t count = 0;
  const uint64_t* words = booleans.validity().words();
  if (words == nullptr) {
    // Branch-free: write every index, advance only on true.
    for (size_t i = 0; i < rows; ++i) {
      out[count] = static_cast<uint32_t>(i);
      count += values[i] != 0;
    }
  } else {
    for (size_t i = 0; i < rows; ++i) {
      out[count] = static_cast<uint32_t>(i);
      count += (values[i] != 0) & ((words[i >> 6] >> (i & 63)) & 1);
    }
  }
  selection.Resize(count);
  return selection;
}

void SplitTrue(const Vector& booleans, const Selection& among, Selection& if_true,
               Selection& if_false) {
  if_true.Clear();
  if_false.Clear();
  const uint8_t* values = booleans.data<uint8_t>();
  const auto& validity = booleans.validity();
  for (size_t i = 0; i < among.size(); ++i) {
    if (validity.IsValid(i) && values[i] != 0) {
      if_true.Append(among[i]);
    } else {
      if_false.Append(among[i]);
    }
  }
}

namespace {

template <typename T>
void GatherFixed(const Vector& source, const uint32_t* rows, size_t count, Vector& out,
                 size_t start) {
  const T* in = source.data<T>();
  T* target = out.data<T>() + start;
  for (size_t i = 0; i < count; ++i) target[i] = in[rows[i]];
}

// Writes source[rows[i]] into out rows [start, start + count); `out` already has start rows.
void GatherInto(Vector& source, const uint32_t* rows, size_t count, Vector& out, size_t start,
                bool share_strings) {
  out.Resize(start + count);
  if (!source.validity().AllValid()) {
    const auto& validity = source.validity();
    for (size_t i = 0; i < count; ++i) {
      if (!validity.IsValid(rows[i])) out.SetNull(start + i);
    }
  }
  switch (source.physical()) {
    case PhysicalType::kBool:
    case PhysicalType::kInt8: GatherFixed<uint8_t>(source, rows, count, out, start); break;
    case PhysicalType::kInt16: GatherFixed<int16_t>(source, rows, count, out, start); break;
    case PhysicalType::kInt32:
    case PhysicalType::kFloat: GatherFixed<int32_t>(source, rows, count, out, start); break;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble: GatherFixed<int64_t>(source, rows, count, out, start); break;
    case PhysicalType::kInt128:
      GatherFixed<types::int128_t>(source, rows, count, out, start);
      break;
    case PhysicalType::kString: {
      const auto* in = source.data<std::string_view>();
      auto* target = out.data<std::string_view>() + start;
      const auto& validity = source.validity();
      // A NULL row's view is unspecified: never follow it.
      if (share_strings) {
        for (size_t i = 0; i < count; ++i) target[i] = in[rows[i]];
        if (!validity.AllValid()) {
          for (size_t i = 0; i < count; ++i) {
            if (!validity.IsValid(rows[i])) target[i] = {};
          }
        }
        if (count > 0) out.heap().KeepAlive(source.ShareHeap());
      } else {
        auto& heap = out.heap();
        if (validity.AllValid()) {
          for (size_t i = 0; i < count; ++i) target[i] = heap.Add(in[rows[i]]);
        } else {
          for (size_t i = 0; i < count; ++i) {
            target[i] = validity.IsValid(rows[i]) ? heap.Add(in[rows[i]]) : std::string_view();
          }
        }
      }
      break;
    }
    case PhysicalType::kList: {
      const int64_t* in = source.offsets();
      int64_t* offsets = out.offsets();
      Selection elements;
      for (size_t i = 0; i < count; ++i) {
        int64_t begin = in[rows[i]];
        int64_t end = in[rows[i] + 1];
        offsets[start + i + 1] = offsets[start + i] + (end - begin);
        for (int64_t e = begin; e < end; ++e) elements.Append(static_cast<uint32_t>(e));
      }
      Vector& child = out.child(0);
      GatherInto(source.child(0), elements.data(), elements.size(), child, child.size(),
                 share_strings);
      break;
    }
    case PhysicalType::kStruct:
      for (size_t c = 0; c < source.child_count(); ++c) {
        GatherInto(source.child(c), rows, count, out.child(c), start, share_strings);
      }
      break;
  }
}

}  // namespace

void GatherVector(Vector& source, const uint32_t* rows, size_t count, Vector& out) {
  out.Reset();
  GatherInto(source, rows, count, out, 0, true);
}

void GatherVectorCopy(const Vector& source, const uint32_t* rows, size_t count, Vector& out) {
  out.Reset();
  // Without sharing, GatherInto only reads the source.
  GatherInto(const_cast<Vector&>(source), rows, count, out, 0, false);
}

void AppendGathered(const Vector& source, const uint32_t* rows, size_t count, Vector& out) {
  GatherInto(const_cast<Vector&>(source), rows, count, out, out.size(), false);
}

void AppendVectorShared(Vector& source, size_t rows, Vector& out) {
  if (rows == 0) return;
  switch (source.physical()) {
    case PhysicalType::kList:
    case PhysicalType::kStruct: out.AppendFrom(source, 0, rows); return;
    default: break;
  }
  size_t start = out.size();
  out.Resize(start + rows);
  if (!source.validity().AllValid()) {
    const auto& validity = source.validity();
    for (size_t i = 0; i < rows; ++i) {
      if (!validity.IsValid(i)) out.SetNull(start + i);
    }
  }
  size_t width = types::FixedWidth(source.physical());
  std::memcpy(out.data<uint8_t>() + start * width, source.data<uint8_t>(), rows * width);
  if (source.physical() == PhysicalType::kString) out.heap().KeepAlive(source.ShareHeap());
}

Vector CopyVector(Vector& source, size_t rows) {
  Vector out(source.type());
  switch (source.physical()) {
    case PhysicalType::kList:
    case PhysicalType::kStruct: {
      Selection all = Selection::Identity(rows);
      GatherInto(source, all.data(), rows, out, 0, true);
      return out;
    }
    default: break;
  }
  out.Resize(rows);
  if (!source.validity().AllValid()) {
    const uint64_t* words = source.validity().words();
    uint64_t* target = out.validity().MutableWords();
    std::memcpy(target, words, ((rows + 63) / 64) * sizeof(uint64_t));
  }
  size_t width = types::FixedWidth(source.physical());
  if (rows > 0) std::memcpy(out.data<uint8_t>(), source.data<uint8_t>(), rows * width);
  if (source.physical() == PhysicalType::kString && rows > 0) {
    out.heap().KeepAlive(source.ShareHeap());
  }
  return out;
}

namespace {

template <typename T>
void ScatterFixed(const Vector& part, const Selection& rows, Vector& out) {
  const T* in = part.data<T>();
  T* target = out.data<T>();
  for (size_t i = 0; i < rows.size(); ++i) target[rows[i]] = in[i];
}

}  // namespace

void ScatterVector(const Vector& part, const Selection& rows, Vector& out) {
  auto& validity = out.validity();
  const auto& part_validity = part.validity();
  if (!part_validity.AllValid() || !validity.AllValid()) {
    for (size_t i = 0; i < rows.size(); ++i) validity.Set(rows[i], part_validity.IsValid(i));
  }
  switch (part.physical()) {
    case PhysicalType::kBool:
    case PhysicalType::kInt8: ScatterFixed<uint8_t>(part, rows, out); break;
    case PhysicalType::kInt16: ScatterFixed<int16_t>(part, rows, out); break;
    case PhysicalType::kInt32:
    case PhysicalType::kFloat: ScatterFixed<int32_t>(part, rows, out); break;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble: ScatterFixed<int64_t>(part, rows, out); break;
    case PhysicalType::kInt128: ScatterFixed<types::int128_t>(part, rows, out); break;
    case PhysicalType::kString: {
      const auto* in = part.data<std::string_view>();
      auto* target = out.data<std::string_view>();
      auto& heap = out.heap();
      for (size_t i = 0; i < rows.size(); ++i) {
        target[rows[i]] = part.IsNull(i) ? std::string_view() : heap.Add(in[i]);
      }
      break;
    }
    case PhysicalType::kList:
    case PhysicalType::kStruct:
      ThrowInternal("ScatterVector on a nested " + part.type().ToString() + " vector");
  }
}

void BroadcastValue(const types::Value& value, size_t rows, Vector& out) {
  out.Reset();
  if (rows == 0) return;
  if (value.is_null()) {
    out.Resize(rows);
    auto* words = out.validity().MutableWords();
    std::memset(words, 0, ((rows + 63) / 64) * sizeof(uint64_t));
    return;
  }
  out.Append(value);
  switch (out.physical()) {
    case PhysicalType::kList:
    case PhysicalType::kStruct:
      for (size_t i = 1; i < rows; ++i) out.Append(value);
      return;
    default: break;
  }
  out.Resize(rows);
  size_t width = types::FixedWidth(out.physical());
  uint8_t* data = out.data<uint8_t>();
  for (size_t i = 1; i < rows; ++i) std::memcpy(data + i * width, data, width);
}

void InitChunk(DataChunk& chunk, const std::vector<types::LogicalType>& types) {
  chunk = DataChunk();
  for (const auto& type : types) chunk.AddColumn(Vector(type));
}

std::vector<types::LogicalType> ChunkTypes(const DataChunk& chunk) {
  std::vector<types::LogicalType> types;
  types.reserve(chunk.column_count());
  for (size_t i = 0; i < chunk.column_count(); ++i) types.push_back(chunk.column(i).type());
  return types;
}

namespace {

void PrepareLike(const DataChunk& source, DataChunk& out) {
  bool same = out.column_count() == source.column_count();
  for (size_t i = 0; same && i < source.column_count(); ++i) {
    same = out.column(i).type() == source.column(i).type();
  }
  if (!same) {
    InitChunk(out, ChunkTypes(source));
  } else {
    out.Reset();
  }
}

}  // namespace

void GatherChunk(DataChunk& source, const Selection& selection, DataChunk& out) {
  PrepareLike(source, out);
  for (size_t c = 0; c < source.column_count(); ++c) {
    GatherInto(source.column(c), selection.data(), selection.size(), out.column(c), 0, true);
  }
  out.SetSizeOnly(selection.size());
}

void SliceChunk(DataChunk& source, size_t begin, size_t end, DataChunk& out) {
  Selection selection(end - begin);
  for (size_t i = begin; i < end; ++i) selection[i - begin] = static_cast<uint32_t>(i);
  GatherChunk(source, selection, out);
}

void AppendChunk(const DataChunk& source, DataChunk& out) {
  size_t rows = source.size();
  for (size_t c = 0; c < source.column_count(); ++c) {
    out.column(c).AppendFrom(source.column(c), 0, rows);
  }
  out.SetSizeOnly(out.size() + rows);
}

size_t VectorBytes(const Vector& vector) {
  size_t bytes = vector.size() * types::FixedWidth(vector.physical()) + vector.size() / 8;
  switch (vector.physical()) {
    case PhysicalType::kString:
      bytes += const_cast<Vector&>(vector).heap().allocated_bytes();
      break;
    case PhysicalType::kList:
      bytes += (vector.size() + 1) * sizeof(int64_t) + VectorBytes(vector.child(0));
      break;
    case PhysicalType::kStruct:
      for (size_t c = 0; c < vector.child_count(); ++c) bytes += VectorBytes(vector.child(c));
      break;
    default: break;
  }
  return bytes;
}

size_t ChunkBytes(const DataChunk& chunk) {
  size_t bytes = 0;
  for (size_t c = 0; c < chunk.column_count(); ++c) bytes += VectorBytes(chunk.column(c));
  return bytes;
}

}  // namespace basin::sql
