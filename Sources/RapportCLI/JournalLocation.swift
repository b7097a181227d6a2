import RapportJournal
import RapportPostgres

/// Where `--log` or `$RAPPORT_LOG` says the journal lives: a file path, or a PostgreSQL database named
/// by a libpq connection string (a `postgresql://` or `postgres://` URI, or `key=value` pairs naming a
/// `host=`, `dbname=` or `service=`).
enum JournalLocation {
  /// The journal at `text`.
  static func journal(at text: String) -> Journal {
    isDatabase(text) ? Journal(store: PostgresJournalStore(connectionString: text)) : Journal(path: text)
  }

  /// Whether `text` names a database rather than a file. A path is never taken for a connection
  /// string: `key=value` pairs count only when every word is one and one of them says where.
  static func isDatabase(_ text: String) -> Bool {
    if ConnectionString.isURI(text) { return true }
    let words = text.split(separator: " ", omittingEmptySubsequences: true)
    guard !words.isEmpty, !text.contains("/") || text.contains("host=/") else { return false }
    let keys = words.compactMap { word -> Substring? in
      guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return nil }
      return word[..<equals]
    }
    return keys.count == words.count && keys.contains { ["host", "hostaddr", "dbname", "service"].contains($0) }
  }
}
