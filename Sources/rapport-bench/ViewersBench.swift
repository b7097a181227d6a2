import Glibc
import RapportCheckpoint
import RapportDomain
import RapportJournal
import RapportTestSupport

/// Many viewers, against the targets in docs/performance.md: 30 real dashboard processes (`rapport --log JOURNAL`, each in its
/// own 80x24 tmux session on one private tmux server) open on the same 1,000,000-event journal while 4
/// writers append. Measures each viewer's first frame and resident memory (against one viewer alone),
/// what the viewers cost while nothing happens, the writers' append latency while 30 watch, and how long
/// each append takes to show on each of the 30 screens.
///
/// The viewers share one `XDG_CACHE_HOME`, so one checkpoint (written by a first `rapport board` run)
/// serves them all, as one user's many sessions would; each has its own user, `XDG_STATE_HOME` (the
/// heads it has seen) and `XDG_CONFIG_HOME`. The writers are this program (`rapport-bench writer`): each opens
/// the journal once (from a checkpoint of its own build, in a separate cache), waits for the start, then
/// logs touchpoints through `Desk.perform`, one every 100–300 ms, and prints each append's seq and times.
enum ViewersBench {
  static let rows = 24
  static let columns = 80
  static let followTarget = 1.0
  static let appendTarget = 10.0
  /// Issue 18's targets: the first frames of N−1 dashboards started at once (p50, max, seconds), the
  /// PSS of 30 together and each one's private memory (MB), one dashboard's first frame alone (ms).
  static let startTargetMedian = 1.0
  static let startTargetMax = 2.0
  static let proportionalTargetMB = 600.0
  static let privateTargetMB = 15.0
  static let firstFrameTargetMilliseconds = 60.0

  static func run(_ options: BenchmarkOptions, directory: String, today: Day) throws {
    guard access("/usr/bin/tmux", X_OK) == 0 else {
      print("viewers   tmux is not installed (apt-get install tmux): section skipped")
      return
    }
    guard let rapport = CheckpointBench.siblingExecutable("rapport"),
      let bench = CheckpointBench.siblingExecutable("rapport-bench")
    else {
      print("viewers   the rapport executable is not beside rapport-bench: build both with -c release")
      return
    }
    let (path, generation) = try Benchmark.bookJournal(options, named: "viewers.jsonl", in: directory)
    print(
      "viewers   \(options.viewerCount) dashboards and \(options.writerCount) writers on \(lastSeq(of: path)) records, "
        + "\(options.accounts) accounts, "
        + String(
          format: "%.1f MB journal (generated %.1f s) %@", Double(Benchmark.fileSize(path)) / 1_048_576, generation,
          path))
    var run = Run(
      options: options, journal: path, rapport: rapport, bench: bench, today: today,
      sandbox: try Benchmark.makeTemporaryDirectory())
    let generatedSize = Benchmark.fileSize(path)
    defer {
      run.cleanUp()
      // A kept journal is cut back to its generated records (the writers appended to it).
      if options.directory == nil { unlink(path) } else { truncate(path, off_t(generatedSize)) }
    }
    // An interrupted bench still ends the tmux server, and with it the dashboards.
    for number in [SIGINT, SIGTERM, SIGHUP] {
      signal(number) { number in
        if ViewersBench.serverPid > 0 { kill(ViewersBench.serverPid, SIGTERM) }
        _exit(128 + number)
      }
    }
    do {
      try run.measure()
    } catch let failure as Failure {
      print("viewers   failed: \(failure)")
    }
  }

  // MARK: The writer mode (a child process)

  /// `rapport-bench writer JOURNAL --user U --count M --cache DIR`: opens the journal once, then
  /// (after a byte on standard input, or its end) logs `M` touchpoints one every 100–300 ms, printing
  /// `append SEQ START_NS END_NS CPU_NS PREEMPTED` for each (CLOCK_MONOTONIC; the thread's CPU time in
  /// `perform`; involuntary context switches meanwhile). Returns the exit status.
  static func writer(journal path: String, user: String, count: Int, cache: String?) -> Int32 {
    do {
      let store = cache.map { CheckpointStore(directory: $0 + "/rapport/checkpoints") }
      let opened = try Desk.open(Journal(path: path), user: user, checkpoints: store)
      if let store, opened.checkpointIsDue() { try opened.desk.saveCheckpoint(to: store) }
      let how = opened.opening.usedCheckpoint ? "checkpoint" : "replay"
      // The writer changes its desk: no copy left behind.
      var desk = (consume opened).desk
      let slugs = desk.book.slugs
      emit("ready \(desk.position.lastSeq) \(how)")
      guard count > 0, !slugs.isEmpty else { return 0 }
      var byte: UInt8 = 0
      _ = read(0, &byte, 1)
      for index in 0..<count {
        usleep(UInt32.random(in: 100_000...300_000))
        let slug = slugs[Int.random(in: 0..<slugs.count)]
        let input = TouchpointInput(
          kind: .call, date: Benchmark.today, summary: "viewers bench: \(user) call \(index + 1)")
        let switches = involuntarySwitches()
        let cpu = threadCPUNanoseconds()
        let start = monotonicNanoseconds()
        let outcome = try desk.perform(
          .logTouchpoint(slug: slug, input), in: Context(now: .now(), today: Benchmark.today, user: desk.user))
        let end = monotonicNanoseconds()
        let used = threadCPUNanoseconds() - cpu
        emit(
          "append \(outcome.records.last?.seq ?? 0) \(start) \(end) \(used) \(involuntarySwitches() - switches)")
      }
      return 0
    } catch {
      emit("error \(error)")
      return 74
    }
  }

  /// Writes one line to standard output at once (the parent reads the file while this runs).
  static func emit(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
  }

  // MARK: One run of the section

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// A viewer: its tmux session, its process and when it first drew.
  struct Viewer {
    var session: String
    var started: UInt64 = 0
    var pid: pid_t = 0
    var firstFrame: UInt64?
  }

  /// One writer child: its pid, the pipe that starts it, its output file.
  struct Writer {
    var pid: pid_t
    var start: Int32
    var output: String
  }

  /// What one sweep over every pane saw: when it ended and each pane's record count (nil: none shown).
  struct Sweep {
    var began: UInt64
    var ended: UInt64
    var counts: [Int?]
  }

  /// Set while the tmux server runs, so that an interrupted bench ends it (and so the 30 dashboards).
  nonisolated(unsafe) static var serverPid: pid_t = 0

  struct Run {
    let options: BenchmarkOptions
    let journal: String
    let rapport: String
    let bench: String
    let today: Day
    let sandbox: String
    var viewers: [Viewer] = []
    var writers: [Writer] = []
    /// The private tmux server's socket, inside the sandbox (removed with it).
    var socket: String { sandbox + "/tmux.socket" }
    var cache: String { sandbox + "/cache" }
    var writerCache: String { sandbox + "/writer-cache" }

    init(options: BenchmarkOptions, journal: String, rapport: String, bench: String, today: Day, sandbox: String) {
      self.options = options
      self.journal = journal
      self.rapport = rapport
      self.bench = bench
      self.today = today
      self.sandbox = sandbox
    }

    /// The environment every child gets: fixed time zone (checkpoints depend on it), UTF-8, the journal.
    func environment(user: String, home: String) -> [String] {
      [
        "PATH=/usr/local/bin:/usr/bin:/bin", "HOME=\(home)", "LANG=C.UTF-8", "TZ=UTC", "TERM=xterm-256color",
        "RAPPORT_USER=\(user)", "RAPPORT_TODAY=\(today)", "XDG_CACHE_HOME=\(cache)",
        "XDG_STATE_HOME=\(home)/state", "XDG_CONFIG_HOME=\(home)/config", "XDG_DATA_HOME=\(home)/data",
      ]
    }

    mutating func measure() throws {
      try prepare()
      try writersAlone()
      try openViewers()
      idle()
      try follow()
    }

    // MARK: Checkpoints

    /// Writes the viewers' checkpoint with the real binary (a `rapport board` run does a full replay and
    /// saves it) and the writers' with this program, before anything is timed.
    func prepare() throws {
      for folder in [cache, writerCache, sandbox + "/primer"] { mkdir(folder, 0o700) }
      let environment = self.environment(user: "primer", home: sandbox + "/primer")
      let primed = Benchmark.measure {
        _ = ChildProcess.run(
          [rapport, "--log", journal, "board", "--format", "json"], environment: environment,
          output: "/dev/null", error: sandbox + "/primer.err")
      }
      guard ViewersBench.files(in: cache + "/rapport/checkpoints").count == 1 else {
        throw Failure(
          description: "no checkpoint after `rapport board`: " + ViewersBench.text(of: sandbox + "/primer.err"))
      }
      let writerPrimed = Benchmark.measure {
        _ = ChildProcess.run(
          [bench, "writer", journal, "--user", "primer", "--count", "0", "--cache", writerCache],
          environment: environment, output: sandbox + "/writer-primer.out", error: sandbox + "/writer-primer.err")
      }
      print(
        String(
          format:
            "          checkpoints written first: the viewers' by `rapport board` (%.1f s), the writers' (%.1f s)",
          primed, writerPrimed))
      firstFrameAlone()
    }

    /// One dashboard from that checkpoint to its first frame, on a pseudo-terminal of its own at 120x40
    /// (the detail pane's "Timeline" heading is drawn last), before any other viewer starts: the tmux
    /// sweep's 50 ms period is too coarse for the 60 ms target.
    func firstFrameAlone() {
      let home = sandbox + "/alone"
      for folder in [home, home + "/state", home + "/config", home + "/data"] { mkdir(folder, 0o700) }
      var variables = ["RAPPORT_LOG": journal]
      for entry in environment(user: "alone", home: home) {
        guard let equals = entry.firstIndex(of: "=") else { continue }
        variables[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
      }
      var frames: [Double] = []
      for _ in 0..<8 {
        guard
          let seconds = FirstFrame.seconds(
            rapport: rapport, environment: variables, rows: 40, columns: 120, marker: "Timeline", timeout: 20)
        else {
          print("first     one dashboard alone: no first frame within 20 s")
          return
        }
        frames.append(seconds)
      }
      frames.sort()
      print(
        "first     "
          + String(
            format:
              "one dashboard alone, from the checkpoint to its first frame at 120x40: best %.0f ms, median %.0f ms"
              + " of %d   target ≤ %.0f ms", frames[0] * 1000, frames[frames.count / 2] * 1000, frames.count,
            ViewersBench.firstFrameTargetMilliseconds))
    }

    // MARK: Viewers

    /// The shell command tmux runs in a viewer's pane: the dashboard itself (`exec`, so the pane's pid is
    /// rapport's), its standard error to a file.
    func viewerCommand(_ index: Int) -> String {
      let user = String(format: "viewer%02d", index)
      let home = sandbox + "/" + user
      for folder in [home, home + "/state", home + "/config", home + "/data"] { mkdir(folder, 0o700) }
      let assignments = environment(user: user, home: home).map { "'\($0)'" }.joined(separator: " ")
      return "exec env -i \(assignments) '\(rapport)' --log '\(journal)' 2>'\(home)/stderr'"
    }

    /// The private tmux server the viewers run in.
    var server: Tmux {
      Tmux(
        socketPath: socket, configFile: sandbox + "/tmux.conf", environment: environment(user: "tmux", home: sandbox),
        errorPath: sandbox + "/tmux.err")
    }

    func tmux(_ arguments: [String], output: String = "/dev/null") -> Int32 {
      server.run(arguments, output: output)?.exitCode ?? -1
    }

    func tmuxOutput(_ arguments: [String]) -> String { server.capture(arguments) }

    /// Starts viewers `range` in one tmux command (one session each, 80x24, no status line).
    mutating func start(_ range: Range<Int>) throws {
      guard !range.isEmpty else { return }
      // A few sessions per tmux command (a command line has a size limit).
      for batch in stride(from: range.lowerBound, to: range.upperBound, by: 5) {
        var arguments: [String] = []
        let now = monotonicNanoseconds()
        for index in batch..<min(batch + 5, range.upperBound) {
          let session = String(format: "v%02d", index)
          viewers.append(Viewer(session: session, started: now))
          if !arguments.isEmpty { arguments.append(";") }
          arguments += [
            "new-session", "-d", "-s", session, "-x", "\(columns)", "-y", "\(rows)", viewerCommand(index),
          ]
        }
        let status = tmux(arguments)
        guard status == 0 else {
          throw Failure(
            description: "tmux new-session failed (\(status)): " + ViewersBench.text(of: sandbox + "/tmux.err"))
        }
      }
      if ViewersBench.serverPid == 0 {
        ViewersBench.serverPid = pid_t(tmuxOutput(["display-message", "-p", "#{pid}"]).filter(\.isNumber)) ?? 0
      }
      for line in tmuxOutput(["list-panes", "-a", "-F", "#{session_name} #{pane_pid}"]).split(separator: "\n") {
        let fields = line.split(separator: " ")
        guard fields.count == 2, let pid = pid_t(fields[1]),
          let index = viewers.firstIndex(where: { $0.session == fields[0] })
        else { continue }
        viewers[index].pid = pid
      }
    }

    /// Captures the bottom row of every viewer's pane in one tmux command.
    func sweep() -> Sweep {
      var arguments: [String] = []
      for viewer in viewers {
        if !arguments.isEmpty { arguments.append(";") }
        arguments += [
          "display-message", "-p", "-t", viewer.session, "@@#{session_name}", ";", "capture-pane", "-p", "-t",
          viewer.session, "-S", "\(rows - 1)", "-E", "\(rows - 1)",
        ]
      }
      let began = monotonicNanoseconds()
      let text = tmuxOutput(arguments)
      let ended = monotonicNanoseconds()
      var counts = [Int?](repeating: nil, count: viewers.count)
      var current: Int?
      for line in text.split(separator: "\n") {
        if line.hasPrefix("@@") {
          let name = line.dropFirst(2)
          current = viewers.firstIndex { $0.session == name }
        } else if let current, counts[current] == nil {
          counts[current] = ViewersBench.recordCount(in: line)
        }
      }
      return Sweep(began: began, ended: ended, counts: counts)
    }

    /// Sweeps until every viewer from `first` on shows its first frame; fails after `seconds`.
    mutating func waitForFirstFrames(from first: Int, seconds: Double) throws {
      let deadline = monotonicNanoseconds() + UInt64(seconds * 1e9)
      while viewers[first...].contains(where: { $0.firstFrame == nil }) {
        let seen = sweep()
        for index in first..<viewers.count where viewers[index].firstFrame == nil && seen.counts[index] != nil {
          viewers[index].firstFrame = seen.ended
        }
        if monotonicNanoseconds() > deadline {
          let missing = viewers[first...].filter { $0.firstFrame == nil }
          let detail = missing.prefix(3).map { viewer in
            let user = "viewer" + viewer.session.dropFirst()
            return viewer.session + ": " + ViewersBench.text(of: sandbox + "/\(user)/stderr")
          }
          throw Failure(
            description: "\(missing.count) viewers showed no frame within \(Int(seconds)) s; "
              + detail.joined(separator: "; "))
        }
        usleep(50_000)
      }
    }

    mutating func openViewers() throws {
      let configuration = "set -g status off\nset -g history-limit 100\nset -g exit-empty on\n"
      guard ViewersBench.writeFile(configuration, to: sandbox + "/tmux.conf") else {
        throw Failure(description: "cannot write \(sandbox)/tmux.conf")
      }
      // One viewer alone: its first frame and its memory once settled.
      try start(0..<1)
      try waitForFirstFrames(from: 0, seconds: 60)
      usleep(2_000_000)
      let single = ProcessFigures(viewers[0].pid)
      // The others, all at once.
      try start(1..<options.viewerCount)
      try waitForFirstFrames(from: 1, seconds: 150)
      usleep(2_000_000)
      try checkProcesses()
      let all = viewers.map { ProcessFigures($0.pid) }
      let firstFrames = viewers.dropFirst().compactMap { viewer in
        viewer.firstFrame.map { Double($0 - viewer.started) / 1e9 }
      }.sorted()
      let alone = viewers[0].firstFrame.map { Double($0 - viewers[0].started) / 1e9 } ?? 0
      let total = all.reduce(0) { $0 + $1.residentKB }
      let proportional = all.reduce(0) { $0 + $1.proportionalKB }
      let ratio = Double(total) / Double(max(1, single.residentKB))
      print(
        "viewers   \(viewers.count) dashboards: "
          + String(
            format: "first frame alone %.2f s (tmux sweep); the other %d started at once: p50 %.2f s, max %.2f s"
              + "   target p50 ≤ %.0f s, max ≤ %.0f s", alone, firstFrames.count, percentile(firstFrames, 0.5),
            firstFrames.last ?? 0, ViewersBench.startTargetMedian, ViewersBench.startTargetMax))
      print(
        "          "
          + String(
            format: "resident %.0f MB in all = %.1f× one (%.0f MB), per viewer %.0f–%.0f MB",
            megabytes(total), ratio, megabytes(single.residentKB), megabytes(all.map(\.residentKB).min() ?? 0),
            megabytes(all.map(\.residentKB).max() ?? 0)))
      let proportions = all.map(\.proportionalKB)
      print(
        "          "
          + String(
            format: "PSS (shared pages split) %.0f MB for all %d   target ≤ %.0f MB for 30; "
              + "per viewer %.1f–%.1f MB (mean %.1f), one alone %.1f MB", megabytes(proportional), all.count,
            ViewersBench.proportionalTargetMB, megabytes(proportions.min() ?? 0), megabytes(proportions.max() ?? 0),
            megabytes(proportional) / Double(max(1, all.count)), megabytes(single.proportionalKB)))
      let privates = all.map(\.privateKB)
      print(
        "          "
          + String(
            format: "private (Private_Clean + Private_Dirty) per viewer %.1f–%.1f MB (mean %.1f), one alone %.1f MB"
              + "   target ≤ %.0f MB each", megabytes(privates.min() ?? 0), megabytes(privates.max() ?? 0),
            megabytes(privates.reduce(0, +)) / Double(max(1, privates.count)), megabytes(single.privateKB),
            ViewersBench.privateTargetMB))
    }

    /// Every viewer measured is the `rapport` process itself (the pane's command execs it), not tmux
    /// or a shell: its /proc/PID/exe is the executable started.
    func checkProcesses() throws {
      let others = viewers.filter { ViewersBench.executable(of: $0.pid) != rapport }
      guard others.isEmpty else {
        throw Failure(
          description: "\(others.count) panes are not running rapport itself: "
            + others.prefix(3).map { "\($0.session) pid \($0.pid) is \(ViewersBench.executable(of: $0.pid))" }
            .joined(separator: "; "))
      }
    }

    // MARK: Idle

    /// The viewers' CPU time, wake-ups and bytes read over `--idle-seconds` with no writer.
    func idle() {
      let seconds = Double(options.idleSeconds)
      let before = viewers.map { ProcessFigures($0.pid) }
      let server = ProcessFigures(ViewersBench.serverPid)
      let start = monotonicNanoseconds()
      usleep(UInt32(seconds * 1_000_000))
      let elapsed = Double(monotonicNanoseconds() - start) / 1e9
      let after = viewers.map { ProcessFigures($0.pid) }
      let serverAfter = ProcessFigures(ViewersBench.serverPid)
      let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
      let cpu = zip(before, after).map { Double($1.cpuTicks - $0.cpuTicks) / ticks / elapsed * 100 }
      let wakeups = zip(before, after).map { Double($1.voluntarySwitches - $0.voluntarySwitches) / elapsed }
      let bytes = zip(before, after).map { $1.bytesRead - $0.bytesRead }
      let mean = cpu.reduce(0, +) / Double(max(1, cpu.count))
      print(
        "idle      "
          + String(
            format:
              "%.3f %% CPU per viewer over %.0f s (max %.2f %%, all %d together %.2f %% of one core); "
              + "%.1f wake-ups/s each, %d bytes read in all; tmux server %.2f %%   target: nothing", mean, elapsed,
            cpu.max() ?? 0, cpu.count, cpu.reduce(0, +), wakeups.reduce(0, +) / Double(max(1, wakeups.count)),
            bytes.reduce(0, +), Double(serverAfter.cpuTicks - server.cpuTicks) / ticks / elapsed * 100))
    }

    // MARK: Writers and following

    /// One append as a writer reported it: its seq, when `perform` began and returned (CLOCK_MONOTONIC),
    /// the writer's own CPU time in it and how often it was preempted meanwhile.
    struct Append {
      var seq: Int
      var start: UInt64
      var end: UInt64
      var cpu: UInt64
      var preempted: Int
      var milliseconds: Double { Double(end - start) / 1e6 }
    }

    /// Starts the writers, waits until each has opened the journal, and starts them together. With
    /// viewers, sweeps every pane until the writers are done and every viewer shows the last record (or
    /// 10 s more); without, waits for the writers.
    /// Also returns, taken at the start, each viewer's figures and then the tmux server's.
    mutating func runWriters() throws -> (
      appends: [Append], sweeps: [Sweep], began: UInt64, figures: [ProcessFigures]
    ) {
      for index in 0..<options.writerCount {
        let user = "writer\(index + 1)"
        guard let pipe = ChildProcess.makePipe() else { throw Failure(description: "pipe: errno \(errno)") }
        let output = sandbox + "/\(user).out"
        let pid = ChildProcess.spawn(
          [
            bench, "writer", journal, "--user", user, "--count", "\(options.writerAppends)", "--cache",
            writerCache,
          ], environment: environment(user: user, home: sandbox + "/primer"), input: pipe.read, output: output,
          error: sandbox + "/\(user).err")
        close(pipe.read)
        guard let pid else {
          close(pipe.write)
          throw Failure(description: "cannot start writer \(index + 1)")
        }
        writers.append(Writer(pid: pid, start: pipe.write, output: output))
      }
      let deadline = monotonicNanoseconds() + 60_000_000_000
      while writers.contains(where: { !ViewersBench.text(of: $0.output).hasPrefix("ready") }) {
        if monotonicNanoseconds() > deadline || writers.contains(where: { ChildProcess.exited($0.pid) }) {
          throw Failure(
            description: "writers not ready: "
              + writers.map { ViewersBench.text(of: $0.output) }.joined(separator: "; "))
        }
        usleep(20_000)
      }
      let figures = viewers.map { ProcessFigures($0.pid) } + [ProcessFigures(ViewersBench.serverPid)]
      let began = monotonicNanoseconds()
      var go: UInt8 = 0x0A
      for index in writers.indices {
        _ = Glibc.write(writers[index].start, &go, 1)
        close(writers[index].start)
        writers[index].start = -1
      }
      var sweeps: [Sweep] = []
      var running = Set(writers.map(\.pid))
      var finished: UInt64?
      while true {
        if !viewers.isEmpty { sweeps.append(sweep()) }
        usleep(20_000)  // leaves the cores to the viewers; the period is printed as the resolution
        for pid in running where ChildProcess.exited(pid) { running.remove(pid) }
        guard running.isEmpty else { continue }
        let now = monotonicNanoseconds()
        if finished == nil { finished = now }
        let last = sweeps.last?.counts ?? []
        let final = ViewersBench.lastSeq(of: journal)
        if last.allSatisfy({ ($0 ?? 0) >= final }) || now - (finished ?? now) > 10_000_000_000 { break }
      }
      var appends: [Append] = []
      for writer in writers {
        for line in ViewersBench.text(of: writer.output).split(separator: "\n") where line.hasPrefix("append ") {
          let fields = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
          guard fields.count == 5 else { continue }
          appends.append(
            Append(
              seq: Int(fields[0]), start: fields[1], end: fields[2], cpu: fields[3], preempted: Int(fields[4])))
        }
      }
      writers.removeAll()
      return (appends, sweeps, began, figures)
    }

    /// The writers' line: latency percentiles, and the writers' own CPU time in an append beside it.
    func report(_ appends: [Append], watchers: String) {
      let expected = options.writerCount * options.writerAppends
      let latencies = appends.map(\.milliseconds).sorted()
      let cpu = appends.map { Double($0.cpu) / 1e6 }.sorted()
      print(
        "writers   "
          + String(
            format: "%d × %d appends %@: p50 %.2f ms, p99 %.2f ms, max %.2f ms   target p99 ≤ %.0f ms",
            options.writerCount, options.writerAppends, watchers, percentile(latencies, 0.5),
            percentile(latencies, 0.99), latencies.last ?? 0, appendTarget)
          + (appends.count == expected ? "" : "   (\(appends.count) of \(expected) appends reported)"))
      print(
        "          "
          + String(
            format: "the writer's own CPU in an append p50 %.2f ms, p99 %.2f ms; preempted during %d of %d appends",
            percentile(cpu, 0.5), percentile(cpu, 0.99), appends.filter { $0.preempted > 0 }.count, appends.count))
    }

    /// The writers alone, before any viewer starts: the baseline for the line with 30 watching.
    mutating func writersAlone() throws {
      let result = try runWriters()
      report(result.appends, watchers: "with no viewer")
    }

    mutating func follow() throws {
      let (appends, sweeps, began, figures) = try runWriters()
      let before = figures.dropLast()
      let serverBefore = figures.last ?? ProcessFigures(0)
      let elapsed = Double(monotonicNanoseconds() - began) / 1e9
      let after = viewers.map { ProcessFigures($0.pid) }
      let serverAfter = ProcessFigures(ViewersBench.serverPid)
      report(appends, watchers: "while \(viewers.count) watch")

      // For every append and every viewer: from the append's return to the first sweep that shows it.
      var delays: [Double] = []
      var unseen = 0
      for append in appends {
        for index in viewers.indices {
          if let sweep = sweeps.first(where: { ($0.counts[index] ?? 0) >= append.seq }) {
            delays.append(sweep.ended > append.end ? Double(sweep.ended - append.end) / 1e9 : 0)
          } else {
            unseen += 1
          }
        }
      }
      delays.sort()
      let within = delays.filter { $0 <= followTarget }.count
      let periods = zip(sweeps.dropFirst(), sweeps).map { Double($0.ended - $1.ended) / 1e6 }.sorted()
      print(
        "follow    \(within) of \(delays.count + unseen) sightings within 1 s; "
          + String(
            format: "p50 %.2f s, p99 %.2f s, max %.2f s", percentile(delays, 0.5), percentile(delays, 0.99),
            delays.last ?? 0)
          + (unseen > 0 ? ", \(unseen) never seen" : "")
          + String(
            format: " (capture period p50 %.0f ms, max %.0f ms, %d sweeps)   target: all ≤ 1 s",
            percentile(periods, 0.5), periods.last ?? 0, sweeps.count))
      let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
      let cpu = zip(before, after).map { Double($1.cpuTicks - $0.cpuTicks) / ticks / elapsed * 100 }
      print(
        "          "
          + String(
            format:
              "while following: %.1f %% CPU per viewer (max %.1f %%), %.2f cores for all %d; tmux server %.1f %%; over %.1f s",
            cpu.reduce(0, +) / Double(max(1, cpu.count)), cpu.max() ?? 0, cpu.reduce(0, +) / 100, cpu.count,
            Double(serverAfter.cpuTicks - serverBefore.cpuTicks) / ticks / elapsed * 100, elapsed))
    }

    // MARK: Cleaning up

    /// Ends the tmux server (and so every viewer), any writer still running, and removes the sandbox.
    mutating func cleanUp() {
      for writer in writers {
        if writer.start >= 0 { close(writer.start) }
        // Only a child not yet reaped: its pid is still ours.
        var status: Int32 = 0
        guard waitpid(writer.pid, &status, WNOHANG) == 0 else { continue }
        kill(writer.pid, SIGKILL)
        while waitpid(writer.pid, &status, 0) < 0 && errno == EINTR {}
      }
      writers.removeAll()
      if ViewersBench.serverPid != 0 || !viewers.isEmpty {
        _ = tmux(["kill-server"])
        let deadline = monotonicNanoseconds() + 5_000_000_000
        while viewers.contains(where: { $0.pid > 0 && kill($0.pid, 0) == 0 }) && monotonicNanoseconds() < deadline {
          usleep(50_000)
        }
        for viewer in viewers
        where viewer.pid > 0 && ViewersBench.text(of: "/proc/\(viewer.pid)/comm").hasPrefix("rapport") {
          kill(viewer.pid, SIGKILL)
        }
      }
      ViewersBench.serverPid = 0
      viewers.removeAll()
      _ = ChildProcess.run(["/bin/rm", "-rf", sandbox], environment: [], output: "/dev/null", error: "/dev/null")
    }
  }

  // MARK: Files and figures

  static func text(of path: String) -> String {
    guard let file = fopen(path, "r") else { return "" }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 16_384)
    while true {
      let count = fread(&buffer, 1, buffer.count, file)
      if count == 0 { break }
      bytes += buffer[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func writeFile(_ text: String, to path: String) -> Bool {
    guard let file = fopen(path, "w") else { return false }
    defer { fclose(file) }
    return fputs(text, file) >= 0
  }

  static func files(in folder: String) -> [String] {
    guard let handle = opendir(folder) else { return [] }
    defer { closedir(handle) }
    var names: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      if name != "." && name != ".." && !name.hasPrefix(".") { names.append(name) }
    }
    return names
  }

  /// "… 1000001 records …" → 1000001.
  static func recordCount(in line: Substring) -> Int? {
    let words = line.split(separator: " ")
    guard let index = words.firstIndex(of: "records"), index > words.startIndex else { return nil }
    return Int(words[words.index(before: index)])
  }

  /// The journal's last seq, from its last line.
  static func lastSeq(of path: String) -> Int {
    guard let file = fopen(path, "r") else { return 0 }
    defer { fclose(file) }
    fseek(file, -4096, SEEK_END)
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = fread(&buffer, 1, buffer.count, file)
    let lines = buffer[0..<count].split(separator: UInt8(ascii: "\n"))
    guard let last = lines.last else { return 0 }
    let text = String(decoding: last, as: UTF8.self)
    guard let key = text.split(separator: ",").first(where: { $0.hasPrefix("\"seq\":") }) else { return 0 }
    return Int(key.dropFirst(6)) ?? 0
  }

  /// The executable process `pid` runs (/proc/PID/exe), or "" when it cannot be read.
  static func executable(of pid: pid_t) -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink("/proc/\(pid)/exe", &buffer, buffer.count - 1)
    guard length > 0 else { return "" }
    return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  static func threadCPUNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }

  /// Times this process was preempted (involuntary context switches) so far.
  static func involuntarySwitches() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_nivcsw
  }

  static func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }
}

/// One process's figures from /proc: resident and proportional memory, CPU time, voluntary context
/// switches (wake-ups) and bytes read through read-like calls.
struct ProcessFigures {
  var residentKB = 0
  var proportionalKB = 0
  /// Pages no other process maps (Private_Clean + Private_Dirty): what one more such process costs.
  var privateKB = 0
  var cpuTicks = 0
  var voluntarySwitches = 0
  var bytesRead = 0

  init(_ pid: pid_t) {
    guard pid > 0 else { return }
    let base = "/proc/\(pid)/"
    for line in ViewersBench.text(of: base + "status").split(separator: "\n") {
      if line.hasPrefix("VmRSS:") { residentKB = Self.number(line) }
      if line.hasPrefix("voluntary_ctxt_switches:") { voluntarySwitches = Self.number(line) }
    }
    for line in ViewersBench.text(of: base + "smaps_rollup").split(separator: "\n") {
      if line.hasPrefix("Pss:") { proportionalKB = Self.number(line) }
      if line.hasPrefix("Private_Clean:") || line.hasPrefix("Private_Dirty:") { privateKB += Self.number(line) }
    }
    for line in ViewersBench.text(of: base + "io").split(separator: "\n") where line.hasPrefix("rchar:") {
      bytesRead = Self.number(line)
    }
    // Fields after the command name (which may hold spaces): state is the first; utime and stime are
    // the 12th and 13th.
    let stat = ViewersBench.text(of: base + "stat")
    if let close = stat.lastIndex(of: ")") {
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      if fields.count > 12 { cpuTicks = (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0) }
    }
  }

  static func number(_ line: Substring) -> Int {
    line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Int($0.filter(\.isNumber)) }
      ?? 0
  }
}

private func monotonicNanoseconds() -> UInt64 { ViewersBench.monotonicNanoseconds() }

private func percentile(_ sorted: [Double], _ p: Double) -> Double {
  sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

private func megabytes(_ kilobytes: Int) -> Double { Double(kilobytes) / 1024 }
