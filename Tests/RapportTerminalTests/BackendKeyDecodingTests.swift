import CNcursesw
import RapportTerminal
import XCTest

/// The mapping from `wget_wch` results to keys: pure, no terminal.
final class BackendKeyDecodingTests: XCTestCase {
  private func character(_ code: UInt32) -> Key? { BackendKeys.decode(status: rp_ok(), code: code) }
  private func function(_ code: Int32) -> Key? {
    BackendKeys.decode(status: rp_key_code_yes(), code: UInt32(bitPattern: code))
  }

  func testFunctionKeys() {
    XCTAssertEqual(function(KEY_UP), .up)
    XCTAssertEqual(function(KEY_DOWN), .down)
    XCTAssertEqual(function(KEY_LEFT), .left)
    XCTAssertEqual(function(KEY_RIGHT), .right)
    XCTAssertEqual(function(KEY_PPAGE), .pageUp)
    XCTAssertEqual(function(KEY_NPAGE), .pageDown)
    XCTAssertEqual(function(KEY_HOME), .home)
    XCTAssertEqual(function(KEY_END), .end)
    XCTAssertEqual(function(KEY_ENTER), .enter)
    XCTAssertEqual(function(KEY_BTAB), .backTab)
    XCTAssertEqual(function(KEY_BACKSPACE), .backspace)
    XCTAssertEqual(function(KEY_DC), .delete)
    XCTAssertEqual(function(KEY_RESIZE), .resize)
    XCTAssertEqual(function(rp_key_f(1)), .function(1))
    XCTAssertEqual(function(rp_key_f(12)), .function(12))
    XCTAssertNil(function(KEY_MOUSE))
  }

  func testControlCharacters() {
    XCTAssertEqual(character(10), .enter)
    XCTAssertEqual(character(13), .enter)
    XCTAssertEqual(character(27), .escape)
    XCTAssertEqual(character(9), .tab)
    XCTAssertEqual(character(127), .backspace)
    XCTAssertEqual(character(8), .backspace)
    XCTAssertEqual(character(1), .control("a"))
    XCTAssertEqual(character(12), .control("l"))
    XCTAssertEqual(character(26), .control("z"))
    XCTAssertNil(character(0))
    XCTAssertNil(character(28))
  }

  func testPrintableCharacters() {
    XCTAssertEqual(character(UInt32(UInt8(ascii: "q"))), .character("q"))
    XCTAssertEqual(character(UInt32(UInt8(ascii: "/"))), .character("/"))
    XCTAssertEqual(character(0xE9), .character("é"))
    XCTAssertEqual(character(0x65E5), .character("日"))
    XCTAssertNil(character(0xD800))  // a lone surrogate is no character
  }

  func testErrorIsNoKey() {
    XCTAssertNil(BackendKeys.decode(status: rp_err(), code: 0))
  }

  func testDumbOrMissingTermIsRefused() {
    for term in [nil, "", "dumb"] as [String?] {
      XCTAssertThrowsError(try NcursesBackend.checkTerm(term)) { error in
        XCTAssertEqual(error as? TerminalError, .unsuitableTerminal(term: term))
        XCTAssertEqual((error as? TerminalError)?.exitCode, 64)
      }
    }
    XCTAssertNoThrow(try NcursesBackend.checkTerm("xterm-256color"))
  }
}
