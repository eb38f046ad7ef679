#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "types/schema.hpp"

namespace simdjson::dom {
class element;
}

namespace basin::formats::json {

enum class InferredKind : uint8_t;  // json_type_inference.cpp

// Infers column types from sampled records (rules in README.md, "Type inference"): each
// record's values widen a type tree that starts unknown; Schema() turns the tree into
// Basin types. Objects union their keys in first-seen order (nested ones with more than 200
// keys become MAP(VARCHAR, …)); arrays widen one element type; BIGINT and DOUBLE widen to
// DOUBLE; any other mix becomes VARCHAR (JSON text).
class TypeInference {
 public:
  explicit TypeInference(bool detect_dates);
  ~TypeInference();
  TypeInference(const TypeInference&) = delete;
  TypeInference& operator=(const TypeInference&) = delete;

  // Widens the column types by one record, which must be an object (or null). `rewritten`
  // says the record went through RewriteInexactNumbers, so marked strings are numbers.
  void ObserveRecord(const simdjson::dom::element& record, bool rewritten);

  // One column per key seen, in first-seen order.
  types::Schema Schema() const;

 private:
  struct Node;
  void Observe(Node& node, const simdjson::dom::element& value);
  void ObserveString(Node& node, std::string_view text);
  void ObserveNumber(Node& node, InferredKind kind);
  // Widens `into` by everything `from` saw; `from` is left in an unspecified state.
  void Merge(Node& into, Node& from);
  // Turns a struct node into a map whose value type widens all its fields.
  void BecomeMap(Node& node);
  types::LogicalType TypeOf(const Node& node) const;

  bool detect_dates_;
  bool rewritten_ = false;
  std::unique_ptr<Node> root_;
};

}  // namespace basin::formats::json
