import RapportDomain
import RapportExchange
import XCTest

/// Rows to commands, per kind and per known export: what is added, updated, left alone, and every
/// problem by line and column.
final class ImportPlanTests: XCTestCase {
  private func bookWithAcme() -> BookBuilder {
    var builder = BookBuilder()
    builder.addAccount("acme", name: "Acme Corp")
    builder.addAccount("globex", name: "Globex")
    builder.run(.addContact(slug: "acme", name: "Dana Lee", role: "CFO", email: "dana@acme.example", isSponsor: true))
    return builder
  }

  private func locations(_ plan: ImportPlan) -> [String] { plan.problems.map { "\($0.line):\($0.column)" } }

  // MARK: Accounts

  func testHubSpotCompaniesExport() throws {
    let text = """
      Record ID,Company name,Company owner,Lifecycle Stage,Annual Revenue,Create Date,Became a Customer Date
      101,Acme Corp,Alice Martin,customer,"$120,000.00",2024-01-15 10:23,2024-02-01
      102,Hooli,alice@hooli.example,lead,5000000,2024-01-16 09:00,
      103,Initech,,Evangelist,50000,2024-01-17 08:00,2023-12-01

      """
    let result = try plan(.accounts, text, against: BookBuilder().book)
    XCTAssertEqual(result.file.mapping.source, "a HubSpot companies export")
    XCTAssertEqual(result.problems, [])
    XCTAssertEqual(result.rows.map(\.action), [.add, .skipped("\"Lifecycle Stage\" is 'lead', not a client"), .add])
    XCTAssertEqual(
      result.commands,
      [
        .addAccount(
          slug: "acme-corp",
          profile: AccountProfile(
            name: "Acme Corp", tier: 3, stage: .retention, owner: "alice.martin", signed: day("2024-02-01"))),
        .addAccount(
          slug: "initech",
          profile: AccountProfile(name: "Initech", tier: 3, stage: .advocacy, signed: day("2023-12-01"))),
      ])
    // Annual Revenue is the client company's own revenue: never the contract value.
    XCTAssertEqual(result.file.mapping.ignored, ["Record ID", "Annual Revenue", "Create Date"])
    XCTAssertEqual(result.file.mapping.companyFigures, ["Annual Revenue"])
  }

  func testSalesforceAccountsReportWithUSDatesAndDefaultTier() throws {
    let text = """
      Account Name,Account Owner,Type,Annual Revenue,Account ID,Contract End Date\r
      Globex,bob,Customer - Direct,"1,200,000",0015g00000AbCdE,12/31/2027\r
      Umbrella,carol,Prospect,,0015g00000FgHiJ,\r

      """
    let result = try plan(.accounts, text, against: BookBuilder().book, options: ImportOptions(defaultTier: 2))
    XCTAssertEqual(result.file.mapping.source, "a Salesforce accounts report")
    XCTAssertEqual(result.problems, [])
    XCTAssertEqual(
      result.commands,
      [
        .addAccount(
          slug: "globex",
          profile: AccountProfile(
            name: "Globex", tier: 2, stage: .retention, owner: "bob", renewal: day("2027-12-31")))
      ])
    XCTAssertEqual(result.file.mapping.companyFigures, ["Annual Revenue"])
    XCTAssertEqual(result.skipped, 1)
  }

  func testRapportColumnsUpdateOnlyWhatDiffers() throws {
    var builder = bookWithAcme()
    let text = """
      account,name,tier,stage,owner,manager,signed,renewal,value
      acme,Acme Corp,1,onboarding,ana,,,,
      globex,Globex,2,growth,bo,,2026-01-01,2027-01-01,48000
      newco,New Co,3,,,,,,

      """
    let first = try plan(.accounts, text, against: builder.book)
    XCTAssertEqual(first.problems, [])
    XCTAssertEqual(first.rows.map(\.action), [.unchanged, .update, .add])
    XCTAssertEqual(
      first.commands[0],
      .updateAccount(
        slug: "globex",
        profile: AccountProfile(
          tier: 2, stage: .growth, owner: "bo", signed: day("2026-01-01"), renewal: day("2027-01-01"),
          value: Money(cents: 4_800_000))))
    builder.run(first.commands)
    let again = try plan(.accounts, text, against: builder.book)
    XCTAssertEqual(again.rows.map(\.action), [.unchanged, .unchanged, .unchanged])
    XCTAssertEqual(again.commands, [])
  }

  func testSameNameTwiceWithoutIdsGetsTwoAccountsAndReimportsCleanly() throws {
    var builder = BookBuilder()
    let text = "Company name\nAcme\nAcme\nacme\n"
    let first = try plan(.accounts, text, against: builder.book)
    XCTAssertEqual(
      first.commands.map { if case .addAccount(let slug, _, _) = $0 { slug } else { "" } },
      ["acme", "acme-2", "acme-3"])
    builder.run(first.commands)
    let again = try plan(.accounts, text, against: builder.book)
    XCTAssertEqual(again.rows.map(\.action), [.unchanged, .unchanged, .unchanged])
  }

  func testAccountProblemsNameLineAndColumn() throws {
    let text = """
      account,name,tier,stage,owner,signed,value
      ok,Fine,1,growth,ana,2026-01-01,100
      Bad Id,Name,1,growth,ana,2026-01-01,100
      fine2,Name,7,sideways,Ana Smith,31/31/2026,lots
      ok,Again,1,,,,

      """
    let result = try plan(.accounts, text, against: BookBuilder().book)
    XCTAssertEqual(locations(result), ["3:1", "4:4", "4:3", "4:6", "4:7", "5:1"])
    XCTAssertTrue(result.problems[0].message.contains("not an account id"), result.problems[0].message)
    XCTAssertTrue(result.problems[1].message.hasPrefix("stage: 'sideways' is not a stage"))
    XCTAssertTrue(result.problems[5].message.contains("already on line 2"))
    XCTAssertEqual(result.problems[0].description.prefix(9), "in.csv:3:")
  }

  // MARK: Usage

  func testUsageRowsResolveAccountsByIdOrNameAndSkipWhatIsThere() throws {
    var builder = bookWithAcme()
    builder.run(.recordUsage(slug: "acme", value: 10, date: day("2026-11-01")))
    let text = """
      account,date,value
      acme,2026-11-01,10
      ACME CORP,2026-11-02,12.5
      globex,11/03/2026,"1,250"
      acme,2026-11-02,12.5

      """
    let result = try plan(.usage, text, against: builder.book)
    XCTAssertEqual(result.problems, [])
    XCTAssertEqual(result.rows.map(\.action), [.unchanged, .add, .add, .unchanged])
    XCTAssertEqual(result.rows[3].note, "same as line 3")
    XCTAssertEqual(
      result.commands,
      [
        .recordUsage(slug: "acme", value: 12.5, date: day("2026-11-02")),
        .recordUsage(slug: "globex", value: 1250, date: day("2026-11-03")),
      ])
  }

  func testUsageWithSemicolonsAndDecimalCommas() throws {
    let result = try plan(.usage, "Account;Date;Value\r\nacme;23.11.2026;12,5\r\n", against: bookWithAcme().book)
    XCTAssertEqual(result.commands, [.recordUsage(slug: "acme", value: 12.5, date: day("2026-11-23"))])
  }

  func testUsageProblems() throws {
    let text = "account,date,value\nacme,2026-11-01,-3\nnobody,2026-13-01,5\n,2026-11-01,1\nacme,2026-11-01\n"
    let result = try plan(.usage, text, against: bookWithAcme().book)
    XCTAssertEqual(locations(result), ["2:3", "3:1", "3:2", "4:1", "5:3"])
    XCTAssertTrue(result.problems[1].message.contains("unknown account 'nobody'"))
    XCTAssertTrue(result.problems[4].message.contains("2 fields, the header has 3"))
    XCTAssertEqual(result.commands.count, 0, "no row with a problem makes a command")
  }

  func testAnAmbiguousNameAsksForTheId() throws {
    var builder = BookBuilder()
    builder.addAccount("acme-us", name: "Acme")
    builder.addAccount("acme-eu", name: "acme")
    let result = try plan(.usage, "account,date,value\nAcme,2026-11-01,1\n", against: builder.book)
    XCTAssertEqual(locations(result), ["2:1"])
    XCTAssertTrue(result.problems[0].message.contains("acme-us, acme-eu"))
  }

  // MARK: Tickets

  func testZendeskTicketsExport() throws {
    var builder = bookWithAcme()
    builder.run(.openTicket(slug: "acme", ticket: "900", severity: .low, date: day("2026-10-01")))
    let text = """
      Id,Requester,Organization,Status,Priority,Created at,Solved at
      900,dana@acme.example,Acme Corp,solved,low,2026-10-01 09:00:00,2026-10-04 10:00:00
      901,dana@acme.example,Acme Corp,open,urgent,2026-11-01T08:00:00Z,
      902,x@globex.example,Globex,closed,,2026-11-02,2026-11-03
      903,x@globex.example,Globex,pending,high,2026-11-05,

      """
    let result = try plan(.tickets, text, against: builder.book)
    XCTAssertEqual(result.file.mapping.source, "a Zendesk tickets export")
    XCTAssertEqual(result.problems, [])
    XCTAssertEqual(result.rows.map(\.action), [.update, .add, .add, .add])
    XCTAssertEqual(
      result.commands,
      [
        .closeTicket(slug: "acme", ticket: "900", date: day("2026-10-04")),
        .openTicket(slug: "acme", ticket: "901", severity: .urgent, date: day("2026-11-01")),
        .openTicket(slug: "globex", ticket: "902", severity: .normal, date: day("2026-11-02")),
        .closeTicket(slug: "globex", ticket: "902", date: day("2026-11-03")),
        .openTicket(slug: "globex", ticket: "903", severity: .high, date: day("2026-11-05")),
      ])
    builder.run(result.commands)
    let again = try plan(.tickets, text, against: builder.book)
    XCTAssertEqual(again.rows.map(\.action), [.unchanged, .unchanged, .unchanged, .unchanged])
  }

  func testTicketProblems() throws {
    let text = """
      Id,Organization,Status,Priority,Created at,Solved at
      1,Acme Corp,solved,low,2026-10-01,
      2,Acme Corp,open,whenever,2026-10-01,
      3,Acme Corp,solved,low,2026-10-05,2026-10-01
      1,Acme Corp,open,low,2026-10-01,
      ,Acme Corp,open,low,2026-10-01,

      """
    let result = try plan(.tickets, text, against: bookWithAcme().book)
    XCTAssertEqual(locations(result), ["2:6", "3:4", "4:6", "6:1"])
    XCTAssertTrue(result.problems[0].message.contains("no closing date"), result.problems[0].message)
  }

  // MARK: NPS

  func testSurveyExportFindsTheAccountFromTheContactsEmail() throws {
    var builder = bookWithAcme()
    let text = """
      email,score,comment,date
      DANA@acme.example,4,"Support is slow, very slow",2026-11-20
      dana@acme.example,10,,2026-11-21

      """
    let result = try plan(.nps, text, against: builder.book)
    XCTAssertEqual(result.file.mapping.source, "a survey export")
    XCTAssertEqual(result.problems, [])
    XCTAssertEqual(
      result.commands,
      [
        .recordNPS(
          slug: "acme", score: 4, contact: "Dana Lee", comment: "Support is slow, very slow", date: day("2026-11-20")),
        .recordNPS(slug: "acme", score: 10, contact: "Dana Lee", comment: nil, date: day("2026-11-21")),
      ])
    builder.run(result.commands)
    XCTAssertEqual(try plan(.nps, text, against: builder.book).commands, [])
  }

  func testNPSProblems() throws {
    let text = "email,score,date\nstranger@x.example,5,2026-11-01\ndana@acme.example,11,2026-11-01\n"
    let result = try plan(.nps, text, against: bookWithAcme().book)
    XCTAssertEqual(locations(result), ["2:1", "3:2"])
    XCTAssertTrue(result.problems[0].message.contains("not the email of any account's contact"))
  }

  func testNPSWithAnAccountColumnAndTheQuestionAsHeader() throws {
    let text =
      "Company,Respondent,How likely are you to recommend us to a friend?,Submitted at\nGlobex,Bo,9,2026-11-01 10:00\n"
    let result = try plan(.nps, text, against: bookWithAcme().book)
    XCTAssertEqual(result.problems, [])
    XCTAssertEqual(
      result.commands, [.recordNPS(slug: "globex", score: 9, contact: "Bo", comment: nil, date: day("2026-11-01"))])
  }

  // MARK: Contacts

  func testContactsFromFirstAndLastNameMatchedByEmailOrName() throws {
    let text = """
      Associated Company,First Name,Last Name,Job Title,Email,Executive sponsor
      acme,Dana,Lee,CFO,dana@ACME.example,yes
      acme,Sam,Ortiz,CTO,,no
      globex,Kim,Wu,,kim@globex.example,x
      acme,Sam,Ortiz,,,

      """
    var builder = bookWithAcme()
    let result = try plan(.contacts, text, against: builder.book)
    XCTAssertEqual(result.problems, [])
    XCTAssertEqual(result.rows.map(\.action), [.unchanged, .add, .add, .unchanged])
    XCTAssertEqual(
      result.commands,
      [
        .addContact(slug: "acme", name: "Sam Ortiz", role: "CTO", email: nil, isSponsor: false),
        .addContact(slug: "globex", name: "Kim Wu", role: nil, email: "kim@globex.example", isSponsor: true),
      ])
    builder.run(result.commands)
    XCTAssertEqual(try plan(.contacts, text, against: builder.book).commands, [])
  }

  func testContactProblems() throws {
    let text = "account,name,email,sponsor\nacme,,a@b.example,no\nacme,Al,not-an-email,maybe\n"
    let result = try plan(.contacts, text, against: bookWithAcme().book)
    XCTAssertEqual(locations(result), ["2:2", "3:3", "3:4"])
    XCTAssertTrue(result.problems[0].message.contains("missing contact name"), result.problems[0].message)
    XCTAssertEqual(result.commands, [])
  }

  // MARK: Header mapping

  func testHeadersMatchInAnyCaseAndSpelling() throws {
    let result = try plan(.usage, "ACCOUNT,Measured_On,Active Users\nacme,2026-11-01,3\n", against: bookWithAcme().book)
    XCTAssertEqual(result.file.mapping.columns.map(\.header), ["ACCOUNT", "Measured_On", "Active Users"])
    XCTAssertEqual(result.commands.count, 1)
  }

  func testMapOverridesTheHeader() throws {
    let text = "Customer,When,Seats,value\nacme,2026-11-01,3,999\n"
    let options = ImportOptions(overrides: [.account: "customer", .date: "When", .value: "Seats"])
    let result = try plan(.usage, text, against: bookWithAcme().book, options: options)
    XCTAssertEqual(result.commands, [.recordUsage(slug: "acme", value: 3, date: day("2026-11-01"))])
    XCTAssertEqual(result.file.mapping.ignored, ["value"])
  }

  func testMissingRequiredColumnsAndBadMapsAreNamed() {
    let problems = fileProblems(
      .usage, "account,when\nacme,2026-11-01\n", options: ImportOptions(overrides: [.value: "Seats"]))
    XCTAssertEqual(problems.map(\.line), [1, 1, 1])
    XCTAssertTrue(problems[0].message.contains("--map value=Seats"), problems[0].message)
    XCTAssertTrue(problems[1].message.contains("no column for date"), problems[1].message)
    XCTAssertTrue(problems[2].message.contains("no column for value"), problems[2].message)
  }

  func testAnEmptyFileAndAnUnclosedQuoteAreFileProblems() {
    XCTAssertEqual(
      fileProblems(.usage, "").map(\.description), ["in.csv:1:1: the file is empty: expected a header line"])
    XCTAssertEqual(fileProblems(.usage, "account,date,value\nacme,\"2026-11-01,3\n").map(\.line), [2])
  }

  // MARK: Domain refusals

  func testDomainRefusalsAreMappedBackToTheirRow() throws {
    // Owner names that are valid for the import but that the domain refuses are caught by `check`.
    var builder = bookWithAcme()
    builder.run(.openTicket(slug: "acme", ticket: "T1", severity: .low, date: day("2026-10-01")))
    let long = String(repeating: "x", count: 20_001)
    let text = "account,name\nacme,\"\(long)\"\n"
    let result = try plan(.contacts, text, against: builder.book)
    XCTAssertEqual(locations(result), ["2:2"])
    XCTAssertTrue(result.problems[0].message.contains("contact refused"), result.problems[0].message)
  }
}
