import ArgumentParser
import Glibc
import RapportJournal

/// `export -o PATH`: a client list on disk, written so that
///
/// - only its owner can read it: created mode 0600 (whatever the umask allows of that; never chmod-ed);
/// - nothing is opened through a link someone planted: the bytes go to a new file beside PATH, opened
///   with O_CREAT|O_EXCL|O_NOFOLLOW under an unpredictable name, then `rename`d over PATH (which
///   replaces a link itself, never what it points to); an existing PATH that is not a regular file (a
///   symbolic link, a named pipe, a directory) is refused, naming it;
/// - nothing half-written is ever at PATH: the new file is fully written and fsynced before the rename,
///   and removed on any failure (said in one line on stderr; exit 74).
enum ExportFile {
  static func write(_ bytes: [UInt8], to path: String) throws {
    try refuseUnlessRegularOrMissing(path)
    let (descriptor, temporary) = try createTemporary(beside: path)
    var done = 0
    while done < bytes.count {
      let written = bytes.withUnsafeBytes { raw in
        raw.baseAddress.map { Glibc.write(descriptor, $0 + done, bytes.count - done) } ?? 0
      }
      if written < 0, errno == EINTR { continue }
      guard written > 0 else {
        let code = written < 0 ? errno : ENOSPC
        throw discard(descriptor, temporary, target: path, operation: "writing", code: code)
      }
      done += written
    }
    guard fsync(descriptor) == 0 else {
      throw discard(descriptor, temporary, target: path, operation: "flushing", code: errno)
    }
    guard close(descriptor) == 0 else {
      throw discard(nil, temporary, target: path, operation: "writing", code: errno)
    }
    // A link or fifo planted at PATH since the check is replaced by the rename, never written through.
    guard rename(temporary, path) == 0 else {
      throw discard(nil, temporary, target: path, operation: "renaming into place", code: errno)
    }
    // The rename made durable; the file is complete and in place either way.
    let directory = Glibc.open(directoryName(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if directory >= 0 {
      _ = fsync(directory)
      close(directory)
    }
  }

  /// Refuses a PATH that exists and is not a regular file (exit 74, naming it).
  private static func refuseUnlessRegularOrMissing(_ path: String) throws {
    var info = stat()
    guard lstat(path, &info) == 0 else {
      if errno == ENOENT { return }
      throw failure(JournalError.system(path: path, operation: "inspecting", code: errno).description)
    }
    let kind: String
    switch info.st_mode & S_IFMT {
    case S_IFREG: return
    case S_IFLNK: kind = "a symbolic link"
    case S_IFDIR: kind = "a directory"
    case S_IFIFO: kind = "a named pipe (FIFO)"
    case S_IFSOCK: kind = "a socket"
    case S_IFCHR, S_IFBLK: kind = "a device"
    default: kind = "not a regular file"
    }
    throw failure(
      "refusing to write \(path): it is \(kind), not a regular file (someone may have planted it; remove it or choose another path)"
    )
  }

  /// A new file beside `path`, `.NAME.rapport-tmp-<16 random hex digits>`, created 0600 and never
  /// through a link.
  private static func createTemporary(beside path: String) throws -> (Int32, String) {
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<8 {
      let hex = String(generator.next() as UInt64, radix: 16)
      let suffix = String(repeating: "0", count: 16 - hex.count) + hex
      let temporary = temporaryPrefix(of: path) + ".rapport-tmp-" + suffix
      let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
      if descriptor >= 0 { return (descriptor, temporary) }
      if errno == EINTR || errno == EEXIST { continue }
      throw failure(JournalError.system(path: path, operation: "creating", code: errno).description)
    }
    throw failure("cannot create a temporary file beside \(path): every name tried is taken")
  }

  /// Closes (when open) and removes the temporary file; the error to throw, said on stderr.
  private static func discard(_ descriptor: Int32?, _ temporary: String, target: String, operation: String, code: Int32)
    -> ExitCode
  {
    if let descriptor { close(descriptor) }
    unlink(temporary)
    return failure(
      JournalError.system(path: target, operation: operation, code: code).description
        + "; \(target) was left as it was")
  }

  private static func failure(_ message: String) -> ExitCode {
    Output.error(message)
    return ExitCode(74)
  }

  /// `dir/.name` for `dir/name`, `.name` for `name`.
  static func temporaryPrefix(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." + path }
    return String(path[...slash]) + "." + String(path[path.index(after: slash)...])
  }

  static func directoryName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let parent = String(path[..<slash])
    return parent.isEmpty ? "/" : parent
  }
}
