import RapportJournal

/// Single lines, for checkpoints: the first record's (the journal's id), the one ending at an offset
/// (a checkpoint's anchor) and where the journal ends, each one indexed lookup (`seq` is the primary
/// key, `end_offset` has a unique index).
extension PostgresJournalStore {
  public func firstLine() throws -> [UInt8]? {
    try failingAsJournalError {
      try connected().execute(JournalSchema.firstLine).scalar.map { Array($0.utf8) }
    }
  }

  public func line(endingAt offset: UInt64) throws -> [UInt8]? {
    try failingAsJournalError {
      let result = try connected().execute(JournalSchema.lineEndingAt, parameters: [String(offset)])
      guard result.rows.count == 1 else { return nil }
      return result.scalar.map { Array($0.utf8) }
    }
  }

  public var length: UInt64 {
    get throws {
      try failingAsJournalError {
        guard let end = try connected().execute(JournalSchema.length).scalar else { return 0 }
        guard let length = UInt64(end) else {
          throw JournalError.notAJournal(path: name, detail: "its last record's end_offset is \(end)")
        }
        return length
      }
    }
  }
}

/// A batch's member lines read again, by their numbers, once its last line has proved it complete:
/// the scan lets each streamed piece go, so a batch of any size costs a piece of memory, not its
/// records. On a second connection, opened on the first batch that spans pieces (the scan's own is
/// busy streaming until the end); the lines are the same, since the server lets no one change them.
final class BatchLines: @unchecked Sendable {
  private let store: PostgresJournalStore
  private var connection: PostgresConnection?

  init(store: PostgresJournalStore) { self.store = store }

  /// Calls `line` with each line of records `seqs`, in order.
  func read(_ seqs: ClosedRange<Int>, _ line: (UnsafeRawBufferPointer) throws -> Void) throws {
    try store.failingAsJournalError {
      let opened = try connection ?? PostgresConnection(store.connectionString)
      connection = opened
      var decoder = CopyBinaryDecoder()
      _ = try opened.copyOut(JournalSchema.copyLines(seqs)) { chunk in
        try decoder.feed(chunk) { fields in
          guard fields.count == 1, let bytes = fields[0] else { throw CopyFormatError.damaged }
          try bytes.withUnsafeBytes { try line($0) }
        }
      }
    }
  }

  func close() {
    connection?.close()
    connection = nil
  }
}
