import CNcursesw
import Glibc
import RapportTerminal
import XCTest

/// Following a journal that announces appends: the loop watches the app's descriptor beside the
/// keyboard and reads the journal as soon as it is readable; the ncurses backend waits on both.
final class JournalWakeTests: XCTestCase {
  /// Hands out scripted events and records which descriptor each wait watched.
  final class WatchingBackend: TerminalBackend {
    var events: [BackendEvent]
    var size: (rows: Int, columns: Int) = (24, 80)
    var frames: [Canvas] = []
    var watched: [Int32?] = []

    init(_ events: [BackendEvent]) { self.events = events }

    func draw(_ canvas: Canvas, repaint: Bool) { frames.append(canvas) }
    func nextEvent(timeoutMilliseconds: Int) -> BackendEvent {
      XCTFail("the loop waits through nextEvent(timeoutMilliseconds:watching:)")
      return .signal(15)
    }
    func nextEvent(timeoutMilliseconds: Int, watching descriptor: Int32?) -> BackendEvent {
      watched.append(descriptor)
      return events.isEmpty ? .signal(15) : events.removeFirst()
    }
    func editText(_ text: String) -> String? { nil }
  }

  /// An app whose journal wakes it through `descriptor`; each poll reads "the journal" (counts).
  struct FollowingScreen: TerminalApp {
    var descriptor: Int32?
    var polls = 0
    var wakeDescriptor: Int32? { descriptor }

    func render(into canvas: inout Canvas) { canvas.draw("records \(polls)", row: 0, column: 0) }
    mutating func handle(_ key: Key) -> KeyOutcome { key == .character("q") ? .quit : .redraw }
    mutating func poll() -> Bool {
      polls += 1
      return true
    }
  }

  func testAnAnnouncedAppendIsReadAndDrawnAtOnce() {
    let backend = WatchingBackend([.journalChanged, .key(.character("q"))])
    var screen = FollowingScreen(descriptor: 7)
    XCTAssertEqual(EventLoop.run(screen: &screen, backend: backend), .quit)
    XCTAssertEqual(screen.polls, 1)
    XCTAssertEqual(backend.frames.map { $0.lines[0] }, ["records 0", "records 1"])
    XCTAssertEqual(backend.watched, [7, 7], "every wait watches the app's descriptor")
  }

  func testAnAppWithoutADescriptorWaitsForKeysAndTimeoutsOnly() {
    let backend = WatchingBackend([.timeout, .key(.character("q"))])
    var screen = FollowingScreen(descriptor: nil)
    _ = EventLoop.run(screen: &screen, backend: backend)
    XCTAssertEqual(backend.watched, [nil, nil])
    XCTAssertEqual(screen.polls, 1, "the timeout still reads the journal")
  }

  // MARK: The ncurses backend on pipes

  private var keyboard: [Int32] = []
  private var wake: [Int32] = []
  private var output: UnsafeMutablePointer<FILE>?
  private var backend: NcursesBackend?

  private func openBackend() throws -> NcursesBackend {
    setlocale(LC_ALL, "C.UTF-8")
    keyboard = [-1, -1]
    wake = [-1, -1]
    XCTAssertEqual(pipe(&keyboard), 0)
    XCTAssertEqual(pipe(&wake), 0)
    let input = try XCTUnwrap(fdopen(keyboard[0], "r"))
    output = try XCTUnwrap(fopen("/dev/null", "w"))
    let opened = try NcursesBackend(
      term: "xterm-256color", input: input, output: try XCTUnwrap(output), ownedFiles: [input, try XCTUnwrap(output)])
    backend = opened
    return opened
  }

  override func tearDown() {
    backend?.stop()
    backend = nil
    for descriptor in [keyboard.count == 2 ? keyboard[1] : -1] + wake where descriptor >= 0 { close(descriptor) }
    keyboard = []
    wake = []
    super.tearDown()
  }

  private func write(_ text: String, to descriptor: Int32) {
    let bytes = Array(text.utf8)
    XCTAssertEqual(bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }, bytes.count)
  }

  func testTheBackendWakesWhenTheWatchedDescriptorIsReadable() throws {
    let backend = try openBackend()
    XCTAssertEqual(backend.nextEvent(timeoutMilliseconds: 10, watching: wake[0]), .timeout)
    write("1", to: wake[1])
    XCTAssertEqual(backend.nextEvent(timeoutMilliseconds: 5_000, watching: wake[0]), .journalChanged)
  }

  func testAKeyComesBeforeTheJournalAndTypedKeysAreNotHeldBack() throws {
    let backend = try openBackend()
    write("1", to: wake[1])
    write("jk", to: keyboard[1])
    XCTAssertEqual(backend.nextEvent(timeoutMilliseconds: 5_000, watching: wake[0]), .key(.character("j")))
    XCTAssertEqual(backend.nextEvent(timeoutMilliseconds: 5_000, watching: wake[0]), .key(.character("k")))
    XCTAssertEqual(backend.nextEvent(timeoutMilliseconds: 5_000, watching: wake[0]), .journalChanged)
  }

  func testWithoutADescriptorTheJournalsPipeIsNotWatched() throws {
    let backend = try openBackend()
    write("1", to: wake[1])
    XCTAssertEqual(backend.nextEvent(timeoutMilliseconds: 10, watching: nil), .timeout)
    write("x", to: keyboard[1])
    XCTAssertEqual(backend.nextEvent(timeoutMilliseconds: 5_000, watching: nil), .key(.character("x")))
  }

  func testAClosedTerminalEndsTheWaitAsAHangUp() throws {
    let backend = try openBackend()
    close(keyboard[1])
    keyboard[1] = -1
    XCTAssertEqual(backend.nextEvent(timeoutMilliseconds: 5_000, watching: wake[0]), .signal(SIGHUP))
  }
}
