/// A one-line text field: typing appends (up to a limit), Backspace deletes the last character. The
/// filter and the standup's action item use it; the entry forms' fields add choices, dates and a
/// cursor (`TextLine`).
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

/// Moving the cursor of a line, and deleting around it, as a shell's line editor does.
public enum LineEdit: Sendable, Equatable, CaseIterable {
  /// One character left or right (`←` `→`).
  case left, right
  /// To the start or the end of the line (`Home` `End`, `Ctrl-A` `Ctrl-E`).
  case start, end
  /// The character under the cursor (`Delete`).
  case deleteForward
  /// Everything before the cursor (`Ctrl-U`), everything from it (`Ctrl-K`).
  case deleteToStart, deleteToEnd
  /// The word before the cursor, and the spaces after it (`Ctrl-W`).
  case deleteWord
}

/// A line of text with a cursor (a count of characters before it): typing inserts at the cursor,
/// Backspace deletes before it, `LineEdit` moves it and deletes around it.
struct TextLine: Sendable, Equatable {
  private(set) var characters: [Character]
  /// Characters before the cursor, from 0 to `characters.count`.
  private(set) var cursor: Int

  init(_ text: String, cursor: Int? = nil) {
    characters = Array(text)
    self.cursor = min(max(0, cursor ?? characters.count), characters.count)
  }

  var text: String { String(characters) }

  /// Inserts `character` at the cursor, unless the line already holds `limit` characters.
  mutating func insert(_ character: Character, limit: Int) {
    guard characters.count < limit else { return }
    characters.insert(character, at: cursor)
    cursor += 1
  }

  /// Backspace: the character before the cursor.
  mutating func deleteBackward() {
    guard cursor > 0 else { return }
    characters.remove(at: cursor - 1)
    cursor -= 1
  }

  mutating func apply(_ edit: LineEdit) {
    switch edit {
    case .left: cursor = max(0, cursor - 1)
    case .right: cursor = min(characters.count, cursor + 1)
    case .start: cursor = 0
    case .end: cursor = characters.count
    case .deleteForward:
      if cursor < characters.count { characters.remove(at: cursor) }
    case .deleteToStart:
      characters.removeSubrange(0..<cursor)
      cursor = 0
    case .deleteToEnd: characters.removeSubrange(cursor...)
    case .deleteWord:
      var start = cursor
      while start > 0, characters[start - 1].isWhitespace { start -= 1 }
      while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
      characters.removeSubrange(start..<cursor)
      cursor = start
    }
  }
}
