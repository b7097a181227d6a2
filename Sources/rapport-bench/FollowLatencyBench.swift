import Dispatch
import Glibc
import RapportDomain
import RapportJournal
import RapportPostgres
import RapportSample
import RapportTerminal

/// Append → shown on a following dashboard, for a file journal and a PostgreSQL one in the same run
/// (target p99 ≤ 200 ms for PostgreSQL): a dashboard runs its real event loop on the real ncurses
/// backend (keyboard: an idle pipe; screen: /dev/null) in a thread of its own, while this thread
/// appends one touchpoint at a time as another user and times from the append's start to the first
/// frame that counts the new record. The file journal is read when the 250 ms wait for a key ends;
/// the database wakes the wait through `LISTEN` (the trigger's `NOTIFY`).
///
/// The appends are spread over the 250 ms wait (a different pause before each) so that the file's
/// figure is not locked to one phase of its timer.
enum FollowLatencyBench {
  static let samples = 100
  static let targetMilliseconds = 200.0

  static func run(directory: String, today: Day) throws {
    let path = directory + "/follow.jsonl"
    unlink(path)
    defer { unlink(path) }
    let sample = SampleBook(
      accounts: 500, firstDay: today.adding(days: -365), lastDay: today, owners: (1...10).map { "owner\($0)" },
      seed: 11, limit: 19_999)
    try Benchmark.write(sample, to: path)
    print("follow     append → shown on a following dashboard (\(samples) appends, 500 accounts, 20,000 events):")
    report("file", try latencies(follower: Journal(path: path), writer: Journal(path: path), today: today))

    let cluster: BenchCluster
    do {
      cluster = try BenchCluster.start()
    } catch {
      print("           postgres: skipped (\(error))")
      return
    }
    defer { cluster.stop() }
    let database = try cluster.createJournalDatabase()
    defer { cluster.drop(database) }
    let connection = cluster.connectionString(user: "rapport_owner", database: database)
    _ = try JournalCopy.run(from: .file(path), to: .database(connection))
    let admin = try cluster.connect(as: cluster.superuser, to: "postgres")
    defer { admin.close() }
    let settings = try admin.execute("SELECT current_setting('fsync'), current_setting('synchronous_commit')")
    let fsync = settings.rows.first.map { "fsync \($0[0] ?? "?"), synchronous_commit \($0[1] ?? "?")" } ?? ""
    report(
      "postgres",
      try latencies(
        follower: Journal(store: PostgresJournalStore(connectionString: connection)),
        writer: Journal(store: PostgresJournalStore(connectionString: connection)), today: today),
      note: "(a unix socket, \(fsync))")
  }

  private static func report(_ label: String, _ times: (shown: [Double], appends: [Double]), note: String = "") {
    guard !times.shown.isEmpty else { return }
    let p99 = percentile(times.shown, 0.99)
    let verdict =
      label == "postgres" ? (p99 <= targetMilliseconds ? ", target ≤ 200 ms met" : ", target ≤ 200 ms MISSED") : ""
    print(
      "           \(label.padding(toLength: 9, withPad: " ", startingAt: 0))"
        + String(
          format: "p50 %.1f ms, p99 %.1f ms, max %.1f ms (the append itself: p50 %.1f ms)",
          percentile(times.shown, 0.5),
          p99, times.shown.max() ?? 0, percentile(times.appends, 0.5))
        + verdict + (note.isEmpty ? "" : " " + note))
  }

  private static func percentile(_ values: [Double], _ fraction: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * fraction).rounded(.up)) - 1))]
  }

  /// The milliseconds from the start of each of `samples` appends through `writer` to the first frame
  /// of a dashboard following `follower` that counts the new record.
  private static func latencies(follower: Journal, writer: Journal, today: Day) throws -> (
    shown: [Double], appends: [Double]
  ) {
    let watch = try FrameWatch()
    defer { watch.close() }
    let finished = DispatchSemaphore(value: 0)
    let failure = FailureBox()
    DispatchQueue.global(qos: .userInteractive).async {
      do {
        let desk = try Desk.open(follower, user: "follower")
        var dashboard = Dashboard(desk: desk, today: today)
        _ = EventLoop.run(screen: &dashboard, backend: watch)
      } catch {
        failure.error = "\(error)"
        watch.abandon()
      }
      finished.signal()
    }
    defer {
      watch.finish()
      finished.wait()
    }
    var desk = try Desk.open(writer, user: "writer")
    guard watch.waitUntilShown(desk.position.lastSeq) != nil else {
      throw FollowBenchFailure(message: "the following dashboard did not open: \(failure.error ?? "no frame")")
    }
    let slugs = Array(desk.book.slugs.prefix(samples))
    var times: [Double] = []
    var appends: [Double] = []
    for (index, slug) in slugs.enumerated() {
      // A pause spread over the file journal's 250 ms timer (37 is prime to 250).
      usleep(useconds_t((index * 37) % 250) * 1000)
      let input = TouchpointInput(kind: .call, date: today, summary: "follow latency \(index + 1)")
      let start = FrameWatch.now()
      try desk.perform(
        .logTouchpoint(slug: slug, input),
        in: Context(now: .now(), today: today, user: desk.user, login: writer.login))
      appends.append(Double(FrameWatch.now() - start) / 1e6)
      guard let shown = watch.waitUntilShown(desk.position.lastSeq) else {
        throw FollowBenchFailure(message: "record \(desk.position.lastSeq) was not shown within 10 s")
      }
      times.append(Double(shown - start) / 1e6)
    }
    return (times, appends)
  }
}

/// What went wrong in a benchmark step, said instead of its figure.
struct FollowBenchFailure: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

/// The follower thread's error, read after it has finished.
private final class FailureBox: @unchecked Sendable {
  var error: String?
}
