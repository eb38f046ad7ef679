#pragma once

#include <string>
#include <vector>

#include "columnar/data_chunk.hpp"
#include "types/schema.hpp"

namespace basin::datagen {

// One table of the generated movie-rental data set.
struct GeneratedTable {
  std::string name;
  types::Schema schema;
  columnar::DataChunk rows;
};

// A small, deterministic movie-rental database in the shape of the walkthrough's source
// (DESIGN.md): film, category, film_category, actor, film_actor, customer, inventory, rental,
// payment. Keys are consistent across tables, so joins (revenue by category, top customers)
// give meaningful answers. `scale` multiplies the row counts (1 = 1,000 films, 599 customers,
// ~16,000 rentals). The same scale always gives the same rows.
std::vector<GeneratedTable> GenerateMovieRental(int scale = 1);

}  // namespace basin::datagen
