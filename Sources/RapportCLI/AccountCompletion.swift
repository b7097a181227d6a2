import ArgumentParser
import RapportDomain
import RapportJournal

extension CompletionKind {
  /// The account ids of the journal (`--log` on the line typed so far, else the default journal).
  static var accountIDs: CompletionKind {
    .custom { words, _, _ in AccountCompletion.slugs(words: words) }
  }
}

/// Account ids for shell completion, read from the journal; none when it cannot be read.
enum AccountCompletion {
  static func slugs(words: [String]) -> [String] {
    var path: String?
    if let index = words.firstIndex(of: "--log"), index + 1 < words.count { path = words[index + 1] }
    if path == nil, let value = Environment.value("RAPPORT_LOG"), !value.isEmpty { path = value }
    let journal = Journal(path: path ?? Environment.dataHome + "/rapport/journal.jsonl")
    let user = Environment.value("RAPPORT_USER") ?? Environment.loginName
    guard journal.exists, let desk = try? Desk.open(journal, user: user) else { return [] }
    return desk.book.slugs
  }
}
