// basin classifiers …: custom classifiers (CSV, JSON path, Grok) crawlers try before the
// built-in ones.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "catalog/basin_home.hpp"
#include "catalog/catalog.hpp"
#include "catalog/crawler_json.hpp"
#include "cli/commands.hpp"
#include "cli/table_printer.hpp"
#include "common/error.hpp"
#include "crawler/crawler.hpp"

namespace basin::cli {

namespace {

using nlohmann::json;

struct ClassifierArgs {
  std::string name;
  std::string type;
  std::string delimiter;
  std::string quote;
  std::string header = "UNKNOWN";
  std::vector<std::string> columns;
  bool allow_single_column = false;
  bool disable_value_trimming = false;
  std::string json_path;
  std::string classification;
  std::string grok_pattern;
  std::string custom_patterns;
  std::string custom_patterns_file;
};

std::string Describe(const catalog::Classifier& classifier) {
  switch (classifier.kind) {
    case catalog::ClassifierKind::kCsv: {
      std::string text = "delimiter '" + (classifier.delimiter.empty() ? "detect" : classifier.delimiter) +
                         "', header " + std::string(catalog::CsvHeaderOptionName(classifier.contains_header));
      if (!classifier.header.empty()) {
        std::string names;
        for (const auto& name : classifier.header) names += (names.empty() ? "" : ",") + name;
        text += ", columns " + names;
      }
      return text;
    }
    case catalog::ClassifierKind::kJson: return "path " + classifier.json_path;
    case catalog::ClassifierKind::kGrok:
      return classifier.classification + ": " + classifier.grok_pattern;
  }
  return "";
}

void RunCreate(const ClassifierArgs& args, const GlobalOptions& options) {
  catalog::Classifier classifier;
  classifier.name = args.name;
  if (args.type == "csv") {
    classifier.kind = catalog::ClassifierKind::kCsv;
    classifier.delimiter = args.delimiter == "\\t" ? "\t" : args.delimiter;
    classifier.quote_symbol = args.quote;
    classifier.contains_header = catalog::ParseCsvHeaderOption(args.header);
    classifier.header = args.columns;
    classifier.allow_single_column = args.allow_single_column;
    classifier.disable_value_trimming = args.disable_value_trimming;
  } else if (args.type == "json") {
    classifier.kind = catalog::ClassifierKind::kJson;
    classifier.json_path = args.json_path;
  } else if (args.type == "grok") {
    classifier.kind = catalog::ClassifierKind::kGrok;
    classifier.classification = args.classification;
    classifier.grok_pattern = args.grok_pattern;
    classifier.custom_patterns = args.custom_patterns;
    if (!args.custom_patterns_file.empty()) {
      std::ifstream in(args.custom_patterns_file);
      if (!in) ThrowIO("cannot read " + args.custom_patterns_file);
      std::stringstream text;
      text << in.rdbuf();
      classifier.custom_patterns += (classifier.custom_patterns.empty() ? "" : "\n") + text.str();
    }
  } else {
    ThrowInvalid("unknown classifier type '" + args.type + "': use csv, json or grok");
  }
  auto catalog = catalog::OpenHomeCatalog(options.home);
  crawler::CreateClassifier(*catalog, classifier);
  catalog::Classifier created = catalog->GetClassifier(args.name);
  if (options.json) {
    std::cout << json{{"Classifier", catalog::ToJson(created)}}.dump(2) << "\n";
  } else {
    std::cout << "created " << catalog::ClassifierKindName(created.kind) << " classifier "
              << created.name << "\n";
  }
}

void RunList(const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  auto classifiers = catalog->GetClassifiers();
  if (options.json) {
    json list = json::array();
    for (const auto& classifier : classifiers) list.push_back(catalog::ToJson(classifier));
    std::cout << json{{"Classifiers", list}}.dump(2) << "\n";
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& classifier : classifiers) {
    rows.push_back({classifier.name, std::string(catalog::ClassifierKindName(classifier.kind)),
                    Describe(classifier)});
  }
  PrintTable(std::cout, {"classifier", "type", "definition"}, rows, 100);
}

void RunDelete(const ClassifierArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog->DeleteClassifier(args.name);
  if (options.json) {
    std::cout << json{{"DeletedClassifier", args.name}}.dump(2) << "\n";
  } else {
    std::cout << "deleted classifier " << args.name << "\n";
  }
}

}  // namespace

void AddClassifiersCommands(CLI::App& app, GlobalOptions& options) {
  auto args = std::make_shared<ClassifierArgs>();
  auto* noun = app.add_subcommand("classifiers", "Custom classifiers for crawlers");
  noun->require_subcommand(1);

  auto* create = noun->add_subcommand("create", "Create a classifier");
  create->add_option("NAME", args->name, "Lower case a-z, 0-9 and _")->required();
  create->add_option("--type", args->type, "csv, json or grok")->required();
  create->add_option("--delimiter", args->delimiter, "CSV: the field separator (\\t for tab)");
  create->add_option("--quote", args->quote, "CSV: the quote symbol (default \")");
  create->add_option("--header", args->header, "CSV: PRESENT, ABSENT or UNKNOWN (detect)");
  create->add_option("--columns", args->columns, "CSV: column names for files without a header")
      ->delimiter(',');
  create->add_flag("--allow-single-column", args->allow_single_column, "CSV: accept one column");
  create->add_flag("--disable-value-trimming", args->disable_value_trimming, "CSV: keep spaces");
  create->add_option("--json-path", args->json_path, "JSON: where the records are, such as $[*]");
  create->add_option("--classification", args->classification, "Grok: the format name it reports");
  create->add_option("--grok-pattern", args->grok_pattern, "Grok: the pattern, e.g. %{COMMONAPACHELOG}");
  create->add_option("--custom-patterns", args->custom_patterns, "Grok: 'NAME regex' lines");
  create->add_option("--custom-patterns-file", args->custom_patterns_file, "Grok: a file of them");
  create->footer(
      "Examples:\n"
      "  basin classifiers create pipes --type csv --delimiter '|' --header ABSENT --columns id,name\n"
      "  basin classifiers create items --type json --json-path '$.items[*]'\n"
      "  basin classifiers create access --type grok --classification apache \\\n"
      "      --grok-pattern '%{COMMONAPACHELOG}'");
  create->callback([args, &options] { RunCreate(*args, options); });

  auto* list = noun->add_subcommand("list", "List the classifiers");
  list->callback([&options] { RunList(options); });

  auto* remove = noun->add_subcommand("delete", "Delete a classifier no crawler uses");
  remove->add_option("NAME", args->name, "The classifier")->required();
  remove->callback([args, &options] { RunDelete(*args, options); });
}

}  // namespace basin::cli
