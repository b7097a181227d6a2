import RapportDomain
import RapportText

/// `rapport account list`: unowned accounts first, then by id.
enum AccountListing {
  static func print(_ desk: Desk, today: Day, format: OutputFormat) {
    let accounts = desk.book.allAccounts.sorted {
      ($0.owner == nil ? 0 : 1, $0.slug) < ($1.owner == nil ? 0 : 1, $1.slug)
    }
    switch format {
    case .json: Output.json(.array(accounts.map { AccountJSON.summary($0, book: desk.book) }))
    case .text:
      var table = Table(
        headers: ["ACCOUNT", "NAME", "TIER", "STAGE", "OWNER", "RENEWAL", "VALUE", "LAST TOUCH"], rightAligned: [2, 6])
      for account in accounts {
        table.append([
          account.slug, account.name, String(account.tier), account.stage.rawValue, account.owner ?? "NO OWNER",
          account.renewal?.description ?? "–", account.value?.description ?? "–",
          account.lastMeaningfulTouchpoint.map { "\($0.date) (\(today.days(since: $0.date))d ago)" } ?? "never",
        ])
      }
      Output.text(table.rendered())
      Output.line(
        "\(counted(accounts.count, "account")), \(accounts.filter { $0.owner == nil }.count) without an owner")
    }
  }
}
