#include "storage/local_file_system.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/error.hpp"
#include "storage/aws_config.hpp"
#include "storage/s3_file_system.hpp"
#include "storage/s3_uri.hpp"

namespace basin::storage {

namespace {

std::string ErrnoText() { return std::strerror(errno); }

class LocalReadableFile final : public ReadableFile {
 public:
  LocalReadableFile(std::string path, int fd, uint64_t size)
      : path_(std::move(path)), fd_(fd), size_(size) {}
  ~LocalReadableFile() override { ::close(fd_); }

  const std::string& path() const override { return path_; }
  uint64_t size() const override { return size_; }
  uint64_t bytes_read() const override { return bytes_read_.load(); }

  void ReadAt(uint64_t offset, size_t length, void* out) override {
    if (offset > size_ || length > size_ - offset) {
      ThrowCorrupt(path_ + ": read of " + std::to_string(length) + " bytes at offset " +
                   std::to_string(offset) + " runs past the end of the file (" +
                   std::to_string(size_) + " bytes)");
    }
    auto* target = static_cast<char*>(out);
    size_t done = 0;
    while (done < length) {
      ssize_t n = ::pread(fd_, target + done, length - done, static_cast<off_t>(offset + done));
      if (n < 0) {
        if (errno == EINTR) continue;
        ThrowIO(path_ + ": read failed at offset " + std::to_string(offset + done) + ": " +
                ErrnoText());
      }
      if (n == 0) {
        ThrowCorrupt(path_ + ": file ended at offset " + std::to_string(offset + done) +
                     " while reading (was it truncated while open?)");
      }
      done += static_cast<size_t>(n);
    }
    bytes_read_ += length;
  }

 private:
  std::string path_;
  int fd_;
  uint64_t size_;
  std::atomic<uint64_t> bytes_read_{0};
};

class LocalWritableFile final : public WritableFile {
 public:
  LocalWritableFile(std::string path, std::string temporary_path, int fd)
      : path_(std::move(path)), temporary_path_(std::move(temporary_path)), fd_(fd) {}
  ~LocalWritableFile() override {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(temporary_path_.c_str());
  }

  const std::string& path() const override { return path_; }
  uint64_t position() const override { return position_ + buffer_.size(); }

  void Append(std::string_view bytes) override {
    if (buffer_.size() + bytes.size() > kBufferSize) Flush();
    if (bytes.size() >= kBufferSize) {
      WriteAll(bytes);
    } else {
      buffer_.append(bytes);
    }
  }

  void Commit() override {
    if (committed_) return;
    Flush();
    if (::close(fd_) != 0) {
      fd_ = -1;
      ThrowIO(path_ + ": closing failed: " + ErrnoText());
    }
    fd_ = -1;
    if (::rename(temporary_path_.c_str(), path_.c_str()) != 0) {
      ThrowIO(path_ + ": publishing failed: " + ErrnoText());
    }
    committed_ = true;
  }

 private:
  static constexpr size_t kBufferSize = 1 << 20;

  void Flush() {
    WriteAll(buffer_);
    buffer_.clear();
  }

  void WriteAll(std::string_view bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        ThrowIO(path_ + ": write failed after " + std::to_string(position_) +
                " bytes: " + ErrnoText());
      }
      done += static_cast<size_t>(n);
      position_ += static_cast<uint64_t>(n);
    }
  }

  std::string path_;
  std::string temporary_path_;
  int fd_;
  std::string buffer_;
  uint64_t position_ = 0;
  bool committed_ = false;
};

}  // namespace

std::unique_ptr<ReadableFile> LocalFileSystem::OpenForRead(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    ErrorCode code = errno == ENOENT ? ErrorCode::kNotFound
                     : errno == EACCES ? ErrorCode::kAccessDenied
                                       : ErrorCode::kIOError;
    throw Error(code, path + ": cannot open: " + ErrnoText());
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    ::close(fd);
    ThrowIO(path + ": cannot stat: " + ErrnoText());
  }
  if (S_ISDIR(info.st_mode)) {
    ::close(fd);
    ThrowInvalid(path + " is a folder, not a file");
  }
  return std::make_unique<LocalReadableFile>(path, fd, static_cast<uint64_t>(info.st_size));
}

std::unique_ptr<WritableFile> LocalFileSystem::Create(const std::string& path) {
  std::filesystem::path target(path);
  std::error_code error;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), error);
  if (error) ThrowIO(path + ": cannot create its folder: " + error.message());
  // The temporary sits beside the target so the final rename stays on one file system; the
  // leading dot keeps it out of lake listings.
  static std::atomic<uint64_t> counter{0};
  std::string temporary = (target.has_parent_path() ? target.parent_path().string() + "/" : "") +
                          "." + target.filename().string() + ".basin-tmp-" +
                          std::to_string(::getpid()) + "-" + std::to_string(counter++);
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) ThrowIO(path + ": cannot create: " + ErrnoText());
  return std::make_unique<LocalWritableFile>(path, std::move(temporary), fd);
}

FileInfo LocalFileSystem::Stat(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    ErrorCode code = errno == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIOError;
    throw Error(code, path + ": " + ErrnoText());
  }
  return {path, static_cast<uint64_t>(info.st_size), S_ISDIR(info.st_mode)};
}

bool LocalFileSystem::Exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

std::vector<FileInfo> LocalFileSystem::ListRecursive(const std::string& path) {
  std::vector<FileInfo> files;
  std::error_code error;
  std::filesystem::recursive_directory_iterator it(path, error), end;
  if (error) throw Error(ErrorCode::kNotFound, path + ": cannot list: " + error.message());
  for (; it != end; it.increment(error)) {
    if (error) ThrowIO(path + ": listing failed: " + error.message());
    if (it->is_regular_file()) {
      files.push_back({it->path().string(), static_cast<uint64_t>(it->file_size()), false});
    }
  }
  std::sort(files.begin(), files.end(),
            [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; });
  return files;
}

void LocalFileSystem::Delete(const std::string& path) {
  std::error_code error;
  std::filesystem::remove_all(path, error);
  if (error) ThrowIO(path + ": cannot delete: " + error.message());
}

namespace {

// Temporaries of unfinished writes (see Create) stay out of listings.
bool IsTemporaryName(const std::string& name) {
  return name.starts_with('.') && name.find(".basin-tmp-") != std::string::npos;
}

}  // namespace

ListPage LocalFileSystem::List(const std::string& prefix, const ListOptions& options) {
  // The folder part of the prefix is walked; the rest filters the names in it.
  size_t slash = prefix.rfind('/');
  std::string folder = slash == std::string::npos ? "" : prefix.substr(0, slash + 1);
  std::string name_prefix = slash == std::string::npos ? prefix : prefix.substr(slash + 1);
  std::vector<FileInfo> entries;
  std::error_code error;
  std::filesystem::directory_iterator it(folder.empty() ? "." : folder, error), end;
  if (error) {
    if (error == std::errc::no_such_file_or_directory || error == std::errc::not_a_directory) {
      return {};
    }
    ThrowIO(prefix + ": cannot list: " + error.message());
  }
  for (; it != end; it.increment(error)) {
    if (error) ThrowIO(prefix + ": listing failed: " + error.message());
    std::string name = it->path().filename().string();
    if (!name.starts_with(name_prefix) || IsTemporaryName(name)) continue;
    std::string path = folder + name;
    std::error_code kind_error;
    if (it->is_directory(kind_error)) {
      if (!options.recursive) {
        entries.push_back({path + "/", 0, true});
        continue;
      }
      std::filesystem::recursive_directory_iterator inner(it->path(), error), inner_end;
      if (error) ThrowIO(path + ": cannot list: " + error.message());
      for (; inner != inner_end; inner.increment(error)) {
        if (error) ThrowIO(path + ": listing failed: " + error.message());
        if (!inner->is_regular_file(kind_error) ||
            IsTemporaryName(inner->path().filename().string())) {
          continue;
        }
        std::string relative = inner->path().lexically_relative(it->path()).string();
        entries.push_back(
            {path + "/" + relative, static_cast<uint64_t>(inner->file_size(kind_error)), false});
      }
    } else if (it->is_regular_file(kind_error)) {
      entries.push_back({path, static_cast<uint64_t>(it->file_size(kind_error)), false});
    }
  }
  std::sort(entries.begin(), entries.end(),
            [](const FileInfo& a, const FileInfo& b) { return a.path < b.path; });
  // A page token is the last path of the previous page; the next page starts after it.
  auto first = entries.begin();
  if (!options.page_token.empty()) {
    first = std::upper_bound(
        entries.begin(), entries.end(), options.page_token,
        [](const std::string& token, const FileInfo& entry) { return token < entry.path; });
  }
  ListPage page;
  size_t available = static_cast<size_t>(entries.end() - first);
  size_t take = options.page_size == 0 ? available : std::min(options.page_size, available);
  page.entries.assign(std::make_move_iterator(first), std::make_move_iterator(first + take));
  if (take < available) page.next_page_token = page.entries.back().path;
  return page;
}

void LocalFileSystem::Move(const std::string& from, const std::string& to) {
  if (IsS3Uri(to)) ThrowInvalid("cannot move " + from + " to " + to + ": another file system");
  std::filesystem::path target(to);
  std::error_code error;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), error);
  if (error) ThrowIO(to + ": cannot create its folder: " + error.message());
  if (::rename(from.c_str(), to.c_str()) != 0) {
    ErrorCode code = errno == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIOError;
    throw Error(code, "cannot move " + from + " to " + to + ": " + ErrnoText());
  }
}

FileSystem& FileSystemFor(std::string_view path) {
  if (IsS3Uri(path)) {
    // Configured once, on first use, from the environment and ~/.aws (as the AWS CLI is).
    static S3FileSystem s3(ResolveAwsConfig(ProcessEnvironment()));
    return s3;
  }
  static LocalFileSystem local;
  return local;
}

}  // namespace basin::storage
