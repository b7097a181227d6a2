import Glibc

/// The file beside the journal where bytes that cannot be accepted are set aside, never dropped.
/// Each entry is one JSON line: when, where it was in the journal, why, and the bytes in base64.
public struct Quarantine: Sendable {
  public let journal: Journal

  public init(journal: Journal) { self.journal = journal }

  public var path: String { journal.quarantinePath }

  /// Appends entries for `items` that are not already there (same offset and same bytes), flushed.
  /// Returns how many were new.
  @discardableResult
  func add(_ items: [(problem: LineProblem, bytes: [UInt8])], mode: (mode: mode_t, group: gid_t)) throws(JournalError)
    -> Int
  {
    let known = knownEntries()
    var text: [UInt8] = []
    var added = 0
    for (problem, bytes) in items {
      let encoded = Base64.encode(bytes)
      if known.contains("\(problem.offset):\(encoded)") { continue }
      var entry = JSONObject()
      entry["quarantined_at"] = .string(Timestamp.now().description)
      entry["journal"] = .string(journal.path)
      entry["offset"] = .number(Double(problem.offset))
      entry["seq"] = .number(Double(problem.seq))
      entry["reason"] = .string(problem.reason)
      entry["length"] = .number(Double(bytes.count))
      entry["bytes_base64"] = .string(encoded)
      text.append(contentsOf: JSONWriter.bytes(of: .object(entry)))
      text.append(0x0A)
      added += 1
    }
    guard added > 0 else { return 0 }
    let (file, created) = try openForAppending(mode: mode)
    let existed = !created
    defer { file.close() }
    try file.lock(LOCK_EX)
    let (_, failure) = file.writeAll(text)
    if let failure { throw .system(path: path, operation: "writing", code: failure) }
    try file.sync()
    if !existed { try syncDirectory(of: path) }
    return added
  }

  /// Opens the quarantine to append, never through a link another user planted: a new file is created
  /// with `O_EXCL` (and only then given the journal's group and mode); an existing one is opened with
  /// `O_NOFOLLOW` and must be a regular file with a single name.
  private func openForAppending(mode: (mode: mode_t, group: gid_t)) throws(JournalError)
    -> (file: FileDescriptor, created: Bool)
  {
    let flags = O_WRONLY | O_APPEND | O_NOFOLLOW
    if let made = try? FileDescriptor.open(path, flags | O_CREAT | O_EXCL, mode: mode.mode) {
      _ = fchown(made.raw, uid_t.max, mode.group)
      _ = fchmod(made.raw, mode.mode)
      return (made, true)
    }
    let file: FileDescriptor
    do {
      file = try FileDescriptor.open(path, flags)
    } catch .system(_, _, let code) where code == ELOOP {
      throw .notARegularFile(path: path, what: "a symbolic link")
    }
    var info = stat()
    guard fstat(file.raw, &info) == 0 else {
      file.close()
      throw .system(path: path, operation: "inspecting", code: errno)
    }
    guard info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1 else {
      file.close()
      throw .notARegularFile(
        path: path, what: info.st_mode & S_IFMT == S_IFREG ? "a file with another name" : "not a file")
    }
    return (file, false)
  }

  /// Sets aside the given invalid lines of the journal (read from the file); returns how many were new.
  @discardableResult
  public func setAside(_ problems: [LineProblem]) throws(JournalError) -> Int {
    guard !problems.isEmpty else { return 0 }
    let file = try FileDescriptor.open(journal.path, O_RDONLY)
    defer { file.close() }
    var items: [(LineProblem, [UInt8])] = []
    for problem in problems where problem.length > 0 {
      items.append((problem, try file.read(at: problem.offset, count: problem.length)))
    }
    return try add(items, mode: file.mode())
  }

  /// The entries in the quarantine file, as parsed JSON objects.
  public func entries() -> [JSONObject] {
    guard let file = try? FileDescriptor.open(path, O_RDONLY), let size = try? file.size() else { return [] }
    defer { file.close() }
    guard let bytes = try? file.read(at: 0, count: Int(size)) else { return [] }
    return bytes.split(separator: 0x0A).compactMap { try? JSONParser.parse(Array($0)).objectValue }
  }

  private func knownEntries() -> Set<String> {
    Set(
      entries().compactMap { entry in
        guard let offset = entry["offset"]?.intValue, let bytes = entry["bytes_base64"]?.stringValue else { return nil }
        return "\(offset):\(bytes)"
      })
  }
}
