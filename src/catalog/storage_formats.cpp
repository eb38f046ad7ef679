#include "catalog/storage_formats.hpp"

#include "common/error.hpp"

namespace basin::catalog {

namespace {

constexpr std::string_view kTextInput = "org.apache.hadoop.mapred.TextInputFormat";
constexpr std::string_view kTextOutput =
    "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
constexpr std::string_view kParquetInput =
    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
constexpr std::string_view kParquetOutput =
    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
constexpr std::string_view kParquetSerDe =
    "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
constexpr std::string_view kLazySimpleSerDe = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
constexpr std::string_view kJsonSerDe = "org.openx.data.jsonserde.JsonSerDe";

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

StorageDescriptor StorageDescriptorForFormat(std::string_view format) {
  std::string name = Lower(format);
  StorageDescriptor descriptor;
  if (name == "parquet") {
    descriptor.input_format = kParquetInput;
    descriptor.output_format = kParquetOutput;
    descriptor.serde_info.serialization_library = kParquetSerDe;
    descriptor.serde_info.parameters["serialization.format"] = "1";
  } else if (name == "csv") {
    descriptor.input_format = kTextInput;
    descriptor.output_format = kTextOutput;
    descriptor.serde_info.serialization_library = kLazySimpleSerDe;
    descriptor.serde_info.parameters["field.delim"] = ",";
    // Basin's CSV files start with a header line, as Glue's crawlers record it.
    descriptor.parameters["skip.header.line.count"] = "1";
  } else if (name == "json") {
    descriptor.input_format = kTextInput;
    descriptor.output_format = kTextOutput;
    descriptor.serde_info.serialization_library = kJsonSerDe;
  } else {
    ThrowInvalid("unknown table format '" + std::string(format) + "': use parquet, csv or json");
  }
  return descriptor;
}

std::string FormatOfStorageDescriptor(const StorageDescriptor& descriptor) {
  const std::string& serde = descriptor.serde_info.serialization_library;
  if (descriptor.input_format == kParquetInput || serde == kParquetSerDe) return "parquet";
  if (serde == kJsonSerDe) return "json";
  if (descriptor.input_format == kTextInput && serde == kLazySimpleSerDe) return "csv";
  return "";
}

}  // namespace basin::catalog
