import XCTest

@testable import RapportJournal

/// A replay hands out the envelope strings it met before (`RepeatedStrings`): whatever the table holds,
/// the string for some bytes is exactly the one `String(decoding:as:)` makes of them.
final class RepeatedStringsTests: XCTestCase {
  private func string(_ bytes: [UInt8], from strings: inout RepeatedStrings) -> String {
    bytes.withUnsafeBytes { strings.string($0) }
  }

  func testEveryStringIsTheOneItsBytesMake() {
    var strings = RepeatedStrings()
    // Many more distinct values than slots, each length up to past the longest kept, met in turn
    // three times: hits, misses and replaced slots all give the same text.
    var samples: [[UInt8]] = [[], Array("touchpoint.logged".utf8), Array("zürich".utf8), [0xFF, 0x41], [0xC3]]
    for length in 1...30 {
      for variant in 0..<12 {
        samples.append((0..<length).map { UInt8(ascii: "a") + UInt8((variant + $0 * 7) % 26) })
      }
    }
    for _ in 0..<3 {
      for bytes in samples {
        XCTAssertEqual(string(bytes, from: &strings), String(decoding: bytes, as: UTF8.self), "\(bytes)")
      }
    }
  }

  func testStringsThatDifferOnlyAfterTheirEndOrInLengthAreTold() {
    var strings = RepeatedStrings()
    XCTAssertEqual(string(Array("owner1".utf8), from: &strings), "owner1")
    XCTAssertEqual(string(Array("owner1\u{0}".utf8), from: &strings), "owner1\u{0}")
    XCTAssertEqual(string(Array("owner1".utf8), from: &strings), "owner1")
    XCTAssertEqual(string(Array("owner12".utf8), from: &strings), "owner12")
    XCTAssertEqual(string(Array("owner1".utf8), from: &strings), "owner1")
  }
}
