import Glibc

/// Remembers, per journal, the newest record this user has seen (sequence number, where its line ends,
/// hash), so that a journal cut short or re-chained by someone with write access is noticed: a hash
/// chain alone cannot tell a rewritten history from the real one.
///
/// What was noticed stays noticed: an alarm is kept beside the head until the user accepts the new
/// history (`rapport verify --accept-rewrite`), and no ordinary write moves the head past it.
public struct HeadMemory: Sendable {
  /// A journal as this user knows it: its real path and its id (the genesis record's UUID), so that a
  /// copy of a journal has a memory of its own.
  public struct Key: Sendable, Hashable {
    public var path: String
    public var journalID: String

    public init(path: String, journalID: String) {
      self.path = path
      self.journalID = journalID
    }
  }

  public struct Head: Sendable, Equatable {
    public var seq: Int
    /// The byte offset just after the record's line.
    public var end: UInt64
    public var hash: String

    public init(seq: Int, end: UInt64, hash: String) {
      self.seq = seq
      self.end = end
      self.hash = hash
    }
  }

  /// What this user saw of one journal.
  public struct Entry: Sendable, Equatable {
    public var head: Head
    /// A change of history noticed earlier and not yet accepted: what was found, in words.
    public var alarm: String?
  }

  /// A tab-separated file, one journal per line: real path, id, seq, end offset, hash, alarm.
  public let path: String

  public init(path: String) { self.path = path }

  public func entry(for key: Key) -> Entry? { load()[key] }

  /// Every remembered entry: take it *before* reading a journal, so that another process's append
  /// between the read and the check cannot look like records removed.
  public func snapshot() -> [Key: Entry] { load() }

  /// Records `head` unless a newer one is already remembered or an alarm stands. Failures are ignored:
  /// the memory is an extra safeguard, never a reason to refuse work.
  public func remember(_ head: Head, for key: Key) {
    update { entries in
      if let known = entries[key], known.alarm != nil || known.head.seq >= head.seq { return false }
      entries[key] = Entry(head: head, alarm: nil)
      return true
    }
  }

  /// Keeps `problem` (a removal or a rewrite just noticed) until the user accepts it.
  public func raiseAlarm(_ problem: LineProblem, for key: Key) {
    update { entries in
      guard var entry = entries[key], entry.alarm == nil else { return false }
      entry.alarm = problem.description
      entries[key] = entry
      return true
    }
  }

  /// Takes `head` as the truth from now on, dropping any alarm: the user has read what changed.
  public func accept(_ head: Head, for key: Key) {
    update { entries in
      entries[key] = Entry(head: head, alarm: nil)
      return true
    }
  }

  /// Reads, changes and rewrites the file under its lock (so that a process that saw less never
  /// overwrites a newer head), through a new temporary file renamed into place.
  private func update(_ change: (inout [Key: Entry]) -> Bool) {
    makeDirectories(parentDirectory(of: path))
    guard let lock = try? SafeFile.openOrCreate(path + ".lock", O_RDONLY, ownership: .thisUser).file else { return }
    defer { lock.close() }
    try? lock.lock(LOCK_EX)
    var entries = load()
    guard change(&entries) else { return }
    var text = ""
    for (key, entry) in entries.sorted(by: { ($0.key.path, $0.key.journalID) < ($1.key.path, $1.key.journalID) }) {
      let fields = [
        key.path, key.journalID, String(entry.head.seq), String(entry.head.end), entry.head.hash, entry.alarm ?? "",
      ]
      text += fields.map(Self.cleaned).joined(separator: "\t") + "\n"
    }
    try? SafeFile.replace(path, with: [Array(text.utf8)])
  }

  private func load() -> [Key: Entry] {
    guard let file = try? SafeFile.openExisting(path, O_RDONLY, ownership: .thisUser) else { return [:] }
    defer { file.close() }
    guard let size = try? file.size(), let bytes = try? file.read(at: 0, count: Int(min(size, 1 << 24))) else {
      return [:]
    }
    var entries: [Key: Entry] = [:]
    for line in bytes.split(separator: 0x0A) {
      // Lines of the older three-field format (id, seq, hash) are dropped: they had no path.
      let fields = line.split(separator: 0x09, omittingEmptySubsequences: false).map {
        String(decoding: $0, as: UTF8.self)
      }
      guard fields.count == 6, let seq = Int(fields[2]), let end = UInt64(fields[3]) else { continue }
      entries[Key(path: fields[0], journalID: fields[1])] = Entry(
        head: Head(seq: seq, end: end, hash: fields[4]), alarm: fields[5].isEmpty ? nil : fields[5])
    }
    return entries
  }

  /// A field without the tabs and newlines that separate fields and lines.
  private static func cleaned(_ field: String) -> String {
    String(field.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
  }
}

/// `mkdir -p` with mode 0700, ignoring failures (the caller's next step reports them).
public func makeDirectories(_ path: String) {
  var current = path.hasPrefix("/") ? "" : "."
  for part in path.split(separator: "/") {
    current += "/" + part
    mkdir(current, 0o700)
  }
}

/// Creates the folders above a file path (a journal's, a checkpoint's), private to the user.
public func makeDirectories(containing path: String) {
  guard path.contains("/") else { return }
  makeDirectories(parentDirectory(of: path))
}
