import Foundation
import XCTest

/// What a user is told about repairs and progress, and where: stdout stays parseable.
final class RepairReportTests: RapportCLITestCase {
  func testARepairIsReportedEvenWhenTheCommandIsThenRefused() throws {
    let sandbox = try makeSandbox()
    try sandbox.initWithAcme()
    var bytes = try sandbox.journalBytes()
    let sizeBefore = bytes.count
    bytes += Array(#"{"v":1,"seq":3,"id":"torn"#.utf8)
    try sandbox.write(bytes, to: sandbox.journalPath)

    let refused = try sandbox.run(["nps", "acme", "11"])
    XCTAssertEqual(refused.status, 65, refused.summary)
    XCTAssertTrue(refused.stderr.contains("invalid score '11'"), refused.summary)
    XCTAssertTrue(
      refused.stderr.contains("moved an unfinished write") && refused.stderr.contains(".quarantine"),
      "the user is told the torn tail was set aside:\n\(refused.summary)")
    XCTAssertEqual(try sandbox.journalBytes().count, sizeBefore, "the torn tail left the journal")
    XCTAssertTrue(FileManager.default.fileExists(atPath: sandbox.journalPath + ".quarantine"))
  }

  func testTheFirstDemoRunPrintsOnlyJSONOnStdout() throws {
    let sandbox = try makeSandbox()
    let first = try sandbox.succeed(["demo", "--format", "json"])
    let accounts = try XCTUnwrap(try parseJSON(first.stdout) as? [[String: Any]], first.stdout)
    XCTAssertEqual(accounts.count, 40)
    XCTAssertTrue(first.stderr.contains("wrote the demo book"), first.summary)
  }
}
