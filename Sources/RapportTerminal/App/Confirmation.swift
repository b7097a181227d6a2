/// A yes/no question in the modal slot, asked in the status line: `y` sends `onYes`, `n` or Esc drops
/// it (saying `onNo` when set). Any feature that must ask before it acts presents one
/// (`.present(.confirm(...))`); nothing else acts while it shows.
public struct Confirmation: Sendable, Equatable {
  /// The question, ending with "?" ("undo touchpoint #4412 on Acme (call, 'renewal…')?").
  public var question: String
  /// What a yes does.
  public var onYes: Action
  /// What a no says in the status line (nil: nothing).
  public var onNo: String?

  public init(question: String, onYes: Action, onNo: String? = nil) {
    self.question = question
    self.onYes = onYes
    self.onNo = onNo
  }

  /// The status line while it asks: the question and the answers.
  var prompt: String { question + "  y yes · n no" }

  /// The answer: a yes closes the question and sends `onYes`; a no closes it; anything else leaves it
  /// asking.
  func reduce(_ action: Action) -> [Effect] {
    switch action {
    case .answer(true): return [.dismiss, .send(onYes), .redraw]
    case .answer(false), .cancel, .back: return [.dismiss] + (onNo.map { [.say($0)] } ?? []) + [.redraw]
    default: return [.redraw]
    }
  }
}

extension DashboardState {
  /// What the status line says: the last key's message, else the question asked.
  var shownMessage: String? {
    if let message { return message }
    if case .confirm(let confirmation) = modal { return confirmation.prompt }
    return nil
  }
}
