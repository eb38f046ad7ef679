// Page headers of parquet.thrift: PageHeader and the data (v1, v2) and dictionary page
// headers it holds. The footer's structs are in parquet_metadata.cpp.
#include <string>

#include "formats/parquet/parquet_metadata.hpp"
#include "formats/parquet/thrift_struct_io.hpp"

namespace basin::formats::parquet {

using namespace thrift_io;  // NOLINT: the struct readers below are written in its terms

void DataPageHeader::Read(ThriftCompactReader& reader) {
  *this = DataPageHeader{};
  ReadStruct(reader, "DataPageHeader", Bit(1) | Bit(2) | Bit(3) | Bit(4), [&](Field& f) {
    switch (f.id) {
      case 1: num_values = f.I32(); return true;
      case 2: encoding = f.Enum<Encoding>(); return true;
      case 3: definition_level_encoding = f.Enum<Encoding>(); return true;
      case 4: repetition_level_encoding = f.Enum<Encoding>(); return true;
      case 5: statistics = f.Struct<Statistics>(); return true;
      default: return false;
    }
  });
}

void DataPageHeader::Write(ThriftCompactWriter& writer) const {
  writer.BeginStruct();
  writer.I32Field(1, num_values);
  writer.I32Field(2, static_cast<int32_t>(encoding));
  writer.I32Field(3, static_cast<int32_t>(definition_level_encoding));
  writer.I32Field(4, static_cast<int32_t>(repetition_level_encoding));
  if (statistics) {
    writer.FieldHeader(5, ThriftType::kStruct);
    statistics->Write(writer);
  }
  writer.EndStruct();
}

void DataPageHeaderV2::Read(ThriftCompactReader& reader) {
  *this = DataPageHeaderV2{};
  uint32_t required = Bit(1) | Bit(2) | Bit(3) | Bit(4) | Bit(5) | Bit(6);
  ReadStruct(reader, "DataPageHeaderV2", required, [&](Field& f) {
    switch (f.id) {
      case 1: num_values = f.I32(); return true;
      case 2: num_nulls = f.I32(); return true;
      case 3: num_rows = f.I32(); return true;
      case 4: encoding = f.Enum<Encoding>(); return true;
      case 5: definition_levels_byte_length = f.I32(); return true;
      case 6: repetition_levels_byte_length = f.I32(); return true;
      case 7: is_compressed = f.Bool(); return true;
      case 8: statistics = f.Struct<Statistics>(); return true;
      default: return false;
    }
  });
}

void DataPageHeaderV2::Write(ThriftCompactWriter& writer) const {
  writer.BeginStruct();
  writer.I32Field(1, num_values);
  writer.I32Field(2, num_nulls);
  writer.I32Field(3, num_rows);
  writer.I32Field(4, static_cast<int32_t>(encoding));
  writer.I32Field(5, definition_levels_byte_length);
  writer.I32Field(6, repetition_levels_byte_length);
  writer.BoolField(7, is_compressed);
  if (statistics) {
    writer.FieldHeader(8, ThriftType::kStruct);
    statistics->Write(writer);
  }
  writer.EndStruct();
}

void DictionaryPageHeader::Read(ThriftCompactReader& reader) {
  *this = DictionaryPageHeader{};
  ReadStruct(reader, "DictionaryPageHeader", Bit(1) | Bit(2), [&](Field& f) {
    switch (f.id) {
      case 1: num_values = f.I32(); return true;
      case 2: encoding = f.Enum<Encoding>(); return true;
      case 3: is_sorted = f.Bool(); return true;
      default: return false;
    }
  });
}

void DictionaryPageHeader::Write(ThriftCompactWriter& writer) const {
  writer.BeginStruct();
  writer.I32Field(1, num_values);
  writer.I32Field(2, static_cast<int32_t>(encoding));
  if (is_sorted) writer.BoolField(3, *is_sorted);
  writer.EndStruct();
}

void PageHeader::Read(ThriftCompactReader& reader) {
  *this = PageHeader{};
  ReadStruct(reader, "PageHeader", Bit(1) | Bit(2) | Bit(3), [&](Field& f) {
    switch (f.id) {
      case 1: type = f.Enum<PageType>(); return true;
      case 2: uncompressed_page_size = f.I32(); return true;
      case 3: compressed_page_size = f.I32(); return true;
      case 4: crc = f.I32(); return true;
      case 5: data_page_header = f.Struct<DataPageHeader>(); return true;
      case 7: dictionary_page_header = f.Struct<DictionaryPageHeader>(); return true;
      case 8: data_page_header_v2 = f.Struct<DataPageHeaderV2>(); return true;
      default: return false;  // 6: IndexPageHeader, empty and unused
    }
  });
}

void PageHeader::Write(ThriftCompactWriter& writer) const {
  writer.BeginStruct();
  writer.I32Field(1, static_cast<int32_t>(type));
  writer.I32Field(2, uncompressed_page_size);
  writer.I32Field(3, compressed_page_size);
  if (crc) writer.I32Field(4, *crc);
  if (data_page_header) {
    writer.FieldHeader(5, ThriftType::kStruct);
    data_page_header->Write(writer);
  }
  if (dictionary_page_header) {
    writer.FieldHeader(7, ThriftType::kStruct);
    dictionary_page_header->Write(writer);
  }
  if (data_page_header_v2) {
    writer.FieldHeader(8, ThriftType::kStruct);
    data_page_header_v2->Write(writer);
  }
  writer.EndStruct();
}

}  // namespace basin::formats::parquet
