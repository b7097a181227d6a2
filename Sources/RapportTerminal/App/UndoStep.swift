import RapportDomain
import RapportText

/// What `U` would undo next: one of this session's own entries, the command that undoes it (a
/// retraction, or the void of an account it added) and the words for the question and the outcome.
public struct UndoStep: Sendable, Equatable {
  /// The sequence number of the entry undone.
  public var seq: Int
  public var command: Command
  /// The entry, in words: "touchpoint #4412 on Acme (call, 'renewal…')".
  public var entry: String
  /// The account id, kept selected after the undo (nil for an account voided: it leaves the list).
  public var keeps: String?

  /// The reason written with the retraction or the void.
  public static let reason = "undone"

  public var question: String {
    if case .voidAccount = command { return "undo adding \(entry)? it is voided: out of every list, its id free" }
    return "undo \(entry)?"
  }

  /// Said once the undo is saved as record `seq`.
  func done(as seq: Int) -> String {
    if case .voidAccount = command { return "undone: \(entry) voided as #\(seq); its id is free again" }
    return "undone: \(entry) retracted as #\(seq)"
  }

  /// Undoing `save` of this session against `book`, if it is still in effect and can be undone.
  init?(undoing save: UndoHistory.Save, in book: Book) {
    seq = save.seq
    guard let slug = save.account else { return nil }
    if save.type == EventType.accountCreated.rawValue {
      // In effect while the account holding the id is the one this save created.
      guard let account = book.accounts[slug], account.created.seq == save.seq else { return nil }
      command = .voidAccount(slug: slug, reason: Self.reason)
      entry = "account \(slug) #\(save.seq) (\(Self.quoted(account.name)))"
      keeps = nil
      return
    }
    // Retractable and not retracted yet (not on a voided account either).
    guard let target = try? book.correctionTarget(save.seq), !target.isRetracted, let account = book.accounts[slug]
    else { return nil }
    command = .retract(seq: save.seq, reason: Self.reason)
    keeps = slug
    let name = Self.clean(account.name, 30)
    if let touchpoint = account.touchpoints.first(where: { $0.meta.seq == save.seq }) {
      entry = "touchpoint #\(save.seq) on \(name) (\(touchpoint.kind.label), \(Self.quoted(touchpoint.summary)))"
    } else if let line = try? book.timeline(of: slug).first(where: { $0.seq == save.seq }) {
      entry = "\(line.kind) #\(save.seq) on \(name) (\(Self.quoted(line.title)))"
    } else {
      entry = "\(save.type) #\(save.seq) on \(name)"
    }
  }

  /// Untrusted text for a one-line question: sanitised, its first line only, cut short.
  private static func clean(_ text: String, _ columns: Int) -> String {
    let line = TerminalText.sanitised(text).split(separator: "\n").first.map(String.init) ?? ""
    return TerminalText.truncated(line, toColumns: columns)
  }

  private static func quoted(_ text: String) -> String { "'" + clean(text, 24) + "'" }
}
