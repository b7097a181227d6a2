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
    EnvelopeScan.record(of: line, offset: offset)
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
private struct EnvelopeFields {
  var schema: Int?
  var seq: Int?
  var id: String?
  var at: Timestamp?
  var by: String?
  var type: String?
  var account: String?
  var login: String?
  var batch: (Int, Int)?
  var data: JSONObject?
  var hash: HashHex?
  var hashOffset = -1
  var lastKeyWasHash = false
  var problem: String?
  var seen: UInt16 = 0

  mutating func read(_ key: UnsafeRawBufferPointer, _ parser: inout JSONParser) throws(JSONParser.Failure) {
    lastKeyWasHash = false
    guard let field = EnvelopeField(key: key) else {
      _ = try parser.value()
      return
    }
    switch field {
    case .schema: schema = try parser.value().intValue
    case .at:
      at = Timestamp(parsing: try parser.rawString())
      if at == nil { problem = problem ?? "field \"at\" is not an ISO 8601 UTC time" }
    case .by: by = try parser.string()
    case .id: id = try parser.string()
    case .seq: seq = try parser.value().intValue
    case .type: type = try parser.string()
    case .data:
      data = try parser.value().objectValue
      if data == nil { problem = problem ?? "field \"data\" is not an object" }
    case .hash:
      hashOffset = parser.offset + 1
      let raw = try parser.rawString()
      hash = ChainHash.isHex(raw) ? HashHex(raw) : nil
      lastKeyWasHash = true
    case .batch:
      batch = EnvelopeField.batch(try parser.value())
      if batch == nil { problem = problem ?? "field \"batch\" is not [index, size]" }
    case .account:
      account = try parser.value().stringValue
      if account == nil { problem = problem ?? "field \"account\" is not a string" }
    case .login:
      login = try parser.value().stringValue
      if login == nil { problem = problem ?? "field \"login\" is not a string" }
    }
    if seen & field.rawValue != 0 {
      problem = problem ?? "duplicate field \"\(String(decoding: key, as: UTF8.self))\""
    }
    seen |= field.rawValue
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
      schema: schema ?? 1, seq: seq, id: EventID(id), recordedAt: at, recordedBy: by, login: login, type: type,
      account: account, data: data, batch: batch, chainHash: hash, offset: offset)
  }
}
