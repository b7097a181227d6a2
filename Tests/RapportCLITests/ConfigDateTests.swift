import Foundation
import XCTest

/// A configuration change holds from the user's "today" on, so `--today` and the change agree.
final class ConfigDateTests: RapportCLITestCase {
  func testAChangeHoldsFromTheDayGivenAsToday() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    try sandbox.succeed(["config", "set", "weight.usage", "40", "--today", "2026-01-10"])
    func usageWeight(on day: String) throws -> Double? {
      let shown = try sandbox.succeed(["config", "show", "--format", "json", "--today", day])
      let settings = try XCTUnwrap(try parseJSON(shown.stdout) as? [[String: Any]])
      return settings.first { $0["key"] as? String == "weight.usage" }?["value"] as? Double
    }
    XCTAssertEqual(try usageWeight(on: "2026-01-10"), 40)
    XCTAssertEqual(try usageWeight(on: "2026-06-01"), 40)
    XCTAssertEqual(try usageWeight(on: "2026-01-09"), 25, "before the change, the default held")
  }
}
