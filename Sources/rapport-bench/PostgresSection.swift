import ArgumentParser
import Glibc

/// `rapport-bench postgres`: the journal in PostgreSQL beside the file journal, on the same
/// generated book, against the cluster RAPPORT_TEST_POSTGRES names or a throwaway one of its own.
struct PostgresSection: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "postgres",
    abstract: "The journal in PostgreSQL beside the file: load, COPY replay, checkpoint open, 4 writers' appends.",
    discussion: """
      Uses the cluster RAPPORT_TEST_POSTGRES and RAPPORT_TEST_POSTGRES_SUPERUSER name; without them, starts one \
      with Scripts/postgres-cluster.sh (run from the package's folder), makes it durable (fsync, synchronous \
      commit) and stops it at the end. Each run works in a new database, dropped at the end.
      """)

  @OptionGroup var files: FileOptions
  @OptionGroup var book: BookOptions
  @OptionGroup var repeats: RepeatOptions
  @OptionGroup var appends: AppendOptions

  func run() throws {
    var options = BenchmarkOptions()
    for group in [files, book, repeats, appends] as [any OptionGroupApplying] { group.apply(to: &options) }
    let directory = try options.directory ?? Benchmark.makeTemporaryDirectory()
    mkdir(directory, 0o700)
    defer { if options.directory == nil { rmdir(directory) } }
    try PostgresBench.run(options, directory: directory)
  }
}
