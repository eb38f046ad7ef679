#include "formats/json/json_record_splitter.hpp"

#include <algorithm>
#include <cstring>

#include "common/error.hpp"

namespace basin::formats::json {

namespace {

// Bytes read per refill; the buffer starts this big (or as big as a smaller file).
constexpr size_t kBlockBytes = size_t{1} << 20;

bool IsWhitespace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

std::string Printable(char c) {
  if (c >= 0x20 && c < 0x7f) return std::string("'") + c + "'";
  static const char kHex[] = "0123456789ABCDEF";
  auto byte = static_cast<unsigned char>(c);
  return std::string("byte 0x") + kHex[byte >> 4] + kHex[byte & 15];
}

}  // namespace

std::string DescribePosition(const RecordPosition& position, JsonLayout layout) {
  std::string where = layout == JsonLayout::kArray
                          ? "array element " + std::to_string(position.index + 1) + " at line "
                          : "line ";
  return where + std::to_string(position.line) + " (byte offset " +
         std::to_string(position.offset) + ")";
}

RecordSplitter::RecordSplitter(storage::ReadableFile& file, JsonLayout layout,
                               size_t max_record_bytes)
    : file_(file),
      requested_layout_(layout),
      layout_(layout),
      max_record_bytes_(std::max<size_t>(max_record_bytes, 1)) {
  capacity_ = static_cast<size_t>(std::min<uint64_t>(file_.size(), kBlockBytes));
  capacity_ = std::max<size_t>(capacity_, 64);
  buffer_ = std::make_unique<char[]>(capacity_ + kJsonPadding);
  Rewind();
  if (layout_ == JsonLayout::kAuto) {
    // Consuming leading whitespace is harmless for both layouts (line_ keeps count).
    bool any = SkipWhitespace();
    layout_ = any && buffer_[pos_] == '[' ? JsonLayout::kArray : JsonLayout::kNewlineDelimited;
  }
}

void RecordSplitter::Rewind() {
  end_ = 0;
  buffer_offset_ = 0;
  file_position_ = 0;
  at_eof_ = false;
  pos_ = 0;
  searched_ = 0;
  line_ = 1;
  records_ = 0;
  array_state_ = ArrayState::kBeforeArray;
  layout_ = requested_layout_ == JsonLayout::kAuto ? layout_ : requested_layout_;
  size_t keep = 0;
  Fill(keep);
  SkipBom();
}

void RecordSplitter::SkipBom() {
  if (end_ >= 3 && std::memcmp(buffer_.get(), "\xEF\xBB\xBF", 3) == 0) pos_ = searched_ = 3;
}

bool RecordSplitter::Fill(size_t& keep) {
  if (at_eof_) return false;
  // Drop consumed bytes so the buffer only ever holds the record in progress.
  if (keep > 0) {
    std::memmove(buffer_.get(), buffer_.get() + keep, end_ - keep);
    end_ -= keep;
    buffer_offset_ += keep;
    pos_ -= std::min(pos_, keep);
    searched_ -= std::min(searched_, keep);
    element_start_ -= std::min(element_start_, keep);
    scan_pos_ -= std::min(scan_pos_, keep);
    keep = 0;
  }
  if (end_ >= max_record_bytes_) ThrowTooLong(0);
  size_t grown = std::min(capacity_ * 2, max_record_bytes_ + kBlockBytes);
  grown = std::max(grown, end_ + kBlockBytes / 4);
  if (capacity_ - end_ < capacity_ / 2 && grown > capacity_) {
    auto bigger = std::make_unique<char[]>(grown + kJsonPadding);
    std::memcpy(bigger.get(), buffer_.get(), end_);
    buffer_ = std::move(bigger);
    capacity_ = grown;
  }
  uint64_t remaining = file_.size() - std::min(file_.size(), file_position_);
  size_t length = static_cast<size_t>(std::min<uint64_t>(capacity_ - end_, remaining));
  if (length == 0) {
    at_eof_ = true;
    return false;
  }
  file_.ReadAt(file_position_, length, buffer_.get() + end_);
  end_ += length;
  file_position_ += length;
  return true;
}

bool RecordSplitter::Next(RecordView& record) {
  return layout_ == JsonLayout::kArray ? NextElement(record) : NextLine(record);
}

bool RecordSplitter::NextLine(RecordView& record) {
  while (true) {
    size_t line_end;
    size_t next;
    const void* newline =
        searched_ < end_ ? std::memchr(buffer_.get() + searched_, '\n', end_ - searched_) : nullptr;
    if (newline != nullptr) {
      line_end = static_cast<size_t>(static_cast<const char*>(newline) - buffer_.get());
      next = line_end + 1;
    } else {
      searched_ = end_;
      size_t keep = pos_;
      if (Fill(keep)) continue;
      if (pos_ == end_) return false;
      line_end = next = end_;  // the last line has no '\n'
    }
    const char* data = buffer_.get() + pos_;
    size_t size = line_end - pos_;
    RecordPosition position{buffer_offset_ + pos_, line_, records_};
    pos_ = searched_ = next;
    ++line_;
    if (std::all_of(data, data + size, IsWhitespace)) continue;
    if (size > max_record_bytes_) ThrowTooLong(static_cast<size_t>(data - buffer_.get()));
    record = RecordView{data, size, position};
    ++records_;
    return true;
  }
}

bool RecordSplitter::SkipWhitespace() {
  while (true) {
    while (pos_ < end_ && IsWhitespace(buffer_[pos_])) {
      if (buffer_[pos_] == '\n') ++line_;
      ++pos_;
    }
    if (pos_ < end_) return true;
    size_t keep = pos_;
    if (!Fill(keep)) return false;
  }
}

bool RecordSplitter::NextElement(RecordView& record) {
  while (true) {
    switch (array_state_) {
      case ArrayState::kBeforeArray:
        if (!SkipWhitespace()) return false;  // an empty file holds no records
        if (buffer_[pos_] != '[') {
          ThrowAt(pos_,
                  "expected '[' to open the top-level array, found " + Printable(buffer_[pos_]));
        }
        ++pos_;
        array_state_ = ArrayState::kFirstElement;
        break;
      case ArrayState::kFirstElement:
      case ArrayState::kNextElement: {
        if (!SkipWhitespace()) ThrowAt(pos_, "the top-level array is not closed with ']'");
        char c = buffer_[pos_];
        if (c == ']') {
          if (array_state_ == ArrayState::kNextElement) {
            ThrowAt(pos_, "expected a value after ',' in the top-level array, found ']'");
          }
          ++pos_;
          array_state_ = ArrayState::kAfterArray;
          break;
        }
        if (c == ',') ThrowAt(pos_, "expected a value in the top-level array, found ','");
        element_start_ = pos_;
        element_line_ = line_;
        size_t end = 0;
        if (!ScanElement(end)) {
          ThrowAt(element_start_, "array element " + std::to_string(records_ + 1) +
                                      " is not closed before the end of the file");
        }
        if (end - element_start_ > max_record_bytes_) ThrowTooLong(element_start_);
        record =
            RecordView{buffer_.get() + element_start_, end - element_start_,
                       RecordPosition{buffer_offset_ + element_start_, element_line_, records_}};
        pos_ = end;
        ++records_;
        array_state_ = ArrayState::kAfterElement;
        return true;
      }
      case ArrayState::kAfterElement: {
        if (!SkipWhitespace()) ThrowAt(pos_, "the top-level array is not closed with ']'");
        char c = buffer_[pos_];
        if (c == ',') {
          array_state_ = ArrayState::kNextElement;
        } else if (c == ']') {
          array_state_ = ArrayState::kAfterArray;
        } else {
          ThrowAt(pos_, "expected ',' or ']' after array element " + std::to_string(records_) +
                            ", found " + Printable(c));
        }
        ++pos_;
        break;
      }
      case ArrayState::kAfterArray:
        if (!SkipWhitespace()) return false;
        ThrowAt(pos_, "unexpected " + Printable(buffer_[pos_]) + " after the top-level array");
    }
  }
}

bool RecordSplitter::ScanElement(size_t& end) {
  // Finds where the value ends by bracket depth, skipping strings; the value's own syntax is
  // checked later by the parser. Newlines inside it advance line_.
  char first = buffer_[element_start_];
  bool scalar = first != '{' && first != '[' && first != '"';
  int64_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  scan_pos_ = element_start_;
  pos_ = element_start_;
  while (true) {
    const char* data = buffer_.get();
    for (; scan_pos_ < end_; ++scan_pos_) {
      char c = data[scan_pos_];
      if (c == '\n') ++line_;
      if (in_string) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          in_string = false;
          if (depth == 0) {
            end = scan_pos_ + 1;
            return true;
          }
        }
        continue;
      }
      if (scalar) {
        if (c == ',' || c == ']' || c == '}' || c == '[' || c == '{' || c == '"' ||
            IsWhitespace(c)) {
          if (c == '\n') --line_;  // the newline is not part of the value
          end = scan_pos_;
          return true;
        }
        continue;
      }
      switch (c) {
        case '"': in_string = true; break;
        case '{':
        case '[': ++depth; break;
        case '}':
        case ']':
          if (--depth == 0) {
            end = scan_pos_ + 1;
            return true;
          }
          break;
        default: break;
      }
    }
    size_t keep = element_start_;
    if (!Fill(keep)) {
      if (!scalar) return false;
      end = end_;  // a scalar may end at the end of the file; the missing ']' is found next
      return true;
    }
  }
}

void RecordSplitter::ThrowAt(size_t pos, const std::string& what) const {
  ThrowCorrupt(file_.path() + ": line " + std::to_string(line_) + " (byte offset " +
               std::to_string(buffer_offset_ + pos) + "): " + what);
}

void RecordSplitter::ThrowTooLong(size_t record_start) const {
  ThrowInvalid(file_.path() + ": the record starting at byte offset " +
               std::to_string(buffer_offset_ + record_start) + " is longer than " +
               std::to_string(max_record_bytes_) +
               " bytes (max_record_bytes); raise the limit if the file really holds records "
               "this big, or check that it is JSON");
}

}  // namespace basin::formats::json
