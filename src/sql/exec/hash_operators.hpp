#pragma once

// Factories for the hash-based physical operators: aggregate, join, set operations, window.
// The physical planner calls these; the operators themselves live in hash_aggregate.cpp,
// hash_join.cpp, set_operation.cpp and window.cpp.
//
// Column layout. Every factory takes, for each child, the ColumnBinding of each column the
// child's physical operator outputs, in order (`ColumnLayout`). Expressions of the logical
// operator (group keys, aggregate arguments, join keys, residuals, window arguments) are
// resolved against these layouts. Each operator outputs its columns in the order of the
// logical operator's `bindings`:
//  - aggregate: the groups, then the aggregates (LogicalAggregate::bindings);
//  - join: the probe (left, children[0]) columns then the build (right, children[1]) columns
//    for inner/left/right/full/single/cross; the probe columns only for semi/anti/anti-null-
//    aware; the probe columns then the BOOLEAN mark for mark joins — in the order of
//    LogicalJoin::bindings, each looked up in the two layouts;
//  - set operation: the columns of children[0], positionally;
//  - window: LogicalWindow::bindings — child columns looked up in `child_layout`, and
//    (table_index, j) for window function j.
//
// Pipelines. A hash join is a sink for its build side (children[1]) and a streaming operator
// on its probe side (children[0]); Execute returns kHaveMoreOutput while one probe chunk still
// has matches to emit. RIGHT and FULL joins (and their set-operation cousins) also have rows
// to emit once every probe worker is done: for them `HasFinalSource()` is true, and the
// executor then runs, after the probe pipeline has finished (all workers done), one more
// pipeline whose source is the join itself (InitGlobalSource / InitLocalSource / GetChunk,
// which emit the unmatched build rows padded with NULL probe columns), followed by the
// operators that came after the join in the probe pipeline, into the same sink, before that
// sink is finalized. Aggregate and window are sinks whose finalized state is their source.

#include <cstdint>
#include <vector>

#include "sql/exec/physical_operator.hpp"
#include "sql/plan/logical_plan.hpp"

namespace basin::sql {

// The bindings of a physical operator's output columns, in order.
using ColumnLayout = std::vector<ColumnBinding>;

// GROUP BY (with grouping sets) and aggregates, including DISTINCT aggregates and FILTER.
// With no groups it outputs exactly one row, even over an empty input.
PhysicalPtr MakeHashAggregate(const LogicalAggregate& aggregate, PhysicalPtr child,
                              const ColumnLayout& child_layout);

// SELECT DISTINCT-style deduplication of all columns of `child` (NULLs equal): UNION
// (distinct) is MakeDistinct over a UNION ALL.
PhysicalPtr MakeDistinct(PhysicalPtr child);

// Every JoinKind. `probe` is the left child (children[0]), `build` the right (children[1]).
PhysicalPtr MakeHashJoin(const LogicalJoin& join, PhysicalPtr probe, PhysicalPtr build,
                         const ColumnLayout& probe_layout, const ColumnLayout& build_layout);

// INTERSECT [ALL] and EXCEPT [ALL] over two or more children (folded left to right), and UNION
// [ALL] too (as a join that passes both sides through), though the planner uses its own UNION
// ALL. Columns match positionally; NULLs compare equal. Defined in set_operation.cpp.
PhysicalPtr MakeSetOperation(const LogicalSetOperation& set_operation,
                             std::vector<PhysicalPtr> children);

// Window functions: the child's columns and one column per LogicalWindow::windows, in the order
// of LogicalWindow::bindings.
PhysicalPtr MakeWindow(const LogicalWindow& window, PhysicalPtr child,
                       const ColumnLayout& child_layout);

}  // namespace basin::sql
