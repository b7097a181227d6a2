import RapportDomain

/// The forms the dashboard opens, one factory each, with the choices filled in from the book.
extension EntryForm {
  static let kindOptions = TouchpointKind.allCases.map(\.rawValue)
  static let stageOptions = Stage.allCases.map(\.rawValue)

  /// `t`: kind, date, summary (the focus), participants, an optional follow-up task; the kind and the
  /// start of the summary can be given (the due screen fills in what closes a play).
  public static func touchpoint(
    for account: Account, kind: TouchpointKind = .call, summary: String = "", note: String? = nil
  ) -> EntryForm {
    EntryForm(
      .touchpoint, title: "Log touchpoint: \(account.name)", slug: account.slug,
      fields: [
        FormField(.kind, .choice(kindOptions, allowsOther: false), text: kind.rawValue),
        FormField(.date, .date, text: "today"), FormField(.summary, .text(long: true), text: summary, isDefault: false),
        FormField(.with, .choice(contactNames(account), allowsOther: true)),
        FormField(.followUp, .text(long: false)), FormField(.followUpDue, .date),
      ], focus: .summary, note: note)
  }

  /// Marks a task done (the due screen's `t` on a task).
  public static func taskCompletion(_ task: TaskItem, in account: Account) -> EntryForm {
    EntryForm(
      .completeTask(id: task.id), title: "Task \(task.id) done: \(account.name)", slug: account.slug,
      fields: [FormField(.date, .date, text: "today")], note: "\(task.text) (due \(task.due))")
  }

  /// `n`: score 0–10 (the focus), who answered, their comment, the day.
  public static func nps(for account: Account) -> EntryForm {
    EntryForm(
      .nps, title: "NPS response: \(account.name)", slug: account.slug,
      fields: [
        FormField(.score, .text(long: false)), FormField(.contact, .choice(contactNames(account), allowsOther: true)),
        FormField(.comment, .text(long: true)), FormField(.date, .date, text: "today"),
      ])
  }

  /// `o`: a new owner for an account (the usual way for an unowned one), from a day (default today).
  public static func owner(for account: Account, owners: [String]) -> EntryForm {
    EntryForm(
      .owner, title: "Assign owner: \(account.name)", slug: account.slug,
      fields: [FormField(.owner, .choice(owners, allowsOther: true)), FormField(.date, .date, text: "today")],
      note: account.owner.map { "owned by \($0) now; h hands off with a note" })
  }

  /// `h`: hand off to another owner, with a note for them, on a day (default today).
  public static func handoff(for account: Account, owners: [String]) -> EntryForm {
    EntryForm(
      .handoff, title: "Hand off: \(account.name)", slug: account.slug,
      fields: [
        FormField(.owner, .choice(owners.filter { $0 != account.owner }, allowsOther: true)),
        FormField(.note, .text(long: true)), FormField(.date, .date, text: "today"),
      ], note: "from \(account.owner ?? "nobody")")
  }

  /// `s`: a new stage, picked by letter; it starts on the stage after the current one (never on churned,
  /// which must be picked on purpose); why (above all, why a client churned) and the day it changed.
  public static func stage(for account: Account) -> EntryForm {
    let stages = Stage.allCases.filter { $0 != .churned }
    let after = stages.drop { $0 != account.stage }.dropFirst().first
    let next = after ?? stages.first { $0 != account.stage } ?? .onboarding
    return EntryForm(
      .stage, title: "Change stage: \(account.name)", slug: account.slug,
      fields: [
        FormField(.stage, .choice(stageOptions, allowsOther: false), text: next.rawValue),
        FormField(.reason, .text(long: false)), FormField(.date, .date, text: "today"),
      ],
      note: "now \(account.stage.rawValue)")
  }

  /// `a`: a new account; the slug is suggested from the name when left empty; the date is the day it
  /// became an account (default today).
  public static func account(owners: [String], user: String) -> EntryForm {
    EntryForm(
      .account, title: "Add account", slug: "",
      fields: [
        FormField(.name, .text(long: false)), FormField(.slug, .text(long: false)),
        FormField(.tier, .choice(["1", "2", "3"], allowsOther: false), text: "2"),
        FormField(.stage, .choice(stageOptions, allowsOther: false), text: Stage.onboarding.rawValue),
        FormField(.owner, .choice(owners, allowsOther: true), text: owners.contains(user) ? user : ""),
        FormField(.renewal, .date), FormField(.value, .text(long: false)), FormField(.date, .date, text: "today"),
      ])
  }

  /// `c`: meet an open success criterion, or add a new one (text and target), on a day (default today).
  public static func criterion(for account: Account) -> EntryForm {
    let open = account.criteria.filter { !$0.meta.isRetracted && !$0.isMet }.map { "\($0.number): \($0.text)" }
    return EntryForm(
      .criterion, title: "Success criterion: \(account.name)", slug: account.slug,
      fields: [
        FormField(.criterion, .choice(["new"] + open, allowsOther: false), text: "new"),
        FormField(.text, .text(long: false)), FormField(.target, .date), FormField(.date, .date, text: "today"),
      ], focus: .text, note: "new: text and target, agreed on date · a number: met on date")
  }

  /// `v`: a value note (what the client got out of it).
  public static func valueNote(for account: Account) -> EntryForm {
    EntryForm(
      .valueNote, title: "Value note: \(account.name)", slug: account.slug,
      fields: [FormField(.text, .text(long: true)), FormField(.date, .date, text: "today")])
  }

  /// `u`: the confirmation before retracting a timeline entry, with the reason (required).
  public static func retraction(of entry: TimelineEntry, in account: Account) -> EntryForm {
    EntryForm(
      .retract(seq: entry.seq), title: "Retract #\(entry.seq) of \(account.name)?", slug: account.slug,
      fields: [FormField(.reason, .text(long: false))],
      note: "\(entry.day) \(entry.kind): \(entry.title) — why, then Enter retracts (kept in the journal); Esc keeps it")
  }

  private static func contactNames(_ account: Account) -> [String] {
    account.contacts.filter { !$0.meta.isRetracted }.map(\.name)
  }
}
