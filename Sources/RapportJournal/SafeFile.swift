import Glibc

/// Opening files on a shared host without trusting the name: the habits that stop a group member from
/// turning a Rapport write into a write to a file of their choosing.
///
/// - A file that exists is opened with `O_NOFOLLOW` and must be a regular file with a single name (a
///   planted symbolic or hard link is refused, named); a private file must also belong to this user.
/// - A new file is created with `O_EXCL|O_NOFOLLOW` under a name nobody can guess, and only a file just
///   created that way is ever given a mode or group.
public enum SafeFile {
  /// Who may own an existing file: anyone (the shared journal, its quarantine, a shared cache's lock),
  /// or only the user running Rapport (state and private caches).
  public enum Ownership: Sendable {
    case anyone
    case thisUser
  }

  /// Opens the existing file at `path` (never through a link); `flags` must not create.
  public static func openExisting(
    _ path: String, _ flags: Int32, ownership: Ownership = .anyone
  ) throws(JournalError) -> FileDescriptor {
    let file = try FileDescriptor.openRefusingLinks(path, flags)
    do {
      try check(file, ownership: ownership)
    } catch {
      file.close()
      throw error
    }
    return file
  }

  /// Opens `path` to use as a lock or an append target, creating it (mode `mode`) when missing;
  /// `created` tells whether this call made it.
  public static func openOrCreate(
    _ path: String, _ flags: Int32, mode: mode_t = 0o600, ownership: Ownership = .anyone
  ) throws(JournalError) -> (file: FileDescriptor, created: Bool) {
    for _ in 0..<8 {
      do {
        let made = try FileDescriptor.open(path, flags | O_CREAT | O_EXCL | O_NOFOLLOW, mode: mode)
        return (made, true)
      } catch .system(_, _, let code) where code == EEXIST {
        do {
          return (try openExisting(path, flags, ownership: ownership), false)
        } catch .notFound {
          continue  // removed between the two calls: try to create it again
        }
      }
    }
    throw .system(path: path, operation: "opening", code: EAGAIN)
  }

  /// Creates a new, empty file beside `path` under an unpredictable name (`path.tmp-<random>`), for
  /// writing and then renaming over `path`.
  public static func createTemporary(beside path: String, mode: mode_t = 0o600) throws(JournalError) -> (
    file: FileDescriptor, path: String
  ) {
    for _ in 0..<8 {
      let candidate = path + ".tmp-" + randomSuffix()
      do {
        let file = try FileDescriptor.open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: mode)
        return (file, candidate)
      } catch .system(_, _, let code) where code == EEXIST {
        continue
      } catch .notFound {
        throw .notFound(path: parentDirectory(of: path))
      }
    }
    throw .system(path: path, operation: "creating a temporary file beside", code: EEXIST)
  }

  /// Replaces (or creates) `path` with `parts`, one after the other, atomically: a new temporary file
  /// beside it (see `createTemporary`), written, flushed, renamed over `path` (which replaces a link
  /// itself, never what it points to), and the folder flushed. On any failure the temporary file is
  /// removed and `path` is left as it was.
  public static func replace(_ path: String, with parts: [[UInt8]], mode: mode_t = 0o600) throws(JournalError) {
    try replace(path, mode: mode) { file throws(JournalError) in
      for bytes in parts {
        if let code = file.writeAll(bytes).error { throw .system(path: path, operation: "writing", code: code) }
      }
    }
  }

  /// `replace(_:with:mode:)` with the contents written by `write` (into the temporary file, which is
  /// removed if `write` throws).
  public static func replace(
    _ path: String, mode: mode_t = 0o600, writing write: (FileDescriptor) throws(JournalError) -> Void
  ) throws(JournalError) {
    let temporary = try createTemporary(beside: path, mode: mode)
    func abandon(_ operation: String, _ code: Int32) -> JournalError {
      temporary.file.close()
      unlink(temporary.path)
      return .system(path: path, operation: operation, code: code)
    }
    do {
      try write(temporary.file)
    } catch {
      temporary.file.close()
      unlink(temporary.path)
      throw error
    }
    guard fsync(temporary.file.raw) == 0 else { throw abandon("flushing", errno) }
    guard Glibc.close(temporary.file.raw) == 0 else {
      unlink(temporary.path)
      throw .system(path: path, operation: "writing", code: errno)
    }
    guard rename(temporary.path, path) == 0 else {
      let code = errno
      unlink(temporary.path)
      throw .system(path: path, operation: "renaming into place", code: code)
    }
    try syncDirectory(of: path)
  }

  /// Refuses an existing `path` that is not a regular file (a link, a fifo, a folder): for a target
  /// about to be replaced by `rename`, which would otherwise silently replace something else.
  public static func checkReplaceable(_ path: String) throws(JournalError) {
    var info = stat()
    guard lstat(path, &info) == 0 else { return }
    let type = info.st_mode & S_IFMT
    guard type == S_IFREG else { throw .notARegularFile(path: path, what: description(ofType: type)) }
  }

  /// Sixteen random hex digits.
  public static func randomSuffix() -> String {
    var generator = SystemRandomNumberGenerator()
    let value = generator.next() as UInt64
    let hex = String(value, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  private static func check(_ file: FileDescriptor, ownership: Ownership) throws(JournalError) {
    var info = stat()
    guard fstat(file.raw, &info) == 0 else { throw .system(path: file.path, operation: "inspecting", code: errno) }
    let type = info.st_mode & S_IFMT
    guard type == S_IFREG else { throw .notARegularFile(path: file.path, what: description(ofType: type)) }
    guard info.st_nlink == 1 else { throw .notARegularFile(path: file.path, what: "a file with another name") }
    if ownership == .thisUser, info.st_uid != geteuid() {
      throw .notARegularFile(path: file.path, what: "a file owned by another user (uid \(info.st_uid))")
    }
  }

  private static func description(ofType type: mode_t) -> String {
    switch type {
    case S_IFLNK: return "a symbolic link"
    case S_IFDIR: return "a directory"
    case S_IFIFO: return "a named pipe"
    case S_IFSOCK: return "a socket"
    case S_IFCHR, S_IFBLK: return "a device"
    default: return "not a regular file"
    }
  }
}

extension FileDescriptor {
  /// Opens with `O_NOFOLLOW`, naming a planted symbolic link as such.
  static func openRefusingLinks(_ path: String, _ flags: Int32) throws(JournalError) -> FileDescriptor {
    do {
      return try open(path, flags | O_NOFOLLOW)
    } catch .system(_, _, let code) where code == ELOOP {
      throw .notARegularFile(path: path, what: "a symbolic link")
    }
  }

  /// Whether `path` still names this open file (a journal replaced by `mv` or `cp` while this process
  /// waited for its lock does not).
  func isStill(at path: String) -> Bool {
    var opened = stat()
    var named = stat()
    guard fstat(raw, &opened) == 0, lstat(path, &named) == 0 else { return false }
    return opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
  }
}
