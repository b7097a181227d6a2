import Glibc

/// Reads one journal line (without its newline) into a `Record`, checking its chain hash.
///
/// The envelope is walked field by field straight from the bytes (no intermediate JSON object, no
/// string for the time or the hash): this is the replay hot path.
public enum RecordDecoder {
  public enum Failure: Error, Sendable, Equatable {
    /// Not a well-formed record; the text says which field or byte.
    case malformed(String)
    /// Written by a newer version of Rapport.
    case newerSchema(Int)
    /// Well-formed, but its hash does not match its bytes and the previous record's hash.
    case checksumMismatch(seq: Int)
  }

  /// Decodes `line`; `previous` is the prior record's hash (64 hex bytes), or nil to skip the chain
  /// check (the caller then compares `hash` itself).
  public static func decode(
    _ line: UnsafeRawBufferPointer, offset: UInt64, previous: [UInt8]?
  ) throws(Failure) -> Record {
    try decode(line, offset: offset, chain: previous.flatMap { bytes in bytes.withUnsafeBytes { HashHex($0) } })
  }

  /// The record as the parallel replay builds it from the checking thread's `EnvelopeScan`, or nil
  /// when that path leaves the line to `decode` (for the fuzzer: whatever it gives, `decode` must too).
  @_spi(Fuzzing)
  public static func decodeThroughEnvelope(_ line: UnsafeRawBufferPointer, offset: UInt64) -> Record? {
    EnvelopeScan.scan(line)?.record(in: line, offset: offset)
  }

  static func decode(_ line: UnsafeRawBufferPointer, offset: UInt64, chain previous: HashHex?) throws(Failure) -> Record
  {
    let suffixLength = RecordEncoder.suffixLength
    guard line.count > suffixLength + 2 else { throw .malformed("line too short to be a record") }
    var fields = EnvelopeFields()
    do {
      try JSONParser.walkObject(line) { key, parser throws(JSONParser.Failure) in try fields.read(key, &parser) }
    } catch {
      throw .malformed("invalid JSON: \(error)")
    }
    guard let schema = fields.schema else { throw .malformed("field \"v\" missing or not an integer") }
    if schema > Record.currentSchema { throw .newerSchema(schema) }
    guard schema >= 1 else { throw .malformed("field \"v\" must be at least 1") }
    let hashStart = line.count - suffixLength
    guard fields.lastKeyWasHash, fields.hashOffset == hashStart + RecordEncoder.hashFieldPrefix.count,
      let hash = fields.hash
    else { throw .malformed("field \"hash\" missing, misplaced or not 64 lowercase hex digits") }
    let record = try fields.record(hash: hash, offset: offset)
    if let previous {
      let expected = ChainHash.hash(previous: previous, body: UnsafeRawBufferPointer(rebasing: line[0..<hashStart]))
      guard expected == hash else { throw .checksumMismatch(seq: record.seq) }
    }
    return record
  }
}

/// The envelope's fields as they are read.
struct EnvelopeFields {
  var schema: Int?
  var seq: Int?
  var id: String?
  var at: Timestamp?
  var by: String?
  var type: String?
  var account: String?
  var batch: (Int, Int)?
  var data: JSONObject?
  var hash: HashHex?
  var hashOffset = -1
  var lastKeyWasHash = false
  var problem: String?
  var seen: UInt16 = 0

  mutating func read(_ key: UnsafeRawBufferPointer, _ parser: inout JSONParser) throws(JSONParser.Failure) {
    let bit: UInt16
    lastKeyWasHash = false
    switch key.count {
    case 1 where key[0] == UInt8(ascii: "v"):
      bit = 1
      schema = try parser.value().intValue
    case 2 where Self.equals(key, "at"):
      bit = 2
      let raw = try parser.rawString()
      at = Timestamp(parsing: raw)
      if at == nil { problem = problem ?? "field \"at\" is not an ISO 8601 UTC time" }
    case 2 where Self.equals(key, "by"):
      bit = 4
      by = try parser.string()
    case 2 where Self.equals(key, "id"):
      bit = 8
      id = try parser.string()
    case 3 where Self.equals(key, "seq"):
      bit = 16
      seq = try parser.value().intValue
    case 4 where Self.equals(key, "type"):
      bit = 32
      type = try parser.string()
    case 4 where Self.equals(key, "data"):
      bit = 64
      data = try parser.value().objectValue
      if data == nil { problem = problem ?? "field \"data\" is not an object" }
    case 4 where Self.equals(key, "hash"):
      bit = 128
      hashOffset = parser.offset + 1
      let raw = try parser.rawString()
      hash = ChainHash.isHex(raw) ? HashHex(raw) : nil
      lastKeyWasHash = true
    case 5 where Self.equals(key, "batch"):
      bit = 256
      let value = try parser.value()
      if let pair = value.arrayValue, pair.count == 2, let index = pair[0].intValue, let size = pair[1].intValue,
        size >= 1,
        (1...size).contains(index)
      {
        batch = (index, size)
      } else {
        problem = problem ?? "field \"batch\" is not [index, size]"
      }
    case 7 where Self.equals(key, "account"):
      bit = 512
      let value = try parser.value()
      account = value.stringValue
      if account == nil { problem = problem ?? "field \"account\" is not a string" }
    default:
      bit = 0
      _ = try parser.value()
    }
    if bit != 0 {
      if seen & bit != 0 { problem = problem ?? "duplicate field \"\(String(decoding: key, as: UTF8.self))\"" }
      seen |= bit
    }
  }

  func record(hash: HashHex, offset: UInt64) throws(RecordDecoder.Failure) -> Record {
    if let problem { throw .malformed(problem) }
    guard let seq, seq >= 1 else { throw .malformed("field \"seq\" missing or not a positive integer") }
    guard let id, !id.isEmpty else { throw .malformed("field \"id\" missing") }
    guard let at else { throw .malformed("field \"at\" missing or not an ISO 8601 UTC time") }
    guard let by else { throw .malformed("field \"by\" missing") }
    guard let type, !type.isEmpty else { throw .malformed("field \"type\" missing") }
    guard let data else { throw .malformed("field \"data\" missing or not an object") }
    return Record(
      schema: schema ?? 1, seq: seq, id: id, recordedAt: at, recordedBy: by, type: type, account: account, data: data,
      batch: batch, chainHash: hash, offset: offset)
  }

  static func equals(_ bytes: UnsafeRawBufferPointer, _ text: StaticString) -> Bool {
    guard bytes.count == text.utf8CodeUnitCount, let base = bytes.baseAddress else { return false }
    return memcmp(base, text.utf8Start, bytes.count) == 0
  }
}
