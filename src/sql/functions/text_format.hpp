#pragma once

#include <string>

namespace basin::sql::fn {

// Doubles and reals as Trino prints them when cast to varchar, which is Java's
// Double.toString: the shortest digits that read back, "1.0", "0.001", "1.0E7", "1.5E-4",
// "NaN", "Infinity".
std::string FormatDouble(double value);
std::string FormatReal(float value);

}  // namespace basin::sql::fn
