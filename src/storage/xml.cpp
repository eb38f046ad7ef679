#include "storage/xml.hpp"

#include <cstdint>

#include "common/error.hpp"
#include "common/utf8.hpp"

namespace basin::storage {

const XmlElement* XmlElement::Child(std::string_view child_name) const {
  for (const auto& child : children) {
    if (child.name == child_name) return &child;
  }
  return nullptr;
}

std::string XmlElement::ChildText(std::string_view child_name) const {
  const XmlElement* child = Child(child_name);
  return child == nullptr ? std::string() : child->text;
}

namespace {

bool IsNameChar(char c) {
  auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == ':' || u >= 0x80;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

class XmlParser {
 public:
  XmlParser(std::string_view text, std::string_view source) : text_(text), source_(source) {}

  XmlElement ParseDocument() {
    SkipMisc();
    if (AtEnd() || text_[pos_] != '<') Fail("expected the root element");
    XmlElement root = ParseElement(0);
    SkipMisc();
    if (!AtEnd()) Fail("unexpected content after the root element");
    return root;
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  bool LookingAt(std::string_view token) const { return text_.substr(pos_).starts_with(token); }

  [[noreturn]] void Fail(const std::string& what) const {
    ThrowCorrupt(std::string(source_) + ": malformed XML at byte " + std::to_string(pos_) + ": " +
                 what);
  }

  void SkipSpace() {
    while (!AtEnd() && IsSpace(text_[pos_])) ++pos_;
  }

  void SkipPast(std::string_view terminator, const char* what) {
    size_t end = text_.find(terminator, pos_);
    if (end == std::string_view::npos) Fail(std::string("unterminated ") + what);
    pos_ = end + terminator.size();
  }

  // Whitespace, the <?xml …?> declaration, processing instructions and comments.
  void SkipMisc() {
    for (;;) {
      SkipSpace();
      if (LookingAt("<?")) {
        SkipPast("?>", "processing instruction");
      } else if (LookingAt("<!--")) {
        SkipPast("-->", "comment");
      } else if (LookingAt("<!")) {
        Fail("document type declarations are not accepted");
      } else {
        return;
      }
    }
  }

  std::string ParseName() {
    size_t start = pos_;
    while (!AtEnd() && IsNameChar(text_[pos_])) ++pos_;
    if (pos_ == start) Fail("expected a name");
    return std::string(text_.substr(start, pos_ - start));
  }

  void SkipAttributes() {
    for (;;) {
      SkipSpace();
      if (AtEnd()) Fail("unterminated start tag");
      char c = text_[pos_];
      if (c == '>' || c == '/') return;
      ParseName();
      SkipSpace();
      if (AtEnd() || text_[pos_] != '=') Fail("expected '=' after an attribute name");
      ++pos_;
      SkipSpace();
      if (AtEnd() || (text_[pos_] != '"' && text_[pos_] != '\'')) {
        Fail("expected a quoted attribute value");
      }
      char quote = text_[pos_++];
      size_t end = text_.find(quote, pos_);
      if (end == std::string_view::npos) Fail("unterminated attribute value");
      pos_ = end + 1;
    }
  }

  void ParseReference(std::string& out) {
    size_t end = text_.find(';', pos_);
    if (end == std::string_view::npos || end - pos_ > 12) Fail("malformed entity reference");
    std::string_view entity = text_.substr(pos_ + 1, end - pos_ - 1);
    if (entity == "amp") {
      out.push_back('&');
    } else if (entity == "lt") {
      out.push_back('<');
    } else if (entity == "gt") {
      out.push_back('>');
    } else if (entity == "quot") {
      out.push_back('"');
    } else if (entity == "apos") {
      out.push_back('\'');
    } else if (entity.size() >= 2 && entity[0] == '#') {
      bool hex = entity[1] == 'x' || entity[1] == 'X';
      std::string_view digits = entity.substr(hex ? 2 : 1);
      if (digits.empty()) Fail("empty character reference");
      uint32_t code = 0;
      for (char c : digits) {
        uint32_t digit;
        if (c >= '0' && c <= '9') {
          digit = static_cast<uint32_t>(c - '0');
        } else if (hex && c >= 'a' && c <= 'f') {
          digit = static_cast<uint32_t>(c - 'a' + 10);
        } else if (hex && c >= 'A' && c <= 'F') {
          digit = static_cast<uint32_t>(c - 'A' + 10);
        } else {
          Fail("bad digit in a character reference");
        }
        code = code * (hex ? 16 : 10) + digit;
        if (code > 0x10FFFF) Fail("character reference out of range");
      }
      if (code >= 0xD800 && code <= 0xDFFF) Fail("character reference to a surrogate");
      AppendUtf8(out, code);
    } else {
      Fail("unknown entity &" + std::string(entity) + ";");
    }
    pos_ = end + 1;
  }

  XmlElement ParseElement(size_t depth) {
    if (depth >= kMaxXmlDepth) Fail("elements nested deeper than " + std::to_string(kMaxXmlDepth));
    ++pos_;  // '<'
    XmlElement element;
    element.name = ParseName();
    SkipAttributes();
    if (text_[pos_] == '/') {
      ++pos_;
      if (AtEnd() || text_[pos_] != '>') Fail("expected '>' after '/'");
      ++pos_;
      return element;
    }
    ++pos_;  // '>'
    for (;;) {
      if (AtEnd()) Fail("unterminated element <" + element.name + ">");
      char c = text_[pos_];
      if (c == '&') {
        ParseReference(element.text);
      } else if (c != '<') {
        size_t end = text_.find_first_of("<&", pos_);
        if (end == std::string_view::npos) end = text_.size();
        element.text.append(text_.substr(pos_, end - pos_));
        pos_ = end;
      } else if (LookingAt("</")) {
        pos_ += 2;
        std::string closing = ParseName();
        if (closing != element.name) {
          Fail("</" + closing + "> closes <" + element.name + ">");
        }
        SkipSpace();
        if (AtEnd() || text_[pos_] != '>') Fail("expected '>' in an end tag");
        ++pos_;
        return element;
      } else if (LookingAt("<![CDATA[")) {
        pos_ += 9;
        size_t end = text_.find("]]>", pos_);
        if (end == std::string_view::npos) Fail("unterminated CDATA section");
        element.text.append(text_.substr(pos_, end - pos_));
        pos_ = end + 3;
      } else if (LookingAt("<!--")) {
        SkipPast("-->", "comment");
      } else if (LookingAt("<?")) {
        SkipPast("?>", "processing instruction");
      } else {
        element.children.push_back(ParseElement(depth + 1));
      }
    }
  }

  std::string_view text_;
  std::string_view source_;
  size_t pos_ = 0;
};

}  // namespace

XmlElement ParseXml(std::string_view document, std::string_view source) {
  return XmlParser(document, source).ParseDocument();
}

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace basin::storage
