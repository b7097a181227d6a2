import Foundation
import XCTest

/// `rapport init`: who may read the new journal.
final class InitTests: RapportCLITestCase {
  func testANewJournalIsPrivateToItsOwner() throws {
    let sandbox = try makeSandbox()
    let result = try sandbox.succeed(["init"])
    XCTAssertTrue(result.stdout.contains("mode 0600"), result.summary)
    XCTAssertEqual(try permissions(of: sandbox.journalPath), 0o600)
  }

  func testGroupSharingMakesItGroupReadableAndWritable() throws {
    let sandbox = try makeSandbox()
    let group = try XCTUnwrap(getgrgid(getegid())).pointee
    let name = String(cString: group.gr_name)
    let result = try sandbox.succeed(["init", "--group", name])
    XCTAssertTrue(result.stdout.contains("mode 0660"), result.summary)
    XCTAssertEqual(try permissions(of: sandbox.journalPath), 0o660)
    let attributes = try FileManager.default.attributesOfItem(atPath: sandbox.journalPath)
    XCTAssertEqual((attributes[.groupOwnerAccountID] as? NSNumber)?.uint32Value, group.gr_gid)
  }

  func testAnUnknownGroupIsRefusedAndCreatesNothing() throws {
    let sandbox = try makeSandbox()
    let result = try sandbox.run(["init", "--group", "no-such-group-rapport"])
    XCTAssertEqual(result.status, 74, result.summary)
    XCTAssertEqual(result.stderrLines, ["rapport: error: no such group: no-such-group-rapport"])
    XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.journalPath))
  }

  private func permissions(of path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return try XCTUnwrap((attributes[.posixPermissions] as? NSNumber)?.intValue)
  }
}
