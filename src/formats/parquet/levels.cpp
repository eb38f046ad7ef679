#include "formats/parquet/levels.hpp"

#include "common/error.hpp"

namespace basin::formats::parquet {

namespace {

class Assembler {
 public:
  Assembler(std::vector<LeafData*>& leaves, const std::string& file)
      : leaves_(leaves), file_(file) {}

  columnar::Vector Build(const SchemaNode& node) {
    switch (node.kind) {
      case SchemaNode::Kind::kLeaf: return std::move(Leaf(node.leaf).values);
      case SchemaNode::Kind::kStruct: return BuildStruct(node);
      case SchemaNode::Kind::kList: return BuildList(node);
    }
    ThrowInternal("unknown schema node kind");
  }

 private:
  LeafData& Leaf(size_t index) {
    if (index >= leaves_.size() || leaves_[index] == nullptr) {
      ThrowInternal("leaf " + std::to_string(index) + " was not decoded");
    }
    return *leaves_[index];
  }

  [[noreturn]] void Mismatch(const SchemaNode& node, size_t got, size_t want) const {
    ThrowCorrupt(file_ + ": column '" + node.name + "': its columns disagree on the number of " +
                 "values (" + std::to_string(got) + " vs " + std::to_string(want) +
                 "): the definition or repetition levels are inconsistent");
  }

  // Levels of the node's first leaf.
  const LeafData& Shape(const SchemaNode& node) {
    const LeafData& leaf = Leaf(node.first_leaf);
    if (leaf.def.size() != leaf.rep.size()) ThrowInternal("levels were not kept for " + node.name);
    return leaf;
  }

  columnar::Vector BuildStruct(const SchemaNode& node) {
    const LeafData& shape = Shape(node);
    const uint8_t* def = shape.def.data();
    const uint8_t* rep = shape.rep.data();
    size_t entries = shape.def.size();
    columnar::Vector out(node.type);
    size_t rows = 0;
    for (size_t e = 0; e < entries; ++e) rows += def[e] >= node.slot_def && rep[e] <= node.slot_rep;
    for (size_t i = 0; i < node.children.size(); ++i) {
      columnar::Vector child = Build(node.children[i]);
      if (child.size() != rows) Mismatch(node, child.size(), rows);
      out.child(i) = std::move(child);
    }
    out.Resize(rows);
    if (node.valid_def > node.slot_def) {
      size_t row = 0;
      for (size_t e = 0; e < entries; ++e) {
        if (def[e] < node.slot_def || rep[e] > node.slot_rep) continue;
        if (def[e] < node.valid_def) out.SetNull(row);
        ++row;
      }
    }
    return out;
  }

  columnar::Vector BuildList(const SchemaNode& node) {
    const LeafData& shape = Shape(node);
    const uint8_t* def = shape.def.data();
    const uint8_t* rep = shape.rep.data();
    size_t entries = shape.def.size();
    size_t rows = 0;
    for (size_t e = 0; e < entries; ++e) rows += def[e] >= node.slot_def && rep[e] <= node.slot_rep;
    columnar::Vector out(node.type);
    out.Resize(rows);
    int64_t* offsets = out.offsets();
    size_t row = 0;
    int64_t elements = 0;
    for (size_t e = 0; e < entries; ++e) {
      uint8_t d = def[e];
      uint8_t r = rep[e];
      if (d >= node.slot_def && r <= node.slot_rep) {
        offsets[row] = elements;
        if (d < node.valid_def) out.SetNull(row);
        ++row;
      }
      if (d >= node.elem_def && r <= node.elem_rep) {
        if (row == 0) {
          ThrowCorrupt(file_ + ": column '" + node.name +
                       "': a list element comes before any list starts");
        }
        ++elements;
      }
    }
    offsets[rows] = elements;
    columnar::Vector child = Build(node.children[0]);
    if (child.size() != static_cast<size_t>(elements)) {
      Mismatch(node, child.size(), static_cast<size_t>(elements));
    }
    out.child(0) = std::move(child);
    return out;
  }

  std::vector<LeafData*>& leaves_;
  const std::string& file_;
};

}  // namespace

columnar::Vector AssembleField(const SchemaNode& node, std::vector<LeafData*>& leaves,
                               const std::string& file) {
  return Assembler(leaves, file).Build(node);
}

}  // namespace basin::formats::parquet
