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
    /// A string's bytes between its quotes.
    var innerRange: Range<Int> { (Int(start) + 1)..<(Int(end) - 1) }
  }

  var schema = 0
  var seq = 0
  var at = Timestamp(milliseconds: 0)
  /// 0 when the record is not part of a batch.
  var batchIndex: Int32 = 0
  var batchSize: Int32 = 0
  var id = Span()
  /// Where the id's 16 bytes are in the notes' `uuids` (two words from twice this) when it is a UUID
  /// in canonical form, read here so that the folding thread need not make a string of it; `.max` when
  /// it is not. In the notes, not here: an envelope larger than this one was copied by a call to
  /// `memcpy` each time it was handed on (six times a record).
  var uuidNote = UInt32.max
  var by = Span()
  var type = Span()
  var data = Span()
  var account: Span?
  var login: Span?
  /// When the data object can be kept as a `FlatObject` (see `JSONParser.walkFlatObject`), the indices
  /// of its members in the notes' `members`; else of where its strings end in the notes' `stringEnds`
  /// (see `JSONParser.skipObject(recordingStringEnds:)`). Small, as the whole scan is: each is copied
  /// into the chunk's list, and out of it.
  var dataNotes: Range<UInt32> = 0..<0
  var dataIsFlat = false
  /// Whether the flat data holds an array or an object (parsed only when the record is built).
  var dataHasNested = false

  /// `dataNotes` when the data is not flat.
  var dataStringEnds: Range<Int> { dataIsFlat ? 0..<0 : Int(dataNotes.lowerBound)..<Int(dataNotes.upperBound) }
  /// `dataNotes` when the data is flat.
  var dataMembers: Range<Int>? { dataIsFlat ? Int(dataNotes.lowerBound)..<Int(dataNotes.upperBound) : nil }

  /// What `scan` notes of a chunk's lines besides their envelopes, in lists shared by the chunk.
  struct Notes {
    var stringEnds: [UInt32] = []
    var members: [FlatMember] = []
    var uuids: [UInt64] = []

    init(reservingFor byteCount: Int = 0) {
      stringEnds.reserveCapacity(byteCount / 16)
      members.reserveCapacity(byteCount / 64)
      uuids.reserveCapacity(byteCount / 128)
    }

    /// The lists, where they lie, for as long as `body` runs.
    func withBuffers<Result>(_ body: (Buffers) throws -> Result) rethrows -> Result {
      try stringEnds.withUnsafeBufferPointer { ends in
        try members.withUnsafeBufferPointer { members in
          try uuids.withUnsafeBufferPointer { uuids in
            try body(Buffers(stringEnds: ends, members: members, uuids: uuids))
          }
        }
      }
    }
  }

  /// `Notes` where they lie.
  struct Buffers {
    var stringEnds: UnsafeBufferPointer<UInt32>
    var members: UnsafeBufferPointer<FlatMember>
    var uuids: UnsafeBufferPointer<UInt64>
  }

  /// The record `line` holds, read through its envelope on one thread; nil when the line must be decoded
  /// whole.
  static func record(of line: UnsafeRawBufferPointer, offset: UInt64) -> Record? {
    var notes = Notes()
    guard let scan = scan(line, notes: &notes) else { return nil }
    var reading = RecordReading()
    return notes.withBuffers { scan.record(in: line, offset: offset, notes: $0, reading: &reading) }
  }

  /// The envelope of `line`, or nil when the line must be decoded whole. What it notes of the data is
  /// appended to `notes` (and taken off again when the line must be decoded whole).
  static func scan(_ line: UnsafeRawBufferPointer, notes: inout Notes) -> EnvelopeScan? {
    let firstEnd = notes.stringEnds.count
    let firstMember = notes.members.count
    guard let scan = scan(line, appendingTo: &notes) else {
      notes.stringEnds.removeSubrange(firstEnd...)
      notes.members.removeSubrange(firstMember...)
      return nil
    }
    return scan
  }

  private static func scan(_ line: UnsafeRawBufferPointer, appendingTo notes: inout Notes) -> EnvelopeScan? {
    let suffixLength = RecordEncoder.suffixLength
    guard line.count > suffixLength + 2, line.count <= Int(UInt32.max) else { return nil }
    var scan = EnvelopeScan()
    var seen: UInt16 = 0
    var hashOffset = -1
    var lastKeyWasHash = false
    do {
      try JSONParser.walkObject(line) { key, parser throws(JSONParser.Failure) in
        guard let field = try scan.read(key, &parser, hashOffset: &hashOffset, notes: &notes),
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
    if scan.id.isPlain, let bits = EventID.uuidBits(UnsafeRawBufferPointer(rebasing: line[scan.id.innerRange])) {
      scan.uuidNote = UInt32(truncatingIfNeeded: notes.uuids.count / 2)
      notes.uuids.append(bits.high)
      notes.uuids.append(bits.low)
    }
    return scan
  }

  /// Every field but the batch and the account.
  private static let required = [EnvelopeField.schema, .at, .by, .id, .seq, .type, .data, .hash].reduce(0) {
    $0 | $1.rawValue
  }

  /// Reads one member; returns its field, nil for a member this scan does not take.
  private mutating func read(
    _ key: UnsafeRawBufferPointer, _ parser: inout JSONParser, hashOffset: inout Int, notes: inout Notes
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
      let firstMember = notes.members.count
      if let range = parser.walkFlatObject(appendingTo: &notes.members) {
        data = Span(range)
        dataNotes = UInt32(truncatingIfNeeded: firstMember)..<UInt32(truncatingIfNeeded: notes.members.count)
        dataIsFlat = true
        dataHasNested = notes.members[firstMember...].contains { $0.kind == .nested }
      } else {
        let first = notes.stringEnds.count
        data = Span(try parser.skipObject(recordingStringEnds: &notes.stringEnds))
        dataNotes = UInt32(truncatingIfNeeded: first)..<UInt32(truncatingIfNeeded: notes.stringEnds.count)
      }
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

  /// Whether the line is a batch member before the batch's last whose record cannot fail to be built
  /// from this envelope (see `record(in:offset:notes:)`): every string plain, the id and the type not
  /// empty, the data flat with nothing nested in it, and not the journal's first record.
  var isHeldMember: Bool {
    batchIndex > 0 && batchIndex < batchSize && seq > 1 && id.isPlain && id.end - id.start > 2 && by.isPlain
      && type.isPlain && type.end - type.start > 2 && (account?.isPlain ?? true) && (login?.isPlain ?? true)
      && dataIsFlat && !dataHasNested
  }

  /// The record this envelope describes, or nil when a string or the data does not parse (the line is
  /// then decoded whole, for its error). `notes` are those `scan` appended to.
  /// The writer, their login and the type come from `reading`'s strings when they were met before, and
  /// the data is copied into its spare storage when it has one.
  func record(
    in line: UnsafeRawBufferPointer, offset: UInt64, notes: Buffers, reading: inout RecordReading
  ) -> Record? {
    guard let hash = HashHex(statedBy: line), let id = eventID(in: line, notes: notes),
      let by = string(by, in: line, repeatedIn: &reading.strings),
      let type = string(type, in: line, repeatedIn: &reading.strings), !type.isEmpty,
      let data = data(in: line, notes: notes, reusing: &reading.spareData)
    else { return nil }
    var slug: String?
    if let account {
      guard let text = string(account, in: line) else { return nil }
      slug = text
    }
    var writer: String?
    if let login {
      guard let text = string(login, in: line, repeatedIn: &reading.strings) else { return nil }
      writer = text
    }
    return Record(
      schema: schema, seq: seq, id: id, recordedAt: at, recordedBy: by, login: writer, type: type, account: slug,
      data: data, batch: batchIndex > 0 ? (Int(batchIndex), Int(batchSize)) : nil, chainHash: hash, offset: offset)
  }

  /// A string's text: its bytes when it is plain, else parsed (nil when it does not parse).
  func string(_ span: Span, in line: UnsafeRawBufferPointer) -> String? {
    guard span.isPlain else { return JSONParser.string(exactly: UnsafeRawBufferPointer(rebasing: line[span.range])) }
    return String(decoding: UnsafeRawBufferPointer(rebasing: line[span.innerRange]), as: UTF8.self)
  }

  /// `string(_:in:)`, through `strings` when the string is plain.
  private func string(_ span: Span, in line: UnsafeRawBufferPointer, repeatedIn strings: inout RepeatedStrings)
    -> String?
  {
    guard span.isPlain else { return string(span, in: line) }
    return strings.string(UnsafeRawBufferPointer(rebasing: line[span.innerRange]))
  }

  /// The record's id: its 16 bytes when the checking thread found a UUID, else its text.
  func eventID(in line: UnsafeRawBufferPointer, notes: Buffers) -> EventID? {
    if uuidNote != .max {
      let index = Int(uuidNote) * 2
      return EventID(uuidHigh: notes.uuids[index], low: notes.uuids[index + 1])
    }
    guard let text = string(id, in: line), !text.isEmpty else { return nil }
    return EventID(text)
  }

  /// The data object: kept flat when its members were noted, else parsed.
  private func data(in line: UnsafeRawBufferPointer, notes: Buffers, reusing spare: inout FlatObject.Storage?)
    -> JSONObject?
  {
    let bytes = UnsafeRawBufferPointer(rebasing: line[data.range])
    guard let dataMembers else {
      return JSONParser.object(exactly: bytes, stringEnds: .init(rebasing: notes.stringEnds[dataStringEnds]))
    }
    return FlatObject.make(bytes, members: .init(rebasing: notes.members[dataMembers]), reusing: &spare)
      .map(JSONObject.init(flat:))
  }
}
