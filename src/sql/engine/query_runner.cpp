#include "sql/engine/query_runner.hpp"

#include "common/error.hpp"
#include "sql/exec/executor.hpp"
#include "sql/planner/optimizer.hpp"

namespace basin::sql {

namespace {

ExecOptions ExecOptionsOf(const Session& session) {
  ExecOptions options;
  options.memory_limit_bytes = session.options().memory_limit_bytes;
  options.threads = session.options().threads;
  options.cancel = session.options().cancel;
  options.settings.target_file_size_bytes = session.options().target_file_size_bytes;
  options.settings.database_scan_splits = session.options().database_scan_splits;
  options.settings.progress = session.options().progress;
  options.settings.lake_scan_files = session.options().lake_scan_files;
  return options;
}

}  // namespace

QueryShape DescribeQuery(Session& session, const Query& query, std::string_view sql,
                         const std::string& database) {
  BindContext context(session.catalog(), database);
  context.set_sql(sql);
  LogicalPtr plan = BindQuery(query, context);
  return QueryShape{plan->names, plan->types};
}

QueryOutput RunPlan(Session& session, LogicalPtr plan) {
  plan = Optimize(std::move(plan));
  QueryResult result = ExecutePlan(*plan, ExecOptionsOf(session), &session.catalog());
  QueryOutput output;
  output.names = std::move(result.names);
  output.types = std::move(result.types);
  output.chunks = std::move(result.chunks);
  output.rows = result.rows;
  output.bytes_scanned = result.bytes_scanned;
  return output;
}

QueryOutput RunPlanStreaming(Session& session, LogicalPtr plan, ResultSink& sink) {
  plan = Optimize(std::move(plan));
  sink.Begin(plan->names, plan->types);
  QueryResult result =
      ExecutePlanStreaming(*plan, ExecOptionsOf(session), &session.catalog(),
                           [&](columnar::DataChunk& chunk) { sink.Chunk(chunk); });
  QueryOutput output;
  output.names = result.names.empty() ? plan->names : std::move(result.names);
  output.types = result.types.empty() ? plan->types : std::move(result.types);
  output.rows = result.rows;
  output.bytes_scanned = result.bytes_scanned;
  return output;
}

std::string ExplainPlan(Session& session, LogicalPtr plan, ExplainKind kind,
                        uint64_t* bytes_scanned) {
  plan = Optimize(std::move(plan));
  switch (kind) {
    case ExplainKind::kLogical:
      return ExplainLogical(*plan);
    case ExplainKind::kAnalyze:
      return ExplainAnalyze(*plan, ExecOptionsOf(session), &session.catalog(), bytes_scanned);
    case ExplainKind::kPhysical:
      break;
  }
  return ExplainPhysical(*plan, &session.catalog());
}

}  // namespace basin::sql
