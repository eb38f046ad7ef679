#include "unit/sql/planner/planner_test_support.hpp"

namespace basin::sql {
namespace {

using testing::Find;
using testing::OptimizerTest;

TEST_F(OptimizerTest, RulesCanBeSwitchedOff) {
  OptimizerOptions none;
  none.fold_constants = false;
  none.push_down_predicates = false;
  none.reorder_joins = false;
  none.push_down_projections = false;
  std::string explain = Explain("SELECT label FROM small, big WHERE small.k = big.k", none);
  EXPECT_NE(explain.find("Join CROSS"), std::string::npos) << explain;
  EXPECT_NE(explain.find("Filter"), std::string::npos) << explain;
}

TEST_F(OptimizerTest, PlanQueryRejectsStatementsThatAreNotQueries) {
  try {
    Plan("DROP TABLE big");
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidInput);
  }
}

TEST_F(OptimizerTest, ErrorsQuoteTheQueryText) {
  try {
    Plan("SELECT label\nFROM small WHERE lable = 'a'");
    FAIL() << "expected an error";
  } catch (const Error& error) {
    std::string message = error.what();
    EXPECT_NE(message.find("line 2:18: column 'lable' cannot be resolved"), std::string::npos)
        << message;
    EXPECT_NE(message.find("did you mean 'label'"), std::string::npos) << message;
    EXPECT_NE(message.find("FROM small WHERE lable = 'a'\n"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace basin::sql
