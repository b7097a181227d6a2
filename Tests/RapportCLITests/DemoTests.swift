import Foundation
import XCTest

/// `rapport demo` writes its book once to $XDG_DATA_HOME/rapport/demo.jsonl and shows it.
final class DemoTests: RapportCLITestCase {
  func testDemoWritesItsBookOnceAndTheBookIsSound() throws {
    let sandbox = try makeSandbox()
    let demoPath = sandbox.dataHome + "/rapport/demo.jsonl"
    XCTAssertFalse(FileManager.default.fileExists(atPath: demoPath))

    let first = try sandbox.succeed(["demo"])
    let written = try XCTUnwrap(sandbox.bytes(of: demoPath), "no demo book at \(demoPath): \(first.summary)")
    XCTAssertFalse(FileManager.default.fileExists(atPath: sandbox.journalPath), "demo wrote to $RAPPORT_LOG")
    let firstInode = try inode(of: demoPath)

    // The listing: about 40 accounts, one of them without an owner.
    let lines = first.stdoutLines
    let headerIndex = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("ACCOUNT") && $0.contains("OWNER") }, first.stdout)
    let rows = lines[(headerIndex + 1)...].filter { !$0.contains(" accounts, ") }
    XCTAssertTrue((35...45).contains(rows.count), "expected about 40 accounts, got \(rows.count):\n\(first.stdout)")
    XCTAssertTrue(lines.contains { $0.hasPrefix("\(rows.count) accounts, ") }, first.stdout)
    XCTAssertGreaterThanOrEqual(
      rows.filter { $0.contains("NO OWNER") }.count, 1, "no account without an owner:\n\(first.stdout)")

    // A second run reuses the book: same bytes, same file.
    let second = try sandbox.succeed(["demo"])
    XCTAssertEqual(sandbox.bytes(of: demoPath), written, "the second run rewrote the demo book")
    XCTAssertEqual(try inode(of: demoPath), firstInode, "the second run replaced the demo book")
    XCTAssertEqual(second.stdoutLines.filter { !$0.hasPrefix("wrote ") }, lines.filter { !$0.hasPrefix("wrote ") })

    let json = try sandbox.succeed(["demo", "--format", "json"])
    let accounts = try XCTUnwrap(try parseJSON(json.stdout) as? [[String: Any]], json.stdout)
    XCTAssertEqual(accounts.count, rows.count)
    XCTAssertGreaterThanOrEqual(accounts.filter { $0["owner"] is NSNull }.count, 1)

    let verify = try sandbox.run(["verify", "--log", demoPath])
    XCTAssertEqual(verify.status, 0, verify.summary)
    XCTAssertTrue(verify.stdout.contains("sound"), verify.summary)
    XCTAssertFalse(verify.stdout.contains("NOT sound"), verify.summary)

    // Every line is a JSON record; seqs are contiguous.
    let records = try JournalFile.lines(written)
    XCTAssertEqual(records.map { $0.seq ?? -1 }, Array(1...records.count))
    XCTAssertEqual(Set(records.compactMap { $0.type == "account.created" ? $0.account : nil }).count, accounts.count)
  }

  private func inode(of path: String) throws -> UInt64 {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return try XCTUnwrap((attributes[.systemFileNumber] as? NSNumber)?.uint64Value)
  }
}
