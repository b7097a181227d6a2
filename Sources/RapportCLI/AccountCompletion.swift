import ArgumentParser
import RapportDomain
import RapportJournal

extension CompletionKind {
  /// The account ids of the journal (`--log` on the line typed so far, else the default journal).
  static var accountIDs: CompletionKind {
    .custom { words, _, _ in AccountCompletion.book(words: words)?.slugs ?? [] }
  }

  /// The owners and managers of the journal's accounts.
  static var owners: CompletionKind {
    .custom { words, _, _ in
      guard let book = AccountCompletion.book(words: words) else { return [] }
      var names: Set<String> = []
      for account in book.allAccounts {
        if let owner = account.owner { names.insert(owner) }
        if let manager = account.manager { names.insert(manager) }
      }
      return names.sorted()
    }
  }
}

/// What shell completion reads from the journal; nothing when it cannot be read.
enum AccountCompletion {
  static func book(words: [String]) -> Book? {
    var path: String?
    if let index = words.firstIndex(of: "--log"), index + 1 < words.count { path = words[index + 1] }
    if path == nil, let value = Environment.value("RAPPORT_LOG"), !value.isEmpty { path = value }
    let journal = JournalLocation.journal(at: path ?? Environment.dataHome + "/rapport/journal.jsonl")
    let user = Environment.value("RAPPORT_USER") ?? Environment.loginName
    guard journal.exists, let desk = try? Desk.open(journal, user: user) else { return nil }
    return desk.book
  }
}
