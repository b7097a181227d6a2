import Foundation
import RapportDomain
import XCTest

/// Dates and amounts as users type them.
final class DayAndMoneyTests: XCTestCase {
  /// 2026-11-23 is a Monday.
  let monday = day("2026-11-23")

  private func parse(_ text: String) -> Day? { Day(userInput: text, today: monday) }

  func testISODates() throws {
    let parsed = try XCTUnwrap(Day(iso: "2026-11-23"))
    XCTAssertEqual(parsed.components.year, 2026)
    XCTAssertEqual(parsed.components.month, 11)
    XCTAssertEqual(parsed.components.day, 23)
    XCTAssertEqual(parsed.description, "2026-11-23")
    XCTAssertEqual(parsed.weekday, 0, "Monday")
    XCTAssertEqual(Day(iso: "1970-01-01")?.number, 0)
    XCTAssertEqual(Day(year: 2026, month: 11, day: 23), parsed)
    XCTAssertEqual(Day(iso: "2026-12-31")?.adding(days: 1), Day(iso: "2027-01-01"))
    XCTAssertEqual(Day(iso: "2027-03-01")?.days(since: parsed), 98)
    XCTAssertLessThan(parsed, parsed.adding(days: 1))
  }

  func testImpossibleDatesAreRejected() {
    XCTAssertNil(Day(iso: "2026-02-29"))
    XCTAssertEqual(Day(iso: "2024-02-29")?.description, "2024-02-29", "a leap year")
    XCTAssertNil(Day(iso: "2100-02-29"), "not a leap year")
    XCTAssertNotNil(Day(iso: "2000-02-29"))
    XCTAssertNil(Day(year: 2026, month: 2, day: 29))
    for text in [
      "2026-04-31", "2026-13-01", "2026-00-10", "2026-11-00", "2026-1-01", "26-11-23", "2026/11/23", " 2026-11-23",
      "2026-11-23T09:00", "２０２６-11-23", "",
    ] {
      XCTAssertNil(Day(iso: text), "'\(text)'")
    }
  }

  func testRelativeWords() {
    XCTAssertEqual(parse("today"), monday)
    XCTAssertEqual(parse("  Today "), monday)
    XCTAssertEqual(parse("yesterday"), day("2026-11-22"))
    XCTAssertEqual(parse("tomorrow"), day("2026-11-24"))
    XCTAssertEqual(parse("2026-12-01"), day("2026-12-01"))
    XCTAssertNil(parse("2026-02-29"))
  }

  func testOffsets() {
    XCTAssertEqual(parse("-3d"), day("2026-11-20"))
    XCTAssertEqual(parse("+2w"), day("2026-12-07"))
    XCTAssertEqual(parse("-1w"), day("2026-11-16"))
    XCTAssertEqual(parse("+10d"), day("2026-12-03"))
    XCTAssertEqual(parse("+0d"), monday)
    XCTAssertEqual(parse("-100000d"), monday.adding(days: -100_000))
    XCTAssertNil(parse("-100001d"))
  }

  func testWeekdays() {
    XCTAssertEqual(parse("fri"), day("2026-11-27"))
    XCTAssertEqual(parse("Friday"), day("2026-11-27"))
    XCTAssertEqual(parse("mon"), monday, "today included")
    XCTAssertEqual(parse("monday"), monday)
    XCTAssertEqual(parse("tue"), day("2026-11-24"))
    XCTAssertEqual(parse("wed"), day("2026-11-25"))
    XCTAssertEqual(parse("thurs"), day("2026-11-26"))
    XCTAssertEqual(parse("sat"), day("2026-11-28"))
    XCTAssertEqual(parse("sun"), day("2026-11-29"))
    let friday = day("2026-11-27")
    XCTAssertEqual(Day(userInput: "fri", today: friday), friday)
    XCTAssertEqual(Day(userInput: "thu", today: friday), day("2026-12-03"), "the next one")
  }

  func testGarbageIsRejected() {
    let garbage = [
      "", "someday", "3d", "-d", "+d", "+2x", "2w", "fr", "mo", "fri day", "frx", "2026/11/23", "+1y", "next week",
      // Fixed in Day.swift: these used to be accepted (or crash, for the overflowing ones).
      "tuesdaywed", "mondayfri", "+-3d", "--3d", "++3d", "- 3d", "--9223372036854775808d", "+-9223372036854775808d",
      "+-2000000000000000000w", "+99999999999999999999d",
    ]
    for text in garbage { XCTAssertNil(parse(text), "'\(text)'") }
  }

  func testDayEncodesAsISOText() throws {
    let data = try JSONEncoder().encode([monday])
    XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["2026-11-23"]"#)
    XCTAssertEqual(try JSONDecoder().decode([Day].self, from: data), [monday])
    XCTAssertThrowsError(try JSONDecoder().decode([Day].self, from: Data(#"["2026-02-29"]"#.utf8)))
  }

  func testMoneyParsing() {
    XCTAssertEqual(Money(parsing: "120k"), Money(cents: 12_000_000))
    XCTAssertEqual(Money(parsing: "1.5m"), Money(cents: 150_000_000))
    XCTAssertEqual(Money(parsing: "120,000.50"), Money(cents: 12_000_050))
    XCTAssertEqual(Money(parsing: "120000"), Money(cents: 12_000_000))
    XCTAssertEqual(Money(parsing: "$120K"), Money(cents: 12_000_000))
    XCTAssertEqual(Money(parsing: " €99.99 "), Money(cents: 9_999))
    XCTAssertEqual(Money(parsing: "1_000"), Money(cents: 100_000))
    XCTAssertEqual(Money(parsing: "0"), Money(cents: 0))
    for text in ["abc", "-5", "", "k", ".", "1.2.3", "1e5", "12 000", "nan", "inf", "5kk", "$-5", "99999999999m"] {
      XCTAssertNil(Money(parsing: text), "'\(text)'")
    }
  }

  func testMoneyDescription() {
    XCTAssertEqual(Money(cents: 12_000_000).description, "120000")
    XCTAssertEqual(Money(cents: 12_000_050).description, "120000.50")
    XCTAssertEqual(Money(cents: 5).description, "0.05")
    XCTAssertEqual(Money(units: 1234.5), Money(cents: 123_450))
    XCTAssertEqual(Money(units: 1234.5).units, 1234.5)
    XCTAssertLessThan(Money(cents: 1), Money(cents: 2))
  }

  func testStageAndKindFromUserInput() {
    XCTAssertEqual(Stage(userInput: "growth"), .growth)
    XCTAssertEqual(Stage(userInput: " Act "), .activation)
    XCTAssertNil(Stage(userInput: ""))
    XCTAssertNil(Stage(userInput: "x"))
    XCTAssertEqual(TouchpointKind(userInput: "Executive briefing"), .executiveBriefing)
    XCTAssertEqual(TouchpointKind(userInput: "check_in"), .checkIn)
    XCTAssertEqual(TouchpointKind(userInput: "checkin"), .checkIn)
    XCTAssertEqual(TouchpointKind(userInput: "30-day"), .thirtyDayCheckIn)
    XCTAssertNil(TouchpointKind(userInput: "lunch"))
  }
}
