#include "formats/csv/csv_writer.hpp"

#include "common/error.hpp"
#include "formats/csv/csv_value_formatter.hpp"

namespace basin::formats::csv {

namespace {

// Text is buffered and handed to the file in pieces of about this size.
constexpr size_t kFlushBytes = 1 << 20;

void CheckOptions(const std::string& path, const CsvWriteOptions& options) {
  auto is_line_break = [](char c) { return c == '\n' || c == '\r'; };
  if (options.delimiter == '\0' || is_line_break(options.delimiter)) {
    ThrowInvalid(path + ": the CSV delimiter must be a character other than a line break");
  }
  if (options.quote == '\0' || is_line_break(options.quote) ||
      options.quote == options.delimiter) {
    ThrowInvalid(path + ": the CSV quote must be a character other than the delimiter or a "
                        "line break");
  }
  if (options.line_ending != "\n" && options.line_ending != "\r\n") {
    ThrowInvalid(path + ": the CSV line ending must be \\n or \\r\\n");
  }
}

}  // namespace

CsvWriter::CsvWriter(std::unique_ptr<storage::WritableFile> file, types::Schema schema,
                     CsvWriteOptions options)
    : file_(std::move(file)), schema_(std::move(schema)), options_(std::move(options)) {
  CheckOptions(file_->path(), options_);
  if (options_.header) {
    for (size_t c = 0; c < schema_.size(); ++c) {
      if (c > 0) buffer_ += options_.delimiter;
      AppendField(schema_[c].name);
    }
    buffer_ += options_.line_ending;
  }
}

void AppendCsvField(std::string& out, std::string_view text, char delimiter, char quote,
                    bool always_quote) {
  // A leading byte order mark would be taken for the file's own at the start of the file.
  bool quoted = always_quote || text.empty() || text.starts_with("\xEF\xBB\xBF");
  for (size_t i = 0; i < text.size() && !quoted; ++i) {
    char c = text[i];
    quoted = c == delimiter || c == quote || c == '\n' || c == '\r';
  }
  if (!quoted) {
    out.append(text);
    return;
  }
  out += quote;
  for (char c : text) {
    if (c == quote) out += c;
    out += c;
  }
  out += quote;
}

void CsvWriter::AppendField(std::string_view text) {
  // A value spelled like the NULL text is quoted, so it reads back as a value.
  AppendCsvField(buffer_, text, options_.delimiter, options_.quote, text == options_.null_string);
}

void CsvWriter::Write(const columnar::DataChunk& chunk) {
  if (finished_) ThrowInternal(file_->path() + ": CSV write after Finish()");
  if (chunk.column_count() != schema_.size()) {
    ThrowInternal(file_->path() + ": chunk has " + std::to_string(chunk.column_count()) +
                  " columns, the CSV schema " + std::to_string(schema_.size()));
  }
  for (size_t c = 0; c < schema_.size(); ++c) {
    if (chunk.column(c).type() != schema_[c].type) {
      ThrowInternal(file_->path() + ": chunk column " + std::to_string(c) + " is " +
                    chunk.column(c).type().ToString() + ", the CSV schema says " +
                    schema_[c].type.ToString());
    }
  }
  for (size_t row = 0; row < chunk.size(); ++row) {
    for (size_t c = 0; c < schema_.size(); ++c) {
      if (c > 0) buffer_ += options_.delimiter;
      const columnar::Vector& column = chunk.column(c);
      if (column.IsNull(row)) {
        buffer_.append(options_.null_string);
        continue;
      }
      if (column.type().id() == types::TypeId::kVarchar) {
        AppendField(column.data<std::string_view>()[row]);
        continue;
      }
      scratch_.clear();
      AppendValueText(column, row, scratch_);
      AppendField(scratch_);
    }
    buffer_ += options_.line_ending;
    if (buffer_.size() >= kFlushBytes) Flush();
  }
}

void CsvWriter::Flush() {
  file_->Append(buffer_);
  buffer_.clear();
}

void CsvWriter::Finish() {
  if (finished_) return;
  Flush();
  file_->Commit();
  finished_ = true;
}

std::unique_ptr<CsvWriter> CreateCsvWriter(std::unique_ptr<storage::WritableFile> file,
                                           const types::Schema& schema,
                                           const CsvWriteOptions& options) {
  return std::make_unique<CsvWriter>(std::move(file), schema, options);
}

std::unique_ptr<FileWriter> CreateCsvWriter(const std::string& path, const types::Schema& schema,
                                             const WriteOptions& options) {
  if (!options.compression.empty() && options.compression != "none") {
    ThrowUnsupported(path + ": CSV output compression '" + options.compression +
                     "' is not supported; use none");
  }
  return CreateCsvWriter(storage::FileSystemFor(path).Create(path), schema, options.csv);
}

}  // namespace basin::formats::csv
