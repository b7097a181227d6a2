/// A field an import understands. Its raw value is Rapport's own column name (what `rapport export`
/// writes); `aliases` are the column names of real exports that mean the same, matched case-insensitively
/// and ignoring spaces, underscores and punctuation ("Company name" = "company_name" = "companyname").
public enum ImportField: String, Sendable, CaseIterable {
  case account, name, tier, stage, owner, manager, signed, renewal, value
  case firstName = "first_name"
  case lastName = "last_name"
  case role, email, sponsor, date, ticket, severity, status, opened, closed, contact, score, comment

  /// Accepted column names for this field in a file of `kind`, best first: the first one present wins.
  public func aliases(in kind: ImportKind) -> [String] {
    switch (self, kind) {
    case (.account, .accounts): return ["account", "slug", "account slug", "rapport id"]
    case (.account, .tickets):
      return ["account", "organization", "organisation", "company", "requester organization", "company name"]
    case (.account, _):
      return [
        "account", "slug", "company", "company name", "account name", "organization", "organisation",
        "associated company", "customer",
      ]
    case (.name, .accounts):
      return ["name", "company name", "account name", "company", "organization", "organisation", "display name"]
    case (.name, .nps): return []
    case (.name, _): return ["name", "contact name", "full name"]
    case (.tier, _): return ["tier", "customer tier", "account tier"]
    case (.stage, _): return ["stage", "lifecycle stage", "lifecycle", "type", "account type"]
    case (.owner, _):
      return ["owner", "company owner", "account owner", "relationship owner", "hubspot owner", "owner name"]
    case (.manager, _): return ["manager", "account manager", "csm", "customer success manager"]
    case (.signed, _):
      return [
        "signed", "signed date", "signature date", "contract signed", "contract start date", "became a customer date",
        "customer since",
      ]
    case (.renewal, _): return ["renewal", "renewal date", "contract end date", "contract end"]
    case (.value, .accounts):
      // Contract fields only: a company's own revenue or head count is never a contract value
      // (`HeaderMapping.isCompanyFigure`).
      return [
        "value", "annual contract value", "acv", "contract value", "arr", "annual recurring revenue", "contract arr",
        "deal amount", "amount", "contract amount", "deal value",
      ]
    case (.value, _): return ["value", "usage", "count", "active users", "quantity", "amount"]
    case (.firstName, _): return ["first name", "given name", "firstname"]
    case (.lastName, _): return ["last name", "surname", "family name", "lastname"]
    case (.role, _): return ["role", "title", "job title", "position"]
    case (.email, _): return ["email", "email address", "e-mail", "respondent email", "contact email"]
    case (.sponsor, _): return ["sponsor", "executive sponsor", "is sponsor"]
    case (.date, .nps):
      return [
        "date", "submitted at", "responded at", "response date", "answered at", "submitted", "created at", "timestamp",
      ]
    case (.date, _): return ["date", "day", "measured on", "timestamp", "period"]
    case (.ticket, _): return ["ticket", "id", "ticket id", "ticket number", "number", "key", "issue key"]
    case (.severity, _): return ["severity", "priority"]
    case (.status, _): return ["status", "state"]
    case (.opened, _): return ["opened", "created at", "created", "opened at", "created date", "date"]
    case (.closed, _): return ["closed", "solved at", "closed at", "resolved at", "solved", "resolved", "closed date"]
    case (.contact, _): return ["contact", "name", "contact name", "respondent", "full name"]
    case (.score, _): return ["score", "nps", "nps score", "rating", "likelihood to recommend"]
    case (.comment, _): return ["comment", "comments", "feedback", "reason", "verbatim"]
    }
  }

  /// How a user names it in `--map FIELD=COLUMN`.
  public var name: String { rawValue }
}
