import RapportDomain
import RapportJournal
import XCTest

/// What `Command.drafts(in:by:)` refuses, and with which error, before anything is written.
final class CommandValidationTests: XCTestCase {
  let monday = day("2026-11-23")

  private func ledgerWithAccount(owner: String? = "bo") -> Ledger {
    var ledger = Ledger(today: monday)
    ledger.addAccount(owner: owner)
    return ledger
  }

  func testUnknownAccountIsRefusedByEveryAccountCommand() {
    let book = ledgerWithAccount().book
    let commands: [Command] = [
      .updateAccount(slug: "nope", profile: AccountProfile(name: "X")),
      .assignOwner(slug: "nope", owner: "bo"),
      .handOff(slug: "nope", to: "cy", note: nil),
      .changeStage(slug: "nope", stage: .growth),
      .addContact(slug: "nope", name: "Dana", role: nil, email: nil, isSponsor: false),
      .logTouchpoint(slug: "nope", TouchpointInput(kind: .call, date: monday, summary: "x")),
      .recordNPS(slug: "nope", score: 9, contact: nil, comment: nil, date: monday),
      .recordUsage(slug: "nope", value: 1, date: monday),
      .openTicket(slug: "nope", ticket: "T-1", severity: .low, date: monday),
      .closeTicket(slug: "nope", ticket: "T-1", date: monday),
      .addCriterion(slug: "nope", text: "x", target: nil),
      .meetCriterion(slug: "nope", number: 1, date: monday),
      .noteValue(slug: "nope", text: "x", date: monday),
      .scheduleQBR(slug: "nope", date: monday),
      .addTask(slug: "nope", text: "x", due: monday, owner: nil),
    ]
    for command in commands {
      XCTAssertEqual(refusal(command, in: book), .unknownAccount("nope"), "\(command)")
    }
  }

  func testNothingIsWrittenWhileTodayIsAfterTheClocksDate() {
    let book = ledgerWithAccount().book
    let touch = Command.logTouchpoint(slug: "acme", TouchpointInput(kind: .call, date: monday, summary: "Kick-off"))
    let ahead = Context(now: noon(monday), today: day("2026-11-24"), user: "ana")
    XCTAssertThrowsError(try touch.drafts(in: book, context: ahead)) { error in
      XCTAssertEqual(error as? DomainError, .todayAfterClock(today: day("2026-11-24"), clock: monday))
    }
    let sameDay = Context(now: noon(monday), today: monday, user: "ana")
    XCTAssertNoThrow(try touch.drafts(in: book, context: sameDay))
  }

  func testDuplicateSlug() {
    let book = ledgerWithAccount().book
    XCTAssertEqual(
      refusal(.addAccount(slug: "acme", profile: AccountProfile(name: "Other Acme", tier: 2)), in: book),
      .duplicateAccount("acme"))
  }

  func testInvalidSlugs() {
    let book = Book()
    let tooLong = String(repeating: "a", count: 41)
    for slug in ["Acme", tooLong, "-acme", "東京", "", "acme corp", "acme_corp", "acmé", "acme\n"] {
      XCTAssertEqual(
        refusal(.addAccount(slug: slug, profile: AccountProfile(name: "X", tier: 1)), in: book), .invalidSlug(slug),
        "'\(slug)'")
    }
    for slug in ["acme", "a", "3m", "acme-2", String(repeating: "z", count: 40)] {
      XCTAssertNil(refusal(.addAccount(slug: slug, profile: AccountProfile(name: "X", tier: 1)), in: book), slug)
    }
  }

  func testInvalidUsers() {
    let ledger = ledgerWithAccount(owner: nil)
    let touch = Command.logTouchpoint(slug: "acme", TouchpointInput(kind: .call, date: monday, summary: "x"))
    for user in ["", "ana smith", "ana/smith", String(repeating: "a", count: 65), "ánä"] {
      XCTAssertEqual(refusal(touch, in: ledger.book, by: user), .invalidUser(user), "'\(user)'")
    }
    for user in ["ana", "Ana.Smith", "ana_smith-2", "ana@example.com"] {
      XCTAssertNil(refusal(touch, in: ledger.book, by: user), user)
    }
    XCTAssertEqual(refusal(.assignOwner(slug: "acme", owner: "bo bo"), in: ledger.book), .invalidUser("bo bo"))
    XCTAssertEqual(
      refusal(.addAccount(slug: "beta", profile: AccountProfile(name: "B", tier: 1, owner: "x y")), in: ledger.book),
      .invalidUser("x y"))
    XCTAssertEqual(
      refusal(.updateAccount(slug: "acme", profile: AccountProfile(manager: "m m")), in: ledger.book),
      .invalidUser("m m"))
    let followUp = TouchpointInput(
      kind: .call, date: monday, summary: "x", followUp: .init(text: "y", due: monday, owner: "o o"))
    XCTAssertEqual(refusal(.logTouchpoint(slug: "acme", followUp), in: ledger.book), .invalidUser("o o"))
  }

  func testTierMustBeOneToThree() {
    let ledger = ledgerWithAccount()
    for tier in [0, 4, -1] {
      XCTAssertEqual(
        refusal(.addAccount(slug: "beta", profile: AccountProfile(name: "B", tier: tier)), in: ledger.book),
        .invalidValue(field: "tier", value: String(tier), expected: "1, 2 or 3"))
      XCTAssertEqual(
        refusal(.updateAccount(slug: "acme", profile: AccountProfile(tier: tier)), in: ledger.book),
        .invalidValue(field: "tier", value: String(tier), expected: "1, 2 or 3"))
    }
    guard case .missingValue? = refusal(.addAccount(slug: "beta", profile: AccountProfile(name: "B")), in: ledger.book)
    else {
      return XCTFail("a new account needs a tier")
    }
    guard
      case .missingValue? = refusal(
        .addAccount(slug: "beta", profile: AccountProfile(name: "  ", tier: 1)), in: ledger.book)
    else {
      return XCTFail("a new account needs a name")
    }
  }

  func testNPSScoreMustBeZeroToTen() {
    let book = ledgerWithAccount().book
    for score in [11, -1] {
      XCTAssertEqual(
        refusal(.recordNPS(slug: "acme", score: score, contact: nil, comment: nil, date: monday), in: book),
        .invalidValue(field: "score", value: String(score), expected: "0 to 10"))
    }
    for score in [0, 10] {
      XCTAssertNil(refusal(.recordNPS(slug: "acme", score: score, contact: nil, comment: nil, date: monday), in: book))
    }
  }

  func testUsageMustBeAFiniteNonNegativeNumber() {
    let book = ledgerWithAccount().book
    for value in [-1, -0.5, Double.nan, Double.infinity] {
      guard
        case .invalidValue(let field, _, _)? = refusal(.recordUsage(slug: "acme", value: value, date: monday), in: book)
      else {
        XCTFail("usage \(value) must be refused")
        continue
      }
      XCTAssertEqual(field, "usage value")
    }
  }

  func testTicketRules() {
    var ledger = ledgerWithAccount()
    XCTAssertEqual(
      refusal(.closeTicket(slug: "acme", ticket: "T-1", date: monday), in: ledger.book),
      .unknownTicket(account: "acme", ticket: "T-1"))
    ledger.must(.openTicket(slug: "acme", ticket: "T-1", severity: .normal, date: monday))
    XCTAssertEqual(
      refusal(.openTicket(slug: "acme", ticket: "T-1", severity: .high, date: monday), in: ledger.book),
      .ticketAlreadyOpen(account: "acme", ticket: "T-1"))
    XCTAssertEqual(
      refusal(.openTicket(slug: "acme", ticket: " T-1 ", severity: .high, date: monday), in: ledger.book),
      .ticketAlreadyOpen(account: "acme", ticket: "T-1"), "ticket ids are trimmed")
    ledger.must(.closeTicket(slug: "acme", ticket: "T-1", date: monday))
    XCTAssertEqual(
      refusal(.closeTicket(slug: "acme", ticket: "T-1", date: monday), in: ledger.book),
      .ticketAlreadyClosed(account: "acme", ticket: "T-1"))
    guard
      case .missingValue? = refusal(
        .openTicket(slug: "acme", ticket: " ", severity: .low, date: monday), in: ledger.book)
    else {
      return XCTFail("a ticket needs an id")
    }
  }

  func testCriterionRules() {
    var ledger = ledgerWithAccount()
    XCTAssertEqual(
      refusal(.meetCriterion(slug: "acme", number: 1, date: monday), in: ledger.book),
      .unknownCriterion(account: "acme", number: 1))
    ledger.must(.addCriterion(slug: "acme", text: "SSO live", target: nil))
    XCTAssertEqual(
      refusal(.meetCriterion(slug: "acme", number: 2, date: monday), in: ledger.book),
      .unknownCriterion(account: "acme", number: 2))
    ledger.must(.meetCriterion(slug: "acme", number: 1, date: monday))
    XCTAssertEqual(
      refusal(.meetCriterion(slug: "acme", number: 1, date: monday), in: ledger.book),
      .criterionAlreadyMet(account: "acme", number: 1))
    guard case .missingValue? = refusal(.addCriterion(slug: "acme", text: "", target: nil), in: ledger.book) else {
      return XCTFail("a criterion needs text")
    }
  }

  func testTaskRules() {
    var ledger = ledgerWithAccount()
    XCTAssertEqual(refusal(.completeTask(id: 42, date: monday), in: ledger.book), .unknownTask(42))
    let touch = ledger.touch()
    XCTAssertEqual(refusal(.completeTask(id: touch, date: monday), in: ledger.book), .unknownTask(touch), "not a task")
    let id = ledger.must(.addTask(slug: "acme", text: "Send notes", due: monday, owner: nil))
    ledger.must(.completeTask(id: id, date: monday))
    XCTAssertEqual(refusal(.completeTask(id: id, date: monday), in: ledger.book), .taskAlreadyDone(id))
    guard case .missingValue? = refusal(.addTask(slug: "acme", text: " \n ", due: monday, owner: nil), in: ledger.book)
    else {
      return XCTFail("a task needs text")
    }
  }

  func testOwnershipRules() {
    var ledger = ledgerWithAccount(owner: nil)
    XCTAssertEqual(refusal(.handOff(slug: "acme", to: "cy", note: nil), in: ledger.book), .noOwnerToHandOff("acme"))
    ledger.must(.assignOwner(slug: "acme", owner: "bo"))
    XCTAssertEqual(
      refusal(.assignOwner(slug: "acme", owner: "bo"), in: ledger.book), .sameOwner(account: "acme", owner: "bo"))
    XCTAssertEqual(
      refusal(.handOff(slug: "acme", to: "bo", note: nil), in: ledger.book), .sameOwner(account: "acme", owner: "bo"))
  }

  func testStageMustChange() {
    let book = ledgerWithAccount().book
    guard
      case .invalidValue(let field, let value, _)? = refusal(.changeStage(slug: "acme", stage: .onboarding), in: book)
    else {
      return XCTFail("moving to the current stage must be refused")
    }
    XCTAssertEqual(field, "stage")
    XCTAssertEqual(value, "onboarding")
  }

  func testEmptySummaryIsRefused() {
    let book = ledgerWithAccount().book
    for summary in ["", "   ", "\n\t"] {
      XCTAssertEqual(
        refusal(.logTouchpoint(slug: "acme", TouchpointInput(kind: .call, date: monday, summary: summary)), in: book),
        .missingValue(field: "summary (--summary)"))
    }
  }

  func testOverlongTextIsRefused() {
    let book = ledgerWithAccount().book
    let long = String(repeating: "x", count: 20_001)
    guard
      case .invalidValue(let field, _, _)? =
        refusal(.logTouchpoint(slug: "acme", TouchpointInput(kind: .call, date: monday, summary: long)), in: book)
    else { return XCTFail("20,001 characters must be refused") }
    XCTAssertEqual(field, "summary (--summary)")
  }

  func testInvalidEmailIsRefused() {
    let book = ledgerWithAccount().book
    for email in ["dana", "dana @example.com"] {
      guard
        case .invalidValue(let field, _, _)? =
          refusal(.addContact(slug: "acme", name: "Dana", role: nil, email: email, isSponsor: false), in: book)
      else {
        XCTFail("\(email) is not an address")
        continue
      }
      XCTAssertEqual(field, "email")
    }
  }

  func testAccountSetWithNothingChanged() {
    var ledger = Ledger(today: monday)
    let profile = AccountProfile(
      name: "Acme Corp", tier: 1, owner: "bo", manager: "cy", signed: day("2026-01-01"), renewal: day("2027-01-01"),
      value: Money(cents: 100))
    ledger.must(.addAccount(slug: "acme", profile: profile))
    XCTAssertEqual(refusal(.updateAccount(slug: "acme", profile: AccountProfile()), in: ledger.book), .nothingToChange)
    XCTAssertEqual(
      refusal(.updateAccount(slug: "acme", profile: profile), in: ledger.book), .nothingToChange, "same values")
    XCTAssertEqual(
      refusal(
        .updateAccount(slug: "acme", profile: AccountProfile(name: " Acme Corp ", stage: .onboarding)), in: ledger.book),
      .nothingToChange)
  }

  func testRefusedCommandsWriteNothing() {
    var ledger = ledgerWithAccount()
    let before = ledger.records.count
    XCTAssertThrowsError(try ledger.run(.recordNPS(slug: "acme", score: 11, contact: nil, comment: nil, date: monday)))
    // A batch is all or nothing: a bad follow-up refuses the touchpoint too.
    let input = TouchpointInput(kind: .call, date: monday, summary: "ok", followUp: .init(text: " ", due: monday))
    XCTAssertThrowsError(try ledger.run(.logTouchpoint(slug: "acme", input)))
    XCTAssertEqual(ledger.records.count, before)
    XCTAssertEqual(ledger.account()?.touchpoints.count, 0)
  }
}
