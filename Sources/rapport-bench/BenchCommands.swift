import ArgumentParser
import Glibc

/// `rapport-bench`: measures what Rapport sets targets for, section by section, on generated books.
/// Without a subcommand, runs every section (`all`).
@main
struct RapportBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rapport-bench",
    abstract: "Measure Rapport on generated books: replay, checkpoint, dashboard, import, memory, viewers.",
    discussion: """
      Build with -c release; the checkpoint, import and viewers sections run the rapport executable \
      beside this one. Every book ends on 2026-11-23 and is generated from a fixed seed, so runs compare.
      """,
    subcommands: [
      FollowSection.self,
      AllSections.self, ReplaySection.self, CheckpointSection.self, DashboardSection.self, ViewersSection.self,
      ImportSection.self, MemorySection.self, PostgresSection.self, WriterMode.self,
    ],
    defaultSubcommand: AllSections.self)
}

/// A section of the benchmark, run in the folder of `--keep` or a temporary one.
enum Section: String, CaseIterable, ExpressibleByArgument {
  case replay, checkpoint, dashboard, `import`, memory, viewers
  case follow

  /// Runs `sections` with the options the command's groups set.
  static func run(_ sections: Set<Section>, from groups: [any OptionGroupApplying]) throws {
    var options = BenchmarkOptions()
    for group in groups { group.apply(to: &options) }
    try run(sections, options)
  }

  /// Runs the sections of `sections` that are asked for, in the order of a full run.
  static func run(_ sections: Set<Section>, _ options: BenchmarkOptions) throws {
    let directory = try options.directory ?? Benchmark.makeTemporaryDirectory()
    mkdir(directory, 0o700)
    let today = Benchmark.today
    if sections.contains(.replay) { try Benchmark.journalSections(options, directory: directory) }
    if sections.contains(.checkpoint) { try CheckpointBench.run(options, directory: directory, today: today) }
    if sections.contains(.dashboard) { try DashboardBench.run(options, directory: directory, today: today) }
    if sections.contains(.import) { ImportBench.run(options, directory: directory, today: today) }
    if sections.contains(.memory) { try MemoryBench.run(options, directory: directory, today: today) }
    if sections.contains(.viewers) { try ViewersBench.run(options, directory: directory, today: today) }
    if sections.contains(.follow) { try FollowLatencyBench.run(directory: directory, today: today) }
    if options.directory == nil { rmdir(directory) }
  }
}

struct AllSections: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "all",
    abstract: "Every section, in order: replay, checkpoint, dashboard, import, memory, viewers, follow.")

  @OptionGroup var files: FileOptions
  @OptionGroup var book: BookOptions
  @OptionGroup var repeats: RepeatOptions
  @OptionGroup var appends: AppendOptions
  @OptionGroup var dashboard: DashboardOptions
  @OptionGroup var imports: ImportOptions
  @OptionGroup var viewers: ViewerOptions
  @OptionGroup var memory: MemoryOptions

  @Option(help: ArgumentHelp("Leave a section out (repeatable).", valueName: "section"))
  var skip: [Section] = []

  func run() throws {
    try Section.run(
      Set(Section.allCases).subtracting(skip),
      from: [files, book, repeats, appends, dashboard, imports, viewers, memory])
  }
}

struct ReplaySection: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replay",
    abstract: "Full replay, resident memory, the board, durable appends and verify on a generated journal.")

  @OptionGroup var files: FileOptions
  @OptionGroup var book: BookOptions
  @OptionGroup var repeats: RepeatOptions
  @OptionGroup var appends: AppendOptions

  func run() throws {
    try Section.run([.replay], from: [files, book, repeats, appends])
  }
}

struct CheckpointSection: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "checkpoint",
    abstract: "A full rebuild, writing the checkpoint, opening from it, its peers, and the real process.")

  @OptionGroup var files: FileOptions
  @OptionGroup var book: BookOptions
  @OptionGroup var repeats: RepeatOptions

  func run() throws {
    try Section.run([.checkpoint], from: [files, book, repeats])
  }
}

struct DashboardSection: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dashboard",
    abstract: "The dashboard's keystroke time and the bytes one selection move sends, on a 10,000-account book.")

  @OptionGroup var files: FileOptions
  @OptionGroup var dashboard: DashboardOptions

  func run() throws {
    try Section.run([.dashboard], from: [files, dashboard])
  }
}

struct ViewersSection: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "viewers",
    abstract: "Dashboards in tmux following concurrent writers: first frames, memory, idle cost, follow time.")

  @OptionGroup var files: FileOptions
  @OptionGroup var book: BookOptions
  @OptionGroup var viewers: ViewerOptions

  func run() throws {
    try Section.run([.viewers], from: [files, book, viewers])
  }
}

struct ImportSection: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import", abstract: "`rapport import usage` of a generated file, then the same file again.")

  @OptionGroup var files: FileOptions
  @OptionGroup var imports: ImportOptions

  func run() throws {
    try Section.run([.import], from: [files, imports])
  }
}

struct MemorySection: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "memory",
    abstract: "Peak memory and time of every command, as processes, on the bench's book and on one big import.",
    discussion: """
      Two journals of --events events over --accounts accounts: the bench's book, and one written by \
      `rapport init`, `rapport import accounts` and one `rapport import usage` of --events rows (timed). \
      Beside them, `wc -l` and Python's json module on the same files.
      """)

  @OptionGroup var files: FileOptions
  @OptionGroup var book: BookOptions
  @OptionGroup var memory: MemoryOptions

  func run() throws {
    try Section.run([.memory], from: [files, book, memory])
  }
}

/// The viewers section's writers: this program, started once per writer.
struct WriterMode: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "writer",
    abstract: "A writer of the viewers section (started by it): appends touchpoints and prints their times.",
    shouldDisplay: false)

  @Argument(help: "The journal.") var journal: String
  @Option(help: "The writer's user.") var user = "writer"
  @Option(help: "Touchpoints to log.") var count = 50
  @Option(help: "XDG_CACHE_HOME of the writer's checkpoint.") var cache: String?

  func run() throws {
    let status = ViewersBench.writer(journal: journal, user: user, count: count, cache: cache)
    if status != 0 { throw ExitCode(status) }
  }
}

struct FollowSection: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "follow",
    abstract: "Append → shown on a following dashboard: a file journal, then PostgreSQL (LISTEN/NOTIFY).",
    discussion: """
      Uses the cluster RAPPORT_TEST_POSTGRES and RAPPORT_TEST_POSTGRES_SUPERUSER name; without them, starts one \
      with Scripts/postgres-cluster.sh (run from the package's folder) and stops it at the end.
      """)

  @OptionGroup var files: FileOptions

  func run() throws {
    try Section.run([.follow], from: [files])
  }
}
