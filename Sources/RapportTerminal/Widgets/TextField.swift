/// A one-line text field with a cursor (`cursor`: characters before it, nil at the end): typing inserts
/// at the cursor (up to a limit), Backspace deletes before it, `LineEdit` moves it and deletes around
/// it. The filter and the standup's action item use it; the entry forms' fields add choices and dates.
enum TextField {
  /// Applies a typing action to a filter's line (200 characters at most): nil when it was not one, else
  /// the line and its cursor after it.
  static func editFilter(_ text: String, cursor: Int?, _ action: Action) -> (text: String, cursor: Int?)? {
    var text = text
    var cursor = cursor
    guard edit(&text, cursor: &cursor, action, limit: 200) else { return nil }
    return (text, cursor)
  }

  /// Applies a typing action to `text`; returns whether it was one.
  static func edit(_ text: inout String, cursor: inout Int?, _ action: Action, limit: Int) -> Bool {
    var line = TextLine(text, cursor: cursor)
    switch action {
    case .erase: line.deleteBackward()
    case .type(let character): line.insert(character, limit: limit)
    case .editLine(let edit): line.apply(edit)
    default: return false
    }
    text = line.text
    cursor = line.cursor == line.characters.count ? nil : line.cursor
    return true
  }

  /// `text` with the cursor drawn where it is.
  static func withCursor(_ text: String, at cursor: Int?) -> String {
    let characters = Array(text)
    let position = min(max(0, cursor ?? characters.count), characters.count)
    return String(characters[..<position]) + "▏" + String(characters[position...])
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
