import XCTest

@testable import RapportTerminal

/// config.toml holds `rapport digest`'s `[digest]` table beside the dashboard's settings: the dashboard
/// leaves it to the digest instead of refusing the file.
final class DashboardConfigDigestTests: XCTestCase {
  func testTheDigestTableIsNotTheDashboards() throws {
    let text = """
      theme = "light"
      mouse = false

      [digest]
      sendmail = "/usr/sbin/sendmail"
      from = "Rapport <rapport@example.com>"

      [digest.addresses]
      zoe = "Zoë Martin <zoe@example.com>"
      """
    XCTAssertEqual(try DashboardConfig.parse(text, file: "c.toml"), DashboardConfig(theme: "light", mouse: false))
    // Other tables are still mistakes.
    XCTAssertThrowsError(try DashboardConfig.parse("[digets]\nfrom = \"x@example.com\"\n", file: "c.toml")) { error in
      XCTAssertTrue("\(error)".hasSuffix("digets: unknown setting (known: theme, mouse)"), "\(error)")
    }
  }
}
