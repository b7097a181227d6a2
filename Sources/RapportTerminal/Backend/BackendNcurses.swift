import CNcursesw
import Glibc

/// The only code that draws on the real terminal: copies a `Canvas` out with ncursesw and reads keys.
///
/// `werase` (never `clear`) and one `doupdate` per frame, so ncurses sends only what changed; `clearok`
/// only on resize and Ctrl-L. Colours come from the 8 basic ones, as lazily built pairs.
public final class NcursesBackend: TerminalBackend {
  private let screen: OpaquePointer
  let window: UnsafeMutablePointer<WINDOW>
  private let ownedFiles: [UnsafeMutablePointer<FILE>]
  /// Where ncurses writes: the clipboard's escape sequence goes there too.
  private let output: UnsafeMutablePointer<FILE>
  /// Where ncurses reads keys from, waited on beside a journal's descriptor.
  let inputDescriptor: Int32
  private var colors: ColorPairs?
  private var stopped = false
  private var ownsSignals = false
  /// Said on stderr after the screen is restored (e.g. the TERM fallback used).
  public private(set) var notices: [String] = []
  /// The locale's character set when the screen was opened (`nl_langinfo(CODESET)`), e.g. `UTF-8` or
  /// `ANSI_X3.4-1968` under `LANG=C`.
  public let codeset: String
  /// What the terminal can show: ncurses encodes every cell in the locale's character set and drops
  /// what it lacks, so outside a UTF-8 locale the dashboard draws ASCII.
  public var charset: Charset { Charset(codeset: codeset) }

  /// Refuses a terminal that cannot be drawn on: TERM unset, empty or `dumb`.
  public static func checkTerm(_ term: String?) throws(TerminalError) {
    guard let term, !term.isEmpty, term != "dumb" else { throw .unsuitableTerminal(term: term) }
  }

  /// Opens the real terminal (stdin/stdout when both are terminals, else `/dev/tty`), honouring TERM
  /// (falling back to xterm-256color, then vt100), NO_COLOR and ESCDELAY. Installs SIGINT, SIGTERM and
  /// SIGHUP handlers that end the event loop; `stop()` (or deinit) restores the terminal. `mouse`: report
  /// clicks and the wheel (see `init`).
  public static func open(mouse: Bool = true) throws(TerminalError) -> NcursesBackend {
    let term = environment("TERM")
    try checkTerm(term)
    guard let term, var input = rp_stdin(), var output = rp_stdout() else {
      throw .noTerminal(reason: "no standard input or output")
    }
    setlocale(LC_ALL, "")
    var owned: [UnsafeMutablePointer<FILE>] = []
    if isatty(0) == 0 || isatty(1) == 0 {
      guard let ttyIn = fopen("/dev/tty", "r") else {
        throw .noTerminal(reason: "/dev/tty: \(String(cString: strerror(errno)))")
      }
      guard let ttyOut = fopen("/dev/tty", "w") else {
        let reason = String(cString: strerror(errno))
        fclose(ttyIn)
        throw .noTerminal(reason: "/dev/tty: \(reason)")
      }
      input = ttyIn
      output = ttyOut
      owned = [ttyIn, ttyOut]
    }
    let noColor = environment("NO_COLOR").map { !$0.isEmpty } ?? false
    do {
      let backend = try NcursesBackend(
        term: term, fallbacks: ["xterm-256color", "vt100"], input: input, output: output, ownedFiles: owned,
        colors: !noColor, mouse: mouse)
      rp_install_quit_handlers()
      backend.ownsSignals = true
      return backend
    } catch {
      for file in owned { fclose(file) }
      throw error
    }
  }

  /// Opens a screen on `input`/`output` with the first known of `term` and `fallbacks` (tests pass
  /// /dev/null streams). `ownedFiles` are closed by `stop()`. `mouse`: ask for left-button presses and
  /// the wheel, never motion, so that Shift+drag still selects text in xterm-style terminals.
  public init(
    term: String, fallbacks: [String] = [], input: UnsafeMutablePointer<FILE>, output: UnsafeMutablePointer<FILE>,
    ownedFiles: [UnsafeMutablePointer<FILE>] = [], colors useColors: Bool = true, mouse: Bool = false
  ) throws(TerminalError) {
    codeset = nl_langinfo(nl_item(CODESET)).map { String(cString: $0) } ?? ""
    var opened: OpaquePointer?
    for candidate in [term] + fallbacks where opened == nil {
      opened = newterm(candidate, output, input)
      if opened != nil, candidate != term {
        notices.append("TERM=\(term) is unknown here; the dashboard used \(candidate) instead")
      }
    }
    guard let opened else { throw .unknownTerminal(term: term) }
    screen = opened
    set_term(opened)
    window = rp_stdscr()
    self.ownedFiles = ownedFiles
    self.output = output
    inputDescriptor = fileno(input)
    if let text = Self.environment("ESCDELAY"), let delay = Int32(text), delay >= 0 {
      set_escdelay(delay)
    } else {
      set_escdelay(50)
    }
    cbreak()  // Ctrl-C still raises SIGINT, which quits cleanly.
    noecho()
    keypad(window, true)
    Self.defineAlternativeKeys()
    leaveok(window, true)
    curs_set(0)
    if mouse {
      // Presses reported at once (no wait to tell a click from a press), no motion reports.
      mouseinterval(0)
      mousemask(rp_button1_pressed() | rp_button4_pressed() | rp_button5_pressed(), nil)
    }
    if useColors, has_colors() {
      start_color()
      colors = ColorPairs(defaultColors: use_default_colors() == rp_ok())
    }
  }

  deinit { stop() }

  /// Restores the terminal (endwin), the signal dispositions, and says the notices on stderr. Idempotent.
  public func stop() {
    guard !stopped else { return }
    stopped = true
    set_term(screen)
    endwin()
    delscreen(screen)
    for file in ownedFiles { fclose(file) }
    if ownsSignals { rp_restore_quit_handlers() }
    for notice in notices {
      let line = Array("rapport: \(notice)\n".utf8)
      _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
  }

  /// Writes OSC 52 after the frame ncurses sent (it leaves the screen as it is).
  public func copyToClipboard(_ text: String) {
    let bytes = Clipboard.osc52(text)
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, output) }
    fflush(output)
  }

  public var size: (rows: Int, columns: Int) {
    (Int(rp_getmaxy(window)), Int(rp_getmaxx(window)))
  }

  public func draw(_ canvas: Canvas, repaint: Bool) {
    werase(window)
    if repaint { clearok(window, true) }
    let rows = min(canvas.rows, size.rows)
    let columns = min(canvas.columns, size.columns)
    var text = [wchar_t](repeating: 0, count: 6)
    for row in 0..<rows {
      for column in 0..<columns {
        let cell = canvas[row, column]
        if cell.isContinuation { continue }
        let style = colors == nil ? cell.style.withoutColor : cell.style
        // werase left a plain blank here already.
        if cell.text == " " && style == .plain { continue }
        var count: Int32 = 0
        for scalar in cell.text.unicodeScalars.prefix(5) {
          text[Int(count)] = wchar_t(bitPattern: scalar.value)
          count += 1
        }
        let pair = colors?.pair(foreground: style.foreground, background: style.background) ?? 0
        rp_put_cell(window, Int32(row), Int32(column), text, count, Self.attributes(style), pair)
      }
    }
    wnoutrefresh(window)
    doupdate()
  }

  public func nextEvent(timeoutMilliseconds: Int) -> BackendEvent {
    while true {
      if let number = pendingSignal { return .signal(number) }
      wtimeout(window, Int32(timeoutMilliseconds))
      var code: wint_t = 0
      let status = wget_wch(window, &code)
      if let number = pendingSignal { return .signal(number) }
      if status == rp_err() {
        // A terminal that went away without sending this process a SIGHUP (its pty closed under a
        // process outside the terminal's session) fails every read at once: end as a hang-up rather
        // than poll the journal in a tight loop.
        if inputHasHungUp { return .signal(SIGHUP) }
        return .timeout
      }
      if status == rp_key_code_yes(), Int32(bitPattern: UInt32(code)) == KEY_MOUSE {
        var event = MEVENT()
        guard getmouse(&event) == rp_ok() else { continue }
        let key = BackendKeys.mouse(state: UInt(event.bstate), row: Int(event.y), column: Int(event.x))
        if let key { return .key(key) }
        continue
      }
      if let key = BackendKeys.decode(status: status, code: UInt32(code)) { return .key(key) }
    }
  }

  private var pendingSignal: Int32? {
    let number = rp_pending_signal()
    return number == 0 ? nil : number
  }

  static func attributes(_ style: Style) -> attr_t {
    var attributes = rp_a_normal()
    if style.bold { attributes |= rp_a_bold() }
    if style.reverse { attributes |= rp_a_reverse() }
    if style.underline { attributes |= rp_a_underline() }
    if style.dim { attributes |= rp_a_dim() }
    return attributes
  }

  private static func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
}

/// Colour pairs built on first use from the 8 basic colours, keyed by foreground and background.
final class ColorPairs {
  private struct Key: Hashable {
    var foreground: ColorName?
    var background: ColorName?
  }
  private var pairs: [Key: Int16] = [:]
  private var next: Int32 = 1
  private let limit: Int32
  private let defaultColors: Bool

  init(defaultColors: Bool) {
    self.defaultColors = defaultColors
    limit = min(rp_color_pairs(), Int32(Int16.max))
  }

  /// The pair for these colours; 0 (the terminal's default) when both are nil or pairs ran out.
  func pair(foreground: ColorName?, background: ColorName?) -> Int16 {
    if foreground == nil && background == nil { return 0 }
    let key = Key(foreground: foreground, background: background)
    if let pair = pairs[key] { return pair }
    guard next < limit else { return 0 }
    let pair = Int16(next)
    guard
      init_pair(pair, number(foreground, default: COLOR_WHITE), number(background, default: COLOR_BLACK))
        == rp_ok()
    else { return 0 }
    next += 1
    pairs[key] = pair
    return pair
  }

  private func number(_ color: ColorName?, default fallback: Int32) -> Int16 {
    guard let color else { return defaultColors ? -1 : Int16(fallback) }
    return Int16(ColorName.allCases.firstIndex(of: color) ?? Int(fallback))
  }
}

extension NcursesBackend {

  /// Home and End as the terminals send them whatever TERM says (screen and tmux `\e[1~` `\e[4~`, rxvt
  /// `\e[7~` `\e[8~`, xterm's two forms): a TERM that does not match the terminal (common over SSH and
  /// inside tmux) would otherwise read them as Esc and letters, and Esc closes a form.
  fileprivate static func defineAlternativeKeys() {
    let home: [String] = ["\u{1B}[1~", "\u{1B}[7~", "\u{1B}[H", "\u{1B}OH"]
    let end: [String] = ["\u{1B}[4~", "\u{1B}[8~", "\u{1B}[F", "\u{1B}OF"]
    for sequence in home { _ = define_key(sequence, KEY_HOME) }
    for sequence in end { _ = define_key(sequence, KEY_END) }
  }
}
