#include "common/error.hpp"

namespace basin {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput: return "InvalidInput";
    case ErrorCode::kNotFound: return "NotFound";
    case ErrorCode::kAlreadyExists: return "AlreadyExists";
    case ErrorCode::kConflict: return "Conflict";
    case ErrorCode::kAccessDenied: return "AccessDenied";
    case ErrorCode::kIOError: return "IOError";
    case ErrorCode::kCorrupt: return "Corrupt";
    case ErrorCode::kUnsupported: return "Unsupported";
    case ErrorCode::kTimeout: return "Timeout";
    case ErrorCode::kCancelled: return "Cancelled";
    case ErrorCode::kResourceExhausted: return "ResourceExhausted";
    case ErrorCode::kInternal: return "Internal";
  }
  return "Internal";
}

int ExitCodeFor(ErrorCode code) {
  // 1 stays free for unexpected failures and 2 for usage errors, as most CLIs do.
  return 10 + static_cast<int>(code);
}

}  // namespace basin
