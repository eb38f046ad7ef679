#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace basin::formats::csv {

// Text-to-value parsers for CSV fields: hot paths for the common spellings, falling back to
// types/ for the rest. Each returns false when the whole text is not one value of the type.
// Spaces around a value are ignored (" 12 " is 12).

bool ParseInt64(const char* text, size_t size, int64_t* out);
bool ParseDouble(const char* text, size_t size, double* out);
bool ParseFloat(const char* text, size_t size, float* out);
// true/false/t/f/1/0 in any case.
bool ParseBoolean(const char* text, size_t size, bool* out);
// YYYY-MM-DD (also one-digit month/day and signed 5-6 digit years).
bool ParseDate(const char* text, size_t size, int32_t* days);
// YYYY-MM-DD[( |T)HH:MM[:SS[.fffffffff]]][Z|(+|-)HH[:]MM], as microseconds since the epoch.
bool ParseTimestamp(const char* text, size_t size, int64_t* micros);
bool ParseTime(const char* text, size_t size, int64_t* micros);

// The types a field's text can be read as, for inference: a set of these bits.
enum TypeCandidate : uint8_t {
  kCanBoolean = 1,    // true/false/t/f in any case (not 1/0: those are numbers)
  kCanBigInt = 2,
  kCanDouble = 4,
  kCanDate = 8,
  kCanTimestamp = 16,
  kAllCandidates = 31,
};
uint8_t ClassifyText(std::string_view text);

}  // namespace basin::formats::csv
