import Foundation
import XCTest

/// No file is written through a link another user planted (issue 13's critical case): the quarantine
/// beside a group-writable journal.
final class PlantedLinkTests: RapportCLITestCase {
  func testAPlantedQuarantineLinkIsRefusedAndNothingIsWrittenThroughIt() throws {
    for victimExists in [true, false] {
      let sandbox = try makeSandbox()
      try sandbox.initWithAcme()
      // A torn last line, so that the next writer sets it aside in the quarantine.
      let torn = Array(#"{"v":1,"seq":3,"id":"torn"#.utf8)
      try sandbox.write(try sandbox.journalBytes() + torn, to: sandbox.journalPath)
      let victim = sandbox.path("victim-profile")
      if victimExists { try sandbox.write(Array("precious\n".utf8), to: victim) }
      XCTAssertEqual(symlink(victim, sandbox.quarantinePath), 0)
      let before = try sandbox.journalBytes()
      var victimBefore = stat()
      if victimExists { XCTAssertEqual(stat(victim, &victimBefore), 0) }

      let result = try sandbox.run(["touch", "acme", "--kind", "call", "--summary", "After the crash"])
      XCTAssertEqual(result.status, 74, result.summary)
      XCTAssertTrue(
        result.stderr.contains("refusing to write \(sandbox.quarantinePath): it is a symbolic link"), result.stderr)
      XCTAssertEqual(try sandbox.journalBytes(), before, "the journal is left as it was")
      if victimExists {
        XCTAssertEqual(sandbox.bytes(of: victim), Array("precious\n".utf8), "the link's target is untouched")
        var info = stat()
        XCTAssertEqual(stat(victim, &info), 0)
        XCTAssertEqual(info.st_mode, victimBefore.st_mode, "and keeps its mode")
        XCTAssertEqual(info.st_gid, victimBefore.st_gid, "and its group")
      } else {
        XCTAssertFalse(FileManager.default.fileExists(atPath: victim), "nothing is created through the link")
      }
    }
  }
}
