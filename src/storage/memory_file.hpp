#pragma once

#include <atomic>
#include <cstring>
#include <string>

#include "common/error.hpp"
#include "storage/file_system.hpp"

namespace basin::storage {

// A ReadableFile over bytes in memory: for tests, fuzz targets, and buffers already fetched.
class MemoryFile final : public ReadableFile {
 public:
  MemoryFile(std::string path, std::string bytes)
      : path_(std::move(path)), bytes_(std::move(bytes)) {}

  const std::string& path() const override { return path_; }
  uint64_t size() const override { return bytes_.size(); }
  uint64_t bytes_read() const override { return bytes_read_.load(); }

  void ReadAt(uint64_t offset, size_t length, void* out) override {
    if (offset > bytes_.size() || length > bytes_.size() - offset) {
      ThrowCorrupt(path_ + ": read of " + std::to_string(length) + " bytes at offset " +
                   std::to_string(offset) + " runs past the end of the file (" +
                   std::to_string(bytes_.size()) + " bytes)");
    }
    if (length > 0) std::memcpy(out, bytes_.data() + offset, length);
    bytes_read_ += length;
  }

 private:
  std::string path_;
  std::string bytes_;
  std::atomic<uint64_t> bytes_read_{0};
};

}  // namespace basin::storage
