#include "sql/exec/physical_operator.hpp"

#include "common/error.hpp"

namespace basin::sql {

namespace {

std::string Megabytes(size_t bytes) {
  return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MB";
}

}  // namespace

void ExecContext::Reserve(size_t bytes, const char* what) {
  size_t now = used_.fetch_add(bytes, std::memory_order_relaxed) + bytes;
  if (memory_limit_ > 0 && now > memory_limit_) {
    used_.fetch_sub(bytes, std::memory_order_relaxed);
    throw Error(ErrorCode::kResourceExhausted,
                std::string("query exceeded its memory limit of ") + Megabytes(memory_limit_) +
                    " in " + what + " (" + Megabytes(now) +
                    " needed); raise the limit or make the query select less");
  }
  size_t peak = peak_.load(std::memory_order_relaxed);
  while (now > peak && !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
}

namespace {

[[noreturn]] void NotA(const PhysicalOperator& op, const char* role) {
  ThrowInternal(op.Describe() + " is not a " + role);
}

}  // namespace

std::unique_ptr<GlobalSourceState> PhysicalOperator::InitGlobalSource(ExecContext&) const {
  return std::make_unique<GlobalSourceState>();
}

std::unique_ptr<LocalSourceState> PhysicalOperator::InitLocalSource(ExecContext&,
                                                                    GlobalSourceState&) const {
  return std::make_unique<LocalSourceState>();
}

bool PhysicalOperator::GetChunk(ExecContext&, GlobalSourceState&, LocalSourceState&,
                                columnar::DataChunk&) const {
  NotA(*this, "source");
}

std::unique_ptr<OperatorState> PhysicalOperator::InitOperatorState(ExecContext&) const {
  return std::make_unique<OperatorState>();
}

OperatorResult PhysicalOperator::Execute(ExecContext&, columnar::DataChunk&, columnar::DataChunk&,
                                         OperatorState&) const {
  NotA(*this, "streaming operator");
}

std::unique_ptr<GlobalSinkState> PhysicalOperator::InitGlobalSink(ExecContext&) const {
  return std::make_unique<GlobalSinkState>();
}

std::unique_ptr<LocalSinkState> PhysicalOperator::InitLocalSink(ExecContext&,
                                                                GlobalSinkState&) const {
  return std::make_unique<LocalSinkState>();
}

std::vector<size_t> PhysicalOperator::SinkChildren() const {
  if (!IsSink() || children.empty()) return {};
  return {children.size() - 1};
}

void PhysicalOperator::Sink(ExecContext&, columnar::DataChunk&, GlobalSinkState&,
                            LocalSinkState&) const {
  NotA(*this, "sink");
}

void PhysicalOperator::Combine(ExecContext&, GlobalSinkState&, LocalSinkState&) const {}

void PhysicalOperator::Finalize(ExecContext&, GlobalSinkState&) const {}

}  // namespace basin::sql
