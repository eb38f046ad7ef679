#pragma once

// Builds small Parquet files byte by byte for reader tests, following the format spec: the
// test gives the schema elements and each page's body; the builder adds page headers, column
// metadata, the footer and the magic. Also simple spec-level encoders (RLE runs, PLAIN,
// DELTA_BINARY_PACKED) written independently of the reader.

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "formats/parquet/parquet_metadata.hpp"
#include "formats/parquet/parquet_reader.hpp"
#include "storage/memory_file.hpp"

namespace basin::formats::parquet::testing {

inline SchemaElement Root(int children) {
  SchemaElement e;
  e.name = "schema";
  e.num_children = children;
  return e;
}

inline SchemaElement Leaf(const std::string& name, Type type, FieldRepetitionType repetition,
                          std::optional<ConvertedType> converted = std::nullopt) {
  SchemaElement e;
  e.name = name;
  e.type = type;
  e.repetition_type = repetition;
  e.converted_type = converted;
  return e;
}

inline SchemaElement Group(const std::string& name, int children, FieldRepetitionType repetition,
                           std::optional<ConvertedType> converted = std::nullopt) {
  SchemaElement e;
  e.name = name;
  e.num_children = children;
  e.repetition_type = repetition;
  e.converted_type = converted;
  return e;
}

constexpr auto kRequired = FieldRepetitionType::kRequired;
constexpr auto kOptional = FieldRepetitionType::kOptional;
constexpr auto kRepeated = FieldRepetitionType::kRepeated;

inline void AppendLe32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}

inline void AppendVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

// RLE/bit-packing hybrid with RLE runs only (one per stretch of equal values).
inline std::string RleRuns(const std::vector<uint32_t>& values, int bit_width) {
  std::string out;
  size_t bytes = (static_cast<size_t>(bit_width) + 7) / 8;
  for (size_t i = 0; i < values.size();) {
    size_t j = i;
    while (j < values.size() && values[j] == values[i]) ++j;
    AppendVarint(out, (j - i) << 1);
    for (size_t k = 0; k < bytes; ++k) {
      out.push_back(static_cast<char>(static_cast<uint64_t>(values[i]) >> (8 * k)));
    }
    i = j;
  }
  return out;
}

// One bit-packed run (values padded to a multiple of 8), LSB first.
inline std::string BitPackedRun(std::vector<uint32_t> values, int bit_width) {
  while (values.size() % 8 != 0) values.push_back(0);
  std::string out;
  AppendVarint(out, ((values.size() / 8) << 1) | 1);
  std::string packed(values.size() * static_cast<size_t>(bit_width) / 8, '\0');
  size_t bit = 0;
  for (uint32_t v : values) {
    for (int b = 0; b < bit_width; ++b, ++bit) {
      if ((v >> b) & 1) packed[bit / 8] = static_cast<char>(packed[bit / 8] | (1 << (bit % 8)));
    }
  }
  return out + packed;
}

// Data page v1 levels: 4-byte length, then the runs.
inline std::string V1Levels(const std::vector<uint32_t>& levels, int bit_width) {
  std::string runs = RleRuns(levels, bit_width);
  std::string out;
  AppendLe32(out, static_cast<uint32_t>(runs.size()));
  return out + runs;
}

template <typename T>
std::string Plain(const std::vector<T>& values) {
  std::string out(values.size() * sizeof(T), '\0');
  if (!values.empty()) std::memcpy(out.data(), values.data(), out.size());
  return out;
}

inline std::string PlainStrings(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    AppendLe32(out, static_cast<uint32_t>(v.size()));
    out += v;
  }
  return out;
}

// DELTA_BINARY_PACKED with 128-value blocks of 4 miniblocks, straight from the spec.
inline std::string DeltaBinaryPacked(const std::vector<int64_t>& values) {
  std::string out;
  AppendVarint(out, 128);
  AppendVarint(out, 4);
  AppendVarint(out, values.size());
  int64_t first = values.empty() ? 0 : values[0];
  AppendVarint(out, (static_cast<uint64_t>(first) << 1) ^ static_cast<uint64_t>(first >> 63));
  for (size_t start = 1; start < values.size(); start += 128) {
    size_t end = std::min(values.size(), start + 128);
    std::vector<uint64_t> deltas;
    for (size_t i = start; i < end; ++i) {
      deltas.push_back(static_cast<uint64_t>(values[i]) - static_cast<uint64_t>(values[i - 1]));
    }
    int64_t min_delta = static_cast<int64_t>(deltas[0]);
    for (uint64_t d : deltas) min_delta = std::min(min_delta, static_cast<int64_t>(d));
    AppendVarint(out,
                 (static_cast<uint64_t>(min_delta) << 1) ^ static_cast<uint64_t>(min_delta >> 63));
    std::string widths(4, '\0');
    std::string data;
    for (size_t m = 0; m < 4; ++m) {
      size_t begin = m * 32;
      if (begin >= deltas.size()) break;  // unneeded miniblocks: width 0, no bytes
      uint64_t highest = 0;
      std::vector<uint64_t> relative(32, 0);
      for (size_t k = 0; k < 32 && begin + k < deltas.size(); ++k) {
        relative[k] = deltas[begin + k] - static_cast<uint64_t>(min_delta);
        highest = std::max(highest, relative[k]);
      }
      int width = 0;
      while (width < 64 && (highest >> width) != 0) ++width;
      widths[m] = static_cast<char>(width);
      std::string packed(32 * static_cast<size_t>(width) / 8, '\0');
      size_t bit = 0;
      for (uint64_t v : relative) {
        for (int b = 0; b < width; ++b, ++bit) {
          if ((v >> b) & 1) packed[bit / 8] = static_cast<char>(packed[bit / 8] | (1 << (bit % 8)));
        }
      }
      data += packed;
    }
    out += widths + data;
  }
  return out;
}

inline PageHeader DataPage(int32_t values, Encoding encoding, size_t body_size,
                           size_t uncompressed_size) {
  PageHeader header;
  header.type = PageType::kDataPage;
  header.compressed_page_size = static_cast<int32_t>(body_size);
  header.uncompressed_page_size = static_cast<int32_t>(uncompressed_size);
  DataPageHeader data;
  data.num_values = values;
  data.encoding = encoding;
  header.data_page_header = data;
  return header;
}

inline PageHeader DictionaryPage(int32_t values, size_t size) {
  PageHeader header;
  header.type = PageType::kDictionaryPage;
  header.compressed_page_size = static_cast<int32_t>(size);
  header.uncompressed_page_size = static_cast<int32_t>(size);
  header.dictionary_page_header = DictionaryPageHeader{values, Encoding::kPlain, std::nullopt};
  return header;
}

inline std::string Page(const PageHeader& header, const std::string& body) {
  ThriftCompactWriter writer;
  header.Write(writer);
  return writer.Release() + body;
}

// An uncompressed v1 data page: levels (when given) then values.
inline std::string SimplePage(int32_t values, Encoding encoding, const std::string& body) {
  return Page(DataPage(values, encoding, body.size(), body.size()), body);
}

struct TestChunk {
  TestChunk(Type type, int64_t num_values, std::string pages,
            CompressionCodec codec = CompressionCodec::kUncompressed)
      : type(type), num_values(num_values), pages(std::move(pages)), codec(codec) {}
  Type type;
  int64_t num_values;
  std::string pages;
  CompressionCodec codec;
  std::optional<Statistics> statistics;
};

class ParquetFileBuilder {
 public:
  explicit ParquetFileBuilder(std::vector<SchemaElement> schema) {
    metadata_.schema = std::move(schema);
    bytes_ = "PAR1";
  }

  // Adds a row group with one chunk per leaf column, in schema order.
  void AddRowGroup(int64_t rows, const std::vector<TestChunk>& chunks) {
    RowGroup group;
    group.num_rows = rows;
    for (const auto& chunk : chunks) {
      ColumnChunk column;
      column.file_offset = static_cast<int64_t>(bytes_.size());
      ColumnMetaData meta;
      meta.type = chunk.type;
      meta.encodings = {Encoding::kPlain};
      meta.path_in_schema = {"unused"};
      meta.codec = chunk.codec;
      meta.num_values = chunk.num_values;
      meta.total_compressed_size = static_cast<int64_t>(chunk.pages.size());
      meta.total_uncompressed_size = static_cast<int64_t>(chunk.pages.size());
      meta.data_page_offset = static_cast<int64_t>(bytes_.size());
      meta.statistics = chunk.statistics;
      column.meta_data = meta;
      bytes_ += chunk.pages;
      group.columns.push_back(column);
    }
    metadata_.num_rows += rows;
    metadata_.row_groups.push_back(group);
  }

  FileMetaData& metadata() { return metadata_; }

  std::string Finish() const {
    ThriftCompactWriter writer;
    metadata_.Write(writer);
    std::string footer = writer.Release();
    std::string out = bytes_ + footer;
    AppendLe32(out, static_cast<uint32_t>(footer.size()));
    return out + "PAR1";
  }

 private:
  FileMetaData metadata_;
  std::string bytes_;
};

inline std::unique_ptr<ParquetFileReader> OpenBytes(const std::string& bytes,
                                                    const std::string& name = "test.parquet") {
  return std::make_unique<ParquetFileReader>(std::make_unique<storage::MemoryFile>(name, bytes));
}

// Every row of every row group, each row as "v1 | v2 | …" via Value::ToString.
inline std::vector<std::string> ReadAllRows(ParquetFileReader& reader) {
  std::vector<size_t> columns;
  for (size_t i = 0; i < reader.schema().size(); ++i) columns.push_back(i);
  std::vector<std::string> rows;
  columnar::DataChunk chunk;
  for (size_t g = 0; g < reader.row_group_count(); ++g) {
    reader.ReadRowGroup(g, columns, chunk);
    for (size_t r = 0; r < chunk.size(); ++r) {
      std::string row;
      for (size_t c = 0; c < chunk.column_count(); ++c) {
        if (c > 0) row += " | ";
        row += chunk.column(c).GetValue(r).ToString();
      }
      rows.push_back(row);
    }
  }
  return rows;
}

}  // namespace basin::formats::parquet::testing
