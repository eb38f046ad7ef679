#pragma once

// The JSON paths of Glue's JSON classifiers, which say where a document's records are:
// $ (the document), .name or ['name'] (a member), [n] (an element), [*] or .* (every element
// or member value). Example: $.items[*] — each element of the array under "items".

#include <string>
#include <string_view>
#include <vector>

namespace simdjson::dom {
class element;
}

namespace basin::crawler {

class JsonPath {
 public:
  // InvalidInput naming the position when the path does not parse.
  explicit JsonPath(std::string_view text);

  // Appends the elements the path selects in `root`.
  void Select(const simdjson::dom::element& root, std::vector<simdjson::dom::element>& out) const;

 private:
  struct Step {
    enum class Kind { kMember, kIndex, kAll } kind;
    std::string name;
    size_t index = 0;
  };
  void SelectFrom(const simdjson::dom::element& node, size_t step,
                  std::vector<simdjson::dom::element>& out) const;

  std::vector<Step> steps_;
};

}  // namespace basin::crawler
