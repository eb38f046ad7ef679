#include "cli/table_printer.hpp"

#include <algorithm>

namespace basin::cli {

// Display width of UTF-8 text: counts code points, not bytes (no East Asian width handling).
static size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80;
  return width;
}

static std::string Fit(const std::string& text, size_t max_width) {
  std::string flat = text;
  std::replace(flat.begin(), flat.end(), '\n', ' ');
  if (DisplayWidth(flat) <= max_width) return flat;
  std::string cut;
  size_t width = 0;
  for (size_t i = 0; i < flat.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(flat[i]);
    if ((c & 0xC0) != 0x80) {
      if (width + 1 >= max_width) break;
      ++width;
    }
    cut.push_back(flat[i]);
  }
  return cut + "…";
}

void PrintTable(std::ostream& out, const std::vector<std::string>& headers,
                const std::vector<std::vector<std::string>>& rows, size_t max_cell_width) {
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows.size());
  std::vector<size_t> widths(headers.size());
  for (size_t c = 0; c < headers.size(); ++c) widths[c] = DisplayWidth(headers[c]);
  for (const auto& row : rows) {
    std::vector<std::string> fitted;
    for (size_t c = 0; c < headers.size(); ++c) {
      fitted.push_back(Fit(c < row.size() ? row[c] : "", max_cell_width));
      widths[c] = std::max(widths[c], DisplayWidth(fitted.back()));
    }
    cells.push_back(std::move(fitted));
  }
  auto print_row = [&](const std::vector<std::string>& row) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out << "  ";
      out << row[c];
      if (c + 1 < row.size()) out << std::string(widths[c] - DisplayWidth(row[c]), ' ');
    }
    out << "\n";
  };
  print_row(headers);
  std::vector<std::string> rule;
  for (size_t width : widths) rule.push_back(std::string(width, '-'));
  print_row(rule);
  for (const auto& row : cells) print_row(row);
}

}  // namespace basin::cli
