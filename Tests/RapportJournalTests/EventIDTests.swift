import XCTest

@testable import RapportJournal

/// A record's id is kept as 16 bytes when it is a canonical UUID and as its text otherwise; either way
/// its text is exactly what the journal states, and two ids are equal exactly when their texts are.
final class EventIDTests: XCTestCase {
  func testACanonicalUUIDIsKeptAsItsBytesAndReadBackExactly() throws {
    for text in [
      "1f419b20-b55a-4079-a470-a63a05d4da6d", "00000000-0000-0000-0000-000000000000",
      "ffffffff-ffff-ffff-ffff-ffffffffffff", "0123abcd-4567-89ef-fedc-ba9876543210",
    ] {
      var copy = text
      let bits = try XCTUnwrap(copy.withUTF8 { EventID.uuidBits(UnsafeRawBufferPointer($0)) }, text)
      XCTAssertEqual(EventID(uuidHigh: bits.high, low: bits.low).description, text)
      XCTAssertEqual(EventID(text), EventID(uuidHigh: bits.high, low: bits.low))
      XCTAssertEqual(EventID(text).description, text)
    }
    var sample = "0123abcd-4567-89ef-fedc-ba9876543210"
    let bits = try XCTUnwrap(sample.withUTF8 { EventID.uuidBits(UnsafeRawBufferPointer($0)) })
    XCTAssertEqual(bits.high, 0x0123_abcd_4567_89ef)
    XCTAssertEqual(bits.low, 0xfedc_ba98_7654_3210)
  }

  func testAnyOtherTextIsKeptAsItIs() {
    let others = [
      "", "x", "retry-1", "1F419B20-B55A-4079-A470-A63A05D4DA6D",  // upper case: not the canonical form
      "1f419b20b55a4079a470a63a05d4da6d", "{1f419b20-b55a-4079-a470-a63a05d4da6d}",
      "1f419b20-b55a-4079-a470-a63a05d4da6", "1f419b20-b55a-4079-a470-a63a05d4da6d0",
      "1f419b20_b55a-4079-a470-a63a05d4da6d", "1f419b20-b55a-4079-a470-a63a05d4da6g",
      "1f419b20-b55a-4079-a470-a63a05d4da/d", "1f419b20-b55a-4079-a470-a63a05d4da:d",
      "1f419b20-b55a-4079-a470-a63a05d4da`d", "1f419b20-b55a-4079-a4é0-a63a05d4da6",
      "1f419b20-b55a-4079-a470-a63a05d4da@d", "1f419b20-b55a-4079-a470-a63a05d4daFd",
      "1f419b20-b55a-4079-a470-a63a05d4da\u{7F}d", "1f419b20-b55a-4079-a470-a63a05d4da d",
      "1f419b20-b55a-4079-a470 a63a05d4da6d", "1f419b20-b55a-4079-a470-a63a05d4da6-",
    ]
    for text in others {
      var copy = text
      XCTAssertNil(copy.withUTF8 { EventID.uuidBits(UnsafeRawBufferPointer($0)) }, text)
      XCTAssertEqual(EventID(text).description, text)
    }
    // Each digit in turn replaced by a byte just outside the ranges of digits (or a hyphen by a digit).
    let valid = Array("0123abcd-4567-89ef-fedc-ba9876543210".utf8)
    for index in valid.indices {
      for byte: UInt8 in [0x2F, 0x3A, 0x60, 0x67, 0x46, 0xB0, 0xE1, 0x30] where byte != valid[index] {
        var bytes = valid
        bytes[index] = byte
        let isHyphen = [8, 13, 18, 23].contains(index)
        let parsed = bytes.withUnsafeBytes { EventID.uuidBits($0) }
        if byte == 0x30, !isHyphen {
          XCTAssertNotNil(parsed, "\(index)")
        } else {
          XCTAssertNil(parsed, "byte \(byte) at \(index)")
        }
      }
    }
    XCTAssertNotEqual(
      EventID("1F419B20-B55A-4079-A470-A63A05D4DA6D"), EventID("1f419b20-b55a-4079-a470-a63a05d4da6d"))
    XCTAssertEqual(Set(others.map(EventID.init)).count, others.count)
  }

  func testARecordsIdReadsAndWritesAsText() {
    var record = Record(
      schema: 1, seq: 2, id: "a338b662-b353-4b9b-a549-bb42232e28b9", recordedAt: Timestamp(milliseconds: 0),
      recordedBy: "ana", type: "note.added", account: nil, data: JSONObject(), batch: nil,
      hash: String(repeating: "0", count: 64), offset: 0)
    XCTAssertEqual(record.id, "a338b662-b353-4b9b-a549-bb42232e28b9")
    record.id = "mine"
    XCTAssertEqual(record.id, "mine")
    XCTAssertEqual(record.eventID, EventID("mine"))
  }
}
