#include "formats/parquet/parquet_metadata.hpp"

#include <string>

#include "formats/parquet/thrift_struct_io.hpp"

namespace basin::formats::parquet {

using namespace thrift_io;  // NOLINT: the struct readers below are written in its terms

namespace {

void ReadTimeUnit(ThriftCompactReader& reader, TimeUnit& unit) {
  bool set = false;
  ReadStruct(reader, "TimeUnit", 0, [&](Field& f) {
    if (f.id < 1 || f.id > 3) return false;
    f.Expect(ThriftType::kStruct);
    reader.Skip(ThriftType::kStruct);
    unit = f.id == 1 ? TimeUnit::kMillis : f.id == 2 ? TimeUnit::kMicros : TimeUnit::kNanos;
    set = true;
    return true;
  });
  if (!set) reader.Fail("TimeUnit union has no known member");
}

void WriteTimeUnit(ThriftCompactWriter& writer, int16_t field_id, TimeUnit unit) {
  writer.StructField(field_id);
  WriteEmptyStructField(writer, unit == TimeUnit::kMillis ? 1 : unit == TimeUnit::kMicros ? 2 : 3);
  writer.EndStruct();
}

}  // namespace

std::string_view TypeName(Type type) {
  switch (type) {
    case Type::kBoolean: return "BOOLEAN";
    case Type::kInt32: return "INT32";
    case Type::kInt64: return "INT64";
    case Type::kInt96: return "INT96";
    case Type::kFloat: return "FLOAT";
    case Type::kDouble: return "DOUBLE";
    case Type::kByteArray: return "BYTE_ARRAY";
    case Type::kFixedLenByteArray: return "FIXED_LEN_BYTE_ARRAY";
  }
  return "UNKNOWN_TYPE";
}

std::string_view EncodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kPlain: return "PLAIN";
    case Encoding::kPlainDictionary: return "PLAIN_DICTIONARY";
    case Encoding::kRle: return "RLE";
    case Encoding::kBitPacked: return "BIT_PACKED";
    case Encoding::kDeltaBinaryPacked: return "DELTA_BINARY_PACKED";
    case Encoding::kDeltaLengthByteArray: return "DELTA_LENGTH_BYTE_ARRAY";
    case Encoding::kDeltaByteArray: return "DELTA_BYTE_ARRAY";
    case Encoding::kRleDictionary: return "RLE_DICTIONARY";
    case Encoding::kByteStreamSplit: return "BYTE_STREAM_SPLIT";
  }
  return "UNKNOWN_ENCODING";
}

std::string_view CodecName(CompressionCodec codec) {
  switch (codec) {
    case CompressionCodec::kUncompressed: return "UNCOMPRESSED";
    case CompressionCodec::kSnappy: return "SNAPPY";
    case CompressionCodec::kGzip: return "GZIP";
    case CompressionCodec::kLzo: return "LZO";
    case CompressionCodec::kBrotli: return "BROTLI";
    case CompressionCodec::kLz4: return "LZ4";
    case CompressionCodec::kZstd: return "ZSTD";
    case CompressionCodec::kLz4Raw: return "LZ4_RAW";
  }
  return "UNKNOWN_CODEC";
}

// --- LogicalTypeAnnotation ---

void LogicalTypeAnnotation::Read(ThriftCompactReader& reader) {
  *this = LogicalTypeAnnotation{};
  ReadStruct(reader, "LogicalType", 0, [&](Field& f) {
    f.Expect(ThriftType::kStruct);
    switch (f.id) {
      case 1: kind = Kind::kString; break;
      case 2: kind = Kind::kMap; break;
      case 3: kind = Kind::kList; break;
      case 4: kind = Kind::kEnum; break;
      case 5:
        kind = Kind::kDecimal;
        ReadStruct(reader, "DecimalType", Bit(1) | Bit(2), [&](Field& d) {
          if (d.id == 1) {
            decimal_scale = d.I32();
          } else if (d.id == 2) {
            decimal_precision = d.I32();
          } else {
            return false;
          }
          return true;
        });
        return true;
      case 6: kind = Kind::kDate; break;
      case 7:
      case 8:
        kind = f.id == 7 ? Kind::kTime : Kind::kTimestamp;
        ReadStruct(reader, f.id == 7 ? "TimeType" : "TimestampType", Bit(1) | Bit(2),
                   [&](Field& t) {
                     if (t.id == 1) {
                       is_adjusted_to_utc = t.Bool();
                     } else if (t.id == 2) {
                       t.Expect(ThriftType::kStruct);
                       ReadTimeUnit(reader, unit);
                     } else {
                       return false;
                     }
                     return true;
                   });
        return true;
      case 10:
        kind = Kind::kInteger;
        ReadStruct(reader, "IntType", Bit(1) | Bit(2), [&](Field& i) {
          if (i.id == 1) {
            bit_width = i.Byte();
          } else if (i.id == 2) {
            is_signed = i.Bool();
          } else {
            return false;
          }
          return true;
        });
        return true;
      case 11: kind = Kind::kUnknown; break;
      case 12: kind = Kind::kJson; break;
      case 13: kind = Kind::kBson; break;
      case 14: kind = Kind::kUuid; break;
      case 15: kind = Kind::kFloat16; break;
      default:
        kind = Kind::kOther;
        other_field_id = f.id;
        break;
    }
    // Members without (known) content: skip whatever the struct holds.
    reader.Skip(ThriftType::kStruct);
    return true;
  });
}

void LogicalTypeAnnotation::Write(ThriftCompactWriter& writer) const {
  writer.BeginStruct();
  switch (kind) {
    case Kind::kNone: break;
    case Kind::kString: WriteEmptyStructField(writer, 1); break;
    case Kind::kMap: WriteEmptyStructField(writer, 2); break;
    case Kind::kList: WriteEmptyStructField(writer, 3); break;
    case Kind::kEnum: WriteEmptyStructField(writer, 4); break;
    case Kind::kDecimal:
      writer.StructField(5);
      writer.I32Field(1, decimal_scale);
      writer.I32Field(2, decimal_precision);
      writer.EndStruct();
      break;
    case Kind::kDate: WriteEmptyStructField(writer, 6); break;
    case Kind::kTime:
    case Kind::kTimestamp:
      writer.StructField(kind == Kind::kTime ? 7 : 8);
      writer.BoolField(1, is_adjusted_to_utc);
      WriteTimeUnit(writer, 2, unit);
      writer.EndStruct();
      break;
    case Kind::kInteger:
      writer.StructField(10);
      writer.ByteField(1, bit_width);
      writer.BoolField(2, is_signed);
      writer.EndStruct();
      break;
    case Kind::kUnknown: WriteEmptyStructField(writer, 11); break;
    case Kind::kJson: WriteEmptyStructField(writer, 12); break;
    case Kind::kBson: WriteEmptyStructField(writer, 13); break;
    case Kind::kUuid: WriteEmptyStructField(writer, 14); break;
    case Kind::kFloat16: WriteEmptyStructField(writer, 15); break;
    case Kind::kOther: WriteEmptyStructField(writer, other_field_id); break;
  }
  writer.EndStruct();
}

// --- Statistics ---

void Statistics::Read(ThriftCompactReader& reader) {
  *this = Statistics{};
  ReadStruct(reader, "Statistics", 0, [&](Field& f) {
    switch (f.id) {
      case 1: max = f.String(); return true;
      case 2: min = f.String(); return true;
      case 3: null_count = f.I64(); return true;
      case 4: distinct_count = f.I64(); return true;
      case 5: max_value = f.String(); return true;
      case 6: min_value = f.String(); return true;
      case 7: is_max_value_exact = f.Bool(); return true;
      case 8: is_min_value_exact = f.Bool(); return true;
      default: return false;
    }
  });
}

void Statistics::Write(ThriftCompactWriter& writer) const {
  writer.BeginStruct();
  if (max) writer.BinaryField(1, *max);
  if (min) writer.BinaryField(2, *min);
  if (null_count) writer.I64Field(3, *null_count);
  if (distinct_count) writer.I64Field(4, *distinct_count);
  if (max_value) writer.BinaryField(5, *max_value);
  if (min_value) writer.BinaryField(6, *min_value);
  if (is_max_value_exact) writer.BoolField(7, *is_max_value_exact);
  if (is_min_value_exact) writer.BoolField(8, *is_min_value_exact);
  writer.EndStruct();
}

// --- SchemaElement ---

void SchemaElement::Read(ThriftCompactReader& reader) {
  *this = SchemaElement{};
  ReadStruct(reader, "SchemaElement", Bit(4), [&](Field& f) {
    switch (f.id) {
      case 1: type = f.Enum<Type>(); return true;
      case 2: type_length = f.I32(); return true;
      case 3: repetition_type = f.Enum<FieldRepetitionType>(); return true;
      case 4: name = f.String(); return true;
      case 5: num_children = f.I32(); return true;
      case 6: converted_type = f.Enum<ConvertedType>(); return true;
      case 7: scale = f.I32(); return true;
      case 8: precision = f.I32(); return true;
      case 9: field_id = f.I32(); return true;
      case 10: logical_type = f.Struct<LogicalTypeAnnotation>(); return true;
      default: return false;
    }
  });
}

void SchemaElement::Write(ThriftCompactWriter& writer) const {
  writer.BeginStruct();
  if (type) writer.I32Field(1, static_cast<int32_t>(*type));
  if (type_length) writer.I32Field(2, *type_length);
  if (repetition_type) writer.I32Field(3, static_cast<int32_t>(*repetition_type));
  writer.BinaryField(4, name);
  if (num_children) writer.I32Field(5, *num_children);
  if (converted_type) writer.I32Field(6, static_cast<int32_t>(*converted_type));
  if (scale) writer.I32Field(7, *scale);
  if (precision) writer.I32Field(8, *precision);
  if (field_id) writer.I32Field(9, *field_id);
  if (logical_type) {
    writer.FieldHeader(10, ThriftType::kStruct);
    logical_type->Write(writer);
  }
  writer.EndStruct();
}

// --- KeyValue, SortingColumn, PageEncodingStats ---

void KeyValue::Read(ThriftCompactReader& reader) {
  *this = KeyValue{};
  ReadStruct(reader, "KeyValue", Bit(1), [&](Field& f) {
    switch (f.id) {
      case 1: key = f.String(); return true;
      case 2: value = f.String(); return true;
      default: return false;
    }
  });
}

void KeyValue::Write(ThriftCompactWriter& writer) const {
  writer.BeginStruct();
  writer.BinaryField(1, key);
  if (value) writer.BinaryField(2, *value);
  writer.EndStruct();
}

void SortingColumn::Read(ThriftCompactReader& reader) {
  *this = SortingColumn{};
  ReadStruct(reader, "SortingColumn", Bit(1) | Bit(2) | Bit(3), [&](Field& f) {
    switch (f.id) {
      case 1: column_idx = f.I32(); return true;
      case 2: descending = f.Bool(); return true;
      case 3: nulls_first = f.Bool(); return true;
      default: return false;
    }
  });
}

void SortingColumn::Write(ThriftCompactWriter& writer) const {
  writer.BeginStruct();
  writer.I32Field(1, column_idx);
  writer.BoolField(2, descending);
  writer.BoolField(3, nulls_first);
  writer.EndStruct();
}

void PageEncodingStats::Read(ThriftCompactReader& reader) {
  *this = PageEncodingStats{};
  ReadStruct(reader, "PageEncodingStats", Bit(1) | Bit(2) | Bit(3), [&](Field& f) {
    switch (f.id) {
      case 1: page_type = f.Enum<PageType>(); return true;
      case 2: encoding = f.Enum<Encoding>(); return true;
      case 3: count = f.I32(); return true;
      default: return false;
    }
  });
}

void PageEncodingStats::Write(ThriftCompactWriter& writer) const {
  writer.BeginStruct();
  writer.I32Field(1, static_cast<int32_t>(page_type));
  writer.I32Field(2, static_cast<int32_t>(encoding));
  writer.I32Field(3, count);
  writer.EndStruct();
}

// --- ColumnMetaData, ColumnChunk, RowGroup ---

void ColumnMetaData::Read(ThriftCompactReader& reader) {
  *this = ColumnMetaData{};
  uint32_t required = Bit(1) | Bit(2) | Bit(3) | Bit(4) | Bit(5) | Bit(6) | Bit(7) | Bit(9);
  ReadStruct(reader, "ColumnMetaData", required, [&](Field& f) {
    switch (f.id) {
      case 1: type = f.Enum<Type>(); return true;
      case 2: encodings = f.EnumList<Encoding>(); return true;
      case 3: path_in_schema = f.StringList(); return true;
      case 4: codec = f.Enum<CompressionCodec>(); return true;
      case 5: num_values = f.I64(); return true;
      case 6: total_uncompressed_size = f.I64(); return true;
      case 7: total_compressed_size = f.I64(); return true;
      case 8: key_value_metadata = f.StructList<KeyValue>(); return true;
      case 9: data_page_offset = f.I64(); return true;
      case 10: index_page_offset = f.I64(); return true;
      case 11: dictionary_page_offset = f.I64(); return true;
      case 12: statistics = f.Struct<Statistics>(); return true;
      case 13: encoding_stats = f.StructList<PageEncodingStats>(); return true;
      case 14: bloom_filter_offset = f.I64(); return true;
      case 15: bloom_filter_length = f.I32(); return true;
      default: return false;
    }
  });
}

void ColumnMetaData::Write(ThriftCompactWriter& writer) const {
  writer.BeginStruct();
  writer.I32Field(1, static_cast<int32_t>(type));
  writer.ListField(2, ThriftType::kI32, encodings.size());
  for (Encoding encoding : encodings) writer.WriteI32(static_cast<int32_t>(encoding));
  writer.ListField(3, ThriftType::kBinary, path_in_schema.size());
  for (const auto& part : path_in_schema) writer.WriteBinary(part);
  writer.I32Field(4, static_cast<int32_t>(codec));
  writer.I64Field(5, num_values);
  writer.I64Field(6, total_uncompressed_size);
  writer.I64Field(7, total_compressed_size);
  if (!key_value_metadata.empty()) WriteStructList(writer, 8, key_value_metadata);
  writer.I64Field(9, data_page_offset);
  if (index_page_offset) writer.I64Field(10, *index_page_offset);
  if (dictionary_page_offset) writer.I64Field(11, *dictionary_page_offset);
  if (statistics) {
    writer.FieldHeader(12, ThriftType::kStruct);
    statistics->Write(writer);
  }
  if (!encoding_stats.empty()) WriteStructList(writer, 13, encoding_stats);
  if (bloom_filter_offset) writer.I64Field(14, *bloom_filter_offset);
  if (bloom_filter_length) writer.I32Field(15, *bloom_filter_length);
  writer.EndStruct();
}

void ColumnChunk::Read(ThriftCompactReader& reader) {
  *this = ColumnChunk{};
  ReadStruct(reader, "ColumnChunk", Bit(2), [&](Field& f) {
    switch (f.id) {
      case 1: file_path = f.String(); return true;
      case 2: file_offset = f.I64(); return true;
      case 3: meta_data = f.Struct<ColumnMetaData>(); return true;
      case 4: offset_index_offset = f.I64(); return true;
      case 5: offset_index_length = f.I32(); return true;
      case 6: column_index_offset = f.I64(); return true;
      case 7: column_index_length = f.I32(); return true;
      default: return false;
    }
  });
}

void ColumnChunk::Write(ThriftCompactWriter& writer) const {
  writer.BeginStruct();
  if (file_path) writer.BinaryField(1, *file_path);
  writer.I64Field(2, file_offset);
  if (meta_data) {
    writer.FieldHeader(3, ThriftType::kStruct);
    meta_data->Write(writer);
  }
  if (offset_index_offset) writer.I64Field(4, *offset_index_offset);
  if (offset_index_length) writer.I32Field(5, *offset_index_length);
  if (column_index_offset) writer.I64Field(6, *column_index_offset);
  if (column_index_length) writer.I32Field(7, *column_index_length);
  writer.EndStruct();
}

void RowGroup::Read(ThriftCompactReader& reader) {
  *this = RowGroup{};
  ReadStruct(reader, "RowGroup", Bit(1) | Bit(2) | Bit(3), [&](Field& f) {
    switch (f.id) {
      case 1: columns = f.StructList<ColumnChunk>(); return true;
      case 2: total_byte_size = f.I64(); return true;
      case 3: num_rows = f.I64(); return true;
      case 4: sorting_columns = f.StructList<SortingColumn>(); return true;
      case 5: file_offset = f.I64(); return true;
      case 6: total_compressed_size = f.I64(); return true;
      case 7: ordinal = f.I16(); return true;
      default: return false;
    }
  });
}

void RowGroup::Write(ThriftCompactWriter& writer) const {
  writer.BeginStruct();
  WriteStructList(writer, 1, columns);
  writer.I64Field(2, total_byte_size);
  writer.I64Field(3, num_rows);
  if (!sorting_columns.empty()) WriteStructList(writer, 4, sorting_columns);
  if (file_offset) writer.I64Field(5, *file_offset);
  if (total_compressed_size) writer.I64Field(6, *total_compressed_size);
  if (ordinal) writer.I16Field(7, *ordinal);
  writer.EndStruct();
}

// --- ColumnOrder, FileMetaData ---

void ColumnOrder::Read(ThriftCompactReader& reader) {
  *this = ColumnOrder{};
  ReadStruct(reader, "ColumnOrder", 0, [&](Field& f) {
    if (f.id != 1) return false;
    f.Expect(ThriftType::kStruct);
    reader.Skip(ThriftType::kStruct);
    type_defined_order = true;
    return true;
  });
}

void ColumnOrder::Write(ThriftCompactWriter& writer) const {
  writer.BeginStruct();
  if (type_defined_order) WriteEmptyStructField(writer, 1);
  writer.EndStruct();
}

void FileMetaData::Read(ThriftCompactReader& reader) {
  *this = FileMetaData{};
  ReadStruct(reader, "FileMetaData", Bit(1) | Bit(2) | Bit(3) | Bit(4), [&](Field& f) {
    switch (f.id) {
      case 1: version = f.I32(); return true;
      case 2: schema = f.StructList<SchemaElement>(); return true;
      case 3: num_rows = f.I64(); return true;
      case 4: row_groups = f.StructList<RowGroup>(); return true;
      case 5: key_value_metadata = f.StructList<KeyValue>(); return true;
      case 6: created_by = f.String(); return true;
      case 7: column_orders = f.StructList<ColumnOrder>(); return true;
      case 8: encrypted = true; return false;  // skipped: the reader refuses encrypted files
      default: return false;
    }
  });
}

void FileMetaData::Write(ThriftCompactWriter& writer) const {
  writer.BeginStruct();
  writer.I32Field(1, version);
  WriteStructList(writer, 2, schema);
  writer.I64Field(3, num_rows);
  WriteStructList(writer, 4, row_groups);
  if (!key_value_metadata.empty()) WriteStructList(writer, 5, key_value_metadata);
  if (created_by) writer.BinaryField(6, *created_by);
  if (!column_orders.empty()) WriteStructList(writer, 7, column_orders);
  writer.EndStruct();
}

}  // namespace basin::formats::parquet
