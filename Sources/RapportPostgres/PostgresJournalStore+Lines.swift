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
