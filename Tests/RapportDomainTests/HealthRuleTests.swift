import RapportDomain
import RapportJournal
import XCTest

/// The default health model of docs/rules.md "Health": each measure's bands at their edges, the
/// weighted mean over measures with data, the colours, the weakest measure, and the configuration's
/// validation.
final class HealthRuleTests: XCTestCase {
  let today = day("2026-11-23")

  // MARK: Helpers

  /// A ledger holding `acme` (tier 3, growth, owner bo), created long before `today`.
  private func book(tier: Int = 3) -> Ledger {
    var ledger = Ledger(today: day("2025-06-02"))
    ledger.must(
      .addAccount(
        slug: "acme",
        profile: AccountProfile(name: "Acme Corp", tier: tier, stage: .growth, owner: "bo", signed: day("2025-06-02"))))
    ledger.today = today
    return ledger
  }

  private func score(
    _ ledger: Ledger, config: RulesConfig = RulesConfig(), on date: Day? = nil, file: StaticString = #filePath,
    line: UInt = #line
  ) -> HealthScore? {
    ledger.account(file: file, line: line).map { HealthModel(today: date ?? today, config: config).score($0) }
  }

  private func alerts(_ ledger: Ledger) -> [AlertCode] {
    ledger.account().map { Assessor(book: ledger.book, today: today).assess($0).alerts } ?? []
  }

  private func usage(_ value: Double, daysAgo: Int, in ledger: inout Ledger) {
    ledger.must(.recordUsage(slug: "acme", value: value, date: today.adding(days: -daysAgo)))
  }

  private func tickets(_ count: Int, daysAgo: Int, prefix: String, in ledger: inout Ledger) {
    for number in 0..<count {
      ledger.must(
        .openTicket(slug: "acme", ticket: "\(prefix)-\(number)", severity: .normal, date: today.adding(days: -daysAgo)))
    }
  }

  private func config(_ pairs: [(String, Double)], file: StaticString = #filePath, line: UInt = #line) -> RulesConfig {
    var config = RulesConfig()
    for (key, value) in pairs {
      do { try config.set(key, to: value) } catch { XCTFail("\(key) = \(value): \(error)", file: file, line: line) }
    }
    return config
  }

  // MARK: Touch

  func testTouchScoreAgainstTheTierInterval() {
    let cases: [(tier: Int, days: Int, score: Int)] = [
      (1, 0, 100), (1, 7, 100), (1, 8, 50), (1, 14, 50), (1, 15, 0),
      (2, 14, 100), (2, 15, 50), (2, 28, 50), (2, 29, 0),
      (3, 30, 100), (3, 31, 50), (3, 60, 50), (3, 61, 0),
    ]
    for item in cases {
      var ledger = book(tier: item.tier)
      ledger.touch(.call, on: today.adding(days: -item.days))
      let reading = score(ledger)?.reading(.touch)
      XCTAssertEqual(reading?.score, item.score, "tier \(item.tier), \(item.days) days")
      XCTAssertEqual(reading?.rawValue, Double(item.days))
      XCTAssertEqual(reading?.weight, 25)
    }
    // A touch logged for a day after today does not count yet, nor does a note; without a meaningful
    // touch the measure counts from the signature (2025-06-02, 539 days: more than 2C, 0), not "no data".
    var ledger = book()
    ledger.touch(.call, on: today.adding(days: 2))
    ledger.touch(.note, on: today)
    XCTAssertEqual(score(ledger)?.reading(.touch)?.score, 0)
    XCTAssertEqual(score(ledger)?.reading(.touch)?.value, "never touched; 539 days since signature (every 30)")
  }

  // MARK: Usage

  func testUsageBandsAtTheirEdges() {
    let cases: [(label: String, before: Double, after: Double, score: Int, alert: Bool)] = [
      ("up 20 %", 100, 120, 100, false),
      ("steady", 100, 100, 100, false),
      ("down 9 %", 100, 91, 100, false),
      ("down 10 %", 100, 90, 50, false),
      ("down 29 %", 100, 71, 50, false),
      ("down 30 %", 100, 70, 0, true),
      ("down 31 %", 100, 69, 0, true),
      ("down to zero", 100, 0, 0, true),
    ]
    for item in cases {
      var ledger = book()
      usage(item.before, daysAgo: 45, in: &ledger)
      usage(item.after, daysAgo: 5, in: &ledger)
      let reading = score(ledger)?.reading(.usage)
      XCTAssertEqual(reading?.score, item.score, "\(item.label): \(String(describing: reading))")
      XCTAssertEqual(
        reading?.rawValue ?? .nan, (item.after - item.before) / item.before * 100, accuracy: 0.05, item.label)
      XCTAssertEqual(alerts(ledger).contains(.usageDrop), item.alert, "\(item.label): usage-drop")
    }
  }

  func testUsageComparesTheMeansOfTwoThirtyDayWindows() {
    var ledger = book()
    // Before: days 30–59 ago (mean 100); last 30 days: days 0–29 ago (mean 75 → −25 %).
    usage(90, daysAgo: 59, in: &ledger)
    usage(110, daysAgo: 30, in: &ledger)
    usage(50, daysAgo: 29, in: &ledger)
    usage(100, daysAgo: 0, in: &ledger)
    usage(1, daysAgo: 60, in: &ledger)  // too old
    usage(1, daysAgo: -1, in: &ledger)  // tomorrow
    let reading = score(ledger)?.reading(.usage)
    XCTAssertEqual(reading?.rawValue, -25)
    XCTAssertEqual(reading?.score, 50)
  }

  func testUsageWithoutSamplesInOneWindowHasNoData() {
    let cases: [(label: String, daysAgo: [Int])] = [
      ("none at all", []), ("only the last 30 days", [1, 10]), ("only the 30 days before", [31, 50]),
      ("only older", [60, 90]),
    ]
    for item in cases {
      var ledger = book()
      for daysAgo in item.daysAgo { usage(100, daysAgo: daysAgo, in: &ledger) }
      let reading = score(ledger)?.reading(.usage)
      XCTAssertNotNil(reading, item.label)
      XCTAssertNil(reading?.score, item.label)
      XCTAssertNil(reading?.rawValue, item.label)
      XCTAssertEqual(reading?.value, "no data", item.label)
      XCTAssertFalse(alerts(ledger).contains(.usageDrop), item.label)
    }
  }

  // MARK: Tickets

  func testTicketBands() {
    let cases: [(label: String, before: Int, after: Int, score: Int?, spike: Bool)] = [
      ("no tickets ever", 0, 0, nil, false),
      ("equal", 2, 2, 100, false),
      ("down", 3, 1, 100, false),
      ("doubled to 2 (below the minimum of 3)", 1, 2, 50, false),
      ("up 2 → 3, not doubled", 2, 3, 50, false),
      ("tripled to 3", 1, 3, 0, true),
      ("0 → 3", 0, 3, 0, true),
      ("doubled to 4", 2, 4, 0, true),
      ("only old tickets", 0, 0, 100, false),
    ]
    for item in cases {
      var ledger = book()
      tickets(item.before, daysAgo: 40, prefix: "OLD", in: &ledger)
      tickets(item.after, daysAgo: 3, prefix: "NEW", in: &ledger)
      if item.label == "only old tickets" { tickets(2, daysAgo: 70, prefix: "ANCIENT", in: &ledger) }
      let reading = score(ledger)?.reading(.tickets)
      XCTAssertEqual(reading?.score, item.score, "\(item.label): \(String(describing: reading))")
      XCTAssertEqual(alerts(ledger).contains(.ticketSpike), item.spike, "\(item.label): ticket-spike")
    }
  }

  // MARK: NPS

  func testNPSBandsAndTheWindow() {
    let cases: [(label: String, score: Int, daysAgo: Int, expected: Int?)] = [
      ("10", 10, 1, 100), ("9", 9, 1, 100), ("8", 8, 1, 60), ("7", 7, 1, 60), ("6", 6, 1, 0), ("0", 0, 1, 0),
      ("9, 180 days ago", 9, 180, 100), ("9, 181 days ago", 9, 181, nil), ("3, 181 days ago", 3, 181, nil),
      ("9, tomorrow", 9, -1, nil),
    ]
    for item in cases {
      var ledger = book()
      ledger.must(
        .recordNPS(slug: "acme", score: item.score, contact: nil, comment: nil, date: today.adding(days: -item.daysAgo))
      )
      let reading = score(ledger)?.reading(.nps)
      XCTAssertEqual(reading?.score, item.expected, item.label)
      XCTAssertEqual(reading?.rawValue, item.expected == nil ? nil : Double(item.score), item.label)
    }
    // The latest response counts, not the best or the worst.
    var ledger = book()
    ledger.must(.recordNPS(slug: "acme", score: 10, contact: nil, comment: nil, date: today.adding(days: -2)))
    ledger.must(.recordNPS(slug: "acme", score: 5, contact: nil, comment: nil, date: today.adding(days: -9)))
    XCTAssertEqual(score(ledger)?.reading(.nps)?.score, 100)
    ledger.must(.recordNPS(slug: "acme", score: 7, contact: nil, comment: nil, date: today.adding(days: -1)))
    XCTAssertEqual(score(ledger)?.reading(.nps)?.score, 60)
  }

  // MARK: Success criteria

  func testCriteriaMetAgainstThoseDue() {
    let past = today.adding(days: -5)
    let future = today.adding(days: 5)
    let cases: [(label: String, criteria: [(target: Day?, met: Bool)], score: Int?, stalled: Bool)] = [
      ("all due met", [(past, true), (today, true), (future, false)], 100, false),
      ("some due met", [(past, true), (past, false)], 50, true),
      ("none due met", [(past, false), (today, false)], 0, true),
      ("due today, not met: not stalled yet", [(today, false)], 0, false),
      ("none due", [(future, false), (nil, false)], nil, false),
      ("no criteria", [], nil, false),
    ]
    for item in cases {
      var ledger = book()
      for (number, criterion) in item.criteria.enumerated() {
        ledger.must(.addCriterion(slug: "acme", text: "Criterion \(number + 1)", target: criterion.target))
        if criterion.met { ledger.must(.meetCriterion(slug: "acme", number: number + 1, date: past)) }
      }
      XCTAssertEqual(score(ledger)?.reading(.criteria)?.score, item.score, item.label)
      XCTAssertEqual(alerts(ledger).contains(.criterionStalled), item.stalled, "\(item.label): criterion-stalled")
    }
  }

  // MARK: The weighted mean

  func testWeightedMeanOverMeasuresWithDataOnly() {
    var ledger = book()
    ledger.touch(.call, on: today.adding(days: -1))  // touch 100, weight 25
    ledger.must(.recordNPS(slug: "acme", score: 3, contact: nil, comment: nil, date: today.adding(days: -1)))  // 0, 20
    let health = score(ledger)
    // (100 × 25 + 0 × 20) / 45 = 55.6; usage, tickets and criteria have no data and weigh nothing.
    XCTAssertEqual(health?.score, 56)
    XCTAssertEqual(health?.health, .yellow)
    XCTAssertEqual(health?.readings.map(\.measure), Measure.allCases)
    XCTAssertEqual(health?.readings.filter(\.hasData).map(\.measure), [.touch, .nps])

    // A measure with weight 0 is left out even when it has data.
    XCTAssertEqual(score(ledger, config: config([("weight.nps", 0)]))?.score, 100)

    usage(100, daysAgo: 40, in: &ledger)
    usage(80, daysAgo: 2, in: &ledger)  // −20 % → 50, weight 25
    // (2500 + 0 + 1250) / 70 = 53.6
    XCTAssertEqual(score(ledger)?.score, 54)
  }

  func testNoDataMeansUnknownNeverGreen() {
    // The touch measure counts from the signature, so only a day before the account's start has no data.
    let ledger = book()
    let health = score(ledger, on: day("2025-06-01"))
    XCTAssertNil(health?.score)
    XCTAssertEqual(health?.health, .unknown)
    XCTAssertNil(health?.weakest)
    XCTAssertEqual(health?.readings.count, 5)
    XCTAssertTrue(health?.readings.allSatisfy { !$0.hasData } ?? false)

    // Data only in measures weighted 0 is no data either.
    var weighted = book()
    weighted.touch(.call, on: today)
    XCTAssertEqual(score(weighted, config: config([("weight.touch", 0)]))?.health, .unknown)
    XCTAssertNil(score(weighted, config: config([("weight.touch", 0)]))?.score)
  }

  func testColourThresholdsAtTheirBoundaries() {
    // Touch, usage and tickets 100, NPS 0: the score is 100 × good / (good + nps). Three measures carry
    // weight in each green case, so that the thin-data cap (HealthEvidenceTests) does not apply.
    var ledger = book()
    ledger.touch(.call, on: today)
    usage(100, daysAgo: 40, in: &ledger)
    usage(100, daysAgo: 2, in: &ledger)
    tickets(1, daysAgo: 40, prefix: "OLD", in: &ledger)
    ledger.must(.recordNPS(slug: "acme", score: 2, contact: nil, comment: nil, date: today))
    let cases: [(touch: Double, usage: Double, tickets: Double, nps: Double, score: Int, health: Health)] = [
      (40, 30, 30, 0, 100, .green),
      (40, 15, 15, 30, 70, .green),
      (39, 15, 15, 31, 69, .yellow),
      (20, 10, 10, 60, 40, .yellow),
      (19, 10, 10, 61, 39, .red),
      (0, 0, 0, 100, 0, .red),
    ]
    for item in cases {
      let health = score(
        ledger,
        config: config([
          ("weight.touch", item.touch), ("weight.usage", item.usage), ("weight.tickets", item.tickets),
          ("weight.nps", item.nps),
        ]))
      XCTAssertEqual(health?.score, item.score, "weights \(item)")
      XCTAssertEqual(health?.health, item.health, "score \(item.score)")
    }
    // The thresholds are configurable.
    let moved = score(
      ledger,
      config: config([
        ("weight.touch", 40), ("weight.usage", 15), ("weight.tickets", 15), ("weight.nps", 30), ("health.green", 71),
      ]))
    XCTAssertEqual(moved?.health, .yellow)
  }

  func testWeakestIsTheLargestWeightTimesShortfall() {
    var ledger = book()
    ledger.touch(.call, on: today)  // 100
    usage(100, daysAgo: 40, in: &ledger)
    usage(80, daysAgo: 2, in: &ledger)  // 50 × weight 25: shortfall 1250
    tickets(1, daysAgo: 40, prefix: "OLD", in: &ledger)
    tickets(3, daysAgo: 2, prefix: "NEW", in: &ledger)  // 0 × weight 15: shortfall 1500
    ledger.must(.recordNPS(slug: "acme", score: 8, contact: nil, comment: nil, date: today))  // 60 × 20: 800
    let cases: [(label: String, settings: [(String, Double)], weakest: Measure)] = [
      ("defaults: tickets 15 × 100 beats usage 25 × 50", [], .tickets),
      ("usage weighted 40: 40 × 50 beats 15 × 100", [("weight.usage", 40)], .usage),
      ("NPS weighted 100: 100 × 40", [("weight.nps", 100)], .nps),
    ]
    for item in cases {
      XCTAssertEqual(score(ledger, config: config(item.settings))?.weakest, item.weakest, item.label)
    }

    var healthy = book()
    healthy.touch(.call, on: today)
    XCTAssertEqual(score(healthy)?.score, 100)
    XCTAssertNil(score(healthy)?.weakest, "nothing falls short")
  }

  // MARK: Configuration

  func testRulesConfigRefusesUnknownKeysAndOutOfRangeValues() {
    let refused: [(key: String, value: Double)] = [
      ("nope", 1), ("weight.Usage", 10), ("", 1),
      ("weight.usage", 500), ("weight.usage", -1), ("weight.usage", 100.5), ("weight.usage", .nan),
      ("weight.usage", .infinity), ("checkin.tier1", 0), ("checkin.tier1", 366), ("usage.window-days", 6),
    ]
    for item in refused {
      var config = RulesConfig()
      XCTAssertThrowsError(try config.set(item.key, to: item.value), "\(item.key) = \(item.value)") { error in
        guard let refused = error as? DomainError, case .invalidValue = refused else {
          return XCTFail("\(item.key) = \(item.value): \(error)")
        }
      }
      XCTAssertEqual(config, RulesConfig(), "\(item.key) = \(item.value) left the configuration unchanged")
      XCTAssertNotNil(refusal(.setConfig(key: item.key, value: item.value), in: Ledger(today: today).book))
    }

    let accepted: [(key: String, value: Double)] = [
      ("weight.usage", 0), ("weight.usage", 100), ("weight.usage", 60), ("checkin.tier1", 1), ("checkin.tier3", 365),
      ("health.green", 75),
    ]
    for item in accepted {
      var config = RulesConfig()
      XCTAssertNoThrow(try config.set(item.key, to: item.value), "\(item.key) = \(item.value)")
      XCTAssertEqual(config[item.key], item.value)
    }
    XCTAssertEqual(RulesConfig()["weight.usage"], 25)
    XCTAssertEqual(RulesConfig().checkInDays(tier: 1), 7)
    XCTAssertEqual(RulesConfig().checkInDays(tier: 2), 14)
    XCTAssertEqual(RulesConfig().checkInDays(tier: 3), 30)
    XCTAssertEqual(RulesConfig().reviewDays(tier: 1), 91)
    XCTAssertEqual(RulesConfig().reviewDays(tier: 3), 182)
  }

  func testAConfiguredCheckInIntervalChangesTheTouchBands() {
    var ledger = book(tier: 1)
    ledger.touch(.call, on: today.adding(days: -10))
    XCTAssertEqual(score(ledger)?.reading(.touch)?.score, 50)
    XCTAssertEqual(score(ledger, config: config([("checkin.tier1", 10)]))?.reading(.touch)?.score, 100)
    XCTAssertEqual(score(ledger, config: config([("checkin.tier1", 4)]))?.reading(.touch)?.score, 0)
  }
}
