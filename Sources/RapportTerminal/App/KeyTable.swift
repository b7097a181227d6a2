/// Where the keys go at a moment: the screen showing, or the text being typed over it.
public enum KeyContext: String, Sendable, CaseIterable {
  case accountList, accountDetail, board, due, reports, help, standup, standupSummary, form, filter, standupNote
  case standupPrompt, confirm
  /// The last message read in full (`!`).
  case message
  /// A timeline entry read whole (Enter on the timeline).
  case entry

  /// The scopes whose bindings apply here, the first that binds a key wins.
  var scopes: [KeyScope] {
    switch self {
    case .accountList: return [.anywhere, .list, .accounts, .screens, .everywhere]
    case .accountDetail: return [.anywhere, .timeline, .accounts, .screens, .everywhere]
    case .board: return [.anywhere, .board, .screens, .everywhere]
    case .due: return [.anywhere, .due, .screens, .everywhere]
    case .reports, .help: return [.anywhere, .page, .screens, .everywhere]
    case .standup: return [.anywhere, .standup, .everywhere]
    case .standupSummary: return [.anywhere, .standupSummary, .page, .everywhere]
    case .form: return [.anywhere, .form]
    case .filter: return [.anywhere, .filter]
    case .standupNote: return [.anywhere, .standupNote]
    case .standupPrompt: return [.anywhere, .standupPrompt]
    case .confirm: return [.anywhere, .confirm]
    case .message: return [.anywhere, .message]
    case .entry: return [.anywhere, .entry, .everywhere]
    }
  }

  /// Whether unbound characters are text here.
  var takesText: Bool { self == .form || self == .filter || self == .standupNote }
}

/// A group of bindings that apply together; a section of the help screen and of `docs/keys.md`.
public enum KeyScope: String, Sendable, CaseIterable {
  // In the order of the help screen and the docs: the keys that matter most first.
  case everywhere, screens, accounts, list, timeline, entry, board, due, page, standup, standupSummary, form, filter
  case standupPrompt, standupNote, confirm, message, mouse, anywhere

  var title: String {
    switch self {
    case .anywhere: return "Always, even while typing"
    case .everywhere: return "Everywhere but while typing"
    case .screens: return "Between screens (not during a standup)"
    case .list: return "Account list"
    case .timeline: return "Account detail (Enter or Tab on the list): the timeline has the keys"
    case .entry: return "A timeline entry read whole (Enter on the timeline)"
    case .accounts: return "Account list and detail: entries for the selected account"
    case .board: return "Board"
    case .due: return "Due"
    case .page: return "Reports, help and the standup's summary"
    case .standup: return "Standup (S)"
    case .standupSummary: return "The recorded standup's summary"
    case .form: return "In a form"
    case .filter: return "Typing a filter (/)"
    case .standupPrompt: return "A standup's question (q or F with cards left; S on a standup of an earlier day)"
    case .standupNote: return "Typing a card's note (N in the standup)"
    case .mouse: return "The mouse, on every screen (clicks on rows: see each screen above)"
    case .confirm: return "A question (y/n), e.g. before U undoes"
    case .message: return "The last message in full (!)"
    }
  }

  /// The contexts this scope's bindings apply in.
  var contexts: [KeyContext] { KeyContext.allCases.filter { $0.scopes.contains(self) } }
}

/// One binding: which keys, what they mean (an action), where (a scope), and the help text; with a short
/// hint for the status line of the contexts listed.
public struct KeyBinding: Sendable {
  public let keys: [Key]
  /// Nil for the text a context takes (any character): documented here, turned into `.type` by the table.
  public let action: Action?
  public let scope: KeyScope
  public let help: String
  /// The status line's short form, shown in `hintIn` (the scope's contexts when empty).
  public let hint: String?
  let hintIn: [KeyContext]
  /// How the keys read in the help and the docs when they are not keys (e.g. "letters").
  let label: String?

  init(
    _ keys: [Key], _ action: Action?, _ scope: KeyScope, _ help: String, hint: String? = nil,
    in hintIn: [KeyContext] = [], label: String? = nil
  ) {
    self.keys = keys
    self.action = action
    self.scope = scope
    self.help = help
    self.hint = hint
    self.hintIn = hintIn
    self.label = label
  }

  /// The keys as the help and the docs show them.
  public var keyLabel: String { label ?? keys.map(KeyTable.name).joined(separator: " ") }

  var hintContexts: [KeyContext] { hintIn.isEmpty ? scope.contexts : hintIn }
}

/// Every key binding of the dashboard, declared once: the key handling, the help screen, the status
/// line's hints and `docs/keys.md` all come from it.
public enum KeyTable {
  private static func c(_ character: Character) -> Key { .character(character) }

  public static let bindings: [KeyBinding] =
    [
      KeyBinding([.control("l")], .repaint, .anywhere, "redraw the screen"),

      KeyBinding(
        [c("q")], .quit, .everywhere, "quit (in a standup with cards left, it asks first)", hint: "q quit",
        in: [.accountList, .reports, .help, .standupSummary]),
      KeyBinding([c("?")], .show(.help), .everywhere, "every key (this help)", hint: "? keys", in: [.standup]),
      KeyBinding([c("!")], .readMessage, .everywhere, "the last message in full (when it was too long to show)"),
      KeyBinding([c("j"), .down], .move(.down), .message, "scroll down", hint: "j/k scroll"),
      KeyBinding([c("k"), .up], .move(.up), .message, "scroll up"),
      KeyBinding([.pageDown], .move(.pageDown), .message, "a page down"),
      KeyBinding([.pageUp], .move(.pageUp), .message, "a page up"),
      KeyBinding([.escape, .enter, c("q"), c("!")], .back, .message, "close it", hint: "Esc close"),
      // The mouse (decoded by the backend, hit-tested by the shell: documented here, not looked up).
      KeyBinding(
        [], nil, .mouse,
        "show that screen (a tab of the title bar); while a form, the filter or an action item is typed the "
          + "mouse does nothing", label: "click a tab"),
      KeyBinding(
        [], nil, .mouse,
        "what ↑ and ↓ do where the keys are, three rows a turn (one card in the standup); Shift with the mouse "
          + "still selects text (config.toml: mouse = false leaves the mouse to the terminal)",
        label: "wheel"),

      KeyBinding(
        [c("m"), .escape], .show(.main), .screens, "back to the account list", hint: "m back",
        in: [.board, .due, .reports, .help]),
      KeyBinding([c("b")], .show(.board), .screens, "health board"),
      KeyBinding([c("d")], .show(.due), .screens, "what is due"),
      KeyBinding([c("r")], .show(.reports), .screens, "reports: metrics by quarter, renewals"),
      KeyBinding([c("S")], .startStandup(owner: nil), .screens, "the standup: start, or resume where you were"),
      KeyBinding(
        [c("U")], .undo, .screens,
        "undo your last entry saved in this dashboard (asks first; a retraction, or an account voided); again: the one"
          + " before"),

      KeyBinding([c("j"), .down], .move(.down), .list, "move the selection down", hint: "j/k move"),
      KeyBinding([c("k"), .up], .move(.up), .list, "move the selection up"),
      KeyBinding([c("g"), .home], .move(.first), .list, "first account"),
      KeyBinding([c("G"), .end], .move(.last), .list, "last account"),
      KeyBinding([.pageDown], .move(.pageDown), .list, "a page down"),
      KeyBinding([.pageUp], .move(.pageUp), .list, "a page up"),
      KeyBinding([.escape], .back, .list, "clear the filter"),
      KeyBinding([], nil, .list, "select the account; on the selected one, open it (as Enter)", label: "click"),

      KeyBinding([c("j"), .down], .move(.down), .timeline, "next (older) timeline entry", hint: "j/k entry"),
      KeyBinding([c("k"), .up], .move(.up), .timeline, "previous (newer) timeline entry"),
      KeyBinding([c("g"), .home], .move(.first), .timeline, "newest entry"),
      KeyBinding([c("G"), .end], .move(.last), .timeline, "oldest entry"),
      KeyBinding([.pageDown], .move(.pageDown), .timeline, "a page down"),
      KeyBinding([.pageUp], .move(.pageUp), .timeline, "a page up"),
      KeyBinding(
        [.enter], .readEntry, .timeline,
        "read the entry under ▶ whole: its text wrapped, every field, who recorded it, its corrections",
        hint: "Enter read"),
      KeyBinding([.escape], .back, .timeline, "back to the list", hint: "Esc back"),
      KeyBinding(
        [], nil, .timeline, "select the entry (the timeline takes the keys); a click on the list goes back to it",
        label: "click"),

      KeyBinding(
        [.enter, .tab, .backTab], .toggleDetail, .accounts,
        "open the selected account (full-screen below 160x40; on an entry found by /, at that entry); Tab goes back",
        hint: "Enter open",
        in: [.accountList]),
      KeyBinding(
        [c("/")], .editFilter, .accounts,
        "filter by name, id or owner as you type; from 3 letters also list the touchpoints, notes and tasks that "
          + "mention it, with their dates", hint: "/ filter",
        in: [.accountList]),
      KeyBinding(
        [c("x")], .toggleRetracted, .accounts, "show or hide retracted entries in the timeline", hint: "x retracted",
        in: [.accountDetail]),
      KeyBinding([c("t")], .openForm(.touchpoint), .accounts, "log a touchpoint"),
      KeyBinding([c("n")], .openForm(.nps), .accounts, "record an NPS response"),
      KeyBinding([c("o")], .openForm(.owner), .accounts, "assign an owner"),
      KeyBinding([c("h")], .openForm(.handoff), .accounts, "hand off"),
      KeyBinding([c("s")], .openForm(.stage), .accounts, "change stage"),
      KeyBinding([c("a")], .openForm(.account), .accounts, "add an account"),
      KeyBinding([c("c")], .openForm(.criterion), .accounts, "add or meet a success criterion"),
      KeyBinding([c("v")], .openForm(.valueNote), .accounts, "add a value note"),
      KeyBinding(
        [c("u")], .openForm(.retraction), .accounts, "retract the selected timeline entry", hint: "u retract",
        in: [.accountDetail]),

      KeyBinding([c("j"), .down], .move(.down), .board, "the tile below ▶ in its column", hint: "hjkl move"),
      KeyBinding([c("k"), .up], .move(.up), .board, "the tile above ▶ in its column"),
      KeyBinding([c("h"), .left], .moveColumn(-1), .board, "the column to the left (R Y G ?)"),
      KeyBinding([c("l"), .right], .moveColumn(1), .board, "the column to the right"),
      KeyBinding([c("g"), .home], .move(.first), .board, "the first tile of the column"),
      KeyBinding([c("G"), .end], .move(.last), .board, "the last tile of the column"),
      KeyBinding([.pageDown], .move(.pageDown), .board, "a page down"),
      KeyBinding([.pageUp], .move(.pageUp), .board, "a page up"),
      KeyBinding(
        [.enter], .toggleDetail, .board, "open the account under ▶ in the account list, its detail open",
        hint: "Enter open"),
      KeyBinding(
        [], nil, .board, "move ▶ to the tile; on the tile under ▶, open its account (as Enter)", label: "click"),

      KeyBinding([c("j"), .down], .move(.down), .entry, "scroll down", hint: "j/k scroll"),
      KeyBinding([c("k"), .up], .move(.up), .entry, "scroll up"),
      KeyBinding([c("g"), .home], .move(.first), .entry, "top"),
      KeyBinding([c("G"), .end], .move(.last), .entry, "bottom"),
      KeyBinding([.pageDown], .move(.pageDown), .entry, "a page down"),
      KeyBinding([.pageUp], .move(.pageUp), .entry, "a page up"),
      KeyBinding([c("u")], .openForm(.retraction), .entry, "retract this entry", hint: "u retract"),
      KeyBinding([.escape, .enter], .back, .entry, "back to the timeline", hint: "Esc back"),

      KeyBinding([c("o")], .regroup, .board, "group by owner or by tier", hint: "o regroup"),

      KeyBinding([c("j"), .down], .move(.down), .due, "move the cursor ▶ down the plays", hint: "j/k move"),
      KeyBinding([c("k"), .up], .move(.up), .due, "move the cursor ▶ up the plays"),
      KeyBinding([c("g"), .home], .move(.first), .due, "first play"),
      KeyBinding([c("G"), .end], .move(.last), .due, "last play"),
      KeyBinding([.pageDown], .move(.pageDown), .due, "a page down"),
      KeyBinding([.pageUp], .move(.pageUp), .due, "a page up"),
      KeyBinding([c("e")], .toggleDueScope, .due, "mine or everyone's", hint: "e mine/all"),
      KeyBinding(
        [c("/")], .editFilter, .due, "filter by account name, id, owner or play as you type", hint: "/ filter"),
      KeyBinding([.escape], .back, .due, "clear the filter, else back to the account list"),
      KeyBinding([], nil, .due, "move ▶ to the play; on the play under ▶, close it (as Enter)", label: "click"),
      KeyBinding(
        [c("t"), .enter], .closePlay, .due,
        "close the play under ▶: a touchpoint of the right kind, a value note, a criterion, task done",
        hint: "t close play"),

      KeyBinding([c("j"), .down], .move(.down), .page, "scroll down", hint: "j/k scroll"),
      KeyBinding([c("k"), .up], .move(.up), .page, "scroll up"),
      KeyBinding([c("g"), .home], .move(.first), .page, "top"),
      KeyBinding([c("G"), .end], .move(.last), .page, "bottom"),
      KeyBinding([.pageDown], .move(.pageDown), .page, "a page down"),
      KeyBinding([.pageUp], .move(.pageUp), .page, "a page up"),

      KeyBinding(
        [.enter], .markDiscussed, .standup, "mark the card discussed, and go to the next", hint: "⏎ discussed"),
      KeyBinding([c("s")], .skip, .standup, "mark the card skipped, and go to the next", hint: "s skip"),
      KeyBinding(
        [c("a")], .addActionItem, .standup,
        "add an action item: a form \"Action item for <account>\" (text, owner, due); the text may say it all: "
          + "call CFO @bob fri",
        hint: "a action"),
      KeyBinding([c("N")], .writeNote, .standup, "write the card's note (kept with the standup)", hint: "N note"),
      KeyBinding(
        [c("F")], .finishStandup, .standup,
        "finish: record the standup (with cards left, asks first and records them as not reached) and show its "
          + "summary",
        hint: "F finish"),
      KeyBinding(
        [c("C")], .copySummary, .standup, "the summary so far as Markdown, copied to the clipboard (OSC 52)",
        hint: "C copy"),
      KeyBinding(
        [c("A")], .toggleAllAccounts, .standup, "every account (not churned), or only those that need the meeting"),
      KeyBinding([c("j"), c("n"), .down, .right, c(" ")], .move(.down), .standup, "next card"),
      KeyBinding([c("k"), c("p"), .up, .left], .move(.up), .standup, "previous card"),
      KeyBinding([c("g"), .home], .move(.first), .standup, "first card"),
      KeyBinding([c("G"), .end], .move(.last), .standup, "last card"),
      KeyBinding([.pageDown], .scrollCard(.pageDown), .standup, "scroll a tall card down a page"),
      KeyBinding([.pageUp], .scrollCard(.pageUp), .standup, "scroll a tall card up a page"),
      KeyBinding([c("J")], .scrollCard(.down), .standup, "scroll a tall card down a line"),
      KeyBinding([c("K")], .scrollCard(.up), .standup, "scroll a tall card up a line"),
      KeyBinding([c("t")], .openForm(.touchpoint), .standup, "log a touchpoint for the card's account"),
      KeyBinding([c("o")], .regroup, .standup, "keep each owner's accounts together, or not"),
      KeyBinding(
        [.escape], .back, .standup, "pause (the progress is in the journal); S resumes it, here or on any dashboard"),

      KeyBinding(
        [.escape, c("m")], .back, .standupSummary,
        "close the recorded standup, back to the account list; from the Markdown summary, back to the cards",
        hint: "Esc back"),
      KeyBinding(
        [c("C")], .copySummary, .standupSummary, "show the summary as Markdown and copy it to the clipboard (OSC 52)",
        hint: "C copy"),
      KeyBinding(
        [.control("x")], .openEditor, .standupSummary, "open the Markdown summary in $VISUAL / $EDITOR (to save it)"),

      KeyBinding([c("y")], .answer(true), .standupPrompt, "yes", hint: "y yes"),
      KeyBinding([c("n")], .answer(false), .standupPrompt, "no", hint: "n no"),
      KeyBinding([.escape], .cancel, .standupPrompt, "no; to the earlier day's question: back to the list"),

      KeyBinding([.tab], .nextField, .form, "next field", hint: "Tab/Shift-Tab field"),
      KeyBinding([.backTab], .previousField, .form, "previous field"),
      KeyBinding([.down], .move(.down), .form, "next field, or the next option of a choice"),
      KeyBinding([.up], .move(.up), .form, "previous field, or the previous option of a choice"),
      KeyBinding(
        [], nil, .form,
        "type at the cursor (a default such as today is replaced); pick a kind, stage, tier or owner by its first "
          + "letters; dates: today, yesterday, -3d, +2w, YYYY-MM-DD",
        label: "letters"),
    ]
    + lineEditing(
      .form, left: "cursor left; the previous option of a kind, stage or tier",
      right: "cursor right; the next option of a kind, stage or tier")
    + [
      KeyBinding([.control("x")], .openEditor, .form, "write a long summary, comment or note in $VISUAL / $EDITOR"),
      KeyBinding([.enter], .submit, .form, "save (nothing is written until the form is valid)", hint: "Enter save"),
      KeyBinding([.escape], .cancel, .form, "cancel, nothing saved", hint: "Esc cancel"),

      KeyBinding([], nil, .filter, "narrow the list (accounts, or the due plays) as you type", label: "letters"),
    ]
    + lineEditing(.filter) + [
      KeyBinding([.enter], .submit, .filter, "keep the filter", hint: "Enter keep"),
      KeyBinding([.escape], .cancel, .filter, "clear the filter", hint: "Esc clear"),

      KeyBinding([], nil, .standupNote, "the card's note (empty: clears it)", label: "letters"),
    ]
    + lineEditing(.standupNote) + [
      KeyBinding([.enter], .submit, .standupNote, "save the note", hint: "Enter save"),
      KeyBinding([.escape], .cancel, .standupNote, "cancel, nothing saved", hint: "Esc cancel"),

      KeyBinding([c("y"), c("Y")], .answer(true), .confirm, "yes: do it"),
      KeyBinding([c("n"), c("N"), .escape], .answer(false), .confirm, "no: nothing done"),
    ]

  /// The keys of a line being typed (a form's field, the filter, the action item), as a shell's line.
  private static func lineEditing(
    _ scope: KeyScope, left: String = "cursor left", right: String = "cursor right"
  ) -> [KeyBinding] {
    [
      KeyBinding([.left], .editLine(.left), scope, left),
      KeyBinding([.right], .editLine(.right), scope, right),
      KeyBinding([.home, .control("a")], .editLine(.start), scope, "cursor to the start"),
      KeyBinding([.end, .control("e")], .editLine(.end), scope, "cursor to the end"),
      KeyBinding([.backspace], .erase, scope, "delete the character before the cursor"),
      KeyBinding([.delete], .editLine(.deleteForward), scope, "delete the character under the cursor"),
      KeyBinding([.control("u")], .editLine(.deleteToStart), scope, "delete to the start"),
      KeyBinding([.control("k")], .editLine(.deleteToEnd), scope, "delete to the end"),
      KeyBinding([.control("w")], .editLine(.deleteWord), scope, "delete the word before the cursor"),
    ]
  }

  /// What `key` means in `context`: the first binding of the context's scopes, in their order; else
  /// the character as text where the context takes text; else nothing.
  public static func action(for key: Key, in context: KeyContext) -> Action? {
    if let action = keyMaps[context]?[key] { return action }
    if context.takesText, case .character(let character) = key { return .type(character) }
    return nil
  }

  /// Per context, each key's action: the table resolved once (a key costs one lookup).
  private static let keyMaps: [KeyContext: [Key: Action]] = {
    var maps: [KeyContext: [Key: Action]] = [:]
    for context in KeyContext.allCases {
      var map: [Key: Action] = [:]
      // Later scopes first, so that the earlier (more specific) ones overwrite them.
      for scope in context.scopes.reversed() {
        for binding in bindings.reversed() where binding.scope == scope {
          guard let action = binding.action else { continue }
          for key in binding.keys { map[key] = action }
        }
      }
      maps[context] = map
    }
    return maps
  }()

  /// The first key bound to `action`, as the help names it.
  public static func key(for action: Action) -> String? {
    bindings.first { $0.action == action }?.keys.first.map(name)
  }

  /// The status line's hints for `context`, in the order of its scopes and then of the table.
  public static func hints(for context: KeyContext) -> [String] { hintLists[context] ?? [] }

  private static let hintLists: [KeyContext: [String]] = Dictionary(
    uniqueKeysWithValues: KeyContext.allCases.map { context in
      (
        context,
        context.scopes.flatMap { scope in
          bindings.filter { $0.scope == scope && $0.hint != nil && $0.hintContexts.contains(context) }.compactMap(
            \.hint)
        }
      )
    })

  /// The keys that open forms on the account list, with what each records (for messages and tests).
  static var formKeys: [(key: Character, action: String)] {
    bindings.compactMap { binding in
      guard binding.scope == .accounts, case .openForm = binding.action, case .character(let key)? = binding.keys.first
      else { return nil }
      return (key, binding.help)
    }
  }

  /// How a key reads in the help and the docs.
  public static func name(_ key: Key) -> String {
    switch key {
    case .character(" "): return "Space"
    case .character(let character): return String(character)
    case .control(let character): return "Ctrl-" + String(character).uppercased()
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .enter: return "Enter"
    case .escape: return "Esc"
    case .tab: return "Tab"
    case .backTab: return "Shift-Tab"
    case .backspace: return "Backspace"
    case .delete: return "Delete"
    case .function(let number): return "F\(number)"
    case .resize: return "resize"
    case .mouse(let event): return event.name
    }
  }

  /// The health legend under the keys (not a binding: how the screens read).
  public static let legend = "R red · Y yellow · G green · ? no data; ↑ ↓ → trend since last week"

  /// `docs/keys.md`: every binding by scope, generated from this table.
  public static func markdown() -> String {
    var text = """
      # Keys

      Every key of the dashboard (`rapport`), by where it applies. Generated from the key table
      (`Sources/RapportTerminal/App/KeyTable.swift`, `KeyTable.markdown()`); a test fails when this file
      differs from it. The dashboard's help screen (`?`) and its status-line hints come from the same table.

      Health on every screen: \(legend).

      """
    for scope in KeyScope.allCases {
      let rows = bindings.filter { $0.scope == scope }
      guard !rows.isEmpty else { continue }
      text += "\n## \(scope.title)\n\n| Keys | What they do |\n| --- | --- |\n"
      for binding in rows {
        let keys =
          binding.label.map { "_\($0)_" }
          ?? binding.keys.map { "`" + name($0).replacingBars() + "`" }.joined(separator: " ")
        text += "| \(keys) | \(binding.help.replacingBars()) |\n"
      }
    }
    return text
  }
}

extension String {
  /// `|` escaped for a markdown table cell.
  fileprivate func replacingBars() -> String {
    split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
  }
}
