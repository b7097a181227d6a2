import RapportDomain
import RapportJournal
import XCTest

/// A day from `YYYY-MM-DD`; fails the test on a typo.
func day(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Day {
  guard let parsed = Day(iso: text) else {
    XCTFail("not a day: \(text)", file: file, line: line)
    return Day(number: 0)
  }
  return parsed
}

extension Desk {
  /// Performs `command` as this desk's user on 2026-11-23, at the wall clock's time (which no rule reads).
  @discardableResult
  mutating func perform(_ command: Command) throws -> Journal.AppendOutcome {
    try perform(command, in: Context(now: .now(), today: day("2026-11-23"), user: user))
  }
}
