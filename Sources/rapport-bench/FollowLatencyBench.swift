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

    let cluster: (server: String, superuser: String, folder: String?)
    do {
      cluster = try startCluster()
    } catch {
      print("           postgres: skipped (\(error))")
      return
    }
    defer { if let folder = cluster.folder { stopCluster(folder) } }
    let admin = try PostgresConnection("\(cluster.server) user=\(cluster.superuser) dbname=postgres")
    defer { admin.close() }
    let database = "rapport_follow_\(EventDraft.newID().prefix(8))"
    try admin.execute("CREATE DATABASE \(database) OWNER rapport_owner")
    defer { _ = try? admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
    let connection = "\(cluster.server) user=rapport_owner dbname=\(database)"
    try copy(path, into: connection)
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

  /// The file's lines inserted as the table's owner copying a journal in (the records keep their
  /// logins), in one transaction.
  private static func copy(_ path: String, into connection: String) throws {
    let owner = try PostgresConnection(connection)
    defer { owner.close() }
    owner.discardNotices()
    try JournalSchema.install(on: owner)
    guard let stream = fopen(path, "r") else {
      throw JournalError.system(path: path, operation: "opening", code: errno)
    }
    defer { fclose(stream) }
    var lines: [String] = []
    var buffer: UnsafeMutablePointer<CChar>?
    var capacity = 0
    defer { free(buffer) }
    while getline(&buffer, &capacity, stream) > 0, let buffer {
      var line = String(cString: buffer)
      if line.hasSuffix("\n") { line.removeLast() }
      lines.append(line)
    }
    try owner.transaction {
      try owner.execute("SET LOCAL rapport.copy_in = 'on'")
      var seq = 1
      for chunk in stride(from: 0, to: lines.count, by: 5000).map({ lines[$0..<min($0 + 5000, lines.count)] }) {
        try owner.execute(JournalSchema.insertBatch, parameters: [String(seq), chunk.joined(separator: "\n")])
        seq += chunk.count
      }
    }
    try owner.execute("ANALYZE rapport_journal")
  }

  // MARK: The cluster

  /// The cluster RAPPORT_TEST_POSTGRES names, or one started with Scripts/postgres-cluster.sh (its
  /// folder returned, to stop it).
  private static func startCluster() throws -> (server: String, superuser: String, folder: String?) {
    if let server = environment("RAPPORT_TEST_POSTGRES"), let superuser = environment("RAPPORT_TEST_POSTGRES_SUPERUSER")
    {
      return (server, superuser, nil)
    }
    let script = "Scripts/postgres-cluster.sh"
    guard access(script, R_OK) == 0 else {
      throw FollowBenchFailure(
        message: "\(script) not found: run from the package's folder, or set RAPPORT_TEST_POSTGRES")
    }
    guard let pipe = popen("bash \(script) start", "r") else {
      throw FollowBenchFailure(message: "could not run \(script)")
    }
    var exports: [String: String] = [:]
    var buffer = [CChar](repeating: 0, count: 4096)
    while fgets(&buffer, Int32(buffer.count), pipe) != nil {
      // export NAME='VALUE'
      let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      guard line.hasPrefix("export "), let equals = line.firstIndex(of: "=") else { continue }
      let name = String(line[line.index(line.startIndex, offsetBy: 7)..<equals])
      exports[name] = String(line[line.index(after: equals)...]).trimmingCharacters(in: "'\n")
    }
    let status = pclose(pipe)
    guard status == 0, let server = exports["RAPPORT_TEST_POSTGRES"],
      let superuser = exports["RAPPORT_TEST_POSTGRES_SUPERUSER"], let folder = exports["RAPPORT_TEST_POSTGRES_DIR"]
    else { throw FollowBenchFailure(message: "\(script) start failed (status \(status))") }
    return (server, superuser, folder)
  }

  private static func stopCluster(_ folder: String) {
    _ = ProcessRun.shell("bash Scripts/postgres-cluster.sh stop '\(folder)' > /dev/null")
  }

  private static func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
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

extension String {
  fileprivate func trimmingCharacters(in characters: String) -> String {
    var text = Substring(self)
    while let first = text.first, characters.contains(first) { text = text.dropFirst() }
    while let last = text.last, characters.contains(last) { text = text.dropLast() }
    return String(text)
  }
}
