import RapportDomain
import RapportJournal
import XCTest

/// "Green needs evidence" (docs/rules.md, Health): an account never touched is measured from its
/// signature (else its creation) on the touch curve; green only with the touch measure and three measures
/// with data, else at most yellow and thin; unknown only before the account's start.
final class HealthEvidenceTests: XCTestCase {
  let today = day("2026-11-23")

  /// `acme` created on `created` (a business date) with the given tier and signature date.
  private func book(tier: Int = 2, signed: Day? = nil, created: Day? = nil) -> Ledger {
    var ledger = Ledger(today: created ?? day("2025-01-10"))
    ledger.must(
      .addAccount(
        slug: "acme",
        profile: AccountProfile(name: "Acme Corp", tier: tier, stage: .retention, owner: "bo", signed: signed),
        date: created))
    ledger.today = today
    return ledger
  }

  private func score(_ ledger: Ledger, config: RulesConfig = RulesConfig(), on date: Day? = nil) -> HealthScore? {
    ledger.account().map { HealthModel(today: date ?? today, config: config).score($0) }
  }

  private func config(_ pairs: [(String, Double)], file: StaticString = #filePath, line: UInt = #line) -> RulesConfig {
    var config = RulesConfig()
    for (key, value) in pairs {
      do { try config.set(key, to: value) } catch { XCTFail("\(key) = \(value): \(error)", file: file, line: line) }
    }
    return config
  }

  // MARK: The examples

  func testNeverTouchedWithOneOldTicketIsRedNotGreen() {
    // Signed in January 2025, never touched, one ticket opened and closed seven months ago.
    var ledger = book(tier: 2, signed: day("2025-01-10"))
    ledger.must(.openTicket(slug: "acme", ticket: "T-1", severity: .normal, date: day("2026-04-20")))
    ledger.must(.closeTicket(slug: "acme", ticket: "T-1", date: day("2026-04-22")))
    let health = score(ledger)
    let touch = health?.reading(.touch)
    XCTAssertEqual(touch?.value, "never touched; 682 days since signature (every 14)")
    XCTAssertEqual(touch?.rawValue, 682)
    XCTAssertEqual(touch?.score, 0)
    XCTAssertEqual(health?.reading(.tickets)?.score, 100)
    // (0 × 25 + 100 × 15) / 40 = 37.5 → 38.
    XCTAssertEqual(health?.score, 38)
    XCTAssertEqual(health?.health, .red)
    XCTAssertEqual(health?.measuresWithData, 2)
    XCTAssertEqual(health?.isThin, true)
    XCTAssertEqual(health?.thinDataNote, "thin data: 2 of 5 measures")
    XCTAssertEqual(health?.weakest, .touch)
  }

  func testASingleCallMakesAnAccountWithoutDataAtMostYellow() {
    var ledger = book(tier: 1, signed: day("2025-01-10"))
    XCTAssertEqual(score(ledger)?.health, .red, "never touched for almost two years")
    ledger.touch(.call, on: today)
    let health = score(ledger)
    XCTAssertEqual(health?.score, 100)
    XCTAssertEqual(health?.band, .green, "the score alone is in the green band")
    XCTAssertEqual(health?.health, .yellow, "thin data caps it")
    XCTAssertEqual(health?.measuresWithData, 1)
    XCTAssertEqual(health?.thinDataNote, "thin data: 1 of 5 measures")
    XCTAssertNil(health?.weakest)
  }

  // MARK: The touch measure from the start

  func testNeverTouchedFollowsTheTouchCurveFromTheSignature() {
    // Tier 2: C = 14.
    let cases: [(days: Int, score: Int)] = [(0, 100), (14, 100), (15, 50), (28, 50), (29, 0), (400, 0)]
    for item in cases {
      let ledger = book(tier: 2, signed: today.adding(days: -item.days))
      let reading = score(ledger)?.reading(.touch)
      XCTAssertEqual(reading?.score, item.score, "\(item.days) days since signature")
      XCTAssertEqual(reading?.rawValue, Double(item.days))
      XCTAssertEqual(reading?.value, "never touched; \(item.days) days since signature (every 14)")
    }
    // A later touch replaces the signature; a note or a touch dated after today does not.
    var ledger = book(tier: 2, signed: day("2025-01-10"))
    ledger.touch(.note, on: today)
    ledger.touch(.call, on: today.adding(days: 2))
    XCTAssertEqual(score(ledger)?.reading(.touch)?.value, "never touched; 682 days since signature (every 14)")
    ledger.touch(.meeting, on: today.adding(days: -20))
    XCTAssertEqual(score(ledger)?.reading(.touch)?.value, "20 days ago (every 14)")
    XCTAssertEqual(score(ledger)?.reading(.touch)?.score, 50)
  }

  func testWithoutASignatureTheCreationDayCounts() {
    let old = book(tier: 3, created: today.adding(days: -40))
    XCTAssertEqual(score(old)?.reading(.touch)?.value, "never touched; 40 days since creation (every 30)")
    XCTAssertEqual(score(old)?.reading(.touch)?.score, 50)

    // Created today: 0 days, data (not unknown), and thin.
    let new = book(tier: 3, created: today)
    let health = score(new)
    XCTAssertEqual(health?.reading(.touch)?.value, "never touched; 0 days since creation (every 30)")
    XCTAssertEqual(health?.score, 100)
    XCTAssertEqual(health?.health, .yellow)
    XCTAssertEqual(health?.thinDataNote, "thin data: 1 of 5 measures")

    // A signature after today does not start the clock: the creation day does.
    let ahead = book(tier: 3, signed: today.adding(days: 10), created: today.adding(days: -5))
    XCTAssertEqual(score(ahead)?.reading(.touch)?.value, "never touched; 5 days since creation (every 30)")
  }

  func testUnknownOnlyBeforeTheAccountStarts() {
    let ledger = book(tier: 2, signed: day("2026-11-01"), created: day("2026-11-10"))
    // Before both the signature and the creation: nothing to measure.
    let before = score(ledger, on: day("2026-10-30"))
    XCTAssertNil(before?.score)
    XCTAssertEqual(before?.health, .unknown)
    XCTAssertEqual(before?.isThin, false, "unknown is not thin")
    XCTAssertNil(before?.thinDataNote)
    XCTAssertEqual(before?.measuresWithData, 0)
    XCTAssertEqual(before?.reading(.touch)?.value, "no data")
    // From the signature on, the touch measure has data.
    XCTAssertEqual(score(ledger, on: day("2026-11-01"))?.reading(.touch)?.rawValue, 0)
    // Data only in measures weighted 0 is still unknown.
    XCTAssertEqual(score(ledger, config: config([("weight.touch", 0)]))?.health, .unknown)
  }

  // MARK: The cap

  func testGreenNeedsTheTouchMeasureAndThreeMeasuresWithData() {
    var ledger = book(tier: 2, signed: day("2025-01-10"))
    ledger.touch(.call, on: today)
    ledger.must(.recordUsage(slug: "acme", value: 100, date: today.adding(days: -40)))
    ledger.must(.recordUsage(slug: "acme", value: 100, date: today.adding(days: -2)))
    // Touch and usage: 100, but 2 of 5.
    XCTAssertEqual(score(ledger)?.score, 100)
    XCTAssertEqual(score(ledger)?.health, .yellow)
    XCTAssertEqual(score(ledger)?.thinDataNote, "thin data: 2 of 5 measures")
    // A third measure with data: green, not thin, no note.
    ledger.must(.recordNPS(slug: "acme", score: 9, contact: nil, comment: nil, date: today))
    let three = score(ledger)
    XCTAssertEqual(three?.health, .green)
    XCTAssertEqual(three?.measuresWithData, 3)
    XCTAssertEqual(three?.isThin, false)
    XCTAssertNil(three?.thinDataNote)
    // A measure weighted 0 does not count as evidence.
    let unweighted = score(ledger, config: config([("weight.usage", 0)]))
    XCTAssertEqual(unweighted?.score, 100)
    XCTAssertEqual(unweighted?.health, .yellow)
    XCTAssertEqual(unweighted?.thinDataNote, "thin data: 2 of 5 measures")
  }

  func testThinDataNeverChangesRedOrYellow() {
    var ledger = book(tier: 2, signed: day("2025-01-10"))
    ledger.touch(.call, on: today.adding(days: -20))  // 50
    XCTAssertEqual(score(ledger)?.score, 50)
    XCTAssertEqual(score(ledger)?.health, .yellow)
    XCTAssertEqual(score(ledger)?.band, .yellow)
    XCTAssertEqual(score(ledger)?.isThin, true)
    ledger.must(.recordNPS(slug: "acme", score: 2, contact: nil, comment: nil, date: today))
    // (50 × 25 + 0 × 20) / 45 = 27.8: red stays red.
    XCTAssertEqual(score(ledger)?.score, 28)
    XCTAssertEqual(score(ledger)?.health, .red)
    XCTAssertEqual(score(ledger)?.thinDataNote, "thin data: 2 of 5 measures")
  }

  func testAThinAccountRenewingSoonIsAtRisk() {
    var ledger = Ledger(today: day("2025-01-10"))
    ledger.must(
      .addAccount(
        slug: "acme",
        profile: AccountProfile(
          name: "Acme Corp", tier: 2, stage: .retention, owner: "bo", signed: day("2025-01-10"),
          renewal: today.adding(days: 30))))
    ledger.today = today
    ledger.touch(.call, on: today)
    guard let account = ledger.account() else { return }
    let item = Assessor(book: ledger.book, today: today).assess(account)
    XCTAssertEqual(item.health.health, .yellow)
    XCTAssertTrue(item.alerts.contains(.renewalAtRisk), "\(item.alerts)")
  }
}
