import RapportDomain
import RapportJournal
import XCTest

/// What moved since last week and why (the client, the configuration, or both), the renewal rules,
/// alerts that sit beside the score, and the board's worst-first order.
final class TrendAndAlertTests: XCTestCase {
  let today = day("2026-11-23")
  var weekAgo: Day { today.adding(days: -7) }

  // MARK: Helpers

  private func addAccount(
    _ slug: String, tier: Int = 3, owner: String? = "bo", renewal: Day? = nil, signed: Day? = day("2025-06-02"),
    to ledger: inout Ledger, file: StaticString = #filePath, line: UInt = #line
  ) {
    ledger.must(
      .addAccount(
        slug: slug,
        profile: AccountProfile(
          name: slug.capitalized, tier: tier, stage: .growth, owner: owner, signed: signed, renewal: renewal)),
      file: file, line: line)
  }

  /// Evidence enough for green (docs/rules.md, Health): a call today (touch 100), usage steady over the
  /// two windows (100) and a promoter's answer today (100): three measures with data.
  private func makeHealthy(_ slug: String, in ledger: inout Ledger) {
    ledger.touch(.call, on: today, slug: slug)
    ledger.must(.recordUsage(slug: slug, value: 100, date: today.adding(days: -40)))
    ledger.must(.recordUsage(slug: slug, value: 100, date: today.adding(days: -2)))
    ledger.must(.recordNPS(slug: slug, score: 9, contact: nil, comment: nil, date: today))
  }

  /// A tier 3 account created long ago whose client data holds still over the last week: a call 10
  /// days ago (100 against 30 days) and usage down 20 % (50) in both weeks' windows. Score 75.
  private func steadyBook() -> Ledger {
    var ledger = Ledger(today: day("2025-06-02"))
    addAccount("acme", to: &ledger)
    ledger.today = today.adding(days: -10)
    ledger.touch(.call, on: today.adding(days: -10))
    ledger.must(.recordUsage(slug: "acme", value: 100, date: today.adding(days: -45)))
    ledger.must(.recordUsage(slug: "acme", value: 80, date: today.adding(days: -10)))
    return ledger
  }

  private func assess(
    _ ledger: Ledger, _ slug: String = "acme", on date: Day? = nil, file: StaticString = #filePath, line: UInt = #line
  ) -> Assessment? {
    ledger.account(slug, file: file, line: line).map { Assessor(book: ledger.book, today: date ?? today).assess($0) }
  }

  // MARK: Trend

  func testTrendSeparatesConfigurationFromClientChanges() {
    struct Case {
      var label: String
      /// `weight.usage 60` recorded on this day, if any.
      var configDay: Day?
      var detractorDay: Day?
      var previous: Int
      var current: Int
      var direction: Trend.Direction
      var source: Trend.Source
      var reasonMentions: [String]
    }
    let cases = [
      Case(
        label: "nothing changed", configDay: nil, detractorDay: nil, previous: 75, current: 75, direction: .flat,
        source: .none, reasonMentions: ["unchanged"]),
      Case(
        label: "weight.usage 60 set three days ago", configDay: today.adding(days: -3), detractorDay: nil,
        previous: 75, current: 65, direction: .down, source: .configuration,
        reasonMentions: ["configuration", "weight.usage 25 → 60"]),
      Case(
        label: "weight.usage 60 set today", configDay: today, detractorDay: nil, previous: 75, current: 65,
        direction: .down, source: .configuration, reasonMentions: ["weight.usage"]),
      Case(
        label: "weight.usage 60 set a week ago (in force then)", configDay: weekAgo, detractorDay: nil, previous: 65,
        current: 65, direction: .flat, source: .none, reasonMentions: ["unchanged"]),
      Case(
        label: "weight.usage 60 set before the week", configDay: today.adding(days: -10), detractorDay: nil,
        previous: 65, current: 65, direction: .flat, source: .none, reasonMentions: ["unchanged"]),
      Case(
        label: "weight.usage 60 set tomorrow (not in force)", configDay: today.adding(days: 1), detractorDay: nil,
        previous: 75, current: 75, direction: .flat, source: .none, reasonMentions: ["unchanged"]),
      // (2500 + 1250 + 0) / 70 = 53.6
      Case(
        label: "a detractor two days ago", configDay: nil, detractorDay: today.adding(days: -2), previous: 75,
        current: 54, direction: .down, source: .client, reasonMentions: ["nps"]),
      // (2500 + 3000 + 0) / 105 = 52.4; under today's configuration the week-old data scored 65.
      Case(
        label: "both", configDay: today.adding(days: -3), detractorDay: today.adding(days: -2), previous: 75,
        current: 52, direction: .down, source: .both, reasonMentions: ["nps", "weight.usage 25 → 60"]),
    ]
    for item in cases {
      var ledger = steadyBook()
      if let configDay = item.configDay {
        ledger.today = configDay
        ledger.must(.setConfig(key: "weight.usage", value: 60))
      }
      if let detractorDay = item.detractorDay {
        ledger.today = detractorDay
        ledger.must(.recordNPS(slug: "acme", score: 3, contact: "Dee", comment: nil, date: detractorDay))
      }
      guard let assessment = assess(ledger) else { continue }
      let trend = assessment.trend
      XCTAssertEqual(assessment.health.score, item.current, "\(item.label): score now")
      XCTAssertEqual(trend.previousScore, item.previous, "\(item.label): score a week ago")
      XCTAssertEqual(trend.change, item.current - item.previous, "\(item.label): change")
      XCTAssertEqual(trend.direction, item.direction, "\(item.label): direction")
      XCTAssertEqual(trend.source, item.source, "\(item.label): source (\(trend.reason))")
      XCTAssertEqual(trend.since, weekAgo, item.label)
      for word in item.reasonMentions {
        XCTAssertTrue(trend.reason.contains(word), "\(item.label): reason \"\(trend.reason)\" lacks \(word)")
      }
      if item.source == .client {
        XCTAssertFalse(trend.reason.contains("configuration"), "\(item.label): \(trend.reason)")
      }
      // The board tells the same story.
      XCTAssertEqual(Assessor(book: ledger.book, today: today).board().first?.trend, trend, item.label)
    }
  }

  func testTrendOfANewAccountAndOfAnAccountWithoutData() {
    var ledger = Ledger(today: today.adding(days: -3))
    addAccount("fresh", to: &ledger)
    ledger.touch(.call, on: today.adding(days: -20), slug: "fresh")
    // No signature: it starts the day it is created (3 days ago); the day before, nothing is measured.
    addAccount("empty", signed: nil, to: &ledger)

    let fresh = assess(ledger, "fresh")
    XCTAssertEqual(fresh?.health.score, 100)
    XCTAssertEqual(fresh?.trend.direction, .new, "created after a week ago")
    XCTAssertNil(fresh?.trend.previousScore)
    XCTAssertNil(fresh?.trend.change)
    XCTAssertEqual(fresh?.trend.source, Trend.Source.none)

    let empty = assess(ledger, "empty", on: today.adding(days: -4))
    XCTAssertNil(empty?.health.score)
    XCTAssertEqual(empty?.health.health, .unknown)
    XCTAssertEqual(empty?.trend.direction, .new)
    XCTAssertEqual(empty?.trend.reason, "no data")
  }

  func testTrendDirectionAndMovedMeasures() {
    // A tier 3 account whose only measure is the touch: the week-old score was 100, today's 50 → down.
    var ledger = Ledger(today: day("2025-06-02"))
    addAccount("acme", to: &ledger)
    ledger.today = today.adding(days: -35)
    ledger.touch(.call, on: today.adding(days: -35))
    let trend = assess(ledger)?.trend
    XCTAssertEqual(trend?.previousScore, 100)
    XCTAssertEqual(trend?.change, -50)
    XCTAssertEqual(trend?.direction, .down)
    XCTAssertEqual(trend?.source, .client)
    XCTAssertTrue(trend?.reason.contains("touch 100 → 50") ?? false, trend?.reason ?? "")

    // Moves of less than 3 points are flat; 3 or more go up or down.
    var small = steadyBook()
    small.today = today.adding(days: -3)
    small.must(.setConfig(key: "weight.usage", value: 23))  // (2500 + 1150) / 48 = 76.04 → 76: +1
    XCTAssertEqual(assess(small)?.trend.change, 1)
    XCTAssertEqual(assess(small)?.trend.direction, .flat)
    small.must(.setConfig(key: "weight.usage", value: 19))  // (2500 + 950) / 44 = 78.4 → 78: +3
    XCTAssertEqual(assess(small)?.trend.change, 3)
    XCTAssertEqual(assess(small)?.trend.direction, .up)
  }

  // MARK: Renewal

  func testRenewalAtRiskOnlyInside90DaysAndWhenNotGreen() {
    let cases: [(label: String, renewsIn: Int, health: Health, atRisk: Bool)] = [
      ("unknown, 91 days out", 91, .unknown, false),
      ("unknown, 90 days out", 90, .unknown, true),
      ("unknown, 89 days out", 89, .unknown, true),
      ("unknown, renews today", 0, .unknown, true),
      // A renewal date passed with no outcome: red (renewal-overdue), no longer "at risk".
      ("unknown, renewal yesterday with no outcome", -1, .red, false),
      ("green, 89 days out", 89, .green, false),
      ("green, 10 days out", 10, .green, false),
      ("red, 89 days out", 89, .red, true),
      ("red, 91 days out", 91, .red, false),
      ("yellow, 30 days out", 30, .yellow, true),
    ]
    for item in cases {
      // Unknown: an account created tomorrow without a signature has nothing to measure today.
      let unmeasured = item.label.hasPrefix("unknown")
      var ledger = Ledger(today: unmeasured ? today.adding(days: 1) : day("2025-06-02"))
      addAccount(
        "acme", renewal: today.adding(days: item.renewsIn), signed: unmeasured ? nil : day("2025-06-02"),
        to: &ledger)
      ledger.today = today
      switch unmeasured ? Health.unknown : item.health {
      case .green: makeHealthy("acme", in: &ledger)
      // Never touched since 2025-06-02 (touch 0) and a detractor: 0.
      case .red: ledger.must(.recordNPS(slug: "acme", score: 2, contact: nil, comment: nil, date: today))
      // A call today (100) and a detractor (0): 2500 / 45 = 56.
      case .yellow:
        ledger.touch(.call, on: today)
        ledger.must(.recordNPS(slug: "acme", score: 2, contact: nil, comment: nil, date: today))
      case .unknown: break
      }
      let assessment = assess(ledger)
      XCTAssertEqual(assessment?.health.health, item.health, item.label)
      XCTAssertEqual(assessment?.daysToRenewal, item.renewsIn, item.label)
      XCTAssertEqual(
        assessment?.alerts.contains(.renewalAtRisk), item.atRisk, "\(item.label): \(assessment?.alerts ?? [])")
    }
  }

  func testRenewalConversationIsDue90DaysBefore() {
    let cases: [(label: String, renewsIn: Int, due: Int?, overdue: Bool)] = [
      ("89 days out", 89, -1, true),
      ("90 days out", 90, 0, false),
      ("91 days out", 91, 1, false),
      ("120 days out (due in 30)", 120, 30, false),
      ("121 days out (too early)", 121, nil, false),
      ("renewed yesterday", -1, nil, false),
    ]
    for item in cases {
      var ledger = Ledger(today: day("2025-06-02"))
      let renewal = today.adding(days: item.renewsIn)
      addAccount("acme", renewal: renewal, to: &ledger)
      let found = assess(ledger)?.plays.filter { $0.code == .renewalConversation } ?? []
      guard let due = item.due else {
        XCTAssertTrue(found.isEmpty, "\(item.label): \(found)")
        continue
      }
      XCTAssertEqual(found.count, 1, "\(item.label): \(found)")
      XCTAssertEqual(found.first?.due, today.adding(days: due), item.label)
      XCTAssertEqual(found.first?.due, renewal.adding(days: -90), item.label)
      XCTAssertEqual(found.first?.isOverdue(on: today), item.overdue, item.label)
    }

    // Renewing in 89 days (due yesterday): what closes it.
    let closing:
      [(label: String, kind: TouchpointKind, daysAgo: Int, summary: String, outcome: String?, closes: Bool)] = [
        ("a call marked for the renewal", .call, 1, "Terms agreed", nil, true),
        ("a meeting marked for the renewal", .meeting, 20, "Budget review", "Two more years", true),
        ("an unmarked call about the renewal (words close nothing)", .call, 1, "Renewal terms agreed", nil, false),
        ("an unmarked meeting whose outcome says Renew", .meeting, 20, "Budget review", "Renew for two years", false),
        ("a call about the roadmap", .call, 1, "Roadmap", nil, false),
        ("a note about the renewal", .note, 1, "Renewal coming", nil, false),
        ("a renewal call too early (40 days ago)", .call, 40, "Renewal talk", nil, false),
      ]
    for item in closing {
      var ledger = Ledger(today: day("2025-06-02"))
      addAccount("acme", renewal: today.adding(days: 89), to: &ledger)
      ledger.today = today.adding(days: -item.daysAgo)
      ledger.must(
        .logTouchpoint(
          slug: "acme",
          TouchpointInput(
            kind: item.kind, date: ledger.today, summary: item.summary, outcome: item.outcome,
            closes: item.label.contains("marked for") ? .renewalConversation : nil)))
      let found = assess(ledger)?.plays.filter { $0.code == .renewalConversation } ?? []
      XCTAssertEqual(found.isEmpty, item.closes, "\(item.label): \(found)")
    }
  }

  // MARK: Other alerts

  func testNoOwnerIsAlwaysFlagged() {
    var ledger = Ledger(today: today)
    addAccount("orphan", owner: nil, to: &ledger)
    addAccount("owned", owner: "bo", to: &ledger)
    makeHealthy("orphan", in: &ledger)
    makeHealthy("owned", in: &ledger)
    XCTAssertEqual(assess(ledger, "orphan")?.health.health, .green)
    XCTAssertTrue(assess(ledger, "orphan")?.alerts.contains(.noOwner) ?? false)
    XCTAssertEqual(
      assess(ledger, "owned")?.alerts, [.renewalUnknown], "a quiet, healthy tier 3 account: only its unknown renewal")
  }

  func testAlertsDoNotHideInTheScore() {
    // Red with every alert the data can raise, yet the alerts are listed whatever the score.
    var ledger = Ledger(today: day("2025-06-02"))
    addAccount("acme", tier: 2, owner: nil, renewal: today.adding(days: 60), to: &ledger)
    ledger.today = today
    ledger.touch(.call, on: today.adding(days: -40))
    ledger.must(.recordUsage(slug: "acme", value: 100, date: today.adding(days: -40)))
    ledger.must(.recordUsage(slug: "acme", value: 50, date: today.adding(days: -2)))
    for number in 1...3 {
      ledger.must(.openTicket(slug: "acme", ticket: "T\(number)", severity: .high, date: today.adding(days: -number)))
    }
    ledger.must(.recordNPS(slug: "acme", score: 1, contact: nil, comment: nil, date: today.adding(days: -5)))
    ledger.must(.addCriterion(slug: "acme", text: "Go live", target: today.adding(days: -1)))
    let assessment = assess(ledger)
    XCTAssertEqual(assessment?.health.health, .red)
    XCTAssertEqual(
      Set(assessment?.alerts ?? []),
      [
        .noOwner, .checkinOverdue, .detractorOpen, .usageDrop, .ticketSpike, .criterionStalled, .renewalAtRisk,
        .valueNoteOverdue,
      ])
  }

  func testEntriesDatedAfterTodayDoNotCountYet() {
    // As seen on an earlier day (`--today`), or with an entry dated ahead: the days since the last
    // touch agree with the touch measure, and a response not yet given opens no loop.
    var ledger = Ledger(today: day("2025-06-02"))
    addAccount("acme", to: &ledger)
    ledger.today = today
    ledger.touch(.call, on: today.adding(days: -3))
    ledger.touch(.meeting, on: today.adding(days: 2))
    ledger.must(.recordNPS(slug: "acme", score: 2, contact: nil, comment: nil, date: today.adding(days: 1)))
    let assessment = assess(ledger)
    XCTAssertEqual(assessment?.health.reading(.touch)?.rawValue, 3)
    XCTAssertEqual(assessment?.daysSinceTouch, 3, "the touch measure says 3 days")
    XCTAssertNil(assessment?.health.reading(.nps)?.score)
    XCTAssertFalse(assessment?.plays.contains { $0.code == .detractorFollowUp } ?? true, "\(assessment?.plays ?? [])")
    XCTAssertFalse(assessment?.alerts.contains(.detractorOpen) ?? true)

    // Tomorrow the response has been given; the day after, the meeting has followed it up.
    let tomorrow = assess(ledger, on: today.adding(days: 1))
    XCTAssertEqual(tomorrow?.daysSinceTouch, 4)
    XCTAssertEqual(tomorrow?.health.reading(.nps)?.score, 0)
    XCTAssertTrue(tomorrow?.alerts.contains(.detractorOpen) ?? false)
    let later = assess(ledger, on: today.adding(days: 2))
    XCTAssertEqual(later?.daysSinceTouch, 0)
    XCTAssertFalse(later?.alerts.contains(.detractorOpen) ?? true)
  }

  // MARK: The board

  func testBoardIsWorstFirst() {
    var ledger = Ledger(today: day("2025-06-02"))
    for slug in ["zeta", "beta", "alpha", "gamma", "delta", "eta"] { addAccount(slug, to: &ledger) }
    // omega: created tomorrow without a signature, so nothing to measure today: unknown.
    ledger.today = today.adding(days: 1)
    addAccount("omega", signed: nil, to: &ledger)
    ledger.today = today
    makeHealthy("zeta", in: &ledger)  // green 100
    // Never touched since 2025-06-02 (touch 0) and a detractor (0): red 0.
    ledger.must(.recordNPS(slug: "beta", score: 3, contact: nil, comment: nil, date: today))
    ledger.must(.recordNPS(slug: "alpha", score: 0, contact: nil, comment: nil, date: today))
    // Touched 40 days ago (50) and a passive (60): 2450 / 45 = 54, yellow.
    ledger.touch(.call, on: today.adding(days: -40), slug: "gamma")
    ledger.must(.recordNPS(slug: "gamma", score: 7, contact: nil, comment: nil, date: today))
    ledger.touch(.call, on: today.adding(days: -40), slug: "delta")  // yellow 50
    ledger.touch(.call, on: today, slug: "eta")  // 100 on 1 of 5 measures: thin, yellow
    let board = Assessor(book: ledger.book, today: today).board()
    XCTAssertEqual(board.map(\.account.slug), ["alpha", "beta", "delta", "gamma", "eta", "omega", "zeta"])
    XCTAssertEqual(board.map(\.health.health), [.red, .red, .yellow, .yellow, .yellow, .unknown, .green])
    XCTAssertEqual(board.map(\.health.score), [0, 0, 50, 54, 100, nil, 100])
  }
}
