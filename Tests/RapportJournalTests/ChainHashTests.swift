import RapportJournal
import XCTest

final class ChainHashTests: XCTestCase {
  /// A stated hash is 64 lowercase hex digits: every byte value at every position, and no other length.
  func testRecognisesSixtyFourLowercaseHexDigitsOnly() {
    let digits = Set(Array("0123456789abcdef".utf8))
    var hash = Array("0123456789abcdef".utf8)
    hash = hash + hash + hash + hash
    for position in 0..<64 {
      for byte in UInt8.min...UInt8.max {
        var bytes = hash
        bytes[position] = byte
        let accepted = bytes.withUnsafeBytes { ChainHash.isHex($0) }
        XCTAssertEqual(accepted, digits.contains(byte), "byte \(byte) at \(position)")
      }
    }
    for count in [0, 8, 63, 65, 128] {
      let bytes = Array(repeating: UInt8(ascii: "a"), count: count)
      XCTAssertFalse(bytes.withUnsafeBytes { ChainHash.isHex($0) }, "\(count) digits")
    }
  }
}
