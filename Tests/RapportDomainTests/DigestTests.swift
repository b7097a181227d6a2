import Foundation
import RapportDomain
import RapportJournal
import RapportTestSupport
import XCTest

/// The digest: who hears of what (owners, managers, admins for unowned accounts), which plays (overdue,
/// due within a week), which accounts (red, fell since last week), which renewals (inside the window,
/// overdue); nobody with nothing to act on. And the members' email addresses it sends to.
final class DigestTests: XCTestCase {
  let today = day("2026-11-23")  // a Monday

  private func add(
    _ slug: String, name: String? = nil, tier: Int = 2, owner: String?, manager: String? = nil, renewal: Day? = nil,
    to ledger: inout Ledger
  ) {
    ledger.must(
      .addAccount(
        slug: slug,
        profile: AccountProfile(
          name: name ?? slug.capitalized, tier: tier, stage: .growth, owner: owner, manager: manager,
          signed: day("2025-01-06"), renewal: renewal)))
  }

  /// Nothing due within a week: the quarter's QBR and its summary, a value note, a call yesterday, a
  /// passive NPS (no promoter ask), no renewal inside the window.
  private func keepCalm(_ slug: String, _ ledger: inout Ledger) {
    ledger.touch(.qbr, on: today.adding(days: -9), summary: "QBR", slug: slug)
    ledger.touch(.email, on: today.adding(days: -8), summary: "QBR summary sent", closes: .qbrSummary, slug: slug)
    ledger.must(.noteValue(slug: slug, text: "Saved a day a week", date: today.adding(days: -9)))
    ledger.must(.recordNPS(slug: slug, score: 8, contact: nil, comment: nil, date: today.adding(days: -8)))
    ledger.touch(.call, on: today.adding(days: -1), summary: "Weekly call", slug: slug)
  }

  /// cy: one calm account, nothing to act on. zoe: a red tier-1 account never touched, renewing in 30
  /// days; she also manages bo's acme. bo: acme (a task due in 3 days, another in 10), and "lapsed",
  /// whose renewal date passed. dee: "slipping", which fell since last week. "orphan" has no owner.
  private func book() -> Ledger {
    var ledger = Ledger(today: day("2025-01-06"))
    add("calm", owner: "cy", renewal: today.adding(days: 200), to: &ledger)
    add("cafe", name: "Café Müller GmbH", tier: 1, owner: "zoe", renewal: today.adding(days: 30), to: &ledger)
    add("acme", owner: "bo", manager: "zoe", renewal: today.adding(days: 200), to: &ledger)
    add("lapsed", owner: "bo", renewal: today.adding(days: -3), to: &ledger)
    add("slipping", owner: "dee", renewal: today.adding(days: 200), to: &ledger)
    add("orphan", owner: nil, renewal: today.adding(days: 200), to: &ledger)
    ledger.today = today.adding(days: -9)
    for slug in ["calm", "acme", "lapsed", "slipping", "orphan"] { keepCalm(slug, &ledger) }
    ledger.today = today
    ledger.must(.addTask(slug: "acme", text: "Send the contract", due: today.adding(days: 3), owner: nil))
    ledger.must(.addTask(slug: "acme", text: "Plan the training", due: today.adding(days: 10), owner: nil))
    ledger.must(.recordNPS(slug: "slipping", score: 2, contact: "Dana Lee", comment: nil, date: today.adding(days: -2)))
    return ledger
  }

  private func recipient(_ name: String, in digest: Digest, file: StaticString = #filePath, line: UInt = #line) throws
    -> Digest.Recipient
  {
    try XCTUnwrap(digest.recipients.first { $0.name == name }, "no digest for \(name)", file: file, line: line)
  }

  private func plays(_ items: [Digest.Item]) -> [String] {
    items.compactMap { item in
      guard case .play(let play) = item.kind else { return nil }
      return "\(play.account):\(play.code.rawValue)"
    }
  }

  func testOnlyPeopleWithSomethingToActOnGetADigest() {
    let digest = Digest(book: book().book, today: today)
    // cy's only account is calm: no message. ana created the journal (its admin): she hears of orphan.
    XCTAssertEqual(digest.recipients.map(\.name), ["ana", "bo", "dee", "zoe"])
    XCTAssertFalse(digest.recipients.contains { $0.isEmpty })
  }

  func testOwnersHearOfTheirPlaysOverdueAndDueWithinAWeek() throws {
    let digest = Digest(book: book().book, today: today)
    let bo = try recipient("bo", in: digest)
    let contract = try XCTUnwrap(bo.plays.first { $0.reason.hasPrefix("Send the contract") })
    XCTAssertTrue(contract.reason.hasSuffix("): due 2026-11-26 (in 3 days)"), contract.reason)
    XCTAssertTrue(contract.reason.hasPrefix("Send the contract (task "), contract.reason)
    XCTAssertFalse(contract.isLate)
    XCTAssertFalse(
      bo.plays.contains { $0.reason.hasPrefix("Plan the training") }, "a task due in 10 days waits: \(bo.plays)")
    // Overdue first.
    let zoe = try recipient("zoe", in: digest)
    XCTAssertTrue(zoe.plays.first?.isLate ?? false)
    let late = zoe.plays.prefix { $0.isLate }
    XCTAssertEqual(late.count, zoe.overduePlays)
    XCTAssertTrue(plays(zoe.plays).contains("cafe:checkin"), "\(plays(zoe.plays))")
    let checkIn = try XCTUnwrap(zoe.plays.first { plays([$0]) == ["cafe:checkin"] })
    XCTAssertTrue(checkIn.reason.hasPrefix("check-in (tier 1, every 7 days): "), checkIn.reason)
    XCTAssertTrue(checkIn.reason.contains(" days late (due "), checkIn.reason)
    XCTAssertEqual(checkIn.name, "Café Müller GmbH")
    XCTAssertNil(checkIn.managedBy)
  }

  func testAManagerHearsOfTheAccountsTheyManageMarkedWithTheOwner() throws {
    let digest = Digest(book: book().book, today: today)
    let zoe = try recipient("zoe", in: digest)
    let managed = zoe.plays.filter { $0.slug == "acme" }
    XCTAssertFalse(managed.isEmpty, "\(plays(zoe.plays))")
    XCTAssertTrue(managed.allSatisfy { $0.managedBy == "zoe" && $0.owner == "bo" })
    XCTAssertTrue(managed.contains { $0.reason.hasPrefix("Send the contract") })
    // The owner sees the same plays as their own.
    let bo = try recipient("bo", in: digest)
    XCTAssertTrue(bo.plays.filter { $0.slug == "acme" }.allSatisfy { $0.managedBy == nil })
  }

  func testRedAndFallingAccounts() throws {
    let digest = Digest(book: book().book, today: today)
    let zoe = try recipient("zoe", in: digest)
    let cafe = try XCTUnwrap(zoe.accounts.first { $0.slug == "cafe" })
    XCTAssertEqual(cafe.kind, .health(red: true, fell: false))
    XCTAssertTrue(cafe.reason.hasPrefix("red "), cafe.reason)
    let dee = try recipient("dee", in: digest)
    let slipping = try XCTUnwrap(dee.accounts.first)
    guard case .health(_, let fell) = slipping.kind else { return XCTFail("\(slipping.kind)") }
    XCTAssertTrue(fell)
    XCTAssertTrue(slipping.reason.contains("fell since last week"), slipping.reason)
    XCTAssertTrue(slipping.reason.contains("NPS 2 (a detractor)"), slipping.reason)
    // The detractor follow-up opened by that response is dee's play, due within 48 hours.
    XCTAssertTrue(plays(dee.plays).contains("slipping:detractor-followup"), "\(plays(dee.plays))")
    XCTAssertFalse(
      try recipient("bo", in: digest).accounts.contains { $0.slug == "acme" }, "acme is neither red nor falling")
  }

  func testRenewalsInsideTheWindowAndOverdue() throws {
    let digest = Digest(book: book().book, today: today)
    let zoe = try recipient("zoe", in: digest)
    XCTAssertEqual(zoe.renewals.map(\.slug), ["cafe"])
    XCTAssertEqual(zoe.renewals.first?.kind, .renewal(on: today.adding(days: 30), overdue: false))
    XCTAssertEqual(zoe.renewals.first?.reason, "renews on 2026-12-23 (in 30 days); health red: renewal at risk")
    let bo = try recipient("bo", in: digest)
    XCTAssertEqual(bo.renewals.map(\.slug), ["lapsed"], "acme renews in 200 days: not yet")
    XCTAssertEqual(bo.renewals.first?.isLate, true)
    XCTAssertEqual(
      bo.renewals.first?.reason, "renewal date 2026-11-20 passed 3 days ago with no outcome recorded")
    // Said once, in the renewals: the renewal-outcome play is not repeated among the plays.
    XCTAssertFalse(plays(bo.plays).contains("lapsed:renewal-outcome"))
  }

  func testAccountsWithNoOwnerGoToTheAdmins() throws {
    var ledger = book()
    let digest = Digest(book: ledger.book, today: today)
    XCTAssertEqual(digest.unowned.map(\.slug), ["orphan"])
    let ana = try recipient("ana", in: digest)
    XCTAssertEqual(ana.unowned.map(\.slug), ["orphan"])
    XCTAssertEqual(ana.plays, [])
    XCTAssertTrue(try recipient("bo", in: digest).unowned.isEmpty)
    // With an owner, nobody hears of it as unowned.
    ledger.must(.assignOwner(slug: "orphan", owner: "cy"))
    XCTAssertEqual(Digest(book: ledger.book, today: today).unowned, [])
  }

  /// A journal file in a temporary folder, created by ana, and a desk on it.
  private func journalDesk() throws -> (Desk, cleanup: () -> Void) {
    let directory = try TemporaryFolder.make("rapport-digest-tests")
    let journal = try Journal.create(at: directory + "/book.jsonl", by: "ana")
    return (try Desk.open(journal, user: "ana"), { TemporaryFolder.remove(directory) })
  }

  func testOnceMembersAreListedTheAdminsHearOfAccountsWithNoOwner() throws {
    let (opened, cleanup) = try journalDesk()
    defer { cleanup() }
    var desk = opened
    try desk.perform(.addAccount(slug: "orphan", profile: AccountProfile(name: "Orphan", tier: 2)))
    XCTAssertEqual(Digest(book: desk.book, today: testToday).recipients.map(\.name), ["ana"], "the creator")
    let login = Journal.processLogin
    try desk.perform(.addMember(name: "ana", logins: [login], role: .admin, email: "ana@example.com"))
    try desk.perform(.addMember(name: "bo", logins: [login], role: .admin))
    try desk.perform(.addMember(name: "vi", logins: [login], role: .viewer, email: "vi@example.com"))
    let digest = Digest(book: desk.book, today: testToday)
    XCTAssertEqual(digest.recipients.map(\.name), ["ana", "bo"])
    XCTAssertEqual(digest.recipients.map(\.email), ["ana@example.com", nil])
    XCTAssertEqual(digest.recipients.map { $0.unowned.map(\.slug) }, [["orphan"], ["orphan"]])
  }

  // MARK: Members' addresses

  func testAddressesAreOnePlainAddress() {
    for good in ["zoe@example.com", "o'brien+digest@mail.example.co.uk", "root@localhost", "a.b-c_d@x-y.example"] {
      XCTAssertTrue(EmailAddress.isValid(good), good)
    }
    for bad in [
      "", "zoe", "zoe@", "@example.com", "zoe@example.com\r\nBcc: eve@example.com", "zoe@example.com, eve@example.com",
      "Zoë <zoe@example.com>", "zoe @example.com", "\"zoe\"@example.com", "zoe@example..com", "zoe@-example.com",
      "zo..e@example.com", "zoë@example.com", "zoe@exa_mple.com", "zoe@example.com;eve@example.com",
      String(repeating: "a", count: 65) + "@example.com",
    ] {
      XCTAssertFalse(EmailAddress.isValid(bad), bad)
    }
  }

  func testMemberAddTakesKeepsAndRemovesAnAddress() throws {
    let (opened, cleanup) = try journalDesk()
    defer { cleanup() }
    var desk = opened
    let login = Journal.processLogin
    XCTAssertEqual(
      refusal(
        .addMember(name: "zoe", logins: ["zoe"], role: .member, email: "zoe@example.com\nBcc: eve@x.com"), in: desk.book
      ),
      .invalidValue(field: "--email", value: "zoe@example.com\nBcc: eve@x.com", expected: EmailAddress.expected))
    try desk.perform(.addMember(name: "ana", logins: [login], role: .admin, email: "ana@example.com"))
    XCTAssertEqual(desk.book.members["ana"]?.email, "ana@example.com")
    // A new role without an address keeps the address.
    try desk.perform(.addMember(name: "zoe", logins: ["zoe"], role: .member, email: "zoe@example.com"))
    try desk.perform(.addMember(name: "zoe", logins: ["zoe"], role: .viewer))
    XCTAssertEqual(desk.book.members["zoe"]?.email, "zoe@example.com")
    XCTAssertEqual(desk.book.members["zoe"]?.role, .viewer)
    // The same address again changes nothing; an empty one removes it.
    XCTAssertEqual(
      refusal(.addMember(name: "zoe", logins: ["zoe"], role: .viewer, email: "zoe@example.com"), in: desk.book),
      .nothingToChange)
    try desk.perform(.addMember(name: "zoe", logins: ["zoe"], role: .viewer, email: ""))
    XCTAssertNil(desk.book.members["zoe"]?.email)
    // Read back from the journal, the same.
    let reopened = try Desk.open(desk.journal, user: "ana")
    XCTAssertEqual(reopened.book.members, desk.book.members)
    XCTAssertEqual(reopened.book.members["ana"]?.email, "ana@example.com")
  }

  func testMemberRecordsWithAndWithoutAnAddressRead() throws {
    // Written before members had addresses: no "email" field.
    let old = JSONObject([("name", .string("zoe")), ("logins", .array([.string("zoe")])), ("role", .string("member"))])
    XCTAssertNil(try Event.MemberAdded(data: old).member.email)
    var withAddress = old
    withAddress["email"] = .string("zoe@example.com")
    let read = try Event.MemberAdded(data: withAddress)
    XCTAssertEqual(read.member.email, "zoe@example.com")
    XCTAssertEqual(read.data["email"], .string("zoe@example.com"))
    XCTAssertNil(try Event.MemberAdded(data: old).data["email"], "no address, no field")
    var forged = old
    forged["email"] = .string("zoe@example.com\r\nBcc: eve@example.com")
    XCTAssertThrowsError(try Event.MemberAdded(data: forged)) { error in
      guard case DomainError.invalidValue(let field, _, _) = error else { return XCTFail("\(error)") }
      XCTAssertEqual(field, "email")
    }
  }
}
