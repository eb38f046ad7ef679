#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace basin::storage {

// A small XML reader for S3's responses (ListBucketResult, Error, InitiateMultipartUpload…):
// elements, text and the five named entities plus numeric character references. No DTDs, no
// namespaces (a prefix stays part of the name), attributes are skipped. Input is untrusted:
// nesting depth is bounded and malformed text is Corrupt, naming `source` and the byte offset.
struct XmlElement {
  std::string name;
  std::string text;  // the element's own character data, entities decoded
  std::vector<XmlElement> children;

  // The first child named `name`, or nullptr.
  const XmlElement* Child(std::string_view child_name) const;
  // The text of the first child named `name`, or "" when there is none.
  std::string ChildText(std::string_view child_name) const;
};

constexpr size_t kMaxXmlDepth = 64;

// Parses a document and returns its root element.
XmlElement ParseXml(std::string_view document, std::string_view source);

// Escapes & < > for element text. Quotes stay literal: S3 servers compare ETags such as
// "\"9b2c…\"" as written, and some do not decode &quot;.
std::string XmlEscape(std::string_view text);

}  // namespace basin::storage
