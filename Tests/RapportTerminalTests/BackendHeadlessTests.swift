import CNcursesw
import Glibc
import RapportTerminal
import XCTest

/// Draws canvases through the real ncurses backend on /dev/null streams and reads the window back.
final class BackendHeadlessTests: XCTestCase {
  private var input: UnsafeMutablePointer<FILE>?
  private var output: UnsafeMutablePointer<FILE>?
  private var backend: NcursesBackend?

  override func setUpWithError() throws {
    setlocale(LC_ALL, "C.UTF-8")
    output = try XCTUnwrap(fopen("/dev/null", "w"))
    input = try XCTUnwrap(fopen("/dev/null", "r"))
    backend = try NcursesBackend(term: "xterm-256color", input: input!, output: output!, ownedFiles: [input!, output!])
    resizeterm(24, 80)
  }

  override func tearDown() {
    backend?.stop()
    backend = nil
    super.tearDown()
  }

  private var window: UnsafeMutablePointer<WINDOW> { rp_stdscr() }

  /// What the window shows from (row, column), `count` characters (wide ones count once).
  private func read(_ row: Int32, _ column: Int32, _ count: Int32) -> String {
    var buffer = [wchar_t](repeating: 0, count: Int(count) + 1)
    mvwinnwstr(window, row, column, &buffer, count)
    let scalars = buffer.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
    return String(String.UnicodeScalarView(scalars))
  }

  /// The first character and the attributes of the cell at (row, column).
  private func cell(_ row: Int32, _ column: Int32) -> (Character?, attr_t) {
    var value = cchar_t()
    mvwin_wch(window, row, column, &value)
    let scalar = Unicode.Scalar(UInt32(bitPattern: value.chars.0))
    return (scalar.map { Character($0) }, value.attr)
  }

  func testSizeIsTheTerminals() throws {
    let backend = try XCTUnwrap(backend)
    XCTAssertEqual(backend.size.rows, 24)
    XCTAssertEqual(backend.size.columns, 80)
  }

  func testWideCharactersLandInTheirColumns() throws {
    let backend = try XCTUnwrap(backend)
    var canvas = Canvas(rows: 24, columns: 80)
    canvas.draw("日本 ok", row: 2, column: 3)
    canvas.draw("表|x", row: 3, column: 0)
    canvas.draw("end", row: 23, column: 77)
    backend.draw(canvas, repaint: false)

    XCTAssertEqual(read(2, 3, 5), "日本 ok")
    XCTAssertEqual(cell(2, 3).0, "日")
    XCTAssertEqual(cell(2, 5).0, "本")
    XCTAssertEqual(cell(2, 7).0, " ")
    XCTAssertEqual(cell(2, 8).0, "o")
    XCTAssertEqual(cell(3, 2).0, "|")
    XCTAssertEqual(cell(3, 3).0, "x")
    // The bottom-right corner is drawn too.
    XCTAssertEqual(read(23, 77, 3), "end")
  }

  func testAttributesAreApplied() throws {
    let backend = try XCTUnwrap(backend)
    var canvas = Canvas(rows: 24, columns: 80)
    canvas.draw("B", row: 0, column: 0, style: Style(bold: true))
    canvas.draw("R", row: 0, column: 1, style: Style(reverse: true))
    canvas.draw("U", row: 0, column: 2, style: Style(underline: true))
    canvas.draw("D", row: 0, column: 3, style: Style(dim: true))
    canvas.draw("P", row: 0, column: 4)
    backend.draw(canvas, repaint: false)
    XCTAssertNotEqual(cell(0, 0).1 & rp_a_bold(), 0)
    XCTAssertNotEqual(cell(0, 1).1 & rp_a_reverse(), 0)
    XCTAssertNotEqual(cell(0, 2).1 & rp_a_underline(), 0)
    XCTAssertNotEqual(cell(0, 3).1 & rp_a_dim(), 0)
    XCTAssertEqual(cell(0, 4).1 & (rp_a_bold() | rp_a_reverse() | rp_a_underline() | rp_a_dim()), 0)
  }

  func testEachFrameReplacesThePrevious() throws {
    let backend = try XCTUnwrap(backend)
    var first = Canvas(rows: 24, columns: 80)
    first.draw("old text here", row: 5, column: 0)
    backend.draw(first, repaint: false)
    var second = Canvas(rows: 24, columns: 80)
    second.draw("new", row: 5, column: 0)
    backend.draw(second, repaint: true)
    XCTAssertEqual(read(5, 0, 13), "new          ")
  }

  func testUnknownTermFallsBackWithANotice() throws {
    backend?.stop()
    backend = nil
    let output = try XCTUnwrap(fopen("/dev/null", "w"))
    let input = try XCTUnwrap(fopen("/dev/null", "r"))
    let fallback = try NcursesBackend(
      term: "no-such-terminal-xyz", fallbacks: ["xterm-256color", "vt100"], input: input, output: output,
      ownedFiles: [input, output])
    XCTAssertEqual(fallback.notices.count, 1)
    XCTAssertTrue(fallback.notices[0].contains("xterm-256color"), fallback.notices[0])
    fallback.stop()
  }

  func testUnknownTermWithoutFallbackIsATypedError() throws {
    let output = try XCTUnwrap(fopen("/dev/null", "w"))
    let input = try XCTUnwrap(fopen("/dev/null", "r"))
    defer {
      fclose(input)
      fclose(output)
    }
    XCTAssertThrowsError(try NcursesBackend(term: "no-such-terminal-xyz", input: input, output: output)) { error in
      XCTAssertEqual(error as? TerminalError, .unknownTerminal(term: "no-such-terminal-xyz"))
    }
  }
}
