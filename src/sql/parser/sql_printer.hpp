#pragma once
// The printer behind ast_printer.hpp, split over print_expression.cpp, print_query.cpp and
// print_statement.cpp. Internal to this module.

#include <string>
#include <string_view>

#include "sql/parser/ast_printer.hpp"

namespace basin::sql {

class SqlPrinter {
 public:
  explicit SqlPrinter(const PrintOptions& options) : options_(options) {}
  std::string Take() { return std::move(out_); }

  // ---- print_expression.cpp ----
  // Prints `expr`, in parentheses when it binds more loosely than `min_precedence`.
  void Expr(const Expression& expr, int min_precedence = 0);
  void ExprList(const std::vector<ExprPtr>& list);
  void Type(const TypeName& type);
  void Name(const Identifier& identifier);
  void Name(const QualifiedName& name);
  void FunctionName(const QualifiedName& name);
  void String(std::string_view text);
  void OrderBy(const std::vector<OrderItem>& items);
  void Window(const WindowSpec& spec);
  void WindowBody(const WindowSpec& spec);

  // ---- print_query.cpp ----
  void QueryText(const Query& query);
  void Body(const QueryBody& body);
  void Relation(const TableRef& relation);

  // ---- print_statement.cpp ----
  void StatementText(const Statement& statement);

 private:
  void LiteralText(const Literal& literal);
  void CallText(const FunctionCall& call);
  void SetOperand(const QueryBody& body, int parent_precedence, bool right);
  void Select(const SelectBody& select);
  void Grouping(const GroupingElement& element);
  void JoinText(const JoinRef& join);
  void Alias(const TableAlias& alias);
  void HiveString(std::string_view text);
  void Columns(const std::vector<ColumnDefinition>& columns);
  void Properties(const std::vector<StringProperty>& properties);
  void TableProperties(const std::vector<TableProperty>& properties);  // " WITH (…)" or nothing
  void Partition(const PartitionSpec& spec);
  void CreateTable(const CreateTableStatement& table);
  void Show(const ShowStatement& show);

  PrintOptions options_;
  std::string out_;
  bool hive_ = false;  // printing Hive DDL: back-quoted names, Hive string escapes
};

}  // namespace basin::sql
