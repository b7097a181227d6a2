import Foundation
import RapportDomain

/// `rapport import usage` of a generated 100,000-row file into a fresh journal of 200 accounts, as a
/// real process (target: under 10 s), then the same file again (every row unchanged, nothing written).
enum ImportBench {
  static func run(_ options: BenchmarkOptions, directory: String, today: Day) {
    guard let rapport = CheckpointBench.siblingExecutable("rapport") else {
      print("import     the rapport executable is not beside rapport-bench: build it with -c release")
      return
    }
    let work = directory + "/import"
    mkdir(work, 0o700)
    let journal = work + "/journal.jsonl"
    unlink(journal)
    let environment =
      "env RAPPORT_LOG='\(journal)' RAPPORT_TODAY=\(today) RAPPORT_USER=bench TZ=UTC"
      + " XDG_CACHE_HOME='\(work)/cache' XDG_STATE_HOME='\(work)/state' "
    let accounts = 200
    var accountRows = "account,name,tier\n"
    for number in 1...accounts { accountRows += "acct-\(number),Account \(number),\(number % 3 + 1)\n" }
    let usage = usageFile(rows: options.importRows, accounts: accounts, today: today)
    guard write(accountRows, to: work + "/accounts.csv"), write(usage, to: work + "/usage.csv"),
      ProcessRun.shell(environment + "'\(rapport)' init > /dev/null").status == 0,
      ProcessRun.shell(environment + "'\(rapport)' import accounts '\(work)/accounts.csv' > /dev/null").status == 0
    else {
      print("import     could not prepare the journal in \(work)")
      return
    }
    let command = environment + "'\(rapport)' import usage '\(work)/usage.csv' > /dev/null"
    let first = ProcessRun.shell(command)
    let again = ProcessRun.shell(command)
    let size = Benchmark.fileSize(work + "/usage.csv")
    let resident = first.maxResidentKB > 0 ? ", peak \(first.maxResidentKB / 1024) MB" : ""
    print(
      "import     \(options.importRows) usage rows (\(size / 1024) KB CSV, \(accounts) accounts): "
        + String(format: "%.2f s (exit %d%@)", first.seconds, first.status, resident)
        + "   target < 10 s")
    print(
      String(
        format: "           the same file again, every row unchanged: %.2f s (exit %d)", again.seconds, again.status))
  }

  /// "account,date,value" rows: each account gets consecutive days back from `today`.
  static func usageFile(rows: Int, accounts: Int, today: Day) -> String {
    var text = "account,date,value\n"
    text.reserveCapacity(rows * 28)
    for row in 0..<rows {
      let day = today.adding(days: -(row / accounts))
      text += "acct-\(row % accounts + 1),\(day),\((row &* 7919) % 5000)\n"
    }
    return text
  }

  private static func write(_ text: String, to path: String) -> Bool {
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
  }
}
