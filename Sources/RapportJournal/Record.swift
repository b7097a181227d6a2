/// One line of the journal: an event with its envelope and its place in the hash chain.
public struct Record: Sendable, Equatable {
  /// The schema this build writes and the newest it can read.
  public static let currentSchema = 1
  /// The type of the first record of every journal.
  public static let genesisType = "journal.created"

  public var schema: Int
  public var seq: Int
  /// A UUID, so that a retry after an unknown outcome can be recognised.
  public var eventID: EventID
  /// The id's text.
  public var id: String {
    get { eventID.description }
    set { eventID = EventID(newValue) }
  }
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

  /// This record with its writer's login.
  public func withLogin(_ login: String?) -> Record {
    var record = self
    record.login = login
    return record
  }

  public static func == (lhs: Record, rhs: Record) -> Bool {
    lhs.schema == rhs.schema && lhs.seq == rhs.seq && lhs.eventID == rhs.eventID && lhs.recordedAt == rhs.recordedAt
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

// The initialisers are in an extension so that the memberwise one exists: they build through it.
// A record made by an initialiser of the struct's own that set each property was built, then copied
// whole and the first one released (an outlined copy: a retain and a release of each of its strings),
// on every record of a replay.
extension Record {
  public init(
    schema: Int, seq: Int, id: String, recordedAt: Timestamp, recordedBy: String, type: String, account: String?,
    data: JSONObject, batch: (index: Int, size: Int)?, hash: String, offset: UInt64
  ) {
    self.init(
      schema: schema, seq: seq, id: EventID(id), recordedAt: recordedAt, recordedBy: recordedBy, type: type,
      account: account, data: data, batch: batch, chainHash: HashHex(hash) ?? .genesis, offset: offset)
  }

  init(
    schema: Int, seq: Int, id: EventID, recordedAt: Timestamp, recordedBy: String, login: String? = nil,
    type: String, account: String?, data: JSONObject, batch: (index: Int, size: Int)?, chainHash: HashHex,
    offset: UInt64
  ) {
    self.init(
      schema: schema, seq: seq, eventID: id, recordedAt: recordedAt, recordedBy: recordedBy, login: login, type: type,
      account: account, data: data, batch: batch, chainHash: chainHash, offset: offset)
  }
}
