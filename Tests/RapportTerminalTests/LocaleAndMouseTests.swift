import CNcursesw
import RapportDomain
import RapportJournal
import RapportText
import XCTest

@testable import RapportTerminal

/// Any locale (the canvas in ASCII outside UTF-8, NO_COLOR bars) and the mouse (hit-testing clicks and
/// the wheel), without a terminal.
final class LocaleAndMouseTests: XCTestCase {
  /// The fixture's book with a Café Müller (and a Großhandel) added.
  private func dashboardWithAccents(_ fixture: BookFixture) throws -> Dashboard {
    var desk = try Desk.open(Journal(path: fixture.path), user: "ana")
    for (slug, name) in [("cafe", "Café Müller"), ("gross", "Großhandel Øst")] {
      try desk.perform(
        .addAccount(
          slug: slug,
          profile: AccountProfile(
            name: name, tier: 2, stage: .growth, owner: "ana", renewal: fixture.today.adding(days: 60))))
    }
    return try fixture.dashboard()
  }

  private func asciiDashboard(_ fixture: BookFixture) throws -> Dashboard {
    var dashboard = try dashboardWithAccents(fixture)
    dashboard.useCharset(.ascii, codeset: "ANSI_X3.4-1968")
    return dashboard
  }

  private func nonASCII(_ canvas: Canvas) -> [String] {
    canvas.lines.filter { !$0.allSatisfy(\.isASCII) }
  }

  // MARK: Any locale

  func testCharsetFromTheLocalesCodeset() {
    XCTAssertEqual(Charset(codeset: "UTF-8"), .unicode)
    XCTAssertEqual(Charset(codeset: "utf8"), .unicode)
    XCTAssertEqual(Charset(codeset: "ANSI_X3.4-1968"), .ascii)
    XCTAssertEqual(Charset(codeset: "ISO-8859-1"), .ascii)
    XCTAssertEqual(Charset(codeset: ""), .ascii)
  }

  func testASCIIModeShowsTheMarkerAndTransliteratedNamesAndSaysSoOnce() throws {
    let fixture = try BookFixture()
    var dashboard = try asciiDashboard(fixture)
    select("cafe", in: &dashboard)
    dashboard.useCharset(.ascii, codeset: "ANSI_X3.4-1968")
    let canvas = render(dashboard)
    XCTAssertEqual(nonASCII(canvas), [], "every cell is ASCII")
    let lines = canvas.lines
    XCTAssertTrue(lines.contains { $0.contains(">Cafe Muller") }, "the selection marker and the name: \(lines)")
    let status = lines.suffix(3).joined(separator: " ")
    XCTAssertTrue(status.contains("ASCII mode"), status)
    XCTAssertTrue(status.contains("set LANG=C.UTF-8 for full glyphs"), status)
    XCTAssertTrue(status.contains("ANSI_X3.4-1968"), status)
    // Said once: gone at the next key, and the separators of the status line are ASCII too.
    press(&dashboard, .escape)
    let after = render(dashboard).lines
    XCTAssertFalse(after.joined().contains("ASCII mode"), "\(after)")
    XCTAssertTrue(after.contains { $0.contains("Grosshandel Ost") }, "ß → ss, Ø → O: \(after)")
    XCTAssertTrue(after.last?.contains(" - ") ?? false, "the status line's dots: \(after.last ?? "")")
  }

  func testUnicodeModeIsUnchanged() throws {
    let fixture = try BookFixture()
    var dashboard = try dashboardWithAccents(fixture)
    select("cafe", in: &dashboard)
    let lines = render(dashboard).lines
    XCTAssertTrue(lines.contains { $0.contains("▶Café Müller") }, "\(lines)")
    XCTAssertFalse(lines.joined().contains("ASCII mode"))
  }

  func testColumnsStayWhereTheViewsPutThem() throws {
    let fixture = try BookFixture()
    let dashboard = try asciiDashboard(fixture)
    let unicode = render(try fixture.dashboard(), rows: 24, columns: 100).lines
    let ascii = render(dashboard, rows: 24, columns: 100).lines
    // The owner column starts where it did on every account row: wide names (東京, 🚀) become a `?` per
    // column, and ß's second s takes a blank of the name's padding.
    let header = try XCTUnwrap(unicode.first { $0.contains("OWNER") })
    let owner = try XCTUnwrap(header.range(of: "OWNER")).lowerBound.utf16Offset(in: header)
    for slug in ["tokyo", "rocket", "gross", "cafe", "acme"] {
      let name = try XCTUnwrap(dashboard.rows.first { $0.account.slug == slug }?.account)
      let line = try XCTUnwrap(
        ascii.first { $0.contains(ASCIIText.transliterated(TerminalText.sanitised(name.name)).prefix(4)) },
        "\(slug) in \(ascii)")
      let cells = Array(line)
      XCTAssertTrue(
        String(cells[owner...]).hasPrefix((name.owner ?? "NO OWNER") + " "), "the owner column of \(slug): \(line)")
    }
    XCTAssertTrue(ascii.contains { $0.contains("????????") }, "東京ロボティクス as ?s: \(ascii)")
  }

  func testAWideStandInGivesColumnsBackFromBlanksOnly() {
    var canvas = Canvas(rows: 3, columns: 24)
    // A padded column, then the next column at 10.
    canvas.draw("Straße    ", row: 0, column: 0)
    canvas.draw("next", row: 0, column: 10)
    // A cut name filling its column: its … goes over the two characters before it.
    canvas.draw("Acme Corporatio…", row: 1, column: 0)
    canvas.draw(" ana", row: 1, column: 16)
    // Flow text: arrows and dashes take the room the end of the row gives.
    canvas.draw("→ send it — today…", row: 2, column: 0)
    canvas.transliterate()
    XCTAssertEqual(canvas.lines, ["Strasse   next", "Acme Corporat... ana", "-> send it -- today..."])
  }

  func testEveryGlyphOfTheDashboardHasAnASCIIStandIn() {
    XCTAssertEqual(ASCIIText.transliterated("▁▂▃▄▅▆▇█"), "__.--==#", "the sparkline rises")
    XCTAssertEqual(ASCIIText.transliterated("┌─┐│└┘├┤┬┴┼═║"), "+-+|+++++++-|")
    XCTAssertEqual(ASCIIText.transliterated("→←↑↓▲▼▶▸›"), "-><-^v^v>>>")
    XCTAssertEqual(ASCIIText.transliterated("a · b • c … d — e ✓ ✗ ×2"), "a - b - c ... d -- e + x x2")
    XCTAssertEqual(
      ASCIIText.transliterated("Ærøskøbing Œuvre ﬁne Łódź Dvořák ẞ"), "AEroskobing OEuvre fine Lodz Dvorak SS")
    XCTAssertEqual(ASCIIText.transliterated("東京 🚀 Ｒ"), "???? ?? R ")
    XCTAssertEqual(ASCIIText.transliterated("Ж"), "?", "no stand-in: a ?")
  }

  func testTheScreensDrawNothingButASCII() throws {
    let fixture = try BookFixture()
    var dashboard = try asciiDashboard(fixture)
    press(&dashboard, .enter)
    XCTAssertEqual(nonASCII(render(dashboard)), [], "the account detail")
    press(&dashboard, .escape, .character("t"))
    let form = render(dashboard)
    XCTAssertEqual(nonASCII(form), [], "the form")
    XCTAssertTrue(form.lines.contains { $0.contains("+------") }, "the form's border: \(form.lines)")
    XCTAssertTrue(form.lines.contains { $0.contains("| ") }, "the form's sides: \(form.lines)")
    press(&dashboard, .escape)
    for key: Character in ["b", "d", "?"] {
      press(&dashboard, .character("m"), .character(key))
      XCTAssertEqual(nonASCII(render(dashboard, rows: 40, columns: 160)), [], "screen \(key)")
    }
    press(&dashboard, .character("G"))
    let help = render(dashboard).lines.joined(separator: "\n")
    XCTAssertTrue(help.contains("^ v -> trend"), help)
  }

  func testTooSmallMessageInASCII() throws {
    let fixture = try BookFixture()
    let dashboard = try asciiDashboard(fixture)
    let canvas = render(dashboard, rows: 20, columns: 70)
    XCTAssertEqual(nonASCII(canvas), [])
    XCTAssertTrue(canvas.lines.joined().contains("70x20 -- enlarge"), "\(canvas.lines)")
  }

  func testWithoutColourABarIsStillReverseVideo() throws {
    let theme = try Theme.parse(
      "[roles]\nselected = { foreground = \"black\", background = \"cyan\" }\nalert = { foreground = \"red\" }\n",
      name: "t", file: "t.toml")
    XCTAssertTrue(theme.withoutColor[.selected].reverse, "the selection stays visible")
    XCTAssertFalse(theme.withoutColor[.alert].reverse, "a coloured letter is not a bar")
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    dashboard.theme = theme.withoutColor
    dashboard.useCharset(.ascii, codeset: "ANSI_X3.4-1968")
    let canvas = render(dashboard)
    let row = try XCTUnwrap(canvas.lines.firstIndex { $0.contains(">") && $0.contains("Globex") })
    let column = try XCTUnwrap(Array(canvas.lines[row]).firstIndex(of: ">"))
    XCTAssertTrue(canvas[row, column].style.reverse, "the marker in reverse video")
    XCTAssertTrue(canvas[row, column + 1].style.reverse, "the name in reverse video")
    XCTAssertNil(canvas[row, column + 1].style.background)
  }

  // MARK: The mouse

  private func click(_ dashboard: inout Dashboard, row: Int, column: Int) {
    _ = dashboard.handle(.mouse(MouseEvent(.left, row: row, column: column)))
  }

  private func row(of text: String, in canvas: Canvas) throws -> (row: Int, column: Int) {
    let lines = canvas.lines
    let row = try XCTUnwrap(lines.firstIndex { $0.contains(text) }, "\(text) in \(lines)")
    let line = lines[row]
    // Columns: every character of these lines takes one.
    return (row, line.distance(from: line.startIndex, to: try XCTUnwrap(line.range(of: text)).lowerBound))
  }

  func testBackendDecodesPressesAndTheWheel() {
    XCTAssertEqual(
      BackendKeys.mouse(state: UInt(rp_button1_pressed()), row: 4, column: 9),
      .mouse(MouseEvent(.left, row: 4, column: 9)))
    XCTAssertEqual(
      BackendKeys.mouse(state: UInt(rp_button4_pressed()), row: 1, column: 2),
      .mouse(MouseEvent(.wheelUp, row: 1, column: 2)))
    XCTAssertEqual(
      BackendKeys.mouse(state: UInt(rp_button5_pressed()), row: 1, column: 2),
      .mouse(MouseEvent(.wheelDown, row: 1, column: 2)))
    XCTAssertNil(BackendKeys.mouse(state: 0, row: 1, column: 2), "a release, or another button")
  }

  func testAClickSelectsAnAccountAndAgainOpensIt() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    XCTAssertNotEqual(dashboard.selection?.account.slug, "rocket")
    let rocket = try row(of: "Rocket Labs", in: render(dashboard))
    click(&dashboard, row: rocket.row, column: rocket.column)
    XCTAssertEqual(dashboard.selection?.account.slug, "rocket")
    XCTAssertFalse(dashboard.state.accounts.isDetailOpen)
    XCTAssertTrue(render(dashboard).lines[rocket.row].contains("▶"), "the marker moved")
    click(&dashboard, row: rocket.row, column: 2)
    XCTAssertTrue(dashboard.state.accounts.isDetailOpen, "a click on the selected row opens it, as Enter")
    // Below the header, past the last account, or on the header: nothing.
    press(&dashboard, .escape)
    click(&dashboard, row: 1, column: 5)
    click(&dashboard, row: 20, column: 5)
    XCTAssertEqual(dashboard.selection?.account.slug, "rocket")
  }

  func testAClickOnTheTimelineSelectsItsEntry() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    let size = (rows: 40, columns: 160)
    dashboard.resize(to: TerminalSize(rows: size.rows, columns: size.columns))
    let acme = try row(of: "Acme Corporation", in: render(dashboard, rows: size.rows, columns: size.columns))
    click(&dashboard, row: acme.row, column: acme.column)
    XCTAssertEqual(dashboard.selection?.account.slug, "acme")
    let canvas = render(dashboard, rows: size.rows, columns: size.columns)
    let entries = dashboard.state.accounts.timelineEntries(dashboard.environment())
    XCTAssertGreaterThan(entries.count, 1, "the account's creation and the kickoff call")
    let oldest = try XCTUnwrap(entries.last)
    let hit = try row(of: oldest.title, in: canvas)
    click(&dashboard, row: hit.row, column: hit.column)
    XCTAssertEqual(dashboard.state.accounts.focus, .detail, "the timeline takes the keys")
    XCTAssertEqual(dashboard.selectedTimelineEntry?.seq, oldest.seq)
    // Again on it: as Enter, the entry read whole.
    click(&dashboard, row: hit.row, column: hit.column)
    XCTAssertEqual(dashboard.state.accounts.focus, .detail)
    XCTAssertEqual(dashboard.state.accounts.reading?.seq, oldest.seq)
    // A click on the list takes the keys back there.
    let globex = try row(of: "Globex", in: render(dashboard, rows: size.rows, columns: size.columns))
    click(&dashboard, row: globex.row, column: globex.column)
    XCTAssertEqual(dashboard.state.accounts.focus, .list)
    XCTAssertNil(dashboard.state.accounts.reading, "the entry read whole closes")
    XCTAssertEqual(dashboard.selection?.account.slug, "globex")
  }

  func testAClickOnATabShowsItsScreen() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    let expected: [(String, DashboardState.Screen)] = [
      ("Board", .board), ("Due", .due), ("Reports", .reports), ("Help", .help), ("Accounts", .main),
    ]
    for (name, screen) in expected {
      let title = render(dashboard).text(ofRow: 0)
      let column = try XCTUnwrap(title.range(of: name)).lowerBound.utf16Offset(in: title)
      click(&dashboard, row: 0, column: column)
      XCTAssertEqual(dashboard.state.screen, screen, "clicked \(name) at \(column) of \(title)")
    }
    click(&dashboard, row: 0, column: 2)
    XCTAssertEqual(dashboard.state.screen, .main, "the product name is no tab")
  }

  func testAClickOnADueRowMovesTheCursorThere() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("d"), .character("e"))
    let plays = dashboard.duePlays
    XCTAssertGreaterThan(plays.count, 2, "the fixture's plays")
    let lines = render(dashboard).lines
    // The rows of plays are under the heading and the column header.
    let header = try XCTUnwrap(lines.firstIndex { $0.contains("ACCOUNT") && $0.contains("WHAT") })
    click(&dashboard, row: header + 3, column: 30)
    XCTAssertEqual(dashboard.state.due.cursor.selection, 2)
    XCTAssertTrue(render(dashboard).lines[header + 3].hasPrefix("▶"), "\(render(dashboard).lines)")
    click(&dashboard, row: header, column: 30)
    XCTAssertEqual(dashboard.state.due.cursor.selection, 2, "the column header is no play")
    // Again on the play under ▶: what Enter does (the form that closes it).
    click(&dashboard, row: header + 3, column: 30)
    XCTAssertNotNil(dashboard.state.form)
  }

  func testAClickOnABoardTileSelectsItAndAgainOpensTheAccount() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("b"))
    // A tile other than the one under the cursor.
    let (slug, name) = dashboard.state.board.selected == "globex" ? ("acme", "Acme Corp") : ("globex", "Globex")
    let tile = try row(of: name, in: render(dashboard))
    click(&dashboard, row: tile.row, column: tile.column)
    XCTAssertEqual(dashboard.state.board.selected, slug)
    // The column headers are no tile.
    click(&dashboard, row: 3, column: tile.column)
    XCTAssertEqual(dashboard.state.board.selected, slug)
    click(&dashboard, row: tile.row, column: tile.column)
    XCTAssertEqual(dashboard.state.screen, .main, "again: what Enter does, the account opens")
    XCTAssertEqual(dashboard.selection?.account.slug, slug)
  }

  func testTheWheelMovesWhatHasTheCursor() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    _ = dashboard.handle(.mouse(MouseEvent(.wheelDown, row: 5, column: 5)))
    XCTAssertEqual(dashboard.state.selected, Dashboard.wheelRows)
    _ = dashboard.handle(.mouse(MouseEvent(.wheelUp, row: 5, column: 5)))
    XCTAssertEqual(dashboard.state.selected, 0)
    press(&dashboard, .character("?"))
    _ = dashboard.handle(.mouse(MouseEvent(.wheelDown, row: 5, column: 5)))
    XCTAssertEqual(dashboard.state.help.page.scroll, Dashboard.wheelRows, "a page scrolls")
  }

  func testTheMouseLeavesAFormAlone() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    press(&dashboard, .character("t"))
    let before = dashboard.state
    click(&dashboard, row: 3, column: 10)
    click(&dashboard, row: 0, column: 30)
    _ = dashboard.handle(.mouse(MouseEvent(.wheelDown, row: 5, column: 5)))
    XCTAssertEqual(dashboard.state, before, "the form keeps its field and the list its selection")
  }
}
