#include "catalog/crawler_types.hpp"

#include <string>

#include "common/error.hpp"

namespace basin::catalog {

namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'a' && a[i] <= 'z' ? static_cast<char>(a[i] - 'a' + 'A') : a[i];
    char y = b[i] >= 'a' && b[i] <= 'z' ? static_cast<char>(b[i] - 'a' + 'A') : b[i];
    // Dashes are accepted for underscores, as people type them on a command line.
    if (x == '-') x = '_';
    if (y == '-') y = '_';
    if (x != y) return false;
  }
  return true;
}

template <typename Enum, size_t N>
Enum Parse(std::string_view what, std::string_view text,
           const std::pair<Enum, std::string_view> (&choices)[N]) {
  std::string list;
  for (const auto& [value, name] : choices) {
    if (EqualsIgnoreCase(text, name)) return value;
    list += (list.empty() ? "" : ", ") + std::string(name);
  }
  ThrowInvalid("unknown " + std::string(what) + " '" + std::string(text) + "': use " + list);
}

template <typename Enum, size_t N>
std::string_view Name(Enum value, const std::pair<Enum, std::string_view> (&choices)[N]) {
  for (const auto& [candidate, name] : choices) {
    if (candidate == value) return name;
  }
  return choices[0].second;
}

constexpr std::pair<UpdateBehavior, std::string_view> kUpdateBehaviors[] = {
    {UpdateBehavior::kUpdateInDatabase, "UPDATE_IN_DATABASE"}, {UpdateBehavior::kLog, "LOG"}};
constexpr std::pair<DeleteBehavior, std::string_view> kDeleteBehaviors[] = {
    {DeleteBehavior::kDeprecateInDatabase, "DEPRECATE_IN_DATABASE"},
    {DeleteBehavior::kDeleteFromDatabase, "DELETE_FROM_DATABASE"},
    {DeleteBehavior::kLog, "LOG"}};
constexpr std::pair<RecrawlBehavior, std::string_view> kRecrawlBehaviors[] = {
    {RecrawlBehavior::kCrawlEverything, "CRAWL_EVERYTHING"},
    {RecrawlBehavior::kCrawlNewFoldersOnly, "CRAWL_NEW_FOLDERS_ONLY"}};
constexpr std::pair<CsvHeaderOption, std::string_view> kHeaderOptions[] = {
    {CsvHeaderOption::kUnknown, "UNKNOWN"},
    {CsvHeaderOption::kPresent, "PRESENT"},
    {CsvHeaderOption::kAbsent, "ABSENT"}};
constexpr std::pair<CrawlState, std::string_view> kCrawlStates[] = {
    {CrawlState::kRunning, "RUNNING"},
    {CrawlState::kSucceeded, "SUCCEEDED"},
    {CrawlState::kFailed, "FAILED"},
    {CrawlState::kCancelled, "CANCELLED"}};
constexpr std::pair<ClassifierKind, std::string_view> kClassifierKinds[] = {
    {ClassifierKind::kCsv, "csv"}, {ClassifierKind::kJson, "json"}, {ClassifierKind::kGrok, "grok"}};

}  // namespace

std::string_view UpdateBehaviorName(UpdateBehavior behavior) {
  return Name(behavior, kUpdateBehaviors);
}
UpdateBehavior ParseUpdateBehavior(std::string_view text) {
  return Parse("update behavior", text, kUpdateBehaviors);
}
std::string_view DeleteBehaviorName(DeleteBehavior behavior) {
  return Name(behavior, kDeleteBehaviors);
}
DeleteBehavior ParseDeleteBehavior(std::string_view text) {
  return Parse("delete behavior", text, kDeleteBehaviors);
}
std::string_view RecrawlBehaviorName(RecrawlBehavior behavior) {
  return Name(behavior, kRecrawlBehaviors);
}
RecrawlBehavior ParseRecrawlBehavior(std::string_view text) {
  return Parse("recrawl behavior", text, kRecrawlBehaviors);
}
std::string_view ClassifierKindName(ClassifierKind kind) { return Name(kind, kClassifierKinds); }
std::string_view CsvHeaderOptionName(CsvHeaderOption option) {
  return Name(option, kHeaderOptions);
}
CsvHeaderOption ParseCsvHeaderOption(std::string_view text) {
  return Parse("CSV header option", text, kHeaderOptions);
}
std::string_view CrawlStateName(CrawlState state) { return Name(state, kCrawlStates); }
CrawlState ParseCrawlState(std::string_view text) {
  return Parse("crawl state", text, kCrawlStates);
}

}  // namespace basin::catalog
