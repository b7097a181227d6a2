import RapportDomain

/// What earlier rows (and the journal) hold, to leave repeated rows alone.
struct RowKeys {
  /// Usage samples in the journal and on earlier lines; made at the first usage row.
  var usage: UsageKeys?
  var npsInJournal: Set<NPSKey>?
  var npsInFile: [NPSKey: Int] = [:]
  var contactsInJournal: Set<String>?
  var contactsInFile: [String: Int] = [:]
  /// Account ids planned by earlier rows, with their line.
  var accountsInFile: [String: Int] = [:]
  /// How many rows so far named each account name (lowercased), for rows without an account id.
  var nameOccurrences: [String: Int] = [:]
  /// Tickets seen earlier in the file, by account and ticket id, with their line.
  var ticketsInFile: [String: Int] = [:]
}
