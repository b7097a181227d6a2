import RapportDomain

/// Finds accounts by id or by name (any case).
struct AccountIndex {
  private var slugs: Set<String> = []
  private var byName: [String: [String]] = [:]
  private var byEmail: [String: [(slug: String, name: String)]] = [:]

  enum Resolution: Equatable {
    case found(String)
    case unknown
    case ambiguous([String])
  }

  init(_ book: Book) {
    for account in book.allAccounts {
      slugs.insert(account.slug)
      byName[account.name.trimmed.lowercased(), default: []].append(account.slug)
      for contact in account.contacts where !contact.meta.isRetracted {
        if let email = contact.email?.lowercased() {
          byEmail[email, default: []].append((account.slug, contact.name))
        }
      }
    }
  }

  func resolve(_ text: String) -> Resolution {
    if slugs.contains(text) { return .found(text) }
    let matches = byName[text.lowercased()] ?? []
    if matches.count == 1 { return .found(matches[0]) }
    if matches.count > 1 { return .ambiguous(matches) }
    if slugs.contains(text.lowercased()) { return .found(text.lowercased()) }
    return .unknown
  }

  /// Accounts (in creation order) whose name is `name`, any case.
  func accounts(named name: String) -> [String] { byName[name.trimmed.lowercased()] ?? [] }

  /// The distinct accounts having a contact with this email, with the contact's name.
  func contacts(withEmail email: String) -> [(slug: String, name: String)] {
    var seen = Set<String>()
    return (byEmail[email.lowercased()] ?? []).filter { seen.insert($0.slug).inserted }
  }
}
