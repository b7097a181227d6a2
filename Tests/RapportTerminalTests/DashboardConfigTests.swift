import XCTest

@testable import RapportTerminal

/// `config.toml`: the theme by name; mistakes named by file, line and key.
final class DashboardConfigTests: XCTestCase {
  func testThemeSetting() throws {
    XCTAssertEqual(try DashboardConfig.parse("# mine\ntheme = \"light\"\n", file: "c.toml").theme, "light")
    XCTAssertEqual(try DashboardConfig.parse("", file: "c.toml"), DashboardConfig())
  }

  func testMistakesNameFileLineAndKey() {
    XCTAssertThrowsError(try DashboardConfig.parse("\ntheem = \"light\"\n", file: "c.toml")) { error in
      XCTAssertEqual("\(error)", "c.toml:2: theem: unknown setting (known: theme, mouse)")
    }
    XCTAssertThrowsError(try DashboardConfig.parse("theme = 3\n", file: "c.toml")) { error in
      XCTAssertEqual("\(error)", "c.toml:1: theme: must be a theme name in quotes, e.g. \"light\"")
    }
    XCTAssertThrowsError(try DashboardConfig.parse("theme = \n", file: "c.toml")) { error in
      XCTAssertTrue("\(error)".hasPrefix("c.toml:1:"), "\(error)")
    }
  }

  func testPathFollowsXDG() {
    XCTAssertEqual(
      DashboardConfig.path(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]), "/x/rapport/config.toml")
    XCTAssertEqual(DashboardConfig.path(environment: ["HOME": "/h"]), "/h/.config/rapport/config.toml")
    XCTAssertNil(DashboardConfig.path(environment: [:]))
  }
}
