import Glibc
import RapportCheckpoint
import RapportDomain
import RapportJournal
import RapportPostgres

/// The journal in PostgreSQL beside the same journal in a file, in one run (docs/performance.md,
/// "PostgreSQL"): loading the generated book into the database, a full replay streamed with `COPY …
/// TO STDOUT` (target ≤ 3 s for 1,000,000 events) beside the file's and its peers, opening from a
/// checkpoint (target ≤ 200 ms), and durable appends by 4 concurrent writers (target p99 ≤ 10 ms).
enum PostgresBench {
  static let writers = 4

  static func run(_ options: BenchmarkOptions, directory: String) throws {
    let cluster = try BenchCluster.start()
    defer { cluster.stop() }
    try cluster.makeDurable()
    let database = try cluster.createJournalDatabase()
    defer { cluster.drop(database) }
    print("postgres   \(try cluster.settings())")
    let connection = cluster.connectionString(user: "rapport_owner", database: database)

    let (path, generation) = try Benchmark.bookJournal(options, named: "postgres.jsonl", in: directory)
    let size = Benchmark.fileSize(path)
    defer { if options.directory == nil { unlink(path) } else { truncate(path, off_t(size)) } }
    print(
      "           \(options.events) events, \(options.accounts) accounts, "
        + String(format: "%.1f MB journal file (generated %.1f s)", Double(size) / 1_048_576, generation))

    let owner = try cluster.connect(as: "rapport_owner", to: database)
    defer { owner.close() }
    var loaded = 0
    let load = try Benchmark.measure {
      loaded = try JournalCopy.run(from: .file(path), to: .database(connection)).records
    }
    print(
      String(
        format: "load       %.1f s for %d records, %.0f records/s (`rapport journal copy`: one transaction, the"
          + " trigger checking each record's seq, form and chain, the copy read back and compared)", load, loaded,
        Double(loaded) / load))
    try owner.execute("ANALYZE rapport_journal")

    let file = Journal(path: path)
    let stored = Journal(store: PostgresJournalStore(connectionString: connection))
    let replayed = try replays(file: file, stored: stored, owner: owner, options: options)
    CheckpointBench.peers(path)
    psqlPeer(cluster: cluster, database: database)
    try checkpoints(file: file, stored: stored, desks: replayed, directory: directory)
    let slug = replayed.file.book.slugs.first ?? "bench"
    let perWriter = max(1, options.appends / writers)
    appends(
      "append     file", perWriter: perWriter, slug: slug, journal: { Journal(path: path) })
    appends(
      "append     postgres", perWriter: perWriter, slug: slug,
      journal: { Journal(store: PostgresJournalStore(connectionString: connection)) })
  }

  struct Desks {
    var file: Desk
    var stored: Desk
  }

  /// The bytes streamed, the records scanned and the book folded, from the file and from PostgreSQL.
  static func replays(file: Journal, stored: Journal, owner: PostgresConnection, options: BenchmarkOptions) throws
    -> Desks
  {
    var bytes = 0
    var streams: [Double] = []
    for _ in 0..<options.replays {
      bytes = 0
      streams.append(
        try Benchmark.measure {
          try owner.copyOut("COPY (SELECT line FROM rapport_journal ORDER BY seq) TO STDOUT (FORMAT binary)") {
            bytes += $0.count
          }
        })
    }
    CheckpointBench.line(
      "stream", streams, unit: "s",
      note: String(
        format: "COPY … TO STDOUT (FORMAT binary), %.1f MB received, nothing decoded", Double(bytes) / 1_048_576))

    for (label, journal) in [("scan file", file), ("scan pg", stored)] {
      var times: [Double] = []
      var records = 0
      for _ in 0..<options.replays {
        records = 0
        times.append(try Benchmark.measure { _ = try journal.scan { _ in records += 1 } })
      }
      CheckpointBench.line(
        label, times, unit: "s", note: "\(records) records read and checked (chain, seq), not folded")
    }

    var desks: [Desk] = []
    for (label, journal) in [("replay file", file), ("replay pg", stored)] {
      var times: [Double] = []
      var desk: Desk?
      for _ in 0..<options.replays {
        desk = nil
        times.append(try Benchmark.measure { desk = try Desk.open(journal, user: "bench") })
      }
      guard let desk else { throw BenchClusterError(message: "no replay") }
      let target = journal.isFile ? "target ≤ 2 s (aim 1 s)" : "target ≤ 3 s"
      CheckpointBench.line(
        label, times, unit: "s",
        note:
          "full replay to a Desk: \(desk.position.lastSeq) records, \(desk.book.accounts.count) accounts   \(target)")
      desks.append(desk)
    }
    let same = desks[0].book == desks[1].book && desks[0].position == desks[1].position
    print("           the book from PostgreSQL \(same ? "equals" : "DIFFERS FROM") the book from the file")
    return Desks(file: desks[0], stored: desks[1])
  }

  /// `psql` streaming the same COPY to /dev/null: the server's side of the stream, without Rapport.
  static func psqlPeer(cluster: BenchCluster, database: String) {
    let found = ProcessRun.shell(
      "command -v psql > /dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/psql > /dev/null 2>&1")
    guard found.status == 0 else {
      print("psql       not installed (apt-get install postgresql-client)")
      return
    }
    let psql = "$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | sort -r | head -1)"
    let target = cluster.connectionString(user: "rapport_owner", database: database)
    let command =
      "\(psql) -X -q '\(target)' -c 'COPY (SELECT line FROM rapport_journal ORDER BY seq) TO STDOUT' > /dev/null"
    var times: [Double] = []
    var status: Int32 = 0
    for _ in 0..<3 { times.append(Benchmark.measure { status = ProcessRun.shell(command).status }) }
    guard status == 0 else {
      print("psql       failed (exit \(status)): \(command)")
      return
    }
    CheckpointBench.line("psql copy", times, unit: "s", note: "psql -c 'COPY (SELECT line …) TO STDOUT' > /dev/null")
  }

  /// Saves each replayed book as its journal's checkpoint and opens from it; prints how the desk was
  /// opened (a journal in a database may not be served by a checkpoint: then it is a replay, said so).
  static func checkpoints(file: Journal, stored: Journal, desks: Desks, directory: String) throws {
    let cache = directory + "/postgres-checkpoints"
    let store = CheckpointStore(directory: cache)
    defer {
      CheckpointBench.removeFiles(in: cache)
      rmdir(cache)
    }
    for (label, journal, desk) in [("open file", file, desks.file), ("open pg", stored, desks.stored)] {
      var saved: String
      do {
        saved =
          try desk.saveCheckpoint(to: store).map { "saved at seq \($0.seq), \($0.bytes / 1024) KB" } ?? "not saved"
      } catch {
        saved = "not saved: \(error)"
      }
      var times: [Double] = []
      var opening: DeskOpening?
      for _ in 0..<5 {
        times.append(
          try Benchmark.measure { opening = try Desk.open(journal, user: "bench", checkpoints: store).opening })
        // A full replay is timed above already: once says what happened.
        if opening?.usedCheckpoint == false { break }
      }
      let how: String =
        switch opening {
        case .checkpoint(let seq, let tail, _): "from the checkpoint at seq \(seq), \(tail) records after it"
        case .replay(let reason, let records):
          "no checkpoint served, a full replay of \(records) records"
            + (reason.map { saved.hasSuffix("\($0)") ? "" : " (\($0))" } ?? "")
        case nil: "not opened"
        }
      CheckpointBench.line(label, times, unit: "ms", note: "\(how); checkpoint \(saved)   target ≤ 200 ms")
    }
  }

  /// `writers` threads, each with its own handle on the journal (one connection each for PostgreSQL),
  /// append `perWriter` usage records one at a time; every append's time from call to return.
  static func appends(_ label: String, perWriter: Int, slug: String, journal open: @escaping @Sendable () -> Journal) {
    let times = Latencies()
    let today = Benchmark.today
    let wall = Benchmark.measure {
      var threads: [pthread_t] = []
      for writer in 0..<writers {
        let work = Box {
          let journal = open()
          let login = journal.login
          for index in 0..<perWriter {
            let draft = EventDraft(
              .usageRecorded(Event.UsageRecorded(value: Double(writer * perWriter + index), date: today)),
              account: slug)
            do {
              let time = try Benchmark.measure {
                _ = try journal.append(by: "bench", login: login, at: .now()) { _ in [draft] }
              }
              times.add(time)
            } catch {
              times.fail("\(error)")
              return
            }
          }
        }
        var thread = pthread_t()
        let context = Unmanaged.passRetained(work).toOpaque()
        if pthread_create(
          &thread, nil,
          { context in
            guard let context else { return nil }
            Unmanaged<Box>.fromOpaque(context).takeRetainedValue().body()
            return nil
          }, context) == 0
        {
          threads.append(thread)
        }
      }
      for thread in threads { pthread_join(thread, nil) }
    }
    let sorted = times.all.sorted()
    if let failure = times.failure {
      print("\(label) failed: \(failure)")
      return
    }
    guard !sorted.isEmpty else { return }
    func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1000 }
    print(
      label + String(repeating: " ", count: max(1, 20 - label.count))
        + String(
          format: "p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d appends by %d concurrent writers (%.0f/s)"
            + "   target p99 ≤ 10 ms", percentile(0.5), percentile(0.99), (sorted.last ?? 0) * 1000, sorted.count,
          writers, Double(sorted.count) / wall))
  }
}

/// A thread's work, handed through `pthread_create`'s context pointer.
private final class Box: @unchecked Sendable {
  let body: () -> Void
  init(_ body: @escaping () -> Void) { self.body = body }
}

/// Append times gathered from several threads, and the first failure.
private final class Latencies: @unchecked Sendable {
  private var lock = pthread_mutex_t()
  private var times: [Double] = []
  private(set) var failure: String?

  init() { pthread_mutex_init(&lock, nil) }
  deinit { pthread_mutex_destroy(&lock) }

  func add(_ time: Double) {
    pthread_mutex_lock(&lock)
    times.append(time)
    pthread_mutex_unlock(&lock)
  }

  func fail(_ message: String) {
    pthread_mutex_lock(&lock)
    if failure == nil { failure = message }
    pthread_mutex_unlock(&lock)
  }

  var all: [Double] {
    pthread_mutex_lock(&lock)
    defer { pthread_mutex_unlock(&lock) }
    return times
  }
}
