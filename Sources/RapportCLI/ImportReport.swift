import Glibc
import RapportDomain
import RapportExchange
import RapportJournal
import RapportText

/// What an import says on stdout: the file, its columns, the counts and (for a dry run) the first rows.
enum ImportReport {
  static func describe(_ plan: ImportPlan, dryRun: Bool, show: Int) {
    let file = plan.file
    let name = TerminalText.sanitised(file.name)
    if dryRun {
      var about = "\(name): \(plan.rowCount) row\(plan.rowCount == 1 ? "" : "s") of \(plan.kind.rawValue)"
      about += " (\(file.document.separatorName)-separated"
      if let source = file.mapping.source { about += "; \(source)" }
      Output.line(about + ")")
      let columns = file.mapping.columns.map { "\($0.field.name) ← \"\($0.header)\" (\($0.index + 1))" }
      Output.line(TerminalText.sanitised("columns: " + columns.joined(separator: ", ")))
      if !file.mapping.ignored.isEmpty {
        Output.line(
          TerminalText.sanitised("ignored columns: " + file.mapping.ignored.map { "\"\($0)\"" }.joined(separator: ", "))
        )
      }
    }
    // A company's revenue or head count is never a contract value: say why such a column was left out.
    if !file.mapping.companyFigures.isEmpty {
      let names = file.mapping.companyFigures.map { "\"\($0)\"" }.joined(separator: ", ")
      let text = TerminalText.sanitised(
        "ignored \(names): the client company's own figure\(file.mapping.companyFigures.count == 1 ? "" : "s"), "
          + "never a contract value (the value comes from a deal amount, contract value, ACV or ARR column)")
      if dryRun { Output.line(text) } else { Output.note(text) }
    }
    let counts =
      "add \(plan.count(.add)), update \(plan.count(.update)), unchanged \(plan.count(.unchanged)), skip \(plan.skipped)"
    if dryRun {
      let problems = plan.problems.count
      Output.line(
        "dry run, nothing written: would \(counts); \(plan.plannedCommands.count) record\(plan.plannedCommands.count == 1 ? "" : "s"); "
          + "\(problems) problem\(problems == 1 ? "" : "s")")
      let listed = (0..<min(show, plan.rowCount)).map(plan.row(at:))
      if !listed.isEmpty {
        Output.line("first rows:")
        for row in listed { Output.line(TerminalText.sanitised("  line \(row.line): " + plan.describe(row))) }
        if plan.rowCount > listed.count { Output.line("  … \(plan.rowCount - listed.count) more") }
      }
    } else {
      Output.line(
        "\(name): added \(plan.count(.add)), updated \(plan.count(.update)), unchanged \(plan.count(.unchanged)), "
          + "skipped \(plan.skipped)")
      // Skipped rows are on purpose (a lead is not a client), but say which, on stderr.
      for row in plan.skippedRows(limit: 5) { Output.note("\(file.name):\(row.line): \(plan.describe(row))") }
      if plan.skipped > 5 {
        Output.note("\(counted(plan.skipped - 5, "more row", plural: "more rows")) skipped (see --dry-run --show N)")
      }
    }
  }
}
