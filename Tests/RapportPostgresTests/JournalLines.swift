import RapportJournal

/// Record lines made by the file journal's own encoder (`RecordEncoder`), chained one onto the next:
/// byte for byte what a file journal would hold.
struct JournalLines {
  struct Line {
    var seq: Int
    /// The line without its newline.
    var text: String
    var hash: String
  }

  private(set) var seq = 0
  private(set) var previous = ChainHash.genesis
  private(set) var written: [Line] = []
  private var clock: Int64 = 1_790_000_000_000

  mutating func next(
    type: String, by user: String, login: String?, account: String? = nil, data: JSONObject = JSONObject(),
    batch: (index: Int, size: Int)? = nil
  ) -> Line {
    seq += 1
    clock += 1000
    let encoded = RecordEncoder.line(
      for: EventDraft(type: type, account: account, data: data), seq: seq, at: Timestamp(milliseconds: clock),
      by: user, login: login, batch: batch, previous: previous)
    previous = encoded.hash
    let line = Line(
      seq: seq, text: String(decoding: encoded.bytes.dropLast(), as: UTF8.self),
      hash: String(decoding: encoded.hash, as: UTF8.self))
    written.append(line)
    return line
  }

  mutating func member(_ name: String, logins: [String], role: String, by user: String, login: String) -> Line {
    next(
      type: "member.added", by: user, login: login,
      data: JSONObject([
        ("name", .string(name)), ("logins", .array(logins.map { .string($0) })), ("role", .string(role)),
      ]))
  }

  mutating func touchpoint(account: String, date: String, by user: String, login: String) -> Line {
    next(
      type: "touchpoint.logged", by: user, login: login, account: account,
      data: JSONObject([("date", .string(date)), ("summary", .string("Called about the \"renewal\" — été ✓"))]))
  }

  /// A line that is not appended: the journal's head is left where it was.
  mutating func rewind(_ line: Line) {
    seq -= 1
    written.removeLast()
    previous = Array((written.last?.hash ?? String(decoding: ChainHash.genesis, as: UTF8.self)).utf8)
    _ = line
  }
}
