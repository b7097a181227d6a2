import Glibc

/// Single lines of a journal, wherever it lives, read without the rest: what a checkpoint needs to
/// name itself (the journal's id, from the first line) and to check that the journal still holds the
/// line it was folded to. A store answers from its indexed columns; a file with one `pread` each.
extension Journal {
  /// How much of a file's start is read for its first line: a genesis line is a few hundred bytes.
  public static let firstLineWindow = 4096

  /// The first line, without its newline: nil when the journal holds none (an empty file, or a first
  /// line longer than `firstLineWindow`, which no journal Rapport created has).
  public func firstLine() throws -> [UInt8]? {
    if let store { return try store.firstLine() }
    let file = try FileDescriptor.open(path, O_RDONLY)
    defer { file.close() }
    var bytes = try file.readOnce(at: 0, count: Self.firstLineWindow)
    guard let newline = bytes.firstIndex(of: 0x0A) else { return nil }
    bytes.removeSubrange(newline...)
    return bytes
  }

  /// The journal's bytes from the start of the line that ends at `offset` to `offset`: that line and
  /// its newline, as a file journal holds it (its start is `offset - count`). Nil when no line ends
  /// there: `offset` is beyond the end, or not just after a newline (for a store: no record ends there).
  public func line(endingAt offset: UInt64) throws -> [UInt8]? {
    guard offset > 0 else { return nil }
    if let store {
      guard var line = try store.line(endingAt: offset), UInt64(line.count) < offset else { return nil }
      line.append(0x0A)
      return line
    }
    let file = try FileDescriptor.open(path, O_RDONLY)
    defer { file.close() }
    // Back from the end in a growing window until the newline before the line is in it.
    var window = 4096
    while true {
      let start = offset > UInt64(window) ? offset - UInt64(window) : 0
      let length = Int(offset - start)
      var bytes = try file.readOnce(at: start, count: length)
      guard bytes.count == length, bytes.last == 0x0A else { return nil }
      if let newline = bytes[0..<(length - 1)].lastIndex(of: 0x0A) {
        bytes.removeSubrange(...newline)
        return bytes
      }
      if start == 0 { return bytes }
      // A line is at most `maximumRecordBytes` long: a longer one is not a record's, and not a line
      // worth reading whole.
      guard window <= Self.maximumRecordBytes * 2 else { return nil }
      window *= 4
    }
  }

  /// Where the journal ends: a file's size, or where a store's last record's line ends in the
  /// equivalent file.
  public var length: UInt64 {
    get throws {
      if let store { return try store.length }
      var info = stat()
      guard stat(path, &info) == 0 else {
        if errno == ENOENT { throw JournalError.notFound(path: path) }
        throw JournalError.system(path: path, operation: "inspecting", code: errno)
      }
      return UInt64(info.st_size)
    }
  }
}

extension FileDescriptor {
  /// Up to `count` bytes at `offset` in one `pread` (fewer at the end of the file).
  fileprivate func readOnce(at offset: UInt64, count: Int) throws(JournalError) -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: count)
    while true {
      let got = buffer.withUnsafeMutableBytes { pread(raw, $0.baseAddress, count, off_t(offset)) }
      if got < 0, errno == EINTR { continue }
      guard got >= 0 else { throw .system(path: path, operation: "reading", code: errno) }
      buffer.removeSubrange(got...)
      return buffer
    }
  }
}
