import RapportJournal
import XCTest

final class CivilCalendarTests: XCTestCase {
  func testTheEpochIsDayZero() {
    XCTAssertEqual(CivilCalendar.dayNumber(year: 1970, month: 1, day: 1), 0)
    XCTAssertTrue(CivilCalendar.components(ofDay: 0) == (1970, 1, 1))
    XCTAssertEqual(CivilCalendar.parseDay("2026-11-23"), 20_780)
    XCTAssertEqual(CivilCalendar.parseDay("1969-12-31"), -1)
    XCTAssertEqual(CivilCalendar.parseDay("2000-03-01"), 11_017)
  }

  func testEveryDayFrom1600To2400RoundTrips() {
    var expected = (year: 1600, month: 1, day: 1)
    let first = CivilCalendar.dayNumber(year: 1600, month: 1, day: 1)
    XCTAssertEqual(first, -135_140)
    for dayNumber in first...157_419 {
      let components = CivilCalendar.components(ofDay: dayNumber)
      guard components == expected else {
        return XCTFail("day \(dayNumber): \(components) instead of \(expected)")
      }
      XCTAssertEqual(CivilCalendar.dayNumber(year: expected.year, month: expected.month, day: expected.day), dayNumber)
      let text = CivilCalendar.format(day: dayNumber)
      XCTAssertEqual(CivilCalendar.parseDay(text), dayNumber, text)
      // The next calendar day.
      if expected.day < CivilCalendar.daysInMonth(year: expected.year, month: expected.month) {
        expected.day += 1
      } else if expected.month < 12 {
        expected = (expected.year, expected.month + 1, 1)
      } else {
        expected = (expected.year + 1, 1, 1)
      }
    }
    XCTAssertTrue(expected == (2401, 1, 1))
  }

  func testLeapYears() {
    XCTAssertEqual(CivilCalendar.daysInMonth(year: 2024, month: 2), 29)
    XCTAssertEqual(CivilCalendar.daysInMonth(year: 2026, month: 2), 28)
    XCTAssertEqual(CivilCalendar.daysInMonth(year: 1900, month: 2), 28, "century years are not leap years")
    XCTAssertEqual(CivilCalendar.daysInMonth(year: 2000, month: 2), 29, "unless divisible by 400")
    XCTAssertEqual(CivilCalendar.daysInMonth(year: 2100, month: 2), 28)
    XCTAssertNotNil(CivilCalendar.parseDay("2024-02-29"))
    XCTAssertNotNil(CivilCalendar.parseDay("2000-02-29"))
    XCTAssertNil(CivilCalendar.parseDay("2026-02-29"))
    XCTAssertNil(CivilCalendar.parseDay("1900-02-29"))
    XCTAssertEqual(CivilCalendar.parseDay("2024-03-01").map { $0 - 1 }, CivilCalendar.parseDay("2024-02-29"))
    XCTAssertEqual(CivilCalendar.parseDay("2026-03-01").map { $0 - 1 }, CivilCalendar.parseDay("2026-02-28"))
    let daysIn2024 =
      CivilCalendar.dayNumber(year: 2025, month: 1, day: 1) - CivilCalendar.dayNumber(year: 2024, month: 1, day: 1)
    XCTAssertEqual(daysIn2024, 366)
  }

  func testMonthLengths() {
    XCTAssertEqual(
      (1...12).map { CivilCalendar.daysInMonth(year: 2026, month: $0) },
      [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
  }

  func testRejectsImpossibleOrSloppyDates() {
    for text in [
      "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-01", "2026-01-1", "26-01-01",
      "2026/01/01", "2026-01-01 ", " 2026-01-01", "2026-01-01T00:00:00Z", "", "abcd-ef-gh", "2026-+1-01",
      // The bytes just before "0" and just after "9", in each field.
      "202/-01-01", "202:-01-01", "2026-0/-01", "2026-0:-01", "2026-01-0/", "2026-01-0:", "2026-01-\u{0}1",
    ] {
      XCTAssertNil(CivilCalendar.parseDay(text), text)
    }
  }

  func testWeekdays() {
    XCTAssertEqual(CivilCalendar.parseDay("2026-11-23").map(CivilCalendar.weekday(ofDay:)), 0, "a Monday")
    XCTAssertEqual(CivilCalendar.parseDay("2026-11-29").map(CivilCalendar.weekday(ofDay:)), 6, "a Sunday")
    XCTAssertEqual(CivilCalendar.weekday(ofDay: 0), 3, "1970-01-01 was a Thursday")
    XCTAssertEqual(
      CivilCalendar.parseDay("1969-12-31").map(CivilCalendar.weekday(ofDay:)), 2, "a Wednesday, before the epoch")
    XCTAssertEqual(CivilCalendar.parseDay("2000-01-01").map(CivilCalendar.weekday(ofDay:)), 5, "a Saturday")
    XCTAssertEqual(CivilCalendar.parseDay("1600-03-01").map(CivilCalendar.weekday(ofDay:)), 2, "a Wednesday")
  }

  func testFormatsWithPadding() {
    XCTAssertEqual(CivilCalendar.format(day: CivilCalendar.dayNumber(year: 987, month: 3, day: 4)), "0987-03-04")
  }
}
