import Glibc
import RapportCheckpoint
import RapportDomain
import RapportJournal
import RapportTestSupport

/// Opening a large journal, against the targets in docs/performance.md (first frame ≤ 200 ms from a checkpoint, aim 100 ms;
/// full rebuild ≤ 2 s, aim 1 s), beside the floor and the peers reading the same file: `wc -l`,
/// Python's `json` module and `jq`. Then the real process, `rapport board --format json`, with and
/// without a checkpoint.
enum CheckpointBench {
  static func run(_ options: BenchmarkOptions, directory: String, today: Day) throws {
    let (path, generation) = try Benchmark.bookJournal(options, named: "checkpoint.jsonl", in: directory)
    let size = Benchmark.fileSize(path)
    print(
      "checkpoint \(options.events) events, \(options.accounts) accounts, "
        + String(format: "%.1f MB journal (generated %.1f s) %@", Double(size) / 1_048_576, generation, path))
    let journal = Journal(path: path)
    let cache = directory + "/checkpoint-cache"
    let store = CheckpointStore(directory: cache + "/rapport/checkpoints")
    defer { removeCache(cache, store: store, journal: journal) }

    // Full rebuild: the whole journal folded, no checkpoint read.
    var rebuilds: [Double] = []
    var desk: Desk?
    for _ in 0..<options.replays {
      desk = nil
      rebuilds.append(try Benchmark.measure { desk = try Desk.open(journal, user: "bench", checkpoints: nil).desk })
    }
    guard let replayed = desk else { return }
    line("full rebuild", rebuilds, unit: "s", note: "target ≤ 2 s (aim 1 s)")

    // Writing the checkpoint (encode, write, fsync, rename, fsync the folder).
    var writes: [Double] = []
    var saved: SavedCheckpoint?
    for _ in 0..<3 { writes.append(try Benchmark.measure { saved = try replayed.saveCheckpoint(to: store) }) }
    guard let saved else { return }
    line(
      "write", writes, unit: "ms",
      note: String(
        format: "checkpoint of %.1f MB at seq %d (%.0f bytes/event)", Double(saved.bytes) / 1_048_576, saved.seq,
        Double(saved.bytes) / Double(max(1, saved.seq))))

    // Opening from it: a desk ready, then the first board.
    var opens: [Double] = []
    var boards: [Double] = []
    var firstBoards: [Double] = []
    for _ in 0..<max(5, options.boards) {
      var opened: OpenedDesk?
      let open = try Benchmark.measure { opened = try Desk.open(journal, user: "bench", checkpoints: store) }
      guard let opened, opened.opening.usedCheckpoint else {
        print("checkpoint was not used: \(String(describing: opened?.opening))")
        return
      }
      let board = Benchmark.measure { _ = Assessor(book: opened.desk.book, today: today).board() }
      opens.append(open)
      boards.append(board)
      firstBoards.append(open + board)
    }
    line("open", opens, unit: "ms", note: "from the checkpoint to a Desk ready")
    line("+ board", boards, unit: "ms", note: "Assessor.board() on that desk")
    line("first board", firstBoards, unit: "ms", note: "open + board   target ≤ 200 ms (aim 100 ms)")
    let equal = try Desk.open(journal, user: "bench", checkpoints: store).desk.book == replayed.book
    print("           book from the checkpoint \(equal ? "equals" : "DIFFERS FROM") the full replay")

    // The floor and the peers, on the same file.
    peers(path)

    // The real process, as a user runs it.
    processes(path: path, cache: cache, today: today)

    // A dashboard following another writer from that checkpoint.
    try FollowBench.run(path: path, store: store, today: today)
  }

  static func line(_ label: String, _ times: [Double], unit: String, note: String) {
    let sorted = times.sorted()
    let scale = unit == "ms" ? 1000.0 : 1.0
    let name = label.padding(11)
    print(
      name
        + String(
          format: "best %.*f %@, median %.*f %@ of %d   %@", unit == "ms" ? 1 : 3, sorted[0] * scale, unit,
          unit == "ms" ? 1 : 3, sorted[sorted.count / 2] * scale, unit, sorted.count, note))
  }

  /// `wc -l`, Python's json module and jq reading the same journal.
  static func peers(_ path: String) {
    let quoted = "'" + path + "'"
    let tools: [(String, String, String?)] = [
      ("wc -l", "wc -l < \(quoted) > /dev/null", "/usr/bin/wc"),
      (
        "python json", "python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' \(quoted)",
        nil
      ),
      ("jq", "jq -c . \(quoted) > /dev/null", "jq"),
    ]
    for (label, command, tool) in tools {
      if let tool, !tool.hasPrefix("/"), !commandExists(tool) {
        print("\(label.padding(11))not installed (apt-get install \(tool))")
        continue
      }
      let runs = label == "wc -l" ? 5 : 1
      var times: [Double] = []
      var status: Int32 = 0
      for _ in 0..<runs { times.append(Benchmark.measure { status = ProcessRun.shell(command).status }) }
      if status != 0 {
        print("\(label.padding(11))failed (exit \(status)): \(command)")
        continue
      }
      line(label, times, unit: times.min() ?? 0 < 1 ? "ms" : "s", note: "reading the same journal")
    }
  }

  /// `rapport board --format json > /dev/null` as a process: without a checkpoint, the run that
  /// writes one, and runs that use it.
  static func processes(path: String, cache: String, today: Day) {
    guard let rapport = siblingExecutable("rapport") else {
      print("process    the rapport executable is not beside rapport-bench: build it with -c release")
      return
    }
    let environment =
      "env RAPPORT_LOG='\(path)' RAPPORT_TODAY=\(today) RAPPORT_USER=bench XDG_CACHE_HOME='\(cache)'"
      + " XDG_STATE_HOME='\(cache)/state' "
    let board = "'\(rapport)' board --format json > /dev/null"
    removeFiles(in: cache + "/rapport/checkpoints")
    var without: [Double] = []
    var maxRSS = 0
    for _ in 0..<2 {
      let run = ProcessRun.shell(environment + "RAPPORT_NO_CHECKPOINT=1 " + board)
      without.append(run.seconds)
      maxRSS = run.maxResidentKB
    }
    line("process", without, unit: "s", note: "rapport board --format json, no checkpoint (\(peak(maxRSS)))")
    removeFiles(in: cache + "/rapport/checkpoints")
    let writing = ProcessRun.shell(environment + board)
    line(
      "process", [writing.seconds], unit: "s",
      note: "the same, first run: full replay, then writes the checkpoint (\(peak(writing.maxResidentKB)))")
    var with: [Double] = []
    for _ in 0..<5 {
      let run = ProcessRun.shell(environment + board)
      with.append(run.seconds)
      maxRSS = run.maxResidentKB
    }
    line("process", with, unit: "ms", note: "the same, from the checkpoint (\(peak(maxRSS)))")
    dashboardFrames(rapport: rapport, path: path, cache: cache, today: today)
  }

  /// `rapport` itself from the checkpoint: spawn to its first frame on a 120x40 terminal (the detail
  /// pane's "Timeline" heading is drawn last).
  static func dashboardFrames(rapport: String, path: String, cache: String, today: Day) {
    let environment = [
      "RAPPORT_LOG": path, "RAPPORT_TODAY": today.description, "RAPPORT_USER": "bench", "XDG_CACHE_HOME": cache,
      "XDG_STATE_HOME": cache + "/state", "XDG_CONFIG_HOME": cache + "/config", "TERM": "xterm-256color",
    ]
    var frames: [Double] = []
    for _ in 0..<8 {
      guard
        let seconds = FirstFrame.seconds(
          rapport: rapport, environment: environment, rows: 40, columns: 120, marker: "Timeline", timeout: 20)
      else {
        print("dashboard  no first frame within 20 s")
        return
      }
      frames.append(seconds)
    }
    line(
      "dashboard", frames, unit: "ms",
      note: "rapport from the checkpoint to its first frame at 120x40   target ≤ 200 ms")
  }

  static func peak(_ kilobytes: Int) -> String {
    kilobytes > 0 ? "peak \(kilobytes / 1024) MB resident" : "peak memory not measured: /usr/bin/time missing"
  }

  /// The executable `name` beside this one; for `rapport`, `RAPPORT_BENCH_RAPPORT` names another build
  /// instead (a kept "before" binary, to run two builds alternately on the same journals).
  static func siblingExecutable(_ name: String) -> String? {
    if name == "rapport", let chosen = getenv("RAPPORT_BENCH_RAPPORT"), chosen.pointee != 0 {
      // Resolved, so that a viewer's /proc/PID/exe compares equal.
      guard access(chosen, X_OK) == 0, let resolved = realpath(chosen, nil) else { return nil }
      defer { free(resolved) }
      return String(cString: resolved)
    }
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard length > 0 else { return nil }
    let me = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    guard let slash = me.lastIndex(of: "/") else { return nil }
    let path = String(me[..<slash]) + "/" + name
    return access(path, X_OK) == 0 ? path : nil
  }

  static func commandExists(_ name: String) -> Bool {
    ProcessRun.shell("command -v \(name) > /dev/null 2>&1").status == 0
  }

  static func removeFiles(in folder: String) {
    guard let handle = opendir(folder) else { return }
    defer { closedir(handle) }
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      if name != "." && name != ".." { unlink(folder + "/" + name) }
    }
  }

  static func removeCache(_ cache: String, store: CheckpointStore, journal: Journal) {
    removeFiles(in: store.directory)
    rmdir(store.directory)
    removeFiles(in: cache + "/state/rapport")
    rmdir(cache + "/state/rapport")
    rmdir(cache + "/state")
    rmdir(cache + "/rapport")
    rmdir(cache)
  }
}

/// One child process run through `/bin/sh -c`: its exit status, wall time and peak resident memory.
enum ProcessRun {
  struct Result {
    var status: Int32
    var seconds: Double
    var maxResidentKB: Int
  }

  /// Runs `command`; the peak resident memory comes from GNU time when it is installed (a child
  /// spawned from this large process would otherwise report this process's peak), else 0.
  static func shell(_ command: String) -> Result {
    let measured = access("/usr/bin/time", X_OK) == 0
    let report = "/tmp/rapport-bench-rss-\(getpid())"
    let arguments =
      measured
      ? ["/usr/bin/time", "-f", "%M", "-o", report, "/bin/sh", "-c", command] : ["/bin/sh", "-c", command]
    let environment = ChildProcess.inheritedEnvironment
    var start = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    guard
      let pid = ChildProcess.spawn(arguments, environment: environment, inheritsStreams: true),
      let ended = ChildProcess.wait(pid)
    else {
      return Result(status: -1, seconds: 0, maxResidentKB: 0)
    }
    var end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &end)
    let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    var resident = 0
    if measured, let file = fopen(report, "r") {
      var line = [CChar](repeating: 0, count: 256)
      while fgets(&line, 256, file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if let value = Int(text.filter(\.isNumber)), text.first?.isNumber == true { resident = value }
      }
      fclose(file)
      unlink(report)
    }
    return Result(status: ended.exitCode, seconds: seconds, maxResidentKB: resident)
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
