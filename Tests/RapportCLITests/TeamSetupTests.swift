import Foundation
import XCTest

/// docs/team-setup.md is run, block by block, by Scripts/check-team-setup.sh against the package
/// `make test` builds (RAPPORT_TEST_DEB), in a scratch root: every `rapport` for real, the system tools
/// as stand-ins that check their options. A page whose steps work passes; a wrong step fails the check.
final class TeamSetupTests: XCTestCase {
  private struct NotBuilt: Error, CustomStringConvertible {
    var description: String {
      "RAPPORT_TEST_DEB is not set: run the tests with `make test`, which builds the package first (make deb)"
    }
  }

  private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  private func check(_ document: String? = nil) throws -> (Int32, String) {
    guard let package = ProcessInfo.processInfo.environment["RAPPORT_TEST_DEB"] else { throw NotBuilt() }
    return try ShellCommand.run(
      "/bin/bash",
      [repository.appendingPathComponent("Scripts/check-team-setup.sh").path, package] + (document.map { [$0] } ?? []))
  }

  /// The page with one text replaced, in a scratch file.
  private func page(replacing old: String, with new: String) throws -> String {
    let original = try String(
      contentsOf: repository.appendingPathComponent("docs/team-setup.md"), encoding: .utf8)
    XCTAssertTrue(original.contains(old), "the page no longer says \(old)")
    let path = NSTemporaryDirectory() + "team-setup-\(getpid())-\(UUID().uuidString).md"
    try original.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
  }

  func testEveryStepOfThePageRuns() throws {
    let (status, output) = try check()
    XCTAssertEqual(status, 0, output)
    XCTAssertTrue(output.contains("cron jobs ran"), output)
  }

  func testAMisspeltRapportOptionFailsTheCheck() throws {
    let (status, output) = try check(try page(replacing: "--role viewer", with: "--rol viewer"))
    XCTAssertNotEqual(status, 0, output)
    XCTAssertTrue(output.contains("Unknown option '--rol'"), output)
    XCTAssertTrue(output.contains("block "), output)
  }

  func testAWrongSystemStepFailsTheCheck() throws {
    let (status, output) = try check(try page(replacing: "usermod --append --groups", with: "usermod --groups"))
    XCTAssertNotEqual(status, 0, output)
    XCTAssertTrue(output.contains("usermod stand-in"), output)
  }

  func testABadCronLineFailsTheCheck() throws {
    let (status, output) = try check(try page(replacing: "15 2 * * *  olivia", with: "15 2 * *  olivia"))
    XCTAssertNotEqual(status, 0, output)
    XCTAssertTrue(output.contains("/etc/cron.d/rapport"), output)
  }

  func testAProfileThatDoesNotParseFailsTheCheck() throws {
    let (status, output) = try check(
      try page(replacing: "case \"${LANG:-}\" in", with: "case \"${LANG:-}\""))
    XCTAssertNotEqual(status, 0, output)
    XCTAssertTrue(output.contains("rapport.sh"), output)
  }
}
