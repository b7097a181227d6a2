import RapportDomain
import RapportJournal
import XCTest

/// `Book(asOf:)`: the fold cut at a day, by the day an event happened (its `date`), else the day it was
/// recorded; corrections of kept entries always apply.
final class AsOfTests: XCTestCase {
  let cutoff = day("2026-11-10")

  /// acme created Nov 1; touchpoints on Nov 5 (logged late, Nov 25), Nov 10 and Nov 20; a stage change
  /// recorded Nov 12; beta created Nov 15 with a touchpoint backdated to Nov 8.
  private func history() -> (ledger: Ledger, seqs: [String: Int]) {
    var ledger = Ledger(today: day("2026-11-01"))
    var seqs: [String: Int] = [:]
    ledger.addAccount("acme", owner: "bo")
    ledger.must(.recordUsage(slug: "acme", value: 100, date: day("2026-11-01")))
    ledger.today = day("2026-11-10")
    seqs["onCutoff"] = ledger.touch(.call, on: day("2026-11-10"), summary: "On the cutoff")
    ledger.must(.openTicket(slug: "acme", ticket: "T-1", severity: .high, date: day("2026-11-10")))
    ledger.today = day("2026-11-12")
    ledger.must(.changeStage(slug: "acme", stage: .activation))
    ledger.must(.closeTicket(slug: "acme", ticket: "T-1", date: day("2026-11-12")))
    ledger.today = day("2026-11-15")
    ledger.addAccount("beta", name: "Beta", owner: "cy")
    ledger.touch(.call, on: day("2026-11-08"), summary: "Before beta existed", slug: "beta")
    ledger.today = day("2026-11-20")
    seqs["after"] = ledger.touch(.meeting, on: day("2026-11-20"), summary: "After the cutoff")
    ledger.today = day("2026-11-25")
    seqs["backdated"] = ledger.touch(.email, on: day("2026-11-05"), summary: "Logged late")
    return (ledger, seqs)
  }

  func testEventsAfterTheCutoffAreLeftOutAndOnItKept() throws {
    let (ledger, seqs) = history()
    let past = Book.fold(ledger.records, asOf: cutoff)
    XCTAssertEqual(past.cutoff, cutoff)
    XCTAssertEqual(past.anomalies, [])
    let acme = try past.account("acme")
    XCTAssertEqual(Set(acme.touchpoints.map(\.meta.seq)), [seqs["onCutoff"]!, seqs["backdated"]!])
    XCTAssertEqual(acme.lastMeaningfulTouchpoint?.meta.seq, seqs["onCutoff"])
    XCTAssertEqual(acme.stage, .onboarding, "the stage change was recorded after the cutoff")
    XCTAssertTrue(acme.stageChanges.isEmpty)
    XCTAssertEqual(acme.tickets.count, 1)
    XCTAssertTrue(acme.tickets[0].isOpen, "closed after the cutoff")
    XCTAssertEqual(acme.usage.count, 1)

    let now = Book.fold(ledger.records)
    XCTAssertEqual(try now.account("acme").touchpoints.count, 3)
    XCTAssertEqual(try now.account("acme").stage, .activation)
  }

  func testAnAccountCreatedAfterTheCutoffIsAbsentWithoutAnomalies() throws {
    let (ledger, _) = history()
    let past = Book.fold(ledger.records, asOf: cutoff)
    XCTAssertNil(past.accounts["beta"])
    XCTAssertEqual(past.slugs, ["acme"])
    XCTAssertEqual(past.anomalies, [], "beta's backdated touchpoint is simply not there yet")
    XCTAssertThrowsError(try past.timeline(of: "beta"))
    let later = Book.fold(ledger.records, asOf: day("2026-11-15"))
    XCTAssertEqual(later.slugs, ["acme", "beta"])
  }

  func testTheCutoffDayIsIncluded() throws {
    let (ledger, seqs) = history()
    let dayBefore = Book.fold(ledger.records, asOf: day("2026-11-09"))
    XCTAssertEqual(try dayBefore.account("acme").touchpoints.map(\.meta.seq), [seqs["backdated"]!])
    XCTAssertEqual(try dayBefore.account("acme").tickets.count, 0)
    let onDay = Book.fold(ledger.records, asOf: cutoff)
    XCTAssertTrue(try onDay.account("acme").touchpoints.contains { $0.meta.seq == seqs["onCutoff"] })
    let beforeEverything = Book.fold(ledger.records, asOf: day("2026-10-31"))
    XCTAssertTrue(beforeEverything.accounts.isEmpty)
    XCTAssertEqual(beforeEverything.anomalies, [])
  }

  func testALaterRetractionOfAKeptEntryStillApplies() throws {
    let (base, seqs) = history()
    var ledger = base
    ledger.today = day("2026-11-30")
    let retraction = ledger.must(.retract(seq: seqs["onCutoff"]!, reason: "wrong account"))
    let past = Book.fold(ledger.records, asOf: cutoff)
    XCTAssertEqual(past.anomalies, [])
    let acme = try past.account("acme")
    let touchpoint = try XCTUnwrap(acme.touchpoints.first { $0.meta.seq == seqs["onCutoff"] })
    XCTAssertEqual(touchpoint.meta.retraction?.seq, retraction)
    XCTAssertEqual(acme.lastMeaningfulTouchpoint?.meta.seq, seqs["backdated"], "what we know now about that day")
    XCTAssertFalse(try past.timeline(of: "acme").contains { $0.seq == seqs["onCutoff"] })
  }

  func testALaterAmendmentOfAKeptEntryStillApplies() throws {
    let (base, seqs) = history()
    var ledger = base
    ledger.today = day("2026-11-30")
    ledger.must(.amend(seq: seqs["onCutoff"]!, changes: changes(("summary", .string("Corrected")))))
    let past = Book.fold(ledger.records, asOf: cutoff)
    XCTAssertEqual(past.anomalies, [])
    XCTAssertEqual(try past.account("acme").touchpoints.first { $0.meta.seq == seqs["onCutoff"] }?.summary, "Corrected")
  }

  func testApplyingRecordsOneByOneMatchesFold() throws {
    let (ledger, _) = history()
    var book = Book(asOf: cutoff)
    for record in ledger.records { book.apply(record) }
    XCTAssertEqual(book.allAccounts, Book.fold(ledger.records, asOf: cutoff).allAccounts)
  }
}
