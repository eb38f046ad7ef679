#pragma once

// Shared by unit tests: the code of the basin::Error an action throws.

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "common/error.hpp"

namespace basin::testing {

// The code of the basin::Error `action` throws (its message into `message` when given); fails
// the test when it throws nothing.
inline ErrorCode CodeOf(const std::function<void()>& action, std::string* message = nullptr) {
  try {
    action();
  } catch (const Error& error) {
    if (message != nullptr) *message = error.what();
    return error.code();
  }
  ADD_FAILURE() << "expected a basin::Error";
  return ErrorCode::kInternal;
}

}  // namespace basin::testing
