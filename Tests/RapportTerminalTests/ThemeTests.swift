import Foundation
import XCTest

@testable import RapportTerminal

final class ThemeTests: XCTestCase {
  var repoThemes: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Themes").path
  }

  func testShippedThemesLoad() throws {
    for name in ["dark", "light", "high-contrast", "monochrome"] {
      let theme = try ThemeLoader.load(named: name, in: [repoThemes])
      XCTAssertEqual(theme.name, name)
      XCTAssertEqual(Set(theme.styles.keys), Set(Role.allCases))
    }
    let dark = try ThemeLoader.load(named: "dark", in: [repoThemes])
    XCTAssertEqual(dark[.healthRed], Style(foreground: .red, bold: true))
    XCTAssertNil(dark.withoutColor[.healthRed].foreground)
    XCTAssertTrue(dark.withoutColor[.healthRed].bold)
    XCTAssertEqual(try ThemeLoader.load(named: "monochrome", in: [repoThemes]).styles, Theme.fallback.styles)
  }

  func testMissingThemeFallsBackToMonochrome() throws {
    let theme = try ThemeLoader.load(named: "nope", in: ["/nonexistent", repoThemes])
    XCTAssertEqual(theme, Theme.fallback)
    XCTAssertTrue(theme.styles.values.allSatisfy { $0.foreground == nil && $0.background == nil })
  }

  func testErrorsNameFileLineAndKey() {
    let file = "x.toml"
    XCTAssertEqual(
      try? Theme.parse("[roles]\nalert = { foreground = \"pink\" }\n", name: "x", file: file), nil)
    do {
      _ = try Theme.parse("[roles]\nnormal = {}\nalert = { foreground = \"pink\" }\n", name: "x", file: file)
      XCTFail("accepted")
    } catch {
      XCTAssertEqual(error, .invalid(file: file, line: 3, key: "roles.alert.foreground", problem: error.problem))
      XCTAssertTrue(error.description.hasPrefix("x.toml:3: roles.alert.foreground: not a colour"), error.description)
    }
    do {
      _ = try Theme.parse("[roles]\nblinky = { bold = true }\n", name: "x", file: file)
      XCTFail("accepted")
    } catch {
      XCTAssertTrue(error.description.contains("roles.blinky: unknown role"), error.description)
    }
    do {
      _ = try Theme.parse("[roles\n", name: "x", file: file)
      XCTFail("accepted")
    } catch {
      guard case .syntax(let named, let line, _, _) = error else { return XCTFail("\(error)") }
      XCTAssertEqual(named, file)
      XCTAssertEqual(line, 1)
    }
    XCTAssertThrowsError(try ThemeLoader.load(named: "../etc/passwd", in: [repoThemes]))
  }

  func testSearchDirectories() {
    let directories = ThemeLoader.searchDirectories(
      environment: ["XDG_CONFIG_HOME": "/cfg"], executablePath: repoThemes + "/../.build/debug/rapport")
    XCTAssertEqual(directories.first, "/cfg/rapport/themes")
    XCTAssertEqual(directories.count, 2)
    XCTAssertTrue(directories[1].hasSuffix("/Themes"))
  }
}

extension ThemeError {
  var problem: String {
    if case .invalid(_, _, _, let problem) = self { return problem }
    return ""
  }
}
