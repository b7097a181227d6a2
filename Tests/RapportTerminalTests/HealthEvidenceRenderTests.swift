import RapportDomain
import XCTest

@testable import RapportTerminal

/// The dashboard's account pane says when the evidence is too thin for green (docs/rules.md, Health).
final class HealthEvidenceRenderTests: XCTestCase {
  func testTheAccountPaneShowsThinData() throws {
    let fixture = try BookFixture()
    // acme: one call today and nothing else: 100 on 1 of 5 measures, so yellow.
    for (rows, columns) in [(24, 80), (40, 120)] {
      var dashboard = try fixture.dashboard()
      select("acme", in: &dashboard)
      XCTAssertEqual(dashboard.selection?.health.health, .yellow)
      XCTAssertEqual(dashboard.selection?.health.score, 100)
      if rows < 40 { press(&dashboard, .enter) }
      let lines = render(dashboard, rows: rows, columns: columns).lines
      XCTAssertTrue(
        lines.contains { $0.contains("thin data: 1 of 5 measures: at most yellow") }, "\(rows)x\(columns): \(lines)")
    }
  }
}
