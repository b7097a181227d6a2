import RapportDomain
import RapportJournal

/// This dashboard session's own saves, oldest first: what `U` may undo. Only entries this dashboard
/// saved are here, so `U` never undoes another user's entry nor one from before the session.
public struct UndoHistory: Sendable, Equatable {
  /// One saved record.
  public struct Save: Sendable, Equatable {
    public var seq: Int
    public var type: String
    public var account: String?
  }

  public private(set) var saves: [Save] = []

  public init() {}

  /// Keeps `records`, just saved by this dashboard; corrections and voids undo, they are not undone.
  mutating func record(_ records: [Record]) {
    for record in records {
      switch EventType(name: record.type) {
      case .entryRetracted, .entryAmended, .accountVoided: continue
      default: saves.append(Save(seq: record.seq, type: record.type, account: record.account))
      }
    }
  }

  /// The newest save that is still in effect and can be undone, against the latest `book`.
  func next(in book: Book) -> UndoStep? {
    for save in saves.reversed() {
      if let step = UndoStep(undoing: save, in: book) { return step }
    }
    return nil
  }
}
