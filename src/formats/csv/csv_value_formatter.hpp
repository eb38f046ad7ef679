#pragma once

#include <cstddef>
#include <string>

#include "columnar/vector.hpp"

namespace basin::formats::csv {

// Appends the text of a non-NULL value as DuckDB and Trino read it back from CSV:
//  - BOOLEAN true/false; integers and DECIMAL exactly ("12.30");
//  - FLOAT/DOUBLE shortest round-trip digits, with ".0" on whole numbers so they read back
//    as floating point; inf, -inf, nan;
//  - DATE 2024-03-07, TIME 12:34:56[.ffffff], TIMESTAMP 2024-03-07 12:34:56[.ffffff];
//  - VARCHAR as is;
//  - BINARY as DuckDB prints blobs: printable ASCII bytes as themselves, others (and '\')
//    as \xHH;
//  - LIST, STRUCT and MAP as JSON text (a MAP as an object keyed by the keys' text).
// The caller quotes the result as the CSV syntax requires.
void AppendValueText(const columnar::Vector& column, size_t row, std::string& out);

}  // namespace basin::formats::csv
