/// Turns drafts into chained line bytes.
public enum RecordEncoder {
  /// The bytes after the body: `,"hash":"` + 64 hex + `"}`.
  static let hashFieldPrefix: [UInt8] = Array(#","hash":""#.utf8)
  static let suffixLength = hashFieldPrefix.count + 64 + 2

  /// Encodes one record line, newline included, and returns it with its hash.
  public static func line(
    for draft: EventDraft, seq: Int, at time: Timestamp, by user: String, login: String? = nil,
    batch: (index: Int, size: Int)?, previous: [UInt8]
  ) -> (bytes: [UInt8], hash: [UInt8]) {
    let line = self.line(
      for: draft, seq: seq, at: time, by: user, login: login, batch: batch,
      previous: previous.withUnsafeBytes { HashHex($0) } ?? .genesis)
    return (line.bytes, line.hash.bytes)
  }

  static func line(
    for draft: EventDraft, seq: Int, at time: Timestamp, by user: String, login: String?,
    batch: (index: Int, size: Int)?, previous: HashHex
  ) -> (bytes: [UInt8], hash: HashHex) {
    var envelope = JSONObject()
    envelope.appendUnchecked("v", .number(Double(Record.currentSchema)))
    envelope.appendUnchecked("seq", .number(Double(seq)))
    envelope.appendUnchecked("id", .string(draft.id))
    envelope.appendUnchecked("at", .string(time.description))
    envelope.appendUnchecked("by", .string(user))
    if let login { envelope.appendUnchecked("login", .string(login)) }
    envelope.appendUnchecked("type", .string(draft.type))
    if let account = draft.account { envelope.appendUnchecked("account", .string(account)) }
    if let batch {
      envelope.appendUnchecked("batch", .array([.number(Double(batch.index)), .number(Double(batch.size))]))
    }
    envelope.appendUnchecked("data", .object(draft.data))
    var bytes = JSONWriter.bytes(of: .object(envelope))
    bytes.removeLast()  // the closing brace; the hash field closes the object
    let hash = bytes.withUnsafeBytes { ChainHash.hash(previous: previous, body: $0) }
    bytes.append(contentsOf: hashFieldPrefix)
    hash.withBytes { bytes.append(contentsOf: $0) }
    bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "}"), 0x0A])
    return (bytes, hash)
  }
}
