import CNcursesw
import Glibc
import RapportDomain
import RapportJournal
import RapportSample
import RapportTerminal

/// The dashboard against the targets in docs/performance.md: on a book of 10,000 accounts, a keystroke that moves, filters or
/// switches screens computes its frame (`handle` + `render`) within 5 ms at the 99th percentile, and one
/// selection move sends at most a few hundred bytes to an 80x24 terminal (the real ncurses backend,
/// headless on a file, xterm-256color).
enum DashboardBench {
  static let frameTarget = 5.0
  static let bytesTarget = 300
  static let sizes = [(rows: 24, columns: 80), (rows: 40, columns: 120)]

  static func run(_ options: BenchmarkOptions, directory: String, today: Day) throws {
    let path = directory + (options.distinctText ? "/dashboard.jsonl" : "/dashboard-repeated.jsonl")
    let reuse = options.reuse && access(path, F_OK) == 0
    if !reuse { unlink(path) }
    // Every account exists by the end (no event limit): a year of history for each.
    var sample = SampleBook(
      accounts: options.dashboardAccounts, firstDay: today.adding(days: -options.dashboardDays), lastDay: today,
      owners: (1...25).map { "owner\($0)" }, seed: 11)
    sample.distinctText = options.distinctText
    let generation = reuse ? 0 : try Benchmark.measure { try Benchmark.write(sample, to: path) }
    let theme = loadTheme()
    var desk: Desk?
    let replay = try Benchmark.measure { desk = try Desk.open(Journal(path: path), user: "owner1") }
    var opened: Dashboard?
    // The dashboard takes the desk, as `rapport` hands it over: a copy kept here would share the book,
    // and the first poll below would copy all of it.
    let build = Benchmark.measure {
      if let taken = desk.take() { opened = Dashboard(desk: consume taken, today: today, theme: theme) }
    }
    guard let opened = opened.take() else { return }
    print(
      "dashboard  \(opened.desk.book.accounts.count) accounts, \(opened.recordCount) records, theme \(theme.name)"
        + String(
          format: " (generated %.1f s, replayed %.2f s); first build %.0f ms", generation, replay, build * 1000))

    for size in sizes {
      var dashboard = opened
      keystrokes(&dashboard, size: size, moves: options.moves, perKey: options.perKey)
    }
    try bytesPerMove(opened, moves: options.byteMoves, directory: directory, dump: options.dumpMoves)
    try pollFrames(consume opened, path: path, today: today)
    if options.directory == nil { unlink(path) }
  }

  /// Times `moves` `j`/`k`, a filter typed and erased letter by letter, and rounds of screen switches
  /// on `dashboard` at `size`, and prints a line for each.
  static func keystrokes(
    _ dashboard: inout Dashboard, size: (rows: Int, columns: Int), moves count: Int, perKey: Bool = false
  ) {
    // The size reaches the dashboard as an action, as the event loop sends it on a resize.
    dashboard.resize(to: TerminalSize(rows: size.rows, columns: size.columns))
    var canvas = Canvas(rows: size.rows, columns: size.columns)
    dashboard.render(into: &canvas)
    let label = "\(size.columns)x\(size.rows)"
    var moves: [Key] = Array(repeating: .character("j"), count: count / 2)
    moves += Array(repeating: .character("k"), count: count - moves.count)
    report("move", label, moves, frames(&dashboard, size, moves))

    var filter: [Key] = []
    for word in ["acme", "globex-12", "owner7", "wonka labs", "zzz", "東京", "hooli-99"] {
      filter.append(.character("/"))
      filter += word.map { .character($0) }
      filter += Array(repeating: .backspace, count: word.count)
      filter.append(.escape)
    }
    filter = Array(repeating: filter, count: 5).flatMap { $0 }
    report("filter", label, filter, frames(&dashboard, size, filter))

    let round: [Key] = [
      .character("b"), .character("m"), .character("d"), .character("m"), .character("r"), .character("m"),
      .character("?"), .character("m"), .enter, .escape, .character("b"), .character("d"), .character("r"),
      .character("?"), .escape,
    ]
    let screens = Array(repeating: round, count: 40).flatMap { $0 }
    let screenTimes = frames(&dashboard, size, screens)
    report("screens", label, screens, screenTimes)
    detailAndSearch(&dashboard, size: size)
    guard perKey else { return }
    for position in round.indices {
      let mine = stride(from: position, to: screens.count, by: round.count).map { screenTimes[$0] }.sorted()
      print(
        "  \(round[position])" + String(format: " median %.2f ms, max %.2f ms", mine[mine.count / 2], mine.last ?? 0))
    }
  }

  /// Times `handle(key)` + a fresh canvas + `render` per key, in milliseconds.
  static func frames(_ dashboard: inout Dashboard, _ size: (rows: Int, columns: Int), _ keys: [Key]) -> [Double] {
    var times: [Double] = []
    times.reserveCapacity(keys.count)
    for key in keys {
      times.append(
        Benchmark.measure {
          _ = dashboard.handle(key)
          var canvas = Canvas(rows: size.rows, columns: size.columns)
          dashboard.render(into: &canvas)
        } * 1000)
    }
    return times
  }

  static func report(_ name: String, _ size: String, _ keys: [Key], _ times: [Double]) {
    let sorted = times.sorted()
    let slowest = times.indices.max { times[$0] < times[$1] }.map { index -> String in
      if case .character(let character) = keys[index] { return String(character) }
      return "\(keys[index])"
    }
    func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
    print(
      (name + " " + size).padding(15)
        + String(
          format: "p50 %.2f ms, p99 %.2f ms, max %.2f ms", percentile(0.5), percentile(0.99), sorted.last ?? 0)
        + " (\(slowest ?? "–")) over \(sorted.count) keys   target p99 ≤ \(Int(frameTarget)) ms")
  }

  /// Another writer appends one record at a time; the dashboard (on the due screen) polls and redraws.
  /// Takes the dashboard, so that its book is not shared with a copy (the first poll would copy it).
  static func pollFrames(_ dashboard: consuming Dashboard, path: String, today: Day) throws {
    _ = dashboard.handle(.character("d"))
    var other = try Desk.open(Journal(path: path), user: "owner2")
    let slugs = Array(other.book.slugs.prefix(20))
    dashboard.resize(to: TerminalSize(rows: 24, columns: 80))
    var times: [Double] = []
    for (index, slug) in slugs.enumerated() {
      try other.perform(
        .logTouchpoint(slug: slug, TouchpointInput(kind: .call, date: today, summary: "bench call \(index)")),
        in: Context(now: .now(), today: today, user: other.user))
      times.append(
        Benchmark.measure {
          _ = dashboard.poll()
          var canvas = Canvas(rows: 24, columns: 80)
          dashboard.render(into: &canvas)
        } * 1000)
    }
    let idle = (0..<20).map { _ in Benchmark.measure { _ = dashboard.poll() } * 1000 }.sorted()
    let sorted = times.sorted()
    print(
      String(
        format:
          "poll       p50 %.1f ms, max %.1f ms over %d appends by another writer (read, re-assess, redraw due); "
          + "%.2f ms when nothing arrived", sorted[sorted.count / 2], sorted.last ?? 0, sorted.count,
        idle[idle.count / 2]
      ))
  }

  /// Draws through the real ncurses backend into a file at 80x24 and counts what each `j`/`k` sends.
  static func bytesPerMove(_ opened: Dashboard, moves: Int, directory: String, dump: Set<Int> = []) throws {
    setlocale(LC_ALL, "C.UTF-8")
    setenv("LINES", "24", 1)
    setenv("COLUMNS", "80", 1)
    let outputPath = directory + "/screen.out"
    guard let output = fopen(outputPath, "w"), let input = fopen("/dev/null", "r") else {
      print("bytes      cannot open \(outputPath)")
      return
    }
    defer { unlink(outputPath) }
    let backend = try NcursesBackend(
      term: "xterm-256color", input: input, output: output, ownedFiles: [input, output])
    defer { backend.stop() }
    resizeterm(24, 80)
    func written() -> Int {
      fflush(output)
      var info = stat()
      return fstat(fileno(output), &info) == 0 ? Int(info.st_size) : 0
    }
    var dashboard = opened
    dashboard.resize(to: TerminalSize(rows: 24, columns: 80))
    func frame() {
      var canvas = Canvas(rows: 24, columns: 80)
      dashboard.render(into: &canvas)
      backend.draw(canvas, repaint: false)
    }
    frame()
    let first = written()
    var inPage: [Int] = []
    var scrolling: [Int] = []
    var perMove: [Int] = []
    for index in 0..<moves {
      let before = written()
      let scroll = dashboard.state.listScroll
      _ = dashboard.handle(.character(index < moves / 2 ? "j" : "k"))
      frame()
      let bytes = written() - before
      if dump.contains(index) { print("move \(index): " + escaped(outputPath, from: before, count: bytes)) }
      if dashboard.state.listScroll == scroll { inPage.append(bytes) } else { scrolling.append(bytes) }
      perMove.append(bytes)
    }
    func summary(_ values: [Int]) -> String {
      guard let largest = values.max() else { return "none" }
      let mean = Double(values.reduce(0, +)) / Double(values.count)
      return String(format: "mean %.0f, max %d over %d", mean, largest, values.count)
    }
    let all = inPage + scrolling
    if let worst = perMove.indices.max(by: { perMove[$0] < perMove[$1] }), !dump.isEmpty {
      print(
        "largest: move \(worst), \(perMove[worst]) B; \(perMove.filter { $0 > bytesTarget }.count) above the target")
    }
    print(
      "bytes/move \(summary(all)) j/k at 80x24 (first frame \(first) B)   target ≤ \(bytesTarget) B; "
        + "within the page \(summary(inPage)); scrolling \(summary(scrolling))")
  }

  /// `count` bytes of the file at `path` from `offset`, escape sequences made visible.
  static func escaped(_ path: String, from offset: Int, count: Int) -> String {
    guard let file = fopen(path, "r") else { return "?" }
    defer { fclose(file) }
    fseek(file, offset, SEEK_SET)
    var bytes = [UInt8](repeating: 0, count: count)
    let read = fread(&bytes, 1, count, file)
    return String(decoding: bytes.prefix(read), as: UTF8.self).unicodeScalars.map { scalar in
      scalar.value == 0x1B
        ? "␛" : scalar.value < 0x20 ? "^\(Character(Unicode.Scalar(scalar.value + 64) ?? "?"))" : String(scalar)
    }.joined()
  }

  /// The shipped dark theme (the dashboard's default), else the built-in monochrome one.
  static func loadTheme() -> Theme {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    let executable =
      length > 0 ? String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
    let directories = ThemeLoader.searchDirectories(environment: [:], executablePath: executable)
    return (try? ThemeLoader.load(named: "dark", in: directories)) ?? Theme.fallback
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
