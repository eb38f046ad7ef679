#include "formats/parquet/column_writer.hpp"

#include <algorithm>
#include <climits>
#include <string_view>
#include <type_traits>
#include <vector>

#include "common/error.hpp"
#include "formats/parquet/dictionary_builder.hpp"
#include "formats/parquet/page_compressor.hpp"
#include "formats/parquet/parquet_schema_writer.hpp"
#include "formats/parquet/plain_encoder.hpp"
#include "formats/parquet/rle_bit_packed_encoder.hpp"
#include "formats/parquet/statistics.hpp"
#include "formats/parquet/thrift_compact.hpp"

namespace basin::formats::parquet {

using columnar::Vector;
using types::int128_t;
using types::PhysicalType;

namespace {

// Repetition and definition levels of the page being built. A page whose definition levels
// are all the maximum (a column without NULLs) keeps only a count.
class PageLevels {
 public:
  PageLevels(uint16_t max_definition, uint16_t max_repetition)
      : max_definition_(max_definition), max_repetition_(max_repetition) {}

  void Append(const LeafLevels& levels) {
    if (max_definition_ > 0) {
      if (levels.contiguous) {
        if (materialized_)
          definition_.insert(definition_.end(), levels.level_count, max_definition_);
      } else {
        if (!materialized_) {
          definition_.assign(count_, max_definition_);
          materialized_ = true;
        }
        definition_.insert(definition_.end(), levels.definition.begin(), levels.definition.end());
      }
    }
    if (max_repetition_ > 0) {
      if (levels.contiguous) {
        repetition_.insert(repetition_.end(), levels.level_count, 0);
      } else {
        repetition_.insert(repetition_.end(), levels.repetition.begin(), levels.repetition.end());
      }
    }
    count_ += levels.level_count;
  }

  size_t count() const { return count_; }

  // Appends the v1 page's level sections: repetition then definition levels, each as a 4-byte
  // length and the RLE/bit-packed hybrid; nothing for a level whose maximum is 0.
  void Encode(std::string& out) const {
    if (max_repetition_ > 0) {
      EncodeSection(out, [&](std::string& section) {
        EncodeRleBitPacked(repetition_.data(), count_, BitWidthFor(max_repetition_), section);
      });
    }
    if (max_definition_ > 0) {
      EncodeSection(out, [&](std::string& section) {
        int width = BitWidthFor(max_definition_);
        if (materialized_) {
          EncodeRleBitPacked(definition_.data(), count_, width, section);
        } else {
          AppendRleRun(max_definition_, count_, width, section);
        }
      });
    }
  }

  void Clear() {
    count_ = 0;
    materialized_ = false;
    definition_.clear();
    repetition_.clear();
  }

 private:
  template <typename Fill>
  static void EncodeSection(std::string& out, Fill fill) {
    size_t start = out.size();
    out.append(4, '\0');
    fill(out);
    auto length = static_cast<uint32_t>(out.size() - start - 4);
    std::memcpy(out.data() + start, &length, 4);
  }

  uint16_t max_definition_;
  uint16_t max_repetition_;
  size_t count_ = 0;
  bool materialized_ = false;
  std::vector<uint16_t> definition_;
  std::vector<uint16_t> repetition_;
};

// Which vector layouts feed a Parquet value type: INT32 takes TINYINT, SMALLINT, INTEGER,
// DATE and DECIMAL(<=9) (stored as int64); the others take their own layout.
template <typename T, typename S>
constexpr bool kCanGather = std::is_same_v<T, S> ||
                            (std::is_same_v<T, int32_t> &&
                             (std::is_same_v<S, int8_t> || std::is_same_v<S, int16_t> ||
                              std::is_same_v<S, int64_t>));

// The body of the page being closed: one buffer per thread, shared by the column writers that
// run on it (a wide table must not hold a page-sized buffer per column).
std::string& PageBody() {
  thread_local std::string body;
  return body;
}

template <typename T>
using DictionaryOf =
    std::conditional_t<std::is_same_v<T, std::string_view>, StringDictionary, FixedDictionary<T>>;

template <typename T>
class TypedColumnWriter final : public ColumnChunkWriter {
 public:
  TypedColumnWriter(const WriterLeaf& leaf, const ColumnWriterOptions& options)
      : leaf_(leaf),
        options_(options),
        physical_(PhysicalTypeFor(leaf.type)),
        decimal_width_(
            physical_ == Type::kFixedLenByteArray ? DecimalByteWidth(leaf.type.precision()) : 0),
        compressor_(options.codec, options.compression_level),
        levels_(leaf.max_definition_level, leaf.max_repetition_level) {
    ResetChunk();
  }

  void Append(const LeafLevels& levels) override {
    if (finished_) {
      // The previous chunk's pages have been written out: reuse their buffers.
      data_pages_.clear();
      dictionary_page_.clear();
      finished_ = false;
    }
    size_t count = 0;
    const T* values = Gather(levels, count);
    levels_.Append(levels);
    AppendValues(values, count);
    chunk_levels_ += static_cast<int64_t>(levels.level_count);
    chunk_values_ += static_cast<int64_t>(count);
    if (page_uses_dictionary_ && DictionaryBytes() > options_.dictionary_page_bytes) {
      // Other writers' rule: once the dictionary outgrows its page, the rest of the chunk is
      // PLAIN; pages written so far keep their dictionary indices.
      FlushPage();
      dictionary_enabled_ = false;
      page_uses_dictionary_ = false;
    } else if (EstimatedPageBytes() >= options_.page_bytes || levels_.count() >= kPageEntryLimit) {
      FlushPage();
    }
  }

  size_t buffered_bytes() const override {
    return (finished_ ? 0 : data_pages_.size()) + page_plain_.size() + page_indices_.size() * 4 +
           (dictionary_enabled_ || dictionary_pages_ > 0 ? DictionaryBytes() : 0);
  }

  EncodedColumnChunk Finish() override {
    if (finished_) {
      data_pages_.clear();
      dictionary_page_.clear();
    }
    FlushPage();
    EncodedColumnChunk chunk;
    ColumnMetaData& meta = chunk.metadata;
    meta.type = physical_;
    meta.path_in_schema = leaf_.path;
    meta.codec = options_.codec;
    meta.num_values = chunk_levels_;

    MinMax<T> bounds = plain_bounds_;
    if (dictionary_pages_ > 0) {
      WriteDictionaryPage(dictionary_page_);
      chunk.dictionary_page = dictionary_page_;
      if constexpr (std::is_same_v<T, std::string_view>) {
        for (size_t i = 0; i < dictionary_.size(); ++i) {
          std::string_view value = dictionary_.value(i);
          bounds.Update(&value, 1);
        }
      } else {
        bounds.Update(dictionary_.values().data(), dictionary_.size());
      }
      meta.dictionary_page_offset = 0;
      meta.encodings.push_back(Encoding::kPlain);
      meta.encodings.push_back(Encoding::kRleDictionary);
      meta.encoding_stats.push_back({PageType::kDictionaryPage, Encoding::kPlain, 1});
      meta.encoding_stats.push_back(
          {PageType::kDataPage, Encoding::kRleDictionary, dictionary_pages_});
    }
    if (plain_pages_ > 0) {
      if (dictionary_pages_ == 0) meta.encodings.push_back(Encoding::kPlain);
      meta.encoding_stats.push_back({PageType::kDataPage, Encoding::kPlain, plain_pages_});
    }
    if (leaf_.max_definition_level > 0 || leaf_.max_repetition_level > 0) {
      meta.encodings.push_back(Encoding::kRle);
    }
    meta.data_page_offset = static_cast<int64_t>(chunk.dictionary_page.size());
    meta.total_uncompressed_size = uncompressed_bytes_;
    meta.total_compressed_size =
        static_cast<int64_t>(chunk.dictionary_page.size() + data_pages_.size());

    ChunkStatistics stats;
    stats.null_count = chunk_levels_ - chunk_values_;
    SetMinMax(bounds, decimal_width_, stats);
    Statistics& out = meta.statistics.emplace();
    out.null_count = stats.null_count;
    out.min_value = std::move(stats.min_value);
    out.max_value = std::move(stats.max_value);
    if (physical_ != Type::kByteArray && physical_ != Type::kFixedLenByteArray) {
      // Readers that predate min_value/max_value use min/max, whose signed order agrees for
      // these types (not for byte arrays, whose legacy bounds were ambiguous).
      out.min = out.min_value;
      out.max = out.max_value;
    }

    chunk.data_pages = data_pages_;
    ResetChunk();
    finished_ = true;
    return chunk;
  }

 private:
  void ResetChunk() {
    dictionary_.Clear();
    plain_bounds_ = MinMax<T>();
    dictionary_enabled_ = options_.dictionary && !std::is_same_v<T, uint8_t>;
    dictionary_checked_ = false;
    page_uses_dictionary_ = dictionary_enabled_;
    chunk_levels_ = 0;
    chunk_values_ = 0;
    uncompressed_bytes_ = 0;
    dictionary_pages_ = 0;
    plain_pages_ = 0;
  }

  // The slice's values as a contiguous array of T: the vector's own data when the layouts
  // agree and there is no NULL, else converted or gathered into scratch_.
  const T* Gather(const LeafLevels& levels, size_t& count) {
    const Vector& vector = *levels.leaf;
    switch (vector.physical()) {
      case PhysicalType::kBool: return GatherFrom<uint8_t>(vector, levels, count);
      case PhysicalType::kInt8: return GatherFrom<int8_t>(vector, levels, count);
      case PhysicalType::kInt16: return GatherFrom<int16_t>(vector, levels, count);
      case PhysicalType::kInt32: return GatherFrom<int32_t>(vector, levels, count);
      case PhysicalType::kInt64: return GatherFrom<int64_t>(vector, levels, count);
      case PhysicalType::kInt128: return GatherFrom<int128_t>(vector, levels, count);
      case PhysicalType::kFloat: return GatherFrom<float>(vector, levels, count);
      case PhysicalType::kDouble: return GatherFrom<double>(vector, levels, count);
      case PhysicalType::kString: return GatherFrom<std::string_view>(vector, levels, count);
      default: break;
    }
    ThrowInternal("column " + leaf_.display_name + ": cannot write a " + vector.type().ToString() +
                  " vector as a Parquet leaf");
  }

  template <typename S>
  const T* GatherFrom(const Vector& vector, const LeafLevels& levels, size_t& count) {
    if constexpr (!kCanGather<T, S>) {
      ThrowInternal("column " + leaf_.display_name + " of type " + leaf_.type.ToString() +
                    " received a " + vector.type().ToString() + " vector");
    } else {
      const S* source = vector.data<S>();
      if (levels.contiguous) {
        count = levels.level_count;
        if constexpr (std::is_same_v<S, T>) return source + levels.contiguous_begin;
        scratch_.resize(count);
        const S* from = source + levels.contiguous_begin;
        for (size_t i = 0; i < count; ++i) scratch_[i] = static_cast<T>(from[i]);
      } else {
        count = levels.positions.size();
        scratch_.resize(count);
        const int64_t* positions = levels.positions.data();
        for (size_t i = 0; i < count; ++i) scratch_[i] = static_cast<T>(source[positions[i]]);
      }
      return scratch_.data();
    }
  }

  void AppendValues(const T* values, size_t count) {
    if constexpr (std::is_same_v<T, std::string_view>) {
      size_t bytes = 0;
      for (size_t i = 0; i < count; ++i) {
        if (values[i].size() > static_cast<size_t>(INT32_MAX)) {
          ThrowInvalid("column " + leaf_.display_name + ": a value of " +
                       std::to_string(values[i].size()) +
                       " bytes exceeds Parquet's 2 GiB limit for one value");
        }
        bytes += 4 + values[i].size();
      }
      page_plain_equivalent_ += bytes;
    } else {
      page_plain_equivalent_ += count * ValueWidth();
    }
    if (page_uses_dictionary_) {
      size_t old = page_indices_.size();
      page_indices_.resize(old + count);
      dictionary_.Insert(values, count, page_indices_.data() + old);
      return;
    }
    plain_bounds_.Update(values, count);
    if constexpr (std::is_same_v<T, std::string_view>) {
      PlainEncodeByteArrays(values, count, page_plain_);
    } else if constexpr (std::is_same_v<T, int128_t>) {
      PlainEncodeDecimals(values, count, decimal_width_, page_plain_);
    } else {
      // Booleans stay one byte each until the page is packed.
      PlainEncodeFixed(values, count, page_plain_);
    }
  }

  size_t ValueWidth() const {
    if constexpr (std::is_same_v<T, int128_t>) {
      return static_cast<size_t>(decimal_width_);
    } else {
      return sizeof(T);
    }
  }

  size_t DictionaryBytes() const {
    if constexpr (std::is_same_v<T, std::string_view>) {
      return dictionary_.plain().size();
    } else {
      return dictionary_.size() * ValueWidth();
    }
  }

  int IndexBitWidth() const {
    return std::max(1, BitWidthFor(dictionary_.size() > 0 ? dictionary_.size() - 1 : 0));
  }

  size_t EstimatedPageBytes() const {
    if (page_uses_dictionary_) {
      return page_indices_.size() * static_cast<size_t>(IndexBitWidth()) / 8;
    }
    if constexpr (std::is_same_v<T, uint8_t>) return page_plain_.size() / 8;
    return page_plain_.size();
  }

  void FlushPage() {
    if (levels_.count() == 0) return;
    if (levels_.count() > static_cast<size_t>(INT32_MAX)) {
      ThrowInvalid("column " + leaf_.display_name + ": " + std::to_string(levels_.count()) +
                   " entries in one slice of rows exceed a page's limit of 2^31");
    }
    std::string& body = PageBody();
    body.clear();
    levels_.Encode(body);
    DataPageHeader data;
    data.num_values = static_cast<int32_t>(levels_.count());
    data.definition_level_encoding = Encoding::kRle;
    data.repetition_level_encoding = Encoding::kRle;
    if (page_uses_dictionary_) {
      size_t values_start = body.size();
      int width = IndexBitWidth();
      body.push_back(static_cast<char>(width));
      EncodeRleBitPacked(page_indices_.data(), page_indices_.size(), width, body);
      if (!dictionary_checked_) {
        // parquet-mr's test: when indices plus dictionary are no smaller than PLAIN would
        // be, the column is not worth a dictionary (mostly distinct values).
        dictionary_checked_ = true;
        if (body.size() - values_start + DictionaryBytes() >= page_plain_equivalent_) {
          dictionary_enabled_ = false;
        }
      }
      data.encoding = Encoding::kRleDictionary;
      ++dictionary_pages_;
    } else {
      if constexpr (std::is_same_v<T, uint8_t>) {
        PlainEncodeBooleans(reinterpret_cast<const uint8_t*>(page_plain_.data()),
                            page_plain_.size(), body);
      } else {
        body.append(page_plain_);
      }
      data.encoding = Encoding::kPlain;
      ++plain_pages_;
    }
    PageHeader header;
    header.type = PageType::kDataPage;
    header.data_page_header = data;
    WritePage(header, body, data_pages_);

    levels_.Clear();
    page_indices_.clear();
    page_plain_.clear();
    page_plain_equivalent_ = 0;
    page_uses_dictionary_ = dictionary_enabled_;
  }

  void WriteDictionaryPage(std::string& out) {
    std::string_view body;
    if constexpr (std::is_same_v<T, std::string_view>) {
      body = dictionary_.plain();
    } else {
      std::string& encoded = PageBody();
      encoded.clear();
      if constexpr (std::is_same_v<T, int128_t>) {
        PlainEncodeDecimals(dictionary_.values().data(), dictionary_.size(), decimal_width_,
                            encoded);
      } else {
        PlainEncodeFixed(dictionary_.values().data(), dictionary_.size(), encoded);
      }
      body = encoded;
    }
    PageHeader header;
    header.type = PageType::kDictionaryPage;
    DictionaryPageHeader dictionary;
    dictionary.num_values = static_cast<int32_t>(dictionary_.size());
    dictionary.encoding = Encoding::kPlain;
    header.dictionary_page_header = dictionary;
    WritePage(header, body, out);
  }

  void WritePage(PageHeader& header, std::string_view body, std::string& out) {
    if (body.size() > static_cast<size_t>(INT32_MAX)) {
      ThrowInvalid("column " + leaf_.display_name + ": a page of " + std::to_string(body.size()) +
                   " bytes exceeds Parquet's 2 GiB page limit; write smaller rows per chunk");
    }
    std::string_view compressed = compressor_.Compress(body);
    if (compressed.size() > static_cast<size_t>(INT32_MAX)) {
      ThrowInvalid("column " + leaf_.display_name + ": a compressed page exceeds 2 GiB");
    }
    header.uncompressed_page_size = static_cast<int32_t>(body.size());
    header.compressed_page_size = static_cast<int32_t>(compressed.size());
    ThriftCompactWriter writer;
    header.Write(writer);
    out.append(writer.buffer());
    out.append(compressed);
    uncompressed_bytes_ += static_cast<int64_t>(writer.buffer().size() + body.size());
  }

  WriterLeaf leaf_;
  ColumnWriterOptions options_;
  Type physical_;
  int decimal_width_;
  PageCompressor compressor_;

  // The page being built.
  PageLevels levels_;
  bool page_uses_dictionary_ = false;
  std::vector<uint32_t> page_indices_;
  std::string page_plain_;
  size_t page_plain_equivalent_ = 0;  // bytes the page's values would take PLAIN

  // The column chunk being built.
  bool dictionary_enabled_ = false;
  bool dictionary_checked_ = false;
  DictionaryOf<T> dictionary_;
  MinMax<T> plain_bounds_;
  int64_t chunk_levels_ = 0;
  int64_t chunk_values_ = 0;
  int64_t uncompressed_bytes_ = 0;
  int32_t dictionary_pages_ = 0;
  int32_t plain_pages_ = 0;
  std::string data_pages_;
  std::string dictionary_page_;
  bool finished_ = false;  // Finish() handed out views of the buffers above

  std::vector<T> scratch_;
};

}  // namespace

std::unique_ptr<ColumnChunkWriter> ColumnChunkWriter::Make(const WriterLeaf& leaf,
                                                           const ColumnWriterOptions& options) {
  switch (leaf.type.physical()) {
    case PhysicalType::kBool: return std::make_unique<TypedColumnWriter<uint8_t>>(leaf, options);
    case PhysicalType::kInt8:
    case PhysicalType::kInt16:
    case PhysicalType::kInt32: return std::make_unique<TypedColumnWriter<int32_t>>(leaf, options);
    case PhysicalType::kInt64:
      if (PhysicalTypeFor(leaf.type) == Type::kInt32) {
        return std::make_unique<TypedColumnWriter<int32_t>>(leaf, options);
      }
      return std::make_unique<TypedColumnWriter<int64_t>>(leaf, options);
    case PhysicalType::kInt128: return std::make_unique<TypedColumnWriter<int128_t>>(leaf, options);
    case PhysicalType::kFloat: return std::make_unique<TypedColumnWriter<float>>(leaf, options);
    case PhysicalType::kDouble: return std::make_unique<TypedColumnWriter<double>>(leaf, options);
    case PhysicalType::kString:
      return std::make_unique<TypedColumnWriter<std::string_view>>(leaf, options);
    default: break;
  }
  ThrowInternal("column " + leaf.display_name + " is not a leaf type: " + leaf.type.ToString());
}

}  // namespace basin::formats::parquet
