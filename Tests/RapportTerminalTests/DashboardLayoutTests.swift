import RapportDomain
import RapportJournal
import RapportText
import XCTest

@testable import RapportTerminal

/// The main screen's two layouts (list full-height below the split size, list and detail together above
/// it), the selection's look, and the dashboard's derived views kept current by `poll()`.
final class DashboardLayoutTests: XCTestCase {
  /// A theme with colours, so that cell styles tell the roles apart.
  private let colours: Theme = {
    var theme = Theme.fallback
    theme[.selected] = Style(foreground: .black, background: .cyan)
    theme[.healthRed] = Style(foreground: .red, bold: true)
    theme[.healthYellow] = Style(foreground: .yellow, bold: true)
    theme[.healthGreen] = Style(foreground: .green)
    theme[.healthUnknown] = Style(foreground: .magenta)
    return theme
  }()

  private func dashboard(_ fixture: BookFixture, user: String = "ana") throws -> Dashboard {
    Dashboard(desk: try Desk.open(Journal(path: fixture.path), user: user), today: fixture.today, theme: colours)
  }

  func testBelowTheSplitSizeTheListIsFullHeightAndEnterOpensTheDetail() throws {
    let fixture = try BookFixture()
    var dashboard = try dashboard(fixture)
    type(&dashboard, "/acme")
    press(&dashboard, .enter)
    for (rows, columns) in [(24, 80), (39, 159)] {
      let lines = render(dashboard, rows: rows, columns: columns).lines
      XCTAssertTrue(lines[1].contains("ACCOUNT"), lines[1])
      XCTAssertTrue(lines[2].contains("Acme Corporation"), lines[2])
      // Nothing but the list between the title and the status line: no detail, no divider.
      XCTAssertFalse(lines.contains { $0.contains("Timeline") || $0.contains("manager") || $0.contains("───") })
      XCTAssertTrue(lines[rows - 1].contains("Enter"), lines[rows - 1])
    }
    // Full height: as many account rows as the body holds.
    press(&dashboard, .escape)
    XCTAssertEqual(dashboard.visible.count, 5)
    let list = render(dashboard).lines
    XCTAssertEqual(list[2..<22].filter { !$0.isEmpty }.count, 5, "\(list)")
    XCTAssertEqual(dashboard.layout.listHeight, 21)

    type(&dashboard, "/acme")
    press(&dashboard, .enter, .enter)
    XCTAssertTrue(dashboard.state.accounts.isDetailOpen)
    XCTAssertEqual(dashboard.state.accounts.focus, .detail)
    let detail = render(dashboard).lines
    XCTAssertTrue(detail.contains { $0.contains("Acme Corporation  (acme)") && $0.contains("manager") }, "\(detail)")
    XCTAssertTrue(detail.contains { $0.contains("Kickoff call") }, "\(detail)")
    XCTAssertTrue(detail.contains { $0.hasPrefix("Health ") }, "\(detail)")
    XCTAssertFalse(detail.contains { $0.contains("ACCOUNT") }, "\(detail)")
    XCTAssertTrue(detail[23].contains("Esc back"), detail[23])

    press(&dashboard, .escape)
    XCTAssertFalse(dashboard.state.accounts.isDetailOpen)
    XCTAssertEqual(dashboard.state.accounts.focus, .list)
    XCTAssertEqual(dashboard.state.accounts.filter, "acme", "Esc closes the detail before it clears the filter")
    XCTAssertFalse(render(dashboard).lines.contains { $0.contains("Kickoff call") })

    // Tab goes back too (Enter reads the entry under the cursor); q still quits from the detail.
    press(&dashboard, .enter)
    XCTAssertTrue(render(dashboard).lines.contains { $0.contains("Kickoff call") })
    press(&dashboard, .tab)
    XCTAssertFalse(dashboard.state.accounts.isDetailOpen)
    XCTAssertTrue(render(dashboard).lines[2].contains("Acme Corporation"))
    press(&dashboard, .enter)
    XCTAssertEqual(dashboard.handle(.character("q")), .quit)
  }

  func testTheDetailScrollsItsTimelineAndSlashGoesBackToTheList() throws {
    let fixture = try BookFixture()
    var dashboard = try dashboard(fixture)
    press(&dashboard, .enter)
    let selected = dashboard.state.selected
    press(&dashboard, .character("j"))
    XCTAssertEqual(dashboard.state.selected, selected, "j scrolls the timeline while the detail is open")
    type(&dashboard, "/")
    XCTAssertFalse(dashboard.state.accounts.isDetailOpen)
    XCTAssertTrue(dashboard.state.isEditingFilter)
  }

  func testFromTheSplitSizeListAndDetailShowTogether() throws {
    let fixture = try BookFixture()
    var dashboard = try dashboard(fixture)
    for (rows, columns) in [(40, 120), (40, 160), (30, 160)] {
      let lines = render(dashboard, rows: rows, columns: columns).lines
      XCTAssertTrue(lines.contains { $0.contains("ACCOUNT") }, "\(rows)x\(columns): \(lines)")
      XCTAssertTrue(lines.contains { $0.contains("Globex  (globex)") && $0.contains("manager") }, "\(lines)")
      XCTAssertTrue(lines.contains { $0.contains("Timeline") }, "\(lines)")
    }
    // Side by side from 160 columns: the list's rows and the detail share screen lines.
    let wide = render(dashboard, rows: 40, columns: 160).lines
    XCTAssertTrue(wide[1].contains("ACCOUNT") && wide[1].contains("│"), wide[1])
    // Enter gives the detail pane the keys; the list stays on screen.
    press(&dashboard, .enter)
    XCTAssertEqual(dashboard.state.accounts.focus, .detail)
    let focused = render(dashboard, rows: 40, columns: 120).lines
    XCTAssertTrue(focused.contains { $0.contains("ACCOUNT") }, "\(focused)")
    XCTAssertTrue(focused[39].contains("Esc back"), focused[39])
    press(&dashboard, .escape)
    XCTAssertEqual(dashboard.state.accounts.focus, .list)
  }

  func testTheSelectedRowKeepsItsHealthColour() throws {
    let fixture = try BookFixture()
    var dashboard = try dashboard(fixture)
    for (rows, columns) in [(24, 80), (40, 120)] {
      for step in 0..<2 {
        let canvas = render(dashboard, rows: rows, columns: columns)
        let selected = 2 + dashboard.state.selected
        let item = try XCTUnwrap(dashboard.selection)
        let health = Theme.role(of: item.health.health)
        // The health letter, in its colour.
        XCTAssertEqual(canvas[selected, 0].text, item.health.health.letter)
        XCTAssertEqual(canvas[selected, 0].style, colours[health], "\(rows)x\(columns) step \(step)")
        // The marker and the name in the selection style.
        let marker = try XCTUnwrap(canvas.text(ofRow: selected).range(of: AccountList.marker))
        let column = canvas.text(ofRow: selected).distance(
          from: canvas.text(ofRow: selected).startIndex, to: marker.lowerBound)
        XCTAssertEqual(canvas[selected, column].style, colours[.selected])
        XCTAssertEqual(canvas[selected, column + 1].style, colours[.selected])
        XCTAssertTrue(
          canvas.text(ofRow: selected).contains(TerminalText.sanitised(item.account.name)), canvas.text(ofRow: selected)
        )
        // Every other row: no marker, the letter in its own colour.
        for row in 2..<(2 + dashboard.visible.count) where row != selected {
          XCTAssertFalse(canvas.text(ofRow: row).contains(AccountList.marker), canvas.text(ofRow: row))
          let other = dashboard.rows[dashboard.visible[row - 2]]
          XCTAssertEqual(canvas[row, 0].style, colours[Theme.role(of: other.health.health)])
          XCTAssertEqual(canvas[row, column + 1].style, colours[.normal])
        }
        press(&dashboard, .character("j"))
      }
      press(&dashboard, .home)
    }
  }

  func testPollKeepsDueAndBoardCurrentAsAFullRebuildWould() throws {
    let fixture = try BookFixture()
    var dashboard = try dashboard(fixture)
    press(&dashboard, .character("d"), .character("e"))
    XCTAssertFalse(render(dashboard, rows: 40, columns: 120).lines.contains { $0.contains("Zeta Ltd") })

    var other = try Desk.open(Journal(path: fixture.path), user: "bo")
    try other.perform(
      .addAccount(slug: "zeta", profile: AccountProfile(name: "Zeta Ltd", tier: 1, owner: "bo")))
    try other.perform(
      .logTouchpoint(slug: "globex", TouchpointInput(kind: .call, date: fixture.today, summary: "Found an owner")))
    XCTAssertTrue(dashboard.poll())
    assertSameAsRebuilt(dashboard, fixture)

    let due = render(dashboard, rows: 40, columns: 120).lines
    XCTAssertTrue(due.contains { $0.contains("Zeta Ltd") }, "\(due)")
    XCTAssertTrue(due[1].contains("Due for everyone"), due[1])

    press(&dashboard, .character("b"))
    let board = render(dashboard, rows: 40, columns: 120).lines
    XCTAssertTrue(board.contains { $0.hasPrefix("bo  2 accounts: 0 R · 2 Y") }, "\(board)")
    XCTAssertTrue(board.contains { $0.contains("6 accounts") }, "\(board)")
    press(&dashboard, .character("o"))
    XCTAssertTrue(render(dashboard, rows: 40, columns: 120).lines.contains { $0.hasPrefix("tier 1") })

    // A configuration change may move every account: the same result as building afresh.
    try other.perform(.setConfig(key: "checkin.tier1", value: 3))
    XCTAssertTrue(dashboard.poll())
    assertSameAsRebuilt(dashboard, fixture)
    // A retraction is placed through the entry it names.
    let kickoff = try XCTUnwrap(
      other.book.timeline(of: "acme").first { $0.title.contains("Kickoff") }?.seq)
    try other.perform(.retract(seq: kickoff, reason: "logged twice"))
    XCTAssertTrue(dashboard.poll())
    assertSameAsRebuilt(dashboard, fixture)
  }

  func testTheFilterMatchesBytesCaseInsensitively() throws {
    let fixture = try BookFixture()
    var dashboard = try dashboard(fixture)
    type(&dashboard, "/ACME")
    XCTAssertEqual(dashboard.visible.map { dashboard.rows[$0].account.slug }, ["acme"])
    press(&dashboard, .escape)
    type(&dashboard, "/東京")
    XCTAssertEqual(dashboard.visible.map { dashboard.rows[$0].account.slug }, ["tokyo"])
    // Narrowing, then widening again.
    type(&dashboard, "x")
    XCTAssertEqual(dashboard.visible, [])
    press(&dashboard, .backspace, .backspace, .backspace)
    XCTAssertEqual(dashboard.visible.count, 5)
    type(&dashboard, "an")
    XCTAssertEqual(Set(dashboard.visible.map { dashboard.rows[$0].account.slug }), ["acme", "rocket", "evil"])
  }

  /// The rows, the due lists and the board of `dashboard` equal those of a dashboard built from scratch.
  private func assertSameAsRebuilt(
    _ dashboard: Dashboard, _ fixture: BookFixture, file: StaticString = #filePath, line: UInt = #line
  ) {
    guard let fresh = try? self.dashboard(fixture) else { return XCTFail("cannot open", file: file, line: line) }
    XCTAssertEqual(dashboard.rows, fresh.rows, file: file, line: line)
    var dueLeft = dashboard
    var dueRight = fresh
    dueLeft.show(.due)
    dueRight.show(.due)
    XCTAssertFalse(dueRight.due.everyone.isEmpty, "the fixture has plays", file: file, line: line)
    XCTAssertEqual(dueLeft.due.everyone, dueRight.due.everyone, file: file, line: line)
    XCTAssertEqual(dueLeft.due.mine, dueRight.due.mine, file: file, line: line)
    XCTAssertEqual(dueLeft.due.overdueEveryone, dueRight.due.overdueEveryone, file: file, line: line)
    for grouping in [BoardState.Grouping.owner, .tier] {
      var left = dashboard
      var right = fresh
      left.show(.board)
      right.show(.board)
      left.state.board.grouping = grouping
      // The same account under both cursors: the boards themselves are compared.
      right.state.board = left.state.board
      left.followCursors(left.environment())
      right.followCursors(right.environment())
      XCTAssertEqual(
        render(left, rows: 40, columns: 120).lines, render(right, rows: 40, columns: 120).lines, file: file, line: line)
    }
  }
}
