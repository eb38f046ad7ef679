#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace basin {

// The kinds of failure every module reports. Each maps 1:1 to a CLI exit code and to an AWS
// error type, so the numbering is part of the public contract: append, never renumber.
enum class ErrorCode {
  kInvalidInput = 1,
  kNotFound,
  kAlreadyExists,
  kConflict,
  kAccessDenied,
  kIOError,
  kCorrupt,
  kUnsupported,
  kTimeout,
  kCancelled,
  kResourceExhausted,
  kInternal,
};

// "InvalidInput", "Corrupt", … as users see them in messages and JSON output.
std::string_view ErrorCodeName(ErrorCode code);

// Process exit code for a failure with this code (0 is success, 2 is CLI usage).
int ExitCodeFor(ErrorCode code);

// The one exception type of Basin. The message says what went wrong, where (file, byte offset,
// row, column, object name) and, when it helps, what to do about it.
class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string message)
      : std::runtime_error(std::move(message)), code_(code) {}

  ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

[[noreturn]] inline void ThrowCorrupt(std::string message) {
  throw Error(ErrorCode::kCorrupt, std::move(message));
}
[[noreturn]] inline void ThrowInvalid(std::string message) {
  throw Error(ErrorCode::kInvalidInput, std::move(message));
}
[[noreturn]] inline void ThrowUnsupported(std::string message) {
  throw Error(ErrorCode::kUnsupported, std::move(message));
}
[[noreturn]] inline void ThrowIO(std::string message) {
  throw Error(ErrorCode::kIOError, std::move(message));
}
[[noreturn]] inline void ThrowInternal(std::string message) {
  throw Error(ErrorCode::kInternal, std::move(message));
}

}  // namespace basin
