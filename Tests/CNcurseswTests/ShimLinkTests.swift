import CNcursesw
import Foundation
import XCTest

/// Proves the shim links against ncursesw and that wide-character calls work headless.
final class ShimLinkTests: XCTestCase {
  func testLinksTheWideCharacterLibrary() throws {
    let version = String(cString: rp_curses_version())
    XCTAssertTrue(version.hasPrefix("ncurses"), version)
  }

  func testDrawsWideTextOnAHeadlessScreen() throws {
    setlocale(LC_ALL, "C.UTF-8")
    let out = try XCTUnwrap(fopen("/dev/null", "w"))
    let input = try XCTUnwrap(fopen("/dev/null", "r"))
    defer {
      fclose(out)
      fclose(input)
    }
    let screen = try XCTUnwrap(rp_newterm_headless("xterm-256color", out, input))
    defer {
      endwin()
      delscreen(screen)
    }
    resizeterm(24, 80)
    let window = try XCTUnwrap(rp_stdscr())
    XCTAssertEqual(rp_getmaxx(window), 80)
    let text = Array("日本 ok".unicodeScalars.map { wchar_t(bitPattern: $0.value) }) + [0]
    mvwaddwstr(window, 0, 0, text)
    var readBack = [wchar_t](repeating: 0, count: 16)
    mvwinnwstr(window, 0, 0, &readBack, 7)
    let scalars = readBack.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
    let readBackText = String(String.UnicodeScalarView(scalars))
    XCTAssertTrue(readBackText.hasPrefix("日本 ok"), readBackText)
    XCTAssertEqual(wcwidth(wchar_t(0x65E5)), 2)
  }
}
