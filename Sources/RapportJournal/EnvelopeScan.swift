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
    /// For a string: it has neither an escape nor a control character, so its text is its bytes
    /// between the quotes.
    var isPlain = false

    init() {}

    init(_ range: Range<Int>, isPlain: Bool = false) {
      start = UInt32(truncatingIfNeeded: range.lowerBound)
      end = UInt32(truncatingIfNeeded: range.upperBound)
      self.isPlain = isPlain
    }

    init(_ string: (range: Range<Int>, isPlain: Bool)) { self.init(string.range, isPlain: string.isPlain) }

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
  var login: Span?
  /// Where the data object's strings end, as indices into the list `scan` appended them to (see
  /// `JSONParser.skipObject(recordingStringEnds:)`).
  var dataStringEnds = 0..<0

  /// The record `line` holds, read through its envelope on one thread; nil when the line must be decoded
  /// whole.
  static func record(of line: UnsafeRawBufferPointer, offset: UInt64) -> Record? {
    var stringEnds: [UInt32] = []
    guard let scan = scan(line, stringEnds: &stringEnds) else { return nil }
    return stringEnds.withUnsafeBufferPointer { scan.record(in: line, offset: offset, stringEnds: $0) }
  }

  /// The envelope of `line`, or nil when the line must be decoded whole. The data object's string ends
  /// are appended to `stringEnds` (and taken off again when the line must be decoded whole).
  static func scan(_ line: UnsafeRawBufferPointer, stringEnds: inout [UInt32]) -> EnvelopeScan? {
    let firstEnd = stringEnds.count
    guard let scan = scan(line, appendingTo: &stringEnds) else {
      stringEnds.removeSubrange(firstEnd...)
      return nil
    }
    return scan
  }

  private static func scan(_ line: UnsafeRawBufferPointer, appendingTo stringEnds: inout [UInt32]) -> EnvelopeScan? {
    let suffixLength = RecordEncoder.suffixLength
    guard line.count > suffixLength + 2, line.count <= Int(UInt32.max) else { return nil }
    var scan = EnvelopeScan()
    var seen: UInt16 = 0
    var hashOffset = -1
    var lastKeyWasHash = false
    do {
      try JSONParser.walkObject(line) { key, parser throws(JSONParser.Failure) in
        guard let field = try scan.read(key, &parser, hashOffset: &hashOffset, stringEnds: &stringEnds),
          seen & field.rawValue == 0
        else {
          throw JSONParser.Failure(offset: parser.offset, reason: "decode whole")
        }
        seen |= field.rawValue
        lastKeyWasHash = field == .hash
      }
    } catch {
      return nil
    }
    guard seen & Self.required == Self.required, (1...Record.currentSchema).contains(scan.schema), scan.seq >= 1,
      lastKeyWasHash, hashOffset == line.count - suffixLength + RecordEncoder.hashFieldPrefix.count
    else { return nil }
    return scan
  }

  /// Every field but the batch and the account.
  private static let required = [EnvelopeField.schema, .at, .by, .id, .seq, .type, .data, .hash].reduce(0) {
    $0 | $1.rawValue
  }

  /// Reads one member; returns its field, nil for a member this scan does not take.
  private mutating func read(
    _ key: UnsafeRawBufferPointer, _ parser: inout JSONParser, hashOffset: inout Int, stringEnds: inout [UInt32]
  ) throws(JSONParser.Failure) -> EnvelopeField? {
    guard let field = EnvelopeField(key: key) else { return nil }
    switch field {
    case .schema:
      guard let value = try parser.value().intValue else { return nil }
      schema = value
    case .at:
      guard let time = Timestamp(parsing: try parser.rawString()) else { return nil }
      at = time
    case .by: by = Span(try parser.skipStringNotingEscapes())
    case .id: id = Span(try parser.skipStringNotingEscapes())
    case .seq:
      guard let value = try parser.value().intValue else { return nil }
      seq = value
    case .type: type = Span(try parser.skipStringNotingEscapes())
    case .data:
      let first = stringEnds.count
      data = Span(try parser.skipObject(recordingStringEnds: &stringEnds))
      dataStringEnds = first..<stringEnds.count
    case .hash:
      // Read again from the line's end by the parsing thread: checked here to be there, and hex.
      hashOffset = parser.offset + 1
      guard ChainHash.isHex(try parser.rawString()) else { return nil }
    case .batch:
      guard let batch = EnvelopeField.batch(try parser.value()), batch.size <= Int32.max else { return nil }
      batchIndex = Int32(batch.index)
      batchSize = Int32(batch.size)
    case .account: account = Span(try parser.skipStringNotingEscapes())
    case .login: login = Span(try parser.skipStringNotingEscapes())
    }
    return field
  }

  /// The record this envelope describes, or nil when a string or the data does not parse (the line is
  /// then decoded whole, for its error). `stringEnds` is the list `scan` appended to.
  func record(in line: UnsafeRawBufferPointer, offset: UInt64, stringEnds: UnsafeBufferPointer<UInt32>) -> Record? {
    func bytes(_ span: Span) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: line[span.range]) }
    func string(_ span: Span) -> String? {
      guard span.isPlain else { return JSONParser.string(exactly: bytes(span)) }
      return String(
        decoding: UnsafeRawBufferPointer(rebasing: line[(Int(span.start) + 1)..<(Int(span.end) - 1)]), as: UTF8.self)
    }
    guard let hash = HashHex(statedBy: line),
      let id = string(id), !id.isEmpty,
      let by = string(by), let type = string(type),
      !type.isEmpty,
      let data = JSONParser.object(exactly: bytes(data), stringEnds: .init(rebasing: stringEnds[dataStringEnds]))
    else { return nil }
    var slug: String?
    if let account {
      guard let text = string(account) else { return nil }
      slug = text
    }
    var writer: String?
    if let login {
      guard let text = string(login) else { return nil }
      writer = text
    }
    return Record(
      schema: schema, seq: seq, id: id, recordedAt: at, recordedBy: by, login: writer, type: type, account: slug,
      data: data, batch: batchIndex > 0 ? (Int(batchIndex), Int(batchSize)) : nil, chainHash: hash, offset: offset)
  }
}
