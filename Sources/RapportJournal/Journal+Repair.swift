import Glibc

extension Journal {
  /// The record type that says a damaged tail was moved to the quarantine file.
  public static let repairedType = "journal.repaired"

  /// A damaged end of the journal: from its first bad line to the end of the file, none of it a record
  /// that can be chained onto.
  public struct DamagedTail: Sendable, Equatable {
    /// The first bad line.
    public var first: LineProblem
    /// The sequence numbers the damaged lines take (`first.seq` to this).
    public var throughSeq: Int
    /// Where the damage starts, and how many bytes (and lines) it holds.
    public var offset: UInt64
    public var length: UInt64
    public var lines: Int
    /// The end of the sound part: where the `journal.repaired` record is chained.
    public var soundEnd: JournalPosition
  }

  /// What `repair` did.
  public struct Repair: Sendable, Equatable {
    public var tail: DamagedTail
    /// Where in the quarantine file the moved bytes are (the entry's first byte).
    public var quarantineOffset: UInt64
    /// The `journal.repaired` record appended.
    public var record: Record
  }

  /// The damaged tail that `repair` would move, read under a shared lock; nil when there is none.
  /// Throws `damageNotAtTail` when sound records follow the first bad one: that is history, and Rapport
  /// never rewrites it.
  public func damagedTail() throws -> DamagedTail? {
    try requireFile("`rapport repair`")
    let file = try FileDescriptor.open(path, O_RDONLY)
    defer { file.close() }
    try file.lock(LOCK_SH)
    return try damagedTail(in: file)
  }

  /// Moves the damaged tail to the quarantine file and appends a `journal.repaired` record naming what
  /// moved, by `user` from `login` at `time`, under the exclusive lock. `expected` is the tail the user
  /// agreed to move: if the journal changed since, nothing is done and `repairChanged` is thrown.
  public func repair(
    _ expected: DamagedTail, by user: String, login: String? = Journal.processLogin, at time: Timestamp = .now()
  ) throws -> Repair {
    try requireFile("`rapport repair`")
    let file = try openLockedForAppending()
    defer { file.close() }
    guard let tail = try damagedTail(in: file), tail == expected else { throw JournalError.repairChanged(path: path) }
    let bytes = try file.read(at: tail.offset, count: Int(tail.length))
    let quarantineOffset = try Quarantine(journal: self).keep(
      bytes, from: tail.first, reason: "moved by `rapport repair`: \(tail.first.reason)", mode: file.mode())
    try file.truncate(to: tail.offset)
    try file.sync()
    var data = JSONObject()
    data["from_seq"] = .number(Double(tail.first.seq))
    data["through_seq"] = .number(Double(tail.throughSeq))
    data["offset"] = .number(Double(tail.offset))
    data["length"] = .number(Double(tail.length))
    data["lines"] = .number(Double(tail.lines))
    data["reason"] = .string(tail.first.reason)
    data["quarantine"] = .string(quarantinePath)
    data["quarantine_offset"] = .number(Double(quarantineOffset))
    let draft = EventDraft(type: Self.repairedType, data: data)
    let seq = tail.soundEnd.lastSeq + 1
    let line = RecordEncoder.line(
      for: draft, seq: seq, at: time, by: user, login: login, batch: nil, previous: tail.soundEnd.chain)
    if let failure = file.writeAll(line.bytes).error {
      try? file.truncate(to: tail.offset)
      throw JournalError.system(path: path, operation: "appending to", code: failure)
    }
    try file.sync()
    let record = Record(
      schema: Record.currentSchema, seq: seq, id: EventID(draft.id), recordedAt: time, recordedBy: user, login: login,
      type: draft.type, account: nil, data: data, batch: nil, chainHash: line.hash, offset: tail.offset)
    return Repair(tail: tail, quarantineOffset: quarantineOffset, record: record)
  }

  private func damagedTail(in file: FileDescriptor) throws -> DamagedTail? {
    var lastSound = JournalPosition.start
    var soundOffsets: [UInt64] = []
    let outcome = try scan(file, from: .start) { record in
      soundOffsets.append(record.offset)
      lastSound = JournalPosition(
        offset: record.offset, lastSeq: record.seq, chain: record.chainHash)
    }
    let problems = outcome.problems + (outcome.pendingTail.map { [$0] } ?? [])
    guard let first = problems.min(by: { $0.offset < $1.offset }) else { return nil }
    let soundAfter = soundOffsets.filter { $0 > first.offset }.count
    guard soundAfter == 0 else {
      throw JournalError.damageNotAtTail(path: path, problem: first, soundAfter: soundAfter)
    }
    let size = try file.size()
    let bytes = try file.read(at: first.offset, count: Int(size - first.offset))
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count - (bytes.last == 0x0A ? 1 : 0)
    lastSound.offset = first.offset
    return DamagedTail(
      first: first, throughSeq: max(first.seq + lines - 1, first.seq), offset: first.offset,
      length: size - first.offset, lines: lines, soundEnd: lastSound)
  }
}
