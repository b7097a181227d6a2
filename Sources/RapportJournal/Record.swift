/// One line of the journal: an event with its envelope and its place in the hash chain.
public struct Record: Sendable, Equatable {
  /// The schema this build writes and the newest it can read.
  public static let currentSchema = 1
  /// The type of the first record of every journal.
  public static let genesisType = "journal.created"

  public var schema: Int
  public var seq: Int
  /// A UUID, so that a retry after an unknown outcome can be recognised.
  public var id: String
  public var recordedAt: Timestamp
  public var recordedBy: String
  /// The OS account of the process that wrote the record (from `geteuid`), which no option changes;
  /// nil in records written before Rapport recorded it.
  public var login: String?
  public var type: String
  /// The account slug the event concerns, when it concerns one.
  public var account: String?
  public var data: JSONObject
  /// Position inside an all-or-nothing batch: (1-based index, size). Nil for single appends.
  public var batch: (index: Int, size: Int)?
  /// The chain hash.
  public var chainHash: HashHex
  /// The chain hash as 64 lowercase hex digits.
  public var hash: String { chainHash.description }
  /// Where the line starts in the journal file.
  public var offset: UInt64

  public init(
    schema: Int, seq: Int, id: String, recordedAt: Timestamp, recordedBy: String, type: String, account: String?,
    data: JSONObject, batch: (index: Int, size: Int)?, hash: String, offset: UInt64
  ) {
    self.init(
      schema: schema, seq: seq, id: id, recordedAt: recordedAt, recordedBy: recordedBy, type: type, account: account,
      data: data, batch: batch, chainHash: HashHex(hash) ?? .genesis, offset: offset)
  }

  init(
    schema: Int, seq: Int, id: String, recordedAt: Timestamp, recordedBy: String, type: String, account: String?,
    data: JSONObject, batch: (index: Int, size: Int)?, chainHash: HashHex, offset: UInt64
  ) {
    self.schema = schema
    self.seq = seq
    self.id = id
    self.recordedAt = recordedAt
    self.recordedBy = recordedBy
    self.type = type
    self.account = account
    self.data = data
    self.batch = batch
    self.chainHash = chainHash
    self.offset = offset
  }

  /// This record with its writer's login.
  public func withLogin(_ login: String?) -> Record {
    var record = self
    record.login = login
    return record
  }

  public static func == (lhs: Record, rhs: Record) -> Bool {
    lhs.schema == rhs.schema && lhs.seq == rhs.seq && lhs.id == rhs.id && lhs.recordedAt == rhs.recordedAt
      && lhs.recordedBy == rhs.recordedBy && lhs.login == rhs.login && lhs.type == rhs.type
      && lhs.account == rhs.account
      && lhs.data == rhs.data && lhs.batch?.index == rhs.batch?.index && lhs.batch?.size == rhs.batch?.size
      && lhs.chainHash == rhs.chainHash && lhs.offset == rhs.offset
  }

  /// Whether this record ends its batch (always true outside a batch).
  public var closesBatch: Bool {
    guard let batch else { return true }
    return batch.index == batch.size
  }
}

/// An event about to be appended: everything but its sequence number and hash.
public struct EventDraft: Sendable, Equatable {
  public var id: String
  public var type: String
  public var account: String?
  public var data: JSONObject

  public init(id: String = EventDraft.newID(), type: String, account: String? = nil, data: JSONObject = JSONObject()) {
    self.id = id
    self.type = type
    self.account = account
    self.data = data
  }

  /// A random (version 4) UUID in lowercase.
  public static func newID() -> String {
    var generator = SystemRandomNumberGenerator()
    var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    bytes[6] = bytes[6] & 0x0F | 0x40
    bytes[8] = bytes[8] & 0x3F | 0x80
    let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }
    return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(separator: "-")
  }
}

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
