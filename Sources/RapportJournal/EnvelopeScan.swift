/// A line's envelope as the hash-checking thread reads it for the parsing thread: the scalars parsed,
/// and where the strings and the data object sit. Plain values only: no heap object crosses from one
/// thread to the other (objects made on one core and read on the other cost as much as parsing them).
///
/// Only a line laid out as Rapport writes it gets one: every field once, no other field, each value of
/// its kind. Anything else is decoded whole by `RecordDecoder`, so a bad line's error is the same
/// either way; the parsing thread also falls back to it when a string or the data does not parse.
struct EnvelopeScan {
  /// Where a value's bytes sit in the line (8 bytes: a chunk's scans are handed over whole).
  struct Span {
    var start: UInt32 = 0
    var end: UInt32 = 0

    init() {}

    init(_ range: Range<Int>) {
      start = UInt32(truncatingIfNeeded: range.lowerBound)
      end = UInt32(truncatingIfNeeded: range.upperBound)
    }

    var range: Range<Int> { Int(start)..<Int(end) }
  }

  var schema = 0
  var seq = 0
  var at = Timestamp(milliseconds: 0)
  /// 0 when the record is not part of a batch.
  var batchIndex: Int32 = 0
  var batchSize: Int32 = 0
  var id = Span()
  var by = Span()
  var type = Span()
  var data = Span()
  var account: Span?

  /// The envelope of `line`, or nil when the line must be decoded whole.
  static func scan(_ line: UnsafeRawBufferPointer) -> EnvelopeScan? {
    let suffixLength = RecordEncoder.suffixLength
    guard line.count > suffixLength + 2, line.count <= Int(UInt32.max) else { return nil }
    var scan = EnvelopeScan()
    var seen: UInt16 = 0
    var hashOffset = -1
    var lastKeyWasHash = false
    do {
      try JSONParser.walkObject(line) { key, parser throws(JSONParser.Failure) in
        let bit = try scan.read(key, &parser, hashOffset: &hashOffset)
        guard bit != 0, seen & bit == 0 else { throw JSONParser.Failure(offset: parser.offset, reason: "decode whole") }
        seen |= bit
        lastKeyWasHash = bit == Self.hashBit
      }
    } catch {
      return nil
    }
    let required: UInt16 = 0b1111_1111  // every field but batch and account
    guard seen & required == required, (1...Record.currentSchema).contains(scan.schema), scan.seq >= 1,
      lastKeyWasHash, hashOffset == line.count - suffixLength + RecordEncoder.hashFieldPrefix.count
    else { return nil }
    return scan
  }

  private static let hashBit: UInt16 = 128

  /// Reads one member; returns its field's bit, 0 for a member this scan does not take.
  private mutating func read(
    _ key: UnsafeRawBufferPointer, _ parser: inout JSONParser, hashOffset: inout Int
  ) throws(JSONParser.Failure) -> UInt16 {
    switch key.count {
    case 1 where key[0] == UInt8(ascii: "v"):
      guard let value = try parser.value().intValue else { return 0 }
      schema = value
      return 1
    case 2 where EnvelopeFields.equals(key, "at"):
      guard let time = Timestamp(parsing: try parser.rawString()) else { return 0 }
      at = time
      return 2
    case 2 where EnvelopeFields.equals(key, "by"):
      by = Span(try parser.skipString())
      return 4
    case 2 where EnvelopeFields.equals(key, "id"):
      id = Span(try parser.skipString())
      return 8
    case 3 where EnvelopeFields.equals(key, "seq"):
      guard let value = try parser.value().intValue else { return 0 }
      seq = value
      return 16
    case 4 where EnvelopeFields.equals(key, "type"):
      type = Span(try parser.skipString())
      return 32
    case 4 where EnvelopeFields.equals(key, "data"):
      data = Span(try parser.skipObject())
      return 64
    case 4 where EnvelopeFields.equals(key, "hash"):
      // Read again from the line's end by the parsing thread: checked here to be there, and hex.
      hashOffset = parser.offset + 1
      return ChainHash.isHex(try parser.rawString()) ? Self.hashBit : 0
    case 5 where EnvelopeFields.equals(key, "batch"):
      guard let pair = try parser.value().arrayValue, pair.count == 2, let index = pair[0].intValue,
        let size = pair[1].intValue, size >= 1, size <= Int32.max, (1...size).contains(index)
      else { return 0 }
      batchIndex = Int32(index)
      batchSize = Int32(size)
      return 256
    case 7 where EnvelopeFields.equals(key, "account"):
      account = Span(try parser.skipString())
      return 512
    default:
      return 0
    }
  }

  /// The record this envelope describes, or nil when a string or the data does not parse (the line is
  /// then decoded whole, for its error).
  func record(in line: UnsafeRawBufferPointer, offset: UInt64) -> Record? {
    func bytes(_ span: Span) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: line[span.range]) }
    guard let hash = HashHex(UnsafeRawBufferPointer(rebasing: line[(line.count - 66)..<(line.count - 2)])),
      let id = JSONParser.string(exactly: bytes(id)), !id.isEmpty,
      let by = JSONParser.string(exactly: bytes(by)), let type = JSONParser.string(exactly: bytes(type)),
      !type.isEmpty, let data = JSONParser.object(exactly: bytes(data))
    else { return nil }
    var slug: String?
    if let account {
      guard let text = JSONParser.string(exactly: bytes(account)) else { return nil }
      slug = text
    }
    return Record(
      schema: schema, seq: seq, id: id, recordedAt: at, recordedBy: by, type: type, account: slug, data: data,
      batch: batchIndex > 0 ? (Int(batchIndex), Int(batchSize)) : nil, chainHash: hash, offset: offset)
  }
}
