import RapportDomain
import RapportJournal
import XCTest

/// `rapport report`'s figures: periods, and each metric at its edges, with "no data" when a figure rests
/// on nothing. Today is 2026-11-23 throughout; most cases look at 2026-Q3 (July 1 to September 30), whose
/// start is the end of June 30.
final class MetricsTests: XCTestCase {
  let today = day("2026-11-23")
  var q3: MetricWindow { MetricWindow(first: day("2026-07-01"), end: day("2026-09-30"), today: today) }
  var july: MetricWindow { MetricWindow(first: day("2026-07-01"), end: day("2026-07-31"), today: today) }

  /// A ledger on 2026-01-01 (the day accounts are created unless a test moves it).
  private func ledger() -> Ledger { Ledger(today: day("2026-01-01")) }

  private func add(
    _ ledger: inout Ledger, _ slug: String, signed: String, tier: Int = 1, owner: String? = "bo", value: Double? = nil,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    ledger.must(
      .addAccount(
        slug: slug,
        profile: AccountProfile(
          name: slug, tier: tier, owner: owner, signed: day(signed), value: value.map { Money(units: $0) })),
      file: file, line: line)
  }

  /// Records a stage change on `date` (stage changes are dated by when they are recorded).
  private func stage(_ ledger: inout Ledger, _ slug: String, _ stage: Stage, on date: String) {
    ledger.today = day(date)
    ledger.must(.changeStage(slug: slug, stage: stage))
  }

  /// Records a new contract value on `date`.
  private func value(_ ledger: inout Ledger, _ slug: String, _ units: Double, on date: String) {
    ledger.today = day(date)
    ledger.must(.updateAccount(slug: slug, profile: AccountProfile(value: Money(units: units))))
  }

  private func assertFigure(
    _ figure: MetricValue, _ value: Double?, basis: Int, _ message: String = "", file: StaticString = #filePath,
    line: UInt = #line
  ) {
    XCTAssertEqual(figure.basis, basis, "basis " + message, file: file, line: line)
    guard let value else {
      XCTAssertNil(figure.value, "expected no data " + message, file: file, line: line)
      return
    }
    guard let actual = figure.value else {
      XCTFail("no data, expected \(value) " + message, file: file, line: line)
      return
    }
    XCTAssertEqual(actual, value, accuracy: 0.0001, message, file: file, line: line)
  }

  // MARK: Periods

  func testPeriodsHaveCalendarBoundsAndLabels() {
    let cases: [(String, PeriodKind, String, String, String)] = [
      ("2026-11-23", .month, "2026-11", "2026-11-01", "2026-11-30"),
      ("2024-02-10", .month, "2024-02", "2024-02-01", "2024-02-29"),
      ("2026-01-01", .quarter, "2026-Q1", "2026-01-01", "2026-03-31"),
      ("2026-06-30", .quarter, "2026-Q2", "2026-04-01", "2026-06-30"),
      ("2026-11-23", .quarter, "2026-Q4", "2026-10-01", "2026-12-31"),
      ("2026-11-23", .year, "2026", "2026-01-01", "2026-12-31"),
    ]
    for (date, kind, label, first, last) in cases {
      let period = ReportPeriod(containing: day(date), kind: kind)
      XCTAssertEqual(period.label, label, "\(date) \(kind)")
      XCTAssertEqual(period.first, day(first), "\(date) \(kind)")
      XCTAssertEqual(period.last, day(last), "\(date) \(kind)")
    }
  }

  func testTheLastFourPeriodsEndWithTodaysAndCrossYears() {
    let cases: [(String, PeriodKind, [String])] = [
      ("2026-11-23", .quarter, ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]),
      ("2026-02-01", .quarter, ["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]),
      ("2026-01-31", .month, ["2025-10", "2025-11", "2025-12", "2026-01"]),
      ("2026-11-23", .month, ["2026-08", "2026-09", "2026-10", "2026-11"]),
      ("2026-11-23", .year, ["2023", "2024", "2025", "2026"]),
    ]
    for (date, kind, labels) in cases {
      XCTAssertEqual(ReportPeriod.last(4, of: kind, endingWith: day(date)).map(\.label), labels, "\(date) \(kind)")
    }
  }

  func testAWindowEndsTodayWhenThePeriodIsNotOverAndStartsTheDayBefore() {
    let current = MetricWindow(ReportPeriod(containing: today, kind: .quarter), today: today)
    XCTAssertEqual(current.first, day("2026-10-01"))
    XCTAssertEqual(current.end, today, "the running period is counted to today")
    XCTAssertEqual(current.start, day("2026-09-30"))
    XCTAssertTrue(current.contains(today))
    XCTAssertFalse(current.contains(today.adding(days: 1)))
    let past = MetricWindow(ReportPeriod(containing: day("2026-08-01"), kind: .quarter), today: today)
    XCTAssertEqual(past.end, day("2026-09-30"))
    XCTAssertTrue(MetricWindow(first: day("2026-12-01"), end: day("2026-12-31"), today: today).isEmpty)
  }

  // MARK: Clients

  func testAClientHasStartedAndIsNotChurnedThatDay() throws {
    var book = ledger()
    add(&book, "acme", signed: "2026-03-01")
    stage(&book, "acme", .churned, on: "2026-05-10")
    stage(&book, "acme", .retention, on: "2026-08-01")
    book.must(.addAccount(slug: "dead", profile: AccountProfile(name: "Dead", tier: 2, stage: .churned)))
    let acme = try XCTUnwrap(book.account("acme"))
    let dead = try XCTUnwrap(book.account("dead"))
    let cases: [(String, Bool)] = [
      ("2026-02-28", false), ("2026-03-01", true), ("2026-05-09", true), ("2026-05-10", false), ("2026-07-31", false),
      ("2026-08-01", true), ("2026-12-01", true),
    ]
    for (date, expected) in cases {
      XCTAssertEqual(Metrics.isClient(acme, on: day(date)), expected, date)
    }
    XCTAssertFalse(Metrics.isClient(dead, on: day("2026-06-01")), "created churned: never a client")
  }

  // MARK: NPS

  func testNPSIsPromotersMinusDetractorsOverTheResponsesInThePeriod() {
    let cases: [([Int], Double?)] = [
      ([10], 100), ([0], -100), ([7, 8], 0), ([9, 6, 7, 10], 25), ([10, 9, 8, 6, 0], 0), ([6, 6, 9], -100.0 / 3),
      ([], nil),
    ]
    for (scores, expected) in cases {
      var book = ledger()
      add(&book, "acme", signed: "2026-01-01")
      for score in scores {
        book.must(.recordNPS(slug: "acme", score: score, contact: nil, comment: nil, date: day("2026-08-01")))
      }
      assertFigure(Metrics.nps(book.book.allAccounts, in: q3), expected, basis: scores.count, "\(scores)")
    }
  }

  func testNPSCountsTheFirstAndLastDayAndSkipsRetractedAndOutsideResponses() {
    var book = ledger()
    add(&book, "acme", signed: "2026-01-01")
    add(&book, "beta", signed: "2026-01-01", owner: nil)
    for (slug, score, date) in [
      ("acme", 10, "2026-06-30"), ("acme", 10, "2026-07-01"), ("beta", 0, "2026-09-30"), ("acme", 0, "2026-10-01"),
    ] {
      book.must(.recordNPS(slug: slug, score: score, contact: nil, comment: nil, date: day(date)))
    }
    let retracted = book.must(.recordNPS(slug: "acme", score: 0, contact: nil, comment: nil, date: day("2026-08-01")))
    book.must(.retract(seq: retracted, reason: "duplicate"))
    assertFigure(Metrics.nps(book.book.allAccounts, in: q3), 0, basis: 2)
    assertFigure(Metrics.nps(book.book.allAccounts, in: july), 100, basis: 1)
  }

  // MARK: Retention

  func testRetentionIsClientsAtEndLessNewOnesOverClientsAtStart() {
    var book = ledger()
    add(&book, "stays", signed: "2026-01-01")
    add(&book, "signed-on-start", signed: "2026-06-30")  // a client at the start (end of June 30)
    add(&book, "churns-in", signed: "2026-01-01")
    add(&book, "churns-on-end", signed: "2026-01-01")
    add(&book, "churned-before", signed: "2026-01-01")
    add(&book, "new", signed: "2026-07-01")  // the first day: new, not at the start
    add(&book, "in-and-out", signed: "2026-08-01")  // neither at start nor at end
    add(&book, "later", signed: "2026-10-01")
    stage(&book, "churned-before", .churned, on: "2026-06-30")
    stage(&book, "churns-in", .churned, on: "2026-08-15")
    stage(&book, "in-and-out", .churned, on: "2026-09-01")
    stage(&book, "churns-on-end", .churned, on: "2026-09-30")
    // At start: stays, signed-on-start, churns-in, churns-on-end (4). At end: stays, signed-on-start, new (3),
    // of which 1 is new: (3 - 1) / 4.
    assertFigure(Metrics.retention(book.book.allAccounts, in: q3), 50, basis: 4)
    // Q4 to today: at start (Sep 30) stays, signed-on-start, new (3); at end those and later (4), 1 new.
    let q4 = MetricWindow(ReportPeriod(containing: today, kind: .quarter), today: today)
    assertFigure(Metrics.retention(book.book.allAccounts, in: q4), 100, basis: 3)
  }

  func testRetentionWithNoClientsAtStartIsNoData() {
    var book = ledger()
    add(&book, "new", signed: "2026-07-15")
    assertFigure(Metrics.retention(book.book.allAccounts, in: q3), nil, basis: 0)
    assertFigure(Metrics.retention([], in: q3), nil, basis: 0)
    assertFigure(
      Metrics.retention(
        book.book.allAccounts, in: MetricWindow(first: day("2026-10-01"), end: day("2026-12-31"), today: today)), 100,
      basis: 1)
  }

  // MARK: Revenue

  /// a: 100 → 150 on Aug 10 (→ 300 on Oct 5, after the period); b: 200, churns Sep 1; c: 100 → 50 on
  /// Jul 15; d: 500, signed Jul 10 (new); e: a client with no value.
  private func revenueBook() -> Ledger {
    var book = ledger()
    add(&book, "a", signed: "2026-01-01", value: 100)
    add(&book, "b", signed: "2026-01-01", owner: "cy", value: 200)
    add(&book, "c", signed: "2026-01-01", value: 100)
    add(&book, "d", signed: "2026-07-10", value: 500)
    add(&book, "e", signed: "2026-01-01")
    value(&book, "c", 50, on: "2026-07-15")
    value(&book, "a", 150, on: "2026-08-10")
    stage(&book, "b", .churned, on: "2026-09-01")
    value(&book, "a", 300, on: "2026-10-05")
    return book
  }

  func testNetRevenueRetentionCountsChurnAsZeroAndLeavesNewClientsOut() {
    let accounts = revenueBook().book.allAccounts
    // (150 + 0 + 50) / (100 + 200 + 100)
    assertFigure(Metrics.netRevenueRetention(accounts, in: q3), 50, basis: 3)
    // July: a 100, b 200, c 50 at the end of July.
    assertFigure(Metrics.netRevenueRetention(accounts, in: july), 87.5, basis: 3)
  }

  func testExpansionIsTheIncreaseOfClientsAtStartOverThePeriod() {
    let accounts = revenueBook().book.allAccounts
    assertFigure(Metrics.expansionRevenue(accounts, in: q3), 50, basis: 3)
    assertFigure(Metrics.expansionRevenue(accounts, in: july), 0, basis: 3, "no increase is 0, not no data")
    let q4 = MetricWindow(ReportPeriod(containing: today, kind: .quarter), today: today)
    // At Sep 30: a 150, c 50, d 500 (b churned); a rises to 300.
    assertFigure(Metrics.expansionRevenue(accounts, in: q4), 150, basis: 3)
  }

  func testExpansionNetsARiseAndFallWithinThePeriod() {
    var book = ledger()
    add(&book, "a", signed: "2026-01-01", value: 100)
    value(&book, "a", 400, on: "2026-07-10")
    value(&book, "a", 120, on: "2026-07-20")
    assertFigure(Metrics.expansionRevenue(book.book.allAccounts, in: q3), 20, basis: 1)
  }

  func testGrossRevenueRetentionCapsEachClientAtItsStartValue() {
    let accounts = revenueBook().book.allAccounts
    // Start 400 (a 100, b 200, c 100); kept: a min(100, 150), b 0 (churned), c 50: 150 / 400.
    assertFigure(Metrics.grossRevenueRetention(accounts, in: q3), 37.5, basis: 3)
    // July: a 100, b 200, c 50 at the end: 350 / 400.
    assertFigure(Metrics.grossRevenueRetention(accounts, in: july), 87.5, basis: 3)
    // Q4 (start Sep 30: a 150, c 50, d 500): a rises to 300, capped at 150: 700 / 700, not 121 %.
    let q4 = MetricWindow(ReportPeriod(containing: today, kind: .quarter), today: today)
    assertFigure(Metrics.grossRevenueRetention(accounts, in: q4), 100, basis: 3)
    assertFigure(Metrics.netRevenueRetention(accounts, in: q4), 850.0 / 7, basis: 3)
  }

  func testContractionIsTheDecreaseOfClientsThatStayed() {
    let accounts = revenueBook().book.allAccounts
    // c 100 → 50; b's 200 churned and is not contraction.
    assertFigure(Metrics.contractionRevenue(accounts, in: q3), 50, basis: 3)
    assertFigure(Metrics.contractionRevenue(accounts, in: july), 50, basis: 3)
    let q4 = MetricWindow(ReportPeriod(containing: today, kind: .quarter), today: today)
    assertFigure(Metrics.contractionRevenue(accounts, in: q4), 0, basis: 3, "no decrease is 0, not no data")
    // GRR = (start − contraction − churned) / start: (400 − 50 − 200) / 400.
    XCTAssertEqual(
      Metrics.grossRevenueRetention(accounts, in: q3).value ?? 0, (400.0 - 50 - 200) / 400 * 100, accuracy: 0.0001)
  }

  func testContractionNetsAFallAndRiseWithinThePeriod() {
    var book = ledger()
    add(&book, "a", signed: "2026-01-01", value: 100)
    value(&book, "a", 20, on: "2026-07-10")
    value(&book, "a", 90, on: "2026-07-20")
    assertFigure(Metrics.contractionRevenue(book.book.allAccounts, in: q3), 10, basis: 1)
    assertFigure(Metrics.grossRevenueRetention(book.book.allAccounts, in: q3), 90, basis: 1)
  }

  func testValueGrowthComparesOnlyTheClientsPresentAtBothEnds() {
    let accounts = revenueBook().book.allAccounts
    // At both ends of Q3: a 100 → 150, c 100 → 50: 200 → 200. b (churned) and d (new) are left out.
    assertFigure(Metrics.valueGrowth(accounts, in: q3), 0, basis: 2)
    // Q4: a 150 → 300, c 50, d 500: 700 → 850.
    let q4 = MetricWindow(ReportPeriod(containing: today, kind: .quarter), today: today)
    assertFigure(Metrics.valueGrowth(accounts, in: q4), 150.0 / 700 * 100, basis: 3)
  }

  func testANewClientDoesNotMoveValueGrowth() {
    var book = ledger()
    add(&book, "old", signed: "2026-01-01", value: 100)
    add(&book, "new", signed: "2026-08-01", value: 300)
    // The mean of all clients went from 100 to 200 (+100 %); no client's value changed.
    assertFigure(Metrics.valueGrowth(book.book.allAccounts, in: q3), 0, basis: 1)
    assertFigure(Metrics.expansionRevenue(book.book.allAccounts, in: q3), 0, basis: 1)
  }

  func testAnAccountEnteredLateHasItsFirstValueFromItsStart() throws {
    var book = ledger()
    book.today = day("2026-11-01")
    add(&book, "late", signed: "2026-01-01", value: 100)
    add(&book, "later", signed: "2026-01-01")
    value(&book, "later", 200, on: "2026-11-02")
    value(&book, "later", 260, on: "2026-11-03")
    let late = try XCTUnwrap(book.account("late"))
    XCTAssertNil(late.value(asOf: day("2026-06-30")), "recorded on Nov 1")
    XCTAssertNil(Metrics.contractValue(of: late, on: day("2025-12-31")), "before it started")
    XCTAssertEqual(Metrics.contractValue(of: late, on: day("2026-06-30")), Money(units: 100))
    let later = try XCTUnwrap(book.account("later"))
    XCTAssertEqual(Metrics.contractValue(of: later, on: day("2026-06-30")), Money(units: 200))
    XCTAssertEqual(Metrics.contractValue(of: later, on: day("2026-11-02")), Money(units: 200))
    XCTAssertEqual(Metrics.contractValue(of: later, on: today), Money(units: 260))
    assertFigure(Metrics.netRevenueRetention(book.book.allAccounts, in: q3), 100, basis: 2)
    let q4 = MetricWindow(ReportPeriod(containing: today, kind: .quarter), today: today)
    assertFigure(Metrics.netRevenueRetention(book.book.allAccounts, in: q4), 120, basis: 2)
    assertFigure(Metrics.expansionRevenue(book.book.allAccounts, in: q4), 60, basis: 2)
  }

  func testRevenueFiguresWithoutValuesAreNoData() {
    var book = ledger()
    add(&book, "a", signed: "2026-01-01")
    add(&book, "b", signed: "2026-07-10", value: 500)
    let accounts = book.book.allAccounts
    assertFigure(Metrics.netRevenueRetention(accounts, in: q3), nil, basis: 0)
    assertFigure(Metrics.expansionRevenue(accounts, in: q3), nil, basis: 0)
    assertFigure(Metrics.grossRevenueRetention(accounts, in: q3), nil, basis: 0)
    assertFigure(Metrics.contractionRevenue(accounts, in: q3), nil, basis: 0)
    assertFigure(Metrics.valueGrowth(accounts, in: q3), nil, basis: 0, "no value at the start")
    assertFigure(Metrics.netRevenueRetention([], in: q3), nil, basis: 0)
  }

  // MARK: QBR completion

  func testQBRsAreDueByTheCadenceScheduledOrNot() throws {
    struct Case {
      var name: String
      var tier = 1
      var qbrs: [String] = []  // QBR touchpoints
      var scheduled: [String] = []
      var due: Int
      var held: Int
    }
    // Signed April 1, looked at over Q3: a tier 1 or 2 QBR every 91 days is due Jul 1 and Sep 30.
    let cases = [
      Case(name: "never held, never scheduled: both missed", due: 2, held: 0),
      Case(name: "scheduled is not held", scheduled: ["2026-07-01", "2026-09-30"], due: 2, held: 0),
      Case(name: "held early each time", qbrs: ["2026-06-20", "2026-09-15"], due: 2, held: 2),  // Sep 19 met
      Case(name: "held 5 days late: within 7 days", qbrs: ["2026-07-06"], due: 1, held: 1),  // next Oct 5
      Case(name: "held 19 days late: missed, clock restarts", qbrs: ["2026-07-20"], due: 1, held: 0),
      Case(name: "tier 2 owes QBRs too", tier: 2, qbrs: ["2026-06-25"], due: 2, held: 1),  // Jun 25 → Sep 24
      Case(name: "tier 3 owes a review, not a QBR", tier: 3, due: 0, held: 0),
    ]
    for test in cases {
      var book = ledger()
      add(&book, "acme", signed: "2026-04-01", tier: test.tier)
      for date in test.scheduled { book.must(.scheduleQBR(slug: "acme", date: day(date))) }
      for date in test.qbrs { book.touch(.qbr, on: day(date)) }
      let account = try XCTUnwrap(book.account())
      let tally = Metrics.qbrs(of: account, in: q3)
      XCTAssertEqual(tally.due, test.due, "\(test.name): due")
      XCTAssertEqual(tally.onTime, test.held, "\(test.name): held")
      let figure = Metrics.qbrCompletion([account], in: q3)
      assertFigure(
        figure, test.due == 0 ? nil : Double(test.held) / Double(test.due) * 100, basis: test.due, test.name)
    }
  }

  func testQBRCompletionSkipsRetractedAndOtherTouchpointsAndReadsTheConfiguration() throws {
    var book = ledger()
    add(&book, "acme", signed: "2026-04-01", tier: 2)
    let retracted = book.touch(.qbr, on: day("2026-06-28"))
    book.must(.retract(seq: retracted, reason: "did not happen"))
    book.touch(.meeting, on: day("2026-06-29"))  // not a QBR
    let account = try XCTUnwrap(book.account())
    assertFigure(Metrics.qbrCompletion([account], in: q3), 0, basis: 2, "Jul 1 and Sep 30 missed")
    var config = RulesConfig()
    try config.set("qbr.tier2", to: 182)
    let halfYearly = MetricWindow(first: q3.first, end: q3.end, today: today, config: config)
    assertFigure(Metrics.qbrCompletion([account], in: halfYearly), 0, basis: 1, "Sep 30 only")
  }

  func testAQBRStillWithinItsSevenDaysIsPending() {
    var book = ledger()
    add(&book, "acme", signed: "2026-08-20")  // due Nov 19; its 7 days end Nov 26, after today
    add(&book, "gone", signed: "2026-07-01")  // due Sep 30; churned before
    stage(&book, "gone", .churned, on: "2026-09-01")
    let q4 = MetricWindow(ReportPeriod(containing: today, kind: .quarter), today: today)
    assertFigure(Metrics.qbrCompletion(book.book.allAccounts, in: q4), nil, basis: 0, "pending")
    book.today = today
    book.touch(.qbr, on: day("2026-11-21"))
    assertFigure(Metrics.qbrCompletion(book.book.allAccounts, in: q4), 100, basis: 1, "held: counts now")
  }

  func testNoQBRIsDueBeforeTheAccountWasEntered() {
    var book = ledger()
    book.today = day("2026-09-01")
    add(&book, "acme", signed: "2024-01-01")  // entered Sep 1: the first QBR is due Dec 1
    let q4 = MetricWindow(ReportPeriod(containing: today, kind: .quarter), today: today)
    assertFigure(Metrics.qbrCompletion(book.book.allAccounts, in: q3), nil, basis: 0)
    assertFigure(Metrics.qbrCompletion(book.book.allAccounts, in: q4), nil, basis: 0)
  }

  // MARK: Cadence completion

  func testCadenceCountsCheckInsDueAndDoneOnTime() {
    struct Case {
      var name: String
      var tier = 1
      var touches: [(String, Bool)] = []  // date, meaningful
      var churned: String? = nil
      var due: Int
      var onTime: Int
    }
    // Signed June 30, looked at over July; tier 1 checks in every 7 days: due Jul 7, 14, 21, 28.
    let cases = [
      Case(
        name: "every due date met on the day",
        touches: [("2026-07-07", true), ("2026-07-14", true), ("2026-07-21", true), ("2026-07-28", true)], due: 4,
        onTime: 4),
      Case(name: "never touched: missed every 7 days", due: 4, onTime: 0),
      Case(
        name: "late touch restarts the clock",  // Jul 7 missed; Jul 10 late; Jul 17 met; Jul 24, 31 missed
        touches: [("2026-07-10", true), ("2026-07-17", true)], due: 4, onTime: 1),
      Case(
        name: "two early touches meet one due date",  // Jul 7 met (last touch Jul 5); Jul 12, 19, 26 missed
        touches: [("2026-07-03", true), ("2026-07-05", true)], due: 4, onTime: 1),
      Case(
        name: "notes do not count", touches: [("2026-07-05", false), ("2026-07-12", false)], due: 4, onTime: 0),
      Case(name: "nothing is due after churning", churned: "2026-07-15", due: 2, onTime: 0),
      Case(name: "tier 3 every 30 days", tier: 3, touches: [("2026-07-20", true)], due: 1, onTime: 1),
      Case(
        name: "a long gap misses every interval",  // Jul 7, 14, 21 missed; Jul 25 late; Aug 1 after July
        touches: [("2026-07-25", true)], due: 3, onTime: 0),
      Case(
        name: "a touch on the next 7-day mark after a miss is late",  // Jul 7 missed; Jul 14 late; 21, 28 missed
        touches: [("2026-07-14", true)], due: 3, onTime: 0),
      Case(
        name: "an early touch after a late one is on time",  // Jul 7 missed; Jul 9 late; Jul 16 met by 12; ...
        touches: [("2026-07-09", true), ("2026-07-12", true), ("2026-07-19", true), ("2026-07-26", true)], due: 4,
        onTime: 3),
    ]
    for test in cases {
      var book = ledger()
      add(&book, "acme", signed: "2026-06-30", tier: test.tier)
      book.today = day("2026-07-01")
      for (date, meaningful) in test.touches { book.touch(.call, on: day(date), meaningful: meaningful) }
      if let churned = test.churned { stage(&book, "acme", .churned, on: churned) }
      guard let account = book.account() else { continue }
      let tally = Metrics.cadence(of: account, in: july)
      XCTAssertEqual(tally.due, test.due, "\(test.name): due")
      XCTAssertEqual(tally.onTime, test.onTime, "\(test.name): on time")
      let figure = Metrics.cadenceCompletion([account], in: july)
      assertFigure(figure, Double(test.onTime) / Double(test.due) * 100, basis: test.due, test.name)
    }
  }

  func testCadenceIgnoresRetractedTouchpointsAndUsesTheWindowsConfiguration() throws {
    var book = ledger()
    add(&book, "acme", signed: "2026-06-30")
    let retracted = book.touch(.call, on: day("2026-07-07"))
    book.must(.retract(seq: retracted, reason: "wrong account"))
    book.touch(.call, on: day("2026-07-14"))
    let account = try XCTUnwrap(book.account())
    // Every 7 days: Jul 7 missed; Jul 14 late; Jul 21, 28 missed.
    assertFigure(Metrics.cadenceCompletion([account], in: july), 0, basis: 3)
    var config = RulesConfig()
    try config.set("checkin.tier1", to: 14)
    let fortnightly = MetricWindow(first: july.first, end: july.end, today: today, config: config)
    // Every 14 days: Jul 14 met; Jul 28 missed.
    assertFigure(Metrics.cadenceCompletion([account], in: fortnightly), 50, basis: 2)
  }

  func testCadenceWithNothingDueYetIsNoData() {
    var book = ledger()
    add(&book, "fresh", signed: "2026-11-20")
    add(&book, "future", signed: "2026-12-01")
    let november = MetricWindow(ReportPeriod(containing: today, kind: .month), today: today)
    assertFigure(Metrics.cadenceCompletion(book.book.allAccounts, in: november), nil, basis: 0, "first due Nov 27")
  }

  func testNoCheckInIsDueBeforeTheAccountWasEntered() throws {
    var book = ledger()
    // Signed in 2024, entered yesterday: no check-in is due yet (the walk from 2024 missed about 100).
    book.today = day("2026-11-22")
    add(&book, "fresh", signed: "2024-01-01")
    let q4 = MetricWindow(ReportPeriod(containing: today, kind: .quarter), today: today)
    let fresh = try XCTUnwrap(book.account("fresh"))
    XCTAssertEqual(Metrics.cadenceStart(of: fresh), day("2026-11-22"))
    assertFigure(Metrics.cadenceCompletion([fresh], in: q4), nil, basis: 0, "entered yesterday")
    // Entered Nov 1 and touched weekly since: Nov 8 met on Nov 6, Nov 13 on Nov 13, Nov 20 on Nov 20.
    book.today = day("2026-11-01")
    add(&book, "weekly", signed: "2024-01-01")
    for date in ["2026-11-06", "2026-11-13", "2026-11-20"] { book.touch(on: day(date), slug: "weekly") }
    let weekly = try XCTUnwrap(book.account("weekly"))
    assertFigure(Metrics.cadenceCompletion([weekly], in: q4), 100, basis: 3)
    // A touchpoint dated before the entry does not move the first due date (entry + 7).
    book.today = day("2026-11-10")
    add(&book, "backdated", signed: "2024-01-01")
    book.touch(on: day("2026-11-05"), slug: "backdated")
    let backdated = try XCTUnwrap(book.account("backdated"))
    assertFigure(Metrics.cadenceCompletion([backdated], in: q4), 0, basis: 1, "Nov 17 missed")
    assertFigure(Metrics.cadenceCompletion(book.book.allAccounts, in: q4), 75, basis: 4)
  }

  func testACheckInDueTodayAndNotDoneYetIsPending() {
    var book = ledger()
    add(&book, "acme", signed: "2026-11-16")  // due Nov 23, today
    let q4 = MetricWindow(ReportPeriod(containing: today, kind: .quarter), today: today)
    assertFigure(Metrics.cadenceCompletion(book.book.allAccounts, in: q4), nil, basis: 0)
    book.today = today
    book.touch(on: today)
    assertFigure(Metrics.cadenceCompletion(book.book.allAccounts, in: q4), 100, basis: 1)
  }

  // MARK: Touchpoints per account

  func testTouchpointsPerAccountCountsMeaningfulOnesOverTheClientsOfThePeriod() {
    var book = ledger()
    add(&book, "a", signed: "2026-01-01")  // a client all of Q3
    add(&book, "b", signed: "2026-01-01")  // churns Aug 15
    add(&book, "c", signed: "2026-09-01")  // new in Q3
    add(&book, "d", signed: "2026-10-01")  // not a client in Q3
    add(&book, "e", signed: "2026-01-01")  // churned before Q3
    stage(&book, "e", .churned, on: "2026-06-01")
    book.touch(on: day("2026-07-02"), slug: "a")
    book.touch(.meeting, on: day("2026-09-30"), slug: "a")
    book.touch(.note, on: day("2026-08-01"), slug: "a")  // a note is not meaningful
    book.touch(on: day("2026-08-02"), meaningful: false, slug: "a")
    let retracted = book.touch(on: day("2026-08-03"), slug: "a")
    book.must(.retract(seq: retracted, reason: "wrong account"))
    book.touch(on: day("2026-06-30"), slug: "a")  // before the period
    book.touch(.email, on: day("2026-08-10"), slug: "b")
    book.touch(on: day("2026-09-02"), slug: "c")
    book.touch(on: day("2026-10-02"), slug: "d")
    stage(&book, "b", .churned, on: "2026-08-15")
    // (2 + 1 + 1) / 3 clients (a, b, c).
    assertFigure(Metrics.touchpointsPerAccount(book.book.allAccounts, in: q3), 4.0 / 3, basis: 3)
    let q4 = MetricWindow(ReportPeriod(containing: today, kind: .quarter), today: today)
    assertFigure(Metrics.touchpointsPerAccount(book.book.allAccounts, in: q4), 1.0 / 3, basis: 3, "a, c, d")
    assertFigure(Metrics.touchpointsPerAccount([], in: q3), nil, basis: 0)
  }

  // MARK: NPS bands

  func testNPSBandsAreTheArticlesBenchmarks() {
    let cases: [(Double, NPSBand)] = [
      (-100, .poor), (-0.5, .poor), (0, .fair), (30, .fair), (30.4, .good), (50, .good), (50.1, .excellent),
      (100, .excellent),
    ]
    for (score, band) in cases { XCTAssertEqual(NPSBand(score: score), band, "\(score)") }
    XCTAssertNil(NPSBand(MetricValue.noData))
    XCTAssertEqual(NPSBand(MetricValue(value: 40, basis: 5)), .good)
  }

  // MARK: Time to first value

  func testTimeToFirstValueAveragesDaysToTheFirstCriterionMetInThePeriod() {
    var book = ledger()
    add(&book, "a", signed: "2026-06-01")
    add(&book, "b", signed: "2026-07-01")
    add(&book, "c", signed: "2026-05-01")
    add(&book, "d", signed: "2026-09-01")
    add(&book, "e", signed: "2026-07-01")
    for slug in ["a", "a", "b", "c", "c", "d", "e"] {
      book.must(.addCriterion(slug: slug, text: "Goal", target: nil))
    }
    let met: [(String, Int, String)] = [
      ("a", 1, "2026-07-01"), ("a", 2, "2026-06-20"),  // a's first: June 20, before the period
      ("b", 1, "2026-07-21"),  // 20 days
      ("c", 2, "2026-07-31"), ("c", 1, "2026-08-30"),  // c's first: July 31, 91 days
      ("d", 1, "2026-10-02"),  // after the period
    ]
    for (slug, number, date) in met { book.must(.meetCriterion(slug: slug, number: number, date: day(date))) }
    let withdrawn = book.must(.meetCriterion(slug: "e", number: 1, date: day("2026-07-05")))
    book.must(.retract(seq: withdrawn, reason: "not met after all"))
    assertFigure(Metrics.timeToFirstValue(book.book.allAccounts, in: q3), (20.0 + 91) / 2, basis: 2)
    assertFigure(Metrics.timeToFirstValue(book.book.allAccounts, in: july), (20.0 + 91) / 2, basis: 2)
    assertFigure(
      Metrics.timeToFirstValue(
        book.book.allAccounts, in: MetricWindow(first: day("2026-08-01"), end: day("2026-08-31"), today: today)),
      nil, basis: 0)
  }

  // MARK: Tickets per client

  func testTicketsPerClientIsTicketsOpenedOverClientsAtEnd() {
    var book = ledger()
    add(&book, "a", signed: "2026-01-01")
    add(&book, "b", signed: "2026-01-01")
    add(&book, "gone", signed: "2026-01-01")
    for (slug, ticket, date) in [
      ("a", "T-1", "2026-06-30"), ("a", "T-2", "2026-07-01"), ("b", "T-3", "2026-09-30"), ("gone", "T-4", "2026-08-01"),
    ] {
      book.must(.openTicket(slug: slug, ticket: ticket, severity: .normal, date: day(date)))
    }
    let retracted = book.must(.openTicket(slug: "b", ticket: "T-5", severity: .high, date: day("2026-08-01")))
    book.must(.retract(seq: retracted, reason: "spam"))
    stage(&book, "gone", .churned, on: "2026-09-01")
    assertFigure(Metrics.ticketsPerClient(book.book.allAccounts, in: q3), 1.5, basis: 2)
    let q4 = MetricWindow(ReportPeriod(containing: today, kind: .quarter), today: today)
    assertFigure(Metrics.ticketsPerClient(book.book.allAccounts, in: q4), 0, basis: 2, "no tickets is 0")
  }

  func testTicketsWithoutClientsAtEndAreNoData() {
    var book = ledger()
    add(&book, "gone", signed: "2026-01-01")
    book.must(.openTicket(slug: "gone", ticket: "T-1", severity: .normal, date: day("2026-08-01")))
    stage(&book, "gone", .churned, on: "2026-09-01")
    assertFigure(Metrics.ticketsPerClient(book.book.allAccounts, in: q3), nil, basis: 0)
  }

  // MARK: The report

  func testTheReportGroupsByOwnerAndTierWithAllFirst() throws {
    var book = ledger()
    add(&book, "a", signed: "2026-01-01", tier: 2, owner: "zoe")
    add(&book, "b", signed: "2026-01-01", tier: 1, owner: nil)
    add(&book, "c", signed: "2026-01-01", tier: 2, owner: "bo")
    book.must(.recordNPS(slug: "a", score: 10, contact: nil, comment: nil, date: day("2026-08-01")))
    book.must(.recordNPS(slug: "b", score: 0, contact: nil, comment: nil, date: day("2026-08-02")))

    let byOwner = MetricsReport(book: book.book, today: today, period: .quarter, by: .owner)
    XCTAssertEqual(byOwner.periods.map(\.label), ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"])
    XCTAssertEqual(byOwner.groups.map(\.name), ["all", "bo", "zoe", "(no owner)"])
    XCTAssertEqual(byOwner.groups.map(\.accounts), [3, 1, 1, 1])
    for group in byOwner.groups {
      XCTAssertEqual(group.rows.map(\.metric), Metric.allCases)
      XCTAssertTrue(group.rows.allSatisfy { $0.values.count == 4 })
    }
    let nps = try XCTUnwrap(byOwner.groups[0].row(.nps))
    XCTAssertEqual(nps.values, [.noData, .noData, MetricValue(value: 0, basis: 2), .noData])
    XCTAssertEqual(byOwner.groups[2].row(.nps)?.values[2], MetricValue(value: 100, basis: 1))
    XCTAssertEqual(byOwner.groups[3].row(.nps)?.values[2], MetricValue(value: -100, basis: 1))
    XCTAssertEqual(byOwner.groups[1].row(.nps)?.values[2], .noData)

    let byTier = MetricsReport(book: book.book, today: today, period: .month, by: .tier)
    XCTAssertEqual(byTier.groups.map(\.name), ["all", "tier 1", "tier 2"])
    XCTAssertEqual(byTier.periods.map(\.label), ["2026-08", "2026-09", "2026-10", "2026-11"])
    XCTAssertEqual(byTier.groups[2].row(.nps)?.values[0], MetricValue(value: 100, basis: 1))

    let whole = MetricsReport(book: book.book, today: today, period: .year)
    XCTAssertEqual(whole.groups.map(\.name), ["all"])
    XCTAssertEqual(whole.groups[0].row(.retention)?.values[3], .noData, "every client is new in 2026")
    XCTAssertEqual(whole.groups[0].row(.ticketsPerClient)?.values[3], MetricValue(value: 0, basis: 3))
    XCTAssertEqual(whole.groups[0].row(.ticketsPerClient)?.values[2], .noData, "no clients at the end of 2025")
  }

  func testTheReportUsesTheConfigurationInForceAtEachPeriodsEnd() throws {
    var book = ledger()
    add(&book, "acme", signed: "2026-06-30")
    book.today = day("2026-08-01")
    book.must(.setConfig(key: "checkin.tier1", value: 14))
    let report = MetricsReport(book: book.book, today: today, period: .month, metrics: [.cadenceCompletion])
    // August, every 14 days from June 30: Jul 14, 28, Aug 11, 25 (…); the August column counts Aug 11, 25.
    let row = try XCTUnwrap(report.groups[0].row(.cadenceCompletion))
    XCTAssertEqual(row.values[0], MetricValue(value: 0, basis: 2))
    XCTAssertEqual(report.groups[0].rows.count, 1)
  }
}
