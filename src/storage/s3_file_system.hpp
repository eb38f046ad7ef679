#pragma once

#include "storage/aws_config.hpp"
#include "storage/file_system.hpp"
#include "storage/s3_client.hpp"

namespace basin::storage {

// The FileSystem contract over an S3 bucket, for "s3://bucket/key" paths.
//  - OpenForRead: one HEAD for size and ETag; every ReadAt is one ranged GET (If-Match the
//    ETag, so a replaced object fails with Conflict rather than mixing two versions).
//  - Create: bytes are buffered up to the part size; the first full part starts a multipart
//    upload and each full part is uploaded as soon as it fills. Commit uploads the rest and
//    completes the upload (a small file is one PUT); the object appears only then, whole.
//    Destruction without Commit aborts the upload. Parts grow past part 1000 so that the
//    10,000-part limit allows objects of several TiB.
//  - Folders are key prefixes ending in '/': Stat reports one when keys exist below it.
//  - Delete removes the object and every key below "key/" (batches of 1000).
class S3FileSystem final : public FileSystem {
 public:
  explicit S3FileSystem(AwsConfig config);

  std::unique_ptr<ReadableFile> OpenForRead(const std::string& path) override;
  std::unique_ptr<WritableFile> Create(const std::string& path) override;
  FileInfo Stat(const std::string& path) override;
  bool Exists(const std::string& path) override;
  std::vector<FileInfo> ListRecursive(const std::string& path) override;
  ListPage List(const std::string& prefix, const ListOptions& options) override;
  void Delete(const std::string& path) override;
  void Move(const std::string& from, const std::string& to) override;

  S3Client& client() { return client_; }

 private:
  S3Client client_;
};

// The size of part `part_number` (1-based) for a base part size: the base for parts 1-1000,
// doubling every 1000 parts after, capped at S3's 5 GiB.
uint64_t PartSizeFor(uint64_t base, int part_number);

}  // namespace basin::storage
