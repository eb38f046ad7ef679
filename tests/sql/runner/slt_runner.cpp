#include "slt_runner.hpp"

#include <openssl/evp.h>
#include <stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "catalog/catalog.hpp"
#include "common/error.hpp"
#include "sql/engine/session.hpp"

namespace basin::slt {

namespace {

constexpr std::string_view kEngineName = "basin";

std::vector<std::string> SplitWords(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream in(line);
  std::string word;
  while (in >> word) words.push_back(word);
  return words;
}

std::string Lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

std::string TrimRight(std::string text) {
  while (!text.empty() && (text.back() == '\r' || text.back() == ' ' || text.back() == '\t')) {
    text.pop_back();
  }
  return text;
}

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  size_t at = 0;
  while ((at = text.find(from, at)) != std::string::npos) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
  return text;
}

// One value as sqllogictest prints it for the column's type letter.
std::string FormatValue(const types::Value& value, char letter) {
  if (value.is_null()) return "NULL";
  const auto& type = value.type();
  if (letter == 'R' || letter == 'I') {
    double number = 0;
    bool numeric = true;
    switch (type.id()) {
      case types::TypeId::kFloat:
      case types::TypeId::kDouble:
        number = value.double_value();
        break;
      case types::TypeId::kDecimal: {
        if (letter == 'I') {
          types::int128_t unscaled = value.decimal_value();
          for (int i = 0; i < type.scale(); ++i) unscaled /= 10;  // toward zero
          return types::Value::Decimal(types::LogicalType::Decimal(38, 0), unscaled).ToString();
        }
        number = std::stod(value.ToString());
        break;
      }
      default:
        numeric = type.IsInteger();
        if (numeric) number = static_cast<double>(value.int_value());
    }
    if (numeric) {
      if (letter == 'R') {
        if (std::isnan(number)) return "NaN";
        if (std::isinf(number)) return number > 0 ? "Infinity" : "-Infinity";
        char text[64];
        std::snprintf(text, sizeof text, "%.3f", number);
        if (std::string(text) == "-0.000") return "0.000";
        return text;
      }
      if (type.IsInteger()) return std::to_string(value.int_value());
      if (std::isnan(number) || std::isinf(number)) return value.ToString();
      return std::to_string(static_cast<long long>(std::trunc(number)));
    }
  }
  std::string text = value.ToString();
  return text.empty() ? "(empty)" : text;
}

struct Record {
  enum class Kind { kStatementOk, kStatementError, kQuery } kind;
  size_t line = 0;
  std::string sql;
  std::string error_fragment;  // statement error
  std::string types;           // query
  std::string sort = "nosort";
  std::vector<std::string> expected;  // lines after ----
};

class FileRunner {
 public:
  FileRunner(const std::string& path, const RunOptions& options, std::ostream& out)
      : path_(path), options_(options), out_(out) {}

  RunSummary Run() {
    std::ifstream in(path_);
    if (!in) ThrowIO("cannot read " + path_);
    std::string line;
    while (std::getline(in, line)) lines_.push_back(TrimRight(line));

    char pattern[] = "/tmp/basin-slt-XXXXXX";
    if (mkdtemp(pattern) == nullptr) ThrowIO("cannot create a temporary home");
    home_ = pattern;
    try {
      catalog::Catalog catalog(home_ / "catalog.db");
      sql::Session session(home_, catalog);
      session_ = &session;
      RunRecords();
      session_ = nullptr;
    } catch (...) {
      Cleanup();
      throw;
    }
    Cleanup();
    return summary_;
  }

 private:
  void Cleanup() {
    if (options_.keep_home) {
      out_ << path_ << ": home kept at " << home_.string() << "\n";
      return;
    }
    std::error_code ignored;
    std::filesystem::remove_all(home_, ignored);
  }

  std::string Expand(const std::string& sql) const {
    return ReplaceAll(sql, "__HOME__", home_.string());
  }

  [[noreturn]] void Malformed(size_t line, const std::string& what) const {
    ThrowInvalid(path_ + ":" + std::to_string(line + 1) + ": " + what);
  }

  // Lines from `i` up to a blank line (or a "----" line when `stop_at_dashes`).
  std::vector<std::string> Block(size_t& i, bool stop_at_dashes) {
    std::vector<std::string> block;
    while (i < lines_.size() && !lines_[i].empty() && !(stop_at_dashes && lines_[i] == "----")) {
      block.push_back(lines_[i++]);
    }
    return block;
  }

  static std::string Join(const std::vector<std::string>& lines) {
    std::string text;
    for (const auto& line : lines) text += (text.empty() ? "" : "\n") + line;
    return text;
  }

  void RunRecords() {
    bool skip_next = false;
    size_t i = 0;
    while (i < lines_.size()) {
      const std::string& line = lines_[i];
      if (line.empty() || line[0] == '#') {
        ++i;
        continue;
      }
      std::vector<std::string> words = SplitWords(line);
      const std::string& head = words[0];
      size_t record_line = i;
      if (head == "halt") return;
      if (head == "skipif" || head == "onlyif") {
        if (words.size() < 2) Malformed(i, head + " needs an engine name");
        bool ours = words[1] == kEngineName;
        skip_next = head == "skipif" ? ours : !ours;
        ++i;
        continue;
      }
      if (head == "hash-threshold") {
        if (words.size() < 2) Malformed(i, "hash-threshold needs a number");
        hash_threshold_ = std::stoul(words[1]);
        ++i;
        continue;
      }
      if (head == "write-file") {
        if (words.size() < 2) Malformed(i, "write-file needs a path");
        ++i;
        std::vector<std::string> content = Block(i, false);
        if (!skip_next) WriteFile(words[1], content);
        skip_next = false;
        continue;
      }
      Record record;
      record.line = record_line;
      if (head == "statement") {
        if (words.size() < 2 || (words[1] != "ok" && words[1] != "error")) {
          Malformed(i, "expected 'statement ok' or 'statement error [message]'");
        }
        record.kind =
            words[1] == "ok" ? Record::Kind::kStatementOk : Record::Kind::kStatementError;
        size_t at = line.find(words[1]) + words[1].size();
        record.error_fragment = line.substr(std::min(at + 1, line.size()));
        ++i;
        record.sql = Join(Block(i, true));
        if (i < lines_.size() && lines_[i] == "----") {
          ++i;
          record.error_fragment = Join(Block(i, false));
        }
      } else if (head == "query") {
        if (words.size() < 2) Malformed(i, "query needs its column types (e.g. 'query IT')");
        record.kind = Record::Kind::kQuery;
        record.types = words[1];
        if (words.size() >= 3) record.sort = words[2];
        if (record.sort != "nosort" && record.sort != "rowsort" && record.sort != "valuesort") {
          Malformed(i, "unknown sort mode '" + record.sort + "'");
        }
        ++i;
        record.sql = Join(Block(i, true));
        if (i < lines_.size() && lines_[i] == "----") {
          ++i;
          record.expected = Block(i, false);
          for (auto& expected : record.expected) expected = Expand(expected);
        }
      } else {
        Malformed(i, "unknown record '" + head + "'");
      }
      if (record.sql.empty()) Malformed(record_line, "the record has no SQL");
      if (skip_next) {
        ++summary_.skipped;
        skip_next = false;
        continue;
      }
      if (options_.verbose) out_ << path_ << ":" << record.line + 1 << ": " << record.sql << "\n";
      bool ok = record.kind == Record::Kind::kQuery ? RunQuery(record) : RunStatement(record);
      if (!ok) {
        ++summary_.failures;
        if (options_.stop_at_first_failure) return;
      }
    }
  }

  void WriteFile(const std::string& relative, const std::vector<std::string>& content) {
    std::filesystem::path path = home_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream file(path, std::ios::binary);
    for (const auto& line : content) file << line << "\n";
  }

  void Fail(const Record& record, const std::string& what) {
    out_ << path_ << ":" << record.line + 1 << ": FAILED\n  " << ReplaceAll(record.sql, "\n", "\n  ")
         << "\n" << what << "\n\n";
  }

  bool RunStatement(const Record& record) {
    ++summary_.statements;
    try {
      session_->Execute(Expand(record.sql));
    } catch (const Error& error) {
      if (record.kind == Record::Kind::kStatementOk) {
        Fail(record, "expected success, got " + std::string(ErrorCodeName(error.code())) + ": " +
                         error.what());
        return false;
      }
      std::string message = error.what();
      if (Lower(message).find(Lower(Expand(record.error_fragment))) == std::string::npos) {
        Fail(record, "expected an error containing '" + record.error_fragment + "', got: " +
                         message);
        return false;
      }
      return true;
    }
    if (record.kind == Record::Kind::kStatementError) {
      Fail(record, "expected an error, but the statement succeeded");
      return false;
    }
    return true;
  }

  bool RunQuery(const Record& record) {
    ++summary_.queries;
    sql::StatementResult result;
    try {
      result = session_->Execute(Expand(record.sql));
    } catch (const Error& error) {
      Fail(record, "query failed: " + std::string(ErrorCodeName(error.code())) + ": " +
                       error.what());
      return false;
    }
    size_t columns = record.types.size();
    if (result.column_names.size() != columns) {
      Fail(record, "expected " + std::to_string(columns) + " columns, got " +
                       std::to_string(result.column_names.size()));
      return false;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& chunk : result.chunks) {
      for (size_t r = 0; r < chunk.size(); ++r) {
        std::vector<std::string> row;
        for (size_t c = 0; c < columns; ++c) {
          row.push_back(FormatValue(chunk.column(c).GetValue(r), record.types[c]));
        }
        rows.push_back(std::move(row));
      }
    }
    if (record.sort == "rowsort") std::sort(rows.begin(), rows.end());
    std::vector<std::string> values;
    for (const auto& row : rows) values.insert(values.end(), row.begin(), row.end());
    if (record.sort == "valuesort") std::sort(values.begin(), values.end());

    if (Matches(record, rows, values, columns)) return true;
    std::string actual;
    for (const auto& row : rows) {
      std::string line;
      for (size_t c = 0; c < row.size(); ++c) line += (c > 0 ? "\t" : "") + row[c];
      actual += "  " + line + "\n";
    }
    std::string expected;
    for (const auto& line : record.expected) expected += "  " + line + "\n";
    if (hash_threshold_ > 0 && values.size() > hash_threshold_) {
      actual += "  (" + std::to_string(values.size()) + " values hashing to " +
                HashValues(values) + ")\n";
    }
    Fail(record, "expected:\n" + expected + "actual (" + std::to_string(rows.size()) +
                     " rows):\n" + actual);
    return false;
  }

  // The expected lines may be one value per line, one row per line (tab- or space-separated),
  // or "N values hashing to H"; any reading that equals the result passes.
  bool Matches(const Record& record, const std::vector<std::vector<std::string>>& rows,
               const std::vector<std::string>& values, size_t columns) const {
    const auto& expected = record.expected;
    if (expected.size() == 1) {
      std::vector<std::string> words = SplitWords(expected[0]);
      if (words.size() == 5 && words[1] == "values" && words[2] == "hashing" && words[3] == "to") {
        return words[0] == std::to_string(values.size()) && words[4] == HashValues(values);
      }
    }
    auto sorted = [&](std::vector<std::string> list) {
      if (record.sort == "valuesort") std::sort(list.begin(), list.end());
      return list;
    };
    // One value per line.
    if (sorted(expected) == values) return true;
    if (record.sort == "rowsort" && expected.size() == values.size() && columns > 0 &&
        expected.size() % columns == 0) {
      std::vector<std::vector<std::string>> grouped;
      for (size_t i = 0; i < expected.size(); i += columns) {
        grouped.emplace_back(expected.begin() + i, expected.begin() + i + columns);
      }
      std::sort(grouped.begin(), grouped.end());
      if (grouped == rows) return true;
    }
    // One row per line.
    if (expected.size() != rows.size()) return false;
    for (const char* separator : {"\t", " "}) {
      std::vector<std::string> actual_lines;
      for (const auto& row : rows) {
        std::string line;
        for (size_t c = 0; c < row.size(); ++c) line += (c > 0 ? separator : "") + row[c];
        actual_lines.push_back(line);
      }
      std::vector<std::string> expected_lines = expected;
      if (record.sort == "rowsort") {
        std::sort(actual_lines.begin(), actual_lines.end());
        std::sort(expected_lines.begin(), expected_lines.end());
      }
      if (actual_lines == expected_lines) return true;
    }
    return false;
  }

  std::string path_;
  RunOptions options_;
  std::ostream& out_;
  std::vector<std::string> lines_;
  std::filesystem::path home_;
  sql::Session* session_ = nullptr;
  size_t hash_threshold_ = 0;
  RunSummary summary_;
};

}  // namespace

std::string HashValues(const std::vector<std::string>& values) {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  EVP_DigestInit_ex(context, EVP_md5(), nullptr);
  for (const auto& value : values) {
    EVP_DigestUpdate(context, value.data(), value.size());
    EVP_DigestUpdate(context, "\n", 1);
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(context, digest, &length);
  EVP_MD_CTX_free(context);
  static const char kHex[] = "0123456789abcdef";
  std::string text;
  for (unsigned int i = 0; i < length; ++i) {
    text.push_back(kHex[digest[i] >> 4]);
    text.push_back(kHex[digest[i] & 15]);
  }
  return text;
}

RunSummary RunFile(const std::string& path, const RunOptions& options, std::ostream& out) {
  return FileRunner(path, options, out).Run();
}

}  // namespace basin::slt
