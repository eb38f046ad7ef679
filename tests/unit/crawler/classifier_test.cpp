#include "crawler/classifier.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "unit/crawler/crawler_test_util.hpp"
#include "unit/error_code_of.hpp"

namespace basin::crawler {
namespace {

using basin::testing::CodeOf;
using testing::ScratchDir;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

catalog::Classifier Grok(std::string pattern, std::string custom = "") {
  catalog::Classifier classifier;
  classifier.kind = catalog::ClassifierKind::kGrok;
  classifier.name = "logs";
  classifier.classification = "app_log";
  classifier.grok_pattern = std::move(pattern);
  classifier.custom_patterns = std::move(custom);
  return classifier;
}

TEST(ClassifierTest, CsvWithHeader) {
  auto result = ClassifyBytes("a.csv", "id,name,price\n1,apple,1.5\n2,pear,2.25\n", {});
  EXPECT_EQ(result.classification, "csv");
  EXPECT_TRUE(result.has_header);
  EXPECT_EQ(result.delimiter, ',');
  ASSERT_EQ(result.columns.size(), 3u);
  EXPECT_EQ(result.columns[0].name, "id");
  EXPECT_EQ(result.columns[0].type, "bigint");
  EXPECT_EQ(result.columns[2].type, "double");
  EXPECT_EQ(result.record_count, 2);
}

TEST(ClassifierTest, CsvWithoutHeaderAndOtherDelimiter) {
  auto result = ClassifyBytes("a.txt", "1|apple|3\n2|pear|4\n3|fig|5\n", {});
  EXPECT_EQ(result.classification, "csv");
  EXPECT_FALSE(result.has_header);
  EXPECT_EQ(result.delimiter, '|');
  EXPECT_EQ(result.columns.size(), 3u);
  EXPECT_EQ(result.record_count, 3);
}

TEST(ClassifierTest, JsonLines) {
  auto result = ClassifyBytes("a", "{\"id\": 1, \"tags\": [\"x\"]}\n{\"id\": 2, \"extra\": {\"k\": 1.5}}\n", {});
  EXPECT_EQ(result.classification, "json");
  ASSERT_EQ(result.columns.size(), 3u);
  EXPECT_EQ(result.columns[0].type, "bigint");
  EXPECT_EQ(result.columns[1].type, "array<string>");
  EXPECT_EQ(result.columns[2].type, "struct<k:double>");
  EXPECT_EQ(result.record_count, 2);
}

TEST(ClassifierTest, ParquetByMagicWithFooterStatistics) {
  ScratchDir dir;
  std::string path = dir / "data.bin";  // no extension: content decides
  testing::WriteParquet(path, "id,name\n1,a\n2,b\n3,c\n");
  auto result = ClassifyFile(path, std::filesystem::file_size(path), {});
  EXPECT_EQ(result.classification, "parquet");
  EXPECT_EQ(result.record_count, 3);
  EXPECT_EQ(result.compression, "snappy");
  ASSERT_EQ(result.columns.size(), 2u);
  EXPECT_EQ(result.columns[1].name, "name");
}

TEST(ClassifierTest, CorruptParquetIsAFailureNotAGuess) {
  ScratchDir dir;
  std::string path = dir / "good.parquet";
  testing::WriteParquet(path, "id\n1\n2\n");
  std::string bytes = ReadAll(path);
  // Keep both magics, break the footer length.
  bytes[bytes.size() - 8] = '\x7f';
  bytes[bytes.size() - 7] = '\x7f';
  auto result = ClassifyBytes("bad.parquet", bytes, {});
  EXPECT_EQ(result.classification, kUnknown);
  EXPECT_TRUE(result.failed);
  EXPECT_NE(result.reason.find("bad.parquet"), std::string::npos) << result.reason;
}

TEST(ClassifierTest, UnknownContentIsReported) {
  auto binary = ClassifyBytes("x", std::string("\x01\x02\x00\x03 binary", 10), {});
  EXPECT_EQ(binary.classification, kUnknown);
  EXPECT_FALSE(binary.failed);
  auto single = ClassifyBytes("x", "just one column\nof words\n", {});
  EXPECT_EQ(single.classification, kUnknown);
  auto empty = ClassifyBytes("x", "", {});
  EXPECT_EQ(empty.classification, kUnknown);
  EXPECT_EQ(empty.reason, "empty file");
  auto broken_json = ClassifyBytes("x.json", "{\"a\": 1\n", {});
  EXPECT_EQ(broken_json.classification, kUnknown);
  EXPECT_TRUE(broken_json.failed);
}

TEST(ClassifierTest, CustomClassifiersComeFirst) {
  std::string log =
      "2024-03-07T12:00:00Z INFO started\n"
      "2024-03-07T12:00:01Z WARN slow disk\n";
  std::vector<CustomClassifier> custom;
  custom.emplace_back(Grok("%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} %{GREEDYDATA:message}"));
  auto result = ClassifyBytes("app.log", log, custom);
  EXPECT_EQ(result.classification, "app_log");
  EXPECT_EQ(result.classifier, "logs");
  ASSERT_EQ(result.columns.size(), 3u);
  EXPECT_EQ(result.record_count, 2);
  // Without it the same text is not recognised.
  EXPECT_EQ(ClassifyBytes("app.log", log, {}).classification, kUnknown);
  // A Grok classifier that does not match leaves CSV to the built-ins.
  auto csv = ClassifyBytes("a.csv", "a,b\n1,2\n", custom);
  EXPECT_EQ(csv.classification, "csv");
  EXPECT_TRUE(csv.classifier.empty());
}

TEST(ClassifierTest, CustomCsvAndJsonPath) {
  catalog::Classifier csv;
  csv.kind = catalog::ClassifierKind::kCsv;
  csv.name = "semi";
  csv.delimiter = ";";
  csv.contains_header = catalog::CsvHeaderOption::kAbsent;
  csv.header = {"Id", "Label"};
  std::vector<CustomClassifier> custom;
  custom.emplace_back(csv);
  auto result = ClassifyBytes("a", "1;x\n2;y\n", custom);
  EXPECT_EQ(result.classification, "csv");
  EXPECT_EQ(result.classifier, "semi");
  ASSERT_EQ(result.columns.size(), 2u);
  EXPECT_EQ(result.columns[0].name, "id");
  EXPECT_EQ(result.columns[1].name, "label");

  catalog::Classifier json;
  json.kind = catalog::ClassifierKind::kJson;
  json.name = "items";
  json.json_path = "$.items[*]";
  std::vector<CustomClassifier> by_path;
  by_path.emplace_back(json);
  auto items = ClassifyBytes("a.json", "{\"meta\": 1, \"items\": [{\"a\": 1}, {\"a\": 2, \"b\": \"x\"}]}", by_path);
  EXPECT_EQ(items.classification, "json");
  EXPECT_EQ(items.json_path, "$.items[*]");
  EXPECT_EQ(items.record_count, 2);
  ASSERT_EQ(items.columns.size(), 2u);
  EXPECT_EQ(items.columns[1].name, "b");
}

TEST(ClassifierTest, InvalidClassifiersAreRefused) {
  catalog::Classifier csv;
  csv.kind = catalog::ClassifierKind::kCsv;
  csv.delimiter = ";;";
  EXPECT_EQ(CodeOf([&] { ValidateClassifier(csv); }), ErrorCode::kInvalidInput);
  catalog::Classifier json;
  json.kind = catalog::ClassifierKind::kJson;
  json.json_path = "items[*]";
  EXPECT_EQ(CodeOf([&] { ValidateClassifier(json); }), ErrorCode::kInvalidInput);
  EXPECT_EQ(CodeOf([&] { ValidateClassifier(Grok("%{NOPE:x}")); }), ErrorCode::kInvalidInput);
  catalog::Classifier no_classification = Grok("%{INT:x}");
  no_classification.classification.clear();
  EXPECT_EQ(CodeOf([&] { ValidateClassifier(no_classification); }), ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace basin::crawler
