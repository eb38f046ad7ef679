#pragma once

// Shared by the connector tests: drains a RowStream into Values, reads the process's memory,
// and builds connections to the servers the integration scripts start.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "connectors/connector.hpp"
#include "types/value.hpp"

namespace basin::testing {

struct Scanned {
  types::Schema schema;
  std::vector<std::vector<types::Value>> rows;
};

inline Scanned ScanAll(connectors::RowStream& stream) {
  Scanned scanned;
  scanned.schema = stream.schema();
  columnar::DataChunk chunk;
  while (stream.Next(chunk)) {
    EXPECT_GT(chunk.size(), 0u);
    EXPECT_LE(chunk.size(), columnar::kChunkRows);
    for (size_t r = 0; r < chunk.size(); ++r) {
      std::vector<types::Value> row;
      for (size_t c = 0; c < chunk.column_count(); ++c) row.push_back(chunk.column(c).GetValue(r));
      scanned.rows.push_back(std::move(row));
    }
  }
  EXPECT_EQ(chunk.size(), 0u);
  return scanned;
}

// Resident set size of this process, in KiB, from /proc/self/status.
inline int64_t ResidentKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtoll(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

inline std::string EnvOr(const char* name, const char* fallback = "") {
  const char* value = std::getenv(name);
  return value ? value : fallback;
}

}  // namespace basin::testing
