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

  init(_ arguments: ArraySlice<String>) {
    var iterator = arguments.makeIterator()
    while let flag = iterator.next() {
      if flag == "--reuse" {
        reuse = true
        continue
      }
      let value = iterator.next()
      switch flag {
      case "--events": events = value.flatMap(Int.init) ?? events
      case "--accounts": accounts = value.flatMap(Int.init) ?? accounts
      case "--appends": appends = value.flatMap(Int.init) ?? appends
      case "--replays": replays = max(1, value.flatMap(Int.init) ?? replays)
      case "--boards": boards = max(1, value.flatMap(Int.init) ?? boards)
      case "--keep": directory = value
      default:
        print(
          "unknown flag \(flag); flags: --events N --accounts N --appends N --replays N --boards N --keep DIR [--reuse]"
        )
      }
    }
  }
}
