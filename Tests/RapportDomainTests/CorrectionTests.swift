import RapportDomain
import RapportJournal
import XCTest

/// Amendments and retractions: new entries that name an old one; nothing is edited in place.
final class CorrectionTests: XCTestCase {
  let monday = day("2026-11-23")

  private func ledgerWithAccount() -> Ledger {
    var ledger = Ledger(today: monday)
    ledger.addAccount(owner: "bo")
    return ledger
  }

  private func touchpoint(_ ledger: Ledger, _ seq: Int) -> Touchpoint? {
    ledger.book.accounts["acme"]?.touchpoints.first { $0.meta.seq == seq }
  }

  // MARK: Amending

  func testAmendTouchpointSummaryDateAndKind() throws {
    var ledger = ledgerWithAccount()
    let seq = ledger.touch(.call, on: day("2026-11-20"), summary: "Talked about pricng")
    let first = ledger.must(.amend(seq: seq, changes: changes(("summary", .string("Talked about pricing")))))
    let second = ledger.must(
      .amend(seq: seq, changes: changes(("date", .string("2026-11-19")), ("kind", .string("meeting")))))
    let amended = try XCTUnwrap(touchpoint(ledger, seq))
    XCTAssertEqual(amended.summary, "Talked about pricing")
    XCTAssertEqual(amended.date, day("2026-11-19"))
    XCTAssertEqual(amended.kind, .meeting)
    XCTAssertEqual(amended.meta.seq, seq, "still the original entry")
    XCTAssertEqual(amended.meta.amendments, [first, second])
    XCTAssertEqual(ledger.account()?.touchpoints.count, 1, "no new touchpoint")
    let entry = try XCTUnwrap(ledger.book.timeline(of: "acme").first { $0.seq == seq })
    XCTAssertTrue(entry.isAmended)
    XCTAssertEqual(entry.day, day("2026-11-19"))
    XCTAssertEqual(entry.title, "meeting: Talked about pricing")
    XCTAssertEqual(ledger.records.last?.type, "entry.amended")
    XCTAssertEqual(ledger.records.last?.account, "acme", "a correction names the entry's account")
  }

  func testAmendOtherEntryTypes() throws {
    var ledger = ledgerWithAccount()
    let nps = ledger.must(.recordNPS(slug: "acme", score: 3, contact: nil, comment: nil, date: monday))
    let usage = ledger.must(.recordUsage(slug: "acme", value: 10, date: monday))
    let contact = ledger.must(.addContact(slug: "acme", name: "Dana", role: nil, email: nil, isSponsor: false))
    let qbr = ledger.must(.scheduleQBR(slug: "acme", date: day("2026-12-01")))
    let note = ledger.must(.noteValue(slug: "acme", text: "Saved time", date: monday))
    ledger.must(.amend(seq: nps, changes: changes(("score", .number(8)))))
    ledger.must(.amend(seq: usage, changes: changes(("value", .number(12.5)))))
    ledger.must(.amend(seq: contact, changes: changes(("role", .string("CFO")), ("sponsor", .bool(true)))))
    ledger.must(.amend(seq: qbr, changes: changes(("date", .string("2026-12-03")))))
    ledger.must(.amend(seq: note, changes: changes(("text", .string("Saved 12 hours")))))
    let account = try XCTUnwrap(ledger.account())
    XCTAssertEqual(account.npsResponses.first?.score, 8)
    XCTAssertEqual(account.usage.first?.value, 12.5)
    XCTAssertEqual(account.contacts.first?.role, "CFO")
    XCTAssertEqual(account.primarySponsor?.name, "Dana")
    XCTAssertEqual(account.qbrs.first?.date, day("2026-12-03"))
    XCTAssertEqual(account.valueNotes.first?.text, "Saved 12 hours")
  }

  func testAmendmentIsValidatedLikeTheOriginal() {
    var ledger = ledgerWithAccount()
    let tp = ledger.touch()
    let nps = ledger.must(.recordNPS(slug: "acme", score: 3, contact: nil, comment: nil, date: monday))
    guard
      case .invalidValue(let field, _, _)? = refusal(
        .amend(seq: tp, changes: changes(("date", .string("2026-02-30")))), in: ledger.book)
    else { return XCTFail("an impossible date must be refused") }
    XCTAssertEqual(field, "date")
    guard
      case .invalidValue(let scoreField, _, _)? = refusal(
        .amend(seq: nps, changes: changes(("score", .number(11)))), in: ledger.book)
    else { return XCTFail("NPS 11 must be refused") }
    XCTAssertEqual(scoreField, "score")
    XCTAssertEqual(refusal(.amend(seq: tp, changes: JSONObject()), in: ledger.book), .nothingToChange)
    XCTAssertEqual(touchpoint(ledger, tp)?.meta.amendments, [], "refused amendments leave no trace")
  }

  func testAmendingAFieldNotAmendableForTheType() {
    var ledger = ledgerWithAccount()
    let tp = ledger.touch()
    guard
      case .fieldNotAmendable(let field, let type, let allowed)? =
        refusal(.amend(seq: tp, changes: changes(("score", .number(3)))), in: ledger.book)
    else { return XCTFail("score is not a touchpoint field") }
    XCTAssertEqual(field, "score")
    XCTAssertEqual(type, "touchpoint.logged")
    XCTAssertTrue(allowed.contains("summary") && allowed.contains("date") && allowed.contains("kind"))

    ledger.must(.openTicket(slug: "acme", ticket: "T-1", severity: .low, date: monday))
    let close = ledger.must(.closeTicket(slug: "acme", ticket: "T-1", date: monday))
    guard
      case .fieldNotAmendable(let closeField, let closeType, let closeAllowed)? =
        refusal(.amend(seq: close, changes: changes(("ticket", .string("T-2")))), in: ledger.book)
    else { return XCTFail("a closing's ticket id is not amendable") }
    XCTAssertEqual(closeField, "ticket")
    XCTAssertEqual(closeType, "ticket.closed")
    XCTAssertEqual(closeAllowed, ["date"])
  }

  func testAccountOwnerAndStageRecordsAreNotCorrectable() {
    var ledger = Ledger(today: monday)
    let created = ledger.addAccount(owner: nil)
    let updated = ledger.must(.updateAccount(slug: "acme", profile: AccountProfile(name: "Acme Inc")))
    let owner = ledger.must(.assignOwner(slug: "acme", owner: "bo"))
    let handoff = ledger.must(.handOff(slug: "acme", to: "cy", note: nil))
    let stage = ledger.must(.changeStage(slug: "acme", stage: .activation))
    let cases = [
      (created, "account.created"), (updated, "account.updated"), (owner, "owner.assigned"), (handoff, "owner.handoff"),
      (stage, "stage.changed"),
    ]
    for (seq, expectedType) in cases {
      for command in [
        Command.amend(seq: seq, changes: changes(("name", .string("x")))), .retract(seq: seq, reason: nil),
      ] {
        guard case .notCorrectable(let refusedSeq, let type, let hint)? = refusal(command, in: ledger.book) else {
          XCTFail("\(expectedType) at \(seq) must not be correctable by \(command)")
          continue
        }
        XCTAssertEqual(refusedSeq, seq)
        XCTAssertEqual(type, expectedType)
        XCTAssertTrue(hint.contains("rapport"), "the hint says what to do instead: \(hint)")
      }
    }
    XCTAssertEqual(ledger.account()?.owner, "cy")
  }

  func testCorrectingAnUnknownEntry() {
    var ledger = ledgerWithAccount()
    let tp = ledger.touch()
    let amendment = ledger.must(.amend(seq: tp, changes: changes(("summary", .string("Better")))))
    XCTAssertEqual(
      refusal(.amend(seq: 999, changes: changes(("summary", .string("x")))), in: ledger.book), .unknownEntry(999))
    XCTAssertEqual(refusal(.retract(seq: 999, reason: nil), in: ledger.book), .unknownEntry(999))
    XCTAssertEqual(refusal(.retract(seq: 0, reason: nil), in: ledger.book), .unknownEntry(0))
    XCTAssertEqual(refusal(.retract(seq: 1, reason: nil), in: ledger.book), .unknownEntry(1), "journal.created")
    XCTAssertEqual(refusal(.retract(seq: amendment, reason: nil), in: ledger.book), .unknownEntry(amendment))
  }

  // MARK: Retracting

  func testRetractHidesFromTimelineUnlessAsked() throws {
    var ledger = ledgerWithAccount()
    let kept = ledger.touch(.call, summary: "Kept")
    let wrong = ledger.touch(.meeting, summary: "Wrong account")
    let retraction = ledger.must(.retract(seq: wrong, reason: " logged on the wrong account "), by: "cy")
    let visible = try ledger.book.timeline(of: "acme")
    XCTAssertTrue(visible.contains { $0.seq == kept })
    XCTAssertFalse(visible.contains { $0.seq == wrong })
    let all = try ledger.book.timeline(of: "acme", includingRetracted: true)
    let entry = try XCTUnwrap(all.first { $0.seq == wrong })
    XCTAssertTrue(entry.isRetracted)
    XCTAssertEqual(entry.retraction?.seq, retraction)
    XCTAssertEqual(entry.retraction?.reason, "logged on the wrong account")
    XCTAssertEqual(entry.retraction?.by, "cy")
    XCTAssertEqual(all.count, visible.count + 1)
    XCTAssertEqual(ledger.account()?.touchpoints.count, 2, "retracted entries stay in the book, marked")
    XCTAssertTrue(try XCTUnwrap(touchpoint(ledger, wrong)).meta.isRetracted)
  }

  func testRetractingTwiceIsRefused() {
    var ledger = ledgerWithAccount()
    let tp = ledger.touch()
    ledger.must(.retract(seq: tp, reason: nil))
    XCTAssertEqual(refusal(.retract(seq: tp, reason: nil), in: ledger.book), .alreadyRetracted(tp))
    guard
      case .notCorrectable(let seq, _, let hint)? = refusal(
        .amend(seq: tp, changes: changes(("summary", .string("x")))), in: ledger.book)
    else { return XCTFail("a retracted entry cannot be amended") }
    XCTAssertEqual(seq, tp)
    XCTAssertEqual(hint, "it is retracted")
  }

  func testLastMeaningfulTouchpointIgnoresRetracted() {
    var ledger = ledgerWithAccount()
    let early = ledger.touch(.call, on: day("2026-11-10"))
    let late = ledger.touch(.meeting, on: day("2026-11-20"))
    XCTAssertEqual(ledger.account()?.lastMeaningfulTouchpoint?.meta.seq, late)
    ledger.must(.retract(seq: late, reason: nil))
    XCTAssertEqual(ledger.account()?.lastMeaningfulTouchpoint?.meta.seq, early)
    ledger.must(.retract(seq: early, reason: nil))
    XCTAssertNil(ledger.account()?.lastMeaningfulTouchpoint)
  }

  func testRetractingTicketClosedReopensTheTicket() throws {
    var ledger = ledgerWithAccount()
    ledger.must(.openTicket(slug: "acme", ticket: "T-1", severity: .normal, date: day("2026-11-20")))
    let close = ledger.must(.closeTicket(slug: "acme", ticket: "T-1", date: monday))
    XCTAssertEqual(
      refusal(.openTicket(slug: "acme", ticket: "T-1", severity: .low, date: monday), in: ledger.book), nil)
    ledger.must(.retract(seq: close, reason: "closed by mistake"))
    XCTAssertEqual(ledger.account()?.tickets.first?.isOpen, true)
    XCTAssertEqual(
      refusal(.openTicket(slug: "acme", ticket: "T-1", severity: .low, date: monday), in: ledger.book),
      .ticketAlreadyOpen(account: "acme", ticket: "T-1"))
    XCTAssertFalse(try ledger.book.timeline(of: "acme").contains { $0.kind == "ticket-closed" })
    // And it can be closed again.
    ledger.must(.closeTicket(slug: "acme", ticket: "T-1", date: monday.adding(days: 1)))
    XCTAssertEqual(ledger.account()?.tickets.first?.isOpen, false)
    XCTAssertEqual(ledger.account()?.tickets.first?.closing?.day, monday.adding(days: 1))
  }

  func testAmendTicketClosedDate() {
    var ledger = ledgerWithAccount()
    ledger.must(.openTicket(slug: "acme", ticket: "T-1", severity: .normal, date: day("2026-11-20")))
    let close = ledger.must(.closeTicket(slug: "acme", ticket: "T-1", date: monday))
    let amendment = ledger.must(.amend(seq: close, changes: changes(("date", .string("2026-11-21")))))
    XCTAssertEqual(ledger.account()?.tickets.first?.closing?.day, day("2026-11-21"))
    XCTAssertEqual(ledger.account()?.tickets.first?.closing?.meta.amendments, [amendment])
    XCTAssertEqual(ledger.account()?.tickets.first?.isOpen, false)
  }

  func testRetractingTicketOpenedHidesIt() {
    var ledger = ledgerWithAccount()
    let open = ledger.must(.openTicket(slug: "acme", ticket: "T-1", severity: .normal, date: monday))
    ledger.must(.retract(seq: open, reason: nil))
    XCTAssertEqual(
      refusal(.closeTicket(slug: "acme", ticket: "T-1", date: monday), in: ledger.book),
      .unknownTicket(account: "acme", ticket: "T-1"))
    ledger.must(.openTicket(slug: "acme", ticket: "T-1", severity: .high, date: monday))
    XCTAssertEqual(ledger.account()?.tickets.map(\.meta.isRetracted), [true, false])
  }

  func testRetractingCriterionMetMakesItUnmet() {
    var ledger = ledgerWithAccount()
    ledger.must(.addCriterion(slug: "acme", text: "SSO live", target: nil))
    let met = ledger.must(.meetCriterion(slug: "acme", number: 1, date: monday))
    XCTAssertEqual(ledger.account()?.criteria.first?.isMet, true)
    ledger.must(.retract(seq: met, reason: nil))
    XCTAssertEqual(ledger.account()?.criteria.first?.isMet, false)
    XCTAssertEqual(refusal(.retract(seq: met, reason: nil), in: ledger.book), .alreadyRetracted(met))
    ledger.must(.meetCriterion(slug: "acme", number: 1, date: monday.adding(days: 2)))
    XCTAssertEqual(ledger.account()?.criteria.first?.isMet, true)
    XCTAssertEqual(ledger.account()?.criteria.first?.meeting?.day, monday.adding(days: 2))
  }

  func testRetractedCriterionKeepsItsNumber() {
    var ledger = ledgerWithAccount()
    let first = ledger.must(.addCriterion(slug: "acme", text: "One", target: nil))
    ledger.must(.retract(seq: first, reason: nil))
    ledger.must(.addCriterion(slug: "acme", text: "Two", target: nil))
    XCTAssertEqual(ledger.account()?.criteria.map(\.number), [1, 2], "numbers are never reused")
    XCTAssertEqual(
      refusal(.meetCriterion(slug: "acme", number: 1, date: monday), in: ledger.book),
      .unknownCriterion(account: "acme", number: 1))
  }

  func testRetractingTaskAndCompletion() {
    var ledger = ledgerWithAccount()
    let id = ledger.must(.addTask(slug: "acme", text: "Send notes", due: monday, owner: nil))
    let done = ledger.must(.completeTask(id: id, date: monday))
    ledger.must(.retract(seq: done, reason: nil))
    XCTAssertEqual(ledger.book.tasks[id]?.isDone, false)
    ledger.must(.retract(seq: id, reason: "duplicate"))
    XCTAssertEqual(ledger.book.tasks[id]?.meta.isRetracted, true)
    XCTAssertEqual(refusal(.completeTask(id: id, date: monday), in: ledger.book), .unknownTask(id))
  }

  func testAmendAndRetractATask() {
    var ledger = ledgerWithAccount()
    let id = ledger.must(.addTask(slug: "acme", text: "Send notes", due: monday, owner: nil))
    ledger.must(.amend(seq: id, changes: changes(("due", .string("2026-11-30")), ("owner", .string("cy")))))
    XCTAssertEqual(ledger.book.tasks[id]?.due, day("2026-11-30"))
    XCTAssertEqual(ledger.book.tasks[id]?.owner, "cy")
    XCTAssertEqual(ledger.book.tasks[id]?.text, "Send notes")
    guard
      case .fieldNotAmendable(let field, let type, _)? =
        refusal(.amend(seq: id, changes: changes(("account", .string("beta")))), in: ledger.book)
    else { return XCTFail("a task cannot be moved to another account by amendment") }
    XCTAssertEqual(field, "account")
    XCTAssertEqual(type, "task.created")
  }
}
