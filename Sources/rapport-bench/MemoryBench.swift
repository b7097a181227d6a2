import Glibc
import RapportDomain
import RapportTestSupport

/// Peak resident memory and wall time of the commands a user runs, as real processes, on two journals
/// of the same size and different shapes, against the targets in docs/performance.md (every command
/// ≤ 200 MB, `verify` ≤ 64 MB; one import of 1,000,000 usage rows ≤ 6 s and ≤ 300 MB):
///
/// - the bench's book: the demo generator's journal the other sections use (5,000 accounts, four
///   years, one small batch per write);
/// - one big import: `rapport init`, 5,000 accounts by `rapport import accounts`, then 1,000,000 usage
///   rows (200 per account) by one `rapport import usage`, so that almost every record is in one batch.
///
/// Beside them, on the same files, the floor and the peer: `wc -l`, and Python's `json` module reading
/// the journal line by line. Peak resident memory is the child's `ru_maxrss` from `wait4`, read through
/// GNU time (`ProcessRun`): a child spawned straight from this large process would report this
/// process's peak instead.
enum MemoryBench {
  static let commandTargetMB = 200
  static let verifyTargetMB = 64
  static let importTargetMB = 300
  static let importTargetSeconds = 6.0

  /// A journal measured: its label in the table and its file.
  struct Shape {
    var label: String
    var path: String
  }

  /// How a step treats the checkpoint.
  enum CheckpointUse {
    /// `RAPPORT_NO_CHECKPOINT=1`: a full replay, nothing read or written.
    case none
    /// The cache emptied first: a full replay, then the checkpoint written (the first run).
    case fresh
    /// The checkpoint the first run wrote.
    case kept
  }

  /// One command as a user runs it: `rapport ARGUMENTS < /dev/null > /dev/null`.
  struct Step {
    var label: String
    var arguments: [String]
    var checkpoint: CheckpointUse = .kept
    var targetMB: Int? = MemoryBench.commandTargetMB
  }

  /// What one step cost on one journal (the best time and the highest peak of `--memory-runs`).
  struct Figure {
    var seconds: Double
    var residentKB: Int
    var status: Int32
  }

  static let steps: [Step] = [
    Step(label: "board --format json, no checkpoint", arguments: ["board", "--format", "json"], checkpoint: .none),
    Step(
      label: "board --format json, first run (writes it)", arguments: ["board", "--format", "json"],
      checkpoint: .fresh),
    Step(label: "board --format json, from the checkpoint", arguments: ["board", "--format", "json"]),
    Step(label: "board (text)", arguments: ["board"]),
    Step(label: "due --format json", arguments: ["due", "--format", "json"]),
    Step(label: "report (quarters, text)", arguments: ["report"]),
    Step(label: "report --by owner --format json", arguments: ["report", "--by", "owner", "--format", "json"]),
    Step(label: "export accounts", arguments: ["export", "accounts"]),
    Step(label: "export board", arguments: ["export", "board"]),
    Step(label: "export due", arguments: ["export", "due"]),
    Step(label: "export timeline (every account)", arguments: ["export", "timeline"]),
    Step(label: "export touchpoints", arguments: ["export", "touchpoints"]),
    Step(label: "export calendar", arguments: ["export", "calendar"]),
    Step(label: "standup --format json (the agenda)", arguments: ["standup", "--format", "json"]),
    Step(label: "verify", arguments: ["verify"], targetMB: MemoryBench.verifyTargetMB),
  ]

  static func run(_ options: BenchmarkOptions, directory: String, today: Day) throws {
    guard let rapport = CheckpointBench.siblingExecutable("rapport") else {
      print("memory     the rapport executable is not beside rapport-bench: build it with -c release")
      return
    }
    guard access("/usr/bin/time", X_OK) == 0 else {
      print("memory     GNU time is not installed (apt-get install time): peak memory cannot be measured")
      return
    }
    print(
      "memory     \(options.events) events, \(options.accounts) accounts, two shapes; each command a process "
        + "(ru_maxrss through GNU time), in \(directory)   load \(loadAverage())")
    print("           \(rapport)")
    let (bookPath, generation) = try Benchmark.bookJournal(options, named: "memory-book.jsonl", in: directory)
    // Without --keep, the journals go with the temporary folder.
    defer {
      if options.directory == nil {
        unlink(bookPath)
        _ = ProcessRun.shell("rm -rf \(quote(directory + "/memory-import"))")
      }
    }
    print(
      String(
        format: "book       %.1f MB journal (generated %.1f s) %@", megabytes(Benchmark.fileSize(bookPath)),
        generation, bookPath))
    guard let imported = importJournal(options, rapport: rapport, directory: directory, today: today) else { return }
    if options.journalsOnly { return }

    let shapes = [Shape(label: "bench book", path: bookPath), Shape(label: "one big import", path: imported)]
    var figures: [[Figure]] = []
    for shape in shapes {
      figures.append(measure(shape, rapport: rapport, directory: directory, today: today, runs: options.memoryRuns))
    }
    let peers = peerSteps()
    let peerFigures = shapes.map { shape in
      peers.map { peer in best(runs: 1) { ProcessRun.shell(peer.command(shape.path)) } }
    }
    printTable(shapes: shapes, figures: figures, peers: peers, peerFigures: peerFigures, runs: options.memoryRuns)
    print("           load after: \(loadAverage())")
  }

  // MARK: The journals

  /// The one-big-import journal at `directory/memory-import/journal.jsonl`: its accounts imported once
  /// (kept as `accounts.jsonl`), then the usage imported into a copy, timed; the copy becomes the
  /// journal unless `--reuse` finds one already. Returns its path, or nil when it could not be written.
  static func importJournal(_ options: BenchmarkOptions, rapport: String, directory: String, today: Day) -> String? {
    let work = directory + "/memory-import"
    mkdir(work, 0o700)
    let journal = work + "/journal.jsonl"
    let accountsJournal = work + "/accounts.jsonl"
    let accounts = options.accounts
    let rows = options.events
    if options.reuse && options.journalsOnly && access(journal, F_OK) == 0 {
      print("import     reused \(journal)")
      return journal
    }
    let scratch = work + "/scratch"
    defer { _ = ProcessRun.shell("rm -rf \(quote(scratch))") }
    let environment = { (log: String) in
      shellEnvironment(log: log, home: scratch, today: today)
    }
    guard writeFile(accountsFile(accounts: accounts, today: today), to: work + "/accounts.csv"),
      writeFile(ImportBench.usageFile(rows: rows, accounts: accounts, today: today), to: work + "/usage.csv")
    else {
      print("import     cannot write the CSV files in \(work)")
      return nil
    }
    if !(options.reuse && access(accountsJournal, F_OK) == 0) {
      unlink(accountsJournal)
      let made =
        ProcessRun.shell(environment(accountsJournal) + "\(quote(rapport)) init > /dev/null").status == 0
        && ProcessRun.shell(
          environment(accountsJournal) + "\(quote(rapport)) import accounts \(quote(work + "/accounts.csv"))"
            + " > \(quote(work + "/accounts.out")) 2>&1"
        ).status == 0
      guard made else {
        print("import     could not import the accounts: see \(work)/accounts.out")
        unlink(accountsJournal)
        return nil
      }
    }
    let copy = work + "/importing.jsonl"
    guard ProcessRun.shell("cp \(quote(accountsJournal)) \(quote(copy))").status == 0 else {
      print("import     cannot copy \(accountsJournal)")
      return nil
    }
    let run = ProcessRun.shell(
      environment(copy) + "\(quote(rapport)) import usage \(quote(work + "/usage.csv")) < /dev/null"
        + " > \(quote(work + "/usage.out")) 2>&1")
    let size = Benchmark.fileSize(work + "/usage.csv")
    print(
      "import     \(rows) usage rows (\(size / 1_048_576) MB CSV, \(rows / max(1, accounts)) per account) by one "
        + "`rapport import usage`: "
        + String(
          format: "%.2f s, peak %d MB%@   target ≤ %.0f s, ≤ %d MB", run.seconds, run.maxResidentKB / 1024,
          run.status == 0 ? "" : " (exit \(run.status): see \(work)/usage.out)", importTargetSeconds,
          importTargetMB))
    guard run.status == 0 else {
      unlink(copy)
      return nil
    }
    if options.reuse && access(journal, F_OK) == 0 {
      unlink(copy)
      print("           the journal measured is the one kept: \(journal)")
    } else {
      rename(copy, journal)
      print(
        String(
          format: "           %.1f MB journal, %d records %@", megabytes(Benchmark.fileSize(journal)),
          ViewersBench.lastSeq(of: journal), journal))
    }
    return journal
  }

  /// `account,name,tier,owner,signed,renewal,value`: owners, contract dates and values, so that the
  /// board, due, report and export have something to say about every account.
  static func accountsFile(accounts: Int, today: Day) -> String {
    var text = "account,name,tier,owner,signed,renewal,value\n"
    for number in 1...max(1, accounts) {
      let signed = today.adding(days: -(number % 700 + 30))
      let renewal = signed.adding(days: 365)
      text +=
        "acct-\(number),Account \(number),\(number % 3 + 1),owner\(number % 25 + 1),\(signed),\(renewal),"
        + "\((number &* 37) % 200 + 10)k\n"
    }
    return text
  }

  // MARK: Measuring

  /// Every step on one journal, each with its own empty cache, state and config folders.
  static func measure(_ shape: Shape, rapport: String, directory: String, today: Day, runs: Int) -> [Figure] {
    let home = directory + "/memory-home"
    _ = ProcessRun.shell("rm -rf \(quote(home))")
    mkdir(home, 0o700)
    defer { _ = ProcessRun.shell("rm -rf \(quote(home))") }
    let checkpoints = home + "/cache/rapport/checkpoints"
    var figures: [Figure] = []
    for step in steps {
      let errors = home + "/stderr"
      var command = shellEnvironment(log: shape.path, home: home, today: today)
      if step.checkpoint == .none { command += "RAPPORT_NO_CHECKPOINT=1 " }
      command +=
        ([rapport] + step.arguments).map(quote).joined(separator: " ")
        + " < /dev/null > /dev/null 2> \(quote(errors))"
      let figure = best(runs: step.checkpoint == .fresh ? 1 : runs) {
        if step.checkpoint == .fresh { CheckpointBench.removeFiles(in: checkpoints) }
        return ProcessRun.shell(command)
      }
      if figure.status != 0 {
        print(
          "           \(shape.label): `\(step.label)` exit \(figure.status): \(ViewersBench.text(of: errors).prefix(300))"
        )
      }
      if step.checkpoint == .fresh && ViewersBench.files(in: checkpoints).isEmpty {
        print("           \(shape.label): no checkpoint after `\(step.label)`; the later steps replay in full")
      }
      figures.append(figure)
    }
    return figures
  }

  /// `runs` runs of `body`: the best time, the highest peak, the first failure's status.
  static func best(runs: Int, _ body: () -> ProcessRun.Result) -> Figure {
    var figure = Figure(seconds: .infinity, residentKB: 0, status: 0)
    for _ in 0..<max(1, runs) {
      let run = body()
      figure.seconds = min(figure.seconds, run.seconds)
      figure.residentKB = max(figure.residentKB, run.maxResidentKB)
      if figure.status == 0 { figure.status = run.status }
    }
    return figure
  }

  /// The environment of a user's run, as `env NAME=value … ` for /bin/sh: the journal, a fixed day, user
  /// and time zone, and XDG folders of its own under `home`.
  static func shellEnvironment(log: String, home: String, today: Day) -> String {
    let assignments = [
      "RAPPORT_LOG=\(log)", "RAPPORT_TODAY=\(today)", "RAPPORT_USER=bench", "TZ=UTC", "LANG=C.UTF-8",
      "XDG_CACHE_HOME=\(home)/cache", "XDG_STATE_HOME=\(home)/state", "XDG_CONFIG_HOME=\(home)/config",
      "XDG_DATA_HOME=\(home)/data",
    ]
    return "env " + assignments.map(quote).joined(separator: " ") + " "
  }

  // MARK: The floor and the peer

  /// A program reading the same journal beside Rapport.
  struct Peer {
    var label: String
    var command: (String) -> String
  }

  static func peerSteps() -> [Peer] {
    var peers = [Peer(label: "wc -l (the floor)", command: { "wc -l < \(quote($0)) > /dev/null" })]
    let found = ChildProcess.capture(
      ["/bin/sh", "-c", "python3 -c 'import sys; print(sys.executable)' 2>/dev/null"],
      environment: ChildProcess.inheritedEnvironment
    ).split(separator: "\n").first.map(String.init)
    // The interpreter itself, not pyenv's shim (a shell script that starts it).
    guard let python = found, access(python, X_OK) == 0 else { return peers }
    peers.append(
      Peer(
        label: "python3 json.loads, line by line",
        command: { path in
          "\(quote(python)) -c \(quote("import json, sys\nfor line in open(sys.argv[1], 'rb'): json.loads(line)")) \(quote(path))"
        }))
    peers.append(
      Peer(
        label: "python3 json.loads, every line kept",
        command: { path in
          "\(quote(python)) -c \(quote("import json, sys\nrecords = [json.loads(line) for line in open(sys.argv[1], 'rb')]")) \(quote(path))"
        }))
    return peers
  }

  // MARK: The table

  static func printTable(
    shapes: [Shape], figures: [[Figure]], peers: [Peer], peerFigures: [[Figure]], runs: Int
  ) {
    let width = 44
    var header = "command".padded(width)
    for shape in shapes { header += shape.label.padded(20) }
    print(header + "target")
    var missed = 0
    for (index, step) in steps.enumerated() {
      var row = step.label.padded(width)
      for column in figures.indices {
        let figure = figures[column][index]
        let over = step.targetMB.map { figure.residentKB > $0 * 1024 } ?? false
        if over { missed += 1 }
        row += cell(figure, over: over)
      }
      print(row + (step.targetMB.map { "≤ \($0) MB" } ?? "—"))
    }
    for (index, peer) in peers.enumerated() {
      var row = peer.label.padded(width)
      for column in peerFigures.indices { row += cell(peerFigures[column][index], over: false) }
      print(row + "(peer)")
    }
    print(
      "           each: wall time (best of \(runs)) and peak resident memory (ru_maxrss, highest of \(runs)); "
        + "* over its target: \(missed) of \(steps.count * figures.count)")
  }

  static func cell(_ figure: Figure, over: Bool) -> String {
    guard figure.status == 0 else { return "exit \(figure.status)".padded(20) }
    let text = String(format: "%6.2f s %5d MB", figure.seconds, figure.residentKB / 1024) + (over ? "*" : "")
    return text.padded(20)
  }

  // MARK: Helpers

  /// `text` in single quotes for /bin/sh.
  static func quote(_ text: String) -> String {
    "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
  }

  static func writeFile(_ text: String, to path: String) -> Bool {
    unlink(path)
    return ViewersBench.writeFile(text, to: path)
  }

  static func megabytes(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }

  /// The 1-, 5- and 15-minute load averages, as `uptime` prints them.
  static func loadAverage() -> String {
    ViewersBench.text(of: "/proc/loadavg").split(separator: " ").prefix(3).joined(separator: " ")
  }
}

extension String {
  fileprivate func padded(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
