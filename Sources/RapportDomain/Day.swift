import RapportJournal

/// A calendar date without a time zone, stored as days since 1970-01-01.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible, Codable, BitwiseCopyable {
  public var number: Int

  public init(number: Int) { self.number = number }

  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month) else {
      return nil
    }
    number = CivilCalendar.dayNumber(year: year, month: month, day: day)
  }

  /// Parses `YYYY-MM-DD` exactly.
  @inlinable
  public init?(iso text: some StringProtocol) {
    guard let number = CivilCalendar.parseDay(text) else { return nil }
    self.number = number
  }

  /// Parses what a user types: `YYYY-MM-DD`, `today`, `yesterday`, `tomorrow`, `-Nd` or `+Nd`
  /// (also weeks, `-2w`), or a weekday (`fri`, `friday`: the next one, today included), relative to `today`.
  public init?(userInput text: String, today: Day) {
    let input = text.trimmingSpaces().lowercased()
    switch input {
    case "today": self = today
    case "yesterday": self = today.adding(days: -1)
    case "tomorrow": self = today.adding(days: 1)
    default:
      if let exact = Day(iso: input) {
        self = exact
        return
      }
      let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
      let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
      if input.count >= 3, let weekday = weekdays.firstIndex(where: { input.hasPrefix($0) }),
        names[weekday].hasPrefix(input)
      {
        // The next such day, today included.
        self = today.adding(days: (weekday - today.weekday + 7) % 7)
        return
      }
      guard let sign = input.first, sign == "-" || sign == "+", let unit = input.last, unit == "d" || unit == "w",
        input.count >= 3, input.dropFirst().dropLast().allSatisfy({ ("0"..."9").contains($0) }),
        let amount = Int(input.dropFirst().dropLast()), amount <= 100_000
      else { return nil }
      let days = amount * (unit == "w" ? 7 : 1)
      self = today.adding(days: sign == "-" ? -days : days)
    }
  }

  /// The days Rapport accepts anywhere, 1990-01-01 to 2100-12-31: earlier or later is a typing mistake.
  public static let acceptedRange = Day(number: 7305)...Day(number: 47846)

  /// The local date of a moment in this process's time zone.
  public static func local(_ time: Timestamp) -> Day { Day(number: LocalTime.day(of: time)) }

  public func adding(days: Int) -> Day { Day(number: number + days) }

  public func days(since other: Day) -> Int { number - other.number }

  /// The same day of the month `months` later (or earlier), on the month's last day when it is shorter:
  /// a renewal of 2026-01-31 plus one month is 2026-02-28.
  public func adding(months: Int) -> Day {
    let (year, month, day) = components
    let total = year * 12 + (month - 1) + months
    let (newYear, newMonth) = (total / 12, total % 12 + 1)
    let last = CivilCalendar.daysInMonth(year: newYear, month: newMonth)
    return Day(number: CivilCalendar.dayNumber(year: newYear, month: newMonth, day: min(day, last)))
  }

  /// 0 = Monday … 6 = Sunday.
  public var weekday: Int { CivilCalendar.weekday(ofDay: number) }

  public var components: (year: Int, month: Int, day: Int) { CivilCalendar.components(ofDay: number) }

  public var description: String { CivilCalendar.format(day: number) }

  public static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }

  public init(from decoder: Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let day = Day(iso: text) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
    }
    self = day
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

extension String {
  /// Without leading and trailing whitespace (what every command and form does to typed text).
  public func trimmingSpaces() -> String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }
}
