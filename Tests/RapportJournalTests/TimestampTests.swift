import RapportJournal
import XCTest

final class TimestampTests: XCTestCase {
  func testWritesISO8601InUTCWithMilliseconds() {
    XCTAssertEqual(Timestamp(milliseconds: 0).description, "1970-01-01T00:00:00.000Z")
    XCTAssertEqual(Timestamp(milliseconds: 1_795_426_200_000).description, "2026-11-23T09:30:00.000Z")
    XCTAssertEqual(Timestamp(milliseconds: 1_795_426_200_042).description, "2026-11-23T09:30:00.042Z")
    XCTAssertEqual(Timestamp(milliseconds: -1).description, "1969-12-31T23:59:59.999Z")
    XCTAssertEqual(Timestamp(milliseconds: 951_782_400_000).description, "2000-02-29T00:00:00.000Z")
  }

  func testParsesWhatItWrites() {
    let samples: [Int64] = [
      0, 1, -1, 999, 86_399_999, 86_400_000, -86_400_000, -86_400_001, 951_782_400_000, 1_795_426_200_042,
      253_402_300_799_999,
    ]
    for milliseconds in samples {
      let stamp = Timestamp(milliseconds: milliseconds)
      XCTAssertEqual(Timestamp(parsing: stamp.description), stamp, stamp.description)
    }
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<10_000 {
      let stamp = Timestamp(
        milliseconds: Int64.random(in: -10_000_000_000_000...250_000_000_000_000, using: &generator))
      XCTAssertEqual(Timestamp(parsing: stamp.description), stamp, stamp.description)
    }
  }

  func testMillisecondsAreOptionalWhenParsing() {
    XCTAssertEqual(Timestamp(parsing: "2026-11-23T09:30:00Z"), Timestamp(milliseconds: 1_795_426_200_000))
  }

  func testRejectsOtherForms() {
    for text in [
      "2026-11-23 09:30:00Z", "2026-11-23T09:30:00", "2026-11-23T09:30:00+01:00", "2026-11-23T24:00:00Z",
      "2026-11-23T09:60:00Z", "2026-02-30T09:30:00Z", "2026-11-23T09:30:00.5Z", "2026-11-23T09:30:00,000Z",
      "2026-11-23t09:30:00Z", "2026-11-23T09:30Z", "", "2026-11-23T9:30:00.000Z",
      // The bytes just before "0" and just after "9", in each field.
      "2026-11-23T0/:30:00Z", "2026-11-23T0::30:00Z", "2026-11-23T09:3/:00Z", "2026-11-23T09:3::00Z",
      "2026-11-23T09:30:0/Z", "2026-11-23T09:30:0:Z", "2026-11-23T09:30:00.00/Z", "2026-11-23T09:30:00.00:Z",
    ] {
      XCTAssertNil(Timestamp(parsing: text), text)
    }
  }

  func testTheUTCDayOfAMoment() {
    XCTAssertEqual(Timestamp(milliseconds: 1_795_426_200_000).utcDay, CivilCalendar.parseDay("2026-11-23"))
    XCTAssertEqual(Timestamp(milliseconds: 0).utcDay, 0)
    XCTAssertEqual(Timestamp(milliseconds: 86_399_999).utcDay, 0)
    XCTAssertEqual(Timestamp(milliseconds: -1).utcDay, -1)
    XCTAssertEqual(Timestamp(milliseconds: -86_400_000).utcDay, -1)
    XCTAssertEqual(Timestamp(milliseconds: -86_400_001).utcDay, -2)
  }

  func testOrdersByTime() {
    XCTAssertLessThan(Timestamp(milliseconds: -5), Timestamp(milliseconds: 3))
    XCTAssertEqual([3, -1, 2].map { Timestamp(milliseconds: $0) }.sorted().map(\.milliseconds), [-1, 2, 3])
  }
}
