import Glibc

/// Remembers, per journal, the newest record this user has seen (sequence number and hash), so that a
/// journal cut short or re-chained by someone with write access is noticed: a hash chain alone cannot
/// tell a rewritten history from the real one.
public struct HeadMemory: Sendable {
  public struct Head: Sendable, Equatable {
    public var seq: Int
    public var hash: String

    public init(seq: Int, hash: String) {
      self.seq = seq
      self.hash = hash
    }
  }

  /// A tab-separated file: journal id (the genesis record's UUID), sequence number, hash.
  public let path: String

  public init(path: String) { self.path = path }

  public func head(for journalID: String) -> Head? { load()[journalID] }

  /// Every remembered head: take it *before* reading a journal, so that another process's append
  /// between the read and the check cannot look like records removed.
  public func snapshot() -> [String: Head] { load() }

  /// Records `head` unless a newer one is already remembered. Failures are ignored: the memory is an
  /// extra safeguard, never a reason to refuse work.
  public func remember(_ head: Head, for journalID: String) {
    makeDirectories(parentDirectory(of: path))
    // Serialise read-compare-write, so a process that saw less never overwrites a newer head.
    let lock = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    if lock >= 0 { _ = flock(lock, LOCK_EX) }
    defer { if lock >= 0 { close(lock) } }
    var heads = load()
    if let known = heads[journalID], known.seq >= head.seq { return }
    heads[journalID] = head
    let text = heads.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value.seq)\t\($0.value.hash)\n" }.joined()
    let temporary = path + ".tmp-\(getpid())"
    guard let file = fopen(temporary, "w") else { return }
    fputs(text, file)
    fclose(file)
    if rename(temporary, path) != 0 { unlink(temporary) }
  }

  private func load() -> [String: Head] {
    guard let file = fopen(path, "r") else { return [:] }
    defer { fclose(file) }
    var heads: [String: Head] = [:]
    var line: UnsafeMutablePointer<CChar>?
    var capacity = 0
    while getline(&line, &capacity, file) > 0, let line {
      let fields = String(cString: line).split(separator: "\t").map { $0.trimmingCharacters(in: "\n") }
      if fields.count == 3, let seq = Int(fields[1]) { heads[fields[0]] = Head(seq: seq, hash: fields[2]) }
    }
    free(line)
    return heads
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

extension Substring {
  func trimmingCharacters(in characters: String) -> String {
    var text = self
    while let last = text.last, characters.contains(last) { text.removeLast() }
    return String(text)
  }
}

/// Creates the folders above a file path (a journal's, a checkpoint's), private to the user.
public func makeDirectories(containing path: String) {
  guard path.contains("/") else { return }
  makeDirectories(parentDirectory(of: path))
}
