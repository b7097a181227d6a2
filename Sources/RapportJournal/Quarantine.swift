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
      text.append(contentsOf: entry(problem, reason: problem.reason, length: bytes.count, encoded: encoded))
      added += 1
    }
    guard added > 0 else { return 0 }
    _ = try append(text, mode: mode)
    return added
  }

  /// Appends one entry for `bytes` (whatever is there already) and returns the byte offset where it
  /// starts in the quarantine file.
  func keep(_ bytes: [UInt8], from problem: LineProblem, reason: String, mode: (mode: mode_t, group: gid_t))
    throws(JournalError) -> UInt64
  {
    try append(entry(problem, reason: reason, length: bytes.count, encoded: Base64.encode(bytes)), mode: mode)
  }

  private func entry(_ problem: LineProblem, reason: String, length: Int, encoded: String) -> [UInt8] {
    var entry = JSONObject()
    entry["quarantined_at"] = .string(Timestamp.now().description)
    entry["journal"] = .string(journal.path)
    entry["offset"] = .number(Double(problem.offset))
    entry["seq"] = .number(Double(problem.seq))
    entry["reason"] = .string(reason)
    entry["length"] = .number(Double(length))
    entry["bytes_base64"] = .string(encoded)
    return JSONWriter.bytes(of: .object(entry)) + [0x0A]
  }

  /// Appends `text` under the quarantine's lock, flushed; returns the offset it starts at.
  private func append(_ text: [UInt8], mode: (mode: mode_t, group: gid_t)) throws(JournalError) -> UInt64 {
    let (file, created) = try openForAppending(mode: mode)
    defer { file.close() }
    try file.lock(LOCK_EX)
    let start = try file.size()
    let (_, failure) = file.writeAll(text)
    if let failure { throw .system(path: path, operation: "writing", code: failure) }
    try file.sync()
    if created { try syncDirectory(of: path) }
    return start
  }

  /// Opens the quarantine to append, never through a link another user planted (see `SafeFile`); only
  /// a file this call created is given the journal's group and mode.
  private func openForAppending(mode: (mode: mode_t, group: gid_t)) throws(JournalError)
    -> (file: FileDescriptor, created: Bool)
  {
    let opened = try SafeFile.openOrCreate(path, O_WRONLY | O_APPEND, mode: mode.mode)
    if opened.created {
      _ = fchown(opened.file.raw, uid_t.max, mode.group)
      _ = fchmod(opened.file.raw, mode.mode)
    }
    return opened
  }

  /// Sets aside the given invalid lines of the journal (read from the file); returns how many were new.
  @discardableResult
  public func setAside(_ problems: [LineProblem]) throws(JournalError) -> Int {
    guard !problems.isEmpty else { return 0 }
    try journal.requireFile("setting lines aside in the quarantine file")
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
