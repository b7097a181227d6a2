import RapportDomain

/// One field of an entry form: what it holds (free text, a date, or a choice) and the text as typed.
public struct FormField: Sendable, Equatable {
  /// Every field of every form; the raw value is the label and the name in error messages.
  public enum Name: String, Sendable, CaseIterable {
    case kind, date, summary, with
    case followUp = "follow-up"
    case followUpDue = "follow-up due"
    case score, contact, comment, owner, note, stage, name, slug, tier, manager, renewal, value
    case criterion, text, target, reason, due
  }

  public enum Input: Sendable, Equatable {
    /// One line of free text; `long` fields can be written in `$EDITOR` (Ctrl-X).
    case text(long: Bool)
    /// A day: `today`, `yesterday`, `-3d`, `+2w`, `YYYY-MM-DD`.
    case date
    /// One of `options`, picked by typing its first letters; the same letter again steps to the next
    /// option starting with it. With `allowsOther`, text that matches no option is taken as typed.
    case choice([String], allowsOther: Bool)
  }

  public let name: Name
  public let input: Input
  /// The text as typed; for a strict choice, the option picked.
  public var text: String
  /// For choices: the letters typed since the field was entered, which narrow the options.
  public var typed = ""
  /// Where the cursor is in `text`, in characters (nil: at the end).
  public var cursorPosition: Int?
  /// Whether `text` is a default filled in by the form (e.g. `today`): typing replaces it; moving the
  /// cursor or deleting edits it instead.
  public var isDefault: Bool

  /// `isDefault` is whether typing replaces `text` (by default, whenever there is one).
  public init(_ name: Name, _ input: Input, text: String = "", isDefault: Bool? = nil) {
    self.name = name
    self.input = input
    self.text = text
    self.isDefault = isDefault ?? !text.isEmpty
  }

  /// The cursor's position in `text`, in characters.
  public var cursor: Int { min(max(0, cursorPosition ?? text.count), text.count) }

  public static let maximumLength = 20_000

  var options: [String] {
    if case .choice(let options, _) = input { return options }
    return []
  }

  var isStrictChoice: Bool {
    if case .choice(_, let allowsOther) = input { return !allowsOther }
    return false
  }

  public var isLong: Bool { input == .text(long: true) }

  /// What saving takes from this field: for an open choice, the option the typed letters complete to.
  public var value: String {
    guard case .choice(_, allowsOther: true) = input, !text.isEmpty else { return text }
    return completion ?? text
  }

  /// For an open choice, the option shown for what is typed so far.
  public var completion: String? {
    guard case .choice(_, allowsOther: true) = input, !text.isEmpty else { return nil }
    if let exact = options.first(where: { $0.lowercased() == text.lowercased() }) { return exact }
    return Self.matches(options, prefix: text).first
  }

  static func matches(_ options: [String], prefix: String) -> [String] {
    let lowered = prefix.lowercased()
    return options.filter { $0.lowercased().hasPrefix(lowered) }
  }

  // MARK: Editing

  /// Types `character` at the cursor (replacing a default); in a strict choice, picks by letter.
  public mutating func insert(_ character: Character) {
    guard !character.isNewline else { return }
    if isStrictChoice {
      pick(typing: character)
      return
    }
    if isDefault { text = "" }
    editLine { $0.insert(character, limit: Self.maximumLength) }
  }

  /// Backspace: the character before the cursor; in a strict choice, the last letter typed.
  public mutating func deleteBackward() {
    if isStrictChoice {
      if !typed.isEmpty { typed.removeLast() }
    } else {
      editLine { $0.deleteBackward() }
    }
  }

  /// Moves the cursor or deletes around it (nothing in a strict choice, which has no cursor).
  public mutating func edit(_ edit: LineEdit) {
    guard !isStrictChoice else { return }
    editLine { $0.apply(edit) }
  }

  /// Edits the text as a line with a cursor: the text is then as typed, no longer a default.
  private mutating func editLine(_ change: (inout TextLine) -> Void) {
    var line = TextLine(text, cursor: cursor)
    change(&line)
    text = line.text
    cursorPosition = line.cursor
    typed = text
    isDefault = false
  }

  /// Extends the typed prefix when some option still matches; the same single letter again steps to the
  /// next option starting with it; any other letter starts a new prefix.
  private mutating func pick(typing character: Character) {
    let single = String(character).lowercased()
    let extended = typed + single
    isDefault = false
    if typed == single {
      let choices = Self.matches(options, prefix: single)
      guard !choices.isEmpty else { return }
      let index = choices.firstIndex(of: text) ?? -1
      text = choices[(index + 1) % choices.count]
    } else if let first = Self.matches(options, prefix: extended).first {
      typed = extended
      text = first
    } else if let first = Self.matches(options, prefix: single).first {
      typed = single
      text = first
    }
  }

  /// Steps through every option (the arrows), from the one picked or completed; the letters typed
  /// before no longer narrow them.
  public mutating func cycle(by step: Int) {
    guard !options.isEmpty else { return }
    let current = isStrictChoice ? text : (completion ?? text)
    let index = options.firstIndex(of: current) ?? -step
    text = options[((index + step) % options.count + options.count) % options.count]
    typed = isStrictChoice ? "" : text
    cursorPosition = nil
    isDefault = false
  }
}
