// basin gen movies: the movie-rental data set of the walkthrough, as files.
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/table_printer.hpp"
#include "common/error.hpp"
#include "datagen/movie_rental.hpp"
#include "formats/file_format.hpp"

namespace basin::cli {

namespace {

struct MoviesArgs {
  std::string out;
  std::string format = "csv";
  int scale = 1;
};

void RunGenMovies(const MoviesArgs& args, const GlobalOptions& options) {
  formats::FileFormat format = formats::ParseFileFormat(args.format);
  if (args.scale < 1 || args.scale > 1000) ThrowInvalid("--scale must be between 1 and 1000");
  std::string extension(formats::FileFormatName(format));
  nlohmann::json written = nlohmann::json::array();
  std::vector<std::vector<std::string>> rows;
  for (auto& table : datagen::GenerateMovieRental(args.scale)) {
    std::string path = (std::filesystem::path(args.out) / (table.name + "." + extension)).string();
    auto writer = formats::CreateFileWriter(path, format, table.schema);
    writer->Write(table.rows);
    writer->Finish();
    written.push_back({{"table", table.name}, {"rows", table.rows.size()}, {"path", path}});
    rows.push_back({table.name, std::to_string(table.rows.size()), path});
  }
  if (options.json) {
    std::cout << written.dump(2) << "\n";
  } else {
    PrintTable(std::cout, {"table", "rows", "file"}, rows, 200);
  }
}

}  // namespace

void AddGenMoviesCommand(CLI::App& app, GlobalOptions& options) {
  CLI::App* gen = app.get_subcommand("gen");
  auto args = std::make_shared<MoviesArgs>();
  auto* movies = gen->add_subcommand(
      "movies", "The walkthrough's movie-rental tables (film, category, customer, rental, …)");
  movies->add_option("--out", args->out, "Folder to write one file per table into")->required();
  movies->add_option("--format", args->format, "csv (default), parquet or json");
  movies->add_option("--scale", args->scale, "Multiply the row counts (default 1: 1,000 films)");
  movies->footer("Example: basin gen movies --out sources/movies --format csv");
  movies->callback([args, &options] { RunGenMovies(*args, options); });
}

}  // namespace basin::cli
