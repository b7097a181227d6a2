import XCTest

@testable import RapportJournal

/// A replay keeps each record's `data` as its bytes and a table of its members (`FlatObject`), noted on
/// the checking thread; what the fold reads of it must be exactly what the parser would have made, and
/// data the table cannot stand for must be parsed whole (or refused, as the decoder refuses it).
final class FlatObjectTests: XCTestCase {
  private let template = RecordEncoder.line(
    for: EventDraft(type: "note.added", account: "acme", data: JSONObject([("slot", .null)])), seq: 7,
    at: Timestamp(milliseconds: 1_790_000_000_000), by: "ana", batch: nil,
    previous: Array(String(repeating: "ab", count: 32).utf8))

  /// A line as the journal writes it, whose data is exactly `data`'s bytes.
  private func line(data: [UInt8]) -> [UInt8] {
    let text = Array(template.bytes.dropLast())
    let marker = Array(#""data":{"slot":null}"#.utf8)
    let start = try! XCTUnwrap(text.indices.first { text[$0...].starts(with: marker) })
    return Array(text[..<(start + 7)]) + data + Array(text[(start + marker.count)...])
  }

  private func line(data: String) -> [UInt8] { line(data: Array(data.utf8)) }

  /// The scan of `line` and the record read through it, or nil when the line is left to the decoder.
  private func scanned(_ line: [UInt8]) -> (scan: EnvelopeScan, record: Record?)? {
    line.withUnsafeBytes { bytes in
      var notes = EnvelopeScan.Notes()
      guard let scan = EnvelopeScan.scan(bytes, notes: &notes) else { return nil }
      var reading = RecordReading()
      return (scan, notes.withBuffers { scan.record(in: bytes, offset: 40, notes: $0, reading: &reading) })
    }
  }

  private func decoded(_ line: [UInt8]) throws -> Record {
    try line.withUnsafeBytes { bytes in try RecordDecoder.decode(bytes, offset: 40, chain: nil) }
  }

  func testFlatDataReadsAsTheParsedData() throws {
    let texts = [
      #"{}"#,
      #"{"value":182.1,"date":"2025-03-21"}"#,
      #"{ "a" : "x" ,"b":[ "y" , 1 , {"z":"\"q\""} ] , "c":{"d":null,"e":[]} }"#,
      #"{"n":-0,"m":1e300,"k":12345678901234567890,"f":0.1,"g":-12.5e-3,"t":true,"u":false,"z":null}"#,
      #"{"text":"東京 😀 é","":"an empty key","with":["Mei Chen","Ana"],"summary":"{braces} [and] , : "}"#,
      #"{"key":"\#(String(repeating: "long text ", count: 40))","kind":"call"}"#,
    ]
    for text in texts {
      let bytes = line(data: text)
      let (scan, read) = try XCTUnwrap(scanned(bytes), text)
      XCTAssertTrue(scan.dataIsFlat, "\(text) is kept flat")
      let record = try XCTUnwrap(read, text)
      let parsed = try XCTUnwrap(try JSONParser.parse(text).objectValue)
      XCTAssertEqual(record, try decoded(bytes), text)
      XCTAssertEqual(record.data, parsed, text)
      XCTAssertEqual(record.data.count, parsed.count, text)
      XCTAssertEqual(record.data.keys, parsed.keys, text)
      XCTAssertEqual(record.data.values, parsed.values, text)
      for key in parsed.keys + ["absent", "valu", "values", "K", "\u{212A}ey"] {
        XCTAssertEqual(record.data[key], parsed[key], "\(text): \(key)")
      }
      XCTAssertEqual(JSONWriter.bytes(of: .object(record.data)), JSONWriter.bytes(of: .object(parsed)), text)
    }
  }

  /// The checking thread parses a flat string that is a `YYYY-MM-DD` date; what the fold reads of it
  /// as a day must be what the parsed object gives, for every kind of value.
  func testADateReadFromFlatDataIsTheDayItsTextNames() throws {
    let text =
      #"{"date":"2024-02-29","bad":"2023-02-29","month":"2024-13-01","short":"2024-2-29","#
      + #""long":"2024-02-290","letters":"abcd-ef-gh","number":20240229,"null":null,"flag":true,"#
      + #""list":["2024-02-29"],"escaped":"2024\u002d02-29","spaced":" 2024-02-29","old":"1900-03-01"}"#
    let bytes = line(data: text)
    let (scan, read) = try XCTUnwrap(scanned(bytes))
    XCTAssertFalse(scan.dataIsFlat, "an escape leaves the data to the parser")
    let plain = line(data: text.replacingOccurrences(of: #""escaped":"2024\u002d02-29","#, with: ""))
    let (plainScan, plainRead) = try XCTUnwrap(scanned(plain))
    XCTAssertTrue(plainScan.dataIsFlat)
    let parsed = try XCTUnwrap(try JSONParser.parse(text).objectValue)
    let keys = parsed.keys + ["absent"]
    for record in [try XCTUnwrap(read), try XCTUnwrap(plainRead)] {
      for key in keys where record.data[key] != nil || key == "absent" {
        XCTAssertEqual(record.data.day(forKey: key), parsed.day(forKey: key), key)
      }
    }
    let flat = try XCTUnwrap(plainRead).data
    XCTAssertEqual(flat.day(forKey: "date"), .day(CivilCalendar.dayNumber(year: 2024, month: 2, day: 29)))
    XCTAssertEqual(flat.day(forKey: "old"), .day(CivilCalendar.dayNumber(year: 1900, month: 3, day: 1)))
    XCTAssertEqual(flat.day(forKey: "bad"), .other(.string("2023-02-29")))
    XCTAssertEqual(flat.day(forKey: "number"), .other(.number(20_240_229)))
    XCTAssertEqual(flat.day(forKey: "null"), .other(.null))
    XCTAssertEqual(flat.day(forKey: "absent"), .absent)
    XCTAssertEqual(parsed.day(forKey: "escaped"), .day(CivilCalendar.dayNumber(year: 2024, month: 2, day: 29)))
  }

  func testBytesThatAreNotUTF8ReadAsTheParserRepairsThem() throws {
    let bytes = line(data: Array(#"{"text":"a"#.utf8) + [0xFF, 0xC3] + Array(#"b","n":1}"#.utf8))
    let (scan, read) = try XCTUnwrap(scanned(bytes))
    XCTAssertTrue(scan.dataIsFlat)
    let record = try XCTUnwrap(read)
    XCTAssertEqual(record, try decoded(bytes))
    XCTAssertEqual(record.data["text"], .string("a\u{FFFD}\u{FFFD}b"))
  }

  /// Escapes, keys that are not plain ASCII, nesting deeper than the limit: parsed whole, the same record.
  func testDataTheTableCannotHoldIsParsedWhole() throws {
    let deep =
      String(repeating: "[", count: JSONParser.flatNestingLimit + 1)
      + String(repeating: "]", count: JSONParser.flatNestingLimit + 1)
    let texts = [
      #"{"a":"q\"uote"}"#, #"{"a":"tab\tline\nu\u00e9"}"#, #"{"é":1}"#, #"{"a\u0062":1}"#, #"{"x":\#(deep)}"#,
    ]
    for text in texts {
      let bytes = line(data: text)
      let (scan, read) = try XCTUnwrap(scanned(bytes), text)
      XCTAssertFalse(scan.dataIsFlat, "\(text) is parsed whole")
      XCTAssertEqual(try XCTUnwrap(read, text), try decoded(bytes), text)
      XCTAssertEqual(read?.data, try JSONParser.parse(text).objectValue, text)
    }
  }

  /// A list of plain strings (a touchpoint's participants) is kept as its bytes, not parsed when the
  /// record is made; what the fold reads of it must be what the parser makes, and any other list parsed.
  func testAListOfPlainStringsReadsAsTheParsedList() throws {
    let lists: [(text: String, isPlain: Bool)] = [
      (#"["Mei Chen","Ana"]"#, true), (#"[]"#, true), ("[ \t\r\n]", true), (#"[ "a" ,"b" ,  "c" ]"#, true),
      (#"["東京 😀","é",""]"#, true), (#"["{braces}","[and]",", :"]"#, true),
      (#"["a","b\"c"]"#, false), (#"["a",1,"b",null]"#, false), (#"[["a"]]"#, false), (#"[{"a":"b"}]"#, false),
      (#"[1]"#, false),
    ]
    for (list, isPlain) in lists {
      let text = #"{"kind":"call","with":\#(list),"n":2}"#
      let bytes = line(data: text)
      let (scan, read) = try XCTUnwrap(scanned(bytes), text)
      XCTAssertTrue(scan.dataIsFlat, text)
      XCTAssertEqual(scan.dataHasNested, !isPlain, "\(text): nothing nested to parse when the list is plain")
      let record = try XCTUnwrap(read, text)
      let parsed = try XCTUnwrap(try JSONParser.parse(text).objectValue)
      XCTAssertEqual(record, try decoded(bytes), text)
      XCTAssertEqual(record.data["with"], parsed["with"], text)
      XCTAssertEqual(record.data.pairs.map(\.value), parsed.pairs.map(\.value), text)
      let expected = parsed["with"]?.arrayValue?.compactMap(\.stringValue) ?? []
      XCTAssertEqual(record.data.strings(field: "with"), expected, text)
      XCTAssertEqual(parsed.strings(field: "with"), expected, text)
      let end = Array(list.utf8).withUnsafeBytes { JSONParser.plainStringListEnd(in: $0, from: 0) }
      XCTAssertEqual(end, isPlain ? list.utf8.count : nil, list)
    }
    let mixed = try XCTUnwrap(scanned(line(data: #"{"with":["a",1,"b"],"n":2,"s":"x"}"#))?.record?.data)
    XCTAssertEqual(mixed.strings(field: "with"), ["a", "b"])
    XCTAssertEqual(mixed.strings(field: "n"), [])
    XCTAssertEqual(mixed.strings(field: "s"), [])
    XCTAssertEqual(mixed.strings(field: "absent"), [])
    XCTAssertEqual(JSONObject().strings(field: "with"), [])
  }

  func testBytesThatAreNotUTF8InAListReadAsTheParserRepairsThem() throws {
    let bytes = line(data: Array(#"{"with":["a"#.utf8) + [0xFF, 0xC3] + Array(#"b","c"]}"#.utf8))
    let record = try XCTUnwrap(scanned(bytes)?.record)
    XCTAssertEqual(record, try decoded(bytes))
    XCTAssertEqual(record.data.strings(field: "with"), ["a\u{FFFD}\u{FFFD}b", "c"])
  }

  /// A finished record's data storage is filled again with the next record's, but never while anything
  /// still holds that record.
  func testADataStorageIsFilledAgainOnlyOnceNothingHoldsItsRecord() throws {
    var reading = RecordReading()
    func read(_ text: String) throws -> Record {
      let bytes = line(data: text)
      return try bytes.withUnsafeBytes { raw in
        var notes = EnvelopeScan.Notes()
        let scan = try XCTUnwrap(EnvelopeScan.scan(raw, notes: &notes))
        return try XCTUnwrap(notes.withBuffers { scan.record(in: raw, offset: 40, notes: $0, reading: &reading) })
      }
    }
    let long = #"{"summary":"\#(String(repeating: "a long summary ", count: 8))","with":["Ana"],"n":1}"#
    let short = #"{"kind":"call","n":2}"#
    let kept = try read(long)
    reading.recycle(kept)
    XCTAssertNil(reading.spareData, "a record still held keeps its storage")
    let next = try read(short)
    XCTAssertEqual(kept.data, try JSONParser.parse(long).objectValue)
    reading.recycle(consume next)
    XCTAssertNotNil(reading.spareData, "a finished record's storage is kept for the next")
    let filledAgain = try read(short.replacingOccurrences(of: "call", with: "meet"))
    XCTAssertNil(reading.spareData, "the next record is made in it")
    XCTAssertEqual(filledAgain.data, try JSONParser.parse(#"{"kind":"meet","n":2}"#).objectValue)
    reading.recycle(consume filledAgain)
    let larger = try read(long)
    XCTAssertEqual(larger.data, try JSONParser.parse(long).objectValue, "storage too small is not used")
    XCTAssertEqual(kept.data, larger.data)
  }

  /// What the parser refuses is refused either way: the line is left to the decoder, which says why.
  func testDataThatDoesNotParseLeavesTheLineToTheDecoder() {
    let texts = [
      #"{"a":1,"a":2}"#, #"{"a":[1,]}"#, #"{"a":["x",]}"#, #"{"a":["x" "y"]}"#, #"{"a":["x"}"#, #"{"a":[,"x"]}"#,
      #"{"a":{"b"}}"#, #"{"a":[1}"#, #"{"a":tru}"#, #"{"a":01}"#, #"{"a":1,}"#,
      "{\"a\":\"x\u{01}\"}", #"{"a":"x"#,
      // Two keys that are equal as strings, not as bytes: why a key that is not ASCII is never kept flat.
      "{\"e\u{301}\":1,\"é\":2}",
    ]
    for text in texts {
      let bytes = line(data: text)
      if let (_, read) = scanned(bytes) { XCTAssertNil(read, "\(text) is not read through the scan") }
      XCTAssertThrowsError(try decoded(bytes), text)
    }
  }

  /// A line that ends inside its data (torn, or a tail still being written) is read by nobody past its end.
  func testALineCutInsideItsDataIsLeftToTheDecoder() {
    let whole = line(data: #"{"kind":"call","n":2,"with":["Ana"]}"#)
    let dataStart = whole.indices.first { whole[$0...].starts(with: Array(#""data":"#.utf8)) } ?? 0
    for end in (dataStart + 7)..<(dataStart + 40) {
      let cut = Array(whole[..<end])
      XCTAssertNil(scanned(cut), "cut after \(end - dataStart) bytes of the data")
      XCTAssertThrowsError(try decoded(cut))
    }
  }

  /// A flat object changed becomes an ordinary one, with every member it had.
  func testChangingAFlatObjectKeepsItsOtherMembers() throws {
    let text = #"{"kind":"call","with":["Ana"],"n":2}"#
    var data = try XCTUnwrap(scanned(line(data: text))?.record?.data)
    var parsed = try XCTUnwrap(try JSONParser.parse(text).objectValue)
    data["n"] = nil
    data["extra"] = .bool(true)
    parsed["n"] = nil
    parsed["extra"] = .bool(true)
    XCTAssertEqual(data, parsed)
    XCTAssertEqual(data.keys, ["kind", "with", "extra"])
    XCTAssertEqual(data["with"], .array([.string("Ana")]))
  }
}
