import RapportTerminal
import XCTest

/// The event loop against a scripted backend: what it draws, when, and how it ends.
final class BackendEventLoopTests: XCTestCase {
  final class ScriptedBackend: TerminalBackend {
    var events: [BackendEvent]
    var size: (rows: Int, columns: Int) = (24, 80)
    var frames: [(canvas: Canvas, repaint: Bool)] = []
    var timeouts: [Int] = []
    /// Applied when the event at this index is taken (simulates the terminal resizing).
    var resizeAt: [Int: (Int, Int)] = [:]
    private var taken = 0
    /// What the "editor" hands back, and the texts it was given.
    var editorResult: String? = "edited"
    var edited: [String] = []

    init(_ events: [BackendEvent]) { self.events = events }

    func draw(_ canvas: Canvas, repaint: Bool) { frames.append((canvas, repaint)) }

    func nextEvent(timeoutMilliseconds: Int) -> BackendEvent {
      timeouts.append(timeoutMilliseconds)
      if let newSize = resizeAt[taken] { size = newSize }
      taken += 1
      return events.isEmpty ? .signal(15) : events.removeFirst()
    }

    func editText(_ text: String) -> String? {
      edited.append(text)
      return editorResult
    }
  }

  struct CountingScreen: TerminalApp {
    var keys: [Key] = []
    var polls = 0
    var changesOnPoll = false
    var editorTexts: [String?] = []

    func render(into canvas: inout Canvas) { canvas.draw("keys \(keys.count) polls \(polls)", row: 0, column: 0) }

    mutating func handle(_ key: Key) -> KeyOutcome {
      keys.append(key)
      switch key {
      case .character("q"): return .quit
      case .control("l"): return .repaint
      case .control("e"): return .edit("draft \(keys.count)")
      default: return .redraw
      }
    }

    mutating func poll() -> Bool {
      polls += 1
      return changesOnPoll
    }

    mutating func finishEditing(_ text: String?) { editorTexts.append(text) }
  }

  func testDrawsFirstThenAfterEveryKeyAndQuits() {
    let backend = ScriptedBackend([.key(.down), .key(.down), .key(.character("q")), .key(.up)])
    var screen = CountingScreen()
    XCTAssertEqual(EventLoop.run(screen: &screen, backend: backend), .quit)
    XCTAssertEqual(screen.keys, [.down, .down, .character("q")])
    XCTAssertEqual(backend.frames.map { $0.canvas.lines[0] }, ["keys 0 polls 0", "keys 1 polls 0", "keys 2 polls 0"])
    XCTAssertEqual(backend.frames.map(\.repaint), [false, false, false])
    XCTAssertEqual(backend.timeouts, [250, 250, 250])
  }

  func testTimeoutPollsAndRedrawsOnlyWhenSomethingChanged() {
    let quiet = ScriptedBackend([.timeout, .timeout, .key(.character("q"))])
    var screen = CountingScreen()
    _ = EventLoop.run(screen: &screen, backend: quiet)
    XCTAssertEqual(screen.polls, 2)
    XCTAssertEqual(quiet.frames.count, 1)

    let busy = ScriptedBackend([.timeout, .key(.character("q"))])
    var changing = CountingScreen(changesOnPoll: true)
    _ = EventLoop.run(screen: &changing, backend: busy)
    XCTAssertEqual(busy.frames.count, 2)
    XCTAssertEqual(busy.frames[1].canvas.lines[0], "keys 0 polls 1")
  }

  func testResizeRedrawsAtTheNewSizeWithARepaint() {
    let backend = ScriptedBackend([.key(.resize), .key(.character("q"))])
    backend.resizeAt[0] = (20, 60)
    var screen = CountingScreen()
    _ = EventLoop.run(screen: &screen, backend: backend)
    XCTAssertEqual(backend.frames.count, 2)
    XCTAssertEqual(backend.frames[0].canvas.columns, 80)
    XCTAssertEqual(backend.frames[1].canvas.rows, 20)
    XCTAssertEqual(backend.frames[1].canvas.columns, 60)
    XCTAssertTrue(backend.frames[1].repaint)
  }

  func testControlLRepaints() {
    let backend = ScriptedBackend([.key(.control("l")), .key(.character("q"))])
    var screen = CountingScreen()
    _ = EventLoop.run(screen: &screen, backend: backend)
    XCTAssertEqual(backend.frames.map(\.repaint), [false, true])
  }

  func testEditorRoundTripRepaintsAfterwards() {
    let backend = ScriptedBackend([.key(.control("e")), .key(.character("q"))])
    var screen = CountingScreen()
    _ = EventLoop.run(screen: &screen, backend: backend)
    XCTAssertEqual(backend.edited, ["draft 1"])
    XCTAssertEqual(screen.editorTexts, ["edited"])
    XCTAssertEqual(backend.frames.map(\.repaint), [false, true], "the screen is redrawn whole after the editor")
  }

  func testASignalEndsTheLoop() {
    let backend = ScriptedBackend([.key(.down), .signal(2)])
    var screen = CountingScreen()
    XCTAssertEqual(EventLoop.run(screen: &screen, backend: backend), .signal(2))
    XCTAssertEqual(screen.keys, [.down])
  }
}
