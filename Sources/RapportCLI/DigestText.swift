import RapportDomain

/// A digest in words: one person's plain-text body (the mail's), and the whole digest as one Markdown
/// document (for a chat channel). Every account name and reason is untrusted text: made one line with
/// no control characters (`MailHeader.oneLine`), and escaped in Markdown.
enum DigestText {
  /// Lines of a mail body are wrapped to this many characters (a URL-free plain-text habit; commands
  /// are never wrapped, so they paste whole).
  static let width = 76

  static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

  /// "Monday 2026-11-16".
  static func dayName(_ day: Day) -> String { "\(weekdays[day.weekday]) \(day)" }

  /// The sections of a person's digest, in order: title, items.
  static func sections(_ recipient: Digest.Recipient) -> [(title: String, items: [Digest.Item])] {
    let overdue = recipient.overduePlays
    let soon = recipient.plays.count - overdue
    var playTitle = "Plays: "
    playTitle +=
      [overdue > 0 ? "\(overdue) overdue" : nil, soon > 0 ? "\(soon) due in the next \(Digest.playDays) days" : nil]
      .compactMap { $0 }.joined(separator: ", ")
    return [
      (playTitle, recipient.plays),
      ("Accounts red or worse since last week", recipient.accounts),
      ("Renewals inside the renewal window, or overdue", recipient.renewals),
      ("Accounts with no owner", recipient.unowned),
    ].filter { !$0.items.isEmpty }
  }

  /// The subject line: counts, and the most pressing account.
  static func subject(_ recipient: Digest.Recipient, today: Day) -> String {
    let overdue = recipient.overduePlays
    let soon = recipient.plays.count - overdue
    let parts = [
      overdue > 0 ? "\(overdue) overdue" : nil, soon > 0 ? "\(soon) due this week" : nil,
      recipient.accounts.isEmpty ? nil : counted(recipient.accounts.count, "account") + " to look at",
      recipient.renewals.isEmpty ? nil : counted(recipient.renewals.count, "renewal"),
      recipient.unowned.isEmpty ? nil : "\(recipient.unowned.count) without an owner",
    ].compactMap { $0 }
    var subject = "Rapport digest \(today): " + parts.joined(separator: ", ")
    if let first = recipient.first {
      let name = MailHeader.oneLine(first.name)
      subject += " (\(name.count > 40 ? String(name.prefix(39)) + "…" : name) first)"
    }
    return subject
  }

  // MARK: Mail

  /// One person's message body, as lines (no line ends).
  static func body(_ recipient: Digest.Recipient, today: Day) -> [String] {
    var lines = wrap("Rapport digest for \(recipient.name), \(dayName(today)): what to act on before the standup.")
    for (title, items) in sections(recipient) {
      lines += ["", title.uppercasedFirstWord(), String(repeating: "-", count: min(width, title.count)), ""]
      for item in items {
        lines += wrap(heading(item, for: recipient.name), first: "* ", indent: "  ")
        lines += wrap(MailHeader.oneLine(item.reason), first: "  ", indent: "  ")
        let action = DigestAction(item)
        lines.append("  \(action.verb): \(action.command)")
        if let keys = action.keys { lines += wrap("dashboard: \(keys)", first: "  ", indent: "  ") }
      }
    }
    lines += [
      "", "-- ",
      "Sent by rapport digest. Every play of yours: rapport due --owner \(recipient.name)",
    ]
    return lines
  }

  /// "Café Müller GmbH (cafe), owner bob, you manage it".
  private static func heading(_ item: Digest.Item, for name: String) -> String {
    var text = "\(MailHeader.oneLine(item.name)) (\(item.slug))"
    if item.managedBy != nil { text += ", owner \(item.owner ?? "none"), you manage it" }
    return text
  }

  /// `text` wrapped at spaces to `width` scalars, the first line after `first`, the others after
  /// `indent`; a word longer than a line is cut, so that no line of a mail passes 998 bytes whatever a
  /// name holds (scalars, not characters, are counted: one character may hold any number of them).
  static func wrap(_ text: String, first: String = "", indent: String = "") -> [String] {
    var lines: [String] = []
    var line = Array(first.unicodeScalars)
    var empty = true
    let flush = {
      lines.append(String(String.UnicodeScalarView(line)))
      line = Array(indent.unicodeScalars)
      empty = true
    }
    for piece in text.unicodeScalars.split(separator: " ") {
      var word = Array(piece)[...]
      if !empty, line.count + 1 + word.count > width { flush() }
      while line.count + word.count > width {
        let room = max(1, width - line.count)
        line += word.prefix(room)
        word = word.dropFirst(room)
        flush()
      }
      guard !word.isEmpty else { continue }
      if !empty { line.append(" ") }
      line += word
      empty = false
    }
    if !empty || lines.isEmpty { flush() }
    return lines
  }

  // MARK: Markdown

  /// The whole digest as one Markdown document: accounts with no owner once, then each person's part.
  static func markdown(_ digest: Digest) -> String {
    var lines = ["# Rapport digest, \(dayName(digest.today))", ""]
    if digest.recipients.isEmpty && digest.unowned.isEmpty { lines += ["Nothing to act on.", ""] }
    if !digest.unowned.isEmpty {
      lines += ["## No owner", ""]
      lines += digest.unowned.map { markdownLine($0, for: "") }
      lines.append("")
    }
    for recipient in digest.recipients {
      var parts = sections(recipient)
      parts.removeAll { $0.items == recipient.unowned }
      guard !parts.isEmpty else { continue }
      lines += ["## \(escaped(recipient.name))", ""]
      for (title, items) in parts {
        lines += ["**\(title)**", ""]
        lines += items.map { markdownLine($0, for: recipient.name) }
        lines.append("")
      }
    }
    return lines.joined(separator: "\n")
  }

  private static func markdownLine(_ item: Digest.Item, for name: String) -> String {
    let action = DigestAction(item)
    var line = "- **\(escaped(item.name))** (`\(item.slug)`)"
    if item.managedBy != nil { line += ", owner \(escaped(item.owner ?? "none")), managed by \(escaped(name))" }
    line += ": \(escaped(item.reason)). \(action.verb.capitalisedFirst): `\(action.command)`"
    if let keys = action.keys { line += " (dashboard: \(escaped(keys)))" }
    return line
  }

  /// Untrusted text for Markdown: one line, no controls, and the characters that would format, link
  /// or open HTML escaped.
  static func escaped(_ text: String) -> String {
    var out = ""
    for character in MailHeader.oneLine(text) {
      if "\\`*_[]<>#|~!".contains(character) { out.append("\\") }
      out.append(character)
    }
    return out
  }
}

extension String {
  fileprivate func uppercasedFirstWord() -> String {
    guard let space = firstIndex(of: ":") else { return uppercased() }
    return self[..<space].uppercased() + self[space...]
  }

  fileprivate var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
