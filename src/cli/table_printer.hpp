#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace basin::cli {

// Prints rows as an aligned text table with a header rule, as people read in a terminal.
// Cells longer than `max_cell_width` are cut with an ellipsis.
void PrintTable(std::ostream& out, const std::vector<std::string>& headers,
                const std::vector<std::vector<std::string>>& rows, size_t max_cell_width = 48);

}  // namespace basin::cli
