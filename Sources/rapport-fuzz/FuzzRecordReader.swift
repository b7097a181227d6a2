@_spi(Fuzzing) import RapportJournal

/// libFuzzer's entry point: the bytes go to the journal reader, the record decoder and the JSON parser,
/// which may reject them but must never crash, and must keep the invariants `RecordReaderFuzzer` checks.
/// Build and run with `Scripts/fuzz.sh`; replay one input with `swift run rapport-fuzz FILE`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  RecordReaderFuzzer.run(UnsafeRawBufferPointer(start: data, count: size))
  return 0
}

/// Feeds one input to every reader of untrusted journal bytes and checks what they accept.
enum RecordReaderFuzzer {
  static func run(_ bytes: UnsafeRawBufferPointer) {
    scanWhole(bytes)
    decodeAsOneLine(bytes)
    parseAsJSON(bytes)
  }

  // MARK: Scanner

  /// Scans from the start, then checks that a reader following the file (a scan of a prefix ending at a
  /// line boundary, resumed from where it stopped) delivers exactly the same records.
  private static func scanWhole(_ bytes: UnsafeRawBufferPointer) {
    guard let whole = scan(bytes, from: .start) else { return }
    check(whole, over: bytes)
    // Resuming where the scan stopped finds nothing new: the rest is an unfinished tail.
    let restStart = Int(whole.outcome.position.offset)
    if let again = scan(UnsafeRawBufferPointer(rebasing: bytes[restStart...]), from: whole.outcome.position) {
      precondition(again.records.isEmpty, "a rescan from the end position delivered records")
      precondition(again.outcome.position == whole.outcome.position, "a rescan moved the end position")
    }
    // Split at a line boundary in the middle.
    var split = bytes.count / 2
    while split > 0, bytes[split - 1] != 0x0A { split -= 1 }
    guard split > 0, let head = scan(UnsafeRawBufferPointer(rebasing: bytes[..<split]), from: .start) else { return }
    let resume = Int(head.outcome.position.offset)
    guard let tail = scan(UnsafeRawBufferPointer(rebasing: bytes[resume...]), from: head.outcome.position) else {
      return
    }
    precondition(
      head.records + tail.records == whole.records, "following the file delivered other records than one scan")
    precondition(tail.outcome.position == whole.outcome.position, "following the file ended elsewhere than one scan")
  }

  private static func scan(
    _ bytes: UnsafeRawBufferPointer, from position: JournalPosition
  ) -> (records: [Record], outcome: JournalScanner.Outcome)? {
    var records: [Record] = []
    do {
      let outcome = try JournalScanner.scan(bytes, from: position, path: "fuzz-input") { records.append($0) }
      return (records, outcome)
    } catch is JournalError {
      return nil
    } catch {
      fatalError("the scanner threw something other than a JournalError: \(error)")
    }
  }

  private static func check(
    _ result: (records: [Record], outcome: JournalScanner.Outcome), over bytes: UnsafeRawBufferPointer
  ) {
    let size = UInt64(bytes.count)
    let outcome = result.outcome
    precondition(outcome.accepted == result.records.count, "accepted count differs from records delivered")
    precondition(outcome.position.offset <= size, "position past the end")
    precondition(
      outcome.position.offset == 0 || bytes[Int(outcome.position.offset) - 1] == 0x0A, "position not at a line start")
    var previous: Record?
    for record in result.records {
      precondition(record.offset < outcome.position.offset, "record delivered past the resume position")
      precondition(
        record.offset < size && (record.offset == 0 || bytes[Int(record.offset) - 1] == 0x0A),
        "record offset not at a line")
      precondition(isLowercaseHex(record.hash), "accepted record's hash is not 64 lowercase hex digits: \(record.hash)")
      precondition(record.schema == Record.currentSchema, "accepted a record of another schema")
      if let previous {
        precondition(record.seq > previous.seq && record.offset > previous.offset, "records delivered out of order")
      }
      previous = record
    }
    if let first = result.records.first, first.offset == 0 {
      precondition(
        first.seq == 1 && first.type == Record.genesisType, "accepted a first line that is not journal.created")
    }
    for problem in outcome.problems + [outcome.pendingTail].compactMap({ $0 }) {
      precondition(problem.offset + UInt64(problem.length) <= size, "problem reaches past the end: \(problem)")
    }
    if let pending = outcome.pendingTail {
      precondition(pending.offset >= outcome.position.offset, "pending tail before the resume position")
    } else {
      precondition(outcome.position.offset == size, "no pending tail, yet bytes are left over")
    }
  }

  // MARK: Decoder

  /// Decodes the input as one line (without and with a chain check), and checks that what it accepts
  /// survives being encoded again, and that the parallel replay's envelope path reads it the same.
  private static func decodeAsOneLine(_ bytes: UnsafeRawBufferPointer) {
    if let fast = RecordDecoder.decodeThroughEnvelope(bytes, offset: 0) {
      let whole = try? RecordDecoder.decode(bytes, offset: 0, previous: nil)
      precondition(whole == fast, "the envelope path read a line otherwise than the decoder")
      // A replay's data may be flat (FlatObject): each key must read as the parsed object reads it.
      for key in fast.data.keys + ["date", "d", "K", "\u{212A}"] {
        precondition(fast.data[key] == whole?.data[key], "the envelope path read \(key) otherwise")
        // Its dates were parsed on the checking thread: each must be the day its text names.
        precondition(
          fast.data.day(forKey: key) == whole?.data.day(forKey: key), "the envelope path read \(key) as a day otherwise"
        )
      }
    }
    for previous in [nil, ChainHash.genesis] {
      let record: Record
      do throws(RecordDecoder.Failure) {
        record = try RecordDecoder.decode(bytes, offset: 0, previous: previous)
      } catch {
        continue
      }
      precondition(record.seq >= 1, "accepted seq \(record.seq)")
      if let batch = record.batch { precondition((1...batch.size).contains(batch.index), "accepted batch \(batch)") }
      let statedHash = Array(bytes[(bytes.count - 66)..<(bytes.count - 2)])
      precondition(
        Array(record.hash.utf8) == statedHash, "the record's hash \(record.hash) differs from the bytes the chain uses")
      reencode(record)
    }
  }

  private static func reencode(_ record: Record) {
    let draft = EventDraft(id: record.id, type: record.type, account: record.account, data: record.data)
    let line = RecordEncoder.line(
      for: draft, seq: record.seq, at: record.recordedAt, by: record.recordedBy, login: record.login,
      batch: record.batch, previous: ChainHash.genesis)
    let decoded: Record? = line.bytes.dropLast().withUnsafeBytes { raw in
      try? RecordDecoder.decode(raw, offset: record.offset, previous: ChainHash.genesis)
    }
    guard let decoded else {
      fatalError("a re-encoded record does not decode: \(String(decoding: line.bytes, as: UTF8.self))")
    }
    let expected = Record(
      schema: record.schema, seq: record.seq, id: record.id, recordedAt: record.recordedAt,
      recordedBy: record.recordedBy,
      type: record.type, account: record.account, data: record.data, batch: record.batch,
      hash: String(decoding: line.hash, as: UTF8.self), offset: record.offset
    ).withLogin(record.login)
    precondition(decoded == expected, "a record changed when encoded again")
  }

  // MARK: JSON

  private static func parseAsJSON(_ bytes: UnsafeRawBufferPointer) {
    guard let value = try? JSONParser.parse(bytes) else { return }
    let written = JSONWriter.bytes(of: value)
    guard let reparsed = try? JSONParser.parse(written) else {
      fatalError("the parser rejects what the writer wrote: \(String(decoding: written, as: UTF8.self))")
    }
    precondition(reparsed == value, "a JSON value changed when written and parsed again")
    precondition(JSONWriter.bytes(of: reparsed) == written, "writing JSON is not reproducible")
  }

  private static func isLowercaseHex(_ text: String) -> Bool {
    text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
  }
}
