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
    line.withUnsafeBytes { bytes in EnvelopeScan.scan(bytes)?.record(in: bytes, offset: 40) }
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
}
