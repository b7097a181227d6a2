import XCTest

@testable import RapportDomain

/// "Worse since last week" in words: each measure that pulled the score down, as it reads today.
final class TrendWordsTests: XCTestCase {
  let today = day("2026-11-23")

  /// A tier 3 account since June: a call 35 days ago (100 a week ago, 50 today) and usage that fell
  /// 36 % in the last window (no data a week ago, 0 today).
  private func fallingBook() -> Ledger {
    var ledger = Ledger(today: day("2026-06-01"))
    ledger.must(
      .addAccount(
        slug: "acme", profile: AccountProfile(name: "Acme", tier: 3, owner: "bo", signed: day("2026-06-01"))))
    ledger.today = today
    ledger.touch(.call, on: today.adding(days: -35))
    ledger.must(.recordUsage(slug: "acme", value: 100, date: today.adding(days: -50)))
    ledger.must(.recordUsage(slug: "acme", value: 64, date: today.adding(days: -3)))
    return ledger
  }

  private func assess(_ ledger: Ledger) -> Assessment? {
    ledger.account("acme").map { Assessor(book: ledger.book, today: today).assess($0) }
  }

  func testTheMeasuresThatFellAreSaidAsTheyReadToday() throws {
    let item = try XCTUnwrap(assess(fallingBook()))
    XCTAssertEqual(item.trend.direction, .down)
    // Usage weighs the most (from no data to 0 against a score of 100), then the touch (100 → 50).
    XCTAssertEqual(item.trend.fallen, [.usage, .touch])
    XCTAssertEqual(TrendWords.worse(item), "usage down 36 %; no contact for 35 days")
    XCTAssertEqual(
      TrendWords.sinceLastWeek(item), "worse since last week: usage down 36 %; no contact for 35 days")
  }

  func testAChangeOfTheRulesIsSaidWithItsSettings() throws {
    var ledger = fallingBook()
    // A tier 3 check-in every 20 days: the call, 28 days old a week ago, scores 50 then as now.
    ledger.must(.setConfig(key: "checkin.tier3", value: 20))
    let item = try XCTUnwrap(assess(ledger))
    XCTAssertEqual(item.trend.direction, .down)
    XCTAssertEqual(item.trend.source, .both)
    XCTAssertEqual(TrendWords.worse(item), "usage down 36 %; rules changed: checkin.tier3 30 → 20")
  }

  func testEachMeasureInWords() {
    func reading(_ measure: Measure, _ value: String, _ raw: Double?) -> String {
      TrendWords.words(MeasureReading(measure: measure, value: value, rawValue: raw, score: 0, weight: 1))
    }
    XCTAssertEqual(reading(.touch, "45 days ago (every 30)", 45), "no contact for 45 days")
    XCTAssertEqual(
      reading(.touch, "never touched; 90 days since signature (every 30)", 90), "never contacted in 90 days")
    XCTAssertEqual(reading(.usage, "−35.6 % (412 → 265)", -35.6), "usage down 36 %")
    XCTAssertEqual(reading(.tickets, "6 opened in 30 days (1 before)", 6), "6 tickets in 30 days (1 before)")
    XCTAssertEqual(reading(.nps, "3 on 2026-11-20", 3), "NPS 3 (a detractor)")
    XCTAssertEqual(reading(.criteria, "0 of 2 due met", 0), "success criteria: 0 of 2 due met")
    XCTAssertEqual(reading(.usage, "no data", nil), "no usage data")
  }
}
