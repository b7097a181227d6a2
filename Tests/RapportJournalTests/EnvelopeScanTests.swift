import XCTest

@testable import RapportJournal

/// A large journal's envelopes are read on the hash-checking thread (`EnvelopeScan`) and the records
/// built from them on the parsing thread; a line must come out exactly as `RecordDecoder` reads it, and
/// a line it would refuse must fall back to it (so the error is the same).
final class EnvelopeScanTests: XCTestCase {
  private let time = Timestamp(milliseconds: 1_790_000_000_000)
  private let previous = Array(String(repeating: "ab", count: 32).utf8)

  /// The line the journal writes for `draft` as record `seq`, without its newline.
  private func line(_ draft: EventDraft, seq: Int = 7, batch: (index: Int, size: Int)? = nil) -> [UInt8] {
    let encoded = RecordEncoder.line(for: draft, seq: seq, at: time, by: "ana", batch: batch, previous: previous)
    return Array(encoded.bytes.dropLast())
  }

  /// The record the scan gives, or nil when it leaves the line to `RecordDecoder`.
  private func scanned(_ line: [UInt8]) -> Record? {
    line.withUnsafeBytes { bytes in EnvelopeScan.record(of: bytes, offset: 40) }
  }

  private func decoded(_ line: [UInt8]) throws -> Record {
    try line.withUnsafeBytes { bytes in try RecordDecoder.decode(bytes, offset: 40, chain: nil) }
  }

  func testLinesAsRapportWritesThemAreReadOnTheCheckingThreadAndEqualTheDecoder() throws {
    let drafts = [
      EventDraft(type: "touchpoint.logged", account: "acme", data: JSONObject([("summary", .string("Call"))])),
      EventDraft(type: "config.set", data: JSONObject([("key", .string("tiers")), ("value", .number(2.5))])),
      EventDraft(
        type: "note.added", account: "zürich-ämter",
        data: JSONObject([
          ("text", .string("quotes \" and \\ backslash, {braces} [brackets], tab\t, 東京, 😀")),
          ("nested", .object(JSONObject([("list", .array([.number(1), .null, .bool(true), .string("}")]))]))),
        ])),
    ]
    for draft in drafts {
      for batch in [nil, (index: 2, size: 3)] as [(index: Int, size: Int)?] {
        let bytes = line(draft, batch: batch)
        let fast = try XCTUnwrap(scanned(bytes), "the checking thread reads \(draft.type)")
        XCTAssertEqual(fast, try decoded(bytes))
        XCTAssertEqual(fast.account, draft.account)
        XCTAssertEqual(fast.batch?.index, batch?.index)
      }
    }
  }

  func testAnIdThatIsNotACanonicalUUIDIsReadAsItsText() throws {
    let uuid = "a338b662-b353-4b9b-a549-bb42232e28b9"
    for id in [uuid, uuid.uppercased(), "retry-7", "caf\u{e9}", "tab\there", String(uuid.dropLast())] {
      let bytes = line(EventDraft(id: id, type: "note.added", account: "acme"))
      let fast = try XCTUnwrap(scanned(bytes), id)
      XCTAssertEqual(fast.id, id)
      XCTAssertEqual(fast, try decoded(bytes))
    }
  }

  func testLinesLaidOutOtherwiseAreLeftToTheDecoder() throws {
    let good = String(decoding: line(EventDraft(type: "note.added", account: "acme")), as: UTF8.self)
    // Each variant, and whether the decoder still accepts it (only then is it read at all).
    let variants: [(text: String, accepted: Bool)] = [
      (good.replacingOccurrences(of: "{\"v\":1,", with: "{\"v\":1,\"extra\":0,"), true),  // an unknown field
      (good.replacingOccurrences(of: "\"account\":\"acme\"", with: "\"account\":null"), false),
      (good.replacingOccurrences(of: "\"account\":\"acme\"", with: "\"account\":\"acme\",\"account\":\"b\""), false),
      (good.replacingOccurrences(of: "\"v\":1", with: "\"v\":2"), false),  // a newer schema: the decoder says so
      (good.replacingOccurrences(of: "\"seq\":7", with: "\"seq\":0"), false),
      (good.replacingOccurrences(of: "\"by\":\"ana\"", with: "\"by\":\"a\\qna\""), false),  // an invalid escape
      (good.replacingOccurrences(of: "\"data\":{", with: "\"data\":{\"x\":tru,"), false),  // invalid data
    ]
    for (text, accepted) in variants {
      XCTAssertNotEqual(text, good, "each variant changes the line")
      let bytes = Array(text.utf8)
      XCTAssertNil(scanned(bytes), text)
      if accepted {
        XCTAssertNoThrow(try decoded(bytes), text)
      } else {
        XCTAssertThrowsError(try decoded(bytes), text)
      }
    }
  }

  /// The checking thread notes where each string of the data ends, and the parsing thread jumps there:
  /// the data must be what a parser finds alone, escapes, nesting and every length included.
  func testStringEndsNotedOnTheCheckingThreadLeadTheParserToTheSameData() throws {
    let texts = (0..<20).map { String(repeating: "é", count: $0 / 4) + String(repeating: "a", count: $0) }
    let objects =
      texts.map { #"{"k":"\#($0)","\#($0)":["\#($0)",{"x":"\#($0)\"\#($0)"}],"n":1.5,"e":""}"# }
      + [#"{}"#, #"{"a\"b":"\u00e9\n","c":[]}"#, #"{"a":"}","b":"{[","c":"\\"}"#]
    for text in objects {
      let data = try XCTUnwrap(try JSONParser.parse(text).objectValue, text)
      let bytes = line(EventDraft(type: "note.added", account: "acme", data: data))
      try bytes.withUnsafeBytes { raw in
        var notes = EnvelopeScan.Notes()
        notes.stringEnds = [9, 9]  // a chunk's earlier lines' ends, left as they are
        let scan = try XCTUnwrap(EnvelopeScan.scan(raw, notes: &notes), text)
        XCTAssertEqual(Array(notes.stringEnds[..<2]), [9, 9])
        if scan.dataIsFlat {
          // Kept as a table of its members instead (FlatObjectTests).
          var reading = RecordReading()
          let record = notes.withBuffers { scan.record(in: raw, offset: 40, notes: $0, reading: &reading) }
          XCTAssertEqual(record?.data, data, text)
          return
        }
        let ends = notes.stringEnds
        XCTAssertEqual(scan.dataStringEnds.count, strings(in: .object(data)), text)
        let span = UnsafeRawBufferPointer(rebasing: raw[scan.data.range])
        for end in ends[scan.dataStringEnds] where end != JSONParser.unscannedStringEnd {
          XCTAssertEqual(span[Int(end)], UInt8(ascii: "\""), "\(text): a noted end is a closing quote")
        }
        let noted = ends.withUnsafeBufferPointer {
          JSONParser.object(exactly: span, stringEnds: UnsafeBufferPointer(rebasing: $0[scan.dataStringEnds]))
        }
        XCTAssertEqual(noted, data, text)
      }
    }
  }

  /// How many strings `value` holds, keys included.
  private func strings(in value: JSONValue) -> Int {
    switch value {
    case .string: 1
    case .array(let items): items.map { strings(in: $0) }.reduce(0, +)
    case .object(let object): object.keys.count + object.values.map { strings(in: $0) }.reduce(0, +)
    default: 0
    }
  }

  /// A data object with a raw control character in a string is still refused, so the line is decoded
  /// whole for its error.
  func testAControlCharacterInTheDataLeavesTheLineToTheDecoder() throws {
    let good = String(decoding: line(EventDraft(type: "note.added", account: "acme")), as: UTF8.self)
    let bad = Array(good.replacingOccurrences(of: "\"data\":{", with: "\"data\":{\"x\":\"a\u{09}b\",").utf8)
    XCTAssertNil(scanned(bad))
    XCTAssertThrowsError(try decoded(bad))
  }

  /// Envelope strings with escapes are read by the parser, not taken as they lie.
  func testEscapedEnvelopeStringsAreReadThroughTheParser() throws {
    let draft = EventDraft(
      type: "note.added", account: "acme", data: JSONObject([("text", .string("tab\there"))]))
    let encoded = RecordEncoder.line(
      for: draft, seq: 7, at: time, by: "o\"brien\\é\u{7F}", batch: nil, previous: previous)
    let bytes = Array(encoded.bytes.dropLast())
    let fast = try XCTUnwrap(scanned(bytes))
    XCTAssertEqual(fast.recordedBy, "o\"brien\\é\u{7F}")
    XCTAssertEqual(fast, try decoded(bytes))
  }
}
