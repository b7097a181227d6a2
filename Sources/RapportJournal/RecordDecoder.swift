/// Reads one journal line (without its newline) into a `Record`, checking its chain hash.
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
    let suffixLength = RecordEncoder.suffixLength
    guard line.count > suffixLength + 2 else { throw .malformed("line too short to be a record") }
    let value: JSONValue
    do { value = try JSONParser.parse(line) } catch { throw .malformed("invalid JSON: \(error)") }
    guard case .object(let object) = value else { throw .malformed("not a JSON object") }
    guard let schema = object["v"]?.intValue else { throw .malformed("field \"v\" missing or not an integer") }
    if schema > Record.currentSchema { throw .newerSchema(schema) }
    guard schema >= 1 else { throw .malformed("field \"v\" must be at least 1") }
    let hashStart = line.count - suffixLength
    let hashBytes = UnsafeRawBufferPointer(rebasing: line[(hashStart + RecordEncoder.hashFieldPrefix.count)..<(line.count - 2)])
    guard object.keys.last == "hash", ChainHash.isHex(hashBytes),
      line[line.count - 2] == UInt8(ascii: "\""), line[line.count - 1] == UInt8(ascii: "}")
    else { throw .malformed("field \"hash\" missing, misplaced or not 64 lowercase hex digits") }
    let record = try fields(of: object, schema: schema, offset: offset)
    if let previous {
      let expected = ChainHash.hash(previous: previous, body: UnsafeRawBufferPointer(rebasing: line[0..<hashStart]))
      guard expected.elementsEqual(hashBytes) else { throw .checksumMismatch(seq: record.seq) }
    }
    return record
  }

  private static func fields(of object: JSONObject, schema: Int, offset: UInt64) throws(Failure) -> Record {
    guard let seq = object["seq"]?.intValue, seq >= 1 else { throw .malformed("field \"seq\" missing or not a positive integer") }
    guard let id = object["id"]?.stringValue, !id.isEmpty else { throw .malformed("field \"id\" missing") }
    guard let atText = object["at"]?.stringValue, let at = Timestamp(parsing: atText) else {
      throw .malformed("field \"at\" missing or not an ISO 8601 UTC time")
    }
    guard let by = object["by"]?.stringValue else { throw .malformed("field \"by\" missing") }
    guard let type = object["type"]?.stringValue, !type.isEmpty else { throw .malformed("field \"type\" missing") }
    var account: String?
    if let value = object["account"] {
      guard let slug = value.stringValue else { throw .malformed("field \"account\" is not a string") }
      account = slug
    }
    var batch: (Int, Int)?
    if let value = object["batch"] {
      guard let pair = value.arrayValue, pair.count == 2, let index = pair[0].intValue, let size = pair[1].intValue,
        size >= 1, (1...size).contains(index)
      else { throw .malformed("field \"batch\" is not [index, size]") }
      batch = (index, size)
    }
    guard let data = object["data"]?.objectValue else { throw .malformed("field \"data\" missing or not an object") }
    guard let hash = object["hash"]?.stringValue else { throw .malformed("field \"hash\" missing") }
    return Record(
      schema: schema, seq: seq, id: id, recordedAt: at, recordedBy: by, type: type, account: account, data: data,
      batch: batch, hash: hash, offset: offset)
  }
}
