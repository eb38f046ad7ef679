#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace basin::storage {

// A file opened for reading by byte ranges. Readers use nothing else, so one reader serves
// local files and object stores alike. Implementations are safe to call ReadAt from several
// threads at once.
class ReadableFile {
 public:
  virtual ~ReadableFile() = default;
  // The path or URI the file was opened by, for error messages.
  virtual const std::string& path() const = 0;
  virtual uint64_t size() const = 0;
  // Reads exactly `length` bytes at `offset` into `out`. Throws IOError on failure and Corrupt
  // when the range runs past the end of the file.
  virtual void ReadAt(uint64_t offset, size_t length, void* out) = 0;
  // Total bytes fetched so far by ReadAt (for tests and query statistics).
  virtual uint64_t bytes_read() const = 0;

  std::string ReadString(uint64_t offset, size_t length) {
    std::string bytes(length, '\0');
    ReadAt(offset, length, bytes.data());
    return bytes;
  }
};

// A file being written. Nothing is visible at `path()` until Commit(); a file destroyed
// without Commit() leaves no trace (atomic publish).
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual const std::string& path() const = 0;
  virtual void Append(std::string_view bytes) = 0;
  // Bytes appended so far.
  virtual uint64_t position() const = 0;
  // Flushes and publishes the file under its final name.
  virtual void Commit() = 0;
};

struct FileInfo {
  std::string path;
  uint64_t size = 0;
  bool is_directory = false;
};

// How List walks: everything below a prefix, or one level of it; all at once, or a page at a
// time.
struct ListOptions {
  // false lists one level only, folders included as is_directory entries whose path ends in
  // '/' (S3's delimiter '/' listing, shown as common prefixes).
  bool recursive = true;
  // At most this many entries per page; 0 means everything in one page.
  size_t page_size = 0;
  // The next_page_token of the previous page; "" starts at the beginning.
  std::string page_token;
};

struct ListPage {
  std::vector<FileInfo> entries;  // sorted by path
  std::string next_page_token;    // "" when nothing follows
};

// The lake's storage: local paths and s3:// URIs, with one contract.
class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual std::unique_ptr<ReadableFile> OpenForRead(const std::string& path) = 0;
  // Parent folders are created as needed.
  virtual std::unique_ptr<WritableFile> Create(const std::string& path) = 0;
  virtual FileInfo Stat(const std::string& path) = 0;
  virtual bool Exists(const std::string& path) = 0;
  // Files (not folders) below `path`, recursively, sorted by path.
  virtual std::vector<FileInfo> ListRecursive(const std::string& path) = 0;
  // Entries whose path starts with `prefix`, as a string: "lake/film/" lists that folder,
  // "lake/film/part-" the names that begin so. Temporary files of unfinished writes are not
  // listed. A prefix matching nothing gives an empty page.
  virtual ListPage List(const std::string& prefix, const ListOptions& options) = 0;
  // Removes a file, or a folder with everything below it; a missing path is no error.
  virtual void Delete(const std::string& path) = 0;
  // Moves a file to `to` (on the same file system), replacing what is there: a rename on
  // disk, a server-side copy and delete on S3 (where only the copy is atomic). Publishes
  // output staged under a temporary name.
  virtual void Move(const std::string& from, const std::string& to) = 0;
};

// The file system for a path or URI: S3 for "s3://bucket/key" (configured from the
// environment and ~/.aws on first use, see aws_config.hpp), local disk for anything else.
FileSystem& FileSystemFor(std::string_view path);

}  // namespace basin::storage
