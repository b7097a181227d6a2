/// The benchmark's few flags, parsed by hand to keep the program dependency-free.
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
  /// Run the journal sections (replay, memory, board, append, verify).
  var journal = true
  /// Run the checkpoint section (open from a checkpoint, full rebuild, peers, the real process).
  var checkpoint = true
  /// Run the dashboard section (keystroke time, bytes per move).
  var dashboard = true
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
  /// Run the viewers section (dashboards in tmux following concurrent writers).
  var importSection = true
  var importRows = 100_000
  var viewers = true
  /// Dashboard processes, writer processes, appends per writer, seconds of idle measurement.
  var viewerCount = 30
  var writerCount = 4
  var writerAppends = 50
  var idleSeconds = 10

  static let usage =
    "flags: --events N --accounts N --appends N --replays N --boards N --keep DIR [--reuse] [--repeated-text] "
    + "[--no-dashboard | --dashboard-only] [--no-checkpoint-section | --checkpoint-only] --dashboard-accounts N --dashboard-days N --moves N --byte-moves N [--dump-move I] [--per-key] "
    + "[--no-viewers | --viewers-only] --viewers N --writers N --writer-appends N --idle-seconds N "
    + "[--no-import | --import-only] --import-rows N"

  init(_ arguments: ArraySlice<String>) {
    var iterator = arguments.makeIterator()
    while let flag = iterator.next() {
      switch flag {
      case "--reuse":
        reuse = true
        continue
      case "--repeated-text":
        distinctText = false
        continue
      case "--no-dashboard":
        dashboard = false
        continue
      case "--dashboard-only":
        (journal, checkpoint, viewers, importSection) = (false, false, false, false)
        continue
      case "--no-viewers":
        viewers = false
        continue
      case "--no-import":
        importSection = false
        continue
      case "--import-only":
        (journal, checkpoint, dashboard, viewers) = (false, false, false, false)
        continue
      case "--viewers-only":
        (journal, checkpoint, dashboard, importSection) = (false, false, false, false)
        continue
      case "--no-checkpoint-section":
        checkpoint = false
        continue
      case "--checkpoint-only":
        (journal, dashboard, viewers, importSection) = (false, false, false, false)
        continue
      case "--per-key":
        perKey = true
        continue
      default: break
      }
      let value = iterator.next()
      switch flag {
      case "--events": events = value.flatMap(Int.init) ?? events
      case "--accounts": accounts = value.flatMap(Int.init) ?? accounts
      case "--appends": appends = value.flatMap(Int.init) ?? appends
      case "--replays": replays = max(1, value.flatMap(Int.init) ?? replays)
      case "--boards": boards = max(1, value.flatMap(Int.init) ?? boards)
      case "--keep": directory = value
      case "--dashboard-accounts": dashboardAccounts = max(1, value.flatMap(Int.init) ?? dashboardAccounts)
      case "--dashboard-days": dashboardDays = max(30, value.flatMap(Int.init) ?? dashboardDays)
      case "--moves": moves = max(2, value.flatMap(Int.init) ?? moves)
      case "--byte-moves": byteMoves = max(1, value.flatMap(Int.init) ?? byteMoves)
      case "--viewers": viewerCount = max(1, value.flatMap(Int.init) ?? viewerCount)
      case "--writers": writerCount = max(1, value.flatMap(Int.init) ?? writerCount)
      case "--writer-appends": writerAppends = max(1, value.flatMap(Int.init) ?? writerAppends)
      case "--import-rows": importRows = max(1, value.flatMap(Int.init) ?? importRows)
      case "--idle-seconds": idleSeconds = max(1, value.flatMap(Int.init) ?? idleSeconds)
      case "--dump-move": if let move = value.flatMap(Int.init) { dumpMoves.insert(move) }
      default: print("unknown flag \(flag); \(Self.usage)")
      }
    }
  }
}
