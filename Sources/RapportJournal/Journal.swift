import Glibc

/// The append-only, hash-chained JSON Lines file that holds all of Rapport's state.
///
/// Writers serialise on `flock`, repair a torn tail left by a crashed writer (moving its bytes to the
/// quarantine file), append whole batches, `fsync`, and only then report success. Readers take only
/// complete, valid lines and report the rest.
public struct Journal: Sendable {
  public static let maximumRecordBytes = 1 << 20

  /// The file's path; for a journal in a store, the store's name (for messages).
  public let path: String
  /// Where the journal lives when it is not a file; nil for a file journal.
  public let store: (any JournalStore)?

  public init(path: String) {
    self.path = path
    store = nil
  }

  /// A journal that lives in `store` (a PostgreSQL database, say) rather than in a file.
  public init(store: any JournalStore) {
    path = store.name
    self.store = store
  }

  /// A short name for a status line: the file's name, or the store's label.
  public var label: String { store?.label ?? (path.split(separator: "/").last.map(String.init) ?? path) }

  /// Whether the journal is a file (repair, quarantine and `stat` apply only then).
  public var isFile: Bool { store == nil }

  /// Set-aside bytes (torn tails, invalid lines) live here, one JSON object per line.
  public var quarantinePath: String { path + ".quarantine" }

  /// Whether the journal exists; for a store that cannot be reached, true, so that opening it reports
  /// why it cannot be read rather than "no journal".
  public var exists: Bool {
    guard let store else { return access(path, F_OK) == 0 }
    return (try? store.exists) ?? true
  }

  /// The login this process's records carry here: the OS account for a file, the store's own idea
  /// of who is connected (a database's session user) otherwise.
  public var login: String { store?.login ?? Self.processLogin }

  public var isWritable: Bool { store?.isWritable ?? (access(path, W_OK) == 0) }

  /// Refuses an operation that only a file journal has.
  func requireFile(_ operation: String) throws(JournalError) {
    if store != nil { throw JournalError.notAFile(path: path, operation: operation) }
  }

  /// The OS account this process writes as: the name of the effective user id (its number when the
  /// system has no name for it). No option or environment variable changes it.
  public static let processLogin: String = {
    let uid = geteuid()
    if let entry = getpwuid(uid), let name = entry.pointee.pw_name { return String(cString: name) }
    return "uid\(uid)"
  }()

  public struct AppendOutcome: Sendable {
    public var records: [Record]
    /// Unfinished tails that this append moved to the quarantine file before writing.
    public var quarantined: [LineProblem]
    /// The end of the journal after this append.
    public var end: JournalPosition

    public init(records: [Record], quarantined: [LineProblem] = [], end: JournalPosition) {
      self.records = records
      self.quarantined = quarantined
      self.end = end
    }
  }

  // MARK: Creating

  /// Creates a journal holding only its `journal.created` record: written to a temporary file,
  /// flushed, linked into place (never over an existing file) and the directory flushed.
  ///
  /// `contents`, when given, writes further records into the new file before it appears (a demo book,
  /// a benchmark journal), so the journal is never seen half-written.
  @discardableResult
  public static func create(
    at path: String, by user: String, group: String? = nil, at time: Timestamp = .now(),
    contents: ((inout JournalWriter) throws -> Void)? = nil
  ) throws -> Journal {
    if access(path, F_OK) == 0 { throw JournalError.alreadyExists(path: path) }
    let new = try NewJournalFile(for: path, group: group)
    do {
      var data = JSONObject()
      data["schema"] = .number(Double(Record.currentSchema))
      var writer = JournalWriter(file: new.file, path: path)
      try writer.append(EventDraft(type: Record.genesisType, data: data), at: time, by: user, login: processLogin)
      try contents?(&writer)
      try writer.flush()
      try new.file.sync()
      new.file.close()
    } catch {
      new.discard()
      throw error
    }
    try new.link()
    return Journal(path: path)
  }

  // MARK: Reading

  /// Reads every complete line from `position` on, handing accepted records to `body` in order.
  public func scan(from position: JournalPosition = .start, _ body: (Record) throws -> Void) throws
    -> JournalScanner.Outcome
  {
    if let store { return try store.scan(from: position, body) }
    let file = try FileDescriptor.open(path, O_RDONLY)
    defer { file.close() }
    return try scan(file, from: position, body)
  }

  func scan(_ file: FileDescriptor, from position: JournalPosition, _ body: (Record) throws -> Void) throws
    -> JournalScanner.Outcome
  {
    let size = try file.size()
    if size == 0 { throw JournalError.notAJournal(path: path, detail: "the file is empty") }
    guard size > position.offset else {
      return JournalScanner.Outcome(position: position, accepted: 0, problems: [], pendingTail: nil)
    }
    let pageSize = UInt64(sysconf(Int32(_SC_PAGESIZE)))
    let mapStart = position.offset / pageSize * pageSize
    let length = Int(size - mapStart)
    guard let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, file.raw, off_t(mapStart)), mapped != MAP_FAILED else {
      throw JournalError.system(path: path, operation: "mapping", code: errno)
    }
    defer { munmap(mapped, length) }
    madvise(mapped, length, MADV_SEQUENTIAL)
    let skip = Int(position.offset - mapStart)
    let bytes = UnsafeRawBufferPointer(start: mapped + skip, count: length - skip)
    return try JournalScanner.scan(bytes, from: position, path: path, releasingMappedPages: true, body)
  }

  /// The bytes of the line a problem names (without its newline).
  public func bytes(of problem: LineProblem) throws -> [UInt8] {
    try requireFile("reading a line's bytes")
    let file = try FileDescriptor.open(path, O_RDONLY)
    defer { file.close() }
    return try file.read(at: problem.offset, count: problem.length)
  }

  // MARK: Appending

  /// Appends the drafts that `makeDrafts` returns, all or nothing, under the exclusive lock.
  ///
  /// `makeDrafts` runs while the lock is held and receives the position of the journal's end, so a
  /// caller can catch up with other writers' records and validate against the latest state.
  ///
  /// `onRepair` is told at once of each unfinished tail set aside, since the repair stands even when
  /// `makeDrafts` then throws.
  public func append(
    by user: String, login: String? = Journal.processLogin, at time: Timestamp = .now(),
    onRepair: (LineProblem) -> Void = { _ in },
    _ makeDrafts: (JournalPosition) throws -> [EventDraft]
  ) throws -> AppendOutcome {
    if let store { return try store.append(by: user, login: login, at: time, makeDrafts) }
    let file = try openLockedForAppending()
    defer { file.close() }
    var quarantined: [LineProblem] = []
    let tail = try repairedTail(of: file, quarantined: &quarantined)
    quarantined.forEach(onRepair)
    let drafts = try makeDrafts(tail)
    guard !drafts.isEmpty else { return AppendOutcome(records: [], quarantined: quarantined, end: tail) }
    var bytes: [UInt8] = []
    var records: [Record] = []
    var previous = tail.chain
    for (index, draft) in drafts.enumerated() {
      let batch = drafts.count > 1 ? (index: index + 1, size: drafts.count) : nil
      let seq = tail.lastSeq + 1 + index
      let line = RecordEncoder.line(
        for: draft, seq: seq, at: time, by: user, login: login, batch: batch, previous: previous)
      guard line.bytes.count <= Self.maximumRecordBytes else {
        throw JournalError.recordTooLarge(bytes: line.bytes.count)
      }
      records.append(
        Record(
          schema: Record.currentSchema, seq: seq, id: EventID(draft.id), recordedAt: time, recordedBy: user,
          login: login,
          type: draft.type, account: draft.account, data: draft.data, batch: batch, chainHash: line.hash,
          offset: tail.offset + UInt64(bytes.count)))
      bytes.append(contentsOf: line.bytes)
      previous = line.hash
    }
    try write(bytes, to: file, restoringSize: tail.offset)
    let end = JournalPosition(
      offset: tail.offset + UInt64(bytes.count), lastSeq: tail.lastSeq + drafts.count, chain: previous)
    return AppendOutcome(records: records, quarantined: quarantined, end: end)
  }

  /// Opens the journal to append (never through a planted link) and takes the exclusive lock; when the
  /// path no longer names the file by then (replaced by `mv` or `cp` while this writer waited), opens
  /// the file it names now, so no acknowledged record lands in a file nobody reads.
  func openLockedForAppending() throws(JournalError) -> FileDescriptor {
    try requireFile("locking")
    for _ in 0..<16 {
      let file = try SafeFile.openExisting(path, O_RDWR | O_APPEND)
      do {
        try file.lock(LOCK_EX)
      } catch {
        file.close()
        throw error
      }
      if file.isStill(at: path) { return file }
      file.close()
    }
    throw JournalError.system(path: path, operation: "locking (the file keeps being replaced)", code: EAGAIN)
  }

  private func write(_ bytes: [UInt8], to file: FileDescriptor, restoringSize size: UInt64) throws {
    let (_, failure) = FaultInjection.pauseMidWrite > 0 ? writeSlowly(bytes, to: file) : file.writeAll(bytes)
    if let failure {
      // A short write must not leave a fragment behind.
      try? file.truncate(to: size)
      _ = fsync(file.raw)
      throw JournalError.system(path: path, operation: "appending to", code: failure)
    }
    do {
      try file.sync()
    } catch {
      try? file.truncate(to: size)
      throw error
    }
  }

  private func writeSlowly(_ bytes: [UInt8], to file: FileDescriptor) -> (written: Int, error: Int32?) {
    let half = bytes.count / 2
    let first = file.writeAll(Array(bytes[..<half]))
    if first.error != nil { return first }
    usleep(useconds_t(FaultInjection.pauseMidWrite * 1000))
    let second = file.writeAll(Array(bytes[half...]))
    return (first.written + second.written, second.error)
  }

  /// Under the exclusive lock: moves an unfinished tail to the quarantine, checks the last record,
  /// and returns the position of the end of the journal.
  func repairedTail(of file: FileDescriptor, quarantined: inout [LineProblem]) throws -> JournalPosition {
    for _ in 0..<3 {
      let size = try file.size()
      if size == 0 { throw JournalError.notAJournal(path: path, detail: "the file is empty") }
      let tail = try TailReader(file: file, size: size, path: path).read()
      if let unfinished = tail.unfinished {
        let bytes = try file.read(at: unfinished.offset, count: Int(size - unfinished.offset))
        try Quarantine(journal: self).add([(unfinished, bytes)], mode: file.mode())
        try file.truncate(to: unfinished.offset)
        try file.sync()
        quarantined.append(unfinished)
        continue
      }
      return tail.end
    }
    throw JournalError.system(path: path, operation: "repairing the end of", code: EIO)
  }

  // MARK: Verifying

  /// Walks the whole journal under a shared lock (so no append is half-written) and reports every
  /// problem, the first one first, and whether the end matches what `memory` saw before.
  ///
  /// A removal or rewrite found against the memory is kept there as an alarm, and a standing alarm is
  /// reported as a problem, until `acceptingRewrite` takes the journal as it is now (only when its
  /// records themselves are sound).
  ///
  /// `each` sees every accepted record, in order (what a caller checks beside the chain).
  public func verify(
    memory: HeadMemory? = nil, acceptingRewrite: Bool = false, each: (Record) -> Void = { _ in }
  ) throws -> VerificationReport {
    if store != nil { return try verifyInStore(each) }
    let file = try FileDescriptor.open(path, O_RDONLY)
    defer { file.close() }
    try file.lock(LOCK_SH)
    var journalID: String?
    var remembered: HeadMemory.Entry?
    var rememberedOffset: UInt64?
    let outcome = try scan(file, from: .start) { record in
      if record.seq == 1 {
        journalID = record.id
        remembered = memory?.entry(for: memoryKey(journalID: record.id))
      }
      if record.seq == remembered?.head.seq { rememberedOffset = record.offset }
      each(record)
    }
    var problems = outcome.problems
    if let pending = outcome.pendingTail { problems.append(pending) }
    let linesAreSound = problems.isEmpty
    let key = journalID.map { memoryKey(journalID: $0) }
    var accepted = false
    if let memory, let key, let entry = remembered {
      if acceptingRewrite, linesAreSound {
        accepted = entry.alarm != nil || compare(entry.head, with: outcome.position, in: file) != nil
      } else if let alarm = entry.alarm {
        problems.append(
          LineProblem(seq: entry.head.seq, offset: entry.head.end, length: 0, kind: .changeNotAccepted(alarm)))
      } else if var problem = compare(entry.head, with: outcome.position, in: file) {
        memory.raiseAlarm(problem, for: key)
        // Name the line that now holds the record this user saw, when there is one.
        if problem.kind == .rewritten, let rememberedOffset { problem.offset = rememberedOffset }
        problems.append(problem)
      }
    }
    problems.sort { $0.offset < $1.offset || ($0.offset == $1.offset && $0.seq < $1.seq) }
    let report = VerificationReport(
      path: path, journalID: journalID, records: outcome.accepted, lastSeq: outcome.position.lastSeq,
      headHash: outcome.position.headHash, bytes: outcome.position.offset, problems: problems,
      acceptedRewrite: accepted)
    if report.isSound, let key, let memory {
      let head = HeadMemory.Head(seq: report.lastSeq, end: report.bytes, hash: report.headHash)
      if acceptingRewrite { memory.accept(head, for: key) } else { memory.remember(head, for: key) }
    }
    return report
  }

  /// A store's journal walked whole: every problem, first first (no head memory: the server keeps
  /// the history append-only).
  private func verifyInStore(_ each: (Record) -> Void) throws -> VerificationReport {
    var journalID: String?
    let outcome = try scan(from: .start) { record in
      if record.seq == 1 { journalID = record.id }
      each(record)
    }
    var problems = outcome.problems
    if let pending = outcome.pendingTail { problems.append(pending) }
    problems.sort { $0.offset < $1.offset || ($0.offset == $1.offset && $0.seq < $1.seq) }
    return VerificationReport(
      path: path, journalID: journalID, records: outcome.accepted, lastSeq: outcome.position.lastSeq,
      headHash: outcome.position.headHash, bytes: outcome.position.offset, problems: problems)
  }

  /// The key of this journal's entry in a `HeadMemory`: its real path and its id.
  public func memoryKey(journalID: String) -> HeadMemory.Key {
    // A store's name is no path: never resolved on the file system.
    if store != nil { return HeadMemory.Key(path: path, journalID: journalID) }
    var resolved = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let real = realpath(path, &resolved) != nil ? String(cString: resolved) : path
    return HeadMemory.Key(path: real, journalID: journalID)
  }

  /// Whether the journal, whose end is `end`, still holds the record `head` names: nil when it does,
  /// else what happened to it (cut off, or replaced by another record).
  public func compare(_ head: HeadMemory.Head, with end: JournalPosition) -> LineProblem? {
    // A store's history is append-only in the server; it is not compared against a remembered head.
    if store != nil { return nil }
    guard let file = try? FileDescriptor.open(path, O_RDONLY) else { return nil }
    defer { file.close() }
    return compare(head, with: end, in: file)
  }

  private func compare(_ head: HeadMemory.Head, with end: JournalPosition, in file: FileDescriptor) -> LineProblem? {
    if head.seq > end.lastSeq {
      return LineProblem(seq: end.lastSeq + 1, offset: end.offset, length: 0, kind: .missing(through: head.seq))
    }
    if head.seq == end.lastSeq, head.end == end.offset { return head.hash == end.headHash ? nil : rewritten(head) }
    guard let size = try? file.size(), head.end <= size, head.end > 0,
      let record = try? TailReader(file: file, size: size, path: path).record(endingAt: head.end),
      record.seq == head.seq, record.hash == head.hash
    else { return rewritten(head) }
    return nil
  }

  private func rewritten(_ head: HeadMemory.Head) -> LineProblem {
    LineProblem(seq: head.seq, offset: head.end, length: 0, kind: .rewritten)
  }

  // MARK: Environment

  /// Conditions a user should hear about, such as a journal on NFS, where `flock` is unreliable.
  public func warnings() -> [String] {
    if let store { return store.warnings() }
    guard let type = FileSystemType.of(path: parentDirectory(of: path)), type.hasPrefix("nfs") else { return [] }
    return ["\(path) is on \(type), where file locks are unreliable: concurrent writers may corrupt it"]
  }
}

// MARK: Being woken

extension Journal {
  /// A descriptor that becomes readable when another process appends, for a follower (the
  /// dashboard) to wait on beside the keyboard; nil for a file journal and for a store that cannot
  /// wake anyone (or cannot now): those are read on a timer. Ask before every wait: it may change.
  public var changeDescriptor: Int32? { store?.changeDescriptor() }

  /// Drains what made `changeDescriptor` readable; whether to read the journal now (others appended,
  /// or may have unannounced: see `JournalStore.consumeChanges`). Always false for a file journal,
  /// which a follower reads on its timer.
  @discardableResult
  public func consumeChanges() -> Bool { store?.consumeChanges() ?? false }
}
