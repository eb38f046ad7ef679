#include "sql/exec/executor.hpp"

#include <algorithm>
#include <chrono>
#include <mutex>

#include "common/error.hpp"
#include "common/thread_pool.hpp"
#include "sql/exec/result_collector.hpp"
#include "sql/exec/selection.hpp"
#include "sql/exec/sort.hpp"
#include "sql/exec/top_n.hpp"
#include "sql/exec/union_all.hpp"
#include "sql/exec/write_sink.hpp"

namespace basin::sql {

using columnar::DataChunk;

namespace {

struct Pipeline {
  PhysicalOperator* source = nullptr;
  std::vector<PhysicalOperator*> operators;  // bottom to top
  PhysicalOperator* sink = nullptr;
  size_t sink_child = 0;
  bool single_worker = false;
};

// Everything that feeds one sink, run before the sink is finalized.
struct SinkTask {
  PhysicalOperator* sink = nullptr;
  std::vector<Pipeline> pipelines;
  std::vector<Pipeline> final_pipelines;  // HasFinalSource operators (RIGHT/FULL joins)
};

class PipelineBuilder {
 public:
  // Appends the tasks `sink` depends on, then its own.
  void BuildSink(PhysicalOperator* sink) {
    SinkTask task;
    task.sink = sink;
    for (size_t child : sink->SinkChildren()) {
      if (child >= sink->children.size()) {
        ThrowInternal(sink->Describe() + " sinks child " + std::to_string(child) + " it lacks");
      }
      Pipeline pipeline;
      pipeline.sink = sink;
      pipeline.sink_child = child;
      Walk(sink->children[child].get(), pipeline, task);
    }
    tasks.push_back(std::move(task));
  }

  std::vector<SinkTask> tasks;

 private:
  void Walk(PhysicalOperator* op, Pipeline pipeline, SinkTask& task) {
    if (dynamic_cast<PhysicalUnionAll*>(op) != nullptr) {
      for (auto& child : op->children) Walk(child.get(), pipeline, task);
      return;
    }
    if (op->IsSink()) {
      BuildSink(op);
      auto sink_children = op->SinkChildren();
      if (std::find(sink_children.begin(), sink_children.end(), 0) != sink_children.end()) {
        pipeline.source = op;
        task.pipelines.push_back(std::move(pipeline));
        return;
      }
    } else if (op->IsSource()) {
      pipeline.source = op;
      task.pipelines.push_back(std::move(pipeline));
      return;
    }
    // A streaming operator (a join streams its probe side).
    if (op->HasFinalSource()) {
      Pipeline final_pipeline = pipeline;
      final_pipeline.source = op;
      task.final_pipelines.push_back(std::move(final_pipeline));
    }
    if (op->children.empty()) ThrowInternal(op->Describe() + " has no input");
    pipeline.operators.insert(pipeline.operators.begin(), op);
    Walk(op->children[0].get(), std::move(pipeline), task);
  }
};

using Clock = std::chrono::steady_clock;

class Timer {
 public:
  explicit Timer(OperatorProfile& profile) : profile_(profile), start_(Clock::now()) {}
  ~Timer() {
    auto nanos =
        std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start_).count();
    profile_.nanos.fetch_add(static_cast<uint64_t>(nanos), std::memory_order_relaxed);
  }

 private:
  OperatorProfile& profile_;
  Clock::time_point start_;
};

void EnsureColumns(DataChunk& chunk, const PhysicalOperator& op) {
  if (chunk.column_count() != op.types().size()) InitChunk(chunk, op.types());
}

class PipelineRunner {
 public:
  PipelineRunner(ExecContext& context, const Pipeline& pipeline, GlobalSinkState& sink_state,
                 const std::atomic<bool>* cancel)
      : context_(context), pipeline_(pipeline), sink_state_(sink_state), cancel_(cancel) {
    // A sink that is also a source counts the rows it outputs, not those it takes in; so does
    // one that streams its first child (a join: what it takes in is its build side).
    const PhysicalOperator& sink = *pipeline_.sink;
    std::vector<size_t> consumed = sink.SinkChildren();
    bool streams_first_child =
        std::find(consumed.begin(), consumed.end(), size_t{0}) == consumed.end();
    count_sink_input_ = !sink.IsSource() && !streams_first_child;
  }

  void Run() {
    auto source_state = pipeline_.source->InitGlobalSource(context_);
    size_t workers = std::max<size_t>(1, pipeline_.source->MaxParallelism(*source_state));
    workers = std::min(workers, std::max<size_t>(1, context_.threads()));
    if (pipeline_.single_worker) workers = 1;
    ThreadPool::Shared().ParallelFor(
        workers,
        [&](size_t) {
          try {
            Work(*source_state);
          } catch (...) {
            context_.cancelled.store(true);
            throw;
          }
        },
        workers);
  }

 private:
  void Work(GlobalSourceState& source_state) {
    PhysicalOperator& source = *pipeline_.source;
    PhysicalOperator& sink = *pipeline_.sink;
    auto local_source = source.InitLocalSource(context_, source_state);
    std::vector<std::unique_ptr<OperatorState>> states;
    for (PhysicalOperator* op : pipeline_.operators)
      states.push_back(op->InitOperatorState(context_));
    auto local_sink = sink.InitLocalSink(context_, sink_state_);
    std::vector<DataChunk> buffers(pipeline_.operators.size() + 1);
    while (!finished_.load(std::memory_order_relaxed) &&
           !context_.cancelled.load(std::memory_order_relaxed)) {
      if (cancel_ != nullptr && cancel_->load(std::memory_order_relaxed)) {
        context_.cancelled.store(true);
        break;
      }
      DataChunk& chunk = buffers[0];
      EnsureColumns(chunk, source);
      bool more;
      {
        Timer timer(source.profile);
        more = source.GetChunk(context_, source_state, *local_source, chunk);
      }
      if (!more) break;
      source.profile.rows_out.fetch_add(chunk.size(), std::memory_order_relaxed);
      if (chunk.size() == 0) continue;
      if (Push(0, chunk, buffers, states, *local_sink)) {
        finished_.store(true);
        break;
      }
    }
    std::lock_guard lock(combine_mutex_);
    Timer timer(sink.profile);
    sink.Combine(context_, sink_state_, *local_sink);
  }

  // Pushes `chunk` through operator i and above; true when an operator finished the pipeline.
  bool Push(size_t i, DataChunk& chunk, std::vector<DataChunk>& buffers,
            std::vector<std::unique_ptr<OperatorState>>& states, LocalSinkState& local_sink) {
    if (i == pipeline_.operators.size()) {
      PhysicalOperator& sink = *pipeline_.sink;
      size_t rows = chunk.size();
      Timer timer(sink.profile);
      sink.Sink(context_, chunk, sink_state_, local_sink);
      if (count_sink_input_) sink.profile.rows_out.fetch_add(rows, std::memory_order_relaxed);
      return false;
    }
    PhysicalOperator& op = *pipeline_.operators[i];
    DataChunk& out = buffers[i + 1];
    while (true) {
      EnsureColumns(out, op);
      OperatorResult result;
      {
        Timer timer(op.profile);
        result = op.Execute(context_, chunk, out, *states[i]);
      }
      op.profile.rows_out.fetch_add(out.size(), std::memory_order_relaxed);
      if (out.size() > 0 && Push(i + 1, out, buffers, states, local_sink)) return true;
      if (result == OperatorResult::kFinished) return true;
      if (result == OperatorResult::kNeedMoreInput) return false;
      // A fan-out (a join's) may turn one chunk into millions of rows: a cancel stops it here.
      if (cancel_ != nullptr && cancel_->load(std::memory_order_relaxed)) {
        context_.cancelled.store(true);
        return true;
      }
    }
  }

  ExecContext& context_;
  const Pipeline& pipeline_;
  GlobalSinkState& sink_state_;
  const std::atomic<bool>* cancel_;
  std::atomic<bool> finished_{false};
  std::mutex combine_mutex_;
  bool count_sink_input_ = false;
};

void RunTasks(ExecContext& context, std::vector<SinkTask>& tasks, const std::atomic<bool>* cancel) {
  for (SinkTask& task : tasks) {
    PhysicalOperator& sink = *task.sink;
    auto sink_state = sink.InitGlobalSink(context);
    size_t current_child = SIZE_MAX;
    for (const Pipeline& pipeline : task.pipelines) {
      if (pipeline.sink_child != current_child) {
        current_child = pipeline.sink_child;
        sink.BeginSinkChild(context, *sink_state, current_child);
      }
      PipelineRunner(context, pipeline, *sink_state, cancel).Run();
    }
    for (const Pipeline& pipeline : task.final_pipelines) {
      PipelineRunner(context, pipeline, *sink_state, cancel).Run();
    }
    if (context.cancelled.load()) throw Error(ErrorCode::kCancelled, "the query was cancelled");
    {
      Timer timer(sink.profile);
      sink.Finalize(context, *sink_state);
    }
    sink.sink_state = std::move(sink_state);
    // Cancel checks end at a write's Finalize: what is left only reports its row count, and a
    // write that published its files itself (no StagedWrite) must not then fail as cancelled.
    if (dynamic_cast<const PhysicalWrite*>(&sink) != nullptr) cancel = nullptr;
  }
}

bool Ordered(const PhysicalOperator* source) {
  return dynamic_cast<const PhysicalSort*>(source) != nullptr ||
         dynamic_cast<const PhysicalTopN*>(source) != nullptr;
}

struct Execution {
  std::unique_ptr<ResultCollector> collector;
  std::unique_ptr<ExecContext> context;
};

// Runs `root` under a collector; the collector (and with it the plan) stays alive for
// profiles.
Execution Run(PhysicalPtr root, const ExecOptions& options, const ChunkCallback* on_chunk) {
  Execution execution;
  size_t threads = options.threads > 0 ? options.threads : ThreadPool::Shared().thread_count();
  execution.context = std::make_unique<ExecContext>(options.memory_limit_bytes, threads);
  execution.context->settings = options.settings;
  ResultCollector::ChunkCallback callback;
  if (on_chunk != nullptr) callback = *on_chunk;
  execution.collector = std::make_unique<ResultCollector>(root->types(), std::move(callback));
  execution.collector->children.push_back(std::move(root));
  PipelineBuilder builder;
  builder.BuildSink(execution.collector.get());
  for (Pipeline& pipeline : builder.tasks.back().pipelines) {
    if (Ordered(pipeline.source)) pipeline.single_worker = true;
  }
  RunTasks(*execution.context, builder.tasks, options.cancel);
  return execution;
}

QueryResult Execute(const LogicalOperator& optimized, const ExecOptions& options,
                    catalog::Catalog* catalog, const ChunkCallback* on_chunk) {
  PlanningContext planning;
  planning.catalog = catalog;
  PhysicalPtr root = BuildPhysicalPlan(optimized, planning);
  Execution execution = Run(std::move(root), options, on_chunk);
  QueryResult result;
  result.types = optimized.types;
  result.names = optimized.names;
  for (size_t i = result.names.size(); i < result.types.size(); ++i) {
    result.names.push_back("_col" + std::to_string(i));
  }
  GlobalSinkState& state = *execution.collector->sink_state;
  result.rows = ResultCollector::RowCount(state);
  result.chunks = ResultCollector::TakeChunks(state);
  result.bytes_scanned = execution.context->bytes_scanned.load();
  result.peak_memory_bytes = execution.context->peak();
  {
    std::lock_guard lock(planning.writes->mutex);
    result.written_files = planning.writes->files;
    result.partition_columns = planning.writes->partition_columns;
  }
  return result;
}

std::string FormatNanos(uint64_t nanos) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.3f ms", static_cast<double>(nanos) / 1e6);
  return text;
}

void Explain(const PhysicalOperator& op, int depth, bool analyze, std::string& out) {
  out.append(static_cast<size_t>(depth) * 2, ' ');
  out += op.Describe();
  if (analyze) {
    out += "  (rows " + std::to_string(op.profile.rows_out.load()) + ", " +
           FormatNanos(op.profile.nanos.load()) + ")";
  }
  out += '\n';
  for (const auto& child : op.children) Explain(*child, depth + 1, analyze, out);
}

}  // namespace

QueryResult ExecutePlan(const LogicalOperator& optimized, const ExecOptions& options,
                        catalog::Catalog* catalog) {
  return Execute(optimized, options, catalog, nullptr);
}

QueryResult ExecutePlanStreaming(const LogicalOperator& optimized, const ExecOptions& options,
                                 catalog::Catalog* catalog, const ChunkCallback& on_chunk) {
  return Execute(optimized, options, catalog, &on_chunk);
}

QueryResult RunPhysicalPlan(PhysicalPtr root, const ExecOptions& options,
                            const ChunkCallback* on_chunk) {
  std::vector<types::LogicalType> types = root->types();
  Execution execution = Run(std::move(root), options, on_chunk);
  QueryResult result;
  result.types = std::move(types);
  for (size_t i = 0; i < result.types.size(); ++i)
    result.names.push_back("_col" + std::to_string(i));
  GlobalSinkState& state = *execution.collector->sink_state;
  result.rows = ResultCollector::RowCount(state);
  result.chunks = ResultCollector::TakeChunks(state);
  result.bytes_scanned = execution.context->bytes_scanned.load();
  result.peak_memory_bytes = execution.context->peak();
  return result;
}

std::string ExplainPhysical(const LogicalOperator& optimized, catalog::Catalog* catalog) {
  PlanningContext planning;
  planning.catalog = catalog;
  PhysicalPtr root = BuildPhysicalPlan(optimized, planning);
  std::string out;
  Explain(*root, 0, false, out);
  return out;
}

std::string ExplainAnalyze(const LogicalOperator& optimized, const ExecOptions& options,
                           catalog::Catalog* catalog, uint64_t* bytes_scanned) {
  PlanningContext planning;
  planning.catalog = catalog;
  PhysicalPtr root = BuildPhysicalPlan(optimized, planning);
  ChunkCallback discard = [](DataChunk&) {};
  Execution execution = Run(std::move(root), options, &discard);
  if (bytes_scanned != nullptr) *bytes_scanned = execution.context->bytes_scanned.load();
  std::string out;
  Explain(*execution.collector->children[0], 0, true, out);
  out += "bytes scanned " + std::to_string(execution.context->bytes_scanned.load()) +
         ", peak memory " + std::to_string(execution.context->peak()) + " bytes\n";
  return out;
}

}  // namespace basin::sql
