#include "storage/s3_file_system.hpp"

#include <algorithm>
#include <atomic>

#include "common/error.hpp"

namespace basin::storage {

namespace {

constexpr int kListPageMax = 1000;
// CopyObject copies at most 5 GiB in one request (more needs UploadPartCopy).
constexpr uint64_t kMaxCopyBytes = uint64_t{5} << 30;

std::string ObjectPath(const std::string& bucket, const std::string& key) {
  return "s3://" + bucket + "/" + key;
}

// The prefix that holds everything "inside" a key used as a folder.
std::string FolderPrefix(const std::string& key) {
  return key.empty() || key.ends_with('/') ? key : key + "/";
}

class S3ReadableFile final : public ReadableFile {
 public:
  S3ReadableFile(S3Client& client, S3Uri uri, std::string path, uint64_t size, std::string etag)
      : client_(client),
        uri_(std::move(uri)),
        path_(std::move(path)),
        size_(size),
        etag_(std::move(etag)) {}

  const std::string& path() const override { return path_; }
  uint64_t size() const override { return size_; }
  uint64_t bytes_read() const override { return bytes_read_.load(); }

  void ReadAt(uint64_t offset, size_t length, void* out) override {
    if (offset > size_ || length > size_ - offset) {
      ThrowCorrupt(path_ + ": read of " + std::to_string(length) + " bytes at offset " +
                   std::to_string(offset) + " runs past the end of the object (" +
                   std::to_string(size_) + " bytes)");
    }
    client_.GetObjectRange(uri_, offset, length, out, etag_);
    bytes_read_ += length;
  }

 private:
  S3Client& client_;
  S3Uri uri_;
  std::string path_;
  uint64_t size_;
  std::string etag_;
  std::atomic<uint64_t> bytes_read_{0};
};

class S3WritableFile final : public WritableFile {
 public:
  S3WritableFile(S3Client& client, S3Uri uri, std::string path)
      : client_(client), uri_(std::move(uri)), path_(std::move(path)) {}

  ~S3WritableFile() override {
    if (committed_ || upload_id_.empty()) return;
    // Unfinished: the parts are discarded and nothing appears. Best effort: a destructor
    // cannot report, and S3 lifecycle rules reap uploads that an abort failed to end.
    try {
      client_.AbortMultipartUpload(uri_, upload_id_);
    } catch (const std::exception&) {
    }
  }

  const std::string& path() const override { return path_; }
  uint64_t position() const override { return uploaded_ + buffer_.size(); }

  void Append(std::string_view bytes) override {
    CheckWritable();
    while (!bytes.empty()) {
      uint64_t part_size = PartSizeFor(client_.config().part_size, NextPartNumber());
      if (buffer_.empty() && bytes.size() >= part_size) {
        // A whole part straight from the caller's bytes, without copying it first.
        UploadPart(bytes.substr(0, part_size));
        bytes.remove_prefix(part_size);
        continue;
      }
      size_t take =
          static_cast<size_t>(std::min<uint64_t>(bytes.size(), part_size - buffer_.size()));
      buffer_.append(bytes.substr(0, take));
      bytes.remove_prefix(take);
      if (buffer_.size() == part_size) {
        UploadPart(buffer_);
        buffer_.clear();
      }
    }
  }

  void Commit() override {
    if (committed_) return;
    CheckWritable();
    try {
      if (upload_id_.empty()) {
        client_.PutObject(uri_, buffer_);
      } else {
        if (!buffer_.empty()) UploadPart(buffer_);
        client_.CompleteMultipartUpload(uri_, upload_id_, part_etags_);
      }
    } catch (...) {
      failed_ = true;
      throw;
    }
    uploaded_ += upload_id_.empty() ? buffer_.size() : 0;
    buffer_.clear();
    buffer_.shrink_to_fit();
    committed_ = true;
  }

 private:
  int NextPartNumber() const { return static_cast<int>(part_etags_.size()) + 1; }

  void CheckWritable() const {
    if (committed_) ThrowInternal(path_ + ": written to after Commit");
    if (failed_) {
      ThrowIO(path_ + ": an earlier upload of this file failed, so it cannot be completed; " +
              "nothing was published");
    }
  }

  void UploadPart(std::string_view bytes) {
    int part_number = NextPartNumber();
    if (part_number > kMaxPartCount) {
      failed_ = true;
      throw Error(ErrorCode::kResourceExhausted,
                  path_ + ": larger than S3 allows in " + std::to_string(kMaxPartCount) +
                      " parts; raise the part size (BASIN_S3_PART_SIZE)");
    }
    try {
      if (upload_id_.empty()) upload_id_ = client_.CreateMultipartUpload(uri_);
      part_etags_.push_back(client_.UploadPart(uri_, upload_id_, part_number, bytes));
    } catch (...) {
      failed_ = true;
      throw;
    }
    uploaded_ += bytes.size();
  }

  S3Client& client_;
  S3Uri uri_;
  std::string path_;
  std::string buffer_;
  uint64_t uploaded_ = 0;
  std::string upload_id_;
  std::vector<std::string> part_etags_;
  bool committed_ = false;
  bool failed_ = false;
};

// A HEAD of a missing object cannot say whether the bucket is missing too (no body), so ask:
// "no such bucket" is the more useful message when it is the case.
[[noreturn]] void ThrowMissing(S3Client& client, const S3Uri& uri, const std::string& what) {
  client.HeadBucket(uri.bucket);
  throw Error(ErrorCode::kNotFound,
              uri.ToString() + ": no such " + what + " [endpoint " + client.endpoint() + "]");
}

}  // namespace

uint64_t PartSizeFor(uint64_t base, int part_number) {
  int doublings = std::min((part_number - 1) / 1000, 30);
  uint64_t size = base;
  for (int i = 0; i < doublings && size < kMaxPartSize; ++i) size *= 2;
  return std::min(size, kMaxPartSize);
}

S3FileSystem::S3FileSystem(AwsConfig config) : client_(std::move(config)) {}

std::unique_ptr<ReadableFile> S3FileSystem::OpenForRead(const std::string& path) {
  S3Uri uri = ParseS3Uri(path);
  if (uri.key.empty() || uri.key.ends_with('/')) {
    ThrowInvalid(path + " names a bucket or folder, not an object");
  }
  auto info = client_.HeadObject(uri);
  if (!info) ThrowMissing(client_, uri, "object");
  return std::make_unique<S3ReadableFile>(client_, uri, path, info->size, info->etag);
}

std::unique_ptr<WritableFile> S3FileSystem::Create(const std::string& path) {
  S3Uri uri = ParseS3Uri(path);
  if (uri.key.empty() || uri.key.ends_with('/')) {
    ThrowInvalid(path + " names a bucket or folder: give an object key to write");
  }
  return std::make_unique<S3WritableFile>(client_, std::move(uri), path);
}

FileInfo S3FileSystem::Stat(const std::string& path) {
  S3Uri uri = ParseS3Uri(path);
  if (uri.key.empty()) {
    client_.HeadBucket(uri.bucket);
    return {path, 0, true};
  }
  if (!uri.key.ends_with('/')) {
    if (auto info = client_.HeadObject(uri)) return {path, info->size, false};
  }
  auto listed = client_.ListObjectsV2(uri.bucket, FolderPrefix(uri.key), "", "", 1);
  if (!listed.objects.empty()) return {path, 0, true};
  ThrowMissing(client_, uri, "object or folder");
}

bool S3FileSystem::Exists(const std::string& path) {
  try {
    Stat(path);
    return true;
  } catch (const Error& error) {
    if (error.code() == ErrorCode::kNotFound) return false;
    throw;
  }
}

std::vector<FileInfo> S3FileSystem::ListRecursive(const std::string& path) {
  S3Uri uri = ParseS3Uri(path);
  std::string prefix = FolderPrefix(uri.key);
  std::vector<FileInfo> files;
  std::string token;
  do {
    auto page = client_.ListObjectsV2(uri.bucket, prefix, "", token, kListPageMax);
    for (auto& object : page.objects) {
      if (object.key.ends_with('/')) continue;  // a console's "folder" marker
      files.push_back({ObjectPath(uri.bucket, object.key), object.size, false});
    }
    token = std::move(page.next_continuation_token);
  } while (!token.empty());
  std::sort(files.begin(), files.end(),
            [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; });
  return files;
}

ListPage S3FileSystem::List(const std::string& prefix, const ListOptions& options) {
  S3Uri uri = ParseS3Uri(prefix);
  ListPage page;
  std::string token = options.page_token;
  size_t fetched = 0;  // entries counted by S3's max-keys, markers included
  for (;;) {
    int max_keys = kListPageMax;
    if (options.page_size != 0) {
      max_keys = static_cast<int>(std::min<size_t>(kListPageMax, options.page_size - fetched));
    }
    auto listed =
        client_.ListObjectsV2(uri.bucket, uri.key, options.recursive ? "" : "/", token, max_keys);
    fetched += listed.objects.size() + listed.common_prefixes.size();
    for (auto& object : listed.objects) {
      if (object.key.ends_with('/')) continue;
      page.entries.push_back({ObjectPath(uri.bucket, object.key), object.size, false});
    }
    for (auto& folder : listed.common_prefixes) {
      page.entries.push_back({ObjectPath(uri.bucket, folder), 0, true});
    }
    token = std::move(listed.next_continuation_token);
    if (token.empty()) break;
    if (options.page_size != 0 && fetched >= options.page_size) {
      page.next_page_token = token;
      break;
    }
  }
  std::sort(page.entries.begin(), page.entries.end(),
            [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; });
  return page;
}

void S3FileSystem::Delete(const std::string& path) {
  S3Uri uri = ParseS3Uri(path);
  if (uri.key.empty()) ThrowInvalid("refusing to delete the whole bucket " + path);
  if (!uri.key.ends_with('/')) client_.DeleteObject(uri);
  std::string prefix = FolderPrefix(uri.key);
  std::string token;
  // Deleting while paging is safe: the continuation token marks a key position, not an index.
  do {
    auto listed = client_.ListObjectsV2(uri.bucket, prefix, "", token, kListPageMax);
    std::vector<std::string> keys;
    keys.reserve(listed.objects.size());
    for (auto& object : listed.objects) keys.push_back(std::move(object.key));
    client_.DeleteObjects(uri.bucket, keys);
    token = std::move(listed.next_continuation_token);
  } while (!token.empty());
}

void S3FileSystem::Move(const std::string& from, const std::string& to) {
  if (!IsS3Uri(to)) ThrowInvalid("cannot move " + from + " to " + to + ": another file system");
  S3Uri source = ParseS3Uri(from);
  S3Uri target = ParseS3Uri(to);
  if (source.bucket == target.bucket && source.key == target.key) return;
  auto info = client_.HeadObject(source);
  if (!info) ThrowMissing(client_, source, "object to move");
  if (info->size > kMaxCopyBytes) {
    ThrowUnsupported("cannot move " + from + ": objects over 5 GiB need a multipart copy, " +
                     "which is not supported yet");
  }
  client_.CopyObject(source, target);
  client_.DeleteObject(source);
}

}  // namespace basin::storage
