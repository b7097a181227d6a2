import ArgumentParser

/// What the sections read: every setting of every section, at its default unless an option group
/// below set it.
struct BenchmarkOptions {
  var events = 1_000_000
  var accounts = 5_000
  var appends = 2_000
  var replays = 3
  var boards = 5
  var directory: String?
  /// Keep an existing journal in --keep DIR instead of generating it again.
  var reuse = false
  /// Free text distinct in every event, as people write it (the default); `--repeated-text` draws it
  /// from a few stock phrases instead, in journals of their own.
  var distinctText = true
  /// Accounts in the dashboard's book.
  var dashboardAccounts = 10_000
  /// Days of history in the dashboard's book (every account exists by then).
  var dashboardDays = 365
  /// Selection moves timed per terminal size (half `j`, half `k`).
  var moves = 2_000
  /// Selection moves whose bytes are counted at 80x24.
  var byteMoves = 200
  /// Print the screen keys' times one by one.
  var perKey = false
  /// Moves whose bytes are printed (to see what a frame sends).
  var dumpMoves: Set<Int> = []
  var importRows = 100_000
  /// Dashboard processes, writer processes, appends per writer, seconds of idle measurement.
  var viewerCount = 30
  var writerCount = 4
  var writerAppends = 50
  var idleSeconds = 10
  /// Runs of each command in the memory section (the best time and the highest peak are printed).
  var memoryRuns = 1
  /// Write (or reuse) the memory section's two journals and stop.
  var journalsOnly = false
}

/// Where the generated journals live and how their text is written: every section.
/// An option group that sets its part of `BenchmarkOptions`.
protocol OptionGroupApplying {
  func apply(to options: inout BenchmarkOptions)
}

struct FileOptions: ParsableArguments, OptionGroupApplying {
  @Option(
    name: .customLong("keep"),
    help: ArgumentHelp("Keep the generated journals in DIR (default: a temporary folder, removed).", valueName: "dir"))
  var directory: String?

  @Flag(help: "Reuse a journal already in --keep DIR instead of generating it again.")
  var reuse = false

  @Flag(help: "Draw free text from a few stock phrases (journals of their own) instead of distinct text.")
  var repeatedText = false

  func apply(to options: inout BenchmarkOptions) {
    options.directory = directory
    options.reuse = reuse
    options.distinctText = !repeatedText
  }
}

/// The generated book of business: the replay, checkpoint and viewers sections.
struct BookOptions: ParsableArguments, OptionGroupApplying {
  @Option(help: "Events in the generated journal.")
  var events = 1_000_000

  @Option(help: "Accounts in the generated journal.")
  var accounts = 5_000

  func validate() throws {
    guard events >= 1, accounts >= 1 else { throw ValidationError("--events and --accounts must be 1 or more") }
  }

  func apply(to options: inout BenchmarkOptions) {
    options.events = events
    options.accounts = accounts
  }
}

/// How often the timed operations repeat: the replay and checkpoint sections.
struct RepeatOptions: ParsableArguments, OptionGroupApplying {
  @Option(help: "Full replays timed (the best and the median are printed).")
  var replays = 3

  @Option(help: "Boards timed (after the replay; after each open from the checkpoint, at least 5).")
  var boards = 5

  func validate() throws {
    guard replays >= 1, boards >= 1 else { throw ValidationError("--replays and --boards must be 1 or more") }
  }

  func apply(to options: inout BenchmarkOptions) {
    options.replays = replays
    options.boards = boards
  }
}

/// The replay section's durable appends.
struct AppendOptions: ParsableArguments, OptionGroupApplying {
  @Option(help: "Durable appends timed after the replay.")
  var appends = 2_000

  func validate() throws {
    guard appends >= 1 else { throw ValidationError("--appends must be 1 or more") }
  }

  func apply(to options: inout BenchmarkOptions) { options.appends = appends }
}

/// The dashboard section: its book, the keys timed, the bytes counted.
struct DashboardOptions: ParsableArguments, OptionGroupApplying {
  @Option(help: "Accounts in the dashboard's book.")
  var dashboardAccounts = 10_000

  @Option(help: "Days of history in the dashboard's book (at least 30).")
  var dashboardDays = 365

  @Option(help: "Selection moves timed per terminal size (half j, half k; at least 2).")
  var moves = 2_000

  @Option(help: "Selection moves whose bytes are counted at 80x24.")
  var byteMoves = 200

  @Option(
    name: .customLong("dump-move"),
    help: ArgumentHelp("Print the bytes move I sends (repeatable).", valueName: "i"))
  var dumpMoves: [Int] = []

  @Flag(help: "Print the screen keys' times one by one.")
  var perKey = false

  func validate() throws {
    guard dashboardAccounts >= 1, dashboardDays >= 30, moves >= 2, byteMoves >= 1 else {
      throw ValidationError(
        "--dashboard-accounts must be 1 or more, --dashboard-days 30 or more, --moves 2 or more, --byte-moves 1 or more"
      )
    }
  }

  func apply(to options: inout BenchmarkOptions) {
    options.dashboardAccounts = dashboardAccounts
    options.dashboardDays = dashboardDays
    options.moves = moves
    options.byteMoves = byteMoves
    options.dumpMoves = Set(dumpMoves)
    options.perKey = perKey
  }
}

/// The viewers section: dashboards in tmux following concurrent writers.
struct ViewerOptions: ParsableArguments, OptionGroupApplying {
  @Option(name: .customLong("viewers"), help: "Dashboard processes, each in its own tmux session.")
  var viewerCount = 30

  @Option(name: .customLong("writers"), help: "Writer processes appending while the dashboards follow.")
  var writerCount = 4

  @Option(help: "Appends per writer.")
  var writerAppends = 50

  @Option(help: "Seconds the dashboards are measured while nothing happens.")
  var idleSeconds = 10

  func validate() throws {
    guard viewerCount >= 1, writerCount >= 1, writerAppends >= 1, idleSeconds >= 1 else {
      throw ValidationError("--viewers, --writers, --writer-appends and --idle-seconds must be 1 or more")
    }
  }

  func apply(to options: inout BenchmarkOptions) {
    options.viewerCount = viewerCount
    options.writerCount = writerCount
    options.writerAppends = writerAppends
    options.idleSeconds = idleSeconds
  }
}

/// The import section's generated usage file.
struct ImportOptions: ParsableArguments, OptionGroupApplying {
  @Option(help: "Rows in the generated usage file.")
  var importRows = 100_000

  func validate() throws {
    guard importRows >= 1 else { throw ValidationError("--import-rows must be 1 or more") }
  }

  func apply(to options: inout BenchmarkOptions) { options.importRows = importRows }
}

/// The memory section: how often each command runs, or only its journals.
struct MemoryOptions: ParsableArguments, OptionGroupApplying {
  @Option(help: "Runs of each command (the best time and the highest peak are printed).")
  var memoryRuns = 1

  @Flag(help: "Only write (or, with --reuse, keep) the two journals in --keep DIR, then stop.")
  var journalsOnly = false

  func validate() throws {
    guard memoryRuns >= 1 else { throw ValidationError("--memory-runs must be 1 or more") }
  }

  func apply(to options: inout BenchmarkOptions) {
    options.memoryRuns = memoryRuns
    options.journalsOnly = journalsOnly
  }
}
