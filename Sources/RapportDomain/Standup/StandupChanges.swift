/// "What changed since the last standup" for one account, in words: every timeline entry recorded after
/// the last standup (or, before the first one, dated in the last week), oldest first, and the move in
/// usage.
enum StandupChanges {
  static func describe(_ account: Account, in book: Book, after previous: Standup?, since: Day) -> [String] {
    let entries = (try? book.timeline(of: account.slug)) ?? []
    let recent = entries.filter { entry in
      if let previous { return entry.seq > previous.seq }
      return entry.day > since
    }
    var lines = recent.reversed().map { entry in
      entry.title + (entry.detail.map { " (\($0))" } ?? "") + (entry.by.isEmpty ? "" : " — \(entry.by)")
    }
    if let usage = usageChange(account, after: previous, since: since) { lines.append(usage) }
    return lines
  }

  /// "usage −35 % (1200 → 780)": the latest sample dated after the last standup against the last one dated on or before it.
  static func usageChange(_ account: Account, after previous: Standup?, since: Day) -> String? {
    let samples = account.usage.filter { !$0.meta.isRetracted }.sorted {
      ($0.date, $0.meta.seq) < ($1.date, $1.meta.seq)
    }
    // Usage is a measurement: its date counts, not when it was typed in.
    let isNew = { (sample: UsageSample) in sample.date > since }
    guard let latest = samples.last(where: isNew), let before = samples.last(where: { !isNew($0) }), before.value > 0
    else { return nil }
    let percent = Int(((latest.value - before.value) / before.value * 100).rounded())
    guard percent != 0 else { return nil }
    let sign = percent > 0 ? "+" : "−"
    return "usage \(sign)\(abs(percent)) % (\(number(before.value)) → \(number(latest.value)))"
  }

  /// Whole numbers without a fraction, others to one decimal.
  private static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String((value * 10).rounded() / 10)
  }
}
