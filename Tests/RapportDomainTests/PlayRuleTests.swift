import RapportDomain
import RapportJournal
import XCTest

/// The plays of docs/rules.md "Plays and alerts", table-driven with today fixed: when each is due, when it is
/// overdue (today > lateAfter; "48 h" is 2 days, "24 h" is 1), what closes it, and the alerts that go
/// with it.
final class PlayRuleTests: XCTestCase {
  // MARK: Helpers

  /// A ledger holding `acme`, created (recorded) on `created` with this profile.
  private func book(
    tier: Int = 1, stage: Stage = .growth, owner: String? = "bo", signed: Day? = nil, renewal: Day? = nil,
    created: Day, file: StaticString = #filePath, line: UInt = #line
  ) -> Ledger {
    var ledger = Ledger(today: created)
    ledger.must(
      .addAccount(
        slug: "acme",
        profile: AccountProfile(
          name: "Acme Corp", tier: tier, stage: stage, owner: owner, signed: signed, renewal: renewal)),
      file: file, line: line)
    return ledger
  }

  /// Records `command` on `day`.
  private func record(
    _ command: Command, on day: Day, in ledger: inout Ledger, file: StaticString = #filePath, line: UInt = #line
  ) {
    ledger.today = day
    ledger.must(command, file: file, line: line)
  }

  /// Logs a touchpoint on `day` (recorded that day).
  private func touch(
    _ kind: TouchpointKind, on day: Day, summary: String = "Talked", meaningful: Bool? = nil,
    with participants: [String] = [], closes: PlayCode? = nil, in ledger: inout Ledger,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    ledger.today = day
    ledger.touch(
      kind, on: day, summary: summary, meaningful: meaningful, with: participants, closes: closes, file: file,
      line: line)
  }

  /// Every open play of acme on `today`, under the configuration in force then.
  private func plays(_ ledger: Ledger, on today: Day, file: StaticString = #filePath, line: UInt = #line) -> [Play] {
    guard let account = ledger.account(file: file, line: line) else { return [] }
    return PlayBook(book: ledger.book, today: today, config: ledger.book.config(asOf: today)).plays(for: account)
  }

  private func plays(_ code: PlayCode, _ ledger: Ledger, on today: Day) -> [Play] {
    plays(ledger, on: today).filter { $0.code == code }
  }

  private func alerts(_ ledger: Ledger, on today: Day, file: StaticString = #filePath, line: UInt = #line)
    -> [AlertCode]
  {
    guard let account = ledger.account(file: file, line: line) else { return [] }
    return Assessor(book: ledger.book, today: today).assess(account).alerts
  }

  /// Checks that exactly one `code` play is open on `today`, due `due`, overdue or not.
  private func assertPlay(
    _ code: PlayCode, in ledger: Ledger, on today: Day, due: Day, overdue: Bool, _ label: String,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    let found = plays(code, ledger, on: today)
    XCTAssertEqual(found.count, 1, "\(label): \(code.rawValue) plays on \(today): \(found)", file: file, line: line)
    guard let play = found.first else { return }
    XCTAssertEqual(play.due, due, "\(label): \(code.rawValue) due", file: file, line: line)
    XCTAssertEqual(
      play.isOverdue(on: today), overdue, "\(label): \(code.rawValue) overdue on \(today) (due \(play.due))",
      file: file, line: line)
  }

  private func assertNoPlay(
    _ code: PlayCode, in ledger: Ledger, on today: Day, _ label: String, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    let found = plays(code, ledger, on: today)
    XCTAssertTrue(
      found.isEmpty, "\(label): expected no \(code.rawValue) play on \(today): \(found)", file: file, line: line)
  }

  // MARK: Onboarding

  func testWelcomeCallIsDue48HoursAfterSignatureAndLateAfter() {
    let signed = day("2026-11-02")
    let ledger = book(stage: .onboarding, signed: signed, created: signed)
    let cases: [(label: String, today: Day, overdue: Bool)] = [
      ("signature day", signed, false),
      ("23 h", signed.adding(days: 1), false),
      ("47 h", signed.adding(days: 2), false),
      ("49 h", signed.adding(days: 3), true),
      ("a week", signed.adding(days: 6), true),
    ]
    for item in cases {
      assertPlay(
        .welcomeCall, in: ledger, on: item.today, due: signed.adding(days: 2), overdue: item.overdue, item.label)
      XCTAssertEqual(
        alerts(ledger, on: item.today).contains(.onboardingLate), item.overdue, "\(item.label): onboarding-late")
    }

    var called = ledger
    touch(.welcomeCall, on: signed.adding(days: 1), in: &called)
    for offset in [1, 2, 3, 6] {
      assertNoPlay(.welcomeCall, in: called, on: signed.adding(days: offset), "after the welcome call, day +\(offset)")
    }
    XCTAssertFalse(alerts(called, on: signed.adding(days: 3)).contains(.onboardingLate))

    // Any other kind of touchpoint is not the welcome call.
    var other = ledger
    touch(.call, on: signed.adding(days: 1), in: &other)
    assertPlay(
      .welcomeCall, in: other, on: signed.adding(days: 3), due: signed.adding(days: 2), overdue: true, "a call")
  }

  func testAddingBusinessDaysSkipsWeekends() {
    // 2026-11-19 is a Thursday, 11-21 a Saturday, 11-22 a Sunday.
    let cases: [(days: Int, from: String, expected: String)] = [
      (0, "2026-11-21", "2026-11-21"),
      (1, "2026-11-19", "2026-11-20"),
      (1, "2026-11-20", "2026-11-23"),
      (1, "2026-11-21", "2026-11-23"),
      (1, "2026-11-22", "2026-11-23"),
      (2, "2026-11-19", "2026-11-23"),
      (5, "2026-11-19", "2026-11-26"),
      (5, "2026-11-20", "2026-11-27"),
      (5, "2026-11-21", "2026-11-27"),
      (5, "2026-11-22", "2026-11-27"),
      (5, "2026-11-23", "2026-11-30"),
      (10, "2026-11-23", "2026-12-07"),
    ]
    XCTAssertEqual(day("2026-11-19").weekday, 3, "2026-11-19 is a Thursday")
    for item in cases {
      XCTAssertEqual(
        PlayBook.adding(businessDays: item.days, to: day(item.from)), day(item.expected),
        "\(item.days) business days after \(item.from)")
    }
  }

  func testTechnicalSetupIsDueFiveBusinessDaysAfterSignature() {
    let cases: [(signed: String, due: String)] = [
      ("2026-11-19", "2026-11-26"),  // Thursday → Thursday
      ("2026-11-20", "2026-11-27"),  // Friday → Friday
      ("2026-11-21", "2026-11-27"),  // Saturday → Friday
      ("2026-11-22", "2026-11-27"),  // Sunday → Friday
      ("2026-11-23", "2026-11-30"),  // Monday → Monday
    ]
    for item in cases {
      let signed = day(item.signed)
      let due = day(item.due)
      let ledger = book(stage: .onboarding, signed: signed, created: signed)
      assertPlay(.technicalSetup, in: ledger, on: signed, due: due, overdue: false, "signed \(item.signed)")
      assertPlay(.technicalSetup, in: ledger, on: due, due: due, overdue: false, "signed \(item.signed), on the day")
      assertPlay(
        .technicalSetup, in: ledger, on: due.adding(days: 1), due: due, overdue: true,
        "signed \(item.signed), a day late")

      var done = ledger
      touch(.technicalSetup, on: due.adding(days: -1), in: &done)
      assertNoPlay(.technicalSetup, in: done, on: due.adding(days: 1), "signed \(item.signed), setup done")
    }
  }

  func testThreeSuccessCriteriaAreDueWithinSevenDays() {
    let signed = day("2026-11-02")
    var ledger = book(stage: .onboarding, signed: signed, created: signed)
    record(.addCriterion(slug: "acme", text: "Cut onboarding time by half", target: nil), on: signed, in: &ledger)
    record(.addCriterion(slug: "acme", text: "Ten active users", target: nil), on: signed, in: &ledger)

    let cases: [(today: Day, overdue: Bool)] = [
      (signed.adding(days: 1), false), (signed.adding(days: 7), false), (signed.adding(days: 8), true),
    ]
    for item in cases {
      assertPlay(
        .successCriteria, in: ledger, on: item.today, due: signed.adding(days: 7), overdue: item.overdue,
        "two criteria")
    }
    XCTAssertTrue(
      plays(.successCriteria, ledger, on: signed).first?.title.contains("2 so far") ?? false,
      "\(plays(.successCriteria, ledger, on: signed))")

    var three = ledger
    three.today = signed.adding(days: 3)
    let third = three.must(.addCriterion(slug: "acme", text: "First report shipped", target: nil))
    assertNoPlay(.successCriteria, in: three, on: signed.adding(days: 8), "three criteria")

    // A retracted criterion does not count.
    three.must(.retract(seq: third, reason: "duplicate"))
    assertPlay(
      .successCriteria, in: three, on: signed.adding(days: 8), due: signed.adding(days: 7), overdue: true,
      "third criterion retracted")
  }

  func testThirtyDayCheckInHasAWindowOfThreeDaysEitherSide() {
    let signed = day("2026-10-01")
    let ledger = book(stage: .onboarding, signed: signed, created: signed)
    let due = signed.adding(days: 30)
    let cases: [(label: String, today: Day, overdue: Bool)] = [
      ("D+27", signed.adding(days: 27), false),
      ("D+30", due, false),
      ("D+33", signed.adding(days: 33), false),
      ("D+34", signed.adding(days: 34), true),
    ]
    for item in cases {
      assertPlay(.thirtyDayCheckIn, in: ledger, on: item.today, due: due, overdue: item.overdue, item.label)
    }
    let play = plays(.thirtyDayCheckIn, ledger, on: due).first
    XCTAssertEqual(play?.lateAfter, signed.adding(days: 33))
    XCTAssertEqual(play?.daysLate(on: signed.adding(days: 36)), 3)
    XCTAssertTrue(alerts(ledger, on: signed.adding(days: 34)).contains(.onboardingLate))

    let closing: [(label: String, kind: TouchpointKind, offset: Int, meaningful: Bool?, closes: Bool)] = [
      ("a call on D+28", .call, 28, nil, true),
      ("a meeting on D+27", .meeting, 27, nil, true),
      ("a call on D+33", .call, 33, nil, true),
      ("a 30-day check-in on D+25", .thirtyDayCheckIn, 25, nil, true),
      ("a call on D+26 (before the window)", .call, 26, nil, false),
      ("a note on D+30", .note, 30, nil, false),
      ("a call on D+30 marked not meaningful", .call, 30, false, false),
    ]
    for item in closing {
      var touched = ledger
      touch(item.kind, on: signed.adding(days: item.offset), meaningful: item.meaningful, in: &touched)
      let open = plays(.thirtyDayCheckIn, touched, on: signed.adding(days: 34))
      XCTAssertEqual(open.isEmpty, item.closes, "\(item.label): \(open)")
    }
  }

  func testOnboardingPlaysStopAfterTheOnboardingWindowOnceTheStageMovesOn() {
    let signed = day("2026-06-01")
    let growing = book(stage: .growth, signed: signed, created: signed)
    let today = signed.adding(days: 61)
    for code in PlayCode.allCases where code.isOnboarding {
      assertNoPlay(code, in: growing, on: today, "growth, 61 days after signature")
    }
    // Still in onboarding: the welcome call is still owed.
    let stuck = book(stage: .onboarding, signed: signed, created: signed)
    assertPlay(.welcomeCall, in: stuck, on: today, due: signed.adding(days: 2), overdue: true, "still onboarding")
  }

  // MARK: Cadence

  func testCheckInIsDueOneIntervalAfterTheLastMeaningfulTouch() {
    let tiers: [(tier: Int, interval: Int)] = [(1, 7), (2, 14), (3, 30)]
    let last = day("2026-10-01")
    for (tier, interval) in tiers {
      var ledger = book(tier: tier, signed: day("2025-01-06"), created: day("2025-01-06"))
      touch(.call, on: last, in: &ledger)
      let cases: [(label: String, days: Int, touchScore: Int, overdue: Bool)] = [
        ("C", interval, 100, false),
        ("C + 1", interval + 1, 50, true),
        ("2C", 2 * interval, 50, true),
        ("2C + 1", 2 * interval + 1, 0, true),
      ]
      for item in cases {
        let today = last.adding(days: item.days)
        let label = "tier \(tier), \(item.label) days after the last touch"
        assertPlay(.checkIn, in: ledger, on: today, due: last.adding(days: interval), overdue: item.overdue, label)
        XCTAssertEqual(alerts(ledger, on: today).contains(.checkinOverdue), item.overdue, "\(label): checkin-overdue")
        let reading = ledger.account().map { HealthModel(today: today, config: RulesConfig()).score($0) }?
          .reading(.touch)
        XCTAssertEqual(reading?.score, item.touchScore, "\(label): touch score")
        XCTAssertEqual(reading?.rawValue, Double(item.days), "\(label): days")
      }
    }
  }

  func testOnlyMeaningfulTouchpointsResetTheCheckIn() {
    let last = day("2026-10-01")
    let later = last.adding(days: 5)
    let today = last.adding(days: 8)
    // The check-in asks for a conversation; the touch measure counts any meaningful touchpoint.
    let cases: [(label: String, kind: TouchpointKind, meaningful: Bool?, resets: Bool, counts: Bool)] = [
      ("a note", .note, nil, false, false),
      ("a call marked not meaningful (--not-meaningful)", .call, false, false, false),
      ("an email", .email, nil, false, true),
      ("a note marked meaningful", .note, true, false, true),
      ("a meeting", .meeting, nil, true, true),
      ("a QBR", .qbr, nil, true, true),
    ]
    for item in cases {
      var ledger = book(tier: 1, signed: day("2025-01-06"), created: day("2025-01-06"))
      touch(.call, on: last, in: &ledger)
      touch(item.kind, on: later, meaningful: item.meaningful, in: &ledger)
      let due = (item.resets ? later : last).adding(days: 7)
      assertPlay(.checkIn, in: ledger, on: today, due: due, overdue: today > due, item.label)
      XCTAssertEqual(alerts(ledger, on: today).contains(.checkinOverdue), !item.resets, "\(item.label): alert")
      let touchScore = ledger.account().map { HealthModel(today: today, config: RulesConfig()).score($0) }?
        .reading(.touch)?.score
      XCTAssertEqual(touchScore, item.counts ? 100 : 50, "\(item.label): touch score")
    }
  }

  func testCorrectedTouchpointsMoveThePlays() {
    // The rules read touchpoints as corrected: an amended date, kind or flag, or a retraction.
    let first = day("2026-10-01")
    let second = day("2026-10-05")
    let today = day("2026-10-10")
    let cases: [(label: String, changes: JSONObject?, due: Day, welcomeOpen: Bool)] = [
      ("as logged", nil, second.adding(days: 7), true),
      ("retracted", nil, first.adding(days: 7), true),
      ("date amended earlier", changes(("date", .string("2026-10-02"))), day("2026-10-09"), true),
      ("kind amended to note", changes(("kind", .string("note"))), first.adding(days: 7), true),
      ("marked not meaningful", changes(("meaningful", .bool(false))), first.adding(days: 7), true),
      ("kind amended to welcome call", changes(("kind", .string("welcome-call"))), second.adding(days: 7), false),
    ]
    for item in cases {
      var ledger = book(tier: 1, stage: .onboarding, signed: first, created: first)
      touch(.call, on: first, in: &ledger)
      ledger.today = second
      let seq = ledger.touch(.call, on: second)
      ledger.today = today
      if item.label == "retracted" {
        ledger.must(.retract(seq: seq, reason: "wrong account"))
      } else if let changes = item.changes {
        ledger.must(.amend(seq: seq, changes: changes))
      }
      assertPlay(.checkIn, in: ledger, on: today, due: item.due, overdue: today > item.due, item.label)
      XCTAssertEqual(!plays(.welcomeCall, ledger, on: today).isEmpty, item.welcomeOpen, "\(item.label): welcome call")
      let assessment = ledger.account().map { Assessor(book: ledger.book, today: today).assess($0) }
      XCTAssertEqual(
        assessment?.daysSinceTouch, today.days(since: item.due.adding(days: -7)), "\(item.label): days since touch")
      XCTAssertEqual(
        assessment?.health.reading(.touch)?.rawValue, Double(today.days(since: item.due.adding(days: -7))),
        "\(item.label): touch measure")
    }
  }

  func testWithoutAnyTouchTheCheckInCountsFromTheStart() {
    let signed = day("2026-11-02")
    let ledger = book(tier: 2, signed: signed, created: day("2026-11-10"))
    assertPlay(.checkIn, in: ledger, on: day("2026-11-16"), due: signed.adding(days: 14), overdue: false, "signed")
    assertPlay(.checkIn, in: ledger, on: day("2026-11-17"), due: signed.adding(days: 14), overdue: true, "signed")
    let unsigned = book(tier: 2, created: day("2026-11-10"))
    assertPlay(.checkIn, in: unsigned, on: day("2026-11-12"), due: day("2026-11-24"), overdue: false, "created")
  }

  func testExecutiveBriefingQBRAndReviewCadenceByTier() {
    let start = day("2026-03-02")
    let briefing = day("2026-06-01")
    let qbr = day("2026-07-01")
    let today = day("2026-07-02")
    let cases:
      [(
        label: String, tier: Int, touches: [(TouchpointKind, Day)], briefingDue: Day?, qbrDue: Day?, reviewDue: Day?
      )] = [
        ("tier 1, nothing yet", 1, [], start.adding(days: 30), start.adding(days: 91), nil),
        (
          "tier 1, a briefing", 1, [(.executiveBriefing, briefing)], briefing.adding(days: 30), start.adding(days: 91),
          nil
        ),
        (
          "tier 1, a briefing then a QBR", 1, [(.executiveBriefing, briefing), (.qbr, qbr)], qbr.adding(days: 30),
          qbr.adding(days: 91), nil
        ),
        (
          "tier 1, a meeting is no briefing", 1, [(.meeting, briefing)], start.adding(days: 30), start.adding(days: 91),
          nil
        ),
        ("tier 2, nothing yet", 2, [], nil, start.adding(days: 91), nil),
        ("tier 2, a QBR", 2, [(.qbr, qbr)], nil, qbr.adding(days: 91), nil),
        ("tier 3, nothing yet", 3, [], nil, nil, start.adding(days: 182)),
        ("tier 3, a semiannual review", 3, [(.semiannualReview, briefing)], nil, nil, briefing.adding(days: 182)),
      ]
    for item in cases {
      var ledger = book(tier: item.tier, signed: start, created: start)
      for (kind, date) in item.touches { touch(kind, on: date, in: &ledger) }
      let pairs: [(PlayCode, Day?)] = [
        (.executiveBriefing, item.briefingDue), (.qbr, item.qbrDue), (.review, item.reviewDue),
      ]
      for (code, due) in pairs {
        if let due {
          assertPlay(code, in: ledger, on: today, due: due, overdue: today > due, item.label)
        } else {
          assertNoPlay(code, in: ledger, on: today, item.label)
        }
      }
    }
    // Overdue the day after.
    let ledger = book(tier: 1, signed: start, created: start)
    assertPlay(
      .executiveBriefing, in: ledger, on: start.adding(days: 30), due: start.adding(days: 30), overdue: false, "day 30")
    assertPlay(
      .executiveBriefing, in: ledger, on: start.adding(days: 31), due: start.adding(days: 30), overdue: true, "day 31")
    assertPlay(.qbr, in: ledger, on: start.adding(days: 92), due: start.adding(days: 91), overdue: true, "day 92")
  }

  // MARK: NPS loop

  func testDetractorFollowUpIsDueWithin48Hours() {
    let answered = day("2026-11-10")
    var ledger = book(created: day("2026-01-05"))
    record(
      .recordNPS(slug: "acme", score: 4, contact: "Dee", comment: "Slow support", date: answered), on: answered,
      in: &ledger)
    let due = answered.adding(days: 2)
    let cases: [(label: String, today: Day, overdue: Bool)] = [
      ("same day", answered, false), ("47 h", due, false), ("49 h", answered.adding(days: 3), true),
    ]
    for item in cases {
      assertPlay(.detractorFollowUp, in: ledger, on: item.today, due: due, overdue: item.overdue, item.label)
      XCTAssertTrue(alerts(ledger, on: item.today).contains(.detractorOpen), "\(item.label): detractor-open")
    }
    assertNoPlay(.promoterAsk, in: ledger, on: answered, "a detractor")

    let closing: [(label: String, kind: TouchpointKind, offset: Int, with: [String], closes: Bool)] = [
      ("a call with Dee the next day", .call, 1, ["Dee"], true),
      ("a meeting with Dee on day 3 (late, but followed up)", .meeting, 3, ["dee", "Sam"], true),
      ("a call with someone else", .call, 1, ["Sam"], false),
      ("an email to Dee", .email, 1, ["Dee"], false),
      ("a call with Dee the day before the response", .call, -1, ["Dee"], false),
    ]
    for item in closing {
      var touched = ledger
      touch(item.kind, on: answered.adding(days: item.offset), with: item.with, in: &touched)
      let today = answered.adding(days: 4)
      XCTAssertEqual(plays(.detractorFollowUp, touched, on: today).isEmpty, item.closes, item.label)
      XCTAssertEqual(alerts(touched, on: today).contains(.detractorOpen), !item.closes, "\(item.label): alert")
    }
  }

  func testPassiveNPSOpensNoLoop() {
    let answered = day("2026-11-10")
    for score in [7, 8] {
      var ledger = book(created: day("2026-01-05"))
      record(
        .recordNPS(slug: "acme", score: score, contact: nil, comment: nil, date: answered), on: answered, in: &ledger)
      assertNoPlay(.detractorFollowUp, in: ledger, on: answered.adding(days: 3), "NPS \(score)")
      assertNoPlay(.promoterAsk, in: ledger, on: answered.adding(days: 3), "NPS \(score)")
    }
  }

  func testPromoterAskIsDueWithin14DaysAndClosedByAReferralOrCaseStudyAsk() {
    let answered = day("2026-11-02")
    let due = answered.adding(days: 14)
    for score in [9, 10] {
      var ledger = book(created: day("2026-01-05"))
      record(
        .recordNPS(slug: "acme", score: score, contact: nil, comment: nil, date: answered), on: answered, in: &ledger)
      assertPlay(.promoterAsk, in: ledger, on: due, due: due, overdue: false, "NPS \(score), day 14")
      assertPlay(.promoterAsk, in: ledger, on: due.adding(days: 1), due: due, overdue: true, "NPS \(score), day 15")
      XCTAssertFalse(alerts(ledger, on: due).contains(.detractorOpen))
    }

    let closing: [(label: String, kind: TouchpointKind, offset: Int, closes: Bool)] = [
      ("a referral ask", .referralAsk, 3, true),
      ("a case-study ask", .caseStudyAsk, 20, true),
      ("a call", .call, 3, false),
      ("a referral ask before the response", .referralAsk, -1, false),
    ]
    for item in closing {
      var ledger = book(created: day("2026-01-05"))
      record(.recordNPS(slug: "acme", score: 9, contact: nil, comment: nil, date: answered), on: answered, in: &ledger)
      touch(item.kind, on: answered.adding(days: item.offset), in: &ledger)
      XCTAssertEqual(plays(.promoterAsk, ledger, on: answered.adding(days: 21)).isEmpty, item.closes, item.label)
    }
  }

  // MARK: QBR follow-through

  func testQBRAgendaIsDue48HoursBefore() {
    let meeting = day("2026-12-01")
    var ledger = book(created: day("2026-01-05"))
    record(.scheduleQBR(slug: "acme", date: meeting), on: day("2026-11-02"), in: &ledger)
    let due = meeting.adding(days: -2)
    let cases: [(label: String, today: Day, overdue: Bool)] = [
      ("72 h ahead", meeting.adding(days: -3), false),
      ("49 h ahead (due today)", meeting.adding(days: -2), false),
      ("47 h ahead", meeting.adding(days: -1), true),
      ("the day of the QBR", meeting, true),
    ]
    for item in cases {
      assertPlay(.qbrAgenda, in: ledger, on: item.today, due: due, overdue: item.overdue, item.label)
    }

    let closing: [(label: String, kind: TouchpointKind, offset: Int, marked: Bool, closes: Bool)] = [
      ("an agenda email 10 days before", .email, -10, true, true),
      ("an agenda email 14 days before", .email, -14, true, true),
      ("an agenda email the day before", .email, -1, true, true),
      ("an agenda email 15 days before", .email, -15, true, false),
      ("an unmarked email 5 days before (an invoice question)", .email, -5, false, false),
      ("an unmarked call 5 days before", .call, -5, false, false),
    ]
    for item in closing {
      var touched = ledger
      touch(
        item.kind, on: meeting.adding(days: item.offset), closes: item.marked ? .qbrAgenda : nil, in: &touched)
      XCTAssertEqual(plays(.qbrAgenda, touched, on: meeting).isEmpty, item.closes, item.label)
    }
  }

  func testQBRSummaryIsDue24HoursAfterItIsHeld() {
    let meeting = day("2026-12-01")
    var ledger = book(created: day("2026-01-05"))
    record(.scheduleQBR(slug: "acme", date: meeting), on: day("2026-11-02"), in: &ledger)
    let held = meeting
    touch(.qbr, on: held, summary: "Quarterly review", in: &ledger)
    let due = held.adding(days: 1)
    let cases: [(label: String, today: Day, overdue: Bool)] = [
      ("the day held", held, false), ("23 h after", due, false), ("49 h after", held.adding(days: 2), true),
    ]
    for item in cases {
      assertPlay(.qbrSummary, in: ledger, on: item.today, due: due, overdue: item.overdue, item.label)
      assertNoPlay(.qbrAgenda, in: ledger, on: item.today, "\(item.label): held, so no agenda")
    }

    let closing: [(label: String, offset: Int, marked: Bool, closes: Bool)] = [
      ("a summary email the day held", 0, true, true), ("a summary email the next day", 1, true, true),
      ("a summary email the day before", -1, true, false), ("an unmarked email the next day", 1, false, false),
    ]
    for item in closing {
      var touched = ledger
      touch(.email, on: held.adding(days: item.offset), closes: item.marked ? .qbrSummary : nil, in: &touched)
      XCTAssertEqual(plays(.qbrSummary, touched, on: held.adding(days: 3)).isEmpty, item.closes, item.label)
    }
  }

  // MARK: Handoff and value notes

  func testHandoffOpensAJointCallForTheNewOwnerDueIn14Days() {
    let handedOff = day("2026-11-02")
    var ledger = book(owner: "bo", created: day("2026-01-05"))
    record(.handOff(slug: "acme", to: "cy", note: "Bo moves to EMEA"), on: handedOff, in: &ledger)
    let due = handedOff.adding(days: 14)
    let cases: [(label: String, today: Day, overdue: Bool)] = [
      ("the day of the handoff", handedOff, false), ("day 14", due, false), ("day 15", due.adding(days: 1), true),
    ]
    for item in cases {
      assertPlay(.handoffCall, in: ledger, on: item.today, due: due, overdue: item.overdue, item.label)
      XCTAssertEqual(plays(.handoffCall, ledger, on: item.today).first?.owner, "cy", "\(item.label): new owner")
      XCTAssertEqual(
        alerts(ledger, on: item.today).contains(.handoffCallMissing), item.overdue, "\(item.label): alert")
    }

    var alone = ledger
    touch(.handoffCall, on: handedOff.adding(days: 5), with: ["cy"], in: &alone)
    assertPlay(.handoffCall, in: alone, on: due.adding(days: 1), due: due, overdue: true, "the new owner alone")

    var called = ledger
    touch(.handoffCall, on: handedOff.adding(days: 5), with: ["bo", "cy"], in: &called)
    assertNoPlay(.handoffCall, in: called, on: due.adding(days: 1), "handoff call with both owners")
    XCTAssertFalse(alerts(called, on: due.adding(days: 1)).contains(.handoffCallMissing))

    var early = ledger
    touch(.handoffCall, on: handedOff.adding(days: -3), with: ["bo", "cy"], in: &early)
    assertPlay(.handoffCall, in: early, on: due.adding(days: 1), due: due, overdue: true, "a call before the handoff")

    // Assigning an owner is no handoff.
    var assigned = book(owner: nil, created: day("2026-01-05"))
    record(.assignOwner(slug: "acme", owner: "cy"), on: handedOff, in: &assigned)
    assertNoPlay(.handoffCall, in: assigned, on: due.adding(days: 1), "owner assigned")
  }

  func testValueNoteIsMonthlyForTiers1And2() {
    let start = day("2026-09-01")
    let noted = day("2026-10-20")
    for tier in 1...3 {
      var ledger = book(tier: tier, signed: start, created: start)
      let label = "tier \(tier)"
      if tier == 3 {
        assertNoPlay(.valueNote, in: ledger, on: day("2026-12-01"), label)
        XCTAssertFalse(alerts(ledger, on: day("2026-12-01")).contains(.valueNoteOverdue), label)
        continue
      }
      let firstDue = start.adding(days: 30)
      assertPlay(.valueNote, in: ledger, on: firstDue, due: firstDue, overdue: false, label)
      XCTAssertFalse(alerts(ledger, on: firstDue).contains(.valueNoteOverdue), label)
      assertPlay(.valueNote, in: ledger, on: firstDue.adding(days: 1), due: firstDue, overdue: true, label)
      XCTAssertTrue(alerts(ledger, on: firstDue.adding(days: 1)).contains(.valueNoteOverdue), label)

      record(.noteValue(slug: "acme", text: "Saved 20 hours a week", date: noted), on: noted, in: &ledger)
      let due = noted.adding(days: 30)
      assertPlay(.valueNote, in: ledger, on: due, due: due, overdue: false, "\(label), after a note")
      XCTAssertFalse(alerts(ledger, on: due).contains(.valueNoteOverdue), "\(label), after a note")
      XCTAssertTrue(alerts(ledger, on: due.adding(days: 1)).contains(.valueNoteOverdue), "\(label), a month later")
    }
  }

  func testChurnedAccountsHaveNoPlaysButTheirTasks() {
    var ledger = book(created: day("2026-01-05"))
    record(
      .addTask(slug: "acme", text: "Send the exit survey", due: day("2026-11-30"), owner: nil), on: day("2026-11-20"),
      in: &ledger)
    record(.changeStage(slug: "acme", stage: .churned), on: day("2026-11-20"), in: &ledger)
    let open = plays(ledger, on: day("2026-11-23"))
    XCTAssertEqual(open.map(\.code), [.task], "\(open)")
    XCTAssertEqual(open.first?.owner, "bo")
  }
}
