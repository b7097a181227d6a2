import RapportJournal

/// An entry that can be amended: it re-reads its fields from its data merged with the changes, so an
/// amendment is validated exactly like the original.
protocol AmendableEntry {
  var meta: EntryMeta { get set }
  var data: JSONObject { get }
  init(meta: EntryMeta, data: JSONObject) throws(DomainError)
  static var amendableFields: [String] { get }
  /// Carries over what later records added to the entry (a closing, a completion, links), which its
  /// own data does not hold, when an amendment rebuilds it.
  mutating func keepState(of original: Self)
}

extension AmendableEntry {
  mutating func keepState(of original: Self) {}
}
