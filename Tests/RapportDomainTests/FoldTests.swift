import RapportDomain
import RapportJournal
import XCTest

/// Every event type, from command to folded state.
final class FoldTests: XCTestCase {
  let monday = day("2026-11-23")

  func testAccountCreatedWithDefaults() throws {
    var ledger = Ledger(today: monday)
    let seq = ledger.must(.addAccount(slug: "acme", profile: AccountProfile(name: "  Acme Corp ", tier: 2)))
    let account = try XCTUnwrap(ledger.account())
    XCTAssertEqual(account.slug, "acme")
    XCTAssertEqual(account.name, "Acme Corp")
    XCTAssertEqual(account.tier, 2)
    XCTAssertEqual(account.stage, .onboarding)
    XCTAssertNil(account.owner)
    XCTAssertNil(account.manager)
    XCTAssertNil(account.signed)
    XCTAssertNil(account.renewal)
    XCTAssertNil(account.value)
    XCTAssertEqual(account.created.seq, seq)
    XCTAssertEqual(account.created.recordedBy, "ana")
    XCTAssertEqual(account.createdDay, monday)
    XCTAssertTrue(account.ownerChanges.isEmpty)
    XCTAssertTrue(account.stageChanges.isEmpty)
    XCTAssertEqual(ledger.book.slugs, ["acme"])
    XCTAssertEqual(ledger.book.lastSeq, seq)
    XCTAssertEqual(ledger.book.journalID, ledger.records[0].id)
    XCTAssertTrue(ledger.book.anomalies.isEmpty)
  }

  func testAccountCreatedWithFullProfile() throws {
    var ledger = Ledger(today: monday)
    let profile = AccountProfile(
      name: "東京ロボティクス株式会社", tier: 1, stage: .growth, owner: "bo", manager: "cy", signed: day("2026-01-15"),
      renewal: day("2027-01-15"), value: Money(parsing: "120k"))
    ledger.must(.addAccount(slug: "tokyo-robotics", profile: profile))
    ledger.addAccount("beta", name: "Beta", tier: 3, owner: nil)
    let account = try XCTUnwrap(ledger.account("tokyo-robotics"))
    XCTAssertEqual(account.name, "東京ロボティクス株式会社")
    XCTAssertEqual(account.tier, 1)
    XCTAssertEqual(account.stage, .growth)
    XCTAssertEqual(account.owner, "bo")
    XCTAssertEqual(account.manager, "cy")
    XCTAssertEqual(account.signed, day("2026-01-15"))
    XCTAssertEqual(account.renewal, day("2027-01-15"))
    XCTAssertEqual(account.value, Money(cents: 12_000_000))
    XCTAssertEqual(ledger.book.allAccounts.map(\.slug), ["tokyo-robotics", "beta"], "creation order")
  }

  func testAccountUpdatedChangesProfileFields() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount(tier: 3, owner: nil)
    let profile = AccountProfile(
      name: "Acme Inc", tier: 2, manager: "cy", signed: day("2026-02-01"), renewal: day("2027-02-01"),
      value: Money(parsing: "1.5m"))
    let records = try ledger.run(.updateAccount(slug: "acme", profile: profile))
    XCTAssertEqual(records.map(\.type), ["account.updated"])
    let account = try XCTUnwrap(ledger.account())
    XCTAssertEqual(account.name, "Acme Inc")
    XCTAssertEqual(account.tier, 2)
    XCTAssertEqual(account.manager, "cy")
    XCTAssertEqual(account.signed, day("2026-02-01"))
    XCTAssertEqual(account.renewal, day("2027-02-01"))
    XCTAssertEqual(account.value, Money(cents: 150_000_000))
    XCTAssertEqual(account.stage, .onboarding, "untouched")
    XCTAssertNil(account.owner, "untouched")
  }

  func testAccountSetWithOwnerAndStageEmitsOneBatch() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount(tier: 3, owner: nil)
    let records = try ledger.run(
      .updateAccount(slug: "acme", profile: AccountProfile(name: "Acme Inc", stage: .activation, owner: "bo")))
    XCTAssertEqual(records.map(\.type), ["account.updated", "owner.assigned", "stage.changed"])
    XCTAssertEqual(records.map { $0.batch?.index }, [1, 2, 3])
    XCTAssertEqual(records.map { $0.batch?.size }, [3, 3, 3])
    let account = try XCTUnwrap(ledger.account())
    XCTAssertEqual(account.name, "Acme Inc")
    XCTAssertEqual(account.owner, "bo")
    XCTAssertEqual(account.stage, .activation)
    XCTAssertEqual(account.ownerChanges.count, 1)
    XCTAssertNil(account.ownerChanges[0].from)
    XCTAssertEqual(account.ownerChanges[0].to, "bo")
    XCTAssertFalse(account.ownerChanges[0].isHandoff)
    XCTAssertEqual(account.stageChanges.map(\.from), [.onboarding])
    XCTAssertEqual(account.stageChanges.map(\.to), [.activation])

    // Only owner and stage: no account.updated at all.
    let second = try ledger.run(.updateAccount(slug: "acme", profile: AccountProfile(stage: .growth, owner: "cy")))
    XCTAssertEqual(second.map(\.type), ["owner.assigned", "stage.changed"])
    XCTAssertEqual(ledger.account()?.owner, "cy")
    XCTAssertEqual(ledger.account()?.stage, .growth)
  }

  func testOwnerAssigned() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount(owner: nil)
    let seq = ledger.must(.assignOwner(slug: "acme", owner: "bo"))
    let account = try XCTUnwrap(ledger.account())
    XCTAssertEqual(account.owner, "bo")
    let change = try XCTUnwrap(account.ownerChanges.last)
    XCTAssertEqual(change.meta.seq, seq)
    XCTAssertNil(change.from)
    XCTAssertEqual(change.to, "bo")
    XCTAssertFalse(change.isHandoff)
    XCTAssertNil(change.note)
    XCTAssertEqual(change.day, monday)
  }

  func testHandoffRecordsOldAndNewOwner() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount(owner: "bo")
    let seq = ledger.must(.handOff(slug: "acme", to: "cy", note: "  Bo moves to EMEA "))
    let account = try XCTUnwrap(ledger.account())
    XCTAssertEqual(account.owner, "cy")
    let change = try XCTUnwrap(account.ownerChanges.last)
    XCTAssertEqual(change.meta.seq, seq)
    XCTAssertEqual(change.from, "bo")
    XCTAssertEqual(change.to, "cy")
    XCTAssertTrue(change.isHandoff)
    XCTAssertEqual(change.note, "Bo moves to EMEA")
    let entry = try XCTUnwrap(ledger.book.timeline(of: "acme").first { $0.seq == seq })
    XCTAssertEqual(entry.kind, "handoff")
    XCTAssertEqual(entry.detail, "Bo moves to EMEA")
  }

  func testStageChanged() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount()
    ledger.must(.changeStage(slug: "acme", stage: .activation))
    ledger.today = monday.adding(days: 30)
    ledger.must(.changeStage(slug: "acme", stage: .churned))
    let account = try XCTUnwrap(ledger.account())
    XCTAssertEqual(account.stage, .churned)
    XCTAssertEqual(account.stageChanges.map(\.from), [.onboarding, .activation])
    XCTAssertEqual(account.stageChanges.map(\.to), [.activation, .churned])
    XCTAssertEqual(account.stageChanges.map(\.day), [monday, monday.adding(days: 30)])
  }

  func testContactAdded() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount()
    ledger.must(.addContact(slug: "acme", name: " Dana Lee ", role: "CFO", email: "dana@example.com", isSponsor: true))
    ledger.must(.addContact(slug: "acme", name: "Sam Ortiz", role: nil, email: nil, isSponsor: false))
    let account = try XCTUnwrap(ledger.account())
    XCTAssertEqual(account.contacts.map(\.name), ["Dana Lee", "Sam Ortiz"])
    XCTAssertEqual(account.contacts[0].role, "CFO")
    XCTAssertEqual(account.contacts[0].email, "dana@example.com")
    XCTAssertTrue(account.contacts[0].isSponsor)
    XCTAssertNil(account.contacts[1].role)
    XCTAssertFalse(account.contacts[1].isSponsor)
    XCTAssertEqual(account.primarySponsor?.name, "Dana Lee")
  }

  func testTouchpointLogged() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount()
    let input = TouchpointInput(
      kind: .meeting, date: day("2026-11-20"), summary: " Reviewed adoption ", participants: ["Dana Lee", "  "],
      outcome: "Agreed on phase 2")
    let seq = ledger.must(.logTouchpoint(slug: "acme", input))
    let touchpoint = try XCTUnwrap(ledger.account()?.touchpoints.first)
    XCTAssertEqual(touchpoint.meta.seq, seq)
    XCTAssertEqual(touchpoint.kind, .meeting)
    XCTAssertEqual(touchpoint.date, day("2026-11-20"), "the day it happened, not the day it was logged")
    XCTAssertEqual(touchpoint.summary, "Reviewed adoption")
    XCTAssertEqual(touchpoint.participants, ["Dana Lee"])
    XCTAssertEqual(touchpoint.outcome, "Agreed on phase 2")
    XCTAssertTrue(touchpoint.isMeaningful)
    XCTAssertEqual(ledger.account()?.lastMeaningfulTouchpoint?.meta.seq, seq)
  }

  func testEveryKindButNoteIsMeaningfulByDefault() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount()
    for kind in TouchpointKind.allCases { ledger.touch(kind, summary: kind.label) }
    let touchpoints = try XCTUnwrap(ledger.account()?.touchpoints)
    XCTAssertEqual(touchpoints.count, TouchpointKind.allCases.count)
    for touchpoint in touchpoints {
      XCTAssertEqual(touchpoint.isMeaningful, touchpoint.kind != .note, "\(touchpoint.kind)")
    }
  }

  func testMeaningfulCanBeOverridden() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount()
    let call = ledger.touch(.call, on: day("2026-11-10"))
    let note = ledger.touch(.note, on: day("2026-11-18"))
    XCTAssertEqual(ledger.account()?.lastMeaningfulTouchpoint?.meta.seq, call, "a later note is not a check-in")
    let meaningfulNote = ledger.touch(.note, on: day("2026-11-19"), meaningful: true)
    let idleCall = ledger.touch(.call, on: day("2026-11-21"), meaningful: false)
    let account = try XCTUnwrap(ledger.account())
    XCTAssertEqual(account.lastMeaningfulTouchpoint?.meta.seq, meaningfulNote)
    XCTAssertFalse(try XCTUnwrap(account.touchpoints.first { $0.meta.seq == note }).isMeaningful)
    XCTAssertFalse(try XCTUnwrap(account.touchpoints.first { $0.meta.seq == idleCall }).isMeaningful)
    let timelineNote = try XCTUnwrap(ledger.book.timeline(of: "acme").first { $0.seq == note })
    XCTAssertEqual(timelineNote.detail, "not a check-in")
  }

  func testLastMeaningfulTouchpointIsByDateNotByLoggingOrder() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount()
    let recent = ledger.touch(.call, on: day("2026-11-20"))
    ledger.touch(.meeting, on: day("2026-11-02"))  // logged later, happened earlier
    XCTAssertEqual(ledger.account()?.lastMeaningfulTouchpoint?.meta.seq, recent)
  }

  func testTouchpointWithFollowUpCreatesLinkedTask() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount(owner: "bo")
    let input = TouchpointInput(
      kind: .call, date: monday, summary: "Pricing questions",
      followUp: .init(text: "Send the pricing deck", due: monday.adding(days: 3)))
    let records = try ledger.run(.logTouchpoint(slug: "acme", input))
    XCTAssertEqual(records.map(\.type), ["touchpoint.logged", "task.created"])
    XCTAssertEqual(records.map { $0.batch?.size }, [2, 2])
    let task = try XCTUnwrap(ledger.book.tasks[records[1].seq])
    XCTAssertEqual(task.id, records[1].seq)
    XCTAssertEqual(task.followsTouchpoint, records[0].seq)
    XCTAssertEqual(task.account, "acme")
    XCTAssertEqual(task.text, "Send the pricing deck")
    XCTAssertEqual(task.due, monday.adding(days: 3))
    XCTAssertEqual(task.owner, "bo", "the account's owner by default")
    XCTAssertFalse(task.isDone)
    XCTAssertEqual(ledger.account()?.taskIDs, [task.id])

    let owned = TouchpointInput(
      kind: .email, date: monday, summary: "Intro",
      followUp: .init(text: "Book a demo", due: monday.adding(days: 7), owner: "cy"))
    let second = try ledger.run(.logTouchpoint(slug: "acme", owned))
    XCTAssertEqual(ledger.book.tasks[second[1].seq]?.owner, "cy")
    XCTAssertEqual(ledger.book.tasks[second[1].seq]?.followsTouchpoint, second[0].seq)
  }

  func testPlainTaskIsNotAFollowUp() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount(owner: nil)
    ledger.touch()
    let id = ledger.must(.addTask(slug: "acme", text: "Prepare renewal", due: monday.adding(days: 10), owner: nil))
    let task = try XCTUnwrap(ledger.book.tasks[id])
    XCTAssertNil(task.followsTouchpoint)
    XCTAssertEqual(task.owner, "ana", "no owner: the user who typed it")
  }

  func testTaskCreatedAndCompleted() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount(owner: "bo")
    let id = ledger.must(.addTask(slug: "acme", text: "Prepare renewal", due: day("2026-12-01"), owner: nil))
    let other = ledger.must(.addTask(slug: "acme", text: "Ask for referral", due: day("2026-12-05"), owner: "cy"))
    XCTAssertEqual(ledger.book.tasks[id]?.id, id, "a task's id is its record's seq")
    XCTAssertEqual(ledger.book.tasks[id]?.owner, "bo")
    XCTAssertEqual(ledger.book.tasks[other]?.owner, "cy")
    XCTAssertEqual(ledger.account()?.taskIDs, [id, other])
    ledger.today = monday.adding(days: 2)
    let done = ledger.must(.completeTask(id: id, date: monday.adding(days: 1)))
    let task = try XCTUnwrap(ledger.book.tasks[id])
    XCTAssertTrue(task.isDone)
    XCTAssertEqual(task.completion?.day, monday.adding(days: 1))
    XCTAssertEqual(task.completion?.meta.seq, done)
    XCTAssertEqual(ledger.records.last?.account, "acme", "the completion names the task's account")
    XCTAssertFalse(try XCTUnwrap(ledger.book.tasks[other]).isDone)
  }

  func testNPSRecorded() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount()
    ledger.must(.recordNPS(slug: "acme", score: 4, contact: "Dana Lee", comment: "Too slow", date: day("2026-11-20")))
    ledger.must(.recordNPS(slug: "acme", score: 10, contact: nil, comment: "  ", date: monday))
    let responses = try XCTUnwrap(ledger.account()?.npsResponses)
    XCTAssertEqual(responses.map(\.score), [4, 10])
    XCTAssertEqual(responses[0].contact, "Dana Lee")
    XCTAssertEqual(responses[0].comment, "Too slow")
    XCTAssertEqual(responses[0].date, day("2026-11-20"))
    XCTAssertTrue(responses[0].isDetractor)
    XCTAssertTrue(responses[1].isPromoter)
    XCTAssertNil(responses[1].comment, "a blank comment is no comment")
  }

  func testUsageRecordedButNotInTimeline() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount()
    let seq = ledger.must(.recordUsage(slug: "acme", value: 120.5, date: day("2026-11-22")))
    ledger.must(.recordUsage(slug: "acme", value: 0, date: monday))
    let usage = try XCTUnwrap(ledger.account()?.usage)
    XCTAssertEqual(usage.map(\.value), [120.5, 0])
    XCTAssertEqual(usage[0].date, day("2026-11-22"))
    XCTAssertFalse(try ledger.book.timeline(of: "acme").contains { $0.seq == seq }, "usage is a trend, not history")
  }

  func testTicketOpenedClosedAndReopened() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount()
    ledger.must(.openTicket(slug: "acme", ticket: "T-1", severity: .high, date: day("2026-11-20")))
    var ticket = try XCTUnwrap(ledger.account()?.tickets.first)
    XCTAssertEqual(ticket.ticket, "T-1")
    XCTAssertEqual(ticket.severity, .high)
    XCTAssertEqual(ticket.opened, day("2026-11-20"))
    XCTAssertTrue(ticket.isOpen)
    let close = ledger.must(.closeTicket(slug: "acme", ticket: "T-1", date: monday))
    ticket = try XCTUnwrap(ledger.account()?.tickets.first)
    XCTAssertFalse(ticket.isOpen)
    XCTAssertEqual(ticket.closing?.day, monday)
    XCTAssertEqual(ticket.closing?.meta.seq, close)
    // The same id may be opened again once closed: a new ticket.
    ledger.must(.openTicket(slug: "acme", ticket: "T-1", severity: .low, date: monday))
    let tickets = try XCTUnwrap(ledger.account()?.tickets)
    XCTAssertEqual(tickets.count, 2)
    XCTAssertEqual(tickets.map(\.isOpen), [false, true])
    let kinds = try ledger.book.timeline(of: "acme").map(\.kind)
    XCTAssertEqual(kinds.filter { $0 == "ticket-opened" }.count, 2)
    XCTAssertEqual(kinds.filter { $0 == "ticket-closed" }.count, 1)
  }

  func testCriteriaNumberedPerAccountAndMet() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount("acme")
    ledger.addAccount("beta", name: "Beta")
    for text in ["50% of seats active", "SSO live", "First report shipped"] {
      ledger.must(.addCriterion(slug: "acme", text: text, target: monday.adding(days: 30)))
    }
    ledger.must(.addCriterion(slug: "beta", text: "Data migrated", target: nil))
    XCTAssertEqual(ledger.account("acme")?.criteria.map(\.number), [1, 2, 3])
    XCTAssertEqual(ledger.account("beta")?.criteria.map(\.number), [1])
    XCTAssertEqual(ledger.account("acme")?.criteria[1].text, "SSO live")
    XCTAssertEqual(ledger.account("acme")?.criteria[1].target, monday.adding(days: 30))
    XCTAssertNil(ledger.account("beta")?.criteria[0].target)

    let met = ledger.must(.meetCriterion(slug: "acme", number: 2, date: day("2026-11-22")))
    let criteria = try XCTUnwrap(ledger.account("acme")?.criteria)
    XCTAssertEqual(criteria.map(\.isMet), [false, true, false])
    XCTAssertEqual(criteria[1].meeting?.day, day("2026-11-22"))
    XCTAssertEqual(criteria[1].meeting?.meta.seq, met)
    XCTAssertEqual(ledger.account("beta")?.criteria.map(\.isMet), [false])
  }

  func testValueNoted() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount()
    ledger.must(.noteValue(slug: "acme", text: "Saved 12 hours this month", date: day("2026-11-20")))
    let note = try XCTUnwrap(ledger.account()?.valueNotes.first)
    XCTAssertEqual(note.text, "Saved 12 hours this month")
    XCTAssertEqual(note.date, day("2026-11-20"))
  }

  func testQBRScheduled() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount()
    ledger.must(.scheduleQBR(slug: "acme", date: day("2026-12-10")))
    XCTAssertEqual(ledger.account()?.qbrs.map(\.date), [day("2026-12-10")])
  }

  func testTimelineIsNewestFirstAndCoversEveryKind() throws {
    var ledger = Ledger(today: day("2026-11-01"))
    ledger.addAccount(owner: nil)
    ledger.today = day("2026-11-02")
    ledger.must(.assignOwner(slug: "acme", owner: "bo"))
    ledger.must(.addContact(slug: "acme", name: "Dana", role: nil, email: nil, isSponsor: true))
    ledger.must(.addCriterion(slug: "acme", text: "SSO live", target: nil))
    ledger.today = day("2026-11-05")
    ledger.touch(.welcomeCall, on: day("2026-11-03"))
    ledger.must(.recordNPS(slug: "acme", score: 9, contact: nil, comment: nil, date: day("2026-11-05")))
    ledger.must(.openTicket(slug: "acme", ticket: "T-9", severity: .urgent, date: day("2026-11-05")))
    ledger.today = day("2026-11-10")
    ledger.must(.closeTicket(slug: "acme", ticket: "T-9", date: day("2026-11-10")))
    ledger.must(.meetCriterion(slug: "acme", number: 1, date: day("2026-11-10")))
    ledger.must(.noteValue(slug: "acme", text: "SSO saved a week", date: day("2026-11-10")))
    ledger.must(.scheduleQBR(slug: "acme", date: day("2026-12-01")))
    let task = ledger.must(.addTask(slug: "acme", text: "Agenda", due: day("2026-11-28"), owner: nil))
    ledger.must(.completeTask(id: task, date: day("2026-11-11")))
    ledger.today = day("2026-11-12")
    ledger.must(.handOff(slug: "acme", to: "cy", note: nil))
    ledger.must(.changeStage(slug: "acme", stage: .activation))

    let timeline = try ledger.book.timeline(of: "acme")
    XCTAssertEqual(
      Set(timeline.map(\.kind)),
      [
        "account", "owner", "contact", "criterion-added", "touchpoint", "nps", "ticket-opened", "ticket-closed",
        "criterion-met", "value", "qbr", "task", "task-done", "handoff", "stage",
      ])
    XCTAssertEqual(timeline.first?.kind, "stage")
    XCTAssertEqual(timeline.last?.kind, "account")
    for (newer, older) in zip(timeline, timeline.dropFirst()) {
      XCTAssertTrue((newer.day, newer.seq) > (older.day, older.seq), "\(newer.title) before \(older.title)")
    }
    XCTAssertEqual(timeline.first { $0.kind == "touchpoint" }?.day, day("2026-11-03"))
    XCTAssertTrue(timeline.allSatisfy { !$0.isRetracted && !$0.isAmended })
  }

  func testTimelineOfUnknownAccountThrows() {
    let ledger = Ledger(today: monday)
    XCTAssertThrowsError(try ledger.book.timeline(of: "nope")) { error in
      XCTAssertEqual(error as? DomainError, .unknownAccount("nope"))
    }
  }
}

/// Records the fold cannot apply become anomalies; the fold never traps.
final class AnomalyTests: XCTestCase {
  let monday = day("2026-11-23")

  func testUnapplicableRecordsBecomeAnomalies() throws {
    var ledger = Ledger(today: monday)
    ledger.addAccount()
    let unknownType = ledger.append([EventDraft(type: "mystery.happened", account: "acme")], by: "ana")[0].seq
    let unknownAccount = ledger.append(
      [
        EventDraft(
          type: "usage.recorded", account: "ghost",
          data: JSONObject([("value", .number(1)), ("date", .string("2026-11-23"))]))
      ],
      by: "ana")[0].seq
    let badDate = ledger.append(
      [
        EventDraft(
          type: "usage.recorded", account: "acme",
          data: JSONObject([("value", .number(1)), ("date", .string("2026-02-30"))]))
      ],
      by: "ana")[0].seq
    let hugeValue = ledger.append(
      [EventDraft(type: "account.updated", account: "acme", data: JSONObject([("value", .number(1e300))]))], by: "ana")[
        0
      ].seq
    let duplicate = ledger.append(
      [
        EventDraft(
          type: "account.created", account: "acme",
          data: JSONObject([("name", .string("Again")), ("tier", .number(2))]))
      ],
      by: "ana")[0].seq
    XCTAssertEqual(ledger.book.anomalies.map(\.seq), [unknownAccount, badDate, hugeValue, duplicate])
    // A type of a newer version is no anomaly: it is kept, and shown as such in its account's timeline.
    XCTAssertEqual(ledger.book.unknownEvents.map(\.meta.seq), [unknownType])
    let shown = try ledger.book.timeline(of: "acme").first { $0.seq == unknownType }
    XCTAssertEqual(shown?.kind, "unknown")
    XCTAssertTrue(shown?.title.contains("mystery.happened") == true, shown?.title ?? "not shown")
    XCTAssertEqual(ledger.account()?.name, "Acme Corp", "the duplicate did not overwrite the account")
    XCTAssertNil(ledger.account()?.value)
    XCTAssertEqual(ledger.account()?.usage.count, 0)
    XCTAssertEqual(ledger.book.lastSeq, duplicate)
  }
}
