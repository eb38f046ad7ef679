#pragma once

#include "storage/file_system.hpp"

namespace basin::storage {

// Local disk through POSIX calls: pread for ranges, write-to-temporary-then-rename to publish.
class LocalFileSystem final : public FileSystem {
 public:
  std::unique_ptr<ReadableFile> OpenForRead(const std::string& path) override;
  std::unique_ptr<WritableFile> Create(const std::string& path) override;
  FileInfo Stat(const std::string& path) override;
  bool Exists(const std::string& path) override;
  std::vector<FileInfo> ListRecursive(const std::string& path) override;
  ListPage List(const std::string& prefix, const ListOptions& options) override;
  void Delete(const std::string& path) override;
  void Move(const std::string& from, const std::string& to) override;
};

}  // namespace basin::storage
