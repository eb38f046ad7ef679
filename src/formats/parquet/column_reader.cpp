#include "formats/parquet/column_reader.hpp"

#include <algorithm>
#include <cstring>
#include <span>

#include "common/error.hpp"
#include "formats/parquet/compression.hpp"
#include "formats/parquet/encodings.hpp"
#include "formats/parquet/rle_bit_packed.hpp"
#include "formats/parquet/thrift_compact.hpp"
#include "formats/parquet/value_conversion.hpp"

namespace basin::formats::parquet {

namespace {

using Bytes = std::span<const uint8_t>;
using Buffer = std::shared_ptr<uint8_t[]>;

// Dictionary indexes are decoded and gathered in batches of this many.
constexpr size_t kIndexBatch = 4096;

template <size_t kWidth>
struct Blob {
  uint8_t bytes[kWidth];
};

// out[i] = dictionary[indexes[i]] for values of kWidth bytes.
template <size_t kWidth>
void Gather(const uint8_t* dictionary, const uint32_t* indexes, size_t count, uint8_t* out) {
  using T = Blob<kWidth>;
  const T* source = reinterpret_cast<const T*>(dictionary);
  T* target = reinterpret_cast<T*>(out);
  for (size_t i = 0; i < count; ++i) std::memcpy(&target[i], &source[indexes[i]], kWidth);
}

// Moves the `values` dense values at data[base..] to their slots (walking backwards, so no
// value is overwritten before it moves) and marks the other slots NULL.
template <size_t kWidth>
void Spread(uint8_t* data, const uint8_t* def, size_t entries, uint8_t slot_def, uint8_t max_def,
            size_t values, size_t slots, columnar::Validity& validity, size_t base) {
  size_t slot = slots;
  size_t value = values;
  for (size_t e = entries; e-- > 0;) {
    if (def[e] < slot_def) continue;
    --slot;
    if (def[e] == max_def) {
      --value;
      if (slot != value) {
        std::memcpy(data + (base + slot) * kWidth, data + (base + value) * kWidth, kWidth);
      }
    } else {
      validity.SetInvalid(base + slot);
    }
  }
}

class ChunkDecoder {
 public:
  ChunkDecoder(const ColumnChunkSource& source, bool keep_levels, columnar::Vector* reuse)
      : src_(source),
        leaf_(source.leaf),
        keep_levels_(keep_levels),
        keeps_pages_(KeepsPageBuffers(source.leaf)),
        out_(reuse != nullptr ? LeafData(std::move(*reuse)) : LeafData(source.leaf.type)) {}

  LeafData Run();

 private:
  std::string Where(uint64_t offset) const {
    return src_.file + ": column '" + leaf_.path + "': page at byte offset " +
           std::to_string(offset);
  }
  [[noreturn]] void Fail(uint64_t offset, const std::string& what) const {
    ThrowCorrupt(Where(offset) + ": " + what);
  }

  void ReadPage(const PageHeader& header, Bytes body, uint64_t offset);
  void ReadDictionaryPage(const PageHeader& header, Bytes body, uint64_t offset);
  void ReadDataPageV1(const PageHeader& header, Bytes body, uint64_t offset);
  void ReadDataPageV2(const PageHeader& header, Bytes body, uint64_t offset);
  Bytes Inflate(Bytes input, int32_t uncompressed_size, uint64_t offset, Buffer& holder);
  // Uncompressed bytes of the chunk, made safe for values to point into.
  Bytes Stable(Bytes input, Buffer& holder);
  size_t CheckedValueCount(int32_t num_values, uint64_t offset) const;
  // Room for `count` levels at the end of the kept levels (or in scratch).
  uint8_t* LevelTarget(std::vector<uint8_t>& kept, std::vector<uint8_t>& scratch, size_t count);
  // Zero levels for a column whose maximum level is 0.
  void ZeroLevels(std::vector<uint8_t>& kept, std::vector<uint8_t>& scratch, size_t count) {
    if (count > 0) std::memset(LevelTarget(kept, scratch, count), 0, count);
  }
  void ProcessPage(size_t count, const uint8_t* def, const uint8_t* rep, Encoding encoding,
                   Bytes data, const Buffer& holder, uint64_t offset);
  void DecodeValues(Encoding encoding, Bytes data, size_t count, size_t row, const Buffer& holder);
  // PLAIN values into rows [row, row + count) of `target` (the leaf vector or the
  // dictionary). Returns the index of the first value that is not valid UTF-8, or `count`.
  size_t DecodePlain(Bytes data, size_t count, columnar::Vector& target, size_t row,
                     const Buffer& holder);
  void DecodeDictionaryIndexes(Bytes data, size_t count, size_t row);
  // Keeps `holder` alive as long as `target`'s strings may point into it.
  void KeepAlive(columnar::Vector& target, const Buffer& holder);
  // Where byte-string values that are not kept as views are built: the leaf's heap for
  // string types, a per-page scratch heap otherwise (decimals).
  columnar::StringHeap& ViewHeap() {
    return out_.values.physical() == types::PhysicalType::kString ? out_.values.heap()
                                                                  : scratch_heap_;
  }
  [[noreturn]] void ReportInvalidUtf8(size_t value);

  const ColumnChunkSource& src_;
  const LeafColumn& leaf_;
  bool keep_levels_;
  bool keeps_pages_;
  LeafData out_;
  size_t entries_ = 0;  // level entries read so far
  int64_t rows_ = 0;    // rows (entries with repetition level 0) so far
  std::shared_ptr<columnar::Vector> dictionary_;
  bool dictionary_kept_ = false;
  bool chunk_kept_ = false;
  // The data page being decoded, for naming the row of a bad value.
  const uint8_t* page_def_ = nullptr;
  const uint8_t* page_rep_ = nullptr;
  size_t page_entries_ = 0;
  uint64_t page_offset_ = 0;
  int64_t rows_before_page_ = 0;
  std::vector<uint8_t> def_scratch_;
  std::vector<uint8_t> rep_scratch_;
  std::vector<uint32_t> indexes_;
  std::vector<uint8_t> raw_;
  std::vector<std::string_view> views_;
  columnar::StringHeap scratch_heap_;
};

LeafData ChunkDecoder::Run() {
  const ColumnMetaData& meta = src_.meta;
  if (meta.num_values < 0 || (leaf_.max_rep == 0 && meta.num_values != src_.row_group_rows)) {
    Fail(src_.offset, "the column chunk declares " + std::to_string(meta.num_values) +
                          " values for a row group of " + std::to_string(src_.row_group_rows) +
                          " rows");
  }
  size_t expected = static_cast<size_t>(meta.num_values);
  // A capacity hint only; it is bounded by the bytes so a lying count cannot inflate it.
  out_.values.Reserve(std::min(expected, src_.size * 8 + columnar::kChunkRows));
  const uint8_t* bytes = src_.bytes.get();
  size_t pos = 0;
  while (entries_ < expected) {
    uint64_t page_offset = src_.offset + pos;
    if (pos >= src_.size) {
      Fail(page_offset, "the column chunk ends after " + std::to_string(entries_) + " of its " +
                            std::to_string(expected) + " values");
    }
    ThriftCompactReader reader(Bytes(bytes + pos, src_.size - pos),
                               src_.file + ": column '" + leaf_.path + "' page header",
                               page_offset);
    PageHeader header;
    header.Read(reader);
    pos += reader.position();
    if (header.compressed_page_size < 0 ||
        static_cast<size_t>(header.compressed_page_size) > src_.size - pos) {
      Fail(page_offset, "the page claims " + std::to_string(header.compressed_page_size) +
                            " bytes, " + std::to_string(src_.size - pos) +
                            " remain in the column chunk");
    }
    if (header.uncompressed_page_size < 0) {
      Fail(page_offset, "negative uncompressed page size");
    }
    Bytes body(bytes + pos, static_cast<size_t>(header.compressed_page_size));
    pos += body.size();
    try {
      ReadPage(header, body, page_offset);
    } catch (const Error& error) {
      if (std::string_view(error.what()).starts_with(src_.file)) throw;
      throw Error(error.code(), Where(page_offset) + ": " + error.what());
    }
  }
  if (rows_ != src_.row_group_rows) {
    Fail(src_.offset, "the column chunk holds " + std::to_string(rows_) +
                          " rows, the row group declares " + std::to_string(src_.row_group_rows));
  }
  return std::move(out_);
}

void ChunkDecoder::ReadPage(const PageHeader& header, Bytes body, uint64_t offset) {
  switch (header.type) {
    case PageType::kDictionaryPage: ReadDictionaryPage(header, body, offset); return;
    case PageType::kDataPage: ReadDataPageV1(header, body, offset); return;
    case PageType::kDataPageV2: ReadDataPageV2(header, body, offset); return;
    default: return;  // index pages and future page types carry nothing we need
  }
}

Bytes ChunkDecoder::Inflate(Bytes input, int32_t uncompressed_size, uint64_t offset,
                            Buffer& holder) {
  CompressionCodec codec = src_.meta.codec;
  if (codec == CompressionCodec::kUncompressed) return Stable(input, holder);
  size_t size = static_cast<size_t>(uncompressed_size);
  std::string where = Where(offset);
  CheckUncompressedSize(codec, input, size, where);
  if (keeps_pages_) {
    holder = Buffer(new uint8_t[std::max<size_t>(size, 1)]);
  } else {
    // Nothing will point into the page: decompress into this thread's scratch, which saves
    // the page faults of fresh memory for every page (pages are ~1 MiB; a huge one is a
    // one-off rather than held by the thread).
    constexpr size_t kMaxScratchBytes = size_t{16} << 20;
    thread_local Buffer scratch;
    thread_local size_t scratch_size = 0;
    if (size > kMaxScratchBytes) {
      holder = Buffer(new uint8_t[size]);
    } else {
      if (scratch_size < size) {
        scratch_size = std::min(kMaxScratchBytes, std::max(size, scratch_size * 2));
        scratch = Buffer(new uint8_t[scratch_size]);
      }
      holder = scratch;
    }
  }
  Decompress(codec, input, std::span<uint8_t>(holder.get(), size), where);
  return Bytes(holder.get(), size);
}

Bytes ChunkDecoder::Stable(Bytes input, Buffer& holder) {
  if (!(src_.bytes_are_scratch && keeps_pages_)) {
    holder = src_.bytes;
    return input;
  }
  holder = Buffer(new uint8_t[std::max<size_t>(input.size(), 1)]);
  if (!input.empty()) std::memcpy(holder.get(), input.data(), input.size());
  return Bytes(holder.get(), input.size());
}

size_t ChunkDecoder::CheckedValueCount(int32_t num_values, uint64_t offset) const {
  size_t remaining = static_cast<size_t>(src_.meta.num_values) - entries_;
  if (num_values < 0 || static_cast<size_t>(num_values) > kMaxPageValues ||
      static_cast<size_t>(num_values) > remaining) {
    Fail(offset, "the page declares " + std::to_string(num_values) + " values, the column chunk " +
                     "has " + std::to_string(remaining) + " left");
  }
  return static_cast<size_t>(num_values);
}

void ChunkDecoder::ReadDictionaryPage(const PageHeader& header, Bytes body, uint64_t offset) {
  if (dictionary_) Fail(offset, "a second dictionary page");
  if (entries_ > 0) Fail(offset, "a dictionary page after data pages");
  if (!header.dictionary_page_header) Fail(offset, "a dictionary page without its header");
  const DictionaryPageHeader& dh = *header.dictionary_page_header;
  if (dh.encoding != Encoding::kPlain && dh.encoding != Encoding::kPlainDictionary) {
    ThrowUnsupported(Where(offset) + ": dictionary encoding " +
                     std::string(EncodingName(dh.encoding)) + " is not supported");
  }
  Buffer holder;
  Bytes data = Inflate(body, header.uncompressed_page_size, offset, holder);
  if (dh.num_values < 0) Fail(offset, "negative dictionary size");
  size_t count = static_cast<size_t>(dh.num_values);
  // Bound the count by the bytes before allocating: every entry takes space.
  size_t width = PhysicalWidth(leaf_);
  size_t max_count = leaf_.physical == Type::kBoolean ? data.size() * 8
                     : leaf_.physical == Type::kByteArray
                         ? data.size() / 4
                         : data.size() / std::max<size_t>(width, 1);
  if (count > max_count) {
    Fail(offset, "the dictionary claims " + std::to_string(count) + " entries in " +
                     std::to_string(data.size()) + " bytes");
  }
  dictionary_ = std::make_shared<columnar::Vector>(leaf_.type);
  dictionary_->Resize(count);
  size_t bad = DecodePlain(data, count, *dictionary_, 0, holder);
  if (bad != count) Fail(offset, "dictionary entry " + std::to_string(bad) + " is not valid UTF-8");
}

uint8_t* ChunkDecoder::LevelTarget(std::vector<uint8_t>& kept, std::vector<uint8_t>& scratch,
                                   size_t count) {
  if (keep_levels_) {
    size_t start = kept.size();
    kept.resize(start + count);
    return kept.data() + start;
  }
  if (scratch.size() < count) scratch.resize(count);
  return scratch.data();
}

void ChunkDecoder::ReadDataPageV1(const PageHeader& header, Bytes body, uint64_t offset) {
  if (!header.data_page_header) Fail(offset, "a data page without its header");
  const DataPageHeader& dp = *header.data_page_header;
  size_t count = CheckedValueCount(dp.num_values, offset);
  Buffer holder;
  Bytes page = Inflate(body, header.uncompressed_page_size, offset, holder);
  size_t pos = 0;
  auto decode_levels = [&](Encoding encoding, uint8_t max_level, uint8_t* out) {
    int width = BitWidthFor(max_level);
    if (encoding == Encoding::kRle) {
      if (page.size() - pos < 4) Fail(offset, "levels length runs past the end of the page");
      uint32_t length;
      std::memcpy(&length, page.data() + pos, 4);
      pos += 4;
      if (length > page.size() - pos) {
        Fail(offset, "levels claim " + std::to_string(length) + " bytes, " +
                         std::to_string(page.size() - pos) + " remain");
      }
      RleBitPackedDecoder decoder(page.subspan(pos, length), width);
      decoder.DecodeLevels(out, count, max_level);
      pos += length;
    } else if (encoding == Encoding::kBitPacked) {
      pos += DecodeBitPackedLevels(page.subspan(pos), width, count, max_level, out);
    } else {
      Fail(offset, "levels in encoding " + std::string(EncodingName(encoding)));
    }
  };
  uint8_t* rep = nullptr;
  uint8_t* def = nullptr;
  if (leaf_.max_rep > 0) {
    rep = LevelTarget(out_.rep, rep_scratch_, count);
    decode_levels(dp.repetition_level_encoding, leaf_.max_rep, rep);
  } else if (keep_levels_) {
    ZeroLevels(out_.rep, rep_scratch_, count);
  }
  if (leaf_.max_def > 0) {
    def = LevelTarget(out_.def, def_scratch_, count);
    decode_levels(dp.definition_level_encoding, leaf_.max_def, def);
  } else if (keep_levels_) {
    ZeroLevels(out_.def, def_scratch_, count);
  }
  ProcessPage(count, def, rep, dp.encoding, page.subspan(pos), holder, offset);
}

void ChunkDecoder::ReadDataPageV2(const PageHeader& header, Bytes body, uint64_t offset) {
  if (!header.data_page_header_v2) Fail(offset, "a data page v2 without its header");
  const DataPageHeaderV2& dp = *header.data_page_header_v2;
  size_t count = CheckedValueCount(dp.num_values, offset);
  int64_t rep_length = dp.repetition_levels_byte_length;
  int64_t def_length = dp.definition_levels_byte_length;
  if (rep_length < 0 || def_length < 0 ||
      rep_length + def_length > static_cast<int64_t>(body.size()) ||
      rep_length + def_length > header.uncompressed_page_size) {
    Fail(offset, "level lengths " + std::to_string(rep_length) + " + " +
                     std::to_string(def_length) + " do not fit the page");
  }
  Bytes rep_bytes = body.subspan(0, static_cast<size_t>(rep_length));
  Bytes def_bytes = body.subspan(static_cast<size_t>(rep_length), static_cast<size_t>(def_length));
  uint8_t* rep = nullptr;
  uint8_t* def = nullptr;
  if (leaf_.max_rep > 0) {
    rep = LevelTarget(out_.rep, rep_scratch_, count);
    RleBitPackedDecoder(rep_bytes, BitWidthFor(leaf_.max_rep))
        .DecodeLevels(rep, count, leaf_.max_rep);
  } else if (keep_levels_) {
    ZeroLevels(out_.rep, rep_scratch_, count);
  }
  if (leaf_.max_def > 0) {
    def = LevelTarget(out_.def, def_scratch_, count);
    RleBitPackedDecoder(def_bytes, BitWidthFor(leaf_.max_def))
        .DecodeLevels(def, count, leaf_.max_def);
  } else if (keep_levels_) {
    ZeroLevels(out_.def, def_scratch_, count);
  }
  Bytes values = body.subspan(static_cast<size_t>(rep_length + def_length));
  int32_t values_size =
      header.uncompressed_page_size - static_cast<int32_t>(rep_length + def_length);
  Buffer holder;
  if (dp.is_compressed && src_.meta.codec != CompressionCodec::kUncompressed) {
    if (values_size == 0) {
      values = Bytes();  // all NULL: some writers store no compressed stream at all
    } else {
      values = Inflate(values, values_size, offset, holder);
    }
  } else {
    values = Stable(values, holder);
  }
  ProcessPage(count, def, rep, dp.encoding, values, holder, offset);
}

void ChunkDecoder::ProcessPage(size_t count, const uint8_t* def, const uint8_t* rep,
                               Encoding encoding, Bytes data, const Buffer& holder,
                               uint64_t offset) {
  size_t values = count;
  size_t slots = count;
  if (def != nullptr) {
    const uint8_t max_def = leaf_.max_def;
    const uint8_t slot_def = leaf_.slot_def;
    size_t present = 0;
    size_t slot_count = 0;
    for (size_t i = 0; i < count; ++i) {
      present += def[i] == max_def;
      slot_count += def[i] >= slot_def;
    }
    values = present;
    slots = slot_count;
  }
  if (rep != nullptr) {
    if (entries_ == 0 && count > 0 && rep[0] != 0) {
      Fail(offset, "the first value of the column chunk does not start a row");
    }
    size_t starts = 0;
    for (size_t i = 0; i < count; ++i) starts += rep[i] == 0;
    rows_ += static_cast<int64_t>(starts);
  } else {
    rows_ += static_cast<int64_t>(count);
  }
  size_t base = out_.values.size();
  out_.values.Resize(base + slots);
  page_def_ = def;
  page_rep_ = rep;
  page_entries_ = count;
  page_offset_ = offset;
  rows_before_page_ = rows_;
  if (rep != nullptr) {
    for (size_t i = 0; i < count; ++i) rows_before_page_ -= rep[i] == 0;
  } else {
    rows_before_page_ -= static_cast<int64_t>(count);
  }
  scratch_heap_.Clear();
  DecodeValues(encoding, data, values, base, holder);
  if (values < slots) {
    uint8_t* target = out_.values.data<uint8_t>();
    auto& validity = out_.values.validity();
    switch (types::FixedWidth(out_.values.physical())) {
      case 1:
        Spread<1>(target, def, count, leaf_.slot_def, leaf_.max_def, values, slots, validity, base);
        break;
      case 2:
        Spread<2>(target, def, count, leaf_.slot_def, leaf_.max_def, values, slots, validity, base);
        break;
      case 4:
        Spread<4>(target, def, count, leaf_.slot_def, leaf_.max_def, values, slots, validity, base);
        break;
      case 8:
        Spread<8>(target, def, count, leaf_.slot_def, leaf_.max_def, values, slots, validity, base);
        break;
      case 16:
        Spread<16>(target, def, count, leaf_.slot_def, leaf_.max_def, values, slots, validity,
                   base);
        break;
      default: ThrowInternal("unexpected value width in column " + leaf_.path);
    }
  }
  entries_ += count;
}

void ChunkDecoder::KeepAlive(columnar::Vector& target, const Buffer& holder) {
  if (&target == &out_.values && holder == src_.bytes) {
    if (chunk_kept_) return;  // every uncompressed page shares the chunk's buffer
    chunk_kept_ = true;
  }
  target.heap().KeepAlive(holder);
}

size_t ChunkDecoder::DecodePlain(Bytes data, size_t count, columnar::Vector& target, size_t row,
                                 const Buffer& holder) {
  const bool string_target = target.physical() == types::PhysicalType::kString &&
                             leaf_.conversion != ValueConversion::kUuid;
  switch (leaf_.physical) {
    case Type::kBoolean:
      DecodePlainBooleans(data, count, target.data<uint8_t>() + row);
      return count;
    case Type::kByteArray:
    case Type::kFixedLenByteArray: {
      if (!UsesByteViews(leaf_)) break;  // FLOAT16: fixed-width raw bytes below
      std::string_view* views;
      if (string_target) {
        views = target.data<std::string_view>() + row;
        KeepAlive(target, holder);
      } else {
        if (views_.size() < count) views_.resize(count);
        views = views_.data();
      }
      if (leaf_.physical == Type::kByteArray) {
        DecodePlainByteArrays(data, count, views);
      } else {
        DecodePlainFixedByteArrays(data, count, PhysicalWidth(leaf_), views);
      }
      return ConvertViews(leaf_, views, count, target, row, /*in_order=*/true);
    }
    default: break;
  }
  size_t width = PhysicalWidth(leaf_);
  if (count > data.size() / width) {
    ThrowCorrupt("PLAIN values need " + std::to_string(count) + " x " + std::to_string(width) +
                 " bytes, the page holds " + std::to_string(data.size()));
  }
  ConvertFixed(leaf_, data.data(), count, target, row);
  return count;
}

void ChunkDecoder::DecodeDictionaryIndexes(Bytes data, size_t count, size_t row) {
  if (!dictionary_) ThrowCorrupt("a dictionary-encoded page without a dictionary page");
  if (data.empty()) ThrowCorrupt("dictionary indexes are missing");
  int width = data[0];
  if (width > 32) {
    ThrowCorrupt("dictionary index bit width " + std::to_string(width) + " exceeds 32");
  }
  if (!dictionary_kept_ && out_.values.physical() == types::PhysicalType::kString) {
    out_.values.heap().KeepAlive(dictionary_);
    dictionary_kept_ = true;
  }
  RleBitPackedDecoder decoder(data.subspan(1), width);
  const size_t dictionary_size = dictionary_->size();
  const size_t value_width = types::FixedWidth(out_.values.physical());
  const uint8_t* source = dictionary_->data<uint8_t>();
  uint8_t* target = out_.values.data<uint8_t>() + row * value_width;
  if (indexes_.size() < kIndexBatch) indexes_.resize(kIndexBatch);
  for (size_t done = 0; done < count;) {
    size_t n = std::min(kIndexBatch, count - done);
    decoder.Decode(indexes_.data(), n);
    uint32_t highest = 0;
    for (size_t i = 0; i < n; ++i) highest = std::max(highest, indexes_[i]);
    if (highest >= dictionary_size) {
      ThrowCorrupt("dictionary index " + std::to_string(highest) + " is out of range for a " +
                   std::to_string(dictionary_size) + "-entry dictionary");
    }
    uint8_t* out = target + done * value_width;
    switch (value_width) {
      case 1: Gather<1>(source, indexes_.data(), n, out); break;
      case 2: Gather<2>(source, indexes_.data(), n, out); break;
      case 4: Gather<4>(source, indexes_.data(), n, out); break;
      case 8: Gather<8>(source, indexes_.data(), n, out); break;
      case 16: Gather<16>(source, indexes_.data(), n, out); break;
      default: ThrowInternal("unexpected value width in column " + leaf_.path);
    }
    done += n;
  }
}

void ChunkDecoder::ReportInvalidUtf8(size_t value) {
  // The level entry holding the value, then the row that entry belongs to.
  size_t entry = value;
  if (page_def_ != nullptr) {
    size_t seen = 0;
    for (entry = 0; entry + 1 < page_entries_; ++entry) {
      if (page_def_[entry] == leaf_.max_def && seen++ == value) break;
    }
  }
  int64_t row = rows_before_page_ + static_cast<int64_t>(entry);
  if (page_rep_ != nullptr) {
    row = rows_before_page_ - 1;
    for (size_t e = 0; e <= entry && e < page_entries_; ++e) row += page_rep_[e] == 0;
  }
  Fail(page_offset_,
       "the value of row " + std::to_string(src_.first_row + row) + " is not valid UTF-8");
}

void ChunkDecoder::DecodeValues(Encoding encoding, Bytes data, size_t count, size_t row,
                                const Buffer& holder) {
  if (count == 0) return;
  const bool string_target = out_.values.physical() == types::PhysicalType::kString &&
                             leaf_.conversion != ValueConversion::kUuid;
  columnar::Vector& target = out_.values;
  switch (encoding) {
    case Encoding::kPlain: {
      size_t bad = DecodePlain(data, count, target, row, holder);
      if (bad != count) ReportInvalidUtf8(bad);
      return;
    }
    case Encoding::kPlainDictionary:
    case Encoding::kRleDictionary: DecodeDictionaryIndexes(data, count, row); return;
    case Encoding::kRle: {
      if (leaf_.physical != Type::kBoolean) break;
      if (data.size() < 4) ThrowCorrupt("RLE booleans lack their length");
      uint32_t length;
      std::memcpy(&length, data.data(), 4);
      if (length > data.size() - 4) ThrowCorrupt("RLE booleans run past the end of the page");
      RleBitPackedDecoder(data.subspan(4, length), 1)
          .DecodeLevels(target.data<uint8_t>() + row, count, 1);
      return;
    }
    case Encoding::kDeltaBinaryPacked: {
      if (leaf_.physical != Type::kInt32 && leaf_.physical != Type::kInt64) break;
      DeltaBinaryPackedDecoder decoder(data);
      bool is32 = leaf_.physical == Type::kInt32;
      if (leaf_.conversion == ValueConversion::kNone) {
        if (is32) {
          decoder.Decode(target.data<int32_t>() + row, count);
        } else {
          decoder.Decode(target.data<int64_t>() + row, count);
        }
        return;
      }
      raw_.resize(count * 8);
      if (is32) {
        decoder.Decode(reinterpret_cast<int32_t*>(raw_.data()), count);
      } else {
        decoder.Decode(reinterpret_cast<int64_t*>(raw_.data()), count);
      }
      ConvertFixed(leaf_, raw_.data(), count, target, row);
      return;
    }
    case Encoding::kDeltaLengthByteArray:
    case Encoding::kDeltaByteArray: {
      bool allowed = encoding == Encoding::kDeltaLengthByteArray
                         ? leaf_.physical == Type::kByteArray
                         : UsesByteViews(leaf_);
      if (!allowed) break;
      if (views_.size() < count) views_.resize(count);
      std::string_view* views =
          string_target ? target.data<std::string_view>() + row : views_.data();
      if (encoding == Encoding::kDeltaLengthByteArray) {
        DecodeDeltaLengthByteArrays(data, count, views);
      } else {
        DecodeDeltaByteArrays(data, count, views, ViewHeap(),
                              std::max<size_t>(size_t{64} << 20, data.size() * 64));
      }
      if (string_target) KeepAlive(target, holder);
      size_t bad = ConvertViews(leaf_, views, count, target, row,
                                encoding == Encoding::kDeltaLengthByteArray);
      if (bad != count) ReportInvalidUtf8(bad);
      return;
    }
    case Encoding::kByteStreamSplit: {
      if (leaf_.physical == Type::kBoolean || leaf_.physical == Type::kByteArray ||
          leaf_.physical == Type::kInt96) {
        break;
      }
      size_t width = PhysicalWidth(leaf_);
      if (count > data.size() / width) {
        ThrowCorrupt("BYTE_STREAM_SPLIT data of " + std::to_string(data.size()) +
                     " bytes cannot hold " + std::to_string(count) + " values");
      }
      if (UsesByteViews(leaf_)) {
        // The views must outlive this page: split into a heap.
        char* bytes = ViewHeap().Allocate(count * width);
        DecodeByteStreamSplit(data, count, width, reinterpret_cast<uint8_t*>(bytes));
        if (views_.size() < count) views_.resize(count);
        DecodePlainFixedByteArrays(Bytes(reinterpret_cast<uint8_t*>(bytes), count * width), count,
                                   width, views_.data());
        size_t bad = ConvertViews(leaf_, views_.data(), count, target, row);
        if (bad != count) ReportInvalidUtf8(bad);
        return;
      }
      raw_.resize(count * width);
      DecodeByteStreamSplit(data, count, width, raw_.data());
      ConvertFixed(leaf_, raw_.data(), count, target, row);
      return;
    }
    default: break;
  }
  ThrowUnsupported(Where(page_offset_) + ": encoding " + std::string(EncodingName(encoding)) +
                   " is not supported for " + std::string(TypeName(leaf_.physical)) + " values");
}

}  // namespace

bool KeepsPageBuffers(const LeafColumn& leaf) {
  return leaf.conversion == ValueConversion::kBinary || leaf.conversion == ValueConversion::kUtf8;
}

LeafData ReadColumnChunk(const ColumnChunkSource& source, bool keep_levels,
                         columnar::Vector* reuse) {
  return ChunkDecoder(source, keep_levels, reuse).Run();
}

}  // namespace basin::formats::parquet
