import RapportDomain

/// The touchpoint entry form: a plain value holding the fields as typed, which one has focus, and the
/// errors of the last attempt to save. `input(today:)` turns it into a `TouchpointInput` or the errors.
public struct TouchpointForm: Sendable, Equatable {
  public enum Field: String, Sendable, CaseIterable {
    case kind, date, summary, with
    case followUp = "follow-up"
    case followUpDue = "follow-up due"
  }

  /// The account the touchpoint is for.
  public let slug: String
  public let accountName: String
  public var kind: TouchpointKind = .call
  /// What has been typed into the kind field since it was last changed by cycling; picks by prefix.
  public var kindPrefix = ""
  public var date = "today"
  public var summary = ""
  public var with = ""
  public var followUp = ""
  public var followUpDue = ""
  public var focus: Field = .summary
  /// Shown inline until the next edit or save attempt.
  public var errors: [String] = []

  public init(slug: String, accountName: String) {
    self.slug = slug
    self.accountName = accountName
  }

  /// The text of a text field (the kind field shows the kind's name).
  public func text(of field: Field) -> String {
    switch field {
    case .kind: return kind.rawValue
    case .date: return date
    case .summary: return summary
    case .with: return with
    case .followUp: return followUp
    case .followUpDue: return followUpDue
    }
  }

  private mutating func setText(_ text: String, of field: Field) {
    switch field {
    case .kind: break
    case .date: date = text
    case .summary: summary = text
    case .with: with = text
    case .followUp: followUp = text
    case .followUpDue: followUpDue = text
    }
  }

  public mutating func focusNext() { move(by: 1) }
  public mutating func focusPrevious() { move(by: -1) }

  private mutating func move(by step: Int) {
    let fields = Field.allCases
    let index = fields.firstIndex(of: focus) ?? 0
    focus = fields[(index + step + fields.count) % fields.count]
    kindPrefix = ""
  }

  /// Kinds whose name starts with `prefix`, in declaration order.
  static func kinds(matching prefix: String) -> [TouchpointKind] {
    TouchpointKind.allCases.filter { $0.rawValue.hasPrefix(prefix.lowercased()) }
  }

  /// Types one character into the focused field.
  public mutating func insert(_ character: Character) {
    if focus == .kind {
      pickKind(typing: character)
      return
    }
    let current = text(of: focus)
    guard current.count < 500, !character.isNewline else { return }
    setText(current + String(character), of: focus)
  }

  public mutating func deleteBackward() {
    if focus == .kind {
      if !kindPrefix.isEmpty { kindPrefix.removeLast() }
      return
    }
    var current = text(of: focus)
    if !current.isEmpty { current.removeLast() }
    setText(current, of: focus)
  }

  /// Extends the typed prefix when some kind still matches; the same letter again cycles through the
  /// kinds starting with it; any other letter starts a new prefix.
  private mutating func pickKind(typing character: Character) {
    let extended = kindPrefix + String(character).lowercased()
    let single = String(character).lowercased()
    if kindPrefix == single {
      cycleKind(by: 1)
    } else if let first = Self.kinds(matching: extended).first {
      kindPrefix = extended
      kind = first
    } else if let first = Self.kinds(matching: single).first {
      kindPrefix = single
      kind = first
    }
  }

  /// Steps through the kinds matching the typed prefix (all kinds when nothing is typed).
  public mutating func cycleKind(by step: Int) {
    let choices = Self.kinds(matching: kindPrefix)
    guard !choices.isEmpty else { return }
    let index = choices.firstIndex(of: kind) ?? -step
    kind = choices[((index + step) % choices.count + choices.count) % choices.count]
  }

  /// The input to log, or the errors to show (one per field, "field: problem").
  public func input(today: Day) -> Result<TouchpointInput, FormErrors> {
    var errors: [String] = []
    let day = Day(userInput: date, today: today)
    if date.trimmedForForm().isEmpty {
      errors.append("date: required")
    } else if day == nil {
      errors.append("date: not a date")
    }
    let summaryText = summary.trimmedForForm()
    if summaryText.isEmpty { errors.append("summary: required") }
    let followUpText = followUp.trimmedForForm()
    let dueText = followUpDue.trimmedForForm()
    var due: Day?
    if followUpText.isEmpty {
      if !dueText.isEmpty { errors.append("follow-up: required when a due date is given") }
    } else if dueText.isEmpty {
      errors.append("follow-up due: required")
    } else if let parsed = Day(userInput: dueText, today: today) {
      due = parsed
    } else {
      errors.append("follow-up due: not a date")
    }
    guard errors.isEmpty, let day else { return .failure(FormErrors(messages: errors)) }
    let participants = with.split(separator: ",").map { String($0).trimmedForForm() }.filter { !$0.isEmpty }
    return .success(
      TouchpointInput(
        kind: kind, date: day, summary: summaryText, participants: participants,
        followUp: due.map { TouchpointInput.FollowUp(text: followUpText, due: $0) }))
  }
}

/// Why a form cannot be saved, one message per problem.
public struct FormErrors: Error, Sendable, Equatable {
  public var messages: [String]
}

extension String {
  /// Without leading and trailing whitespace.
  fileprivate func trimmedForForm() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
