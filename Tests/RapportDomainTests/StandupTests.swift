import RapportDomain
import RapportJournal
import XCTest

/// The weekly standup: the agenda's order, "what changed since the last standup", the one-line action
/// item, the record and its summary.
final class StandupTests: XCTestCase {
  let today = day("2026-11-23")  // a Monday

  private func add(_ slug: String, owner: String?, renewal: Day? = nil, to ledger: inout Ledger) {
    ledger.must(
      .addAccount(
        slug: slug,
        profile: AccountProfile(
          name: slug.capitalized, tier: 2, stage: .growth, owner: owner, signed: day("2025-01-06"), renewal: renewal)))
  }

  /// Six accounts, one per agenda reason plus a healthy one, and a standup held a week ago.
  private func book() -> Ledger {
    var ledger = Ledger(today: day("2025-01-06"))
    add("calm", owner: "bo", to: &ledger)
    add("orphan", owner: nil, to: &ledger)
    add("redco", owner: "cy", to: &ledger)
    add("slipping", owner: "bo", to: &ledger)
    add("renewing", owner: "cy", renewal: today.adding(days: 30), to: &ledger)
    add("late", owner: "bo", to: &ledger)
    ledger.today = today.adding(days: -8)
    for slug in ["calm", "orphan", "slipping", "renewing", "late"] {
      // The quarter's QBR with its summary, and a value note: no play is due.
      ledger.touch(.qbr, on: today.adding(days: -9), summary: "QBR", slug: slug)
      ledger.touch(.email, on: today.adding(days: -8), summary: "QBR summary sent", slug: slug)
      ledger.must(.noteValue(slug: slug, text: "Saved a day a week", date: today.adding(days: -9)))
    }
    for slug in ["calm", "orphan", "slipping", "renewing", "late"] {
      ledger.touch(.call, on: today.adding(days: -8), summary: "Weekly call", slug: slug)
      ledger.must(.recordNPS(slug: slug, score: 9, contact: nil, comment: nil, date: today.adding(days: -8)))
    }
    ledger.must(.recordNPS(slug: "redco", score: 1, contact: "Kim", comment: "Broken", date: today.adding(days: -60)))
    ledger.must(.recordNPS(slug: "renewing", score: 5, contact: nil, comment: nil, date: today.adding(days: -8)))
    ledger.must(.addTask(slug: "late", text: "Send the contract", due: today.adding(days: -5), owner: nil))
    ledger.today = today.adding(days: -7)
    ledger.must(
      .recordStandup(day: today.adding(days: -7), owner: nil, discussed: ["redco"], skipped: [], actions: []))
    ledger.today = today.adding(days: -2)
    ledger.must(.recordNPS(slug: "slipping", score: 2, contact: "Dana Lee", comment: nil, date: today.adding(days: -2)))
    ledger.must(.handOff(slug: "slipping", to: "cy", note: "Dana is unhappy"))
    ledger.today = today
    return ledger
  }

  func testAgendaOrderUnownedRedFellRenewalOverdue() {
    let ledger = book()
    let agenda = StandupAgenda(book: ledger.book, today: today)
    let order = agenda.items.map { "\($0.account.slug):\($0.reasons[0].rawValue)" }
    XCTAssertEqual(
      order,
      ["orphan:unowned", "redco:red", "slipping:fell", "renewing:renewal-at-risk", "late:overdue-plays"],
      agenda.items.map { "\($0.account.slug) \($0.reasons) \($0.overduePlays.map(\.code.rawValue))" }.description)
    XCTAssertFalse(agenda.items.contains { $0.account.slug == "calm" }, "a healthy account is not on the agenda")
    XCTAssertEqual(agenda.previous?.day, today.adding(days: -7))
    XCTAssertEqual(agenda.items.last?.overduePlays.contains { $0.title.contains("Send the contract") }, true)
  }

  func testOneOwnerAndGroupedByOwner() {
    let ledger = book()
    XCTAssertEqual(
      StandupAgenda(book: ledger.book, today: today, owner: "cy").items.map(\.account.slug),
      ["redco", "slipping", "renewing"])
    XCTAssertEqual(
      StandupAgenda(book: ledger.book, today: today, byOwner: true).items.map(\.account.slug),
      ["orphan", "late", "redco", "slipping", "renewing"])
  }

  func testChangesSinceTheLastStandupInWords() throws {
    var ledger = book()
    ledger.today = today.adding(days: -1)
    ledger.must(.recordUsage(slug: "slipping", value: 200, date: today.adding(days: -9)))
    ledger.must(.recordUsage(slug: "slipping", value: 130, date: today.adding(days: -1)))
    let agenda = StandupAgenda(book: ledger.book, today: today)
    let item = try XCTUnwrap(agenda.items.first { $0.account.slug == "slipping" })
    XCTAssertEqual(
      item.changes,
      ["NPS 2 from Dana Lee — ana", "handoff bo → cy (Dana is unhappy) — ana", "usage −35 % (200 → 130)"])
    // The calls logged before the last standup are not news.
    XCTAssertFalse(item.changes.contains { $0.contains("Weekly call") })
  }

  func testFirstStandupLooksBackAWeek() throws {
    var ledger = Ledger(today: today.adding(days: -20))
    add("orphan", owner: nil, to: &ledger)
    ledger.today = today.adding(days: -10)
    ledger.touch(.call, on: today.adding(days: -10), summary: "Old news", slug: "orphan")
    ledger.today = today.adding(days: -3)
    ledger.touch(.email, on: today.adding(days: -3), summary: "Fresh news", slug: "orphan")
    let item = try XCTUnwrap(StandupAgenda(book: ledger.book, today: today).items.first)
    XCTAssertNil(StandupAgenda(book: ledger.book, today: today).previous)
    XCTAssertEqual(item.changes, ["email: Fresh news — ana"])
  }

  func testActionItemOneLiner() throws {
    let item = try ActionItem(parsing: "call CFO @bob fri", today: today)
    XCTAssertEqual(item, ActionItem(text: "call CFO", owner: "bob", due: day("2026-11-27")))
    XCTAssertEqual(
      try ActionItem(parsing: "@cy send   the deck +3d", today: today),
      ActionItem(text: "send the deck", owner: "cy", due: today.adding(days: 3)))
    XCTAssertEqual(
      try ActionItem(parsing: "book the QBR", today: today),
      ActionItem(text: "book the QBR", owner: nil, due: today.adding(days: 7)))
    XCTAssertThrowsError(try ActionItem(parsing: "friday", today: today), "a date alone has no text")
    XCTAssertThrowsError(try ActionItem(parsing: "@bob fri", today: today))
    XCTAssertThrowsError(try ActionItem(parsing: "call @Bob! fri", today: today))
    XCTAssertThrowsError(try ActionItem(parsing: "call 2026-01-01", today: today))
  }

  func testStandupRecordAndSummary() throws {
    var ledger = book()
    let task = ledger.must(try ActionItem(parsing: "call CFO @bob fri", today: today).command(for: "slipping"))
    ledger.must(
      .recordStandup(day: today, owner: nil, discussed: ["orphan", "slipping"], skipped: ["late"], actions: [task]))
    let standup = try XCTUnwrap(ledger.book.standups.last)
    XCTAssertEqual(standup.ranBy, "ana")
    XCTAssertEqual(standup.discussed, ["orphan", "slipping"])
    XCTAssertEqual(standup.actions, [task])
    let text = StandupSummary.text(of: standup, in: ledger.book)
    XCTAssertTrue(
      text.hasPrefix(
        "Standup 2026-11-23, run by ana — everyone's accounts\n2 accounts discussed · 1 skipped · 1 action item\n"),
      text)
    XCTAssertTrue(text.contains("- Orphan (orphan), no owner: "), text)
    XCTAssertTrue(text.contains("— no owner"), text)
    XCTAssertTrue(text.contains("Action items\n- Slipping: call CFO — @bob, due 2026-11-27"), text)
    XCTAssertTrue(text.contains("Skipped\n- Late (late)"), text)
    // The next agenda counts changes from this standup on.
    XCTAssertEqual(StandupAgenda(book: ledger.book, today: today).previous?.seq, standup.seq)
  }

  func testStandupNamingAnUnknownAccountOrTaskIsRefused() {
    let ledger = book()
    XCTAssertEqual(
      refusal(.recordStandup(day: today, owner: nil, discussed: ["nope"], skipped: [], actions: []), in: ledger.book),
      .unknownAccount("nope"))
    XCTAssertEqual(
      refusal(.recordStandup(day: today, owner: nil, discussed: [], skipped: [], actions: [9999]), in: ledger.book),
      .unknownTask(9999))
  }
}
