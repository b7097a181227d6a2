import RapportJournal

/// The journal read back from the server and its hash chain recomputed, line by line, as the file
/// journal's `verify` does: what catches a superuser who disabled the trigger and changed a line.
///
/// The lines stream in seq order through a binary `COPY … TO STDOUT`, so memory stays flat.
public struct ChainCheck: Sendable, Equatable {
  /// A record whose line does not follow from the one before.
  public struct Break: Sendable, Equatable, CustomStringConvertible {
    public var seq: Int
    public var message: String

    public var description: String { "record \(seq): \(message)" }
  }

  public var records = 0
  public var breaks: [Break] = []
  /// The last line's stated hash (64 zeros for an empty journal).
  public var lastHash = String(decoding: ChainHash.genesis, as: UTF8.self)
  /// Where the equivalent file journal would end.
  public var endOffset: UInt64 = 0

  public var isSound: Bool { breaks.isEmpty }

  /// Streams every line of the journal on `connection` and recomputes its chain.
  public static func run(on connection: PostgresConnection) throws -> ChainCheck {
    var check = ChainCheck()
    var previous = ChainHash.genesis
    var decoder = CopyBinaryDecoder()
    try connection.copyOut(JournalSchema.copySeqsAndLines) { chunk in
      try decoder.feed(chunk) { fields in
        guard fields.count == 2, let seqText = fields[0], let line = fields[1] else {
          throw CopyFormatError.damaged
        }
        let seq = Int(String(decoding: seqText, as: UTF8.self)) ?? 0
        check.add(seq: seq, line: Array(line), previous: &previous)
      }
    }
    return check
  }

  /// Checks one line against the one before: its place, its form, its hash.
  mutating func add(seq: Int, line: [UInt8], previous: inout [UInt8]) {
    records += 1
    let offset = endOffset
    endOffset += UInt64(line.count) + 1
    if seq != records {
      breaks.append(Break(seq: seq, message: "found where record \(records) belongs (records removed or moved)"))
    }
    let chain = previous
    let problem = line.withUnsafeBytes { bytes -> String? in
      do throws(RecordDecoder.Failure) {
        let record = try RecordDecoder.decode(bytes, offset: offset, previous: chain)
        return record.seq == seq ? nil : "its line says seq \(record.seq)"
      } catch {
        switch error {
        case .checksumMismatch:
          return "its hash does not chain onto the previous record's: the line was changed after it was written"
        case .malformed(let reason): return "not a record: \(reason)"
        case .newerSchema(let version): return "written by a newer Rapport (schema \(version))"
        }
      }
    }
    if let problem { breaks.append(Break(seq: seq, message: problem)) }
    // The chain goes on from what the line states, so one changed line is reported once.
    if line.count >= 66 {
      previous = Array(line[(line.count - 66)..<(line.count - 2)])
      lastHash = String(decoding: previous, as: UTF8.self)
    }
  }
}
