#pragma once

// Crawlers, classifiers and crawl runs as JSON in the shapes of the AWS Glue API (Crawler,
// Classifier with one of CsvClassifier / JsonClassifier / GrokClassifier, Crawl). The same text
// is stored in catalog.db, printed by `basin crawlers … --json` and served by the API. Basin's
// additions: Crawl's CrawlId, CrawlerName, metrics, TargetErrors and Log. A member of the wrong
// JSON type is InvalidInput naming it.

#include <nlohmann/json.hpp>

#include "catalog/crawler_types.hpp"

namespace basin::catalog {

nlohmann::json ToJson(const Crawler& crawler);
nlohmann::json ToJson(const Classifier& classifier);
nlohmann::json ToJson(const Crawl& crawl);

Crawler CrawlerFromJson(const nlohmann::json& json);
Classifier ClassifierFromJson(const nlohmann::json& json);
Crawl CrawlFromJson(const nlohmann::json& json);

}  // namespace basin::catalog
