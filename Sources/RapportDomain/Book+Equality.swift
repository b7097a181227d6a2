// Value equality of whole books, so that a book loaded from a checkpoint (and then the journal's
// tail) can be compared with one folded from the whole journal.

extension AccountTable: Equatable {
  public static func == (lhs: AccountTable, rhs: AccountTable) -> Bool {
    lhs.storage == rhs.storage && lhs.voided == rhs.voided
  }
}

extension Book: Equatable {
  public static func == (lhs: Book, rhs: Book) -> Bool {
    lhs.journalID == rhs.journalID && lhs.lastSeq == rhs.lastSeq && lhs.cutoff == rhs.cutoff
      && lhs.previousRecord?.id == rhs.previousRecord?.id && lhs.previousRecord?.seq == rhs.previousRecord?.seq
      && lhs.accounts == rhs.accounts && lhs.tasks == rhs.tasks && lhs.standups == rhs.standups
      && lhs.openStandups == rhs.openStandups
      && lhs.configChanges == rhs.configChanges && lhs.anomalies == rhs.anomalies
      && lhs.unknownEvents == rhs.unknownEvents && lhs.entries == rhs.entries && lhs.voids == rhs.voids
      && lhs.members == rhs.members
  }
}
