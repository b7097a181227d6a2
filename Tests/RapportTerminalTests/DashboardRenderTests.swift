import RapportDomain
import RapportText
import XCTest

@testable import RapportTerminal

final class DashboardRenderTests: XCTestCase {
  func testMainScreenAtBothSizes() throws {
    let fixture = try BookFixture()
    let dashboard = try fixture.dashboard()
    for (rows, columns) in [(24, 80), (40, 120)] {
      let lines = render(dashboard, rows: rows, columns: columns).lines
      XCTAssertEqual(lines.count, rows)
      // Unowned first and loud.
      let firstRow = lines[2]
      XCTAssertTrue(firstRow.contains("NO OWNER"), firstRow)
      XCTAssertTrue(firstRow.contains("Globex"), firstRow)
      // Health letters read without colour.
      XCTAssertTrue(lines[2...6].allSatisfy { ["R", "Y", "G", "?"].contains(String($0.prefix(1))) }, "\(lines)")
      // The selected account's header: beside the list from 40 rows, on Enter below that.
      var opened = dashboard
      if rows < 40 { press(&opened, .enter) }
      let detail = render(opened, rows: rows, columns: columns).lines
      XCTAssertTrue(detail.contains { $0.contains("Globex  (globex)") }, "\(detail)")
      // Status line.
      let status = lines[rows - 1]
      XCTAssertTrue(status.contains("ana · book.jsonl · 7 records"), status)
      XCTAssertTrue(status.contains("q quit"), status)
    }
  }

  func testReadOnlyShowsInStatusLine() throws {
    let fixture = try BookFixture()
    let lines = render(try fixture.dashboard(readOnly: true)).lines
    XCTAssertTrue(lines[23].contains("read-only"), lines[23])
  }

  func testWideCharactersKeepOwnerColumnAligned() throws {
    let fixture = try BookFixture()
    let dashboard = try fixture.dashboard()
    for columns in [80, 120] {
      let canvas = render(dashboard, rows: 40, columns: columns)
      let lines = canvas.lines
      let header = lines[1]
      let ownerColumn = TerminalText.width(of: String(header[..<header.range(of: "OWNER")!.lowerBound]))
      for name in ["東京ロボティクス", "🚀 Rocket Labs", "Acme Corporation"] {
        let line = try XCTUnwrap(lines.first { $0.contains(name) && !$0.contains("(") }, name)
        let owner = name == "東京ロボティクス" ? " bo" : " ana"
        let prefix = String(line[..<line.range(of: owner)!.lowerBound])
        XCTAssertEqual(TerminalText.width(of: prefix) + 1, ownerColumn, "\(columns): \(line)")
      }
    }
  }

  func testHostileTextNeverReachesCells() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    type(&dashboard, "/evil")
    press(&dashboard, .enter)
    for screen: Character in ["m", "b", "d", "r", "?"] {
      _ = dashboard.handle(.character(screen))
      if screen == "r" { try waitForReport(&dashboard) }
      for (rows, columns) in [(24, 80), (40, 120)] {
        let canvas = render(dashboard, rows: rows, columns: columns)
        for cell in canvas.cells {
          XCTAssertFalse(
            cell.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x202E }, "\(screen)"
          )
        }
      }
    }
    _ = dashboard.handle(.character("m"))
    XCTAssertTrue(render(dashboard).lines.contains { $0.contains("^[]52;c;SGVsbG8=^GEvilCorp") })
  }

  func testTooSmallShowsEnlargeMessage() throws {
    let fixture = try BookFixture()
    let dashboard = try fixture.dashboard()
    let lines = render(dashboard, rows: 23, columns: 100).lines
    XCTAssertTrue(lines.joined(separator: " ").contains("Terminal too small: 100x23"), "\(lines)")
    XCTAssertTrue(render(dashboard, rows: 24, columns: 79).lines.joined().contains("enlarge"))
    for size in [(0, 0), (1, 1), (2, 5), (10, 40), (24, 0), (0, 80)] {
      _ = render(dashboard, rows: size.0, columns: size.1)
    }
  }

  func testOtherScreens() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    _ = dashboard.handle(.character("b"))
    var text = render(dashboard).lines.joined(separator: "\n")
    XCTAssertTrue(text.contains("Board by owner"), text)
    XCTAssertTrue(text.contains("(no owner)"), text)
    _ = dashboard.handle(.character("o"))
    text = render(dashboard, rows: 40, columns: 120).lines.joined(separator: "\n")
    XCTAssertTrue(text.contains("tier 1"), text)
    _ = dashboard.handle(.character("d"))
    text = render(dashboard).lines.joined(separator: "\n")
    XCTAssertTrue(text.contains("Due for ana"), text)
    _ = dashboard.handle(.character("e"))
    text = render(dashboard).lines.joined(separator: "\n")
    XCTAssertTrue(text.contains("Due for everyone"), text)
    XCTAssertTrue(text.contains("NO OWNER"), text)
    _ = dashboard.handle(.character("r"))
    try waitForReport(&dashboard)
    text = render(dashboard).lines.joined(separator: "\n")
    XCTAssertTrue(text.contains("NPS"), text)
    XCTAssertTrue(text.contains("-Q"), text)
    _ = dashboard.handle(.character("?"))
    text = render(dashboard).lines.joined(separator: "\n")
    XCTAssertTrue(text.contains("Keys"), text)
    XCTAssertTrue(text.contains("filter by name"), text)
    _ = dashboard.handle(.escape)
    XCTAssertEqual(dashboard.state.screen, .main)
  }

  func testReportsComputeInTheBackgroundAndAPollShowsThem() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    _ = dashboard.handle(.character("r"))
    // The key returns at once; until the report is ready the screen says so.
    let first = render(dashboard).lines.joined(separator: "\n")
    if dashboard.report == nil { XCTAssertTrue(first.contains("Computing the metrics of 5 accounts"), first) }
    try waitForReport(&dashboard)
    XCTAssertTrue(render(dashboard).lines.joined(separator: "\n").contains("NPS"))
    // A poll with nothing new asks for no redraw once the report is on screen.
    XCTAssertFalse(dashboard.poll())
  }

  func testTheReportsScreenShowsTheRenewalForecast() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    _ = dashboard.handle(.character("r"))
    try waitForReport(&dashboard)
    let lines = render(dashboard, rows: 60, columns: 120).lines
    let text = lines.joined(separator: "\n")
    // Every fixture account renews in 60 days.
    XCTAssertTrue(text.contains("Renewals, next 90 days  \(dashboard.rows.count), value"), text)
    XCTAssertTrue(text.contains("value at risk (red and yellow):"), text)
    XCTAssertTrue(text.contains("overdue, no outcome recorded: 0"), text)
  }

  func testTheReportsScreenShowsNPSWithItsResponsesAndBand() throws {
    let fixture = try BookFixture()
    var dashboard = try fixture.dashboard()
    _ = dashboard.handle(.character("r"))
    try waitForReport(&dashboard)
    let lines = render(dashboard, rows: 40, columns: 120).lines
    XCTAssertTrue(lines.contains { $0.contains("band (>30 good, >50 exc.)") }, lines.joined(separator: "\n"))
    for title in ["Gross revenue retention", "Contraction revenue", "Touchpoints per account"] {
      XCTAssertTrue(lines.contains { $0.contains(title) }, title)
    }
    XCTAssertEqual(ReportsView.cell(MetricValue(value: 45.4, basis: 12), .nps), "+45 n=12")
    XCTAssertEqual(ReportsView.cell(MetricValue(value: -20, basis: 5), .nps), "-20 n=5")
    XCTAssertEqual(ReportsView.cell(MetricValue(value: 0, basis: 2), .nps), "0 n=2")
    XCTAssertEqual(ReportsView.cell(.noData, .nps), "no data")
    XCTAssertEqual(ReportsView.cell(MetricValue(value: 92, basis: 40), .grr), "92%")
  }

  func testSparkline() {
    XCTAssertEqual(ReportsView.sparkline([0, 1, 2, 7]), "▁▂▃█")
    XCTAssertEqual(ReportsView.sparkline([nil, 5, 5, nil]), " ▄▄ ")
    XCTAssertEqual(ReportsView.sparkline([nil, nil]), "  ")
  }
}
