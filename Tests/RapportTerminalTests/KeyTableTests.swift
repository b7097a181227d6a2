import Foundation
import XCTest

@testable import RapportTerminal

/// The key table is the one place keys are declared: `docs/keys.md`, the help screen and the status line
/// come from it, and no key means two things in one place.
final class KeyTableTests: XCTestCase {
  /// `docs/keys.md`, from this file's place in the repository.
  private var keysDocument: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/keys.md").path
  }

  /// Fails when `docs/keys.md` differs from the table. `RAPPORT_WRITE_KEYS=1 swift test --filter
  /// KeyTableTests` writes it afresh.
  func testDocsKeysIsGeneratedFromTheTable() throws {
    let generated = KeyTable.markdown()
    if ProcessInfo.processInfo.environment["RAPPORT_WRITE_KEYS"] == "1" {
      try generated.write(toFile: keysDocument, atomically: true, encoding: .utf8)
    }
    let committed = try String(contentsOfFile: keysDocument, encoding: .utf8)
    XCTAssertEqual(
      committed, generated,
      "docs/keys.md differs from the key table: run RAPPORT_WRITE_KEYS=1 swift test --filter KeyTableTests")
  }

  func testNoKeyMeansTwoThingsInOneScope() {
    for scope in KeyScope.allCases {
      var seen: [Key: String] = [:]
      for binding in KeyTable.bindings where binding.scope == scope {
        for key in binding.keys {
          XCTAssertNil(seen[key], "\(key) in \(scope): \(seen[key] ?? "") and \(binding.help)")
          seen[key] = binding.help
        }
      }
    }
  }

  func testTheHelpScreenListsEveryBinding() {
    let text = HelpView.lines.map { $0.map(\.text).joined() }
    for binding in KeyTable.bindings {
      XCTAssertTrue(text.contains { $0.contains(binding.help) }, binding.help)
    }
    for scope in KeyScope.allCases { XCTAssertTrue(text.contains(scope.title), scope.title) }
  }

  func testTheKeysResolveWhereTheyApply() {
    XCTAssertEqual(KeyTable.action(for: .character("j"), in: .accountList), .move(.down))
    XCTAssertEqual(KeyTable.action(for: .escape, in: .accountList), .back)
    XCTAssertEqual(KeyTable.action(for: .escape, in: .board), .show(.main))
    XCTAssertEqual(KeyTable.action(for: .character("q"), in: .form), .type("q"))
    XCTAssertEqual(KeyTable.action(for: .control("l"), in: .form), .repaint)
    XCTAssertNil(KeyTable.action(for: .character("b"), in: .standup), "the standup keeps its keys")
    XCTAssertEqual(KeyTable.hints(for: .accountList), ["j/k move", "Enter open", "/ filter", "q quit"])
  }
}
