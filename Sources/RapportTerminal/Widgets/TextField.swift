/// A one-line text field: typing appends (up to a limit), Backspace deletes the last character. The
/// filter and the standup's action item use it; the entry forms' fields add choices and dates.
enum TextField {
  /// Applies a typing action to `text`; returns whether it was one.
  static func edit(_ text: inout String, _ action: Action, limit: Int) -> Bool {
    switch action {
    case .erase:
      if !text.isEmpty { text.removeLast() }
    case .type(let character):
      if text.count < limit { text.append(character) }
    default: return false
    }
    return true
  }
}
