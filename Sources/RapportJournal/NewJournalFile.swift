import Glibc

/// A journal file being made: a temporary file beside its final path, with the journal's mode (0600,
/// or 0660 and a group), written whole and flushed before `link(2)` puts it in place (never over an
/// existing file), so nobody ever sees a journal half-written. Removed if it is never linked.
struct NewJournalFile {
  let file: FileDescriptor
  let temporary: String
  let path: String

  /// Opens the temporary file for `path` (read and write when `readable`, so it can be checked
  /// through the descriptor that wrote it). The temporary file is an implementation detail: failures
  /// name the journal and the real cause.
  init(for path: String, group: String?, readable: Bool = false) throws(JournalError) {
    var groupID: gid_t?
    if let group {
      guard let entry = getgrnam(group) else { throw .unknownGroup(name: group) }
      groupID = entry.pointee.gr_gid
    }
    let temporary = parentDirectory(of: path) + "/.rapport-new-\(getpid())-\(SafeFile.randomSuffix())"
    let access = readable ? O_RDWR : O_WRONLY
    let file: FileDescriptor
    do {
      file = try FileDescriptor.open(temporary, access | O_CREAT | O_EXCL | O_NOFOLLOW, mode: 0o600)
    } catch {
      let code: Int32 = if case .system(_, _, let code) = error { code } else { ENOENT }
      throw .system(path: path, operation: "creating", code: code)
    }
    if let groupID, fchown(file.raw, uid_t.max, groupID) != 0 {
      let code = errno
      Self.discard(file, temporary)
      throw .system(path: path, operation: "setting the group of", code: code)
    }
    guard fchmod(file.raw, groupID == nil ? 0o600 : 0o660) == 0 else {
      let code = errno
      Self.discard(file, temporary)
      throw .system(path: path, operation: "setting the mode of", code: code)
    }
    self.file = file
    self.temporary = temporary
    self.path = path
  }

  /// Puts the flushed file in place at `path` (refused when something is there by now) and flushes
  /// the directory; the temporary name is removed either way.
  func link() throws(JournalError) {
    defer { unlink(temporary) }
    guard Glibc.link(temporary, path) == 0 else {
      if errno == EEXIST { throw .alreadyExists(path: path) }
      throw .system(path: path, operation: "creating", code: errno)
    }
    try syncDirectory(of: path)
  }

  /// Closes and removes the file (a journal that will not be made).
  func discard() { Self.discard(file, temporary) }

  private static func discard(_ file: FileDescriptor, _ temporary: String) {
    file.close()
    unlink(temporary)
  }
}
