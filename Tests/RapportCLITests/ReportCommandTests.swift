import Foundation
import XCTest

/// `rapport report`: the metrics of a small book with known numbers, as JSON, by tier, by month, as CSV
/// and as text; then what the figures mean (ACV growth over the clients at both ends, gross retention and
/// contraction, NPS with n, no check-in due before an account was entered). Every date the figures depend
/// on is given explicitly (today is 2026-11-23).
final class ReportCommandTests: RapportCLITestCase {
  /// acme (tier 1, bob, 100k, signed Jan 5), beta (tier 2, carol, signed Feb 1), gamma (tier 3, no owner,
  /// signed Oct 10), each entered on the day it was signed; NPS 10 and 3 in August, 9 in November; tickets Jul 10, Oct 20, Nov 5; a QBR scheduled
  /// Oct 15 and held Oct 16; gamma's first criterion met Nov 9; beta called Oct 11 and mailed Oct 20.
  private func smallBook() throws -> RapportSandbox {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    try sandbox.succeed([
      "account", "add", "acme", "--name", "Acme", "--tier", "1", "--owner", "bob", "--signed", "2026-01-05",
      "--value", "100k", "--date", "2026-01-05",
    ])
    try sandbox.succeed([
      "account", "add", "beta", "--name", "Beta", "--tier", "2", "--owner", "carol", "--signed", "2026-02-01",
      "--date", "2026-02-01",
    ])
    try sandbox.succeed([
      "account", "add", "gamma", "--name", "Gamma", "--tier", "3", "--signed", "2026-10-10", "--date", "2026-10-10",
    ])
    try sandbox.succeed(["nps", "acme", "10", "--date", "2026-08-01"])
    try sandbox.succeed(["nps", "beta", "3", "--date", "2026-08-15"])
    try sandbox.succeed(["nps", "acme", "9", "--date", "2026-11-02"])
    try sandbox.succeed(["ticket", "open", "beta", "T-3", "--date", "2026-07-10"])
    try sandbox.succeed(["ticket", "open", "beta", "T-2", "--date", "2026-10-20"])
    try sandbox.succeed(["ticket", "open", "acme", "T-1", "--date", "2026-11-05"])
    try sandbox.succeed(["qbr", "acme", "2026-10-15"])
    try sandbox.succeed(["touch", "acme", "--kind", "qbr", "--summary", "QBR held", "--date", "2026-10-16"])
    try sandbox.succeed(["touch", "beta", "--kind", "call", "--summary", "Check-in", "--date", "2026-10-11"])
    try sandbox.succeed(["touch", "beta", "--kind", "email", "--summary", "Follow-up", "--date", "2026-10-20"])
    try sandbox.succeed(["criterion", "add", "gamma", "Go live"])
    try sandbox.succeed(["criterion", "met", "gamma", "1", "--date", "2026-11-09"])
    return sandbox
  }

  private typealias Figure = (value: Double?, basis: Int)

  /// group → metric → period → figure, from `report --format json`.
  private func figures(_ object: [String: Any], file: StaticString = #filePath, line: UInt = #line) throws
    -> [String: [String: [String: Figure]]]
  {
    var result: [String: [String: [String: Figure]]] = [:]
    let groups = try XCTUnwrap(object["groups"] as? [[String: Any]], file: file, line: line)
    for group in groups {
      let name = try XCTUnwrap(group["group"] as? String, file: file, line: line)
      for metric in try XCTUnwrap(group["metrics"] as? [[String: Any]], file: file, line: line) {
        let code = try XCTUnwrap(metric["metric"] as? String, file: file, line: line)
        for value in try XCTUnwrap(metric["values"] as? [[String: Any]], file: file, line: line) {
          let period = try XCTUnwrap(value["period"] as? String, file: file, line: line)
          XCTAssertTrue(value.keys.contains("value"), "\(value)", file: file, line: line)
          let basis = try XCTUnwrap((value["basis"] as? NSNumber)?.intValue, file: file, line: line)
          result[name, default: [:]][code, default: [:]][period] = ((value["value"] as? NSNumber)?.doubleValue, basis)
        }
      }
    }
    return result
  }

  private func assertFigure(
    _ figure: Figure?, _ value: Double?, basis: Int, _ message: String, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    guard let figure else {
      XCTFail("missing figure: \(message)", file: file, line: line)
      return
    }
    XCTAssertEqual(figure.basis, basis, "basis of \(message)", file: file, line: line)
    if let value {
      XCTAssertEqual(figure.value ?? .nan, value, accuracy: 0.005, message, file: file, line: line)
    } else {
      XCTAssertNil(figure.value, "\(message) should be no data (null)", file: file, line: line)
    }
  }

  func testReportAsJSONHasTheKnownFiguresOfASmallBook() throws {
    let sandbox = try smallBook()
    let result = try sandbox.succeed(["report", "--format", "json"])
    let object = try XCTUnwrap(try parseJSON(result.stdout) as? [String: Any], result.stdout)
    XCTAssertEqual(object["period"] as? String, "quarter")
    XCTAssertEqual(object["periods"] as? [String], ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"])
    let all = try XCTUnwrap(try figures(object)["all"], result.stdout)
    XCTAssertEqual(try figures(object).keys.sorted(), ["all"])
    XCTAssertEqual(
      all.keys.sorted(),
      [
        "cadence-completion", "contraction", "expansion", "grr", "nps", "nrr", "qbr-completion", "retention",
        "tickets-per-client", "time-to-first-value", "touchpoints", "value-growth",
      ].sorted())
    for (metric, periods) in all { XCTAssertEqual(periods.count, 4, metric) }

    assertFigure(all["nps"]?["2026-Q2"], nil, basis: 0, "NPS Q2")
    assertFigure(all["nps"]?["2026-Q3"], 0, basis: 2, "NPS Q3: one promoter, one detractor")
    assertFigure(all["nps"]?["2026-Q4"], 100, basis: 1, "NPS Q4")
    assertFigure(all["retention"]?["2026-Q1"], nil, basis: 0, "retention Q1: no clients on Dec 31")
    assertFigure(all["retention"]?["2026-Q2"], 100, basis: 2, "retention Q2")
    assertFigure(all["retention"]?["2026-Q4"], 100, basis: 2, "retention Q4: gamma is new")
    assertFigure(all["nrr"]?["2026-Q1"], nil, basis: 0, "NRR Q1")
    assertFigure(all["nrr"]?["2026-Q3"], 100, basis: 1, "NRR Q3: acme alone has a value")
    assertFigure(all["expansion"]?["2026-Q4"], 0, basis: 1, "expansion Q4")
    assertFigure(all["value-growth"]?["2026-Q4"], 0, basis: 1, "value growth Q4")
    assertFigure(all["grr"]?["2026-Q4"], 100, basis: 1, "GRR Q4")
    assertFigure(all["contraction"]?["2026-Q4"], 0, basis: 1, "contraction Q4")
    // QBRs the cadence made due (every 91 days; gamma is tier 3): acme from Jan 5 Apr 6, Jul 6, Oct 5
    // (held Oct 16: 11 days late); beta from Feb 1 May 3, Aug 2, Nov 1. None held on time.
    assertFigure(all["qbr-completion"]?["2026-Q2"], 0, basis: 2, "QBR completion Q2")
    assertFigure(all["qbr-completion"]?["2026-Q3"], 0, basis: 2, "QBR completion Q3")
    assertFigure(all["qbr-completion"]?["2026-Q4"], 0, basis: 2, "QBR completion Q4")
    // Meaningful touchpoints: Q4 acme's QBR, beta's call and email, over acme, beta and gamma.
    assertFigure(all["touchpoints"]?["2026-Q3"], 0, basis: 2, "touchpoints Q3")
    assertFigure(all["touchpoints"]?["2026-Q4"], 1, basis: 3, "touchpoints Q4")
    let nps = try XCTUnwrap(
      (try XCTUnwrap(object["groups"] as? [[String: Any]]).first?["metrics"] as? [[String: Any]])?.first {
        $0["metric"] as? String == "nps"
      })
    XCTAssertEqual(nps["basis_of"] as? String, "responses")
    let bands = try XCTUnwrap(nps["values"] as? [[String: Any]]).map { $0["band"] as? String ?? "null" }
    XCTAssertEqual(bands, ["null", "null", "fair", "excellent"])
    assertFigure(all["time-to-first-value"]?["2026-Q4"], 30, basis: 1, "time to first value Q4")
    assertFigure(all["time-to-first-value"]?["2026-Q3"], nil, basis: 0, "time to first value Q3")
    assertFigure(all["tickets-per-client"]?["2026-Q1"], 0, basis: 2, "tickets per client Q1")
    assertFigure(all["tickets-per-client"]?["2026-Q3"], 0.5, basis: 2, "tickets per client Q3")
    assertFigure(all["tickets-per-client"]?["2026-Q4"], 0.67, basis: 3, "tickets per client Q4")
    // Q4 check-ins due: acme (every 7 days from Jan 5, never met) Oct 5, 12, then after the late QBR on
    // Oct 16: Oct 23, 30, Nov 6, 13, 20; beta (every 14 days from Feb 1, never met until the late call on
    // Oct 11): Oct 25 (met Oct 20), Nov 3, 17; gamma (every 30 days from Oct 10) Nov 9. One of 11 on time.
    assertFigure(all["cadence-completion"]?["2026-Q4"], 100.0 / 11, basis: 11, "cadence completion Q4")
  }

  func testReportByTierHasAGroupPerTier() throws {
    let sandbox = try smallBook()
    let result = try sandbox.succeed(["report", "--by", "tier", "--format", "json"])
    let object = try XCTUnwrap(try parseJSON(result.stdout) as? [String: Any], result.stdout)
    let groups = try XCTUnwrap(object["groups"] as? [[String: Any]])
    XCTAssertEqual(groups.compactMap { $0["group"] as? String }, ["all", "tier 1", "tier 2", "tier 3"])
    let figures = try figures(object)
    assertFigure(figures["tier 1"]?["nps"]?["2026-Q3"], 100, basis: 1, "tier 1 NPS Q3")
    assertFigure(figures["tier 2"]?["nps"]?["2026-Q3"], -100, basis: 1, "tier 2 NPS Q3")
    assertFigure(figures["tier 3"]?["nps"]?["2026-Q3"], nil, basis: 0, "tier 3 NPS Q3")
    assertFigure(figures["tier 3"]?["retention"]?["2026-Q4"], nil, basis: 0, "tier 3 retention Q4: new")
    assertFigure(figures["tier 2"]?["tickets-per-client"]?["2026-Q4"], 1, basis: 1, "tier 2 tickets Q4")
    assertFigure(figures["tier 3"]?["time-to-first-value"]?["2026-Q4"], 30, basis: 1, "tier 3 TTFV Q4")

    let byOwner = try sandbox.succeed(["report", "--by", "owner", "--format", "json"])
    let owners = try XCTUnwrap(try parseJSON(byOwner.stdout) as? [String: Any], byOwner.stdout)
    XCTAssertEqual(
      (owners["groups"] as? [[String: Any]])?.compactMap { $0["group"] as? String },
      ["all", "bob", "carol", "(no owner)"])
  }

  func testReportByMonthHasTheLastFourMonths() throws {
    let sandbox = try smallBook()
    let result = try sandbox.succeed(["report", "--period", "month", "--format", "json"])
    let object = try XCTUnwrap(try parseJSON(result.stdout) as? [String: Any], result.stdout)
    XCTAssertEqual(object["period"] as? String, "month")
    XCTAssertEqual(object["periods"] as? [String], ["2026-08", "2026-09", "2026-10", "2026-11"])
    let all = try XCTUnwrap(try figures(object)["all"])
    assertFigure(all["nps"]?["2026-08"], 0, basis: 2, "NPS August")
    assertFigure(all["nps"]?["2026-09"], nil, basis: 0, "NPS September")
    assertFigure(all["nps"]?["2026-11"], 100, basis: 1, "NPS November")
    assertFigure(all["tickets-per-client"]?["2026-10"], 1.0 / 3, basis: 3, "tickets October")
    assertFigure(all["qbr-completion"]?["2026-10"], 0, basis: 1, "QBRs October: acme's due Oct 5, held Oct 16")

    let year = try sandbox.succeed(["report", "--period", "year", "--format", "json"])
    let years = try XCTUnwrap(try parseJSON(year.stdout) as? [String: Any], year.stdout)
    XCTAssertEqual(years["periods"] as? [String], ["2023", "2024", "2025", "2026"])

    let wrong = try sandbox.run(["report", "--period", "week"])
    XCTAssertEqual(wrong.status, 64, wrong.summary)
    let wrongGroup = try sandbox.run(["report", "--by", "stage"])
    XCTAssertEqual(wrongGroup.status, 64, wrongGroup.summary)
  }

  func testReportAsCSVHasAHeaderAndARowPerGroupMetricAndPeriod() throws {
    let sandbox = try smallBook()
    let result = try sandbox.succeed(["report", "--by", "owner", "--format", "csv"])
    let rows = parseCSV(result.stdout)
    XCTAssertEqual(rows.first, ["group", "metric", "period", "value", "basis"])
    XCTAssertEqual(rows.count, 1 + 4 * 12 * 4, "header + 4 groups × 12 metrics × 4 quarters")
    XCTAssertTrue(rows.allSatisfy { $0.count == 5 }, result.stdout)
    let body = rows.dropFirst()
    XCTAssertEqual(Set(body.map { $0[0] }), ["all", "bob", "carol", "(no owner)"])
    XCTAssertEqual(Set(body.map { $0[2] }), ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"])
    XCTAssertTrue(body.contains(["all", "nps", "2026-Q3", "0", "2"]), result.stdout)
    XCTAssertTrue(body.contains(["all", "nps", "2026-Q2", "", "0"]), "no data is an empty value: \(result.stdout)")
    XCTAssertTrue(body.contains(["all", "tickets-per-client", "2026-Q4", "0.67", "3"]), result.stdout)
    XCTAssertTrue(body.contains(["carol", "nps", "2026-Q3", "-100", "1"]), result.stdout)
    for row in body where !row[3].isEmpty { XCTAssertNotNil(Double(row[3]), "\(row)") }
  }

  func testReportAsTextShowsPeriodsBasesAndNoData() throws {
    let sandbox = try smallBook()
    let result = try sandbox.succeed(["report", "--by", "tier"])
    let text = result.stdout
    for label in ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"] { XCTAssertTrue(text.contains(label), text) }
    let npsLine = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("NPS") }, text)
    XCTAssertTrue(npsLine.contains("no data"), String(npsLine))
    XCTAssertTrue(npsLine.contains("0 (n=2)"), String(npsLine))
    XCTAssertTrue(npsLine.contains("+100 (n=1)"), String(npsLine))
    let bandLine = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("  NPS band") }, text)
    XCTAssertTrue(bandLine.contains("fair") && bandLine.contains("excellent"), String(bandLine))
    XCTAssertTrue(text.contains("above 30 good"), text)
    for label in ["GRR (gross)", "Contraction", "Touches/account"] { XCTAssertTrue(text.contains(label), text) }
    XCTAssertTrue(text.contains("Tier 3 (1 account)"), text)
    XCTAssertTrue(text.contains("QBRs on time"), text)
    XCTAssertTrue(text.contains("9% (n=11)"), text)
    XCTAssertTrue(text.split(separator: "\n").allSatisfy { $0.count <= 80 }, "fits 80 columns:\n\(text)")
  }

  func testReportOnAnEmptyBookIsAllNoData() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    let result = try sandbox.succeed(["report", "--format", "json"])
    let object = try XCTUnwrap(try parseJSON(result.stdout) as? [String: Any], result.stdout)
    let all = try XCTUnwrap(try figures(object)["all"])
    XCTAssertEqual(all.count, 12)
    for (metric, periods) in all {
      for (period, figure) in periods { assertFigure(figure, nil, basis: 0, "\(metric) \(period)") }
    }
    let missing = try sandbox.run(["report"], environment: ["RAPPORT_LOG": sandbox.path("none.jsonl")])
    XCTAssertEqual(missing.status, 74, missing.summary)
  }

  // MARK: What the figures mean

  /// A quarter whose only change is a new client: the old mean moved +33 % (150k → 200k), no client did.
  func testACVGrowthOfAQuarterWhoseOnlyChangeIsANewClientIsZero() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    for (slug, value, signed) in [
      ("acme", "100k", "2026-01-05"), ("beta", "200k", "2026-02-01"), ("new", "300k", "2026-08-01"),
    ] {
      try sandbox.succeed([
        "account", "add", slug, "--name", slug, "--tier", "2", "--signed", signed, "--value", value, "--date", signed,
      ])
    }
    let result = try sandbox.succeed(["report", "--format", "json"])
    let object = try XCTUnwrap(try parseJSON(result.stdout) as? [String: Any], result.stdout)
    let all = try XCTUnwrap(try figures(object)["all"])
    assertFigure(all["value-growth"]?["2026-Q3"], 0, basis: 2, "value growth Q3: acme and beta at both ends")
    assertFigure(all["expansion"]?["2026-Q3"], 0, basis: 2, "expansion Q3")
    assertFigure(all["value-growth"]?["2026-Q4"], 0, basis: 3, "value growth Q4")
    let text = try sandbox.succeed(["report"]).stdout
    let line = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("Avg value growth") }, text)
    XCTAssertFalse(line.contains("33"), String(line))
    XCTAssertTrue(line.contains("0% (n=2)"), String(line))
  }

  /// acme 100k → 60k (downsized), beta 50k churns, gamma 100k → 130k, all in Q4.
  func testGrossRetentionAndContractionOfADownsizedClient() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    for (slug, value) in [("acme", "100k"), ("beta", "50k"), ("gamma", "100k")] {
      try sandbox.succeed([
        "account", "add", slug, "--name", slug, "--tier", "2", "--signed", "2026-01-05", "--value", value, "--date",
        "2026-01-05",
      ])
    }
    try sandbox.succeed(["account", "set", "acme", "--value", "60k", "--date", "2026-10-10"])
    try sandbox.succeed(["account", "set", "gamma", "--value", "130k", "--date", "2026-10-20"])
    try sandbox.succeed(["stage", "beta", "churned", "--reason", "Budget", "--date", "2026-11-01"])
    let result = try sandbox.succeed(["report", "--format", "json"])
    let object = try XCTUnwrap(try parseJSON(result.stdout) as? [String: Any], result.stdout)
    let all = try XCTUnwrap(try figures(object)["all"])
    // Start 250k; contraction 40k (acme); churned 50k (beta); expansion 30k (gamma).
    assertFigure(all["contraction"]?["2026-Q4"], 40_000, basis: 3, "contraction Q4")
    assertFigure(all["expansion"]?["2026-Q4"], 30_000, basis: 3, "expansion Q4")
    assertFigure(all["grr"]?["2026-Q4"], (250.0 - 40 - 50) / 250 * 100, basis: 3, "GRR Q4")
    assertFigure(all["nrr"]?["2026-Q4"], (60.0 + 130) / 250 * 100, basis: 3, "NRR Q4")
    assertFigure(all["grr"]?["2026-Q3"], 100, basis: 3, "GRR Q3")
    assertFigure(all["contraction"]?["2026-Q3"], 0, basis: 3, "contraction Q3")
    let text = try sandbox.succeed(["report"]).stdout
    let contraction = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("Contraction") }, text)
    XCTAssertTrue(contraction.hasSuffix("40k (n=3)"), String(contraction))
    let grr = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("GRR (gross)") }, text)
    XCTAssertTrue(grr.hasSuffix("64% (n=3)"), String(grr))
  }

  func testNPSShowsItsNumberOfResponsesAndBand() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    try sandbox.succeed(["account", "add", "acme", "--name", "Acme", "--tier", "2", "--signed", "2026-01-05"])
    for (score, date) in [("10", "2026-10-01"), ("9", "2026-10-02"), ("7", "2026-10-03"), ("3", "2026-10-04")] {
      try sandbox.succeed(["nps", "acme", score, "--date", date])
    }
    // 2 promoters, 1 detractor of 4: +25, fair.
    let text = try sandbox.succeed(["report"]).stdout
    let npsLine = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("NPS") }, text)
    XCTAssertTrue(npsLine.hasSuffix("+25 (n=4)"), String(npsLine))
    let bandLine = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("  NPS band") }, text)
    XCTAssertTrue(bandLine.hasSuffix(" fair"), String(bandLine))
    let object = try XCTUnwrap(
      try parseJSON(try sandbox.succeed(["report", "--format", "json"]).stdout) as? [String: Any])
    assertFigure(try figures(object)["all"]?["nps"]?["2026-Q4"], 25, basis: 4, "NPS Q4")
    try sandbox.succeed(["nps", "acme", "10", "--date", "2026-11-01"])
    try sandbox.succeed(["nps", "acme", "10", "--date", "2026-11-02"])
    // 4 promoters, 1 detractor of 6: +50, good (excellent is above 50).
    let after = try sandbox.succeed(["report", "--by", "owner"]).stdout
    let lines = after.split(separator: "\n").filter { !$0.hasPrefix("NPS band:") }  // not the legend
    XCTAssertEqual(lines.filter { $0.hasPrefix("NPS ") }.count, 2, "all and (no owner)")
    XCTAssertTrue(lines.filter { $0.hasPrefix("NPS ") }.allSatisfy { $0.hasSuffix("+50 (n=6)") }, after)
    XCTAssertTrue(lines.filter { $0.hasPrefix("  NPS band") }.allSatisfy { $0.hasSuffix(" good") }, after)
  }

  /// A book entered yesterday whose clients signed in 2024 and 2025: the check-ins that fell due before it
  /// was entered (about a hundred) are not counted as missed.
  func testCadenceOfABookEnteredYesterdayIsNotZeroOverPreEntryCheckIns() throws {
    let sandbox = try makeSandbox()
    try sandbox.succeed(["init"])
    for (slug, signed) in [("acme", "2024-03-01"), ("beta", "2025-06-15")] {
      try sandbox.succeed([
        "account", "add", slug, "--name", slug, "--tier", "1", "--signed", signed, "--date", "2026-11-22",
      ])
    }
    try sandbox.succeed(["touch", "acme", "--kind", "call", "--summary", "Catch-up", "--date", "2026-11-20"])
    let result = try sandbox.succeed(["report", "--format", "json"])
    let object = try XCTUnwrap(try parseJSON(result.stdout) as? [String: Any], result.stdout)
    let all = try XCTUnwrap(try figures(object)["all"])
    for period in ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"] {
      assertFigure(all["cadence-completion"]?[period], nil, basis: 0, "cadence \(period): nothing due yet")
      assertFigure(all["qbr-completion"]?[period], nil, basis: 0, "QBRs \(period): nothing due yet")
    }
    // Entered Nov 1 and checked in weekly since: due Nov 8, 14, 21, each met.
    try sandbox.succeed([
      "account", "add", "gamma", "--name", "Gamma", "--tier", "1", "--signed", "2024-01-10", "--date", "2026-11-01",
    ])
    for date in ["2026-11-07", "2026-11-14", "2026-11-21"] {
      try sandbox.succeed(["touch", "gamma", "--kind", "call", "--summary", "Weekly", "--date", date])
    }
    let text = try sandbox.succeed(["report"]).stdout
    let line = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("Cadence on time") }, text)
    XCTAssertTrue(line.hasSuffix("100% (n=3)"), String(line))
  }

  /// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; lines end in CRLF or LF.
  private func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text.unicodeScalars)[...]
    while let character = characters.popFirst() {
      if quoted {
        if character == "\"" {
          if characters.first == "\"" {
            field.unicodeScalars.append("\"")
            characters.removeFirst()
          } else {
            quoted = false
          }
        } else {
          field.unicodeScalars.append(character)
        }
        continue
      }
      switch character {
      case "\"": quoted = true
      case ",":
        row.append(field)
        field = ""
      case "\r": continue
      case "\n":
        row.append(field)
        rows.append(row)
        row = []
        field = ""
      default: field.unicodeScalars.append(character)
      }
    }
    if !field.isEmpty || !row.isEmpty {
      row.append(field)
      rows.append(row)
    }
    return rows
  }
}
