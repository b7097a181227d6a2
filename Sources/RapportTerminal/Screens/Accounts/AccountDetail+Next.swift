import RapportDomain
import RapportText

/// The detail's "Next" lines (the account's open plays, soonest first) and its health sparkline.
extension AccountDetail {
  /// Plays listed by name; more are counted on the last line.
  static let nextShown = 3

  /// Lines "Next" takes above the timeline: one per play up to `nextShown` (the last counting the rest
  /// when there are more), one when nothing is due.
  static func nextLineCount(_ item: Assessment) -> Int { min(nextShown, max(1, item.plays.count)) }

  /// The open plays, overdue first, then by the day they are due.
  static func nextPlays(_ item: Assessment, today: Day) -> [Play] {
    item.plays.sorted { left, right in
      let leftLate = left.isOverdue(on: today)
      if leftLate != right.isOverdue(on: today) { return leftLate }
      return (left.due, left.title) < (right.due, right.title)
    }
  }

  static func nextLines(_ item: Assessment, today: Day) -> [Line] {
    let heading = Segment("Next ", .header)
    let plays = nextPlays(item, today: today)
    guard !plays.isEmpty else { return [[heading, Segment(" nothing due", .dim)]] }
    let listed = plays.count > nextShown ? nextShown - 1 : plays.count
    var lines: [Line] = plays.prefix(listed).enumerated().map { index, play in
      [index == 0 ? heading : Segment("     ")] + playLine(play, today: today)
    }
    if plays.count > listed {
      let rest = plays.count - listed
      lines.append([Segment("      … \(rest) more open play\(rest == 1 ? "" : "s") (d: what is due)", .dim)])
    }
    return lines
  }

  /// "! 2026-11-10 overdue 13d  check-in (tier 1, every 7 days)", the marker and the days in the
  /// overdue role so that they read without colour too.
  private static func playLine(_ play: Play, today: Day) -> Line {
    let late = play.isOverdue(on: today)
    let when: String
    if late {
      when = "overdue \(play.daysLate(on: today))d"
    } else {
      let days = play.due.days(since: today)
      when = days <= 0 ? "due now" : "in \(days)d"
    }
    return [
      Segment(late ? "!" : " ", .overdue), Segment(" " + play.due.description + " ", .dim),
      Segment(Cells.fit(when, 12), late ? .overdue : .normal), Segment(play.title),
      Segment(play.owner.map { "  (\($0))" } ?? "", .dim),
    ]
  }

  // MARK: The sparkline

  static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// "12 weeks ▃▄▅▆▇█  41 → 82": one block per week, its height the score (0 to 100), its colour the
  /// health. A theme without colour (NO_COLOR) adds each week's health letter after the blocks.
  static func sparkline(_ points: [HealthPoint], theme: Theme) -> Line {
    let colourless = [Role.healthRed, .healthYellow, .healthGreen].allSatisfy {
      theme[$0].foreground == nil && theme[$0].background == nil
    }
    var line: Line = [Segment("\(points.count) weeks ", .dim)]
    for point in points {
      guard point.existed else {
        line.append(Segment(" "))
        continue
      }
      guard let score = point.score else {
        line.append(Segment("·", .dim))
        continue
      }
      let block = String(blocks[max(0, min(blocks.count - 1, score * blocks.count / 101))])
      line.append(Segment(block, colourless ? .normal : Theme.role(of: point.health)))
    }
    let scores = points.compactMap(\.score)
    if let first = scores.first, let last = scores.last {
      line.append(Segment("  \(first) → \(last)", .dim))
    }
    if colourless {
      line.append(Segment("  "))
      for point in points {
        line.append(
          point.existed ? Segment(point.health.letter, Theme.role(of: point.health)) : Segment(" "))
      }
    }
    return line
  }
}

/// A row of the account list for an entry a text search found: its day, the account's name in the
/// name column, what it is, and the text around the match, the match in the key role.
enum MatchRow {
  static func line(_ match: TextMatch, name: String, _ columns: AccountList.Columns, width: Int, selection: Role?)
    -> Line
  {
    var line: Line = [Segment(match.day.description + "  ", .dim)]
    let fitted = Cells.fit(name, columns.name)
    if let selection {
      line.append(Segment(AccountList.marker + fitted, selection))
    } else {
      line.append(Segment(" " + fitted))
    }
    line.append(Segment(" " + Cells.fit(match.label, 10) + " ", .key))
    let used = 12 + 1 + columns.name + 12
    line += snippet(match, width: max(10, width - used))
    return line
  }

  /// The text around the match, cut to `width` columns: a little before it, the match, what follows.
  static func snippet(_ match: TextMatch, width: Int) -> Line {
    let text = Array(TerminalText.sanitised(match.text.replacingOccurrences(of: "\n", with: " ")))
    let start = min(max(0, match.offset), text.count)
    let length = min(text.count - start, max(1, matchLength(match)))
    let lead = max(0, start - 12)
    let before = (lead > 0 ? "…" : "") + String(text[lead..<start])
    let found = String(text[start..<start + length])
    let after = String(text[(start + length)...])
    let room = max(0, width - TerminalText.width(of: before) - TerminalText.width(of: found))
    return [
      Segment(before), Segment(found, .key), Segment(TerminalText.truncated(after, toColumns: room)),
    ]
  }

  /// Characters of the match: the needle's, which the match's offset starts.
  private static func matchLength(_ match: TextMatch) -> Int { match.length }
}
