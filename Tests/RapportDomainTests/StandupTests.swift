import RapportDomain
import RapportJournal
import XCTest

/// The weekly standup: the agenda's order, "what changed since the last standup", the one-line action
/// item, the progress journaled as it goes, the record and its summary.
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

  func testAgendaIsTheAccountsThatNeedTheMeeting() throws {
    let ledger = book()
    let agenda = StandupAgenda(book: ledger.book, today: today)
    let order = agenda.items.map { "\($0.account.slug):\($0.reasons.map(\.rawValue).joined(separator: "+"))" }
    XCTAssertEqual(
      order,
      ["orphan:unowned", "redco:red+detractor-open", "slipping:fell+detractor-open", "renewing:renewal-at-risk"],
      agenda.items.map { "\($0.account.slug) \($0.reasons) \($0.overduePlays.map(\.code.rawValue))" }.description)
    XCTAssertFalse(agenda.items.contains { $0.account.slug == "calm" }, "a healthy account is not on the agenda")
    XCTAssertFalse(
      agenda.items.contains { $0.account.slug == "late" }, "an overdue play alone does not need the meeting")
    XCTAssertEqual(agenda.previous?.day, today.adding(days: -7))

    // A: every account not churned, those that need the meeting first; "late" shows its overdue task.
    let all = StandupAgenda(book: ledger.book, today: today, all: true)
    XCTAssertEqual(all.items.prefix(4).map(\.account.slug), agenda.items.map(\.account.slug))
    XCTAssertEqual(Set(all.items.dropFirst(4).map(\.account.slug)), ["calm", "late"])
    let late = try XCTUnwrap(all.items.first { $0.account.slug == "late" })
    XCTAssertEqual(late.reasons, [])
    XCTAssertTrue(late.overduePlays.contains { $0.title.contains("Send the contract") })
  }

  func testAnOverdueRenewalIsOnTheAgenda() throws {
    var ledger = book()
    ledger.must(.updateAccount(slug: "calm", profile: AccountProfile(renewal: today.adding(days: -3))))
    let item = try XCTUnwrap(StandupAgenda(book: ledger.book, today: today).items.first { $0.account.slug == "calm" })
    XCTAssertTrue(item.reasons.contains(.renewalOverdue), "\(item.reasons)")
  }

  func testOneOwnerAndGroupedByOwner() {
    let ledger = book()
    XCTAssertEqual(
      StandupAgenda(book: ledger.book, today: today, owner: "cy").items.map(\.account.slug),
      ["redco", "slipping", "renewing"])
    XCTAssertEqual(
      StandupAgenda(book: ledger.book, today: today, byOwner: true).items.map(\.account.slug),
      ["orphan", "redco", "slipping", "renewing"])
    XCTAssertEqual(
      StandupAgenda(book: ledger.book, today: today, byOwner: true, all: true).items.map(\.account.slug),
      ["orphan", "calm", "late", "redco", "slipping", "renewing"])
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

  // MARK: Progress as journal events

  private func plan(_ agenda: [String], owner: String? = nil) -> StandupTarget {
    .new(StandupPlan(day: today, owner: owner, agenda: agenda))
  }

  func testProgressIsFoldedAsItGoesAndHeldNamesWhatItDidNotReach() throws {
    var ledger = book()
    let agenda = StandupAgenda(book: ledger.book, today: today).items.map(\.account.slug)
    // The first step starts it: standup.started and the card in one batch.
    let first = try ledger.run(
      .standup(plan(agenda), .review(account: "orphan", outcome: .discussed, note: "Find an owner this week")))
    XCTAssertEqual(first.map(\.type), ["standup.started", "standup.reviewed"])
    XCTAssertEqual(first[0].data["agenda"], .array(agenda.map(JSONValue.string)))
    XCTAssertEqual(first[1].data["standup"], .string(first[0].id))
    let id = first[0].id
    var open = try XCTUnwrap(ledger.book.openStandup(owner: nil))
    XCTAssertEqual(open.id, id)
    XCTAssertEqual(open.discussed, ["orphan"])
    XCTAssertEqual(open.notes, ["orphan": "Find an owner this week"])
    XCTAssertEqual(open.notReached, ["redco", "slipping", "renewing"])

    ledger.must(.standup(.open(id: id), .review(account: "redco", outcome: .skipped, note: nil)))
    let task = ledger.must(
      .standup(
        .open(id: id), .addAction(account: "slipping", text: "Call Dana", due: today.adding(days: 4), owner: nil))
    )
    XCTAssertEqual(ledger.records.last?.type, "task.created")
    XCTAssertEqual(ledger.records.last?.data["standup"], .string(id))
    XCTAssertEqual(ledger.book.tasks[task]?.owner, "cy", "the account's owner by default")
    ledger.must(.standup(.open(id: id), .review(account: "slipping", outcome: .discussed, note: nil)))
    open = try XCTUnwrap(ledger.book.openStandup(id: id))
    XCTAssertEqual(open.actions, [task])
    XCTAssertEqual(open.notReached, ["renewing"])

    ledger.must(.standup(.open(id: id), .finish))
    XCTAssertTrue(ledger.book.openStandups.isEmpty)
    let held = try XCTUnwrap(ledger.book.standups.last)
    XCTAssertEqual(held.started, id)
    XCTAssertEqual(held.discussed, ["orphan", "slipping"])
    XCTAssertEqual(held.skipped, ["redco"])
    XCTAssertEqual(held.notReached, ["renewing"])
    XCTAssertEqual(held.actions, [task])
    XCTAssertEqual(ledger.records.last?.data["not_reached"], .array([.string("renewing")]))

    // Too late for it now: it is held.
    XCTAssertEqual(
      refusal(.standup(.open(id: id), .review(account: "renewing", outcome: .discussed, note: nil)), in: ledger.book),
      .standupNotOpen)
    // And the whole journal folds to the same book again.
    XCTAssertEqual(Book.fold(ledger.records), ledger.book)
  }

  func testAnAccountNotReachedKeepsItsWeek() throws {
    var ledger = book()
    let agenda = StandupAgenda(book: ledger.book, today: today).items.map(\.account.slug)
    let started = try ledger.run(.standup(plan(agenda), .review(account: "orphan", outcome: .discussed, note: nil)))
    ledger.must(.standup(.open(id: started[0].id), .finish))
    let held = try XCTUnwrap(ledger.book.standups.last)
    XCTAssertEqual(held.notReached, ["redco", "slipping", "renewing"])

    let next = StandupAgenda(book: ledger.book, today: today.adding(days: 7))
    XCTAssertEqual(next.previous?.seq, held.seq)
    let slipping = try XCTUnwrap(next.items.first { $0.account.slug == "slipping" })
    // Not reached: its changes still count from the standup before, so the handoff is still news.
    XCTAssertEqual(slipping.previous?.day, today.adding(days: -7))
    XCTAssertEqual(slipping.sinceText, "since the standup of \(today.adding(days: -7))")
    XCTAssertTrue(slipping.changes.contains { $0.hasPrefix("handoff bo → cy") }, "\(slipping.changes)")
    // Discussed, or not on the agenda at all: from the new one.
    XCTAssertEqual(next.items.first { $0.account.slug == "orphan" }?.previous?.seq, held.seq)
  }

  func testALoneStandupHeldOfOlderJournalsStillFolds() throws {
    var ledger = book()
    // The fixture's standup of a week ago is one such record: no started, no not_reached.
    let old = try XCTUnwrap(ledger.book.standups.first)
    XCTAssertNil(old.started)
    XCTAssertEqual(old.notReached, [])
    XCTAssertFalse(old.left("slipping"), "an old standup moved every account's week forward")
    ledger.must(.recordStandup(day: today, owner: nil, discussed: ["orphan"], skipped: ["late"], actions: []))
    XCTAssertTrue(ledger.book.openStandups.isEmpty)
    XCTAssertEqual(ledger.book.standups.count, 2)
    XCTAssertEqual(Book.fold(ledger.records), ledger.book)
  }

  func testANewStandupForTheSameOwnerReplacesTheOpenOne() throws {
    var ledger = book()
    let first = try ledger.run(.standup(plan(["orphan"]), .start))
    let other = try ledger.run(.standup(plan(["redco"], owner: "cy"), .start))
    XCTAssertEqual(ledger.book.openStandups.map(\.id), [first[0].id, other[0].id])
    XCTAssertEqual(ledger.book.openStandup(owner: "cy")?.id, other[0].id)
    XCTAssertEqual(ledger.book.openStandup(owner: nil)?.id, first[0].id, "the whole book's first")
    ledger.today = today.adding(days: 7)
    let again = try ledger.run(
      .standup(.new(StandupPlan(day: today.adding(days: 7), owner: nil, agenda: ["redco"])), .start))
    XCTAssertEqual(ledger.book.openStandups.map(\.id), [other[0].id, again[0].id])
    XCTAssertEqual(
      refusal(.standup(.open(id: first[0].id), .finish), in: ledger.book, today: today.adding(days: 7)),
      .standupNotOpen)
  }

  func testAgendaChangesAndNotesAreKept() throws {
    var ledger = book()
    let id = try ledger.run(.standup(plan(["orphan"]), .start))[0].id
    ledger.must(.standup(.open(id: id), .changeAgenda(["orphan", "calm", "late"], all: true)))
    ledger.must(.standup(.open(id: id), .review(account: "calm", outcome: nil, note: "Fine")))
    ledger.must(.standup(.open(id: id), .review(account: "calm", outcome: nil, note: "")))
    let open = try XCTUnwrap(ledger.book.openStandup(id: id))
    XCTAssertEqual(open.agenda, ["orphan", "calm", "late"])
    XCTAssertTrue(open.all)
    XCTAssertEqual(open.notes, [:], "an empty note clears it")
    XCTAssertEqual(
      refusal(.standup(.open(id: id), .review(account: "nope", outcome: .discussed, note: nil)), in: ledger.book),
      .unknownAccount("nope"))
    XCTAssertEqual(
      refusal(.standup(.open(id: id), .review(account: "calm", outcome: nil, note: nil)), in: ledger.book),
      .nothingToChange)
  }

  func testSummaryAsTextAndMarkdown() throws {
    var ledger = book()
    let id = try ledger.run(
      .standup(
        plan(["orphan", "redco", "slipping"]),
        .review(account: "orphan", outcome: .discussed, note: "Owner *needed*")))[0].id
    ledger.must(
      .standup(
        .open(id: id), .addAction(account: "orphan", text: "Pick an owner", due: today.adding(days: 3), owner: "bo")))
    // While open: in progress, the cards left "to go".
    let open = StandupSummary(open: try XCTUnwrap(ledger.book.openStandup(id: id)), in: ledger.book, today: today)
    XCTAssertTrue(
      open.text.hasPrefix(
        "Standup 2026-11-23 (in progress), started by ana — everyone's accounts\n"
          + "1 account discussed · 0 skipped · 2 to go · 1 action item\n"), open.text)
    ledger.must(.standup(.open(id: id), .review(account: "redco", outcome: .skipped, note: nil)))
    ledger.must(.standup(.open(id: id), .finish))
    let summary = StandupSummary(try XCTUnwrap(ledger.book.standups.last), in: ledger.book)
    XCTAssertEqual(summary.counts, "1 account discussed · 1 skipped · 1 not reached · 1 action item")
    XCTAssertTrue(summary.text.contains("- Orphan (orphan), no owner: "), summary.text)
    XCTAssertTrue(summary.text.contains("  note: Owner *needed*"), summary.text)
    XCTAssertTrue(summary.text.contains("Skipped\n- Redco (redco)"), summary.text)
    XCTAssertTrue(summary.text.contains("Not reached\n- Slipping (slipping)"), summary.text)
    let markdown = summary.markdown
    XCTAssertTrue(markdown.hasPrefix("# Standup 2026-11-23 — everyone's accounts\n\nRun by ana. "), markdown)
    XCTAssertTrue(markdown.contains("## Discussed\n\n- **Orphan** (`orphan`), no owner: "), markdown)
    XCTAssertTrue(markdown.contains("  - Note: Owner \\*needed\\*"), markdown)
    XCTAssertTrue(
      markdown.contains("## Action items\n\n- [ ] **Orphan**: Pick an owner — @bo, due 2026-11-26 (task #"), markdown)
    XCTAssertTrue(markdown.contains("## Not reached\n\n- **Slipping** (`slipping`)"), markdown)
  }
}
