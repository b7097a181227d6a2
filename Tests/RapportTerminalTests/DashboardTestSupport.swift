import Foundation
import RapportDomain
import RapportJournal
import RapportText
import XCTest

@testable import RapportTerminal

extension Desk {
  /// Performs `command` as this desk's user on the fixture's day, at the wall clock's time (which no
  /// rule reads).
  @discardableResult
  mutating func perform(_ command: Command) throws -> Journal.AppendOutcome {
    try perform(command, in: Context(now: .now(), today: BookFixture.today, user: user))
  }
}

let hostileName = "\u{1B}]52;c;SGVsbG8=\u{07}Evil\u{202E}Corp"

/// A small book in a fresh temporary directory: five accounts, one unowned, one with a wide name, one
/// with an emoji, one hostile, and a touchpoint on acme.
final class BookFixture {
  let directory: String
  let path: String
  /// A fixed day: no test depends on the day it runs.
  static let today = Day(iso: "2026-11-23")!
  let today = BookFixture.today

  init() throws {
    directory = NSTemporaryDirectory() + "rapport-terminal-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    path = directory + "/book.jsonl"
    let journal = try Journal.create(at: path, by: "ana")
    var desk = try Desk.open(journal, user: "ana")
    let accounts: [(String, String, String?, Int)] = [
      ("acme", "Acme Corporation", "ana", 1), ("globex", "Globex", nil, 2), ("tokyo", "東京ロボティクス", "bo", 1),
      ("rocket", "🚀 Rocket Labs", "ana", 3), ("evil", hostileName, "ana", 2),
    ]
    for (slug, name, owner, tier) in accounts {
      try desk.perform(
        .addAccount(
          slug: slug,
          profile: AccountProfile(name: name, tier: tier, stage: .growth, owner: owner, renewal: today.adding(days: 60))
        ))
    }
    try desk.perform(.logTouchpoint(slug: "acme", TouchpointInput(kind: .call, date: today, summary: "Kickoff call")))
  }

  func dashboard(user: String = "ana", readOnly: Bool = false) throws -> Dashboard {
    Dashboard(desk: try Desk.open(Journal(path: path), user: user), today: today, readOnly: readOnly)
  }

  /// Every record of the journal, read back from the file.
  func records() throws -> [Record] {
    var all: [Record] = []
    _ = try Journal(path: path).scan { all.append($0) }
    return all
  }

  deinit { try? FileManager.default.removeItem(atPath: directory) }
}

func render(_ dashboard: Dashboard, rows: Int = 24, columns: Int = 80) -> Canvas {
  var canvas = Canvas(rows: rows, columns: columns)
  dashboard.render(into: &canvas)
  return canvas
}

func press(_ dashboard: inout Dashboard, _ keys: Key...) {
  for key in keys { _ = dashboard.handle(key) }
}

/// Filters the list to `slug` with `/` and keeps the filter, so that `slug` is selected.
func select(_ slug: String, in dashboard: inout Dashboard, file: StaticString = #filePath, line: UInt = #line) {
  type(&dashboard, "/\(slug)")
  press(&dashboard, .enter)
  XCTAssertEqual(dashboard.selection?.account.slug, slug, file: file, line: line)
}

func type(_ dashboard: inout Dashboard, _ text: String) {
  for character in text { _ = dashboard.handle(.character(character)) }
}

/// Polls, as the event loop does, until the reports screen has its report (computed in the background);
/// renders once so the screen records that it showed it.
func waitForReport(_ dashboard: inout Dashboard, file: StaticString = #filePath, line: UInt = #line) throws {
  for _ in 0..<400 {
    _ = render(dashboard)
    if dashboard.report != nil {
      _ = dashboard.poll()
      _ = render(dashboard)
      return
    }
    usleep(25_000)
    _ = dashboard.poll()
  }
  XCTFail("the report was not ready within 10 s", file: file, line: line)
}
