import RapportDomain

/// Which form a key opens for an account, or why it cannot open (read-only, nothing selected, no
/// owner to hand off from).
enum FormOpening {
  /// What the form of `kind` records, as the key table says it ("log a touchpoint").
  static func purpose(of kind: FormKind) -> String {
    KeyTable.bindings.first { $0.action == .openForm(kind) }?.help ?? "write"
  }

  /// The keys that open a form on the main screen, and what each one records.
  static var formKeys: [(key: Character, action: String)] { KeyTable.formKeys }

  /// Opens the form of `kind` for `account` (the selected one, or the standup's card).
  static func open(_ kind: FormKind, for account: Account?, _ env: ScreenEnvironment) -> [Effect] {
    if let refusal = env.writeRefusal(for: purpose(of: kind)) { return [.say(refusal)] }
    let owners = env.projection.knownOwners
    if kind == .account { return [.present(.form(.account(owners: owners, user: env.user)))] }
    guard let account else { return [.say("no account selected")] }
    let form: EntryForm
    switch kind {
    case .touchpoint: form = .touchpoint(for: account)
    case .nps: form = .nps(for: account)
    case .owner: form = .owner(for: account, owners: owners)
    case .handoff:
      guard account.owner != nil else { return [.say("\(account.slug) has no owner to hand off from: o assigns one")] }
      form = .handoff(for: account, owners: owners)
    case .stage: form = .stage(for: account)
    case .criterion: form = .criterion(for: account)
    case .valueNote: form = .valueNote(for: account)
    case .account, .retraction: return []
    }
    return [.present(.form(form))]
  }
}
