// basin jobs diagram NAME: the job's DAG as a Mermaid, Graphviz dot or SVG picture.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "catalog/basin_home.hpp"
#include "catalog/catalog.hpp"
#include "cli/commands.hpp"
#include "common/error.hpp"
#include "etl/dag.hpp"
#include "etl/diagram.hpp"
#include "storage/file_system.hpp"

namespace basin::cli {

namespace {

struct DiagramArgs {
  std::string name;
  std::string format;  // empty: from the output file's extension, else mermaid
  std::string output;  // empty: stdout
};

// The format a file name asks for, or "" when its extension says nothing.
std::string FormatOfPath(const std::string& path) {
  auto ends = [&path](std::string_view suffix) { return path.ends_with(suffix); };
  if (ends(".svg")) return "svg";
  if (ends(".dot") || ends(".gv")) return "dot";
  if (ends(".mmd") || ends(".mermaid") || ends(".md")) return "mermaid";
  return "";
}

void RunDiagram(const DiagramArgs& args, const GlobalOptions& options) {
  auto catalog = catalog::OpenHomeCatalog(options.home);
  catalog::Job job = catalog->GetJob(args.name);
  if (job.command != catalog::JobCommand::kEtl) {
    ThrowInvalid("job " + job.name + " is a " + std::string(catalog::JobCommandName(job.command)) +
                 " job: only etl jobs have a DAG to draw");
  }
  std::string format_name = args.format;
  if (format_name.empty() && !args.output.empty()) format_name = FormatOfPath(args.output);
  if (format_name.empty()) format_name = "mermaid";
  etl::DiagramFormat format = etl::ParseDiagramFormat(format_name);
  std::string diagram = etl::DrawDag(etl::ParseDag(job.dag), format);
  if (args.output.empty()) {
    if (options.json) {
      std::cout << nlohmann::json{{"JobName", job.name},
                                  {"Format", std::string(etl::DiagramFormatName(format))},
                                  {"Diagram", diagram}}
                       .dump(2)
                << "\n";
    } else {
      std::cout << diagram;
    }
    return;
  }
  std::unique_ptr<storage::WritableFile> file =
      storage::FileSystemFor(args.output).Create(args.output);
  file->Append(diagram);
  file->Commit();
  if (options.json) {
    std::cout << nlohmann::json{{"JobName", job.name},
                                {"Format", std::string(etl::DiagramFormatName(format))},
                                {"Path", args.output},
                                {"Bytes", diagram.size()}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << "wrote the " << etl::DiagramFormatName(format) << " diagram of job " << job.name
              << " to " << args.output << " (" << diagram.size() << " bytes)\n";
  }
}

}  // namespace

void AddJobsDiagramCommand(CLI::App* jobs, GlobalOptions& options) {
  auto args = std::make_shared<DiagramArgs>();
  auto* diagram = jobs->add_subcommand(
      "diagram", "Draw the job's DAG: each node's type, name and settings, with its inputs");
  diagram->add_option("NAME", args->name, "The job")->required();
  diagram
      ->add_option("--format", args->format,
                   "mermaid (default), dot (Graphviz) or svg (drawn by Basin, no tool needed); "
                   "with -o, taken from the file's extension when not given")
      ->check(CLI::IsMember({"mermaid", "dot", "svg"}));
  diagram->add_option("-o,--output", args->output,
                      "Write to this file (local or s3://…) instead of standard output");
  diagram->footer(
      "Examples:\n"
      "  basin jobs diagram copy_payment                      # Mermaid, for a Markdown page\n"
      "  basin jobs diagram copy_payment -o payment.svg       # an SVG picture, drawn by Basin\n"
      "  basin jobs diagram copy_payment --format dot | dot -Tpng -o payment.png");
  diagram->callback([args, &options] { RunDiagram(*args, options); });
}

}  // namespace basin::cli
