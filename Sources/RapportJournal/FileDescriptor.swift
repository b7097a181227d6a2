import Glibc

/// A thin owner of a POSIX file descriptor whose failures become `JournalError.system`.
public struct FileDescriptor: Sendable {
  public let raw: Int32
  public let path: String

  static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o600) throws(JournalError) -> FileDescriptor {
    let raw = Glibc.open(path, flags | O_CLOEXEC, mode)
    guard raw >= 0 else {
      if errno == ENOENT { throw .notFound(path: path) }
      throw .system(path: path, operation: "opening", code: errno)
    }
    return FileDescriptor(raw: raw, path: path)
  }

  public func close() { _ = Glibc.close(raw) }

  public func lock(_ operation: Int32) throws(JournalError) {
    while flock(raw, operation) != 0 {
      guard errno == EINTR else { throw .system(path: path, operation: "locking", code: errno) }
    }
  }

  func size() throws(JournalError) -> UInt64 {
    var info = stat()
    guard fstat(raw, &info) == 0 else { throw .system(path: path, operation: "inspecting", code: errno) }
    return UInt64(info.st_size)
  }

  func mode() throws(JournalError) -> (mode: mode_t, group: gid_t) {
    var info = stat()
    guard fstat(raw, &info) == 0 else { throw .system(path: path, operation: "inspecting", code: errno) }
    return (info.st_mode & 0o777, info.st_gid)
  }

  func read(at offset: UInt64, count: Int) throws(JournalError) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: count)
    var done = 0
    while done < count {
      let got = buffer.withUnsafeMutableBytes { raw in
        guard let base = raw.baseAddress else { return 0 }
        return pread(self.raw, base + done, count - done, off_t(offset) + off_t(done))
      }
      if got < 0, errno == EINTR { continue }
      guard got >= 0 else { throw .system(path: path, operation: "reading", code: errno) }
      if got == 0 { break }
      done += got
    }
    return Array(buffer.prefix(done))
  }

  /// Writes every byte or throws; reports how many bytes reached the file before a failure.
  public func writeAll(_ bytes: [UInt8]) -> (written: Int, error: Int32?) {
    var done = 0
    while done < bytes.count {
      let wrote = bytes.withUnsafeBytes { raw in
        raw.baseAddress.map { Glibc.write(self.raw, $0 + done, bytes.count - done) } ?? 0
      }
      if wrote < 0 {
        if errno == EINTR { continue }
        return (done, errno)
      }
      if wrote == 0 { return (done, ENOSPC) }
      done += wrote
    }
    return (done, nil)
  }

  public func sync() throws(JournalError) {
    guard fsync(raw) == 0 else { throw .syncFailed(path: path, code: errno) }
  }

  func truncate(to size: UInt64) throws(JournalError) {
    guard ftruncate(raw, off_t(size)) == 0 else { throw .system(path: path, operation: "truncating", code: errno) }
  }
}

/// Fsyncs a directory so that a rename or a new file inside it survives a crash.
func syncDirectory(of path: String) throws(JournalError) {
  let directory = parentDirectory(of: path)
  let raw = Glibc.open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
  guard raw >= 0 else { throw .system(path: directory, operation: "opening directory", code: errno) }
  defer { _ = Glibc.close(raw) }
  guard fsync(raw) == 0 else { throw .syncFailed(path: directory, code: errno) }
}

func parentDirectory(of path: String) -> String {
  guard let slash = path.lastIndex(of: "/") else { return "." }
  let parent = String(path[..<slash])
  return parent.isEmpty ? "/" : parent
}
