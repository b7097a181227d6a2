import RapportDomain
import RapportJournal
import XCTest

@testable import RapportTerminal

/// Text fields edit like a shell's line: a default is replaced by typing, the cursor moves and deletes
/// with the usual keys and is drawn where it is; choices cycle every option; errors clear when fixed;
/// a retraction needs a reason.
final class TextFieldTests: XCTestCase {
  private func touchpointForm(_ fixture: BookFixture) throws -> Dashboard {
    var dashboard = try fixture.dashboard()
    select("acme", in: &dashboard)
    press(&dashboard, .character("t"))
    XCTAssertEqual(dashboard.state.form?.focus, .summary)
    return dashboard
  }

  func testTypingReplacesADefault() throws {
    let fixture = try BookFixture()
    var dashboard = try touchpointForm(fixture)
    press(&dashboard, .backTab)
    XCTAssertEqual(dashboard.state.form?.focus, .date)
    type(&dashboard, "yesterday")
    XCTAssertEqual(dashboard.state.form?.text(of: .date), "yesterday")
    // Once typed, the text is the user's: typing goes on at the cursor.
    press(&dashboard, .tab, .backTab)
    press(&dashboard, .backspace)
    type(&dashboard, "y")
    XCTAssertEqual(dashboard.state.form?.text(of: .date), "yesterday")
  }

  func testEditingAtTheDefaultKeepsIt() throws {
    let fixture = try BookFixture()
    var dashboard = try touchpointForm(fixture)
    press(&dashboard, .backTab, .end, .backspace, .backspace, .backspace)
    type(&dashboard, "day")
    XCTAssertEqual(dashboard.state.form?.text(of: .date), "today", "Backspace edits a default, not replaces it")
  }

  func testCursorMovesAndDeletesLikeAShell() throws {
    let fixture = try BookFixture()
    var dashboard = try touchpointForm(fixture)
    func summary() -> String? { dashboard.state.form?.text(of: .summary) }
    type(&dashboard, "hello world")
    press(&dashboard, .left, .left, .left, .left, .left)
    type(&dashboard, "big ")
    XCTAssertEqual(summary(), "hello big world")
    press(&dashboard, .home)
    type(&dashboard, ">")
    XCTAssertEqual(summary(), ">hello big world")
    press(&dashboard, .control("a"), .delete)
    XCTAssertEqual(summary(), "hello big world")
    press(&dashboard, .end, .control("w"))
    XCTAssertEqual(summary(), "hello big ")
    press(&dashboard, .control("w"))
    XCTAssertEqual(summary(), "hello ")
    type(&dashboard, "there world")
    press(&dashboard, .control("a"), .right, .right, .right, .right, .right, .control("k"))
    XCTAssertEqual(summary(), "hello")
    press(&dashboard, .left, .left, .backspace)
    XCTAssertEqual(summary(), "helo")
    press(&dashboard, .control("e"))
    type(&dashboard, "!")
    XCTAssertEqual(summary(), "helo!")
    press(&dashboard, .left, .control("u"))
    XCTAssertEqual(summary(), "!")
    press(&dashboard, .right, .right, .delete)
    XCTAssertEqual(summary(), "!", "nothing to delete at the end")
  }

  func testTheCursorIsDrawnWhereItIs() throws {
    let fixture = try BookFixture()
    var dashboard = try touchpointForm(fixture)
    type(&dashboard, "Renewal call")
    press(&dashboard, .left, .left, .left, .left)
    let lines = render(dashboard).lines
    XCTAssertTrue(lines.contains { $0.contains("Renewal ▏call") }, lines.joined(separator: "\n"))
  }

  func testALongTextShowsThePartAroundTheCursor() throws {
    let fixture = try BookFixture()
    var dashboard = try touchpointForm(fixture)
    type(&dashboard, String(repeating: "a", count: 100) + " the end")
    var lines = render(dashboard).lines
    XCTAssertTrue(
      lines.contains { $0.contains("summary       …aaaa") && $0.contains("aaa the end▏") },
      lines.joined(separator: "\n"))
    press(&dashboard, .home)
    lines = render(dashboard).lines
    XCTAssertTrue(lines.contains { $0.contains("▏aaaa") && $0.contains("…") }, lines.joined(separator: "\n"))
  }

  func testChoiceArrowsCycleEveryOptionAfterALetter() throws {
    let fixture = try BookFixture()
    var dashboard = try touchpointForm(fixture)
    press(&dashboard, .backTab, .backTab)
    XCTAssertEqual(dashboard.state.form?.focus, .kind)
    type(&dashboard, "m")
    XCTAssertEqual(dashboard.state.form?.text(of: .kind), "meeting")
    var seen: [String] = []
    for _ in TouchpointKind.allCases {
      press(&dashboard, .down)
      seen.append(dashboard.state.form?.text(of: .kind) ?? "")
    }
    XCTAssertEqual(Set(seen), Set(TouchpointKind.allCases.map(\.rawValue)))
    XCTAssertEqual(seen.last, "meeting", "round the options back to the start")
    press(&dashboard, .right)
    XCTAssertEqual(dashboard.state.form?.text(of: .kind), "email")
    press(&dashboard, .left, .left)
    XCTAssertEqual(dashboard.state.form?.text(of: .kind), "call")
  }

  func testAFixedFieldLosesItsError() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    select("acme", in: &dashboard)
    press(&dashboard, .character("n"))
    type(&dashboard, "11")
    press(&dashboard, .tab, .tab, .tab, .control("u"))
    type(&dashboard, "someday")
    press(&dashboard, .enter)
    XCTAssertEqual(
      dashboard.state.form?.errors,
      ["score: a whole number from 0 to 10", "date: not a date (today, yesterday, -3d, YYYY-MM-DD)"])
    press(&dashboard, .tab, .backspace)
    XCTAssertEqual(dashboard.state.form?.errors, ["date: not a date (today, yesterday, -3d, YYYY-MM-DD)"])
    press(&dashboard, .backTab, .control("u"))
    type(&dashboard, "today")
    XCTAssertEqual(dashboard.state.form?.errors, [])
  }

  func testARetractionNeedsAReason() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    select("acme", in: &dashboard)
    press(&dashboard, .tab, .character("u"))
    let before = try fixture.records().count
    press(&dashboard, .enter)
    XCTAssertEqual(dashboard.state.form?.errors, ["reason: required"])
    let shown = render(dashboard).lines
    XCTAssertTrue(shown.contains { $0.contains("reason: required") })
    XCTAssertTrue(shown.contains { $0.contains("Esc keeps it") }, "the note wraps, not cut: \(shown)")
    type(&dashboard, "  ")
    press(&dashboard, .enter)
    XCTAssertEqual(try fixture.records().count, before, "an empty reason retracts nothing")
    type(&dashboard, "logged twice")
    XCTAssertEqual(dashboard.state.form?.errors, [])
    press(&dashboard, .enter)
    XCTAssertNil(dashboard.state.form)
    XCTAssertEqual(try fixture.records().last?.type, "entry.retracted")
  }

  func testTheFilterEditsLikeAShellLine() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("/"))
    type(&dashboard, "gx")
    press(&dashboard, .left)
    type(&dashboard, "lobe")
    XCTAssertEqual(dashboard.state.accounts.filter, "globex")
    XCTAssertEqual(dashboard.selection?.account.slug, "globex")
    XCTAssertTrue(render(dashboard).lines[23].contains("filter: globe▏x"), render(dashboard).lines[23])
    press(&dashboard, .home, .delete, .end, .backspace, .control("u"))
    XCTAssertEqual(dashboard.state.accounts.filter, "")
    XCTAssertEqual(dashboard.visible.count, dashboard.rows.count)
  }

  func testTextLine() {
    var line = TextLine("one two  three")
    line.apply(.deleteWord)
    XCTAssertEqual(line.text, "one two  ")
    line.apply(.deleteWord)
    XCTAssertEqual(line.text, "one ")
    line.apply(.start)
    line.apply(.deleteWord)
    XCTAssertEqual(line.text, "one ")
    line.apply(.deleteToEnd)
    XCTAssertEqual(line.text, "")
    line.apply(.left)
    line.deleteBackward()
    XCTAssertEqual(line.cursor, 0)
    line.insert("a", limit: 1)
    line.insert("b", limit: 1)
    XCTAssertEqual(line.text, "a")
  }
}
