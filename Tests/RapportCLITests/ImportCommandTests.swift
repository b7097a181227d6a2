import Foundation
import XCTest

/// `rapport import`: the real binary on real files. What a user notices: the records in the journal, the
/// message naming file:line:column, the exit code, and nothing written when a file has a problem.
final class ImportCommandTests: RapportCLITestCase {
  /// A sandbox with a journal holding acme (Acme Corp, with contact Dana) and globex.
  private func bookSandbox() throws -> RapportSandbox {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    try sandbox.succeed(["account", "add", "acme", "--name", "Acme Corp", "--tier", "1", "--owner", "alice"])
    try sandbox.succeed(["account", "add", "globex", "--name", "Globex", "--tier", "2"])
    try sandbox.succeed(["contact", "add", "acme", "--name", "Dana Lee", "--email", "dana@acme.example"])
    return sandbox
  }

  private func write(_ text: String, _ name: String, in sandbox: RapportSandbox, bom: Bool = false) throws -> String {
    let path = sandbox.path(name)
    try sandbox.write((bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8), to: path)
    return path
  }

  /// The journal's records from seq `after` + 1 on.
  private func records(_ sandbox: RapportSandbox, after seq: Int) throws -> [JournalLine] {
    try JournalFile.lines(try sandbox.journalBytes()).filter { ($0.seq ?? 0) > seq }
  }

  func testUsageFileWithBOMAndCRLFIsOneBatchAndReimportAddsNothing() throws {
    let sandbox = try bookSandbox()
    let before = try JournalFile.lines(try sandbox.journalBytes()).count
    let file = try write(
      "Account,Date,Value\r\nacme,2026-11-01,120\r\n\"Acme Corp\",2026-11-02,\"1,250\"\r\nglobex,11/03/2026,7.5\r\n",
      "usage.csv", in: sandbox, bom: true)
    let result = try sandbox.succeed(["import", "usage", file])
    XCTAssertTrue(result.stdout.contains("added 3, updated 0, unchanged 0"), result.summary)
    let added = try records(sandbox, after: before)
    XCTAssertEqual(added.map(\.type), ["usage.recorded", "usage.recorded", "usage.recorded"])
    XCTAssertEqual(added.map(\.account), ["acme", "acme", "globex"])
    XCTAssertEqual(added.compactMap { $0.data?["value"] as? Double }, [120, 1250, 7.5])
    XCTAssertEqual(added.compactMap { $0.data?["date"] as? String }, ["2026-11-01", "2026-11-02", "2026-11-03"])
    XCTAssertEqual(added.compactMap { $0.object["batch"] as? [Int] }, [[1, 3], [2, 3], [3, 3]], "one batch")

    let journal = try sandbox.journalBytes()
    let again = try sandbox.succeed(["import", "usage", file])
    XCTAssertTrue(again.stdout.contains("added 0, updated 0, unchanged 3"), again.summary)
    XCTAssertTrue(again.stdout.contains("nothing written"), again.summary)
    XCTAssertEqual(try sandbox.journalBytes(), journal, "re-importing the same file adds nothing")
  }

  func testOneBadLineInTenThousandWritesNothingAndNamesIt() throws {
    let sandbox = try bookSandbox()
    var text = "account,date,value\n"
    for index in 0..<10_000 {
      // Every day of 2025 (all before the sandbox's today, 2026-11-23).
      let date = "2025-\(String(format: "%02d", index % 12 + 1))-\(String(format: "%02d", index % 28 + 1))"
      // Line 6,002 (row 6,001) holds a value that is not a number.
      text += index == 6_000 ? "globex,\(date),twelve\n" : "acme,\(date),\(index)\n"
    }
    let file = try write(text, "big.csv", in: sandbox)
    let journal = try sandbox.journalBytes()
    let result = try sandbox.run(["import", "usage", file])
    XCTAssertEqual(result.status, 65, result.summary)
    XCTAssertEqual(
      result.stderrLines.first,
      "rapport: error: \(file):6002:3: value: 'twelve' is not a usage value: expected a number from 0 to 10^15")
    XCTAssertEqual(result.stderrLines.last, "rapport: error: \(file): 1 problem; nothing written")
    XCTAssertEqual(result.saved, [])
    XCTAssertEqual(try sandbox.journalBytes(), journal, "nothing written")

    // Fixed, the whole file goes in as one batch.
    try sandbox.write(Array(text.replacingOccurrences(of: "twelve", with: "12").utf8), to: file)
    let fixed = try sandbox.succeed(["import", "usage", file])
    XCTAssertTrue(fixed.stdout.contains("10000 records in one batch"), fixed.summary)
    let lines = try JournalFile.lines(try sandbox.journalBytes())
    XCTAssertEqual(lines.filter { $0.type == "usage.recorded" }.count, 10_000)
    XCTAssertNil(JournalFile.firstSeqGap(lines))
    try sandbox.succeed(["verify"])
  }

  func testDryRunShowsCountsRowsAndProblemsAndWritesNothing() throws {
    let sandbox = try bookSandbox()
    let file = try write(
      "account,date,value\nacme,2026-11-01,1\nglobex,2026-11-02,2\nmissing,2026-11-03,3\nacme,someday,4\n", "u.csv",
      in: sandbox)
    let journal = try sandbox.journalBytes()
    let result = try sandbox.run(["import", "usage", file, "--dry-run"])
    XCTAssertEqual(result.status, 65, result.summary)
    XCTAssertTrue(result.stdout.contains("4 rows of usage"), result.summary)
    XCTAssertTrue(
      result.stdout.contains("columns: account ← \"account\" (1), date ← \"date\" (2), value ← \"value\" (3)"))
    XCTAssertTrue(
      result.stdout.contains("would add 2, update 0, unchanged 0, skip 0; 2 records; 2 problems"), result.summary)
    XCTAssertTrue(result.stdout.contains("line 2: add usage acme 2026-11-01 = 1"), result.summary)
    XCTAssertTrue(result.stdout.contains("line 4: refused"), result.summary)
    XCTAssertTrue(result.stderr.contains("\(file):4:1: account: unknown account 'missing'"), result.summary)
    XCTAssertTrue(result.stderr.contains("\(file):5:2: date: 'someday' is not a date"), result.summary)
    XCTAssertEqual(try sandbox.journalBytes(), journal)

    let clean = try write("account,date,value\nacme,2026-11-01,1\n", "clean.csv", in: sandbox)
    let ok = try sandbox.succeed(["import", "usage", clean, "--dry-run"])
    XCTAssertTrue(ok.stdout.contains("dry run, nothing written: would add 1"), ok.summary)
    XCTAssertEqual(try sandbox.journalBytes(), journal)
  }

  func testHubSpotCompaniesExportWithSemicolonsAndQuotedNewlines() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    let file = try write(
      """
      Record ID;Company name;Company owner;Lifecycle Stage;Annual Revenue;Create Date\r
      11;"Acme; Corp";Alice Martin;customer;"120.000,50";2024-01-15 10:00\r
      12;"Two
      Lines Ltd";bob@globex.example;lead;;2024-02-01\r
      13;Initech;;evangelist;50000;2024-03-01\r

      """, "hubspot.csv", in: sandbox)
    let result = try sandbox.succeed(["import", "accounts", file, "--tier", "2"])
    XCTAssertTrue(result.stdout.contains("added 2, updated 0, unchanged 0, skipped 1"), result.summary)
    let created = try records(sandbox, after: 1)
    XCTAssertEqual(created.map(\.type), ["account.created", "account.created"])
    XCTAssertEqual(created.map(\.account), ["acme-corp", "initech"])
    XCTAssertEqual(created.first?.data?["name"] as? String, "Acme; Corp")
    XCTAssertEqual(created.first?.data?["owner"] as? String, "alice.martin")
    XCTAssertEqual(created.first?.data?["stage"] as? String, "retention")
    XCTAssertEqual(created.first?.data?["tier"] as? Double, 2)
    // "Annual Revenue" is the company's own revenue, never a contract value.
    XCTAssertNil(created.first?.data?["value"] as? Double)
    XCTAssertTrue(result.stderr.contains("\"Annual Revenue\": the client company's own figure"), result.summary)
    XCTAssertEqual(created.last?.data?["stage"] as? String, "advocacy")
    let journal = try sandbox.journalBytes()
    try sandbox.succeed(["import", "accounts", file])
    XCTAssertEqual(try sandbox.journalBytes(), journal)
  }

  func testSalesforceReportUpdatesWhatChanged() throws {
    let sandbox = try bookSandbox()
    let file = try write(
      "Account Name,Account Owner,Type,Annual Revenue,Account ID\nGlobex,bob,Customer - Direct,48000,001A\nUmbrella,carol,Prospect,,001B\nHooli,dan,Customer - Channel,\"1,000\",001C\n",
      "sf.csv", in: sandbox)
    let result = try sandbox.succeed(["import", "accounts", file])
    XCTAssertTrue(result.stdout.contains("added 1, updated 1, unchanged 0, skipped 1"), result.summary)
    let written = try records(sandbox, after: 4)
    XCTAssertEqual(
      written.map { "\($0.type ?? "") \($0.account ?? "")" },
      ["owner.assigned globex", "stage.changed globex", "account.created hooli"])
    let show = try sandbox.succeed(["account", "show", "globex", "--format", "json"])
    let globex = try XCTUnwrap(try parseJSON(show.stdout) as? [String: Any])
    XCTAssertEqual(globex["owner"] as? String, "bob")
    XCTAssertEqual(globex["stage"] as? String, "retention")
    // Salesforce's Annual Revenue is the company's revenue: the contract value is left as it was (none).
    XCTAssertNil(globex["value"] as? Double)
  }

  func testZendeskTicketsOpenCloseAndReimport() throws {
    let sandbox = try bookSandbox()
    let file = try write(
      """
      Id,Requester,Organization,Status,Priority,Created at,Solved at
      501,dana@acme.example,Acme Corp,solved,high,2026-11-01 09:00:00,2026-11-02 10:00:00
      502,dana@acme.example,acme,open,urgent,2026-11-05T08:00:00Z,

      """, "zendesk.csv", in: sandbox)
    try sandbox.succeed(["import", "tickets", file])
    let written = try records(sandbox, after: 4)
    XCTAssertEqual(written.map(\.type), ["ticket.opened", "ticket.closed", "ticket.opened"])
    XCTAssertEqual(written.compactMap { $0.data?["ticket"] as? String }, ["501", "501", "502"])
    XCTAssertEqual(written.first?.data?["severity"] as? String, "high")
    XCTAssertEqual(written[1].data?["date"] as? String, "2026-11-02")
    // Later the open ticket is solved: the new export closes it, and adds nothing else.
    let later = try write(
      """
      Id,Requester,Organization,Status,Priority,Created at,Solved at
      501,dana@acme.example,Acme Corp,solved,high,2026-11-01 09:00:00,2026-11-02 10:00:00
      502,dana@acme.example,acme,solved,urgent,2026-11-05T08:00:00Z,2026-11-07T08:00:00Z

      """, "zendesk-later.csv", in: sandbox)
    let result = try sandbox.succeed(["import", "tickets", later])
    XCTAssertTrue(result.stdout.contains("added 0, updated 1, unchanged 1"), result.summary)
    XCTAssertEqual(try records(sandbox, after: 7).map(\.type), ["ticket.closed"])
  }

  func testSurveyExportFindsAccountsByContactEmail() throws {
    let sandbox = try bookSandbox()
    let file = try write(
      "email,score,comment,date\ndana@acme.example,4,\"Slow support,\nvery slow\",2026-11-20\n", "survey.csv",
      in: sandbox)
    try sandbox.succeed(["import", "nps", file])
    let written = try records(sandbox, after: 4)
    XCTAssertEqual(written.map(\.type), ["nps.recorded"])
    XCTAssertEqual(written.first?.account, "acme")
    XCTAssertEqual(written.first?.data?["contact"] as? String, "Dana Lee")
    XCTAssertEqual(written.first?.data?["comment"] as? String, "Slow support,\nvery slow")
    XCTAssertEqual(written.first?.data?["score"] as? Double, 4)
    let journal = try sandbox.journalBytes()
    try sandbox.succeed(["import", "nps", file])
    XCTAssertEqual(try sandbox.journalBytes(), journal)
  }

  func testContactsImport() throws {
    let sandbox = try bookSandbox()
    let file = try write(
      "account,name,role,email,sponsor\nacme,Dana Lee,CFO,dana@acme.example,yes\nglobex,Kim Wu,CTO,kim@globex.example,yes\n",
      "contacts.csv", in: sandbox)
    let result = try sandbox.succeed(["import", "contacts", file])
    XCTAssertTrue(result.stdout.contains("added 1, updated 0, unchanged 1"), result.summary)
    let written = try records(sandbox, after: 4)
    XCTAssertEqual(written.map(\.type), ["contact.added"])
    XCTAssertEqual(written.first?.data?["name"] as? String, "Kim Wu")
    XCTAssertEqual(written.first?.data?["sponsor"] as? Bool, true)
  }

  func testAProblemAfterAMultiLineFieldNamesItsPhysicalLine() throws {
    let sandbox = try bookSandbox()
    let file = try write(
      "account,score,comment,date\nacme,9,\"one\ntwo\nthree\",2026-13-45\n", "nps.csv", in: sandbox)
    let result = try sandbox.run(["import", "nps", file])
    XCTAssertEqual(result.status, 65)
    XCTAssertTrue(result.stderr.contains("\(file):4:4: date: '2026-13-45' is not a date"), result.summary)
  }

  func testUsageMistakesExit64AndUnreadableFilesExit65() throws {
    let sandbox = try bookSandbox()
    let unknownKind = try sandbox.run(["import", "deals", "x.csv"])
    XCTAssertEqual(unknownKind.status, 64, unknownKind.summary)
    XCTAssertTrue(unknownKind.stderr.contains("unknown kind 'deals'"), unknownKind.summary)
    let badMap = try sandbox.run(["import", "usage", "x.csv", "--map", "seats"])
    XCTAssertEqual(badMap.status, 64, badMap.summary)
    let missing = try sandbox.run(["import", "usage", sandbox.path("nope.csv")])
    XCTAssertEqual(missing.status, 65, missing.summary)
    XCTAssertTrue(missing.stderr.contains("cannot read"), missing.summary)
    let noColumn = try write("customer,when,seats\nacme,2026-11-01,3\n", "odd.csv", in: sandbox)
    let unmapped = try sandbox.run(["import", "usage", noColumn])
    XCTAssertEqual(unmapped.status, 65)
    // "customer" is a name for the account column; "when" and "seats" are not known.
    XCTAssertTrue(unmapped.stderr.contains("\(noColumn):1:1: no column for date"), unmapped.summary)
    XCTAssertTrue(unmapped.stderr.contains("\(noColumn):1:1: no column for value"), unmapped.summary)
    let mapped = try sandbox.succeed([
      "import", "usage", noColumn, "--map", "account=Customer", "--map", "date=when", "--map", "value=SEATS",
    ])
    XCTAssertTrue(mapped.stdout.contains("added 1"), mapped.summary)
  }

  func testEscapeSequencesInAFileNeverReachTheTerminal() throws {
    let sandbox = try bookSandbox()
    let file = try write("account,date,value\n\u{1B}]52;c;aGk=\u{07}evil,2026-11-01,1\n", "evil.csv", in: sandbox)
    let result = try sandbox.run(["import", "usage", file, "--dry-run"])
    XCTAssertEqual(result.status, 65)
    XCTAssertFalse(result.stderr.contains("\u{1B}"), result.summary)
    XCTAssertFalse(result.stdout.contains("\u{1B}"), result.summary)
  }
}
