import RapportDomain

/// An entry form over the dashboard: its purpose (what saving records), its fields as typed, which field
/// has focus, and the errors of the last attempt to save. A plain value; `command(today:)` turns it into
/// the domain command or the errors, so nothing is appended until the form is valid.
public struct EntryForm: Sendable, Equatable {
  public enum Purpose: Sendable, Equatable {
    case touchpoint, nps, owner, handoff, stage, account, criterion, valueNote
    /// Retracting the timeline entry `seq` (the form is the confirmation).
    case retract(seq: Int)
    /// Marking task `id` done, on a date.
    case completeTask(id: Int)
    /// An action item of the standup `standup` (a task linked to it).
    case actionItem(standup: StandupTarget)
  }

  public let purpose: Purpose
  public let title: String
  /// The account the entry is for (empty when adding an account).
  public let slug: String
  public var fields: [FormField]
  public var focusIndex = 0
  /// Shown inline until the next save attempt.
  public var errors: [String] = []
  /// A line under the fields explaining the form (e.g. what a retraction does).
  public var note: String?
  /// The play a touchpoint form was opened to close: the entry is marked for it (`--closes`).
  public var closes: PlayCode?

  public init(
    _ purpose: Purpose, title: String, slug: String, fields: [FormField], focus: FormField.Name? = nil,
    note: String? = nil
  ) {
    self.purpose = purpose
    self.title = title
    self.slug = slug
    self.fields = fields
    self.note = note
    if let focus, let index = fields.firstIndex(where: { $0.name == focus }) { focusIndex = index }
  }

  public var focus: FormField.Name {
    get { fields[focusIndex].name }
    set { focusIndex = fields.firstIndex { $0.name == newValue } ?? focusIndex }
  }

  public var focusedField: FormField { fields[focusIndex] }

  public func field(_ name: FormField.Name) -> FormField? { fields.first { $0.name == name } }

  /// The field's text as typed ("" for a field the form does not have).
  public func text(of name: FormField.Name) -> String { field(name)?.text ?? "" }

  public mutating func setText(_ text: String, of name: FormField.Name) {
    guard let index = fields.firstIndex(where: { $0.name == name }) else { return }
    fields[index].text = text
    fields[index].typed = text
    fields[index].cursorPosition = nil
    fields[index].isDefault = false
  }

  // MARK: Editing

  public mutating func focusNext() { moveFocus(by: 1) }
  public mutating func focusPrevious() { moveFocus(by: -1) }

  private mutating func moveFocus(by step: Int) {
    fields[focusIndex].typed = fields[focusIndex].isStrictChoice ? "" : fields[focusIndex].typed
    focusIndex = (focusIndex + step + fields.count) % fields.count
  }

  public mutating func insert(_ character: Character) { fields[focusIndex].insert(character) }
  public mutating func deleteBackward() { fields[focusIndex].deleteBackward() }
  public mutating func cycleChoice(by step: Int) { fields[focusIndex].cycle(by: step) }
  public mutating func edit(_ edit: LineEdit) { fields[focusIndex].edit(edit) }

  /// Whether the focused field is a choice picked from its options only (the arrows step through them).
  public var focusIsStrictChoice: Bool { fields[focusIndex].isStrictChoice }

  /// After an edit: the errors of fields that are now valid go (the others stay until the next save).
  mutating func clearFixedErrors(today: Day) {
    guard !errors.isEmpty else { return }
    let problems: [String]
    switch command(today: today) {
    case .success: problems = []
    case .failure(let failure): problems = failure.messages
    }
    let prefixes = fields.map { $0.name.rawValue + ": " }
    errors.removeAll { message in
      prefixes.contains { message.hasPrefix($0) } && !problems.contains(message)
    }
  }

  /// Whether the focused field is a choice (arrow keys step through its options).
  public var focusIsChoice: Bool { !fields[focusIndex].options.isEmpty }
}

/// Why a form cannot be saved, one message per problem ("field: problem").
public struct FormErrors: Error, Sendable, Equatable {
  public var messages: [String]
}
