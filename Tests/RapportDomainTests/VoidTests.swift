import Foundation
import Glibc
import RapportDomain
import RapportJournal
import RapportTestSupport
import XCTest

/// `account.voided`: an account created by mistake leaves every list and metric, its id is free again,
/// its history stays readable, and only its creator (alone on it) or an admin may void it.
final class VoidTests: XCTestCase {
  let monday = day("2026-11-23")

  /// A book by ana (the journal's creator, so its admin): acme, and `send-qbr-deck` added by bo by mistake,
  /// with a touchpoint and a follow-up task of his.
  private func ledgerWithMistake() -> Ledger {
    var ledger = Ledger(today: monday)
    ledger.addAccount("acme", owner: "ana")
    ledger.must(
      .addAccount(slug: "send-qbr-deck", profile: AccountProfile(name: "send qbr deck", tier: 3, owner: "bo")),
      by: "bo")
    ledger.must(
      .logTouchpoint(slug: "send-qbr-deck", TouchpointInput(kind: .call, date: monday, summary: "Oops")), by: "bo")
    ledger.must(.addTask(slug: "send-qbr-deck", text: "Send the deck", due: monday, owner: "bo"), by: "bo")
    return ledger
  }

  func testAVoidedAccountLeavesEveryListAndItsTimelineKeepsTheVoid() throws {
    var ledger = ledgerWithMistake()
    let touch = try XCTUnwrap(ledger.account("send-qbr-deck")?.touchpoints.first?.meta.seq)
    let void = ledger.must(.voidAccount(slug: "send-qbr-deck", reason: "created by mistake"), by: "bo")
    XCTAssertEqual(ledger.records.last?.type, "account.voided")
    XCTAssertEqual(ledger.records.last?.account, "send-qbr-deck")
    XCTAssertEqual(ledger.records.last?.data["reason"]?.stringValue, "created by mistake")

    let book = ledger.book
    XCTAssertEqual(book.slugs, ["acme"])
    XCTAssertEqual(book.allAccounts.map(\.slug), ["acme"])
    XCTAssertEqual(book.accounts.count, 1)
    XCTAssertNil(book.accounts["send-qbr-deck"])
    XCTAssertEqual(Assessor(book: book, today: monday).board().map(\.account.slug), ["acme"])
    XCTAssertFalse(
      PlayBook(book: book, today: monday, config: book.config()).allPlays().contains {
        $0.account == "send-qbr-deck"
      })
    XCTAssertFalse(StandupAgenda(book: book, today: monday).items.contains { $0.account.slug == "send-qbr-deck" })
    XCTAssertTrue(book.anomalies.isEmpty, "\(book.anomalies)")

    // The timeline of the voided id: the void on top, then what was recorded on it.
    let timeline = try book.timeline(of: "send-qbr-deck")
    XCTAssertEqual(timeline.first?.seq, void)
    XCTAssertEqual(timeline.first?.kind, "void")
    XCTAssertEqual(timeline.first?.title, "account voided: created by mistake")
    XCTAssertEqual(timeline.first?.by, "bo")
    XCTAssertTrue(timeline.contains { $0.seq == touch && $0.kind == "touchpoint" })
    XCTAssertTrue(timeline.contains { $0.kind == "account" })
    XCTAssertEqual(book.voided("send-qbr-deck")?.void.reason, "created by mistake")
  }

  func testNothingMoreCanBeRecordedOnAVoidedIdUntilItIsAddedAgainAfresh() throws {
    var ledger = ledgerWithMistake()
    let task = try XCTUnwrap(ledger.account("send-qbr-deck")?.taskIDs.first)
    let touch = try XCTUnwrap(ledger.account("send-qbr-deck")?.touchpoints.first?.meta.seq)
    let void = ledger.must(.voidAccount(slug: "send-qbr-deck", reason: "created by mistake"), by: "bo")

    let voided = DomainError.accountVoided(
      slug: "send-qbr-deck", seq: void, by: "bo", day: monday, reason: "created by mistake")
    let touchAgain = Command.logTouchpoint(
      slug: "send-qbr-deck", TouchpointInput(kind: .call, date: monday, summary: "Again"))
    XCTAssertEqual(refusal(touchAgain, in: ledger.book), voided)
    XCTAssertTrue(voided.description.contains("was voided on 2026-11-23 by bo"), voided.description)
    XCTAssertTrue(voided.description.contains("rapport account add send-qbr-deck"), voided.description)
    XCTAssertEqual(refusal(.completeTask(id: task, date: monday), in: ledger.book), voided)
    XCTAssertEqual(refusal(.retract(seq: touch, reason: "no"), in: ledger.book), voided)
    XCTAssertEqual(refusal(.voidAccount(slug: "send-qbr-deck", reason: "again"), in: ledger.book), voided)
    XCTAssertEqual(refusal(.assignOwner(slug: "send-qbr-deck", owner: "ana"), in: ledger.book), voided)

    // A record appended by hand on the voided id is an anomaly, and does not take the id.
    ledger.append([EventDraft(.valueNoted(.init(text: "by hand", date: monday)), account: "send-qbr-deck")], by: "bo")
    XCTAssertEqual(ledger.book.anomalies.last?.message, voided.description)
    XCTAssertFalse(ledger.book.reservedSlugs.contains("send-qbr-deck"))

    // Added again: a new account, with none of the voided one's history.
    let again = ledger.must(
      .addAccount(slug: "send-qbr-deck", profile: AccountProfile(name: "Send QBR Deck Ltd", tier: 2, owner: "ana")))
    let fresh = try XCTUnwrap(ledger.book.accounts["send-qbr-deck"])
    XCTAssertEqual(fresh.created.seq, again)
    XCTAssertEqual(fresh.name, "Send QBR Deck Ltd")
    XCTAssertTrue(fresh.touchpoints.isEmpty)
    XCTAssertTrue(fresh.taskIDs.isEmpty)
    XCTAssertEqual(ledger.book.slugs, ["acme", "send-qbr-deck"])
    XCTAssertEqual(try ledger.book.timeline(of: "send-qbr-deck").map(\.seq), [again])
    XCTAssertTrue(ledger.book.openTasks(of: fresh).isEmpty)
    // The voided one's task stays out of reach.
    XCTAssertEqual(refusal(.completeTask(id: task, date: monday), in: ledger.book), voided)
    ledger.touch(slug: "send-qbr-deck")
    XCTAssertEqual(ledger.account("send-qbr-deck")?.touchpoints.count, 1)
  }

  func testVoidedAccountsAreInNoMetricEvenOfPastPeriods() {
    var withMistake = ledgerWithMistake()
    // Voided a week after the mistake: the week before does not have it either, like a correction.
    let later = monday.adding(days: 7)
    withMistake.today = later
    withMistake.must(.voidAccount(slug: "send-qbr-deck", reason: "created by mistake"))
    var without = Ledger(today: monday)
    without.addAccount("acme", owner: "ana")

    let pastWeek = Book.fold(withMistake.records, asOf: monday)
    XCTAssertEqual(pastWeek.slugs, ["acme"])
    for book in [withMistake.book, pastWeek] {
      let report = MetricsReport(book: book, today: later, period: .quarter)
      let expected = MetricsReport(book: without.book, today: later, period: .quarter)
      XCTAssertEqual(report.groups.first?.accounts, 1)
      for metric in Metric.allCases {
        XCTAssertEqual(
          report.groups.first?.row(metric)?.values, expected.groups.first?.row(metric)?.values, "\(metric)")
      }
    }
  }

  func testOnlyTheCreatorAloneOnItOrAnAdminMayVoid() {
    var ledger = ledgerWithMistake()
    // cy did not add it.
    XCTAssertEqual(
      refusal(.voidAccount(slug: "send-qbr-deck", reason: "mistake"), in: ledger.book, by: "cy"),
      .adminOnly(user: "cy", action: "void 'send-qbr-deck', which bo added"))
    XCTAssertEqual(
      refusal(.voidAccount(slug: "send-qbr-deck", reason: "  "), in: ledger.book, by: "bo"),
      .missingValue(field: "reason (--reason)"))
    XCTAssertEqual(
      refusal(.voidAccount(slug: "nope", reason: "mistake"), in: ledger.book, by: "bo"), .unknownAccount("nope"))

    // Once someone else has written to it, its creator may no longer void it; the admin still may.
    ledger.must(
      .logTouchpoint(slug: "send-qbr-deck", TouchpointInput(kind: .email, date: monday, summary: "Hi")), by: "cy")
    let refused = refusal(.voidAccount(slug: "send-qbr-deck", reason: "mistake"), in: ledger.book, by: "bo")
    XCTAssertEqual(refused, .adminOnly(user: "bo", action: "void 'send-qbr-deck', which cy also wrote to"))
    XCTAssertEqual(
      refused?.description, "only an admin can void 'send-qbr-deck', which cy also wrote to; bo is not one")
    XCTAssertNil(refusal(.voidAccount(slug: "send-qbr-deck", reason: "mistake"), in: ledger.book, by: "ana"))
  }

  func testOnAJournalWithMembersAViewerNeverVoidsAndAForgedVoidIsNotApplied() throws {
    let directory = try TemporaryFolder.make("rapport-void-tests")
    defer { TemporaryFolder.remove(directory) }
    let journal = try Journal.create(at: directory + "/book.jsonl", by: "ana")
    let login = Journal.processLogin
    var admin = try Desk.open(journal, user: "ana")
    try admin.perform(.addMember(name: "ana", logins: [login], role: .admin))
    try admin.perform(.addMember(name: "bo", logins: [login], role: .member))
    try admin.perform(.addMember(name: "vi", logins: [login], role: .viewer))
    var member = try Desk.open(journal, user: "bo")
    try member.perform(.addAccount(slug: "oops", profile: AccountProfile(name: "Oops", tier: 3, owner: "bo")))
    try admin.perform(.addAccount(slug: "acme", profile: AccountProfile(name: "Acme", tier: 1, owner: "bo")))

    var viewer = try Desk.open(journal, user: "vi")
    XCTAssertThrowsError(try viewer.perform(.voidAccount(slug: "oops", reason: "mistake"))) { error in
      XCTAssertEqual(error as? DomainError, .viewerCannotWrite("vi"))
    }
    var stranger = try Desk.open(journal, user: "zed")
    XCTAssertThrowsError(try stranger.perform(.voidAccount(slug: "oops", reason: "mistake"))) { error in
      XCTAssertEqual(error as? DomainError, .notAMember("zed"))
    }
    try member.refresh()
    XCTAssertThrowsError(try member.perform(.voidAccount(slug: "acme", reason: "mistake"))) { error in
      XCTAssertEqual(error as? DomainError, .adminOnly(user: "bo", action: "void 'acme', which ana added"))
    }
    // A void of acme written by hand in bo's name: kept as a violation, acme stays.
    let records = try journal.append(by: "bo", at: .now()) { _ in
      [EventDraft(.accountVoided(.init(reason: "forged", date: self.monday)), account: "acme")]
    }.records
    try admin.refresh()
    XCTAssertNotNil(admin.book.accounts["acme"])
    XCTAssertEqual(admin.book.identityViolations.last?.seq, records.first?.seq)
    XCTAssertEqual(admin.book.identityViolations.filter { $0.seq == records.first?.seq }.count, 1)
    // A viewer's, by hand: named once, not applied.
    let byViewer = try journal.append(by: "vi", at: .now()) { _ in
      [EventDraft(.accountVoided(.init(reason: "forged", date: self.monday)), account: "oops")]
    }.records
    try admin.refresh()
    XCTAssertNotNil(admin.book.accounts["oops"])
    XCTAssertEqual(admin.book.identityViolations.filter { $0.seq == byViewer.first?.seq }.count, 1)

    try member.refresh()
    try member.perform(.voidAccount(slug: "oops", reason: "created by mistake"))
    try admin.refresh()
    XCTAssertEqual(admin.book.slugs, ["acme"])
    XCTAssertEqual(admin.book, Book.fold(try allRecords(of: journal)))
  }

  private func allRecords(of journal: Journal) throws -> [Record] {
    var records: [Record] = []
    _ = try journal.scan { records.append($0) }
    return records
  }
}
