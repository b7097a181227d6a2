/// The plain-text summaries of the standup, made to paste into chat or mail: the agenda before it,
/// and the record of one that was held.
public enum StandupSummary {
  /// The record of `standup`: who ran it, for whom, each account discussed with its health and why it
  /// was on the agenda, the action items and the accounts skipped.
  public static func text(of standup: Standup, in book: Book) -> String {
    let assessor = Assessor(book: book, today: standup.day)
    let scope = standup.owner.map { "\($0)'s accounts" } ?? "everyone's accounts"
    let actions = standup.actions.compactMap { book.tasks[$0] }
    var lines = [
      "Standup \(standup.day), run by \(standup.ranBy) — \(scope)",
      "\(count(standup.discussed.count, "account")) discussed · \(standup.skipped.count) skipped · "
        + count(actions.count, "action item"),
    ]
    if !standup.discussed.isEmpty {
      lines += ["", "Discussed"]
      for slug in standup.discussed {
        guard let account = try? book.account(slug) else { continue }
        let assessment = assessor.assess(account)
        let reasons = StandupAgenda.reasons(assessment, today: standup.day).map(\.label)
        lines.append(
          "- \(account.name) (\(slug)), \(account.owner ?? "no owner"): \(healthText(assessment))"
            + (reasons.isEmpty ? "" : " — " + reasons.joined(separator: ", ")))
      }
    }
    if !actions.isEmpty {
      lines += ["", "Action items"]
      for task in actions {
        let name = (try? book.account(task.account).name) ?? task.account
        lines.append("- \(name): \(task.text) — @\(task.owner ?? "nobody"), due \(task.due)")
      }
    }
    if !standup.skipped.isEmpty {
      lines += ["", "Skipped"]
      for slug in standup.skipped {
        lines.append("- " + ((try? book.account(slug).name).map { "\($0) (\(slug))" } ?? slug))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The agenda as a pre-read: each account with why it is there, its plays and what changed.
  public static func text(of agenda: StandupAgenda) -> String {
    let scope = agenda.owner.map { "\($0)'s accounts" } ?? "everyone's accounts"
    let since = agenda.previous.map { "since the standup of \($0.day)" } ?? "since \(agenda.since) (no standup yet)"
    var lines = ["Standup agenda \(agenda.today) — \(scope), \(count(agenda.items.count, "account")), changes \(since)"]
    if agenda.items.isEmpty { lines.append("Nothing to review: no unowned or red accounts, no falls, no risks.") }
    for item in agenda.items {
      lines += [
        "",
        "\(item.account.name) (\(item.account.slug)), \(item.account.owner ?? "no owner"): "
          + "\(healthText(item.assessment)) — \(item.reasons.map(\.label).joined(separator: ", "))",
      ]
      for play in item.overduePlays {
        lines.append("  ! \(play.title), due \(play.due), \(play.daysLate(on: agenda.today)) days late")
      }
      for play in item.openPlays { lines.append("  · \(play.title), due \(play.due)") }
      for change in item.changes { lines.append("  + \(change)") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// "red 35 ↓-12", "yellow 100 (thin data: 1 of 5 measures)" or "unknown".
  static func healthText(_ assessment: Assessment) -> String {
    let score = assessment.health.score.map { " \($0)" } ?? ""
    let change = assessment.trend.change.map { $0 > 0 ? "+\($0)" : "\($0)" } ?? ""
    let trend = assessment.trend.direction == .new ? "" : " \(assessment.trend.arrow)\(change)"
    let thin = assessment.health.thinDataNote.map { " (\($0))" } ?? ""
    return assessment.health.health.rawValue + score + trend + thin
  }

  private static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}
