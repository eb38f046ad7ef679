#include "sql/engine/statement_result.hpp"

#include <charconv>

namespace basin::sql {

std::string CellText(const columnar::Vector& vector, size_t row, bool* is_null) {
  *is_null = vector.IsNull(row);
  if (*is_null) return "NULL";
  // Fast paths for the common flat types; everything else prints through Value.
  switch (vector.type().id()) {
    case types::TypeId::kVarchar:
      return std::string(vector.data<std::string_view>()[row]);
    case types::TypeId::kBigInt: {
      char buffer[24];
      auto end = std::to_chars(buffer, buffer + sizeof buffer, vector.data<int64_t>()[row]).ptr;
      return std::string(buffer, end);
    }
    case types::TypeId::kInteger: {
      char buffer[16];
      auto end = std::to_chars(buffer, buffer + sizeof buffer, vector.data<int32_t>()[row]).ptr;
      return std::string(buffer, end);
    }
    default:
      return vector.GetValue(row).ToString();
  }
}

std::vector<std::vector<std::string>> StatementResult::RowsAsText(size_t max_rows) const {
  std::vector<std::vector<std::string>> rows;
  for (const auto& chunk : chunks) {
    for (size_t r = 0; r < chunk.size() && rows.size() < max_rows; ++r) {
      std::vector<std::string> row;
      row.reserve(chunk.column_count());
      for (size_t c = 0; c < chunk.column_count(); ++c) {
        bool is_null = false;
        row.push_back(CellText(chunk.column(c), r, &is_null));
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

TextResultBuilder::TextResultBuilder(std::string statement_type,
                                     std::vector<std::string> column_names) {
  result_.statement_type = std::move(statement_type);
  result_.has_result = true;
  result_.column_names = std::move(column_names);
  result_.column_types.assign(result_.column_names.size(), types::LogicalType::Varchar());
}

void TextResultBuilder::AddRow(const std::vector<std::string>& cells) {
  if (result_.chunks.empty() || result_.chunks.back().size() >= columnar::kChunkRows) {
    columnar::DataChunk chunk;
    for (const auto& type : result_.column_types) chunk.AddColumn(columnar::Vector(type));
    result_.chunks.push_back(std::move(chunk));
  }
  auto& chunk = result_.chunks.back();
  size_t row = chunk.size();
  chunk.SetSize(row + 1);
  for (size_t c = 0; c < chunk.column_count(); ++c) {
    chunk.column(c).SetString(row, c < cells.size() ? std::string_view(cells[c]) : "");
  }
  ++result_.row_count;
}

StatementResult TextResultBuilder::Finish() { return std::move(result_); }

namespace {

void AppendQuoted(std::string& out, std::string_view text) {
  out.push_back('"');
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace

void AppendCsvHeader(const std::vector<std::string>& column_names, std::string& out) {
  for (size_t c = 0; c < column_names.size(); ++c) {
    if (c > 0) out.push_back(',');
    AppendQuoted(out, column_names[c]);
  }
  out.push_back('\n');
}

void AppendCsvRows(const columnar::DataChunk& chunk, std::string& out) {
  for (size_t r = 0; r < chunk.size(); ++r) {
    for (size_t c = 0; c < chunk.column_count(); ++c) {
      if (c > 0) out.push_back(',');
      bool is_null = false;
      std::string text = CellText(chunk.column(c), r, &is_null);
      if (!is_null) AppendQuoted(out, text);
    }
    out.push_back('\n');
  }
}

std::string ResultToCsv(const StatementResult& result) {
  std::string out;
  AppendCsvHeader(result.column_names, out);
  for (const auto& chunk : result.chunks) AppendCsvRows(chunk, out);
  return out;
}

}  // namespace basin::sql
